"""The specialisation, relatedness-density and class-burst figures (issue 31) on SYNTHETIC tables: what
they draw, where, that they name the classification, and that nothing overlaps or is cut."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from netanalysis._errors import PlotError
from netanalysis.metrics import knowledge_complexity, rca, region_technology_counts, relatedness_density
from netanalysis.metrics.bursts import class_bursts
from netanalysis.plotting._layout import layout_problems
from netanalysis.plotting.comparison import FOCAL_COLOR
from netanalysis.plotting.specialisation import (
    FEW_APPLICATIONS,
    plot_class_bursts,
    plot_relatedness_density,
    plot_specialisation,
)

# SYNTHETIC: the two sector exports of tests/ingest/test_generic.py (counts and RCA worked by hand in
# tests/metrics/test_specialisation.py: RCA ITC4 Pharmaceuticals 7/4, ITI4 Optics 2), plus a third region
TECH = pd.DataFrame({
    "patent_id": ["P1", "P1", "P2", "P3", "P4", "P5"],
    "applicant_id": ["UNI A", "FIRM B", "UNI A", "FIRM B", "LAB C", "LAB C"],
    "year": [2010, 2010, 2011, 2012, 2012, 2013],
    "region": ["ITC4C", "ITI43", "ITC4C", "ITI43", "ITH55", "ITH55"],
    "technology": ["Pharmaceuticals; Biotechnology; Semiconductors"] * 2
    + ["Pharmaceuticals", "Semiconductors; Optics", "Transport", "Optics; Transport"],
})


@pytest.fixture
def counts() -> pd.DataFrame:
    return region_technology_counts(TECH, level=2)


def test_specialisation_heatmap_draws_every_rca(counts, tmp_path):
    r = rca(counts)
    fig, ax = plot_specialisation(r, knowledge_complexity(counts), focus="ITC4", sizes=counts.sum(axis=1),
                                  credit="SYNTHETIC", save=True, filepath=tmp_path / "s.png", dpi=80)
    # WIPO fields in field-number order: Semiconductors (8), Optics (9), Biotechnology (15), Pharmaceuticals
    # (16), Transport (32); the sectors above them
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Semiconductors", "Optics", "Biotechnology",
                                                            "Pharmaceuticals", "Transport"]
    texts = [t.get_text() for t in ax.texts]
    # the sectors over their fields (one or two columns each: the first word)
    assert [t for t in texts if t and not t[:1].isdigit()] == ["Electrical", "Instruments", "Chemistry", "Mechanical"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # applications by region (fractional): ITC4 1/2 of P1 + P2 = 1.5; ITI4 1/2 + 1 = 1.5; ITH5 2 (all < 5: grey)
    assert "Lombardia (ITC4) · 1.5" in labels and "Emilia-Romagna (ITH5) · 2.0" in labels
    focal = labels.index("Lombardia (ITC4) · 1.5")
    assert ax.get_yticklabels()[focal].get_color() == FOCAL_COLOR
    assert all(ax.get_yticklabels()[i].get_color() == "#888888" for i in range(3) if i != focal)
    # the focus's RCAs are written in its cells, by hand with ITH5's P4 (Transport) and P5 (Optics, Transport):
    # total 5; ITC4's row 1.5; Pharmaceuticals (7/6 / 1.5) / (4/3 / 5) = 2.92, Biotechnology (1/6 / 1.5) / (1/3 / 5)
    # = 1.67, Semiconductors (1/6 / 1.5) / (5/6 / 5) = 0.67; Optics and Transport 0 (grey cells)
    assert [t for t in texts if t[:1].isdigit()] == ["0.7", "0", "1.7", "2.9", "0"]
    assert "WIPO technology fields" in ax.get_title() or "WIPO technology fields" in fig._suptitle.get_text()
    caption = fig.get_supxlabel().replace("\n", " ")  # wrapped to the figure's width at spaces
    assert "not IPC" in caption and f"fewer than {FEW_APPLICATIONS}" in caption
    assert layout_problems(fig) == []
    assert (tmp_path / "s.png").stat().st_size > 10_000
    plt.close(fig)


def test_relatedness_density_names_every_class(counts):
    fig, ax = plot_relatedness_density(rca(counts), relatedness_density(counts),
                                       knowledge_complexity(counts, of="classes"), focus="ITC4")
    named = {t.get_text() for t in ax.texts}
    assert named == {"Semiconductors", "Optics", "Biotechnology", "Pharmaceuticals", "Transport"}
    # filled (specialised, RCA ≥ 1): ITC4's Pharmaceuticals 2.92 and Biotechnology 1.67 (worked above)
    filled = ax.collections[1].get_offsets()
    assert len(filled) == 2
    assert ax.get_xlabel().startswith("relatedness density of the WIPO technology field to Lombardia (ITC4)")
    assert layout_problems(fig) == []
    plt.close(fig)
    with pytest.raises(PlotError, match="'ITX9' is not a row"):
        plot_relatedness_density(rca(counts), relatedness_density(counts), knowledge_complexity(counts, of="classes"),
                                 focus="ITX9")


def test_class_bursts_two_panels_share_rows():
    # SYNTHETIC: Semiconductors on 1, 1, 5, 5, 1 of 10 applications a year (the hand case of
    # tests/metrics/test_bursts.py: a burst in 2003-2004, strength 2.60)
    rows = []
    for y, k in zip(range(2001, 2006), [1, 1, 5, 5, 1], strict=True):
        rows += [(f"{y}-{i}", y, "a", "Semiconductors" if i < k else "Computer technology") for i in range(10)]
    apps = pd.DataFrame(rows, columns=["patent_id", "year", "applicant_id", "technology"])
    mine = class_bursts(apps)
    table = pd.concat([mine.assign(scope="Lombardia"), mine.assign(scope="All regions")], ignore_index=True)
    table.attrs = dict(mine.attrs)
    fig, ax = plot_class_bursts(table, years=(2001, 2005), credit="SYNTHETIC")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Semiconductors"]
    panels = fig.axes
    assert [p.get_title() for p in panels] == ["Lombardia: 1 WIPO technology field with a burst",
                                               "All regions: 1 WIPO technology field with a burst"]
    bar = panels[0].patches[0]
    assert (bar.get_x(), bar.get_width()) == (2002.5, 2.0)  # 2003-2004
    assert bar.get_facecolor()[:3] == pytest.approx(plt.matplotlib.colors.to_rgb(FOCAL_COLOR))
    assert [t.get_text() for t in panels[0].texts] == ["2.6"]
    assert "Bursts of WIPO technology fields" in fig._suptitle.get_text()
    assert "its applications with a WIPO technology field each year" in fig.get_supxlabel().replace("\n", " ")
    assert layout_problems(fig) == []
    plt.close(fig)
    # IPC subclasses take "an" (figure 22 on KIPRIS Plus read "a IPC subclass")
    table.attrs.update(class_name="IPC subclass", class_names="IPC subclasses")
    fig, ax = plot_class_bursts(table, years=(2001, 2005))
    assert "its applications with an IPC subclass each year" in fig.get_supxlabel().replace("\n", " ")
    plt.close(fig)
    with pytest.raises(PlotError, match="class_bursts"):
        plot_class_bursts(table.drop(columns="strength"))


def test_other_classes_are_cut_to_the_most_common(counts):
    # SYNTHETIC: 60 classes that are not WIPO fields: k of them drawn, those held by the most regions
    rng = np.random.default_rng(5)
    x = pd.DataFrame(rng.integers(0, 4, size=(4, 60)).astype(float), index=["ITC4", "ITI4", "ITH5", "ITC1"],
                     columns=[f"K{i:02d}" for i in range(60)])
    x.iloc[:, 0] = [5.0, 5.0, 5.0, 5.0]
    fig, ax = plot_specialisation(rca(x), focus="ITC4", k=12)
    assert len(ax.get_xticklabels()) == 12 and "K00" in [t.get_text() for t in ax.get_xticklabels()]
    assert "the 12 of 60 technology classes" in fig._suptitle.get_text()
    plt.close(fig)
