"""Plotting: every function takes results (never raw data), accepts ``ax=``, ``show``,
``save``, ``filepath``, ``dpi`` and returns ``(fig, ax)``.

Colours are the Okabe–Ito colour-blind-safe palette (:data:`TYPE_COLORS`), fixed per actor
type across figures.  Korean labels need a Hangul font; without one the package warns once
and draws romanised / English names.
"""

from typing import Any

from .._deprecation import moved_attributes, renamed_attributes
from ._style import (
    OPENNESS_COLORS,
    TYPE_COLORS,
    TYPE_LABELS,
    display_labels,
    hangul_font,
    ranking_title,
    style_context,
)
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
from .inventors import plot_invention_vs_ownership
from .maps import plot_region_map
from .network import plot_network
from .significance import plot_brokerage, plot_null_model
from .specialisation import plot_class_bursts, plot_relatedness_density, plot_specialisation
from .timeline import plot_density, plot_timeline

_renamed = renamed_attributes(
    __name__, {"plot_time": ("netanalysis.plotting.plot_network_by_period", plot_network_by_period)}
)
# the interactive viewer is an export (an HTML file other people open): kept here for one release
_moved = moved_attributes(__name__, {"interactive": "netanalysis.export.viewer",
                                     "save_interactive_html": "netanalysis.export.viewer"})


def __getattr__(name: str) -> Any:
    """Old names, with a warning naming the new one."""
    return _moved(name) if name in ("interactive", "save_interactive_html") else _renamed(name)

__all__ = [
    "OPENNESS_COLORS",
    "TYPE_COLORS",
    "TYPE_LABELS",
    "display_labels",
    "hangul_font",
    "plot_brokerage",
    "plot_centrality_ranking",
    "plot_class_bursts",
    "plot_density",
    "plot_invention_vs_ownership",
    "plot_mixing_heatmap",
    "plot_network",
    "plot_network_by_period",
    "plot_null_model",
    "plot_openness",
    "plot_persistence",
    "plot_region_comparison",
    "plot_region_map",
    "plot_relatedness_density",
    "plot_repeat_survival",
    "plot_specialisation",
    "plot_survival",
    "plot_timeline",
    "plot_type_summary",
    "ranking_title",
    "style_context",
]
