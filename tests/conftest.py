"""Shared fixtures: paths to ../shared/data (real exports, CI only) and tiny file builders."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from _hyp import ROOT  # the repository root (tests/ is on pythonpath, see pyproject.toml)
from hypothesis import settings

matplotlib.use("Agg")

# Property tests are reproducible by default (same examples on every run, so CI is never red
# by luck); HYPOTHESIS_PROFILE=explore draws fresh random examples (with NETANALYSIS_FUZZ_SCALE
# multiplying every budget, see _hyp.py) to hunt for new failures.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


SHARED_DATA = Path(os.environ.get("NETANALYSIS_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture
def shared_data() -> Path:
    """The real exports beside the repository; tests skip with a reason when absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real test data not found at {SHARED_DATA} (CI always has ../shared/data)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def sample_processed(tmp_path_factory) -> Path:
    """The SYNTHETIC sample read once per session (per worker under xdist) and written as a
    processed folder (``netanalysis ingest``'s output): ``--data`` for tests whose subject is
    not the reading of the sample. Treat it as read-only."""
    from netanalysis.ingest import save_processed
    from netanalysis.run.inputs import load_inputs, resolve_inputs

    out = tmp_path_factory.mktemp("sample") / "processed"
    save_processed(load_inputs(resolve_inputs(None)), out)
    return out


def _raw_hashes() -> dict[str, str]:
    """sha256 and mtime of every file under data/raw and of the bundled sample (the immutable inputs)."""
    import hashlib

    from netanalysis.datasets import sample_path

    roots = [ROOT / "data" / "raw", sample_path().parent]
    return {str(f): f"{hashlib.sha256(f.read_bytes()).hexdigest()}:{f.stat().st_mtime_ns}"
            for root in roots for f in sorted(root.rglob("*")) if f.is_file()}


@dataclass(frozen=True)
class FiguresRun:
    """One run of the main job (``netanalysis figures`` on the SYNTHETIC sample)."""

    out: Path
    manifest: dict
    parameters: dict
    raw_before: dict[str, str]
    raw_after: dict[str, str]


@pytest.fixture(scope="session")
def sample_figures(tmp_path_factory) -> FiguresRun:
    """The main job run once per session (per worker under xdist), with fewer null-model draws
    and bootstrap samples than the default (the default 1,000 draws is checked in
    tests/run/test_figures_quality.py::test_null_model_default): the files, manifest and tables, read-only."""
    from netanalysis.run import run_figures

    out = tmp_path_factory.mktemp("sample_figures") / "figures"
    parameters = {"verbose": False, "null_model_runs": 50, "bootstrap_samples": 10}
    before = _raw_hashes()
    manifest = run_figures(out=out, **parameters)
    return FiguresRun(out, manifest, parameters, before, _raw_hashes())


@pytest.fixture
def write(tmp_path):
    """write(name, text, encoding='utf-8') -> Path of a file in a fresh temp folder."""

    def _write(name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
        p = tmp_path / name
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding=encoding)
        return p

    return _write


# --- a real browser: Debian's Chromium driven by Playwright (no browser download) ---------
# CI installs Chromium and sets NETANALYSIS_REQUIRE_BROWSER=1, so there a missing browser
# fails the browser tests instead of skipping them.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or CHROMIUM is None:
        why = "playwright" if sync_playwright is None else "chromium"
        if os.environ.get("NETANALYSIS_REQUIRE_BROWSER"):
            pytest.fail(f"{why} is not installed, and NETANALYSIS_REQUIRE_BROWSER is set")
        pytest.skip(f"{why} is not installed (apt-get install chromium; pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def watched_page(browser):
    """``open(path, height) -> (page, requests, errors)``: a page that records every request
    and every console or page error, loaded from ``path``; closed after the test."""
    pages = []

    def _open(path: Path, height: int = 900):
        page = browser.new_page(viewport={"width": 1200, "height": height})
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(path.resolve().as_uri())
        pages.append(page)
        return page, requests, errors

    yield _open
    for page in pages:
        if not page.is_closed():
            page.close()


# --- CPU seconds per test: `pytest --cpu-durations=15` -------------------------------------
# --durations gives wall time, which on a shared or loaded machine says more about the
# neighbours than about the test; this adds up the user + system CPU of the test process and
# of the child processes it waited for (command-line runs, process pools), setup, call and
# teardown. Works with -n (each worker measures its own tests).
def pytest_addoption(parser):
    parser.addoption("--cpu-durations", type=int, default=None, metavar="N",
                     help="show the N tests that cost the most CPU, setup included (0: all; POSIX only)")


_CPU: dict[str, float] = {}
_CPU_START = pytest.StashKey[float]()


def _cpu_seconds() -> float:
    import resource

    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


def _measuring(config) -> bool:
    return config.getoption("cpu_durations") is not None and sys.platform != "win32"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if _measuring(item.config):
        item.stash[_CPU_START] = _cpu_seconds()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when == "teardown" and _CPU_START in item.stash:
        outcome.get_result().user_properties.append(("cpu_seconds", _cpu_seconds() - item.stash[_CPU_START]))


def pytest_runtest_logreport(report):
    for key, value in getattr(report, "user_properties", ()):
        if key == "cpu_seconds" and report.when == "teardown":
            _CPU[report.nodeid] = value


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    n = config.getoption("cpu_durations")
    if n is None or not _CPU:
        return
    ranked = sorted(_CPU.items(), key=lambda kv: -kv[1])
    terminalreporter.write_sep("=", f"CPU seconds per test (total {sum(_CPU.values()):.1f} s in {len(_CPU)} tests)")
    for nodeid, sec in ranked[: n or None]:
        terminalreporter.write_line(f"{sec:8.2f}s  {nodeid}")


@pytest.fixture
def timeline_example() -> pd.DataFrame:
    """A timeline table worked by hand (tests/metrics/test_bursts.py gives its numbers)."""
    from netanalysis.metrics.bursts import timeline_table

    # SYNTHETIC: a-b tie 2004 and 2010, a-c 2008, c-d 2012; bursts for a (two) and d, and one for x,
    # an actor outside the network, which the table must leave out
    e = pd.DataFrame({"u": ["a", "a", "a", "c"], "v": ["b", "b", "c", "d"], "year": [2004, 2010, 2008, 2012],
                      "n_patents": [1, 2, 1, 1], "weight": 1.0})
    actors = pd.DataFrame({"applicant_id": list("abcd"), "name": ["Uni A", "Firm B", "Inst C", "Firm D"],
                           "actor_type": ["university", "sme", "research_institute", "large_firm"]})
    b = pd.DataFrame({"id": ["a", "a", "d", "x"], "start": [2005, 2011, 2012, 2001], "end": [2006, 2012, 2013, 2002],
                      "strength": [3.0, 1.5, 2.0, 9.0]})
    return timeline_table(e, actors, b)
