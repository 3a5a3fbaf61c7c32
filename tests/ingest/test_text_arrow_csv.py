"""Issue 30: a text table read by Arrow's CSV reader is the table Python's csv module gives.

``read_raw_table`` reads a UTF-8 CSV with Arrow when that provably gives what ``csv.reader`` and
``_table_from_rows`` give (``_arrow_table``), and with ``csv`` otherwise. Each file here (all
SYNTHETIC) is read both ways and the two tables must be equal: header, data (dtypes and row
numbers), rejected rows with their reasons, encoding and notes; or the same error.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

import netanalysis.ingest._text as text_module
from netanalysis._errors import IngestError


def _is_header(row: list[str]) -> bool:
    return "id" in row


def _read_both(path, monkeypatch) -> tuple[object, object, bool]:
    original = text_module._arrow_table
    used: list[bool] = []

    def spy(*args, **kwargs):
        table = original(*args, **kwargs)
        used.append(table is not None)
        return table

    def read():
        try:
            return text_module.read_raw_table(path, _is_header, "a column id")
        except IngestError as e:
            return e

    with monkeypatch.context() as m:
        m.setattr(text_module, "_arrow_table", lambda *a, **k: None)
        by_csv = read()
    with monkeypatch.context() as m:
        m.setattr(text_module, "_arrow_table", spy)
        by_arrow = read()
    return by_csv, by_arrow, bool(used and used[0])


def _assert_same(a, b) -> None:
    if isinstance(a, Exception) or isinstance(b, Exception):
        assert type(a) is type(b) and str(a) == str(b)
        return
    pd.testing.assert_frame_equal(a.data, b.data, check_exact=True)
    assert (a.header, a.bad_rows, a.encoding, a.notes) == (b.header, b.bad_rows, b.encoding, b.notes)


CASES = {  # name: (text, whether Arrow may read it)
    "plain": ("id,name,year\n1,ACME,2001\n2,BETA,2002\n", True),
    "preamble and blank line before the header": ("# SYNTHETIC\n\nid,name,year\n1,ACME,2001\n2,BETA,2002", True),
    "quotes, doubled quotes, quotes inside a field": (
        'id,name,year\n1,"ACME, INC",2001\n2,"BE""TA",2002\n3,A"B,2003\n4,"C"D,2004\n5, "E",2005\n', True),
    "a record over two lines": ('id,name,year\n1,"ACME\nINC",2001\n2,B,2002\n', False),
    "blank line among the records": ("id,name,year\n1,A,2001\n\n2,B,2002\n", True),
    "rows of blanks": ("id,name,year\n1,A,2001\n,,\n , \x1c,\u3000\n2,B,2002\n", True),
    "blank cells beside filled ones": ("id,name,year\n,,2001\n , B,\n,,\n3,,\n", True),
    "CRLF": ("id,name,year\r\n1,A,2001\r\n2,B,2002\r\n", True),
    "BOM": ("\ufeffid,name,year\n1,A,2001\n", True),
    "extra fields": ("id,name,year\n1,A,2001,\n2,B,2002,X\n", False),
    "missing fields": ("id,name,year\n1,A\n2,B,2002\n", False),
    "a header name twice": ("id,name,name\n1,A,B\n", True),
    "empty last header field": ("id,name,\n1,A,\n", False),
    "semicolons": ("id;name;year\n1;A, B;2001\n2;C;2002\n", True),
    "Hangul, line separator inside a field": ("id,name,year\n1,경북대학교 산학협력단,2001\n2,Zoë\u2028x,2002\n", True),
    "bare carriage returns": ("id,name,year\r1,A,2001\r2,B,2002\r", False),
    "unterminated quote": ('id,name,year\n1,A,2001\n2,"B,2002\n', False),
    "header only": ("id,name,year\n", False),
    "one column with a blank line": ("id\n1\n\n2\n", True),
    "every row empty": ("id,name\n,\n,\n", False),
    "NUL byte": ("id,name\n1,A\x00B\n", False),
    "quoted header": ('"id","na,me"\n"1","A"\n', True),
}


@pytest.mark.parametrize("name", list(CASES))
def test_arrow_reads_what_csv_reads(name, tmp_path, monkeypatch):
    text, arrow = CASES[name]
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    by_csv, by_arrow, used = _read_both(path, monkeypatch)
    _assert_same(by_csv, by_arrow)
    assert used is arrow


def test_row_numbers_and_empty_rows_by_hand(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_bytes(b"# SYNTHETIC\nid,name\n1,A\n,\n2,\"B, C\"\n")
    _, t, used = _read_both(path, monkeypatch)
    assert used
    # line 1 the comment, line 2 the header; line 4 holds only a delimiter: an empty row
    assert t.data.index.tolist() == [3, 5]
    assert t.data["name"].tolist() == ["A", "B, C"]
    assert t.bad_rows == [(4, "empty row", "")]


USED: list[bool] = []  # whether Arrow read each drawn table (the fuzz must reach both readers)
FIELD = st.text(alphabet=[*'ab ,";\n\r\t\x1c', "é", "가", "\u3000"], max_size=6)


@settings(max_examples=examples(120), deadline=None)
@given(rows=st.lists(st.lists(FIELD, min_size=3, max_size=3), min_size=1, max_size=8),
       delim=st.sampled_from([",", ";", "\t"]), quote_all=st.booleans())
def test_random_tables_read_alike(rows, delim, quote_all, tmp_path_factory):
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delim, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
               lineterminator="\n").writerows([["id", "name", "x"], *rows])
    raw = out.getvalue()
    path = tmp_path_factory.mktemp("fuzz") / "t.csv"
    for variant in (raw, raw.replace('"', "")):  # also unquoted: fields run across delimiters and lines
        path.write_bytes(variant.encode("utf-8"))
        with pytest.MonkeyPatch.context() as monkeypatch:
            by_csv, by_arrow, used = _read_both(path, monkeypatch)
        _assert_same(by_csv, by_arrow)
        USED.append(used)


def test_the_fuzz_reached_both_readers():
    if USED:  # after the property test in the same run (pytest keeps the file's order)
        assert 0 < sum(USED) < len(USED)


# The UTF-8 fast path reads bytes where the csv path reads the decoded text: the two checks it
# runs on bytes must answer as on the text.
QUOTE_TEXT = st.text(alphabet=st.sampled_from(['"', ",", ";", "\n", "\r", "a", " ", "é", "가"]), max_size=40)


@settings(max_examples=examples(300), deadline=None)
@given(text=QUOTE_TEXT, delim=st.sampled_from([",", ";"]), bom=st.booleans())
def test_open_quote_found_alike_in_bytes_and_text(text, delim, bom):
    data = ("\ufeff" if bom else "").encode() + text.encode()
    assert text_module._unterminated_quote(data, delim, 3 if bom else 0) == text_module._unterminated_quote(text, delim)


def test_open_quote_by_hand():
    assert text_module._unterminated_quote('a,"b\n', ",")
    assert not text_module._unterminated_quote('a,"b""c"\n', ",")
    assert not text_module._unterminated_quote('a,b"c\n', ",")  # a quote inside an unquoted field
    assert text_module._unterminated_quote('\ufeff"a'.encode(), ",", 3)  # a field opened at the start


@settings(max_examples=examples(300), deadline=None)
@given(raw=st.lists(st.sampled_from([b" ", b"\t", b"\r", b"\n", b"\x00", b"\xef\xbb\xbf", b"\xef", b"\xbb", b"x"]),
                    max_size=12).map(b"".join))
def test_blank_file_as_the_full_check_says(raw):
    assert text_module._is_blank(raw) == (not raw.replace(b"\xef\xbb\xbf", b"").strip(b" \t\r\n\x00"))


@pytest.mark.parametrize("where", [2, 45])  # in the first lines (decoded first) and past them (Arrow's check)
def test_a_line_not_utf8_is_read_by_csv_with_its_note(where, tmp_path, monkeypatch):
    lines = [b"id,name,year\n"] + [f"{i},Zo\u00eb {i},2001\n".encode() for i in range(60)]
    lines[where] = "99,Caf\u00e9,2002\n".encode("cp1252")  # one row in another encoding
    path = tmp_path / "t.csv"
    path.write_bytes(b"".join(lines))
    by_csv, by_arrow, used = _read_both(path, monkeypatch)
    _assert_same(by_csv, by_arrow)
    assert not used
    assert by_arrow.encoding == "utf-8+cp1252" and by_arrow.data.loc[where + 1].tolist() == ["99", "Caf\u00e9", "2002"]
