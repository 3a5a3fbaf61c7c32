"""Row accounting under hypothesis-generated messy input: every raw row kept or rejected."""

from __future__ import annotations

import csv
import io

import pytest
from _hyp import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netanalysis.ingest import IngestError, read_kipris

names = st.sampled_from([
    "경북대학교 산학협력단", "(주)대경정밀", "주식회사 가나", "홍길동", "(주)", "", " ", "Foo Inc",
    "삼성전자(주)(경기 수원시)", "영남대학교 산학협력단(경북 경산시)", "=HYPERLINK(\"x\")", "a" * 300,
])
cells = st.lists(names, min_size=0, max_size=5).map(lambda xs: "|".join(xs))
dates = st.one_of(st.sampled_from(["2004.01.02", "20O4", "", "1850.01.01", "2010-05-06", "20120304",
                                   "2015", "13/13/13", "9999"]),
                  st.text(max_size=8))
ids = st.one_of(st.sampled_from(["1", "2", "3", ""]), st.text(max_size=6))


@pytest.mark.slow  # 80 ingests of random tables
@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(ids, dates, cells), min_size=1, max_size=25))
def test_every_row_is_kept_or_rejected(tmp_path, rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["출원번호", "출원일자", "출원인"])
    w.writerows(rows)
    f = tmp_path / "messy.csv"
    f.write_text(buf.getvalue(), encoding="utf-8")
    try:
        res = read_kipris(f)
    except IngestError:
        return  # one clear error (e.g. no row survived) is an allowed outcome
    r = res.report
    assert r.rows_read == r.rows_kept + r.rows_rejected
    assert r.rows_read == len(rows)  # blank rows too: they are rejected as "empty row"
    kept_rows = set(res.applications["source_row"])
    rejected_rows = set(res.rejects["source_row"])
    assert not kept_rows & rejected_rows
    assert len(kept_rows) == r.rows_kept
    assert all(2 <= x <= len(rows) + 1 for x in kept_rows | rejected_rows)
    assert (res.rejects["reason"].str.len() > 0).all()
