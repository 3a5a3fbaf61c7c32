"""The readers registry: a layout recognised, its entry, a folder taken whole, read by name."""

from __future__ import annotations

import pytest

from netanalysis._errors import IngestError
from netanalysis.datasets import sample_path, write_lens_example
from netanalysis.fetch._store import PageStore
from netanalysis.ingest import read_patents
from netanalysis.ingest.readers import detect_layout, fetched_from, is_source_folder, read_layout, reader_of


def test_detect_layout_and_read_layout_agree_with_read_patents(tmp_path):
    lens = write_lens_example(tmp_path / "lens.csv", n_records=8)
    assert (detect_layout(sample_path()), detect_layout(lens)) == ("kipris_export", "lens")
    by_name = read_layout(lens, "lens").applications
    assert by_name.equals(read_patents(lens).applications)


def test_reader_of_names_each_entry_and_refuses_an_unknown_layout():
    assert "Lens" in reader_of("lens").what
    with pytest.raises((IngestError, KeyError, ValueError)):
        reader_of("no_such_layout")


def test_a_fetch_folder_is_a_source_folder_and_says_its_source(tmp_path):
    PageStore(tmp_path / "f", "patentsview", "{}", "json").finish(0)
    assert fetched_from(tmp_path / "f") == "patentsview" and is_source_folder(tmp_path / "f")
    (tmp_path / "plain").mkdir()
    assert fetched_from(tmp_path / "plain") is None and not is_source_folder(tmp_path / "plain")


def test_grouped_files_takes_the_tables_of_one_source_and_leaves_the_rest(tmp_path):
    from _hyp import TESTS

    from netanalysis.ingest.readers import grouped_files

    patstat = sorted((TESTS / "fixtures" / "patstat_native" / "patstat").glob("*.csv"))
    other = tmp_path / "lens.csv"
    other.write_text("x\n")
    groups, rest = grouped_files([*patstat, other])
    # the three PATSTAT tables form one source; the other file is read on its own
    assert groups == [("patstat_native", patstat)] and rest == [other]
    assert grouped_files([patstat[0]]) == ([], [patstat[0]])  # one table alone is no group
