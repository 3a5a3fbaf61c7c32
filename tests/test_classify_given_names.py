"""given_names(): the list derived from nomquamgender's table is cached in the user's cache
folder, keyed on the package's version, and read back whole or not at all (issue 27)."""

from __future__ import annotations

import pytest

import netanalysis.classify as classify


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """The user's cache folder in a temporary directory (platformdirs honours XDG_CACHE_HOME on
    Linux); given_names' in-process cache emptied before and after."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    classify.given_names.cache_clear()
    yield tmp_path
    classify.given_names.cache_clear()


def _fake_table(monkeypatch, names):
    calls = []

    def derive():
        calls.append(1)
        return frozenset(names)

    monkeypatch.setattr(classify, "_given_names_from_table", derive)
    return calls


def test_written_once_then_read(cache_home, monkeypatch):
    calls = _fake_table(monkeypatch, {"MARIO", "ANNA"})
    assert classify.given_names() == {"MARIO", "ANNA"}
    cache = classify._names_cache_file()
    assert cache is not None and cache_home in cache.parents
    assert "nomquamgender" in cache.name and f"min{classify.MIN_NAME_SOURCES}" in cache.name
    assert cache.read_text(encoding="utf-8") == "ANNA\nMARIO\n#end"  # sorted, with its end mark
    classify.given_names.cache_clear()
    assert classify.given_names() == {"MARIO", "ANNA"} and len(calls) == 1  # the table was not read again


def test_a_file_cut_short_is_not_trusted(cache_home, monkeypatch):
    calls = _fake_table(monkeypatch, {"MARIO", "ANNA"})
    cache = classify._names_cache_file()
    cache.write_text("ANNA\nMAR", encoding="utf-8")  # a writer stopped half-way (no end mark)
    assert classify.given_names() == {"MARIO", "ANNA"} and len(calls) == 1
    assert cache.read_text(encoding="utf-8").endswith("#end")  # rewritten whole


def test_no_writable_folder_falls_back_to_the_table(tmp_path, monkeypatch):
    calls = _fake_table(monkeypatch, {"PAULO"})
    monkeypatch.setattr(classify, "_names_cache_file", lambda: tmp_path / "no such folder" / "names.txt")
    classify.given_names.cache_clear()
    try:
        assert classify.given_names() == {"PAULO"} and len(calls) == 1
        assert not (tmp_path / "no such folder").exists()
    finally:
        classify.given_names.cache_clear()
    monkeypatch.setattr(classify, "_names_cache_file", lambda: None)  # no folder at all
    try:
        assert classify.given_names() == {"PAULO"} and len(calls) == 2
    finally:
        classify.given_names.cache_clear()


@pytest.mark.slow  # reads nomquamgender's 22 MB table (seconds)
def test_the_cached_list_is_the_derived_list(cache_home):
    derived = classify._given_names_from_table()
    first = classify.given_names()  # derives and writes
    classify.given_names.cache_clear()
    assert classify.given_names() == first == derived  # read back from the file
    assert {"PAULO", "LEONARDO", "KATIA", "ANDRE"} <= derived and "GENERAL" not in derived
