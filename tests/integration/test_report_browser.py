"""The report in a real headless browser (Debian's Chromium, driven by Playwright, the
``watched_page`` fixture of conftest.py): it loads with no console error and no outgoing request,
every figure decodes, and a screenshot shows the page."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from netanalysis.run import ReadOptions
from netanalysis.run.report import build_report

pytestmark = pytest.mark.slow  # a whole report, opened in a real browser (CI requires one)


def open_report(watched_page, path: Path, shot: Path) -> dict:
    """Load ``path``; return the requests, console errors, image widths and a screenshot's pixels."""
    from PIL import Image

    page, requests, errors = watched_page(path, height=1600)
    page.wait_for_load_state("networkidle")
    widths = page.evaluate("Array.from(document.images).map(i => i.complete ? i.naturalWidth : -1)")
    headings = page.evaluate("Array.from(document.querySelectorAll('h3')).map(h => h.textContent)")
    page.screenshot(path=str(shot), full_page=False)
    page.close()
    pixels = np.asarray(Image.open(shot).convert("L"), dtype=float)
    return {"requests": [u for u in requests if not u.startswith("data:")], "errors": errors, "widths": widths,
            "headings": headings, "pixels": pixels}


def check(seen: dict, page: Path, n_figures: int) -> None:
    assert seen["requests"] == [page.resolve().as_uri()], "the page asked for something besides itself"
    assert seen["errors"] == []
    assert len(seen["widths"]) == n_figures and min(seen["widths"]) > 100, "a figure did not decode"
    assert "Are universities the hubs and the bridges?" in seen["headings"]
    px = seen["pixels"]
    assert px.std() > 10 and (px < 100).mean() > 0.005, "the screenshot is blank"


def test_sample_report_in_chromium(watched_page, tmp_path):
    rep = build_report(n_boot=10, null_model_runs=20, out=tmp_path / "sample.html")
    seen = open_report(watched_page, tmp_path / "sample.html", tmp_path / "sample.png")
    check(seen, tmp_path / "sample.html", len(rep.figures))


def test_real_data_report_in_chromium(watched_page, shared_data, tmp_path):
    files = sorted((shared_data / "patstat-it").glob("It*1.xlsx"))
    cols = {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name", "region": "NUTS",
            "country": "person_ctry_code", "actor_type": "psn_sector"}
    rep = build_report(data=files, region="ITC4", years=None, n_boot=10, null_model_runs=20,
                       read=ReadOptions(columns=cols), out=tmp_path / "lombardia.html")
    seen = open_report(watched_page, tmp_path / "lombardia.html", tmp_path / "lombardia.png")
    check(seen, tmp_path / "lombardia.html", len(rep.figures))
    shot_dir = os.environ.get("NETANALYSIS_SCREENSHOTS")
    if shot_dir:  # keep the screenshots to look at
        Path(shot_dir).mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / "lombardia.png", Path(shot_dir) / "lombardia.png")
