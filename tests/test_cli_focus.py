"""Issue 12: `figures` with a focus it cannot draw says so in one line and leaves no folder."""

from __future__ import annotations

from netanalysis.cli import main


def test_unknown_region_gets_one_line_with_the_closest_codes(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["figures", "--region", "Gyeongbok", "--out", "f", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'gyeongbuk'" in err and "schemes" in err
    assert not (tmp_path / "f").exists()


def test_focus_with_no_ties_leaves_no_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["figures", "--region", "DE", "--out", "f", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not occur in the data" in err
    assert not (tmp_path / "f").exists()
