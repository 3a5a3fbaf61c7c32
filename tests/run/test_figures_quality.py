"""What a journal reader checks: a key for node size, labels that do not collide, the null
model and brokerage drawn with their numbers, survival labelled for what it computes."""

from __future__ import annotations

import itertools
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from netanalysis import metrics as m
from netanalysis import plotting as pl
from netanalysis.run import RunSettings, build_context


@pytest.fixture(scope="module")
def ctx():
    return build_context(RunSettings())


def _boxes(fig, texts):
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(r)) for t in texts if t.get_text() and t.get_visible()]


@pytest.mark.slow  # end-to-end: in CI's full set (-m "")
def test_network_has_a_node_size_key_and_no_overlapping_labels(ctx):
    fig, ax = pl.plot_network(ctx.graph, ctx.centrality, focal_region=ctx.focal, top_k=15)
    legends = [a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend)]
    titles = [lg.get_title().get_text() for lg in legends]
    assert any("node size" in t for t in titles), titles
    key = next(lg for lg in legends if "node size" in lg.get_title().get_text())
    values = [float(t.get_text()) for t in key.get_texts()]
    top = float(ctx.centrality["betweenness"].max())
    assert values == pytest.approx([top, top / 4, top / 16], rel=1e-2)
    labels = _boxes(fig, ax.texts)
    assert len(labels) >= 15
    clashes = [(a, b) for (a, x), (b, y) in itertools.combinations(labels, 2) if x.overlaps(y)]
    assert not clashes


def test_null_model_figure_shows_every_group_with_z_and_p(ctx):
    res = m.betweenness_null_model(ctx.graph, n=30, seed=2)
    _, ax = pl.plot_null_model(res)
    notes = [t.get_text() for t in ax.texts]
    assert len(notes) == len(res)
    for (_, row), note in zip(res[::-1].iterrows(), notes, strict=True):
        assert f"p = {row['p_greater']:.3g}" in note or f"p = {row['p_greater']:.2g} (the minimum)" in note
    # p never below 1 / (n + 1), and the draws behind the boxes are the null means
    assert (res["p_greater"] >= res["p_min"]).all() and res["p_min"].iloc[0] == pytest.approx(1 / 31)
    draws = res.attrs["null_model"]["draws"]
    for _, row in res.iterrows():
        assert sum(draws[row["actor_type"]]) / 30 == pytest.approx(row["null_mean"])


def test_null_model_without_spread_is_said():
    import igraph as ig

    g = ig.Graph.Star(6)  # every rewiring of a star is the same star
    g.vs["actor_type"] = ["university"] + ["sme"] * 5
    res = m.betweenness_null_model(g, n=5, seed=1).set_index("actor_type")
    assert res.loc["university", "note"].startswith("z undefined")
    _, ax = pl.plot_null_model(m.betweenness_null_model(g, n=5, seed=1))
    assert any("no spread" in t.get_text() for t in ax.texts)


def test_brokerage_figure_one_point_per_role_and_group(ctx):
    # points, not bars: the axis is logarithmic here and a bar has no length on a log axis
    from matplotlib.collections import PathCollection

    from netanalysis.run.steps import _brokerage_of_focal

    def points(ax):
        return np.concatenate([c.get_offsets() for c in ax.collections if isinstance(c, PathCollection)])

    table = _brokerage_of_focal(ctx)
    means = table[[c for c in table if c.startswith("mean_") and c != "mean_total"]].to_numpy(float)
    _, ax = pl.plot_brokerage(table, value="mean")
    assert not ax.patches and ax.get_yscale() == "log"
    assert len(points(ax)) == np.isfinite(means).sum() == 4 * len(table)
    assert points(ax)[:, 1].max() == pytest.approx(means.max())
    # by default the points are observed / expected, with chance (1) marked
    _, ax = pl.plot_brokerage(table)
    ratios = table[[c for c in table if c.startswith("ratio_")]].to_numpy(float)
    assert points(ax)[:, 1].max() == pytest.approx(np.nanmax(ratios))
    assert len(points(ax)) == np.isfinite(ratios).sum()
    assert any(list(line.get_ydata()) == [1.0, 1.0] for line in ax.lines)


def test_repeat_survival_figure_is_labelled_for_what_it_computes(ctx):
    s = m.repeat_survival(ctx.edges, ctx.actors, end_year=2020)
    _, ax = pl.plot_repeat_survival(s)
    assert ax.get_ylabel() == "share of ties not yet repeated"
    assert ax.get_ylim()[0] == 0
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith("university–sme") and "censored" in t for t in legend)
    # the curve never rises
    for _, g in s.groupby("group"):
        assert (g["survival"].diff().dropna() <= 1e-12).all()


def test_null_model_default():
    s = RunSettings()
    assert (s.null_model, s.null_model_runs, s.bootstrap_samples) == ("bipartite", 200, 50)


def test_bipartite_null_model_keeps_patent_sizes_and_counts(ctx):
    from netanalysis.metrics.nullmodel import _null_batch, _NullState

    apps = ctx.processed.applications
    res = m.bipartite_null_model(apps, ctx.actors, n=20, seed=3, region=ctx.focal, years=ctx.years)
    # the observed means are the centrality table's (the same network, computed apart), over
    # the actors located in the focus, as the report's numbers (issue 35)
    focal = ctx.focal_centrality
    by_type = focal.groupby("actor_type", observed=True)["betweenness"].mean()
    for _, row in res.iterrows():
        assert row["observed"] == pytest.approx(by_type[row["actor_type"]])
        assert row["n_actors"] == (focal["actor_type"] == row["actor_type"]).sum()
    assert (res["p_greater"] >= res["p_min"]).all()
    # reproducible, and the same for any number of workers
    again = m.bipartite_null_model(apps, ctx.actors, n=20, seed=3, region=ctx.focal, years=ctx.years, n_jobs=2)
    assert again["null_mean"].tolist() == pytest.approx(res["null_mean"].tolist())
    assert res.attrs["null_model"]["duplicates_merged"] >= 0
    del _null_batch, _NullState


def test_bipartite_draw_preserves_both_degree_sequences():
    import numpy as np
    import pandas as pd

    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p1", "p2", "p2", "p3", "p3"],
                         "applicant_id": ["U", "a", "b", "U", "c", "d", "e"], "year": 2010, "region": ""})
    act = pd.DataFrame({"applicant_id": list("Uabcde"), "actor_type": ["university"] + ["sme"] * 5})
    # one patent holding every applicant: every permutation is the same clique, so no spread
    one = pd.DataFrame({"patent_id": ["p"] * 4, "applicant_id": list("Uabc"), "year": 2010, "region": ""})
    flat = m.bipartite_null_model(one, act, n=10, seed=1)
    assert (flat["note"] != "").all() and flat["z"].isna().all()
    # the permutation keeps each patent's size and each applicant's number of rows
    rng = np.random.default_rng(0)
    drawn = rng.permutation(apps["applicant_id"].to_numpy())
    assert sorted(drawn) == sorted(apps["applicant_id"])
    assert m.bipartite_null_model(apps, act, n=5, seed=0)["n_actors"].sum() == 6


def test_log_axes_use_plain_numbers_not_math_text():
    # a span under one decade makes matplotlib label minor ticks; they must be plain numbers
    # (mathtext's 10^x needs a U+2212 the Hangul font lacks)
    import pandas as pd

    t = pd.DataFrame({"group": ["university", "sme"], "n": [3, 9], "share_of_total": [0.9, 0.1],
                      **{f"mean_{r}": [1.0, 1.0] for r in ("coordinator", "itinerant",
                                                           "gatekeeper_representative", "liaison")},
                      **{f"ratio_{r}": [0.7, 3.5] for r in ("coordinator", "itinerant",
                                                            "gatekeeper_representative", "liaison")}})
    fig, ax = pl.plot_brokerage(t)
    fig.canvas.draw()
    labels = [x.get_text() for x in ax.get_yticklabels(minor=True) + ax.get_yticklabels()]
    assert labels and not any("$" in x or "\\times" in x for x in labels)


def test_null_model_zeros_on_a_log_axis_are_drawn_and_said():
    """A group whose observed mean is 0 gets a hollow diamond at the left edge, not nothing."""
    import numpy as np
    import pandas as pd

    res = pd.DataFrame({"actor_type": ["university", "sme", "large_firm"], "observed": [0.05, 0.0004, 0.0],
                        "z": [2.0, -1.0, -1.5], "p_greater": [0.01, 0.8, 1.0], "n_actors": [10, 100, 5]})
    rng = np.random.default_rng(1)
    res.attrs["null_model"] = {"n": 50, "draws": {"university": rng.uniform(0.01, 0.03, 50).tolist(),
                                                  "sme": rng.uniform(0.0002, 0.001, 50).tolist(),
                                                  "large_firm": rng.uniform(0.00001, 0.0001, 50).tolist()}}
    _, ax = pl.plot_null_model(res)
    assert ax.get_xscale() == "log"
    hollow = [c for c in ax.collections if len(c.get_offsets()) and (c.get_facecolors()[:, :3] == 1).all()]
    assert len(hollow) == 1 and hollow[0].get_offsets()[0][0] > 0  # the zero, at a positive floor
    assert any("a mean of 0" in t.get_text() for t in ax.get_legend().get_texts())
    assert "0" in [t.get_text() for t in ax.texts]


def test_ranking_leaves_out_actors_with_a_score_of_zero():
    import pandas as pd

    t = pd.DataFrame({"applicant_id": list("abcd"), "betweenness": [0.5, 0.2, 0.0, 0.0],
                      "actor_type": ["university", "sme", "sme", "sme"]})
    _, ax = pl.plot_centrality_ranking(t, k=4)
    assert len(ax.patches) == 2 and "Top 2" in ax.get_title()


def test_figures_from_an_ingest_folder_credit_the_raw_files(tmp_path):
    from netanalysis.datasets import sample_path
    from netanalysis.ingest import read_patents, save_processed

    save_processed(read_patents(sample_path()), tmp_path / "processed")
    c = build_context(RunSettings(data=[tmp_path / "processed"], region="KR-27,KR-47", null_model_runs=5))
    source = c.credit.split(". ")[0]
    assert Path(sample_path()).name in source and "processed" not in source
