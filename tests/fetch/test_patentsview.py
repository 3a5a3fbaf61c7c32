"""`netanalysis fetch patentsview`: the PatentSearch client against recorded and constructed
responses served from 127.0.0.1 (no network).

Recorded: ../shared/data/patentsview-api/after-paging.yml (two real pages of 100, replayed
byte for byte).  Constructed: a server paging over the 1,000 real patent records of
eq-message.yml with the documented ``o.size`` / ``o.after`` semantics (a test server, not
the service).
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import pytest
import yaml
from _fetch_server import LocalServer, Seen, env_key_only

from netanalysis.cli import main
from netanalysis.fetch import MANIFEST, FetchError, FetchStopped, Http, fetch
from netanalysis.ingest import read_patents

KEY = "PV-SECRET-k3y/with+chars="
Q = '{"patent_date":"2007-03-06"}'


@pytest.fixture
def key(monkeypatch):
    env_key_only(monkeypatch, "PATENTSVIEW_API_KEY", KEY)
    return KEY


def fast(**kw) -> Http:
    sleeps: list[float] = []
    h = Http(min_interval=0.0, sleep=sleeps.append, **kw)
    h.sleeps = sleeps  # type: ignore[attr-defined]
    return h


def _interactions(shared_data: Path, name: str) -> list[dict]:
    doc = yaml.safe_load((shared_data / "patentsview-api" / name).read_text(encoding="utf-8"))
    return doc["http_interactions"]


@functools.lru_cache(maxsize=1)
def _pool(shared_data: Path) -> tuple[dict, ...]:
    body = json.loads(_interactions(shared_data, "eq-message.yml")[0]["response"]["body"]["string"])
    return tuple(sorted(body["patents"], key=lambda p: p["patent_id"]))


@pytest.fixture
def pool(shared_data) -> list[dict]:
    """The 1,000 real records of eq-message.yml, sorted by patent_id as the client asks."""
    return list(_pool(shared_data))


def paging_server(pool: list[dict], fail: dict[int, tuple[int, dict[str, str], bytes]] | None = None):
    """A constructed PatentSearch: o.size / o.after over ``pool``; ``fail[n]`` answers request n."""
    fail = fail or {}
    count = {"n": 0}

    def answer(seen: Seen):
        count["n"] += 1
        if count["n"] in fail:
            return fail[count["n"]]
        if seen.headers.get("x-api-key") != KEY:
            return 403, {"Content-Type": "application/json"}, b'{"detail":"Invalid API key"}'
        o = json.loads(seen.params["o"])
        after = o.get("after")
        rest = [p for p in pool if after is None or p["patent_id"] > after]
        page = rest[: o["size"]]
        doc = {"error": False, "count": len(page), "total_hits": len(pool), "patents": page}
        return 200, {"Content-Type": "application/json"}, json.dumps(doc).encode()

    return answer


def test_replays_recorded_pages_and_asks_for_the_recorded_cursor(shared_data, key, tmp_path):
    inter = _interactions(shared_data, "after-paging.yml")
    bodies = [i["response"]["body"]["string"].encode("utf-8") for i in inter]
    recorded_o = [json.loads(__import__("urllib.parse").parse.parse_qs(
        __import__("urllib.parse").parse.urlsplit(i["request"]["uri"]).query)["o"][0]) for i in inter]

    def answer(seen: Seen):
        o = json.loads(seen.params["o"])
        return 200, {"Content-Type": "application/json"}, bodies[recorded_o.index(o)]

    with LocalServer(answer) as srv:
        res = fetch("patentsview", '{"_eq":{"patent_date":"2000-01-04"}}', tmp_path / "pv", base_url=srv.url,
                    page_size=100, max_pages=2, http=fast())
    # the client's second request is the one the real service was sent: after = last patent_id of page 1
    assert [json.loads(s.params["o"]) for s in srv.log] == recorded_o
    assert recorded_o[1]["after"] == json.loads(bodies[0])["patents"][-1]["patent_id"]
    assert [s.headers["x-api-key"] for s in srv.log] == [KEY, KEY]
    saved = sorted((tmp_path / "pv").glob("page-*.json"))
    assert [p.read_bytes() for p in saved] == bodies  # saved as received
    assert res.pages == 2 and res.records == 200 and res.total == 3001 and not res.complete
    lines = [json.loads(x) for x in (tmp_path / "pv" / MANIFEST).read_text().splitlines()]
    assert [x["sha256"] for x in lines if x["event"] == "page"] == [hashlib.sha256(b).hexdigest() for b in bodies]


def test_whole_query_in_pages_then_ingest_reads_the_folder(pool, key, tmp_path):
    with LocalServer(paging_server(pool)) as srv:
        res = fetch("patentsview", Q, tmp_path / "pv", base_url=srv.url, page_size=300, http=fast())
    assert (res.pages, res.records, res.total, res.complete) == (4, 1000, 1000, True)
    assert len(srv.log) == 4
    got = read_patents(tmp_path / "pv", fallback_year=2007)
    assert got.report.reader == "patentsview_api"
    assert got.report.rows_read == len(pool)  # one raw row per patent record, every page read
    with_assignee = {p["patent_id"] for p in pool if p.get("assignees")}
    assert set(got.applications["patent_id"]) <= with_assignee


def test_resume_after_quota_stop_is_byte_identical(pool, key, tmp_path):
    quota = (429, {"Retry-After": "30"}, b'{"detail":"Request was throttled."}')
    # requests 3..7 throttled: the 5 attempts of page 3 all fail, the run stops after page 2
    with LocalServer(paging_server(pool, {n: quota for n in range(3, 8)})) as srv:
        http = fast(max_retries=4)
        with pytest.raises(FetchStopped, match="HTTP 429 after 5 attempts"):
            fetch("patentsview", Q, tmp_path / "a", base_url=srv.url, page_size=300, http=http)
        assert http.sleeps == [30.0] * 4  # the service's Retry-After honoured, bounded by max_retries
        assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [MANIFEST, "page-0001.json", "page-0002.json"]
        res = fetch("patentsview", Q, tmp_path / "a", base_url=srv.url, page_size=300, http=fast())
        assert res.notes and "resumed after page 2" in res.notes[0]
        assert (res.pages, res.records, res.complete) == (4, 1000, True)
    with LocalServer(paging_server(pool)) as srv:
        fetch("patentsview", Q, tmp_path / "b", base_url=srv.url, page_size=300, http=fast())
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").glob("page-*")}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").glob("page-*")}
    assert a == b and len(a) == 4


def test_complete_folder_is_repeated_offline(pool, key, tmp_path):
    with LocalServer(paging_server(pool)) as srv:
        fetch("patentsview", Q, tmp_path / "pv", base_url=srv.url, page_size=500, http=fast())
    before = {p.name: p.read_bytes() for p in (tmp_path / "pv").iterdir()}
    http = fast()  # the server is gone: any request would fail
    res = fetch("patentsview", Q, tmp_path / "pv", base_url=srv.url, page_size=500, http=http)
    assert http.requests == 0 and res.complete and res.records == 1000
    assert {p.name: p.read_bytes() for p in (tmp_path / "pv").iterdir()} == before


def test_a_changed_page_is_refused(pool, key, tmp_path):
    with LocalServer(paging_server(pool)) as srv:
        fetch("patentsview", Q, tmp_path / "pv", base_url=srv.url, page_size=500, http=fast())
    (tmp_path / "pv" / "page-0002.json").write_bytes(b"{}")
    with pytest.raises(FetchError, match="page-0002.json: missing or changed"):
        fetch("patentsview", Q, tmp_path / "pv", base_url=srv.url, http=fast())


@pytest.mark.parametrize(("status", "body", "message"), [
    (200, b"<!DOCTYPE html><html><body>Service Unavailable</body></html>", "not JSON"),
    (200, b'{"error":false,"count":300,"total_hits":1000,"patents":[{"patent_id":"7', "not JSON"),  # cut off
    (403, b'{"detail":"Invalid API key"}', "key was refused .*PATENTSVIEW_API_KEY"),
    (400, b'{"detail":"Invalid field: foo"}', "refused the query .*Invalid field: foo"),
])
def test_bad_page_is_one_error_and_nothing_half_written(pool, key, tmp_path, status, body, message):
    with LocalServer(paging_server(pool, {2: (status, {}, body)})) as srv:
        with pytest.raises(FetchError, match=message):
            fetch("patentsview", Q, tmp_path / "pv", base_url=srv.url, page_size=300, http=fast())
    assert sorted(p.name for p in (tmp_path / "pv").iterdir()) == [MANIFEST, "page-0001.json"]


def test_no_hits_is_an_error_and_leaves_no_folder(key, tmp_path):
    with LocalServer(paging_server([])) as srv:
        with pytest.raises(FetchError, match="no hits"):
            fetch("patentsview", Q, tmp_path / "none", base_url=srv.url, http=fast())
    assert not (tmp_path / "none").exists()


def test_dry_run_reports_hits_and_saves_nothing(pool, key, tmp_path):
    with LocalServer(paging_server(pool)) as srv:
        res = fetch("patentsview", Q, tmp_path / "pv", base_url=srv.url, dry_run=True, http=fast())
    assert res.total == 1000 and res.dry_run and not (tmp_path / "pv").exists()


def test_server_errors_retried_with_bounded_backoff(pool, key, tmp_path):
    down = (503, {}, b"busy")
    with LocalServer(paging_server(pool, {n: down for n in range(1, 50)})) as srv:
        http = fast(max_retries=3, backoff=1.5, max_wait=4.0)
        with pytest.raises(FetchStopped, match="HTTP 503 after 4 attempts"):
            fetch("patentsview", Q, tmp_path / "pv", base_url=srv.url, http=http)
    assert len(srv.log) == 4 and http.sleeps == [1.5, 3.0, 4.0]  # 1.5 * 2**k, capped at max_wait


def test_cli_fetch_then_ingest_and_the_key_is_nowhere(pool, key, tmp_path, capsys, monkeypatch, caplog):
    monkeypatch.chdir(tmp_path)
    with LocalServer(paging_server(pool)) as srv:
        assert main(["fetch", "patentsview", Q, "--out", "data/raw/pv", "--base-url", srv.url,
                     "--page-size", "1000", "--quiet"]) == 0
    out = capsys.readouterr()
    assert "1 pages, 1000 records of 1000 hits" in out.out and "complete" in out.out
    assert main(["ingest", "data/raw/pv", "--out", "data/processed", "--fallback-year", "2007"]) == 0
    out2 = capsys.readouterr()
    assert "rows read 1000" in out2.out
    # the key appears in no file written and in no message, in no encoding
    from urllib.parse import quote, quote_plus
    forms = {KEY, quote(KEY, safe=""), quote_plus(KEY)}
    for f in tmp_path.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert not any(k.encode() in data for k in forms), f
    assert not any(k in out.out + out.err + out2.out + out2.err + caplog.text for k in forms)


def test_key_from_keys_file_never_from_the_command_line(pool, tmp_path, monkeypatch):
    monkeypatch.delenv("PATENTSVIEW_API_KEY", raising=False)
    monkeypatch.setenv("NETANALYSIS_KEYS", str(tmp_path / "none.toml"))
    with pytest.raises(FetchError, match="set the environment variable PATENTSVIEW_API_KEY"):
        fetch("patentsview", Q, tmp_path / "pv")
    keys = tmp_path / "keys.toml"
    keys.write_text(f'[patentsview]\nkey = "{KEY}"\n', encoding="utf-8")
    monkeypatch.setenv("NETANALYSIS_KEYS", str(keys))
    with LocalServer(paging_server(pool)) as srv:
        assert fetch("patentsview", Q, tmp_path / "pv", base_url=srv.url, http=fast()).records == 1000
    with pytest.raises(SystemExit):  # there is no option to give a key
        main(["fetch", "patentsview", Q, "--out", str(tmp_path / "x"), "--key", KEY])
