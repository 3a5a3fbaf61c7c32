"""`netanalysis fetch lens` and the Lens JSON reader, against CONSTRUCTED responses served from
127.0.0.1 (no recorded Lens API response is available here).  The records are SYNTHETIC,
built to the documented Lens patent response schema (docs.api.lens.org "Patent Response":
biblio.application_reference, biblio.parties.applicants[].extracted_name.value /
residence / extracted_address); a first live run must confirm the schema (docs/fetch.md).
"""

from __future__ import annotations

import json

import pytest
from _fetch_server import LocalServer, env_key_only
from _fetch_server import no_wait as fast

from netanalysis.fetch import FetchError, FetchStopped, Http, fetch
from netanalysis.ingest import detect_layout, read_patents

TOKEN = "lens-TOKEN-9f8e7d"


def synthetic_record(i: int) -> dict:
    """SYNTHETIC: application i of a university and a firm (every third one the firm alone)."""
    applicants = [{"residence": "IT", "sequence": 1, "extracted_name": {"value": "ACME SPA"},
                   "extracted_address": "VIA ROMA 1, 20100 MILANO (IT)"}]
    if i % 3:
        applicants.insert(0, {"residence": "IT", "sequence": 0, "extracted_name": {"value": "POLITECNICO DI MILANO"},
                              "extracted_address": "PIAZZA LEONARDO DA VINCI 32, 20133 MILANO (IT)"})
    return {"lens_id": f"000-000-000-{i:03d}-00X", "jurisdiction": "EP", "doc_number": str(3000000 + i),
            "kind": "A1", "date_published": f"{2010 + i % 5}-06-01",
            "biblio": {"application_reference": {"jurisdiction": "EP", "doc_number": str(10000000 + i), "kind": "A",
                                                 "date": f"{2009 + i % 5}-03-02"},
                       "invention_title": [{"text": f"Synthetic invention {i}", "lang": "en"}],
                       "parties": {"applicants": applicants}}}


POOL = [synthetic_record(i) for i in range(1, 251)]


@pytest.fixture
def token(monkeypatch):
    env_key_only(monkeypatch, "LENS_API_TOKEN", TOKEN)


PostServer = LocalServer  # answers POST with the JSON body as params


def lens_answer(pool, fail=None):
    fail = fail or {}
    n = {"i": 0}

    def answer(seen):
        n["i"] += 1
        if n["i"] in fail:
            return fail[n["i"]]
        if seen.headers.get("authorization") != f"Bearer {TOKEN}":
            return 401, {}, b'{"message":"Unauthorized"}'
        start, size = seen.params["from"], seen.params["size"]
        page = pool[start: start + size]
        if not pool:
            return 404, {}, b'{"message":"Not Found"}'
        doc = {"total": len(pool), "max_score": 0, "data": page, "results": len(page)}
        return 200, {"Content-Type": "application/json"}, json.dumps(doc).encode()

    return answer


def test_offset_pages_then_ingest_reads_addresses_and_countries(token, tmp_path):
    with PostServer(lens_answer(POOL)) as srv:
        res = fetch("lens", '{"match":{"applicant.name":"Politecnico di Milano"}}', tmp_path / "l",
                    base_url=srv.url, http=fast())
    assert (res.pages, res.records, res.total, res.complete) == (3, 250, 250, True)
    assert [s.params["from"] for s in srv.log] == [0, 100, 200]
    assert srv.log[0].params["query"] == {"match": {"applicant.name": "Politecnico di Milano"}}
    assert detect_layout(tmp_path / "l") == "lens_json"
    got = read_patents(tmp_path / "l")
    apps = got.applications
    # counted independently from the synthetic records: 250 applications, 2/3 of them with the university
    assert apps["patent_id"].nunique() == 250
    assert len(apps) == sum(1 + bool(i % 3) for i in range(1, 251))
    assert set(apps["country"]) == {"IT"}
    assert set(apps.loc[apps["applicant_id"] == "POLITECNICO DI MILANO", "actor_type"]) == {"university"}
    # filing year from application_reference.date (2009 + i % 5), not the publication year
    assert apps.drop_duplicates("patent_id")["year"].value_counts().to_dict() == {
        y: sum(1 for i in range(1, 251) if 2009 + i % 5 == y) for y in range(2009, 2014)}


def test_beyond_the_offset_cap_is_refused_with_advice(token, tmp_path):
    big = {"total": 40000, "data": POOL[:100], "results": 100}
    with PostServer(lambda s: (200, {}, json.dumps(big).encode())) as srv:
        with pytest.raises(FetchError, match="40000 hits, beyond the 10000 .*split the query"):
            fetch("lens", "applicant.name:university", tmp_path / "l", base_url=srv.url, http=fast())
    assert not (tmp_path / "l").exists()


def test_rate_limit_header_honoured_and_expired_token_is_one_error(token, tmp_path):
    slow = (429, {"x-rate-limit-retry-after-seconds": "12"}, b'{"message":"Too Many Requests"}')
    waits: list[float] = []
    with PostServer(lens_answer(POOL, {2: slow})) as srv:
        fetch("lens", "applicant.name:acme", tmp_path / "l", base_url=srv.url,
              http=Http(min_interval=0.0, sleep=waits.append))
    assert waits == [12.0]
    with PostServer(lambda s: (401, {}, b'{"message":"Unauthorized"}')) as srv:
        with pytest.raises(FetchError, match="token was refused .*LENS_API_TOKEN"):
            fetch("lens", "applicant.name:acme", tmp_path / "m", base_url=srv.url, http=fast())
    with PostServer(lens_answer([])) as srv:
        with pytest.raises(FetchError, match="no hits"):
            fetch("lens", "applicant.name:nobody", tmp_path / "n", base_url=srv.url, http=fast())


def test_stop_and_resume_give_the_same_pages(token, tmp_path):
    down = (503, {}, b"")
    with PostServer(lens_answer(POOL, {n: down for n in range(2, 4)})) as srv:
        with pytest.raises(FetchStopped):
            fetch("lens", "applicant.name:acme", tmp_path / "a", base_url=srv.url, http=fast(max_retries=1))
        fetch("lens", "applicant.name:acme", tmp_path / "a", base_url=srv.url, http=fast())
    with PostServer(lens_answer(POOL)) as srv:
        fetch("lens", "applicant.name:acme", tmp_path / "b", base_url=srv.url, http=fast())
    read = lambda d: {p.name: p.read_bytes() for p in d.glob("page-*")}  # noqa: E731
    assert read(tmp_path / "a") == read(tmp_path / "b") and len(read(tmp_path / "a")) == 3
    manifest = (tmp_path / "a" / "fetch_manifest.jsonl").read_text()
    assert TOKEN not in manifest


def test_jsonl_file_is_read(tmp_path):
    f = tmp_path / "export.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in POOL[:9]) + "\n", encoding="utf-8")
    got = read_patents(f)
    assert got.report.reader == "lens_json" and got.report.rows_read == 9
    assert got.applications["patent_id"].nunique() == 9


def test_beyond_the_cap_split_by_publication_year(token, tmp_path):
    def answer(seen):
        q = seen.params["query"]
        if q == "applicant.name:acme":
            return 200, {}, json.dumps({"total": 25000, "data": POOL[:100], "results": 100}).encode()
        must = q["bool"]["must"]
        assert must[0] == {"query_string": {"query": "applicant.name:acme"}}  # the user's query, unchanged
        year = must[1]["term"]["year_published"]
        docs = [r for r in POOL if r["date_published"].startswith(str(year))]
        page = docs[seen.params["from"]: seen.params["from"] + seen.params["size"]]
        return 200, {}, json.dumps({"total": len(docs), "data": page, "results": len(page)}).encode()

    with PostServer(answer) as srv:
        res = fetch("lens", "applicant.name:acme", tmp_path / "l", base_url=srv.url, http=fast(), years="2010-2014")
    assert res.records == 250 and res.complete and "25000 hits" in res.notes[0]
    got = read_patents(tmp_path / "l")
    assert got.applications["patent_id"].nunique() == 250 and len(got.report.files) == 5


def test_no_request_left_this_minute_waits_before_the_next(token, tmp_path):
    base = lens_answer(POOL)

    def answer(seen):
        status, headers, body = base(seen)
        if seen.params["from"] == 0:  # the first answer says the minute's requests are used up
            headers = {**headers, "x-rate-limit-remaining-request-per-minute": "0",
                       "x-rate-limit-retry-after-seconds": "9"}
        return status, headers, body

    waits: list[float] = []
    with PostServer(answer) as srv:
        res = fetch("lens", "applicant.name:acme", tmp_path / "l", base_url=srv.url,
                    http=Http(min_interval=0.0, sleep=waits.append))
    assert waits == [9.0] and res.records == 250 and len(srv.log) == 3
