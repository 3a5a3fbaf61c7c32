"""A processed folder: what save_processed writes, load_processed reads back unchanged."""

from __future__ import annotations

import pandas as pd

from netanalysis.datasets import write_lens_example
from netanalysis.ingest import read_patents
from netanalysis.ingest.processed import load_processed, save_processed


def test_save_then_load_processed_round_trip(tmp_path):
    result = read_patents(write_lens_example(tmp_path / "lens.csv", n_records=10))
    written = save_processed(result, tmp_path / "out")
    assert {"applications", "actors", "rejects", "report"} <= set(written)
    back = load_processed(tmp_path / "out")
    pd.testing.assert_frame_equal(back.applications.reset_index(drop=True),
                                  result.applications.reset_index(drop=True), check_dtype=False)
    assert back.report.reader == result.report.reader == "lens"
