"""Fuzzing every reader with random bytes and random messy tables (hypothesis).

Whatever arrives, a reader either raises one ``IngestError`` or returns a result in which
``rows_read == rows_kept + rows_rejected`` and every kept row is traceable to a raw
``source_row`` that no reject shares.  No other exception may escape.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from _hyp import examples
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netanalysis._safe_text import clean_text
from netanalysis.ingest import (
    IngestError,
    read_kipris,
    read_kipris_xml,
    read_lens,
    read_patents,
    read_patentsview,
    read_patentsview_json,
    read_table,
)

FUZZ = settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])

messy_text = st.one_of(
    st.sampled_from(["", " ", "(주)", "경북대학교 산학협력단", "Foo Univ.", "=1+1", "|;|", "2004.01.02",
                     "20O4", "38353", "1850", "\x00", "a" * 400, "대구광역시", "Tokyo, Japan", ";;", '"',
                     # issue 15: control and bidi characters, stray quotes, missing markers, other digits
                     "\x01", "(주)가\x0b나", "\x1b[2J", "\u202eEVIL", 'a"b', '""', "nan", "NULL", "1.02E+12",
                     "２００４．０１．０２", "٢٠٠٤", "AT&amp;T", "2010년 3월 2일", "\ufffe"]),
    st.text(max_size=30),
)
KIPRIS_HEADER = ["출원번호", "출원일자", "출원인", "출원인주소", "발명의명칭"]
LENS_HEADER = ["Lens ID", "Application Date", "Applicants", "Title"]
GENERIC = {"patent_id": "id", "year": "date", "applicants": "who"}


def accounted(res) -> None:
    r = res.report
    assert r.rows_read == r.rows_kept + r.rows_rejected
    kept = set(res.applications["source_row"])
    # a row of a long table repeating a (patent, applicant) pair is merged into the first and
    # counted in the report, so it is kept without a row of its own
    assert 0 <= r.rows_kept - len(kept) <= r.mentions_merged_duplicate
    assert not kept & set(res.rejects["source_row"])
    assert res.applications["source_row"].notna().all()
    assert (res.rejects["reason"].astype(str).str.len() > 0).all()
    ids = res.applications["applicant_id"].astype(str)
    assert all(clean_text(x) == x for x in ids)  # no control or bidi character reaches an id


def run(reader, path, **kw) -> None:
    try:
        res = reader(path, **kw)
    except IngestError as e:
        assert str(path.name) in str(e) or str(path) in str(e)
        return
    accounted(res)


@FUZZ
@given(data=st.binary(max_size=3000),
       suffix=st.sampled_from([".csv", ".tsv", ".xlsx", ".json", ".xml", ".parquet", ".txt"]))
@example(data=b"0", suffix=".csv")  # found by hypothesis: a bare JSON number crashed the JSON reader
@example(data=b"null", suffix=".json")
@example(data=b'"patents"', suffix=".json")
def test_random_bytes_never_crash_any_reader(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"raw{suffix}"
        p.write_bytes(data)
        for reader, kw in ((read_patents, {}), (read_kipris, {}), (read_lens, {}), (read_kipris_xml, {}),
                           (read_patentsview_json, {}), (read_table, {"columns": GENERIC})):
            run(reader, p, **kw)


@pytest.mark.slow  # 80 reads of random files (the cheaper fuzzers stay in the fast set)
@FUZZ
@given(rows=st.lists(st.tuples(st.sampled_from(["P1", "P2", "P3", "", "nan"]), messy_text, messy_text),
                     min_size=1, max_size=25),
       layout=st.sampled_from(["auto", "long", "wide"]),
       encoding=st.sampled_from(["utf-8", "cp949", "utf-16"]))
def test_random_long_tables_keep_the_row_accounting(rows, layout, encoding):
    """Long layouts (one row per patent x applicant, ids repeating), forced or detected."""
    data = _table_bytes(["id", "date", "who"], [list(r) for r in rows], ",", encoding)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "long.csv"
        p.write_bytes(data)
        run(read_table, p, columns=GENERIC, layout=layout)


def _table_bytes(header, rows, delimiter, encoding) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode(encoding, errors="replace")


@pytest.mark.slow  # 80 reads of random files (the cheaper fuzzers stay in the fast set)
@FUZZ
@given(layout=st.sampled_from(["kipris", "lens", "generic"]),
       rows=st.lists(st.lists(messy_text, min_size=0, max_size=7), min_size=0, max_size=20),
       delimiter=st.sampled_from([",", "\t", ";"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp949", "utf-16", "utf-16-le", "cp1252", "shift_jis",
                                 "gb18030"]),
       cut=st.integers(0, 40))
def test_random_tables_never_crash(layout, rows, delimiter, encoding, cut):
    header = {"kipris": KIPRIS_HEADER, "lens": LENS_HEADER, "generic": list(GENERIC.values())}[layout]
    data = _table_bytes(header, rows, delimiter, encoding)
    data = data[: len(data) - cut] if cut < len(data) else data  # sometimes truncated mid-row
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "raw.csv"
        p.write_bytes(data)
        reader, kw = {"kipris": (read_kipris, {}), "lens": (read_lens, {}),
                      "generic": (read_table, {"columns": GENERIC})}[layout]
        run(reader, p, **kw)
        run(read_patents, p)


@pytest.mark.slow  # 80 reads of random files (the cheaper fuzzers stay in the fast set)
@FUZZ
@given(records=st.lists(st.dictionaries(
    st.sampled_from(["patent_id", "patent_date", "application", "assignees", "junk"]),
    st.one_of(messy_text, st.integers(), st.none(),
              st.lists(st.dictionaries(st.sampled_from(["assignee_organization", "assignee_country",
                                                        "assignee_type", "filing_date"]),
                                       st.one_of(messy_text, st.none(), st.integers()), max_size=4),
                       max_size=3))), max_size=6))
def test_random_patentsview_json_never_crashes(records):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "api.json"
        p.write_text(json.dumps({"patents": records}), encoding="utf-8")
        run(read_patentsview_json, p)


@FUZZ
@given(cells=st.lists(st.lists(messy_text, min_size=1, max_size=4), min_size=0, max_size=6),
       which=st.sampled_from(["g_patent", "g_application", "g_assignee_disambiguated", "g_location_disambiguated"]))
def test_random_patentsview_bulk_never_crashes(cells, which):
    good = {
        "g_patent": "patent_id\tpatent_date\n1\t2010-01-05\n",
        "g_application": "patent_id\tfiling_date\n1\t2008-03-02\n",
        "g_assignee_disambiguated": "patent_id\tassignee_sequence\tdisambig_assignee_organization\t"
                                    "location_id\n1\t0\tFoo Univ\tL1\n1\t1\tBar Inc\tL1\n",
        "g_location_disambiguated": "location_id\tdisambig_country\tdisambig_state\nL1\tUS\tCA\n",
    }
    with tempfile.TemporaryDirectory() as d:
        for name, text in good.items():
            if name == which:
                lines = [text.splitlines()[0]] + ["\t".join(r) for r in cells]
                text = "\n".join(lines) + "\n"
            (Path(d) / f"{name}.tsv").write_text(text, encoding="utf-8")
        run(read_patentsview, Path(d))
