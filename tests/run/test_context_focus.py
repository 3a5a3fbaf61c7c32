"""Issue 12: a run's context for any focus — each sido alone, a si/gun/gu, a whole country."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from netanalysis import metrics, regions
from netanalysis.run import STEPS, RunSettings, build_context

SIDO = list(regions.sido_table()["code"])


STEP = {s.name: s for s in STEPS}


@pytest.mark.parametrize("code", SIDO)
def test_every_sido_alone(code, sample_processed):
    """Regression: a single-sido focus crashed (duplicate labels in the openness table).

    What differs from one sido to the next is the focus and the tables computed for it, so
    this checks, for every sido, the focus resolved and the focus-dependent tables the figure
    run writes (computed by the run's own steps, drawn once: the openness figure), not the
    whole figure run again; one whole single-sido run is ``test_one_sido_alone_end_to_end``."""
    ctx = build_context(RunSettings(data=[sample_processed], region=code))
    assert ctx.focal == [code]
    name = regions.region_names([code])[code]
    assert ctx.label == name
    table = STEP["07_openness_by_region"].compute(ctx)
    focal = table[table["focal"] == name]
    # the focus appears once (five categories × two scopes), its shares sum to one
    assert len(focal) == 10 and (focal["code"] == code).all()
    assert focal[focal["scope"] == "all"]["share_ties"].sum() == pytest.approx(1.0)
    assert not table.duplicated(["focal", "scope", "category"]).any()
    # the other sido are each compared once, the focus is not among them twice
    others = table[table["code"] != code]
    assert set(others["code"]) <= set(SIDO) - {code} and not others.duplicated(["code", "scope", "category"]).any()
    fig, _ = STEP["07_openness_by_region"].draw(ctx, table)  # type: ignore[misc]
    plt.close(fig)
    # the map's ties are between sido; the focus is one of them
    ties = STEP["13_region_map"].compute(ctx)
    assert code in set(ties["region_a"]) | set(ties["region_b"])
    # the ranking marks actors located outside the focus (its network holds their outside partners)
    rank = STEP["02_centrality_ranking"].compute(ctx)
    assert len(rank) > 0
    located = rank["region"].fillna("").astype(str).map(lambda r: regions.lineage(r)[-2:-1] == [code])
    assert (rank["in_focus"] == located).all()


def test_sigungu_focus_on_the_sample(sample_processed):
    ctx = build_context(RunSettings(data=[sample_processed], region="구미시"))
    assert ctx.focal == ["KR-47-Gumi-si"] and ctx.label == "Gumi-si"
    assert build_context(RunSettings(data=[sample_processed], region="Gumi-si")).focal == ctx.focal
    inside = regions.within(ctx.actors["region"], ["KR-47-Gumi-si"])
    assert inside.sum() > 0
    # every tie of the focal network touches an actor located in Gumi
    located = ctx.actors.set_index("applicant_id")["region"]
    touches = regions.within(ctx.edges["u"].map(located), ["KR-47-Gumi-si"]) | regions.within(
        ctx.edges["v"].map(located), ["KR-47-Gumi-si"])
    assert touches.any()
    # the run's own steps (the whole run is test_one_sido_alone_end_to_end's): the openness
    # table compares Gumi with the other si/gun/gu of Korea (level 2), not with sido ...
    table = STEP["07_openness_by_region"].compute(ctx)
    assert table["code"].str.count("-").ge(2).all() and "KR-47-Gumi-si" in set(table["code"])
    # ... and so does the map, drawn at that level
    ties = STEP["13_region_map"].compute(ctx)
    assert ties["region_a"].str.count("-").ge(2).all() and ties["region_b"].str.count("-").ge(2).all()
    for name, t in (("07_openness_by_region", table), ("13_region_map", ties)):
        fig, _ = STEP[name].draw(ctx, t)  # type: ignore[misc]
        plt.close(fig)


def test_whole_country_focus(sample_processed):
    ctx = build_context(RunSettings(data=[sample_processed], region="KR"))
    o = metrics.regional_openness(ctx.edges, ctx.actors, "KR")
    assert o.attrs["countries"] == ["KR"]
    share = o[o.scope == "all"].set_index("category")["share_ties"]
    assert share["rest_of_country"] == 0  # every Korean region is inside the focus
