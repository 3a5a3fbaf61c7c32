"""Plotting: every function takes results (never raw data), accepts ``ax=``, ``show``,
``save``, ``filepath``, ``dpi`` and returns ``(fig, ax)``.

Colours are the Okabe–Ito colour-blind-safe palette (:data:`TYPE_COLORS`), fixed per actor
type across figures.  Korean labels need a Hangul font; without one the package warns once
and draws romanised / English names.
"""

from .._deprecation import renamed_attributes
from ._style import OPENNESS_COLORS, TYPE_COLORS, TYPE_LABELS, display_labels, hangul_font
from .charts import (
    plot_centrality_ranking,
    plot_mixing_heatmap,
    plot_network_by_period,
    plot_openness,
    plot_persistence,
    plot_repeat_survival,
    plot_survival,
    plot_type_summary,
)
from .comparison import plot_region_comparison
from .maps import plot_region_map
from .network import plot_network
from .significance import plot_brokerage, plot_null_model
from .viewer import interactive, save_interactive_html

__getattr__ = renamed_attributes(
    __name__, {"plot_time": ("netanalysis.plotting.plot_network_by_period", plot_network_by_period)}
)

__all__ = [
    "OPENNESS_COLORS",
    "TYPE_COLORS",
    "TYPE_LABELS",
    "display_labels",
    "hangul_font",
    "interactive",
    "plot_brokerage",
    "plot_centrality_ranking",
    "plot_mixing_heatmap",
    "plot_network",
    "plot_network_by_period",
    "plot_null_model",
    "plot_openness",
    "plot_persistence",
    "plot_region_comparison",
    "plot_region_map",
    "plot_repeat_survival",
    "plot_survival",
    "plot_type_summary",
    "save_interactive_html",
]
