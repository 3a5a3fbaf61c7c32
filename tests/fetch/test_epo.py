"""`netanalysis fetch epo`: EPO OPS through python-epo-ops-client against CONSTRUCTED responses
served from 127.0.0.1 (no recorded OPS response is available here).  The XML records are
SYNTHETIC, built to the OPS 3.2 exchange format (exchange-document / bibliographic-data /
application-reference, parties/applicants in epodoc format); the client library itself is
real: it fetches its token from the local server and sends the X-OPS-Range header.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _fetch_server import LocalServer, Seen
from _fetch_server import no_wait as fast

from netanalysis.fetch import FetchError, FetchStopped, fetch
from netanalysis.ingest import detect_layout, read_patents

pytest.importorskip("epo_ops", reason="python-epo-ops-client (netanalysis[fetch]) is not installed")

KEY, SECRET, TOKEN = "ops-key-123", "ops-secret-456", "bearer-tok-789"
CQL = 'pa=politecnico and pd within "2004 2020"'


def synthetic_doc(i: int) -> str:
    """SYNTHETIC exchange-document: the university with a firm (every fourth: the firm alone)."""
    uni = ('<applicant sequence="1" data-format="epodoc"><applicant-name><name>POLITECNICO DI MILANO [IT]</name>'
           '</applicant-name></applicant><applicant sequence="1" data-format="original"><applicant-name>'
           '<name>Politecnico di Milano</name></applicant-name></applicant>') if i % 4 else ""
    firm = ('<applicant sequence="2" data-format="epodoc"><applicant-name><name>ACME GMBH [DE]</name>'
            '</applicant-name></applicant>')
    return (f'<exchange-document system="ops.epo.org" country="EP" doc-number="{2000000 + i}" kind="A1">'
            '<bibliographic-data><publication-reference><document-id document-id-type="docdb"><country>EP</country>'
            f'<doc-number>{2000000 + i}</doc-number><kind>A1</kind><date>{2006 + i % 10}0101</date></document-id>'
            '</publication-reference><application-reference><document-id document-id-type="docdb">'
            f'<country>EP</country><doc-number>{5000000 + i}</doc-number><kind>A</kind>'
            f'<date>{2004 + i % 10}0315</date></document-id></application-reference>'
            f'<invention-title lang="en">Synthetic invention {i}</invention-title>'
            f'<parties><applicants>{uni}{firm}</applicants></parties></bibliographic-data></exchange-document>')


def search_body(docs: list[str], total: int, begin: int) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><ops:world-patent-data xmlns:ops="http://ops.epo.org" '
            'xmlns="http://www.epo.org/exchange"><ops:biblio-search total-result-count="' + str(total) + '">'
            f'<ops:query syntax="CQL">{CQL}</ops:query><ops:range begin="{begin}" end="{begin + len(docs) - 1}"/>'
            '<ops:search-result><exchange-documents>' + "".join(docs)
            + "</exchange-documents></ops:search-result></ops:biblio-search></ops:world-patent-data>").encode()


POOL = [synthetic_doc(i) for i in range(1, 231)]


@pytest.fixture
def keys(monkeypatch):
    monkeypatch.setenv("EPO_OPS_KEY", KEY)
    monkeypatch.setenv("EPO_OPS_SECRET", SECRET)
    monkeypatch.setenv("NETANALYSIS_KEYS", "/nonexistent/keys.toml")


def ops(pool: list[str], fail: dict[int, tuple[int, dict[str, str], bytes]] | None = None, total: int | None = None):
    fail, n = fail or {}, {"search": 0}

    def answer(seen: Seen):
        if seen.path == "/3.2/auth/accesstoken":
            return 200, {"Content-Type": "application/json"}, (
                b'{"access_token": "' + TOKEN.encode() + b'", "expires_in": "1199", "token_type": "BearerToken"}')
        n["search"] += 1
        if n["search"] in fail:
            return fail[n["search"]]
        assert seen.path == "/3.2/rest-services/published-data/search/biblio"
        assert seen.headers["authorization"] == f"Bearer {TOKEN}" and seen.params["q"] == CQL
        begin, end = (int(x) for x in seen.headers["x-ops-range"].split("-"))
        if not pool:
            return 404, {}, b"<fault><code>SERVER.EntityNotFound</code><message>No results found</message></fault>"
        return 200, {"Content-Type": "application/xml"}, search_body(pool[begin - 1:end], total or len(pool), begin)

    return answer


def test_ranges_through_the_client_then_ingest(keys, tmp_path: Path, caplog):
    caplog.set_level("DEBUG")  # requests/urllib3 debug logging on: still no key, secret or token
    with LocalServer(ops(POOL)) as srv:
        res = fetch("epo", CQL, tmp_path / "e", base_url=srv.root, http=fast())
        ranges = [s.headers["x-ops-range"] for s in srv.log if "x-ops-range" in s.headers]
    assert (res.pages, res.records, res.total, res.complete) == (3, 230, 230, True)
    assert ranges == ["1-100", "101-200", "201-300"]
    assert detect_layout(tmp_path / "e") == "epo_ops_xml"
    apps = read_patents(tmp_path / "e").applications
    assert apps["patent_id"].nunique() == 230
    assert len(apps) == sum(1 + bool(i % 4) for i in range(1, 231))  # epodoc applicants only, not repeated
    assert set(apps.loc[apps["applicant_id"].str.contains("POLITECNICO"), "country"]) == {"IT"}
    assert set(apps.loc[apps["applicant_id"].str.contains("ACME"), "country"]) == {"DE"}
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "e").iterdir())
    assert KEY not in text and SECRET not in text and TOKEN not in text
    assert "published-data/search/biblio" in caplog.text  # the debug log did record the requests
    assert KEY not in caplog.text and SECRET not in caplog.text and TOKEN not in caplog.text


def test_beyond_2000_results_is_refused_with_advice(keys, tmp_path):
    with LocalServer(ops(POOL, total=40000)) as srv:
        with pytest.raises(FetchError, match="40000 hits, beyond the 2000 .*split the query"):
            fetch("epo", CQL, tmp_path / "e", base_url=srv.root, http=fast())
    assert not (tmp_path / "e").exists()


def test_beyond_the_cap_split_by_year_automatically_and_ingest_reads_every_year(keys, tmp_path):
    def answer(seen: Seen):
        if seen.path.endswith("accesstoken"):
            return ops(POOL)(seen)
        q = seen.params["q"]
        if q == CQL:  # the whole query: too many hits for one query
            return 200, {}, search_body(POOL[:100], 40000, 1)
        year = int(q.rsplit('"', 2)[1].split()[0])
        assert q == f'({CQL}) and pd within "{year} {year}"'
        docs = [d for i, d in enumerate(POOL, start=1) if 2006 + i % 10 == year]
        begin, end = (int(x) for x in seen.headers["x-ops-range"].split("-"))
        return 200, {}, search_body(docs[begin - 1:end], len(docs), begin)

    with LocalServer(answer) as srv:
        res = fetch("epo", CQL, tmp_path / "e", base_url=srv.root, http=fast(), years="2006-2015")
    assert res.records == 230 and res.complete and "one query per year 2006-2015" in res.notes[0]
    assert sorted(p.name for p in (tmp_path / "e").iterdir()) == [str(y) for y in range(2006, 2016)]
    got = read_patents(tmp_path / "e")
    assert got.applications["patent_id"].nunique() == 230 and len(got.report.files) == 10


def test_quota_rejection_stops_and_resume_is_identical(keys, tmp_path):
    quota = (403, {"X-Rejection-Reason": "IndividualQuotaPerHour"}, b"<fault><message>quota</message></fault>")
    with LocalServer(ops(POOL, {2: quota})) as srv:
        with pytest.raises(FetchStopped, match="IndividualQuotaPerHour"):
            fetch("epo", CQL, tmp_path / "a", base_url=srv.root, http=fast())
        fetch("epo", CQL, tmp_path / "a", base_url=srv.root, http=fast())
    with LocalServer(ops(POOL)) as srv:
        fetch("epo", CQL, tmp_path / "b", base_url=srv.root, http=fast())
    read = lambda d: {p.name: p.read_bytes() for p in d.glob("page-*")}  # noqa: E731
    assert read(tmp_path / "a") == read(tmp_path / "b") and len(read(tmp_path / "a")) == 3


def test_no_hits_and_refused_query(keys, tmp_path):
    with LocalServer(ops([])) as srv:
        with pytest.raises(FetchError, match="no hits"):
            fetch("epo", CQL, tmp_path / "e", base_url=srv.root, http=fast())
    bad = (400, {}, b"<fault><code>CLIENT.CQL</code><message>Syntax error in CQL</message></fault>")
    with LocalServer(ops(POOL, {1: bad})) as srv:
        with pytest.raises(FetchError, match="refused the query .*Syntax error in CQL"):
            fetch("epo", CQL, tmp_path / "e", base_url=srv.root, http=fast())
