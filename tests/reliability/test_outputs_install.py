"""Outputs as colleagues and tools see them: permissions, whole-run swaps, Excel-friendly CSV, fonts."""

from __future__ import annotations

import os
import stat

import numpy as np
import pandas as pd
import pytest

from netanalysis import NetanalysisError
from netanalysis._io import atomic_folder, write_csv


def test_outputs_respect_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        f = write_csv(pd.DataFrame({"a": [1]}), tmp_path / "t.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE(f.stat().st_mode) == 0o644


def test_csv_has_a_bom_for_excel_and_reads_back(tmp_path):
    f = write_csv(pd.DataFrame({"name": ["대구대학교"]}), tmp_path / "t.csv")
    assert f.read_bytes().startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(f, encoding="utf-8-sig")["name"].tolist() == ["대구대학교"]


def test_atomic_folder_swaps_whole_runs_and_keeps_the_readme(tmp_path):
    out = tmp_path / "figures"
    out.mkdir()
    (out / "README.md").write_text("about this folder")
    with atomic_folder(out, "manifest.json") as tmp:
        (tmp / "manifest.json").write_text("{}")
        (tmp / "old_option_figure.png").write_bytes(b"1")
    with atomic_folder(out, "manifest.json") as tmp:
        (tmp / "manifest.json").write_text('{"run": 2}')
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "manifest.json"]  # no stale file mixes in
    assert (out / "README.md").read_text() == "about this folder"


def test_a_failed_run_leaves_the_previous_folder(tmp_path):
    out = tmp_path / "figures"
    with atomic_folder(out, "manifest.json") as tmp:
        (tmp / "manifest.json").write_text("first")
    with pytest.raises(RuntimeError), atomic_folder(out, "manifest.json") as tmp:
        (tmp / "manifest.json").write_text("second")
        raise RuntimeError("the run died")
    assert (out / "manifest.json").read_text() == "first"
    assert not list(tmp_path.glob(".netanalysis-tmp*"))


def _dead_pid() -> int:
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _stale(folder, pid: int, token: str, *, is_dir: bool) -> str:
    """A temporary as a run with process ``pid`` leaves it: named and recorded in the lock file."""
    from netanalysis._io import TEMP_LOCK, TEMP_PREFIX

    name = f"{TEMP_PREFIX}{pid}-{token}"
    (folder / name).mkdir() if is_dir else (folder / name).write_bytes(b"half")
    with open(folder / TEMP_LOCK, "a", encoding="utf-8") as fh:
        fh.write(name + "\n")
    return name


def test_stale_temporaries_of_a_killed_run_are_removed_but_not_a_live_runs(tmp_path):
    import os

    dead, live = _dead_pid(), os.getppid()
    _stale(tmp_path, dead, "0123456789abcdef", is_dir=True)
    concurrent = _stale(tmp_path, live, "fedcba9876543210", is_dir=True)  # a concurrent run: left alone
    (tmp_path / f".figures.run-{dead}-abc123").mkdir()  # look-alikes of old names: a user's, never touched
    with atomic_folder(tmp_path / "figures", "manifest.json") as tmp:
        (tmp / "manifest.json").write_text("{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f".figures.run-{dead}-abc123", concurrent, ".netanalysis-tmp.lock", "figures"])
    assert (tmp_path / ".netanalysis-tmp.lock").read_text().split() == [concurrent]


@pytest.mark.slow  # end-to-end: in CI's full set (-m "")
def test_stale_temporary_files_of_a_killed_ingest_are_removed(tmp_path):
    from netanalysis.datasets import sample_path
    from netanalysis.ingest import read_patents, save_processed

    dead = _dead_pid()
    stale = _stale(tmp_path, dead, "00112233445566aa", is_dir=False)
    save_processed(read_patents(sample_path()), tmp_path)
    assert not (tmp_path / stale).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".netanalysis-tmp")]


def test_a_folder_of_someone_elses_files_is_refused(tmp_path):
    (tmp_path / "mine.txt").write_text("precious")
    with pytest.raises(NetanalysisError, match="no earlier run wrote"), atomic_folder(tmp_path, "manifest.json"):
        pass
    assert (tmp_path / "mine.txt").read_text() == "precious"


def test_a_hangul_font_installed_after_the_cache_is_found(monkeypatch):
    from matplotlib import font_manager

    from netanalysis.plotting import _style

    if not any("Nanum" in f.name for f in font_manager.fontManager.ttflist):
        pytest.skip("no Nanum font on this machine (CI installs fonts-nanum)")
    monkeypatch.delenv("NETANALYSIS_NO_HANGUL_FONT", raising=False)
    # matplotlib's cached list without the Hangul fonts, as if they were installed after the cache was built
    stale = [f for f in font_manager.fontManager.ttflist if not _style._HANGUL_FILE.search(os.path.basename(f.fname))]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    _style.hangul_font.cache_clear()
    try:
        assert _style.hangul_font() is not None
    finally:
        _style.hangul_font.cache_clear()


@pytest.mark.slow  # draws every figure of the main job at full layout
def test_no_title_label_or_caption_of_the_main_job_leaves_the_figure():
    import matplotlib.pyplot as plt

    from netanalysis.plotting import _style
    from netanalysis.run import STEPS, RunSettings, build_context

    ctx = build_context(RunSettings(null_model_runs=50))  # the figure's layout, not its statistics
    clipped = []
    from netanalysis import NetworkInputError

    drawn = 0
    for step in (s for s in STEPS if s.draw is not None):
        try:
            table = step.compute(ctx)
        except NetworkInputError:  # a step the sample cannot support (19: no inventor regions) is skipped
            continue
        drawn += 1
        ctx.tables[step.name] = table
        with plt.rc_context(_style.rc()):
            fig, axes = step.draw(ctx, table)  # small multiples return an array of axes
            fig.canvas.draw()
            renderer, width, height = fig.canvas.get_renderer(), fig.bbox.width, fig.bbox.height
            texts = [t for ax in np.atleast_1d(axes) for t in (ax.title, ax._left_title, ax._right_title,
                                                              ax.xaxis.label, ax.yaxis.label, *ax.texts)]
            texts += [t for t in (fig._supxlabel, fig._suptitle) if t is not None]
            for text in texts:
                box = text.get_window_extent(renderer)
                if text.get_text().strip() and (box.x0 < -1 or box.x1 > width + 1 or box.y0 < -1 or box.y1 > height + 1):
                    clipped.append((step.name, text.get_text()[:40]))
        plt.close(fig)
    # all but 19 (the sample has no inventor regions) and 22 (no technology class bursts in the sample)
    assert drawn == len([s for s in STEPS if s.draw is not None]) - 2
    assert not clipped


def test_captions_say_what_is_drawn():
    from netanalysis.run import RunSettings, build_context

    ctx = build_context(RunSettings())
    assert "Ties touching Daegu–Gyeongbuk" in ctx.credit
    assert "All ties" in ctx.credit_all and "Daegu–Gyeongbuk highlighted" in ctx.credit_all
