"""The import graph, read from the code: layers as docs/architecture.md draws them, no cycle,
no private name crossing a package boundary.

The layers are parsed from the table in ``docs/architecture.md`` (between the
``<!-- layers -->`` markers), so the page cannot drift from the code: a new import that
goes upwards, or a new top-level module missing from the page, fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "netanalysis"
#: Entry points above every layer: the front door, the command line, and the shims of old paths.
ENTRY = {"netanalysis", "netanalysis.cli", "netanalysis.__main__", "netanalysis.figures", "netanalysis.formats"}


def _module(path: Path) -> str:
    parts = list(path.with_suffix("").relative_to(ROOT).parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_package(dotted: str) -> bool:
    return (ROOT.joinpath(*dotted.split(".")) / "__init__.py").is_file()


def _exists(dotted: str) -> bool:
    return _is_package(dotted) or ROOT.joinpath(*dotted.split(".")).with_suffix(".py").is_file()


def imports() -> list[tuple[str, str, list[str], int]]:
    """Every import of a netanalysis module by a netanalysis module: (importer, module, names, line),
    also those inside functions and under TYPE_CHECKING."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        mod = _module(path)
        pkg = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                names = [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("netanalysis"):
                        found.append((mod, a.name, [], node.lineno))
                continue
            else:
                continue
            if not target.startswith("netanalysis"):
                continue
            plain = [n for n in names if not _exists(f"{target}.{n}")]
            if plain or not names:
                found.append((mod, target, plain, node.lineno))
            # `from netanalysis import metrics`: an import of netanalysis.metrics (private when `_x`)
            found += [(mod, f"{target}.{n}", [], node.lineno) for n in names if _exists(f"{target}.{n}")]
    return found


def unit(dotted: str) -> str:
    """The top-level unit a module belongs to: ``netanalysis.metrics.betweenness.exact`` → ``metrics``."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "netanalysis"


def documented_layers() -> dict[str, int]:
    """``{unit: layer}`` from the layers table of docs/architecture.md (higher imports lower)."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("<!-- layers -->")[1]
    layers = {}
    for row in re.findall(r"^\|\s*(\d+)\s*\|([^|]*)\|", table, re.M):
        for name in re.findall(r"`([\w./]+)`", row[1]):
            layers[name.removesuffix("/").removesuffix(".py")] = int(row[0])
    return layers


def test_every_top_level_module_is_on_the_architecture_page():
    units = {unit(_module(p)) for p in PACKAGE.rglob("*.py")} - {unit(m) for m in ENTRY} - {"netanalysis"}
    units |= {"cli"} - units
    missing = sorted(u for u in units if u not in documented_layers() and f"netanalysis.{u}" not in ENTRY)
    assert not missing, f"add these to the layers table of docs/architecture.md: {missing}"


def test_imports_go_down_the_documented_layers():
    layers = documented_layers()
    upward = []
    for importer, target, _, line in imports():
        if importer in ENTRY or unit(importer) == unit(target):
            continue
        a, b = unit(importer), unit(target)
        if b == "netanalysis":
            upward.append(f"{importer}:{line} imports the front door (import the stage module)")
        elif a in layers and b in layers and layers[b] > layers[a]:
            upward.append(f"{importer}:{line} imports {target} (layer {layers[a]} → {layers[b]})")
        elif a in layers and b in layers and layers[b] == layers[a] and layers[a] != 0:
            upward.append(f"{importer}:{line} imports {target} in its own layer {layers[a]}")
    assert not upward, "\n".join(upward)


def test_no_import_cycle_between_top_level_units():
    g = nx.DiGraph()
    for importer, target, _, _ in imports():
        if importer not in ENTRY and unit(importer) != unit(target) and unit(target) != "netanalysis":
            g.add_edge(unit(importer), unit(target))
    assert nx.is_directed_acyclic_graph(g), list(nx.simple_cycles(g))


def scope(dotted: str) -> str:
    """Who owns a module's private names: its sub-package (``netanalysis.metrics``), or the
    module itself when it sits at the top (``netanalysis.entities``)."""
    parts = dotted.split(".")
    if len(parts) > 2 or _is_package(dotted):
        return ".".join(parts[:2])
    return dotted


def test_no_private_name_crosses_a_package_boundary():
    """A private module (``_x.py``) or name (``_x``) of a sub-package, or a private name of a
    top-level module, is imported only inside its owner (:func:`scope`); the top level's
    private modules (``_errors``, ``_io`` …) are the package's shared kernel, whose public
    names any module may use."""
    crossing = []
    for importer, target, names, line in imports():
        mine = scope(importer)
        parts = target.split(".")
        for part in parts[2:]:  # a private module inside a sub-package
            if part.startswith("_") and not part.startswith("__") and mine != scope(target):
                crossing.append(f"{importer}:{line} imports the private module {target}")
                break
        for name in names:
            if name.startswith("_") and not name.startswith("__") and mine != scope(target):
                crossing.append(f"{importer}:{line} imports the private name {name} from {target}")
    assert not crossing, "\n".join(crossing)


@pytest.mark.parametrize("importer, target, same", [
    ("netanalysis.metrics.nullmodel", "netanalysis.network._kernel", False),  # once here, now network.kernel
    ("netanalysis.classify", "netanalysis.entities", False),  # classify once took entities._fold_accents
    ("netanalysis.metrics.survival", "netanalysis.metrics.persistence", True),
    ("netanalysis.metrics", "netanalysis.metrics.betweenness.exact", True),
])
def test_scope_on_imports_this_project_once_had(importer, target, same):
    assert (scope(importer) == scope(target)) is same


def test_messages_never_point_outside_the_repository():
    """A user reads an error or a docstring; ``../shared/DESIGN.md`` is not in what they installed."""
    pointing = [f"{p.relative_to(ROOT)}:{i}" for p in PACKAGE.rglob("*.py")
                for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                if re.search(r"DESIGN\.md|\.\./shared", line)]
    assert not pointing, pointing
