"""Regions' actors and ties, and openness for several focal regions, hand-worked."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.metrics.openness import actors_by_region, openness_by_region, region_ties

ACT = pd.DataFrame({"applicant_id": list("abcd"), "actor_type": ["sme"] * 4, "country": ["KR"] * 4,
                    "region": ["KR-27-Buk-gu", "KR-27", "KR-11", "KR-11-Jung-gu"]})


E = pd.DataFrame({"u": ["a", "a", "c"], "v": ["b", "c", "d"], "year": 2010, "n_patents": 1,
                  "weight": [1.0, 2.0, 4.0]})


def test_actors_by_region_at_the_sido_level():
    got = actors_by_region(ACT, level=1).set_index("region")["n_actors"].to_dict()
    assert got == {"KR-27": 2, "KR-11": 2}


def test_region_ties_within_and_between_regions():
    t = region_ties(E, ACT, level=1)
    w = {tuple(sorted((r.region_a, r.region_b))): r.weight for r in t.itertuples()}
    assert w == {("KR-27", "KR-27"): 1.0, ("KR-11", "KR-27"): 2.0, ("KR-11", "KR-11"): 4.0}


def test_openness_by_region_one_block_per_focus_by_hand():
    o = openness_by_region(E, ACT, {"Daegu": ["KR-27"], "Seoul": ["KR-11"]})
    w = o[o["scope"] == "all"].set_index(["focal", "category"])["share_weight"]
    # Daegu: a-b inside (1), a-c to Seoul, the capital area (2); Seoul: c-d inside (4), a-c to Daegu (2)
    assert w[("Daegu", "internal")] == pytest.approx(1 / 3) and w[("Daegu", "core_region")] == pytest.approx(2 / 3)
    assert w[("Seoul", "internal")] == pytest.approx(4 / 6) and w[("Seoul", "rest_of_country")] == pytest.approx(2 / 6)
