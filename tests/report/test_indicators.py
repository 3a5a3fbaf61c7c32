"""The report's numbers on the sample are the metric functions' outputs."""

from __future__ import annotations

import pytest

from netanalysis import metrics as m
from netanalysis.report.indicators import headline_indicators
from netanalysis.run import RunSettings, build_context


@pytest.fixture(scope="module")
def sample_ctx():
    return build_context(RunSettings(null_model_runs=30))


def test_sample_numbers_equal_metric_outputs(sample_ctx):
    ctx = sample_ctx
    ind = headline_indicators(ctx.edges, ctx.actors, ctx.focal, ctx.centrality, end_year=ctx.years[1])
    focal = ctx.focal_centrality
    b = m.summarise_by(focal, "actor_type", "betweenness").set_index("actor_type")
    assert ind["univ_share_betweenness"] == pytest.approx(b.loc["university", "share_of_total"])
    assert ind["univ_share_betweenness"] == pytest.approx(
        focal.loc[focal.actor_type == "university", "betweenness"].sum() / focal["betweenness"].sum())
    assert ind["univ_n"] == (focal["actor_type"] == "university").sum()
    dy = m.dyad_persistence(ctx.edges, ctx.actors)
    us = dy[dy["type_pair"] == "university–sme"]
    assert ind["univ_sme_one_time"] == pytest.approx((us["n_patents"] == 1).mean())
    assert ind["univ_sme_n"] == len(us)
    o = m.regional_openness(ctx.edges, ctx.actors, ctx.focal)
    allt = o[(o.scope == "all") & (o.category != "unknown")]
    assert ind["outside_all"] == pytest.approx(allt.loc[allt.category != "internal", "n_ties"].sum()
                                               / allt["n_ties"].sum())
    # the universities' ties: those of the universities in the focus (issue 35: the actors the
    # other numbers are over, and the mixing null model's row)
    ours = focal.loc[focal.actor_type == "university", "applicant_id"]
    mix = m.type_mixing(ctx.edges[ctx.edges.u.isin(ours) | ctx.edges.v.isin(ours)], ctx.actors)
    mix = mix.set_index(["group_a", "group_b"])
    assert ind["univ_univ_share"] == pytest.approx(mix.loc[("university", "university"), "row_share_ties"])
    assert ind["univ_univ_n"] == mix.loc[("university", "university"), "n_ties"]
