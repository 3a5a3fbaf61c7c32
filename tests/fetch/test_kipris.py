"""`netanalysis fetch kipris`: the KIPRIS Plus client against recorded and constructed XML
served from 127.0.0.1 (no network).

Recorded: a real response of ../shared/data/kipris-plus-xml replayed byte for byte.
Constructed: a server paging, with ``docsStart`` as the first record's number, over the
distinct real ``<PatentUtilityInfo>`` records of those files in the recorded envelope
(a test server, not the service); its error answers are constructed too.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from _fetch_server import LocalServer, Seen, env_key_only
from _fetch_server import no_wait as fast

from netanalysis.cli import main
from netanalysis.fetch import MANIFEST, FetchError, FetchStopped, fetch
from netanalysis.ingest import read_patents

KEY = "KIPRIS+secret/key=="
APPLICANT = "120080091393"
PAGES = Path("kipris-plus-xml/res/dummy/enterprise/patent")


@pytest.fixture
def key(monkeypatch):
    env_key_only(monkeypatch, "KIPRIS_PLUS_KEY", KEY)


@functools.lru_cache(maxsize=1)
def _records(shared_data: Path) -> tuple[tuple[str, str], ...]:
    """(ApplicationNumber, record XML) of every distinct real record, in file order."""
    seen: dict[str, str] = {}
    for f in sorted((shared_data / PAGES).rglob("*.xml")):
        for it in ET.parse(f).getroot().iter("PatentUtilityInfo"):
            seen.setdefault(it.findtext("ApplicationNumber") or "", ET.tostring(it, encoding="unicode"))
    return tuple(seen.items())


def envelope(records: list[str], total: int, start: int, code: str = "", msg: str = "") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<response><header><resultCode>' + code + "</resultCode>"
            "<resultMsg>" + msg + "</resultMsg></header><body><items>" + "".join(records)
            + f"<TotalSearchCount>{total}</TotalSearchCount><SearchStartNumber>{start}</SearchStartNumber>"
            "</items></body></response>").encode("utf-8")


def paging_server(records: list[str], fail: dict[int, tuple[int, dict[str, str], bytes]] | None = None):
    fail = fail or {}
    count = {"n": 0}

    def answer(seen: Seen):
        count["n"] += 1
        if count["n"] in fail:
            return fail[count["n"]]
        start, n = int(seen.params["docsStart"]), int(seen.params["docsCount"])
        return 200, {"Content-Type": "application/xml"}, envelope(records[start - 1: start - 1 + n], len(records), start)

    return answer


def test_replays_a_recorded_response_byte_for_byte(shared_data, key, tmp_path):
    body = (shared_data / PAGES / APPLICANT / "1.xml").read_bytes()
    with LocalServer(lambda seen: (200, {"Content-Type": "application/xml"}, body)) as srv:
        res = fetch("kipris", APPLICANT, tmp_path / "k", base_url=srv.url, max_pages=1, http=fast())
    assert (tmp_path / "k" / "page-0001.xml").read_bytes() == body
    assert (res.records, res.total) == (500, 1784)  # TotalSearchCount of the real response
    p = srv.log[0].params
    assert (p["applicant"], p["docsStart"], p["docsCount"], p["accessKey"]) == (APPLICANT, "1", "500", KEY)


def test_pages_by_record_number_and_ingest_counts_every_application(shared_data, key, tmp_path):
    recs = [x for _, x in _records(shared_data)]
    with LocalServer(paging_server(recs)) as srv:
        res = fetch("kipris", APPLICANT, tmp_path / "k", base_url=srv.url, page_size=400, http=fast())
    pages = -(-len(recs) // 400)
    assert (res.pages, res.records, res.complete) == (pages, len(recs), True)
    assert [s.params["docsStart"] for s in srv.log] == [str(1 + 400 * i) for i in range(pages)]
    got = read_patents(tmp_path / "k")
    assert got.report.reader == "kipris_plus_xml"
    assert got.report.rows_read == len(recs)
    # every distinct real record is kept as one application or rejected with a reason
    rejected = got.rejects.drop_duplicates(["source_file", "source_row"])
    assert got.applications["patent_id"].nunique() + len(rejected) == len(recs)


def test_quota_answer_stops_and_the_same_command_resumes_identically(shared_data, key, tmp_path):
    recs = [x for _, x in _records(shared_data)][:1200]
    quota = (200, {}, envelope([], 0, 1, code="22", msg="LIMITED NUMBER OF SERVICE REQUESTS EXCEEDS ERROR."))
    with LocalServer(paging_server(recs, {2: quota})) as srv:
        with pytest.raises(FetchStopped, match="resultCode='22'.*KIPRIS_PLUS_KEY"):
            fetch("kipris", APPLICANT, tmp_path / "a", base_url=srv.url, http=fast())
        assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [MANIFEST, "page-0001.xml"]
        res = fetch("kipris", APPLICANT, tmp_path / "a", base_url=srv.url, http=fast())
        assert (res.pages, res.records, res.complete) == (3, 1200, True)
    with LocalServer(paging_server(recs)) as srv:
        fetch("kipris", APPLICANT, tmp_path / "b", base_url=srv.url, http=fast())
    read = lambda d: {p.name: p.read_bytes() for p in d.glob("page-*")}  # noqa: E731
    assert read(tmp_path / "a") == read(tmp_path / "b")


@pytest.mark.parametrize(("body", "message"), [
    (b"<html><head><title>Error</title></head><body>maintenance</body></html>", "HTML page"),
    (b"<?xml version='1.0'?><response><body><items><PatentUtilityInfo><Appl", "not well-formed XML"),
])
def test_html_or_cut_off_page_is_refused_and_not_saved(shared_data, key, tmp_path, body, message):
    recs = [x for _, x in _records(shared_data)][:600]
    with LocalServer(paging_server(recs, {2: (200, {}, body)})) as srv:
        with pytest.raises(FetchError, match=message):
            fetch("kipris", APPLICANT, tmp_path / "k", base_url=srv.url, http=fast())
    assert sorted(p.name for p in (tmp_path / "k").iterdir()) == [MANIFEST, "page-0001.xml"]


def test_key_in_the_url_is_never_shown_or_saved(shared_data, key, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    waits: list[float] = []
    monkeypatch.setattr("time.sleep", waits.append)  # the command's own back-off, not waited for here
    with LocalServer(lambda seen: (500, {}, b"Internal Server Error")) as srv:
        http = fast(max_retries=1)
        with pytest.raises(FetchStopped) as e:
            fetch("kipris", APPLICANT, tmp_path / "k", base_url=srv.url, http=http)
        assert "accessKey=***" in str(e.value)
        assert main(["fetch", "kipris", APPLICANT, "--out", "data/raw/k", "--base-url", srv.url, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert waits and max(waits) <= 120.0  # bounded back-off of the default Http
    assert err.count("\n") == 1 and "HTTP 500" in err and "Traceback" not in err
    forms = {KEY, quote(KEY, safe=""), quote_plus(KEY)}
    assert not any(k in str(e.value) + err for k in forms)
    recs = [x for _, x in _records(shared_data)][:10]
    with LocalServer(paging_server(recs)) as srv:
        fetch("kipris", APPLICANT, tmp_path / "ok", base_url=srv.url, http=fast())
    manifest = (tmp_path / "ok" / MANIFEST).read_text(encoding="utf-8")
    assert "docsStart=1" in manifest and not any(k in manifest for k in forms)


def test_readme_path_fetch_then_ingest_on_the_command_line(shared_data, key, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    recs = [x for _, x in _records(shared_data)][:700]
    with LocalServer(paging_server(recs)) as srv:
        assert main(["fetch", "kipris", APPLICANT, "--out", "data/raw/k", "--base-url", srv.url, "--dry-run"]) == 0
        assert "kipris: 700 hits" in capsys.readouterr().out and not (tmp_path / "data").exists()
        assert main(["fetch", "kipris", APPLICANT, "--out", "data/raw/k", "--base-url", srv.url, "--quiet"]) == 0
        assert "2 pages, 700 records of 700 hits" in capsys.readouterr().out
        assert main(["fetch", "kipris", APPLICANT, "--out", "data/raw/k", "--base-url", srv.url, "--quiet"]) == 0
        assert "0 requests; complete" in capsys.readouterr().out  # repeated offline
    assert main(["ingest", "data/raw/k", "--out", "data/processed"]) == 0
    out = capsys.readouterr().out
    assert "read as kipris_plus_xml" in out and "rows read 700" in out
