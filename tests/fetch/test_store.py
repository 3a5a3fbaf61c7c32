"""The fetch page store: atomic pages, the manifest, and what a crash can leave behind."""

from __future__ import annotations

import hashlib
import json

import pytest

from netanalysis.fetch import MANIFEST, FetchError
from netanalysis.fetch._store import PageStore, get_key, redact


def test_crash_leftovers_are_cleaned_and_the_page_fetched_again(tmp_path):
    s = PageStore(tmp_path / "f", "demo", "q", "json")
    s.save(b'{"n": 1}', records=1, total=3, request={"url": "u1"})
    # a crash after the rename but before the manifest line, and one in the middle of writing
    (tmp_path / "f" / "page-0002.json").write_bytes(b'{"n": 2, "stale": true}')
    (tmp_path / "f" / ".page-0003.json.part").write_bytes(b'{"n": 3, "cut')
    again = PageStore(tmp_path / "f", "demo", "q", "json")
    assert len(again.pages) == 1 and not (tmp_path / "f" / ".page-0003.json.part").exists()
    again.save(b'{"n": 2}', records=1, total=3, request={"url": "u2"})
    assert (tmp_path / "f" / "page-0002.json").read_bytes() == b'{"n": 2}'
    lines = [json.loads(x) for x in (tmp_path / "f" / MANIFEST).read_text().splitlines()]
    assert [x["event"] for x in lines] == ["start", "page", "page"]
    assert lines[2]["sha256"] == hashlib.sha256(b'{"n": 2}').hexdigest() and lines[2]["bytes"] == 8


def test_manifest_damage_another_query_or_stray_pages_are_refused(tmp_path):
    s = PageStore(tmp_path / "f", "demo", "q", "json")
    s.save(b"{}", records=0, total=0, request={})
    with pytest.raises(FetchError, match="holds a fetch of demo 'q'"):
        PageStore(tmp_path / "f", "demo", "other", "json")
    with open(tmp_path / "f" / MANIFEST, "a", encoding="utf-8") as fh:
        fh.write('{"event": "page", "pa')  # a crash while a line was appended
    with pytest.raises(FetchError, match="line 3 is not JSON"):
        PageStore(tmp_path / "f", "demo", "q", "json")
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "page-0001.json").write_text("{}")
    with pytest.raises(FetchError, match="holds pages but no fetch_manifest.jsonl"):
        PageStore(tmp_path / "g", "demo", "q", "json")


def test_key_sources_and_redaction(tmp_path, monkeypatch):
    monkeypatch.delenv("NA_TEST_KEY", raising=False)
    keys = tmp_path / "keys.toml"
    keys.write_text('[epo]\nkey = "k"\nsecret = "s/+="\n', encoding="utf-8")
    monkeypatch.setenv("NETANALYSIS_KEYS", str(keys))
    assert get_key("NA_TEST_KEY", "epo", "secret") == "s/+="
    monkeypatch.setenv("NA_TEST_KEY", "from-env")
    assert get_key("NA_TEST_KEY", "epo") == "from-env"  # the environment wins
    keys.write_text("[epo\n", encoding="utf-8")
    monkeypatch.delenv("NA_TEST_KEY")
    with pytest.raises(FetchError, match="not valid TOML") as e:
        get_key("NA_TEST_KEY", "epo")
    assert "[epo" not in str(e.value)
    assert redact("a s/+= b s%2F%2B%3D c s%2F%2B%3D", ["s/+="]) == "a *** b *** c ***"


def test_ingest_report_says_what_was_fetched_and_an_incomplete_fetch(tmp_path):
    from netanalysis.ingest import read_patents

    page = ('<response><body><items><PatentUtilityInfo><ApplicationNumber>1020100000001</ApplicationNumber>'
            '<ApplicationDate>20100302</ApplicationDate><Applicant>서울대학교산학협력단|삼성전자주식회사</Applicant>'
            '</PatentUtilityInfo><TotalSearchCount>2</TotalSearchCount></items></body></response>').encode()
    s = PageStore(tmp_path / "k", "kipris", "서울대학교산학협력단", "xml")  # constructed page, one of two hits
    s.save(page, records=1, total=2, request={})
    notes = read_patents(tmp_path / "k").report.notes
    assert any("fetch kipris" in n and "1 records of 2 hits; INCOMPLETE" in n for n in notes)
    s.finish(2)
    notes = read_patents(tmp_path / "k").report.notes
    assert any(n.endswith("1 records of 2 hits; complete") for n in notes)
