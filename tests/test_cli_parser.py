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


def test_data_is_positional_everywhere_and_data_option_a_deprecated_alias(capsys):
    import pytest

    from netanalysis.cli import _settle_data, build_parser

    p = build_parser()
    for command in ("ingest", "figures", "report", "export"):
        a = p.parse_args([command, "x.csv", "y.csv"])
        _settle_data(a)
        assert [str(x) for x in a.data] == ["x.csv", "y.csv"]
        b = p.parse_args([command, "--data", "x.csv"])
        _settle_data(b)
        assert [str(x) for x in b.data] == ["x.csv"]
        assert "--data is deprecated" in capsys.readouterr().err
    c = p.parse_args(["figures"])
    _settle_data(c)
    assert c.data is None  # the sample
    from netanalysis import NetanalysisError

    with pytest.raises(NetanalysisError, match="not both"):
        _settle_data(p.parse_args(["report", "a.csv", "--data", "b.csv"]))
    with pytest.raises(SystemExit):  # allow_abbrev=False: --reg is not --regions (or --region)
        p.parse_args(["ingest", "a.csv", "--reg", "x"])
