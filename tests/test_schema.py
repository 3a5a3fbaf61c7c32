"""The table contracts' checks: year ranges read in every accepted spelling, missing columns
and gapped years refused with one error naming what is wrong."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis._errors import IngestError, NetworkInputError
from netanalysis.schema import parse_years, require_columns, require_years


@pytest.mark.parametrize("given, expected", [
    ("2004-2020", (2004, 2020)), ("2004–2020", (2004, 2020)), (" 2010 ", (2010, 2010)),
    ((2012, 2015), (2012, 2015)), ([1999, 1999], (1999, 1999)), (None, None),
])
def test_parse_years_reads_each_spelling(given, expected):
    assert parse_years(given) == expected


@pytest.mark.parametrize("bad", ["2020-2004", "twenty", "2004-"])
def test_parse_years_refuses_what_is_not_a_range(bad):
    with pytest.raises(NetworkInputError):
        parse_years(bad)


def test_require_columns_names_the_missing_ones_and_the_table():
    t = pd.DataFrame({"u": ["a"], "v": ["b"]})
    require_columns(t, ["u", "v"], "edges")  # all there: no error (missing ones listed in the order asked)
    with pytest.raises(NetworkInputError, match=r"edges lacks column\(s\) \['year', 'weight'\]"):
        require_columns(t, ["u", "year", "v", "weight"], "edges")
    with pytest.raises(IngestError, match="my table"):
        require_columns(t, ["x"], "my table", error=IngestError)


def test_require_columns_nonempty_refuses_an_empty_table():
    empty = pd.DataFrame({"u": [], "v": []})
    require_columns(empty, ["u", "v"], "edges")
    with pytest.raises(NetworkInputError, match="edges"):
        require_columns(empty, ["u", "v"], "edges", nonempty=True)


def test_require_years_refuses_a_missing_year_and_accepts_whole_years():
    require_years(pd.DataFrame({"year": [2010, 2011, 2010]}))
    with pytest.raises(NetworkInputError, match="year"):
        require_years(pd.DataFrame({"year": [2010.0, float("nan")]}))
