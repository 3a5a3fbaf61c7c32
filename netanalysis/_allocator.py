"""The allocators while a reader runs: Arrow's jemalloc where pyarrow ships it, NumPy's arrays
without the huge-page advice.

An ingest makes and frees tens of gigabytes of Arrow buffers (a national table's text, split,
numbered and filtered column by column). pyarrow's default allocator, mimalloc, gives the
pages of freed buffers back to the system and takes fresh ones for the next (page faults,
counted as system time); on a 2-core virtual machine, Arrow's jemalloc pool ran the 10 M-row
ingests at 0.91–0.98 of the wall time with a peak 160–360 MiB lower (``benchmarks/README.md``,
seventeenth pass). :func:`ingest_allocator` makes it Arrow's default pool for the duration of a
read and puts the previous one back after; the buffers it made keep their own pool, so the tables
a reader returns stay valid whichever pool is the default later.

It leaves the default as it is when the user chose one: the ``ARROW_DEFAULT_MEMORY_POOL``
environment variable is set, or the default is not mimalloc (``pyarrow.set_memory_pool``);
and where pyarrow was built without jemalloc (Windows wheels).

NumPy asks Linux for transparent huge pages on every array of 4 MiB or more
(``madvise(MADV_HUGEPAGE)``). A reader's large arrays are temporaries, each written once or twice
and freed: the kernel zeroes a 2 MiB page on each first touch and, under the ``madvise`` setting of
``/sys/kernel/mm/transparent_hugepage/defrag``, may compact memory to find one; on a virtual
machine that hands freed memory back to its host (free page reporting) the pages come back cold.
On the 2-core benchmark machine the 10 M-row long table ran with a third less system time
(38 → 28 s) and 0.92 of the wall time without the advice, peak 200–500 MiB lower, the same user
time (``benchmarks/README.md``, eighteenth pass). :func:`ingest_allocator` turns the advice off
for the duration of a read and puts the previous setting back; left as it is when the user chose
(the ``NUMPY_MADVISE_HUGEPAGE`` environment variable is set), and where NumPy has no switch.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def ingest_allocator() -> Iterator[str]:
    """Arrow's jemalloc pool as the default pool, and NumPy's arrays without the huge-page advice,
    inside the block (see the module's docstring).

    Yields
    ------
    str
        The backend of the Arrow pool in use inside the block (``"jemalloc"``, or the default's).

    Examples
    --------
    >>> import pyarrow as pa
    >>> before = pa.default_memory_pool().backend_name
    >>> with ingest_allocator() as backend:
    ...     backend == pa.default_memory_pool().backend_name
    True
    >>> pa.default_memory_pool().backend_name == before
    True
    """
    import pyarrow as pa

    before = pa.default_memory_pool()
    pool = None
    if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL") and before.backend_name == "mimalloc":
        try:
            pool = pa.jemalloc_memory_pool()
        except NotImplementedError:  # (a pyarrow built without jemalloc)
            pool = None
    advise = _hugepage_switch()
    advised = advise(False) if advise is not None else False  # (the setting before, put back after)
    if pool is not None:
        pa.set_memory_pool(pool)
    try:
        yield (pool or before).backend_name
    finally:
        if pool is not None:
            pa.set_memory_pool(before)
        if advise is not None:
            advise(advised)


def _hugepage_switch() -> Callable[[bool], Any] | None:
    """NumPy's switch of the huge-page advice (``_set_madvise_hugepage(on) -> the setting before``),
    or None where the user chose (``NUMPY_MADVISE_HUGEPAGE`` is set) or NumPy has none (not Linux,
    or a NumPy without it)."""
    if os.environ.get("NUMPY_MADVISE_HUGEPAGE") is not None:
        return None
    import numpy as np

    core = getattr(np, "_core", None) or getattr(np, "core", None)  # (NumPy 2, then 1.x)
    switch = getattr(getattr(core, "multiarray", None), "_set_madvise_hugepage", None)
    return switch if callable(switch) else None


def with_ingest_allocator(reader: Callable[P, R]) -> Callable[P, R]:
    """``reader`` run inside :func:`ingest_allocator` (a decorator for the public readers).

    Parameters
    ----------
    reader : callable
        A reader (``read_table``, ``read_patstat_native`` …).

    Returns
    -------
    callable
        The reader with its signature and docstring (``functools.wraps``); a nested reader leaves
        the pool to the outer one (the default is no longer mimalloc there).

    Examples
    --------
    >>> import pyarrow as pa
    >>> before = pa.default_memory_pool().backend_name
    >>> read = with_ingest_allocator(lambda rows: rows * 2)
    >>> read(21), read.__name__, pa.default_memory_pool().backend_name == before
    (42, '<lambda>', True)
    """

    @functools.wraps(reader)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with ingest_allocator():
            return reader(*args, **kwargs)

    return run
