"""The classifier's bundled tables: large business groups as patterns, a source's own type labels."""

from __future__ import annotations

import re

import pandas as pd

from netanalysis.classify import load_large_groups, load_source_types


def test_large_group_patterns_match_their_group_and_not_a_university():
    g = load_large_groups()
    assert list(g.columns) == ["group", "pattern"] and g["group"].is_unique
    pattern = dict(zip(g["group"], g["pattern"], strict=True))
    assert re.search(pattern["Samsung"], "삼성전자주식회사")
    assert re.search(pattern["LG"], "LG CHEM LTD") and not re.search(pattern["LG"], "LGX SYSTEMS")
    hyundai = pattern["Hyundai Motor / HD Hyundai"]
    assert re.search(hyundai, "현대자동차") and not re.search(hyundai, "현대대학교")


def test_source_types_map_labels_to_actor_types_and_take_a_table(tmp_path):
    t = load_source_types().set_index("value")["maps_to"]
    assert (t["university"], t["academic"]) == ("university", "university")
    own = pd.DataFrame({"value": ["uni"], "maps_to": ["university"]})
    extended = load_source_types(own).set_index("value")["maps_to"]  # a user's labels add to the bundled ones
    assert extended["uni"] == "university" and len(extended) == len(t) + 1
    f = tmp_path / "types.csv"
    own.to_csv(f, index=False)
    assert load_source_types(f).set_index("value")["maps_to"].to_dict() == extended.to_dict()
