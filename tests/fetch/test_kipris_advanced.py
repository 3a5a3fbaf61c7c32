"""`netanalysis fetch kipris` item search (KIPRIS Plus ``getAdvancedSearch``: applicant=, ipc=,
years=) against a local server on 127.0.0.1 (no network).

The responses are BUILT FROM THE DOCUMENTED SCHEMA, not recorded from the live service:
``<response><header><successYN/><resultCode/><resultMsg/></header><body><items><item>…</item>
</items></body><count><numOfRows/><pageNo/><totalCount/></count></response>``, the envelope of
a real recorded KIPRIS Plus ``getAdvancedSearch`` response (the trademark service's, 2020,
public code) with the patent item fields of the service's documentation.  The records in them
are real: the distinct ``<PatentUtilityInfo>`` records of ../shared/data/kipris-plus-xml, their
fields renamed to the item search's (``ApplicationNumber`` -> ``applicationNumber`` …).  The
server (a test server, not the service) filters them by ``applicationDate`` and pages them by
``pageNo``/``numOfRows``; its error answers are constructed.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from _fetch_server import LocalServer, Seen, env_key_only, no_wait

from netanalysis.cli import main
from netanalysis.fetch import MANIFEST, FetchError, FetchStopped, fetch
from netanalysis.ingest import read_patents

SECRET = "ServiceKey+secret/=="
PAGES = Path("kipris-plus-xml/res/dummy/enterprise/patent")
#: recorded tag -> the item search's tag (as documented)
RENAME = {"ApplicationNumber": "applicationNumber", "ApplicationDate": "applicationDate",
          "Applicant": "applicantName", "InventionName": "inventionTitle",
          "InternationalpatentclassificationNumber": "ipcNumber", "RegistrationDate": "registerDate"}
QUERY = "applicant=서울대학교산학협력단; years=2004-2020"


@pytest.fixture
def service_key(monkeypatch):
    env_key_only(monkeypatch, "KIPRIS_PLUS_KEY", SECRET)


@functools.lru_cache(maxsize=1)
def _items(shared_data: Path) -> tuple[dict[str, str], ...]:
    """Every distinct real record (by application number), as item-search fields, in file order."""
    seen: dict[str, dict[str, str]] = {}
    for f in sorted((shared_data / PAGES).rglob("*.xml")):
        for rec in ET.parse(f).getroot().iter("PatentUtilityInfo"):
            fields = {new: " ".join((rec.findtext(old) or "").split()) for old, new in RENAME.items()}
            seen.setdefault(fields["applicationNumber"], fields)
    return tuple(seen.values())


def page(items: list[dict[str, str]], total: int, number: int, rows: int, *, yn: str = "Y", code: str = "00",
         msg: str = "NORMAL SERVICE.") -> bytes:
    body = "".join("<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in it.items()) + "</item>"
                   for it in items)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><response><header><successYN>' + yn
            + f"</successYN><resultCode>{code}</resultCode><resultMsg>{msg}</resultMsg></header><body><items>"
            + body + f"</items></body><count><numOfRows>{rows}</numOfRows><pageNo>{number}</pageNo>"
            f"<totalCount>{total}</totalCount></count></response>").encode("utf-8")


def item_server(items: list[dict[str, str]], fail: dict[int, tuple[int, dict[str, str], bytes]] | None = None,
                reach: int | None = None):
    """Answers like the documented operation: records filed within ``applicationDate`` (FROM~TO),
    page ``pageNo`` of ``numOfRows``; request number n answered by ``fail[n]`` instead; beyond
    ``reach`` records, empty pages (a service stopping short of its own total)."""
    count = {"n": 0}

    def answer(seen: Seen):
        count["n"] += 1
        if count["n"] in fail_:
            return fail_[count["n"]]
        lo, _, hi = seen.params.get("applicationDate", "00000000~99999999").partition("~")
        hits = [it for it in items if lo <= it["applicationDate"] <= hi]
        number, rows = int(seen.params["pageNo"]), int(seen.params["numOfRows"])
        start = (number - 1) * rows
        served = hits[start: start + rows] if reach is None or start < reach else []
        return 200, {"Content-Type": "application/xml"}, page(served, len(hits), number, rows)

    fail_ = fail or {}
    return answer


def test_item_search_sends_the_documented_parameters_and_ingest_reads_every_record(shared_data, service_key,
                                                                                  tmp_path):
    items = list(_items(shared_data))
    in_span = [it for it in items if "20040101" <= it["applicationDate"] <= "20201231"]
    assert 0 < len(in_span) < len(items)  # the span really filters (records from 2003 to 2024)
    with LocalServer(item_server(items)) as srv:
        res = fetch("kipris", QUERY, tmp_path / "k", base_url=srv.url, page_size=300, http=no_wait())
    pages = -(-len(in_span) // 300)
    assert (res.pages, res.records, res.total, res.complete) == (pages, len(in_span), len(in_span), True)
    first = srv.log[0].params
    assert first == {"ServiceKey": SECRET, "applicant": "서울대학교산학협력단", "applicationDate": "20040101~20201231",
                     "patent": "true", "utility": "true", "sortSpec": "AD", "descSort": "false", "pageNo": "1",
                     "numOfRows": "300"}
    assert [s.params["pageNo"] for s in srv.log] == [str(k) for k in range(1, pages + 1)]
    manifest = (tmp_path / "k" / MANIFEST).read_text(encoding="utf-8")
    assert "ServiceKey" not in manifest and "secret" not in manifest and "pageNo=2" in manifest
    got = read_patents(tmp_path / "k")
    assert got.report.reader == "kipris_plus_xml" and got.report.rows_read == len(in_span)
    rejected = got.rejects.drop_duplicates(["source_file", "source_row"])
    assert got.applications["patent_id"].nunique() + len(rejected) == len(in_span)
    # the |-joined applicants of a real co-application become one row each
    co = next(it for it in in_span if it["applicantName"].count("|") == 1
              and it["applicationNumber"] not in set(rejected.get("patent_id", [])))
    rows = got.applications[got.applications["patent_id"] == co["applicationNumber"]]
    assert len(rows) == 2


def test_years_option_fetches_one_item_search_per_application_year(shared_data, service_key, tmp_path):
    items = list(_items(shared_data))
    per_year = {y: sum(it["applicationDate"][:4] == str(y) for it in items) for y in (2010, 2011, 2012)}
    assert all(per_year.values())
    with LocalServer(item_server(items)) as srv:
        res = fetch("kipris", "ipc=G06F; years=2010-2012", tmp_path / "k", base_url=srv.url, years="2010-2012",
                    http=no_wait())
    assert sorted(p.name for p in (tmp_path / "k").iterdir()) == ["2010", "2011", "2012"]
    assert sorted({s.params["applicationDate"] for s in srv.log}) == [
        "20100101~20101231", "20110101~20111231", "20120101~20121231"]
    assert {s.params["ipcNumber"] for s in srv.log} == {"G06F"}
    assert (res.records, res.total, res.complete) == (sum(per_year.values()),) * 2 + (True,)
    assert "as --years asks" in res.notes[0] and res.notes[1:] == [f"{y}: {n} hits" for y, n in per_year.items()]
    assert read_patents(tmp_path / "k").report.rows_read == sum(per_year.values())


@pytest.mark.parametrize(("query", "message"), [
    ("applicant=경북대학교 산학협력단; address=대구광역시", "cannot search by applicant address"),
    ('{"address": "대구", "years": "2004-2020"}', "cannot search by applicant address"),
    ("applicant=경북대학교; region=KR-27", "unknown query field.*region"),
    ("years=2004-2020", "needs applicant= or ipc="),
    ("applicant=경북대학교; years=2020-2004", "years= '2020-2004': expected FROM-TO with FROM <= TO"),
    ("applicant=; ipc=H01M", "applicant empty"),
    ("applicant=경북대학교; H01M", "'H01M' is not key=value"),
    ('{"applicant": ["a", "b"]}', "JSON object of text or year values"),
    ('{"applicant": "a",', "query is not JSON"),
])
def test_bad_item_search_is_one_error_before_any_request(service_key, tmp_path, query, message):
    with LocalServer(lambda seen: (500, {}, b"")) as srv:
        with pytest.raises(FetchError, match=message):
            fetch("kipris", query, tmp_path / "k", base_url=srv.url, http=no_wait())
    assert srv.log == [] and not (tmp_path / "k").exists()


def test_a_service_stopping_short_of_its_total_is_never_complete(shared_data, service_key, tmp_path):
    items = [it for it in _items(shared_data) if "20040101" <= it["applicationDate"] <= "20201231"]
    assert len(items) > 400
    with LocalServer(item_server(items, reach=200)) as srv:  # records beyond the 200th never come
        with pytest.raises(FetchError, match=f"empty page after 200 of the {len(items)} hits.*not complete"):
            fetch("kipris", QUERY, tmp_path / "k", base_url=srv.url, page_size=100, http=no_wait())
        manifest = (tmp_path / "k" / MANIFEST).read_text(encoding="utf-8")
        assert '"complete"' not in manifest and manifest.count('"event": "page"') == 2
        with pytest.raises(FetchError, match="stops short"):  # run again: still not taken for complete
            fetch("kipris", QUERY, tmp_path / "k", base_url=srv.url, page_size=100, http=no_wait())


def test_quota_answer_stops_and_resume_is_byte_identical(shared_data, service_key, tmp_path):
    items = list(_items(shared_data))
    quota = (200, {}, page([], 0, 2, 250, yn="N", code="22", msg="LIMITED NUMBER OF SERVICE REQUESTS EXCEEDS ERROR."))
    with LocalServer(item_server(items, {2: quota})) as srv:
        with pytest.raises(FetchStopped, match="resultCode='22'.*KIPRIS_PLUS_KEY"):
            fetch("kipris", QUERY, tmp_path / "a", base_url=srv.url, page_size=250, http=no_wait())
        assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [MANIFEST, "page-0001.xml"]
        with pytest.raises(FetchError, match="--page-size of the first run"):
            fetch("kipris", QUERY, tmp_path / "a", base_url=srv.url, page_size=100, http=no_wait())
        resumed = fetch("kipris", QUERY, tmp_path / "a", base_url=srv.url, page_size=250, http=no_wait())
    assert resumed.complete and resumed.notes == ["resumed after page 1 (250 records already saved)"]
    with LocalServer(item_server(items)) as srv:
        fetch("kipris", QUERY, tmp_path / "b", base_url=srv.url, page_size=250, http=no_wait())
    read = lambda d: {p.name: p.read_bytes() for p in d.glob("page-*")}  # noqa: E731
    assert read(tmp_path / "a") == read(tmp_path / "b") and len(read(tmp_path / "b")) == resumed.pages


def test_no_hits_leaves_no_folder(service_key, tmp_path):
    with LocalServer(item_server([])) as srv:
        with pytest.raises(FetchError, match="no hits"):
            fetch("kipris", "applicant=없는출원인", tmp_path / "k", base_url=srv.url, http=no_wait())
    assert not (tmp_path / "k").exists()


def test_command_line_dry_run_and_refused_address(shared_data, service_key, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    items = list(_items(shared_data))
    with LocalServer(item_server(items)) as srv:
        assert main(["fetch", "kipris", "applicant=서울대학교산학협력단; years=2015", "--out", "data/raw/snu",
                     "--base-url", srv.url, "--dry-run"]) == 0
        n2015 = sum(it["applicationDate"].startswith("2015") for it in items)
        assert f"kipris: {n2015} hits" in capsys.readouterr().out and not (tmp_path / "data").exists()
        assert main(["fetch", "kipris", "address=대구; years=2004-2020", "--out", "data/raw/dg",
                     "--base-url", srv.url]) == 2
    err = capsys.readouterr().err
    assert "cannot search by applicant address" in err and "Traceback" not in err and err.count("\n") == 1
    assert len(srv.log) == 1
