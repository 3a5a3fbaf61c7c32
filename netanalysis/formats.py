"""Moved to :mod:`netanalysis.export` (one module per tool; kept for one release, every name warns)."""

from __future__ import annotations

from ._deprecation import moved_attributes

__getattr__ = moved_attributes(__name__, {
    "MAX_LABEL": "netanalysis.export._tables",
    "check_ids": "netanalysis.export",
    "export_labels": "netanalysis.export",
    "prepare": "netanalysis.export._tables",
    "write_gexf": "netanalysis.export.gephi",
    "save_dynamic_gexf": "netanalysis.export.gephi",
    "save_vosviewer": "netanalysis.export.vosviewer",
    "save_vosviewer_json": "netanalysis.export.vosviewer",
    "VOS_WEIGHTS": "netanalysis.export.vosviewer",
    "VOS_SCORES": "netanalysis.export.vosviewer",
    "pajek_labels": "netanalysis.export.pajek",
    "save_pajek": "netanalysis.export.pajek",
    "save_html": "netanalysis.export.viewer",
})
