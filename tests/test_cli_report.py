"""`netanalysis report` on the command line: the HTML and the answers printed, one line for a bad suffix."""

from __future__ import annotations

import pytest

from netanalysis.cli import main


@pytest.mark.slow  # the whole report through the command line
def test_cli_report_writes_html_and_says_the_answers(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--out", "r.html", "--quiet", "--bootstrap", "10", "--null-model-runs", "20"]) == 0
    out = capsys.readouterr().out
    assert "universities are the hubs" in out and (tmp_path / "r.html").is_file()
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "netanalysis report --out r.html" in html  # the exact command, at the end


def test_cli_report_of_another_suffix_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--out", "r.pdf", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".html or .md" in err
