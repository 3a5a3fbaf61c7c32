"""Issue 38: a command line that answers at once, a cheap ``import netanalysis``, and a numba
cache in the user's cache folder, never inside the installed package.

Behaviour tests, not timings (the CPU cost of ``--help`` against ``import pandas`` is measured
with ``farm-bench``, see the README's contributor section): what a command imports before it
parses its arguments, and where files are written.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from _hyp import ROOT

import netanalysis as na
from netanalysis.cli import build_parser

HEAVY = ["pandas", "numpy", "matplotlib", "igraph", "networkx", "scipy", "numba"]
SUBCOMMANDS = ["ingest", "figures", "report", "export", "make-sample"]


def _python(code: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter that imports this checkout's netanalysis."""
    full = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]), **(env or {})}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full, cwd=cwd)


LOADED_AFTER_HELP = """
import json, sys
import netanalysis.cli as cli
assert cli.__file__.startswith({root!r}), cli.__file__
try:
    cli.main({argv!r})
except SystemExit as e:
    code = e.code
else:
    code = None
print(json.dumps({{"code": code, "modules": sorted(sys.modules)}}))
"""


@pytest.mark.parametrize("argv", [["--help"], ["--version"], *[[c, "--help"] for c in SUBCOMMANDS]],
                         ids=lambda a: " ".join(a))
def test_help_parses_before_importing_any_stage(argv):
    r = _python(LOADED_AFTER_HELP.format(root=str(ROOT), argv=argv))
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout.splitlines()[-1])
    assert got["code"] == 0  # argparse printed the help (or version) and exited cleanly
    modules = set(got["modules"])
    assert not [m for m in HEAVY if m in modules]
    # of the package itself only the light front door, the error classes, limits and text escaping
    assert {m for m in modules if m.startswith("netanalysis")} == {
        "netanalysis", "netanalysis.cli", "netanalysis._errors", "netanalysis._limits", "netanalysis._safe_text",
        "netanalysis._version", "netanalysis.run", "netanalysis.run.settings"}


def test_a_usage_error_is_reported_before_any_stage_is_imported():
    r = _python(LOADED_AFTER_HELP.format(root=str(ROOT), argv=["figures", "--no-such-option"]))
    got = json.loads(r.stdout.splitlines()[-1])
    assert got["code"] == 2 and "unrecognized arguments: --no-such-option" in r.stderr
    assert not [m for m in HEAVY if m in set(got["modules"])]


def test_a_command_that_runs_imports_its_stage():
    """The laziness is only in the parsing: ``make-sample`` loads the stage it needs and works."""
    r = _python(LOADED_AFTER_HELP.format(root=str(ROOT), argv=["make-sample", "--out", "s", "--seed", "3"])
                .replace("import json, sys", "import json, os, sys, tempfile; os.chdir(tempfile.mkdtemp())"))
    got = json.loads(r.stdout.splitlines()[-1])
    assert got["code"] is None and "netanalysis.datasets" in got["modules"] and "pandas" in got["modules"]
    assert "(SYNTHETIC)" in r.stdout


@pytest.mark.parametrize(("argv", "full"), [
    (["ingest", "x.csv", "--region", "ITC4"], ["ingest", "x.csv", "--regions", "ITC4"]),
    (["ingest", "x.csv", "--encod", "cp949"], ["ingest", "x.csv", "--encoding", "cp949"]),
    (["figures", "--null-model-r", "5"], ["figures", "--null-model-runs", "5"]),
    (["report", "--boot", "5"], ["report", "--bootstrap", "5"]),
    (["export", "--lay", "ipc"], ["export", "--layer", "ipc"]),
    (["make-sample", "--se", "3"], ["make-sample", "--seed", "3"]),
])
def test_no_option_is_taken_from_a_prefix(argv, full, capsys):
    """``ingest --region ITC4`` was read as ``--regions ITC4`` (a region table file): no parser
    expands a prefix of a long option, a mistyped option is an error naming it."""
    parser = build_parser()
    with pytest.raises(SystemExit) as e:
        parser.parse_args(argv)
    assert e.value.code == 2 and f"unrecognized arguments: {argv[-2]}" in capsys.readouterr().err
    parser.parse_args(full)  # the full spelling is accepted


def test_the_top_parser_takes_no_prefix_either(capsys):
    with pytest.raises(SystemExit) as e:
        build_parser().parse_args(["--vers", "make-sample"])
    assert e.value.code == 2 and "unrecognized arguments: --vers" in capsys.readouterr().err


def test_import_netanalysis_loads_no_stage():
    r = _python("import json, sys, netanalysis; print(json.dumps(sorted(sys.modules)))")
    modules = set(json.loads(r.stdout))
    assert not [m for m in HEAVY if m in modules]
    assert {m for m in modules if m.startswith("netanalysis")} == {
        "netanalysis", "netanalysis._errors", "netanalysis._version"}


def test_every_public_name_is_reachable_from_the_front_door():
    import importlib

    for name in na.__all__:
        value = getattr(na, name)
        assert name in dir(na)
        if name in {"classify", "datasets", "entities", "export", "figures", "ingest", "metrics", "network",
                    "plotting", "regions", "schema"}:
            assert value is importlib.import_module(f"netanalysis.{name}")
    # the names are the stage functions themselves, not copies
    from netanalysis.metrics import centrality
    from netanalysis.network import to_igraph
    from netanalysis.run import run_figures

    assert na.centrality is centrality and na.run_figures is run_figures and na.to_igraph is to_igraph
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = na.no_such_name


# --- where numba writes the compiled kernel ---------------------------------------------

KERNEL = """
import json, numba
from netanalysis.metrics import _compiled as _blocks
from netanalysis.metrics.betweenness import blocks as _kernel_blocks
_kernel_blocks.compile_kernel()
print(json.dumps({"folder": str(_blocks.kernel_cache_dir()), "numba_setting": numba.config.CACHE_DIR}))
"""


def _written(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def _package_files() -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (ROOT / "netanalysis").rglob("*") if p.is_file()}


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
def test_numba_cache_goes_to_the_users_cache_folder(tmp_path):
    before = _package_files()
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "NUMBA_CACHE_DIR": ""}
    r = _python(KERNEL, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout.splitlines()[-1])
    folder = tmp_path / "cache" / "netanalysis" / "numba"
    assert Path(got["folder"]) == folder
    cached = {p.suffix for p in _written(folder)}
    assert {".nbi", ".nbc"} <= cached  # numba's index and compiled code
    assert got["numba_setting"] == ""  # numba's own setting is left as the user had it
    # nothing new or changed in the package: no .nbi/.nbc beside the module, no other write
    after = _package_files()
    new = {p for p in after if p not in before and p.suffix != ".pyc"}
    assert not new and not [p for p in before if p in after and after[p] != before[p] and p.suffix != ".pyc"]
    assert not [p for p in after if p.suffix in {".nbi", ".nbc"}]
    # a second process loads the kernel from there instead of compiling it again
    stamp = {p: p.stat().st_mtime_ns for p in _written(folder)}
    assert _python(KERNEL, env=env, cwd=tmp_path).returncode == 0
    assert {p: p.stat().st_mtime_ns for p in _written(folder)} == stamp


def test_numba_cache_dir_set_by_the_user_wins(tmp_path, monkeypatch):
    from numba.core import config

    from netanalysis.metrics._compiled import kernel_cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(config, "CACHE_DIR", str(tmp_path / "mine"))  # what NUMBA_CACHE_DIR sets
    assert kernel_cache_dir() == tmp_path / "mine" and (tmp_path / "mine").is_dir()
    assert not (tmp_path / "cache").exists()
    monkeypatch.setattr(config, "CACHE_DIR", "")
    assert kernel_cache_dir() == tmp_path / "cache" / "netanalysis" / "numba"


def test_an_unwritable_cache_folder_means_no_cache_not_the_package(tmp_path, monkeypatch):
    from numba.core import config

    from netanalysis.metrics._compiled import kernel_cache_dir

    # a file where the cache folder should be: no one, not even root, can create a folder in it
    (tmp_path / "cache").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(config, "CACHE_DIR", "")
    assert kernel_cache_dir() is None  # _compiled() then compiles with cache=False
