"""A run: the data read once, the network built once, and the jobs that write from them.

=================  ==========================================================
module             what it owns
=================  ==========================================================
``settings``       :class:`ReadOptions`, :class:`RunSettings` and the data-dependent defaults
``inputs``         what a run reads: raw files, an ingest folder or the SYNTHETIC sample
``context``        :class:`RunContext` and :func:`build_context`: data and network, built once
``background``     :func:`start_background`: the slow computations, in workers while the figures are drawn
``steps``          :data:`STEPS`: each figure's table and drawing
``figures``        the figures job (:func:`run_figures`) and its manifest
``report``         the report job (:func:`build_report`), reusing a figures run's tables
``export``         the export job (:func:`run_export`)
=================  ==========================================================

The command line (:mod:`netanalysis.cli`) and the Python API call the same functions with the
same defaults. ``import netanalysis.run`` is cheap: a job's module loads when first used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .settings import AUTO, ReadOptions, RunSettings, make_settings, resolve_defaults

if TYPE_CHECKING:
    from .background import start_background
    from .context import RunContext, build_context
    from .export import run_export
    from .figures import run_figures, run_steps
    from .inputs import Inputs, load_inputs, resolve_inputs
    from .report import build_report, report_from_context
    from .steps import STEPS, FigureStep

_NAMES = {
    "RunContext": "context", "build_context": "context", "run_export": "export", "run_figures": "figures",
    "run_steps": "figures", "Inputs": "inputs", "load_inputs": "inputs", "resolve_inputs": "inputs",
    "build_report": "report", "report_from_context": "report", "STEPS": "steps", "FigureStep": "steps",
    "start_background": "background",
}


def __getattr__(name: str) -> Any:
    """Load a job's module on first use of one of its names."""
    if name in _NAMES:
        value = getattr(import_module(f".{_NAMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AUTO",
    "STEPS",
    "FigureStep",
    "Inputs",
    "ReadOptions",
    "RunContext",
    "RunSettings",
    "build_context",
    "build_report",
    "load_inputs",
    "make_settings",
    "report_from_context",
    "resolve_defaults",
    "resolve_inputs",
    "run_export",
    "run_figures",
    "run_steps",
    "start_background",
]
