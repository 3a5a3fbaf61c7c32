"""The timeline and density figures (issue 31, item 4) on SYNTHETIC tables: what is drawn is what the
table says; bad input is one PlotError."""

from __future__ import annotations

import igraph as ig
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from netanalysis import PlotError
from netanalysis.metrics.bursts import timeline_table
from netanalysis.plotting.timeline import BURST_COLOR, item_density, plot_density, plot_timeline


def test_timeline_draws_what_the_table_says(timeline_example):
    fig, ax = plot_timeline(timeline_example)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Uni A", "Firm B", "Inst C", "Firm D"]
    red = [p for p in ax.patches if np.allclose(p.get_facecolor()[:3], plt.matplotlib.colors.to_rgb(BURST_COLOR))]
    assert len(red) == 3  # a's two bursts and d's
    spans = sorted((p.get_x(), p.get_x() + p.get_width()) for p in red)
    assert spans[0] == (2004.5, 2006.5)  # 2005-2006, each year a full cell
    plt.close(fig)


def test_timeline_k_and_given_axes(timeline_example):
    fig, ax = plt.subplots()
    fig2, ax2 = plot_timeline(timeline_example, k=2, ax=ax)
    assert fig2 is fig and ax2 is ax
    # k = 2: the actors with bursts first (a: 3.0, d: 2.0), drawn by entry year
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Uni A", "Firm D"]
    plt.close(fig)


def test_timeline_bad_input(timeline_example):
    with pytest.raises(PlotError, match="burst_start"):
        plot_timeline(timeline_example.drop(columns="burst_start"))
    with pytest.raises(PlotError, match="empty"):
        plot_timeline(timeline_example.iloc[:0])


def test_item_density_by_hand():
    # one item of weight 2 at (0, 0): D = 2 exp(-(|x| / bw)^2) with bw = h (one item: d-bar taken as 1)
    d = item_density(np.array([[0.0, 0.0]]), np.array([2.0]), kernel_width=0.5, size=5, extent=(-1, 1, -1, 1))
    assert d[2, 2] == pytest.approx(2.0)
    assert d[2, 3] == pytest.approx(2 * np.exp(-((0.5 / 0.5) ** 2)))  # grid step 0.5: one bandwidth away
    assert d[3, 3] == pytest.approx(2 * np.exp(-2.0))
    # two items 1 apart, h = 0.5: bw = 0.5 · 1; the midpoint gets 2 · exp(-(0.5/0.5)^2) of unit weights
    two = item_density(np.array([[-0.5, 0.0], [0.5, 0.0]]), np.ones(2), kernel_width=0.5, size=5,
                       extent=(-1, 1, -1, 1))
    assert two[2, 2] == pytest.approx(2 * np.exp(-1.0))


def test_density_figure():
    g = ig.Graph([(0, 1), (0, 2), (0, 3), (4, 5)])
    g.vs["name"], g.vs["label"] = list("abcdef"), list("ABCDEF")
    g.vs["actor_type"] = ["university", "sme", "sme", "sme", "sme", "large_firm"]
    g.vs["region"] = ["KR-27"] * 5 + ["KR-11"]
    g.es["weight"] = [1.0] * 4
    m = pd.DataFrame({"applicant_id": list("abcdef"), "degree": [3, 1, 1, 1, 1, 1]})
    fig, ax = plot_density(g, m, focal_region="KR-27", top_k=2)
    assert len(ax.images) == 1 and ax.images[0].get_array().max() == pytest.approx(1.0)
    assert sum(1 for t in ax.texts if t.get_text() in {"A", "B", "C", "D", "E", "F"}) == 2
    assert len(ax.collections[0].get_offsets()) == 5  # the focus's actors only
    plt.close(fig)
    with pytest.raises(PlotError, match="weight_by|'x'"):
        plot_density(g, m, weight_by="x")
    with pytest.raises(PlotError, match="no actor"):
        plot_density(g, m, focal_region="KR-26")


@pytest.mark.slow
def test_timeline_on_patstat_lombardy(shared_data):
    from netanalysis.ingest import read_patents
    from netanalysis.metrics.bursts import actor_bursts
    from netanalysis.network import edges_from_applications

    files = sorted((shared_data / "patstat-it").glob("*.xlsx"))
    if not files:
        pytest.skip("PATSTAT Italy not found")
    res = read_patents(files, columns={"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name",
                                       "region": "NUTS", "country": "person_ctry_code", "actor_type": "psn_sector"})
    edges = edges_from_applications(res.applications, region="ITC4")
    table = timeline_table(edges, res.actors, actor_bursts(res.applications))
    table = table[table["region"].str.startswith("ITC4")]
    # entry = first tie: recounted from the edges for Politecnico di Milano
    polimi = "POLITECNICO DI MILANO"
    ties = edges[(edges["u"] == polimi) | (edges["v"] == polimi)]
    assert table.loc[table["applicant_id"] == polimi, "first_year"].iloc[0] == ties["year"].min()
    fig, ax = plot_timeline(table, k=25)
    drawn = [t.get_text() for t in ax.get_yticklabels()]
    assert len(drawn) == 25
    red = [p for p in ax.patches if np.allclose(p.get_facecolor()[:3], plt.matplotlib.colors.to_rgb(BURST_COLOR))]
    bursting = table[table["burst_start"].notna()]
    # fewer than 25 actors of the focus burst, so every one is drawn (they come first), each burst one red bar
    assert 0 < bursting["applicant_id"].nunique() < 25
    assert len(red) == len(bursting)
    assert set(bursting["label"].map(lambda s: s[:20])) <= {d[:20] for d in drawn}
    plt.close(fig)
