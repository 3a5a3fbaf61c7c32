"""Comparing the focus with the other regions: which regions the data hold, where the focus ranks."""

from __future__ import annotations

import pandas as pd

from netanalysis import network as nw
from netanalysis.report.compare import region_edges, regions_present
from netanalysis.run import RunSettings, build_context


def test_regions_present_at_a_level_and_of_a_country():
    act = pd.DataFrame({"region": ["KR-27-Buk-gu", "KR-47", "ITC4C", "", "KR-27"]})
    assert regions_present(act, 1, "KR") == ["KR-27", "KR-47"]
    assert "ITC4" in regions_present(act, 2) and "KR-27-Buk-gu" in regions_present(act, 2)


def test_region_edges_equal_edges_built_for_the_region():
    """Each region's ties taken from the table of every tie: the table edges_from_applications
    builds for that region, for every sido and si/gun/gu of the sample (and an empty one)."""
    ctx = build_context(RunSettings(null_model_runs=2))
    apps = ctx.processed.applications
    apps = apps[apps["year"].between(*ctx.years)]
    every = nw.edges_from_applications(apps)
    codes = regions_present(ctx.actors, 1) + regions_present(ctx.actors, 2)[:20]
    for code in codes:
        pd.testing.assert_frame_equal(region_edges(apps, [code], every),
                                      nw.edges_from_applications(apps, region=[code]))
    assert len(region_edges(apps, ["KR-27", "KR-47"])) == len(ctx.edges)
