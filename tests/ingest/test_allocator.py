"""Arrow's allocator while a reader runs (``netanalysis._allocator``): jemalloc inside, the
default put back after, a user's own choice left alone."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

import netanalysis.ingest.generic as generic
from netanalysis._allocator import ingest_allocator
from netanalysis.ingest import read_patents, read_table


def _has_jemalloc() -> bool:
    try:
        pa.jemalloc_memory_pool()
    except NotImplementedError:
        return False
    return True


class _Seen(Exception):
    pass


@pytest.fixture
def spy(monkeypatch):
    """The pool in use when the pipeline starts (the reader stops there)."""
    seen: list[str] = []

    def pipeline(*args, **kwargs):
        seen.append(pa.default_memory_pool().backend_name)
        raise _Seen

    monkeypatch.setattr(generic, "applications_from_mentions", pipeline)
    return seen


@pytest.fixture
def table(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("id,yr,who\nP1,2015,Foo Inc\nP1,2015,Bar University\n", encoding="utf-8")
    return f


@pytest.mark.skipif(not _has_jemalloc(), reason="pyarrow built without jemalloc")
@pytest.mark.parametrize("call", ["read_table", "read_patents"])
def test_a_reader_runs_on_jemalloc_and_puts_the_default_back(monkeypatch, spy, table, call):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    pa.set_memory_pool(pa.mimalloc_memory_pool())  # (the wheels' default)
    with pytest.raises(_Seen):
        if call == "read_table":
            read_table(table, {"patent_id": "id", "year": "yr", "applicants": "who"})
        else:  # (read_patents calls read_table: the nested reader leaves the pool to the outer one)
            read_patents(table, columns={"patent_id": "id", "year": "yr", "applicants": "who"})
    assert spy == ["jemalloc"]
    assert pa.default_memory_pool().backend_name == "mimalloc"


@pytest.mark.parametrize("chosen", ["env", "set"])
def test_a_pool_the_user_chose_is_left_alone(monkeypatch, spy, table, chosen):
    before = pa.default_memory_pool()
    if chosen == "env":
        monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")
        pa.set_memory_pool(pa.mimalloc_memory_pool())
    else:
        monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
        pa.set_memory_pool(pa.system_memory_pool())
    try:
        expected = pa.default_memory_pool().backend_name
        with pytest.raises(_Seen):
            read_table(table, {"patent_id": "id", "year": "yr", "applicants": "who"})
        assert spy == [expected]
    finally:
        pa.set_memory_pool(before)


def test_tables_made_inside_stay_valid_after(monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    with ingest_allocator():
        s = pd.Series(pd.array(["P1", "P2", None] * 1000, dtype="str"))
        upper = s.str.lower()
    assert upper.iloc[:2].tolist() == ["p1", "p2"]
    assert int(upper.isna().sum()) == 1000 and int(upper.str.len().sum()) == 4000


def _advice() -> bool | None:
    """NumPy's huge-page advice as it is now (None where NumPy has no switch)."""
    from netanalysis._allocator import _hugepage_switch

    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
        switch = _hugepage_switch()
    if switch is None:
        return None
    now = switch(False)
    switch(now)
    return bool(now)


def _advice_inside_read(monkeypatch, table, setting: bool) -> tuple[bool | None, bool | None]:
    """The huge-page advice inside ``read_table`` (its pipeline stops at once) and after it, the
    advice set to ``setting`` before; the setting before put back."""
    from netanalysis._allocator import _hugepage_switch

    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
        switch = _hugepage_switch()
    seen: list[bool | None] = []

    def pipeline(*args, **kwargs):
        seen.append(_advice())
        raise _Seen

    monkeypatch.setattr(generic, "applications_from_mentions", pipeline)
    before = switch(setting)
    try:
        with pytest.raises(_Seen):
            read_table(table, {"patent_id": "id", "year": "yr", "applicants": "who"})
        return seen[0], _advice()
    finally:
        switch(before)


@pytest.mark.skipif(_advice() is None, reason="NumPy without the huge-page switch")
@pytest.mark.parametrize("setting", [True, False])
def test_a_reader_runs_without_the_huge_page_advice_and_puts_it_back(monkeypatch, table, setting):
    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    assert _advice_inside_read(monkeypatch, table, setting) == (False, setting)


@pytest.mark.skipif(_advice() is None, reason="NumPy without the huge-page switch")
def test_the_huge_page_advice_the_user_chose_is_left_alone(monkeypatch, table):
    monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", "1")
    assert _advice_inside_read(monkeypatch, table, True) == (True, True)
