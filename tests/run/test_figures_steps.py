"""The figures job's pieces: reproducible PNG bytes, and one step computed, drawn and written."""

from __future__ import annotations

import matplotlib.pyplot as plt

from netanalysis.run import STEPS, RunSettings, build_context
from netanalysis.run.figures import png_bytes, run_steps


def test_png_bytes_are_a_png_and_the_same_every_time():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    a, b = png_bytes(fig, 50), png_bytes(fig, 50)
    plt.close(fig)
    assert a[:8] == b"\x89PNG\r\n\x1a\n" and a == b
    assert b"tIME" not in a  # no timestamp chunk


def test_run_steps_writes_the_table_and_figure_of_one_step(sample_processed, tmp_path):
    ctx = build_context(RunSettings(data=[sample_processed], region="KR-27"))
    step = [s for s in STEPS if s.name == "09_type_mixing"]
    outputs = run_steps(ctx, step, tmp_path, verbose=False)
    files = sorted(o["file"] for o in outputs)
    assert files and all((tmp_path / f).is_file() for f in files)
    assert {f.rsplit(".", 1)[1] for f in files} >= {"png", "csv"}
