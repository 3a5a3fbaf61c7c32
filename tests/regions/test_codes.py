"""Region codes: the level of a code, and the regions a source gives read with the country."""

from __future__ import annotations

import pandas as pd

from netanalysis.regions import level_of, regions_from_hints


def test_level_of_each_kind_of_code():
    assert [level_of(c) for c in ["DE", "KR-47", "US-NY", "ITC4", "KR-27-Buk-gu", "ITC4C"]] == [0, 1, 1, 2, 2, 3]


def test_regions_from_hints_reads_codes_and_names_with_the_country():
    hints = pd.Series(["대구", "ITC4", "NY", "47", "", "nowhere"])
    country = pd.Series(["KR", "", "US", "KR", "", "FR"])
    assert regions_from_hints(hints, country).tolist() == ["KR-27", "ITC4", "US-NY", "KR-47", "", ""]
