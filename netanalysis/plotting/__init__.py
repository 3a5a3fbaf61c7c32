"""Plotting: every function takes results (never raw data), accepts ``ax=``, ``show``,
``save``, ``filepath``, ``dpi`` and returns ``(fig, ax)``.

Colours are the Okabe–Ito colour-blind-safe palette (:data:`TYPE_COLORS`), fixed per actor
type across figures.  Korean labels need a Hangul font; without one the package warns once
and draws romanised / English names.
"""

from ._style import OPENNESS_COLORS, TYPE_COLORS, TYPE_LABELS, display_labels, hangul_font
from .charts import (
    plot_centrality_ranking,
    plot_mixing_heatmap,
    plot_openness,
    plot_persistence,
    plot_survival,
    plot_time,
    plot_type_summary,
)
from .network import plot_network, plot_region_map

__all__ = [
    "OPENNESS_COLORS",
    "TYPE_COLORS",
    "TYPE_LABELS",
    "display_labels",
    "hangul_font",
    "plot_centrality_ranking",
    "plot_mixing_heatmap",
    "plot_network",
    "plot_openness",
    "plot_persistence",
    "plot_region_map",
    "plot_survival",
    "plot_time",
    "plot_type_summary",
]
