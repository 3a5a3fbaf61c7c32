"""The command line's parser: every command, the shared reading options, no abbreviations."""

from __future__ import annotations

from pathlib import Path

import pytest

from netanalysis.cli import build_parser


def test_build_parser_has_every_command_and_one_word_for_the_inputs():
    parser = build_parser()
    for command in ("ingest", "figures", "report", "export"):
        args = parser.parse_args([command, "a.csv", "b.csv", "--encoding", "cp949"])
        assert (args.command, args.data, args.encoding) == (command, [Path("a.csv"), Path("b.csv")], "cp949")


def test_build_parser_refuses_an_abbreviated_option(capsys):
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["ingest", "a.csv", "--region", "ITC4"])
    assert stop.value.code == 2
