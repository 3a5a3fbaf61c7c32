"""Moved to :mod:`netanalysis.run` (kept for one release; every name warns and points there)."""

from __future__ import annotations

from ._deprecation import moved_attributes

__getattr__ = moved_attributes(__name__, {
    "FigureSettings": "netanalysis.run.settings:RunSettings",
    "FigureContext": "netanalysis.run.context:RunContext",
    "FigureStep": "netanalysis.run.steps",
    "STEPS": "netanalysis.run.steps",
    "build_context": "netanalysis.run.context",
    "run_figures": "netanalysis.run.figures",
    "run_steps": "netanalysis.run.figures",
    "png_bytes": "netanalysis.run.figures",
})
