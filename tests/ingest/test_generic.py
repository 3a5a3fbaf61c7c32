"""The generic reader with a column mapping, and a bad mapping."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.ingest import (
    IngestError,
    read_table,
)
from netanalysis.regions import at_level


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_generic_reader_with_mapping(tmp_path, fmt):
    df = pd.DataFrame({"id": ["P1", "P2"], "filed": ["2015", "2016-02-03"],
                       "owners": ["Foo Inc; Bar University", "대구대학교 산학협력단"],
                       "addr": ["Austin, USA; Daegu, Korea", "대구 북구"]})
    f = tmp_path / f"t.{fmt}"
    getattr(df, "to_excel" if fmt == "xlsx" else f"to_{fmt}")(f, index=False)
    res = read_table(f, {"patent_id": "id", "year": "filed", "applicants": "owners", "address": "addr"})
    a = res.applications
    assert a["applicant_id"].tolist() == ["FOO", "BAR UNIVERSITY", "DAEGU UNIVERSITY"]
    assert a["year"].tolist() == [2015, 2015, 2016]
    assert at_level(a["region"], 1).tolist() == ["", "KR-27", "KR-27"]


def test_generic_reader_bad_mapping(write):
    f = write("t.csv", "id,filed,owners\nP1,2015,Foo\n")
    with pytest.raises(IngestError, match="missing key"):
        read_table(f, {"patent_id": "id", "applicants": "owners"})
    with pytest.raises(IngestError, match="no header row found.*'filed_on'"):
        read_table(f, {"patent_id": "id", "year": "filed_on", "applicants": "owners"})
