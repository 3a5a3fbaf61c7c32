"""The invention-vs-ownership figure (issue 31 item 1), drawn from the SYNTHETIC PATSTAT and
REGPAT fixtures: what it draws, where, and that nothing overlaps or is cut."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from _hyp import TESTS

from netanalysis._errors import PlotError
from netanalysis.metrics.inventor_regions import invention_vs_ownership
from netanalysis.plotting._layout import layout_problems
from netanalysis.plotting.comparison import FOCAL_COLOR
from netanalysis.plotting.inventors import plot_invention_vs_ownership

FIXTURES = TESTS / "fixtures" / "patstat_native"


@pytest.fixture
def table() -> pd.DataFrame:
    from netanalysis.ingest import read_patents

    res = read_patents([FIXTURES / "patstat", FIXTURES / "regpat"])
    return invention_vs_ownership(res.applications, res.inventors, level=2)


def test_draws_every_located_region_with_its_counts(table, tmp_path):
    fig, ax = plot_invention_vs_ownership(table, focus="ITC4", credit="SYNTHETIC fixtures",
                                          save=True, filepath=tmp_path / "f.png", dpi=80)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # five located NUTS-2 regions (the unknown one is stated, not drawn), largest (max of the two) first:
    # DE21 invents 1.5; ITC1 owns 1 (POLITO, FIAT); ITC4, ITI4 1 and 1; ITH5 owns 0.5
    assert labels == ["Oberbayern (DE21)", "Piemonte (ITC1)", "Lombardia (ITC4)", "Lazio (ITI4)",
                      "Emilia-Romagna (ITH5)"]
    colours = [t.get_color() for t in ax.get_yticklabels()]
    assert colours[2] == FOCAL_COLOR and colours.count(FOCAL_COLOR) == 1
    dots, diamonds = ax.collections[1], ax.collections[2]
    assert dots.get_offsets()[:, 0].tolist() == [1.5, 0.5, 1.0, 1.0, 0.0]      # invented
    assert diamonds.get_offsets()[:, 0].tolist() == [1.0, 1.0, 1.0, 1.0, 0.5]  # owned
    texts = [t.get_text() for t in ax.texts]
    # DE21: 1/3 of its 1.5 owned outside (Siemens in DE21H owns 5002, invented in DE213 and DE21H: both
    # DE21 at NUTS 2; 1001's Verdi in DE212 is owned by POLIMI and ENI): 0.5 / 1.5
    assert texts == ["33% owned elsewhere", "0% owned elsewhere", "75% owned elsewhere", "50% owned elsewhere",
                     "invents none"]
    assert "Not drawn: 1.0 patents invented and 0.5 owned where the region is unknown" in fig.get_supxlabel().replace("\n", " ")
    assert layout_problems(fig) == []
    assert (tmp_path / "f.png").stat().st_size > 10_000
    plt.close(fig)


def test_many_regions_keep_a_legible_page():
    codes = [f"ITX{i:02d}" for i in range(40)]
    rng = np.random.default_rng(3)  # SYNTHETIC numbers
    t = pd.DataFrame({"region": codes, "invented": rng.gamma(0.6, 60, 40), "owned": rng.gamma(0.6, 60, 40),
                      "invented_owned_outside": rng.uniform(0, 1, 40)})
    fig, ax = plot_invention_vs_ownership(t, focus="ITX39", k=20)
    assert len(ax.get_yticklabels()) == 20
    assert "ITX39" in [t.get_text() for t in ax.get_yticklabels()]   # the focus is always drawn
    assert "20 of 40 regions" in ax.get_title()
    assert layout_problems(fig) == []
    plt.close(fig)


def test_refuses_what_it_cannot_draw(table):
    with pytest.raises(PlotError, match="invention_vs_ownership"):
        plot_invention_vs_ownership(table.drop(columns="owned"))
    with pytest.raises(PlotError, match="no region is located"):
        plot_invention_vs_ownership(table[table["region"] == ""])
