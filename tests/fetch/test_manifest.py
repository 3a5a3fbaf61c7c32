"""A fetch folder's manifest read back: its source, and one sentence for the ingest report."""

from __future__ import annotations

from netanalysis.fetch import manifest_source, manifest_summary
from netanalysis.fetch._store import PageStore


def test_manifest_source_and_summary_of_an_unfinished_fetch(tmp_path):
    assert manifest_source(tmp_path) is None and manifest_summary(tmp_path) is None
    s = PageStore(tmp_path, "kipris", "120080091393", "xml")
    s.save(b"<response/>", records=500, total=1784, request={})
    assert manifest_source(tmp_path) == "kipris"
    text = manifest_summary(tmp_path)
    assert "1 pages" in text and "500 records of 1784" in text and "INCOMPLETE" in text
