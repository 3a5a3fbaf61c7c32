"""Running additive work in pieces: in this process, in worker processes, or on dask.

Two steps of the package split into independent pieces whose results are simply added:

* betweenness, by **source batch** (Brandes' sum is additive over sources): a kernel
  ``kernel(state, batch) -> numpy array`` runs per batch and the arrays are added;
* edge building, by **patent** (pairs never cross patents): a function runs per dask
  partition and the partial sums are added.

This module owns only the machinery; the kernels are passed in by their owners
(:mod:`netanalysis.metrics.centrality`, :mod:`netanalysis.network`), so it imports
neither.  Nothing is summed until every piece has arrived, so a failed or killed worker
fails the call with a message and never yields partial sums.  ``dask`` is optional
(``pip install "netanalysis[dask]"``); the workers need ``netanalysis`` installed too.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from ._errors import NetanalysisError, NetworkInputError

Kernel = Callable[[Any, Any], np.ndarray]

#: Below this much work (about ``n`` × sources) the batches run in-process: starting workers costs more.
PARALLEL_MIN_WORK = 5e7

_WORKER: dict[str, Any] = {}  # in a worker process: the kernel and its state, sent once by the initializer


def _end_with_parent() -> None:
    """Ask Linux to send this worker SIGTERM when the process that started it ends: a worker
    that itself runs a pool (the run's null-model task draws on every core) is terminated by
    its parent's interrupt handling, and its own workers must not outlive it as orphans."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # no libc prctl: the parent's shutdown still ends the workers
        pass


def init_worker(kernel: Kernel, state: Any) -> None:
    # Ctrl-C reaches the whole process group: only the parent handles it (no worker traceback);
    # SIGTERM (the parent ending its workers) ends a worker quietly, not through a handler it inherited
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent()
    _WORKER["kernel"], _WORKER["state"] = kernel, state


def _stop(pool: Executor) -> None:
    """End ``pool`` now: queued batches cancelled, worker processes terminated (an interrupt
    must not wait for the whole computation)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # no public handle on them
    if not workers:  # threads: queued batches cancelled, a running one ends by itself
        pool.shutdown(wait=False, cancel_futures=True)
        return
    for proc in workers:  # first: the pool then fails its own futures (cancelling them too races it)
        proc.terminate()
    pool.shutdown(wait=True)


def batch_in_worker(batch: Any) -> np.ndarray:
    return _WORKER["kernel"](_WORKER["state"], batch)


def resolve_jobs(n_jobs: int | None) -> int:
    """The number of worker processes ``n_jobs`` asks for (``None`` or ``-1``: all cores).

    Raises
    ------
    NetworkInputError
        For 0, a value below -1 or anything but a whole number.
    """
    if n_jobs is None:
        return os.cpu_count() or 1
    if not isinstance(n_jobs, (int, np.integer)) or isinstance(n_jobs, bool) or n_jobs == 0 or n_jobs < -1:
        raise NetworkInputError(f"n_jobs={n_jobs!r}; expected a whole number >= 1, or -1 / None for all cores")
    return (os.cpu_count() or 1) if n_jobs == -1 else int(n_jobs)


def map_batches(
    kernel: Kernel, state: Any, batches: Sequence[Any], n_jobs: int, work: float, client: Any = None,
    threads: bool = False, what: str = "betweenness", progress: Callable[[int], Any] | None = None,
) -> list[np.ndarray]:
    """``[kernel(state, batch) for batch in batches]`` in-process, in workers or on dask.

    ``work`` (about ``n`` × sources) decides whether workers pay off; ``state`` goes to each
    worker process once.  ``threads=True`` runs the workers as threads of this process
    instead: right for a kernel that releases the GIL (compiled with ``nogil``), which then
    costs no process start and no copy of ``state``.  A failure in any worker fails the
    whole call; an error of the package itself (bad input met by the work) is raised as it
    is, any other failure names ``what`` was running.  ``progress`` (e.g. a tqdm bar's
    ``update``) is called with 1 as each batch's result arrives — not when it is submitted,
    so a bar over workers does not show 100 % while they still work.
    """
    step = progress or (lambda _k: None)
    if client is not None:
        out = map_on_cluster(client, kernel, state, list(batches))
        step(len(out))
        return out
    if n_jobs <= 1 or len(batches) < 2 or work < PARALLEL_MIN_WORK:
        results = []
        for b in batches:
            results.append(kernel(state, b))
            step(1)
        return results
    pool: Executor = (ThreadPoolExecutor(max_workers=n_jobs) if threads else
                      ProcessPoolExecutor(max_workers=n_jobs, initializer=init_worker, initargs=(kernel, state)))
    try:
        # submit + result, not pool.map: map's iterator cancels the pending futures when an interrupt
        # unwinds it, and the pool then fails to fail them (InvalidStateError printed from its thread)
        futures = ([pool.submit(kernel, state, b) for b in batches] if threads
                   else [pool.submit(batch_in_worker, b) for b in batches])
        results = []
        for f in futures:
            results.append(f.result())
            step(1)
        pool.shutdown(wait=True)
        return results
    except BaseException as e:  # a dead worker must fail the call, never give partial sums
        _stop(pool)
        if not isinstance(e, Exception):  # an interrupt (SIGINT, SIGTERM): the caller's to handle
            raise
        if isinstance(e, NetanalysisError):
            raise  # the work's own message (e.g. bad input), not a dead worker
        raise NetworkInputError(
            f"parallel {what} failed in a worker ({type(e).__name__}: {e}); no partial result "
            "was returned — retry with n_jobs=1 to run in this process"
        ) from e


def _init_tasks(state: Any) -> None:
    init_worker(_run_task, state)  # the signals as for batches; the state every task reads


def _run_task(func: Callable[..., Any], args: tuple) -> Any:
    return func(_WORKER["state"], *args)


class TaskPool:
    """Named tasks ``func(state, *args)`` started now in worker processes, their results taken later.

    ``state`` goes to each worker once (by the initializer: copied by ``fork`` where that is
    the start method, pickled once per worker elsewhere). A result is taken by its key:
    :meth:`take` waits for a task a worker has (or is about to have: the executor hands each
    worker one task ahead); a task still waiting in the queue is cancelled and run by the
    caller instead, so a caller with nothing left to do does not wait idle on a queue. A
    task's exception is raised by :meth:`take` as the serial call would raise it; a dead
    worker fails :meth:`take` with a message, never with a partial result. Use it as a context
    manager: leaving on an exception (an interrupt included) terminates the workers at once;
    leaving normally waits for them.

    Parameters
    ----------
    state : object
        What every task reads (a run's data).
    n_jobs : int
        Worker processes (at least 1).
    notify : callable, optional
        Called with a sentence when :meth:`take` has to wait for a task (e.g. ``tqdm.write``).

    Examples
    --------
    >>> with TaskPool(10, n_jobs=1) as pool:
    ...     pool.submit("double", divmod, 3)
    ...     pool.take("double")
    (3, 1)
    """

    def __init__(self, state: Any, n_jobs: int, notify: Callable[[str], Any] | None = None) -> None:
        self._state, self._notify = state, notify
        self._pool = ProcessPoolExecutor(max_workers=max(1, int(n_jobs)), initializer=_init_tasks,
                                         initargs=(state,))
        self._tasks: dict[Any, tuple[Any, Callable[..., Any], tuple]] = {}

    def submit(self, key: Any, func: Callable[..., Any], *args: Any) -> None:
        """Start ``func(state, *args)`` in a worker, to be taken as ``key``."""
        self._tasks[key] = (self._pool.submit(_run_task, func, args), func, args)

    def __contains__(self, key: Any) -> bool:
        return key in self._tasks

    def take(self, key: Any) -> Any:
        """The result of task ``key`` (waiting for it, or running it here if no worker started it)."""
        future, func, args = self._tasks.pop(key)
        if future.cancel():  # still queued: this process is free, so it runs the task itself
            return func(self._state, *args)
        if self._notify is not None and not future.done():
            self._notify(f"waiting for {key} (running in a worker process)")
        try:
            return future.result()
        except NetanalysisError:
            raise  # the task's own message (bad input met by the work), as the serial call gives it
        except BrokenExecutor as e:
            raise NetworkInputError(f"a worker process died while computing {key} ({type(e).__name__}: {e}), "
                                    "perhaps out of memory; no partial result was returned — retry with "
                                    "n_jobs=1 to run in this process") from e

    def close(self, abort: bool = False) -> None:
        """Wait for the workers to finish (``abort``: cancel what is queued and terminate them now)."""
        if abort:
            _stop(self._pool)
        else:
            self._pool.shutdown(wait=True)

    def __enter__(self) -> TaskPool:
        return self

    def __exit__(self, kind: Any, value: Any, tb: Any) -> None:
        self.close(abort=kind is not None or bool(self._tasks))


def check_client(client: Any) -> None:
    """Refuse anything but a running ``dask.distributed.Client``."""
    status = getattr(client, "status", None)
    if status is None or not hasattr(client, "submit"):
        raise NetworkInputError(f"client={client!r} is not a dask.distributed.Client")
    if status != "running":
        raise NetworkInputError(
            f"the dask client is {status!r}, not running; create a new Client(...) (or reconnect) and retry"
        )


def is_dask_frame(obj: Any) -> bool:
    """True for a dask DataFrame (without importing dask when it is not installed)."""
    return type(obj).__module__.startswith("dask") and hasattr(obj, "map_partitions")


def _call(kernel: Kernel, state: Any, batch: Any) -> np.ndarray:
    return kernel(state, batch)


def map_on_cluster(client: Any, kernel: Kernel, state: Any, batches: list[Any]) -> list[np.ndarray]:
    """``kernel(state, batch)`` per batch as dask tasks; ``state`` goes to every worker once."""
    check_client(client)
    try:
        # one object (a tuple would be scattered item by item); fresh keys: no clash with released ones
        state_future = client.scatter([state], broadcast=True, hash=False)[0]
        futures = [client.submit(_call, kernel, state_future, b, pure=False) for b in batches]
        return list(client.gather(futures))
    except Exception as e:
        raise NetworkInputError(
            f"betweenness on the dask cluster failed ({type(e).__name__}: {e}); no partial result "
            "was returned — check the workers (they need netanalysis installed) and retry"
        ) from e


def partition_sums(
    ddf: Any,
    client: Any,
    func: Callable[[pd.DataFrame], pd.DataFrame],
    meta: pd.DataFrame,
    *,
    on: str,
    keys: list[str],
    sums: list[str],
) -> pd.DataFrame:
    """Shuffle ``ddf`` by ``on``, run ``func`` per partition, add the ``sums`` per ``keys``.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The input, partitioned any way.
    client : dask.distributed.Client
        A running client.
    func : callable
        ``pandas.DataFrame -> pandas.DataFrame`` shaped like ``meta``; rows of one value
        of ``on`` always reach the same call.
    meta : pandas.DataFrame
        Empty frame with the output's columns and dtypes.
    on, keys, sums : str, list of str, list of str
        Shuffle column, grouping columns of the partial results, columns to add.

    Returns
    -------
    pandas.DataFrame
        The summed table (in no particular order), with ``meta``'s dtypes.
    """
    check_client(client)
    try:
        parts = ddf.shuffle(on=on).map_partitions(func, meta=meta)
        partial = client.compute(parts, sync=True)
    except NetworkInputError:
        raise
    except Exception as e:
        raise NetworkInputError(
            f"the computation on the dask cluster failed ({type(e).__name__}: {e}); no partial result was returned"
        ) from e
    out = partial.groupby(keys, sort=False, as_index=False)[sums].sum()
    return out[[*meta.columns]].astype(meta.dtypes.to_dict())


__all__ = [
    "PARALLEL_MIN_WORK",
    "TaskPool",
    "check_client",
    "is_dask_frame",
    "map_batches",
    "map_on_cluster",
    "partition_sums",
    "resolve_jobs",
]
