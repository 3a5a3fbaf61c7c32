"""The tests mirror the package (issue 26, item 5): every public function is named in the test
file of its module, so a reader of ``netanalysis/<sub>/<module>.py`` finds its tests in
``tests/<sub>/test_<module>*.py`` (``tests/test_<module>*.py`` for a top-level module).

Public: a function in the ``__all__`` of a public module (no ``_`` in its dotted path; not the
shims ``netanalysis.figures`` and ``netanalysis.formats``) and defined in netanalysis. It belongs
to the module that defines it; one defined in a private module (``regions/_codes.py``) belongs
to the nearest public package above it (``regions``), whose tests are ``tests/test_regions*.py``
or any test file under ``tests/regions/``; one of a private top-level module (``_limits.py``)
to ``test_limits*.py`` in any folder. tests/README.md states the rule for people.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import warnings
from pathlib import Path

from _hyp import TESTS

import netanalysis

SHIMS = {"netanalysis.figures", "netanalysis.formats", "netanalysis.__main__"}

# Named in no test file of their module yet (issue 26, item 5, left open): each needs a test in
# its module's file. The list may only shrink: a new public function must come with its test,
# and an entry whose test has been written must be struck from here (the test below says so).
KNOWN_GAPS = {
    "netanalysis.export.viewer.save_html",
    "netanalysis.ingest.epo_ops.read_epo_ops",
    "netanalysis.ingest.lens_json.read_lens_json",
    "netanalysis.plotting.style_context",
    "netanalysis.plotting.charts.plot_repeat_survival",
    "netanalysis.plotting.comparison.plot_region_comparison",
    "netanalysis.plotting.significance.plot_brokerage",
    "netanalysis.plotting.significance.plot_null_model",
    "netanalysis.report.compare.compare_regions",
    "netanalysis.report.compare.focus_ranks",
    "netanalysis.report.indicators.unknown_size_note",
    "netanalysis.report.uncertainty.bootstrap_table",
    "netanalysis.report.uncertainty.bootstrap_text",
    "netanalysis.run.export.run_export",
    "netanalysis.run.report.write_report",
}


def _public(module: str) -> bool:
    return module not in SHIMS and not any(part.startswith("_") for part in module.split("."))


def _owner(module: str) -> str:
    """The public module whose tests name a function defined in ``module``."""
    parts = module.split(".")
    while not _public(".".join(parts)) and len(parts) > 1:
        if len(parts) == 2:  # a private top-level module: netanalysis._limits
            return module
        parts.pop()
    return ".".join(parts)


def public_functions() -> dict[tuple[str, str], str]:
    """``{(owner module, function name): a module that exports it}`` over every public module."""
    names = ["netanalysis"] + [m.name for m in pkgutil.walk_packages(netanalysis.__path__, "netanalysis.")]
    found: dict[tuple[str, str], str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for name in filter(_public, names):
            module = importlib.import_module(name)
            for attr in getattr(module, "__all__", ()):
                obj = getattr(module, attr, None)
                if inspect.isfunction(obj) and obj.__module__.startswith("netanalysis"):
                    found.setdefault((_owner(obj.__module__), obj.__name__), name)
    return found


def files_for(module: str) -> list[Path]:
    """The test files in which a public function of ``module`` must be named."""
    parts = module.split(".")[1:]
    if parts and parts[-1].startswith("_"):  # a private top-level module: test_limits*.py anywhere
        return sorted(TESTS.rglob(f"test_{parts[-1].lstrip('_')}*.py"))
    if not parts:  # the front door: a top-level test file
        return sorted(TESTS.glob("test_*.py"))
    folder, stem = TESTS.joinpath(*parts[:-1]), parts[-1]
    files = set(folder.glob(f"test_{stem}*.py"))
    if importlib.util.find_spec(module).submodule_search_locations:  # a package: its folder too
        files |= set(folder.joinpath(stem).rglob("test_*.py"))
    return sorted(files)


def unnamed() -> list[str]:
    """``module.function`` for every public function named in no test file of its module."""
    texts: dict[Path, str] = {}
    out = []
    for (module, function), _ in sorted(public_functions().items()):
        pattern = re.compile(rf"\b{re.escape(function)}\b")
        files = files_for(module)
        if not any(pattern.search(texts.setdefault(f, f.read_text(encoding="utf-8"))) for f in files):
            out.append(f"{module}.{function}")
    return out


def test_the_rule_sees_the_package():
    """The walk finds what it must: a guard against a rule that checks nothing."""
    found = public_functions()
    assert len(found) > 150
    assert ("netanalysis.ingest.readers", "read_layout") in found  # a module's own function
    assert ("netanalysis.regions", "at_level") in found  # defined in regions/_codes.py
    assert ("netanalysis._limits", "set_limits") in found  # exported by the front door
    assert not any(m in SHIMS for m, _ in found)
    assert [p.relative_to(TESTS).as_posix() for p in files_for("netanalysis.metrics.openness")] == [
        "metrics/test_openness.py", "metrics/test_openness_region_rule.py", "metrics/test_openness_regions.py"]
    assert "metrics/betweenness/test_blocks.py" in {
        p.relative_to(TESTS).as_posix() for p in files_for("netanalysis.metrics.betweenness")}


def test_every_public_function_is_named_in_its_modules_tests():
    missing = set(unnamed())
    assert not missing - KNOWN_GAPS, (f"public functions named in no test file of their module "
                                      f"(tests/README.md says where they go): {sorted(missing - KNOWN_GAPS)}")
    assert not KNOWN_GAPS - missing, f"tested now, strike from KNOWN_GAPS: {sorted(KNOWN_GAPS - missing)}"


def test_every_test_file_sits_beside_a_module_or_in_a_cross_cutting_folder():
    """tests/<sub>/ mirrors netanalysis/<sub>/; reliability/ and integration/ hold the rest."""
    package = Path(netanalysis.__file__).parent
    for f in TESTS.rglob("test_*.py"):
        folder = f.parent.relative_to(TESTS)
        if folder.parts and folder.parts[0] in {"reliability", "integration"}:
            continue
        if folder.parts and folder.parts[0] in {"bad_inputs", "node", "labels", "schemas", "baseline"}:
            continue
        assert package.joinpath(*folder.parts).is_dir(), f"{f.relative_to(TESTS)}: no netanalysis/{folder} to mirror"
