"""The SYNTHETIC example writers: the sample, its firm sizes, a Lens-style CSV and a NUTS table,
each read back by the package's own readers (an independent path through the code)."""

from __future__ import annotations

import pandas as pd

from netanalysis.datasets import make_sample, synthetic_firm_sizes, write_lens_example, write_nuts_example, write_sample
from netanalysis.ingest import detect_layout, read_patents


def test_make_sample_is_seeded_and_sized():
    a, b = make_sample(seed=7, n_patents=40), make_sample(seed=7, n_patents=40)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 40 and not a.equals(make_sample(seed=8, n_patents=40))


def test_synthetic_firm_sizes_are_seeded_and_name_the_sample_firms():
    sizes = synthetic_firm_sizes(n_patents=200)
    assert set(sizes["size"]) <= {"large", "sme"} and sizes["applicant_id"].is_unique
    cells = " ".join(make_sample(n_patents=200)["출원인"])
    present = sum(name in cells for name in sizes["applicant_id"])
    assert present >= 0.9 * len(sizes)  # a few firms of the list hold no patent of so small a draw
    pd.testing.assert_frame_equal(sizes, synthetic_firm_sizes(n_patents=200))


def test_write_sample_writes_the_export_with_a_bom_and_its_firm_sizes(tmp_path):
    path = write_sample(tmp_path)
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
    assert (tmp_path / "synthetic_firm_sizes.csv").is_file()
    assert detect_layout(path) == "kipris_export"
    assert read_patents(path).applications["patent_id"].nunique() == len(make_sample())


def test_write_lens_and_nuts_examples_are_read_by_their_readers(tmp_path):
    lens = write_lens_example(tmp_path / "lens.csv", n_records=12)
    assert detect_layout(lens) == "lens"
    assert read_patents(lens).applications["patent_id"].nunique() <= 12
    nuts = write_nuts_example(tmp_path / "nuts.csv", n_patents=10)
    t = pd.read_csv(nuts, dtype=str)
    assert t["appln_id"].nunique() == 10 and t["NUTS"].str.len().ge(2).all()
