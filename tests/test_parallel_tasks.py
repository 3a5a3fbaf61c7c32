"""TaskPool: named tasks in worker processes, taken later — results, a queued task run by the taker,
errors as the serial call gives them, a dead worker as a message, an interrupt ending the workers."""

from __future__ import annotations

import os
import sys
import time

import pytest

from netanalysis._errors import NetworkInputError
from netanalysis._parallel import TaskPool


def _scaled(state: dict, x: int) -> tuple[int, int]:
    return state["k"] * x, os.getpid()


def _bad(state: dict, what: str) -> None:
    raise NetworkInputError(f"bad input: {what}")


def _die(state: dict) -> None:
    os._exit(3)  # a worker killed (out of memory, SIGKILL): no exception travels back


def _sleep(state: dict, seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_results_by_key_in_workers_or_in_the_taker():
    with TaskPool({"k": 7}, n_jobs=2) as pool:
        for i in range(6):
            pool.submit(("x", i), _scaled, i)
        assert "x" not in pool and ("x", 5) in pool
        got = [pool.take(("x", i)) for i in range(6)]
    assert [v for v, _ in got] == [0, 7, 14, 21, 28, 35]  # state sent once, each task's own argument
    assert all(pid > 0 for _, pid in got)


def test_a_queued_task_is_run_by_the_taker():
    with TaskPool({"k": 2}, n_jobs=1) as pool:
        pool.submit("busy", _sleep, 1.0)  # the only worker is busy with this one,
        pool.submit("next", _sleep, 0.1)  # the executor hands it this one next (its call queue: 1 + 1),
        pool.submit("queued", _scaled, 5)  # and this one waits in the pool's own queue
        value, pid = pool.take("queued")  # not started by then: cancelled and run here
        assert (value, pid) == (10, os.getpid())
        assert pool.take("busy") == 1.0 and pool.take("next") == 0.1


def test_a_tasks_error_is_raised_as_the_serial_call_raises_it():
    with TaskPool({}, n_jobs=2) as pool:
        pool.submit("b", _bad, "column year")
        time.sleep(0.5)  # started in a worker
        with pytest.raises(NetworkInputError, match="bad input: column year"):
            pool.take("b")


def test_a_dead_worker_is_a_message_not_a_partial_result():
    with TaskPool({}, n_jobs=1) as pool:
        pool.submit("d", _die)
        time.sleep(0.5)
        with pytest.raises(NetworkInputError, match=r"a worker process died while computing d .*n_jobs=1"):
            pool.take("d")


def test_leaving_on_an_error_ends_the_workers_at_once():
    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        with TaskPool({}, n_jobs=2) as pool:
            pool.submit("long", _sleep, 60.0)
            time.sleep(0.3)
            raise KeyboardInterrupt
    assert time.perf_counter() - start < 20  # terminated, not waited for


def _grandchild(path: str) -> None:
    with open(path, "w") as f:
        f.write(str(os.getpid()))
    time.sleep(60)


def _nested(state: dict) -> None:
    """A task that runs its own pool (as the run's null-model task does)."""
    from concurrent.futures import ProcessPoolExecutor

    from netanalysis._parallel import init_worker

    with ProcessPoolExecutor(1, initializer=init_worker, initargs=(None, None)) as inner:
        inner.submit(_grandchild, state["path"]).result()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_an_interrupt_leaves_no_orphan_of_a_nested_pool(tmp_path):
    path = tmp_path / "pid"
    with pytest.raises(KeyboardInterrupt):
        with TaskPool({"path": str(path)}, n_jobs=1) as pool:
            pool.submit("nested", _nested)
            for _ in range(200):
                if path.exists() and path.read_text():
                    break
                time.sleep(0.05)
            raise KeyboardInterrupt
    pid = int(path.read_text())
    for _ in range(100):  # the worker's own worker ends with it (SIGTERM from the kernel)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        pytest.fail("the nested pool's worker outlived the interrupted run")
