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


def test_regions_from_hints_reads_each_row_as_its_distinct_pair_does():
    # whole-column (a national table: each distinct (hint, country) pair read once): row by row the
    # same as reading that row alone, with missing values, blanks and a repeated index
    from netanalysis.regions import regions_from_hints

    hints = ["CA", " Texas ", None, "ITF33", "27", "nowhere", "", "Lombardia", "CA", "BY", "27"]
    ctry = ["US", "US", "US", "", "KR", "FR", None, "IT", "", "DE", "KR"]
    idx = [5, 5, 1, 2, 3, 4, 0, 9, 9, 7, 8]
    got = regions_from_hints(pd.Series(hints, index=idx), pd.Series(ctry, index=idx))
    alone = [regions_from_hints(pd.Series([h]), pd.Series([c])).iloc[0] for h, c in zip(hints, ctry, strict=True)]
    assert got.tolist() == alone and list(got.index) == idx
    assert got.tolist()[:5] == ["US-CA", "US-TX", "", "ITF33", "KR-27"]
    assert regions_from_hints(pd.Series([], dtype=object)).tolist() == []
