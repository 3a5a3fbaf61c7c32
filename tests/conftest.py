"""Shared fixtures: paths to ../shared/data (real exports, CI only) and tiny file builders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")

# Property tests are reproducible by default (same examples on every run, so CI is never red
# by luck); HYPOTHESIS_PROFILE=explore draws fresh random examples (with NETANALYSIS_FUZZ_SCALE
# multiplying every budget, see _hyp.py) to hunt for new failures.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("NETANALYSIS_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture
def shared_data() -> Path:
    """The real exports beside the repository; tests skip with a reason when absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real test data not found at {SHARED_DATA} (CI always has ../shared/data)")
    return SHARED_DATA


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
