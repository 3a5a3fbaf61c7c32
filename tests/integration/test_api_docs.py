"""Every public function has a numpydoc docstring with Parameters, Returns and Examples.

"Public" is what the stage modules export in ``__all__``: the surface a user imports.
Checked with numpydoc's own validator (codes: GL08 no docstring, SS01 no summary, PR01 a
parameter not documented, PR02 a documented parameter that does not exist, RT01 no
Returns section, EX01 no Examples section).
"""

from __future__ import annotations

import importlib
import inspect

import pytest

numpydoc_validate = pytest.importorskip("numpydoc.validate")

PUBLIC_MODULES = (
    "netanalysis", "netanalysis.ingest", "netanalysis.network", "netanalysis.metrics",
    "netanalysis.plotting", "netanalysis.regions", "netanalysis.entities", "netanalysis.classify",
    "netanalysis.export", "netanalysis.run", "netanalysis.report", "netanalysis.fetch", "netanalysis.datasets",
    "netanalysis.schema",
)
CODES = {"GL08", "SS01", "PR01", "PR02", "RT01", "EX01"}


def _public_functions() -> list[str]:
    names = set()
    for mod_name in PUBLIC_MODULES:
        mod = importlib.import_module(mod_name)
        for name in mod.__all__:
            obj = getattr(mod, name)
            if inspect.isfunction(obj) and obj.__module__.startswith("netanalysis"):
                names.add(f"{obj.__module__}.{obj.__qualname__}")
    return sorted(names)


def test_the_public_surface_is_not_empty():
    assert len(_public_functions()) > 60


@pytest.mark.parametrize("name", _public_functions())
def test_numpydoc_sections(name):
    errors = [f"{code}: {msg}" for code, msg in numpydoc_validate.validate(name)["errors"] if code in CODES]
    assert not errors, f"{name}:\n" + "\n".join(errors)


def test_type_colours_cover_every_actor_type():
    from netanalysis.plotting import TYPE_COLORS, TYPE_LABELS
    from netanalysis.schema import ACTOR_TYPES

    assert set(TYPE_COLORS) == set(ACTOR_TYPES) == set(TYPE_LABELS)
