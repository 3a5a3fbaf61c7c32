"""Plotting: (fig, ax) contract, ax= reuse, Hangul font fallback, bad input, image regression."""

from __future__ import annotations

import os

import igraph as ig
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from _hyp import TESTS
from matplotlib.testing.compare import compare_images

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis import plotting as pl
from netanalysis._errors import PlotError
from netanalysis.plotting import _style

BASELINE = TESTS / "baseline"

APPS = pd.DataFrame({
    "patent_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4", "p4", "p5", "p5", "p5"],
    "year": [2010, 2010, 2011, 2011, 2012, 2012, 2013, 2013, 2014, 2014, 2014],
    "applicant_id": ["U1", "S1", "U1", "S2", "U1", "S1", "U2", "I1", "U1", "L1", "S2"],
})
ACTORS = pd.DataFrame({
    "applicant_id": ["U1", "U2", "S1", "S2", "I1", "L1"],
    "name": ["가나대학교 산학협력단", "다라대학교 산학협력단", "(주)가나정밀", "(주)다라테크", "재단법인 마바연구원", "사아전자 주식회사"],
    "actor_type": ["university", "university", "sme", "sme", "research_institute", "large_firm"],
    "region": ["KR-27", "KR-47", "KR-27", "KR-47", "KR-27", "KR-11"],
    "country": ["KR"] * 6,
})


@pytest.fixture(scope="module")
def results():
    e = nw.edges_from_applications(APPS)
    g = nw.to_igraph(e, ACTORS)
    c = m.centrality(g)
    return {
        "e": e, "g": g, "c": c,
        "pers": m.persistence_by_type_pair(m.dyad_persistence(e, ACTORS)),
        "curve": m.survival_curve(m.tie_survival(e, window=1, max_lag=3)),
        "mix": m.type_mixing(e, ACTORS),
        "open": m.openness_by_region(e, ACTORS),
        "time": m.network_by_period(e, ACTORS),
        "rt": m.region_ties(e, ACTORS),
        "by_type": m.summarise_by(c),
    }


def calls(r):
    ra = pd.DataFrame({"region": ["KR-27", "KR-47", "KR-11"], "n_actors": [3, 2, 1]})
    return {
        "network": lambda ax: pl.plot_network(r["g"], r["c"], focal_region="KR-27,KR-47", ax=ax),
        "ranking": lambda ax: pl.plot_centrality_ranking(r["c"], ax=ax),
        "type_summary": lambda ax: pl.plot_type_summary(r["by_type"], ax=ax),
        "persistence": lambda ax: pl.plot_persistence(r["pers"], min_dyads=1, ax=ax),
        "survival": lambda ax: pl.plot_survival(r["curve"], ax=ax),
        "mixing": lambda ax: pl.plot_mixing_heatmap(r["mix"], ax=ax),
        "openness": lambda ax: pl.plot_openness(r["open"], ax=ax),
        "time": lambda ax: pl.plot_network_by_period(r["time"], ax=ax),
        "map": lambda ax: pl.plot_region_map(r["rt"], ra, focal_region="KR-27", ax=ax),
    }


@pytest.mark.parametrize("name", ["network", "ranking", "type_summary", "persistence", "survival", "mixing",
                                  "openness", "time", "map"])
def test_returns_fig_ax_and_accepts_ax(results, name):
    draw = calls(results)[name]
    fig, ax = draw(None)
    assert fig is ax.figure
    plt.close(fig)
    fig0, ax0 = plt.subplots()
    fig1, ax1 = draw(ax0)
    assert ax1 is ax0 and fig1 is fig0
    plt.close(fig0)


def test_save_and_credit(results, tmp_path):
    f = tmp_path / "n.png"
    fig, _ = pl.plot_network(results["g"], results["c"], credit="Source: SYNTHETIC test data", save=True,
                             filepath=f, dpi=50)
    assert f.stat().st_size > 1000
    assert "SYNTHETIC" in fig._supxlabel.get_text()
    plt.close(fig)


def test_bad_input_is_a_plot_error(results):
    with pytest.raises(PlotError, match="betweenness"):
        pl.plot_network(results["g"], results["c"].drop(columns="betweenness"))
    with pytest.raises(PlotError, match="empty"):
        pl.plot_network(ig.Graph(), results["c"])
    with pytest.raises(PlotError, match="min_dyads"):
        pl.plot_persistence(results["pers"], min_dyads=10_000)


def test_hangul_labels_when_a_font_is_installed():
    if _style.hangul_font() is None:
        pytest.skip("no Hangul font installed here (CI installs fonts-nanum)")
    assert pl.display_labels(pd.Series(["가나대학교"])).tolist() == ["가나대학교"]


def test_font_fallback_warns_once_and_romanises(monkeypatch):
    monkeypatch.setenv("NETANALYSIS_NO_HANGUL_FONT", "1")
    _style.hangul_font.cache_clear()
    monkeypatch.setitem(_style._warned, "hangul", False)
    try:
        with pytest.warns(UserWarning, match="no Hangul-capable font"):
            out = pl.display_labels(pd.Series(["가나대학교 산학협력단", "(주)다라"]),
                                    pd.Series(["GANA UNIVERSITY", "다라"]))
        assert out.tolist()[0] == "Gana University"  # the harmonised English id
        assert not any("가" <= ch <= "힣" for s in out for ch in s)  # no box glyphs anywhere
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            pl.display_labels(pd.Series(["가나"]))  # second time: silent
    finally:
        _style.hangul_font.cache_clear()


# ------------------------------------------------------------------ image regression
def _regression(fig, name, tmp_path, tol=12):
    if _style.hangul_font() != "NanumGothic":
        pytest.skip("baselines were drawn with NanumGothic (fonts-nanum); fonts differ here")
    got = tmp_path / f"{name}.png"
    fig.savefig(got, dpi=80, metadata={"Software": None})
    plt.close(fig)
    base = BASELINE / f"{name}.png"
    if os.environ.get("NETANALYSIS_UPDATE_BASELINE"):
        base.write_bytes(got.read_bytes())
    assert base.exists(), f"missing baseline {base}; run with NETANALYSIS_UPDATE_BASELINE=1"
    assert compare_images(str(base), str(got), tol=tol) is None


def test_image_regression_survival(tmp_path):
    curve = pd.DataFrame({"lag": [1, 2, 3, 4], "n_dyads": [100] * 4, "n_active_at": [12, 10, 9, 8],
                          "n_active_within": [12, 19, 25, 30], "share_active_at": [0.12, 0.10, 0.09, 0.08],
                          "share_active_within": [0.12, 0.19, 0.25, 0.30]})
    fig, _ = pl.plot_survival(curve, window=2, title="Tie survival (test)")
    _regression(fig, "survival", tmp_path)


def test_image_regression_mixing(tmp_path):
    mix = pd.DataFrame({
        "group_a": ["university", "university", "sme", "sme"], "group_b": ["university", "sme", "university", "sme"],
        "n_ties": [2, 80, 80, 20], "row_share_ties": [2 / 82, 80 / 82, 0.8, 0.2]})
    fig, _ = pl.plot_mixing_heatmap(mix, title="Mixing (test)")
    _regression(fig, "mixing", tmp_path)


def test_type_summary_labels_say_whose_total_the_share_is_of():
    s = pd.DataFrame({"actor_type": ["university", "individual"], "n": [13, 287], "mean": [1.6, 3.9],
                      "median": [1.0, 2.0], "share_of_total": [0.02, 0.85]})
    # Lens drones, figure 04: "Individual (n=287, 85% of total)" did not say the total of what
    fig, ax = pl.plot_type_summary(s, value_label="mean degree (distinct partners)")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Individual (n=287, 85% of all degree)", "University (n=13, 2% of all degree)"]
    fig2, ax2 = pl.plot_type_summary(s)
    assert ax2.get_yticklabels()[0].get_text() == "Individual (n=287, 85% of all betweenness)"
    plt.close(fig)
    plt.close(fig2)


def test_type_summary_ticks_of_small_values_are_powers_of_ten():
    # PatentsView, figure 03: a national network's mean betweenness (2e-4) read 0.00000 … 0.00020
    s = pd.DataFrame({"actor_type": ["large_firm", "firm"], "n": [11, 46], "mean": [1.9e-4, 2.3e-5],
                      "median": [1.4e-4, 0.0], "share_of_total": [0.67, 0.33]})
    fig, ax = pl.plot_type_summary(s)
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if 0 <= t.get_position()[0] <= ax.get_xlim()[1]]
    assert ticks[0] == "0" and "10⁻⁴" in ticks and all("0.000" not in t for t in ticks)
    plt.close(fig)


def test_type_summary_key_sits_on_no_bar_or_tick():
    # the lowest row's bar ends at 3 and the others reach 80: a key inside the axes, lower right,
    # once sat on that row, its "|" read as a median there (SYNTHETIC summary)
    s = pd.DataFrame({"actor_type": ["university", "research_institute", "sme"], "n": [12, 6, 438],
                      "mean": [80.0, 15.0, 3.0], "median": [80.0, 15.0, 2.0], "share_of_total": [0.4, 0.1, 0.5]})
    fig, ax = pl.plot_type_summary(s, value_label="mean degree")
    fig.canvas.draw()
    key = ax.get_legend().get_window_extent()
    assert not key.overlaps(ax.get_window_extent())  # beside the axes: on no bar, no median tick
    assert key.x0 >= ax.get_window_extent().x1
    plt.close(fig)
