"""What a hostile input file can do to the readers (issue 28; docs/security.md lists each promise):
regular expressions stay linear on adversarial text, workbooks, XML and YAML are checked before
they are loaded, and every limit gives one error line naming the file and the limit, raised by
``--limit``.

Speed itself is measured in benchmarks; here a hang fails the test: adversarial cells of 10⁵
characters are read in a subprocess with a generous timeout (the old expressions took hours).
"""

from __future__ import annotations

import csv
import random
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from _hyp import ROOT

from netanalysis._errors import IngestError
from netanalysis._limits import check_markup, check_workbook, limits, set_limits
from netanalysis.cli import main
from netanalysis.ingest import read_patents
from netanalysis.ingest._split import linear_separator
from netanalysis.ingest._text import _is_type_hint, pick
from netanalysis.ingest.patentsview import read_patentsview_json

N = 100_000

#: Cells that make backtracking expressions explode: long runs of what a separator, a legal
#: form, an address or a type hint is made of, each ending in what makes the match fail.
ADVERSARIAL = {
    "blanks": " " * N + "x",
    "blanks_tail": "ACME" + " " * N,
    "tabs": "\t" * N + "!",
    "type_hint": "_a" * (N // 2) + "!",
    "separators": " ;" * (N // 2) + " x",
    "pipes_blanks": "| " * (N // 2),
    "parens": "(" * N,
    "parens_blanks": "(a " * (N // 3) + "x",
    "legal_forms": "주식회사 " * (N // 5),
    "legal_paren": "(주)" * (N // 3),
    "co_ltd": "CO., LTD. " * (N // 10),
    "commas": ", " * (N // 2) + "x",
    "universities": "대학교 산학협력단 " * (N // 10),
    "addresses": "(서울특별시 강남구) " * (N // 12),
    "place_words": "seoul city " * (N // 11) + "!",
    "dots": "1." * (N // 2),
    "quotes": '"' * N,
    "entities": "&amp;" * (N // 5),
    "hangul": "가" * N,
}


def _hang_fails(code: str, timeout: float = 240) -> str:
    """Run ``code`` in a fresh interpreter from the repository root; a timeout fails the test."""
    try:
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"did not finish in {timeout:.0f} s: a regular expression backtracks on adversarial text")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _kipris_file(path: Path, column: str) -> int:
    """A KIPRIS export whose ``column`` holds one adversarial cell per row (plus a clean row)."""
    rows = []
    for i, cell in enumerate(ADVERSARIAL.values()):
        row = {"출원번호": f"10201000{i:05d}", "출원일자": "2010.03.02", "출원인": "가나 주식회사|다라대학교 산학협력단",
               "출원인주소": "서울특별시 강남구|대구광역시 북구", "발명의명칭": "x", "IPC분류": "A01B 1/00"}
        row[column] = cell
        rows.append(row)
    rows.append({**rows[0], "출원번호": "1020109999999", column: rows[1][column if column != "출원인" else "출원인"]})
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return len(rows)


@pytest.mark.slow
@pytest.mark.parametrize("column", ["출원인", "출원인주소", "IPC분류"])
def test_adversarial_cells_of_100k_characters_are_read_without_hanging(tmp_path, column):
    path = tmp_path / "adversarial.csv"
    n = _kipris_file(path, column)
    out = _hang_fails(f"""
        from netanalysis.ingest import read_kipris
        r = read_kipris({str(path)!r})
        print(r.report.rows_read, r.report.rows_kept + r.report.rows_rejected)
    """)
    read, accounted = map(int, out.split())
    assert read == accounted == n  # every adversarial row read and kept or rejected with a reason


@pytest.mark.slow
def test_adversarial_applicants_in_a_lens_file_are_read_without_hanging(tmp_path):
    path = tmp_path / "lens.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Lens ID", "Application Number", "Application Date", "Applicants"])
        for i, cell in enumerate(ADVERSARIAL.values()):
            w.writerow([f"000-{i:03d}", f"US {i}", "2012-01-01", "ACME INC;; " + cell])
    out = _hang_fails(f"""
        import netanalysis as na
        r = na.read_patents({str(path)!r})
        print(r.report.rows_read, r.report.rows_kept + r.report.rows_rejected)
    """)
    read, accounted = map(int, out.split())
    assert read == accounted == len(ADVERSARIAL)


def test_header_type_hint_of_100k_characters_is_matched_without_hanging():
    # 29 repetitions of "_a" took minutes with the old expression; here 50,000
    out = _hang_fails("""
        from netanalysis.ingest._text import pick
        print(pick(["출원번호", "출원인" + "_a" * 50_000 + "!"], "출원인"),
              pick(["출원인" + "_a" * 50_000], "출원인") is not None,
              pick(["출원인" + " NGRAM" * 20_000 + ":"], "출원인"))
    """, timeout=60)
    assert out.split() == ["None", "True", "None"]


def test_unterminated_json_string_of_100k_characters_is_refused_without_hanging(tmp_path):
    p = tmp_path / "page.json"
    p.write_text('{"patents": ["' + '\\"' * 50_000, encoding="utf-8")  # 16 s at 20,000 before; minutes here
    out = _hang_fails(f"""
        from netanalysis.ingest.patentsview import read_patentsview_json
        from netanalysis._errors import IngestError
        try:
            read_patentsview_json({str(p)!r})
        except IngestError as e:
            print("refused" if "not valid JSON" in str(e) and "page.json" in str(e) else str(e))
    """, timeout=60)
    assert out.strip() == "refused"


_OLD_TYPE_HINT = re.compile(r"^(?:[\s_:]+[A-Za-z][A-Za-z0-9_]*)+\s*$|^\s*[(\[{][A-Za-z0-9_ ,]*[)\]}]\s*$")


def test_type_hint_rule_is_the_old_expression_on_short_strings():
    rng = random.Random(28)
    alphabet = " _:aZ1\t\u3000([]){},x!-"
    for _ in range(20_000):  # short: the old expression is fast there
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert _is_type_hint(s) == bool(_OLD_TYPE_HINT.match(s)), repr(s)
    assert pick(["순번", "출원인  NGRAM", "출원인주소"], "출원인") == "출원인  NGRAM"
    assert pick(["출원인 [text]"], "출원인") == "출원인 [text]"


@pytest.mark.parametrize("sep", [r"\s*[|;]\s*", r"\s*(?:;;|;|\||\n)\s*", r"\s*\x1f[\s\x1f]*"])
def test_linear_separator_splits_as_the_original(sep):
    rng = random.Random(sep)
    alphabet = [" ", "\t", "\n", "|", ";", "a", "\x1f", "b "]
    for _ in range(20_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert re.split(linear_separator(sep), s) == re.split(sep, s), repr(s)
        assert re.sub(linear_separator(sep), "#", s) == re.sub(sep, "#", s), repr(s)
    assert linear_separator(";") == ";"  # nothing to guard


def test_place_names_found_as_before_on_real_kinds_of_address():
    from netanalysis.regions import region_from_address

    addresses = ["123 Teheran-ro, Gangnam-gu, Seoul, Korea", "Daegu Metropolitan City, Buk-gu, Korea",
                 "Busan St, Toronto, Canada", "경상북도 구미시 산호대로", "Paris, France", "Seoul, Korea; Tokyo, Japan"]
    got = region_from_address(__import__("pandas").Series(addresses))
    assert got.loc[0, "region"].startswith("KR-11") and got.loc[1, "region"].startswith("KR-27")
    assert got.loc[2, "country"] == "CA" and got.loc[4, "country"] == "FR"
    assert got.loc[3, "region"].startswith("KR-47")
    assert got.loc[5, "country"] == "JP"  # the last name found wins, as before


# --- workbooks checked before loading --------------------------------------------------------


def _workbook(path: Path, sheets: int = 1) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["patent_id", "year", "applicants"])
    ws.append(["P1", 2004, "ACME;BETA UNIVERSITY"])
    for i in range(1, sheets):
        wb.create_sheet(f"s{i}").append(["x"])
    wb.save(path)
    return path


SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _with_shared_strings(src: Path, dst: Path, extra: int, part: str = "xl/strings_elsewhere.xml") -> Path:
    """``src`` with a shared-string table of ``extra`` unused strings, at the part ``part``
    that ``[Content_Types].xml`` and the workbook's relationships name (where Excel readers
    look for it, whatever its name)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", f'<Override PartName="/{part}" ContentType="{SST}"/></Types>'.encode())
            if item.filename == "xl/_rels/workbook.xml.rels":
                rel = (f'<Relationship Id="rIdS" Target="/{part}" Type="http://schemas.openxmlformats.org/'
                       'officeDocument/2006/relationships/sharedStrings"/>')
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            zout.writestr(item, data)
        sst = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        zout.writestr(part, sst + "<si><t>u</t></si>" * extra + "</sst>")
    return dst


COLS = {"patent_id": "patent_id", "year": "year", "applicants": "applicants"}


def test_workbook_with_too_many_sheets_is_refused_before_loading(tmp_path):
    p = _workbook(tmp_path / "many.xlsx", sheets=6)
    with set_limits(sheets=5), pytest.raises(IngestError) as e:
        read_patents(p, columns=COLS, sep=";")
    msg = str(e.value)
    assert "many.xlsx" in msg and "6 worksheets" in msg and "--limit sheets" in msg and "\n" not in msg
    with set_limits(sheets=6):
        assert read_patents(p, columns=COLS, sep=";").report.rows_kept == 1
    assert limits().sheets == 256


def test_workbook_with_unused_shared_strings_is_refused_before_loading(tmp_path):
    src = _workbook(tmp_path / "ok.xlsx")
    bomb = _with_shared_strings(src, tmp_path / "strings.xlsx", extra=20_000)
    assert bomb.stat().st_size < 50_000  # small file, many strings
    with pytest.raises(IngestError, match=r"strings\.xlsx.*20,00\d strings but its sheets declare only 6 cells.*"
                                          r"--limit strings"):
        check_workbook(bomb)
    with set_limits(strings="20M"):  # raised by the user: read (the strings are unused)
        assert read_patents(bomb, columns=COLS, sep=";").report.rows_kept == 1
    with set_limits(strings=1000), pytest.raises(IngestError, match=r"more than 1,000 strings.*strings limit"):
        check_workbook(bomb)
    check_workbook(src)  # a genuine workbook passes


@pytest.mark.parametrize("k", [0, 1, 300_001])
def test_shared_strings_are_counted_exactly_across_chunks(k):
    """Entries of 5 to 20 bytes, with and without a namespace prefix, over several 1 MB chunks:
    a limit of exactly ``k`` passes, ``k - 1`` is refused."""
    import io

    from netanalysis._limits import Limits, _check_shared_strings

    heads = (b"<x:si>", b"<si >", b"<si/>")
    body = b"".join(heads[i % 3] + b"<t>ab</t></si>" * (i % 2) for i in range(k))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("s.xml", b"<sst>" + body + b"</sst>")
    with zipfile.ZipFile(buf) as z:
        _check_shared_strings(z, "s.xml", "w.xlsx", None, Limits(strings=k))
        if k:
            with pytest.raises(IngestError, match=f"more than {k - 1:,} strings"):
                _check_shared_strings(z, "s.xml", "w.xlsx", None, Limits(strings=k - 1))


def test_cli_refuses_a_workbook_bomb_in_one_line_and_limit_raises_it(tmp_path, capsys):
    p = _workbook(tmp_path / "many.xlsx", sheets=4)
    argv = ["ingest", str(p), "--columns", "patent_id=patent_id,year=year,applicants=applicants",
            "--sep", ";", "--out", str(tmp_path / "o")]
    code = main([*argv, "--limit", "sheets=3"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "many.xlsx" in err and "sheets limit of 3" in err
    assert main([*argv, "--limit", "sheets=4"]) == 0


# --- XML: tag and text runs capped before parsing ---------------------------------------------


def _kipris_xml(path: Path, attribute: str = "", applicant: str = "ACME") -> Path:
    path.write_text(f'<response><body><items><PatentUtilityInfo note="{attribute}">'
                    "<ApplicationNumber>1020100000001</ApplicationNumber><ApplicationDate>20100302</ApplicationDate>"
                    f"<Applicant>{applicant}|BETA UNIVERSITY</Applicant></PatentUtilityInfo></items></body></response>",
                    encoding="utf-8")
    return path


def test_xml_with_a_huge_attribute_or_text_is_refused_before_parsing(tmp_path):
    big_attr = _kipris_xml(tmp_path / "attr.xml", attribute="x" * 5000)
    big_text = _kipris_xml(tmp_path / "text.xml", applicant="가" * 5000)
    with set_limits(cell_chars=1000):
        # the tag 'PatentUtilityInfo note="x…x"' is 17 + 7 + 5,000 + 1 characters; the text is the
        # 5,000 Korean characters and "|BETA UNIVERSITY" (16)
        for p, what in ((big_attr, "5,025 characters"), (big_text, "5,016 characters")):
            with pytest.raises(IngestError, match=rf"{p.name}.*one tag or text run .*{what}.*cell_chars limit of "
                                                  r"1,000.*--limit cell_chars"):
                read_patents(p)
    with set_limits(cell_chars=6000):  # raised: read
        assert read_patents(big_attr).report.rows_kept == 1
    with set_limits(cell_chars=2000):  # 1,980 + 16 characters in 5,956 bytes: the limit counts characters
        check_markup(_kipris_xml(tmp_path / "ko.xml", applicant="가" * 1980))
    check_markup(_kipris_xml(tmp_path / "ok.xml"))


# --- YAML cassettes ----------------------------------------------------------------------------

BODY = ('{"patents": [{"patent_id": "1", "patent_date": "2012-05-01", "assignees": '
        '[{"assignee_organization": "ACME INC"}, {"assignee_organization": "UNIV X"}]}]}')


def _cassette(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_cassette_with_nested_aliases_is_refused_in_one_line(tmp_path):
    laughs = ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        laughs.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 12) + "]")  # 12^9 "lol"s, 109 aliases
    text = "\n".join(laughs) + "\nhttp_interactions:\n- response: {body: {string: *j}}\npatents: 1\n"
    p = _cassette(tmp_path / "laughs.yml", text)
    with pytest.raises(IngestError) as e:
        read_patentsview_json(p)
    msg = str(e.value)
    assert "laughs.yml" in msg and "yaml_aliases limit" in msg and "--limit yaml_aliases" in msg and "\n" not in msg


def test_cassette_with_python_tags_is_refused_in_one_line_and_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    p = _cassette(tmp_path / "evil.yaml", f"http_interactions: !!python/object/apply:os.system ['touch {marker}']\n"
                                           "patents: 1\n")
    with pytest.raises(IngestError) as e:
        read_patentsview_json(p)
    msg = str(e.value)
    assert "evil.yaml" in msg and "python/object/apply" in msg and "line 1" in msg and "\n" not in msg
    assert not marker.exists()


def test_cassette_whose_body_is_not_text_is_refused_not_crashed(tmp_path):
    p = _cassette(tmp_path / "odd.yml", "x: &x {a: 1}\nhttp_interactions:\n- response: {body: {string: *x}}\n"
                                        "patents: 1\n")
    with pytest.raises(IngestError, match=r"odd\.yml.*no patents|odd\.yml.*not a recording"):
        read_patentsview_json(p)


def test_cassette_aliases_within_the_budget_are_read_and_limit_raises_it(tmp_path):
    body = BODY.replace('"', '\\"')
    text = (f'body: &b {{encoding: UTF-8, string: "{body}"}}\nhttp_interactions:\n'
            + "".join("- response: {status: {code: 200}, body: *b}\n" for _ in range(3)) + "# patents\n")
    p = _cassette(tmp_path / "ok.yml", text)
    assert read_patentsview_json(p).report.rows_read == 3  # three pages, one patent each (same page)
    with set_limits(yaml_aliases=2), pytest.raises(IngestError, match="more than 2 aliases"):
        read_patentsview_json(p)
