"""The network stage: ``applications`` → ``edges`` → igraph / networkx graphs.

==================================  ==================================================
:func:`edges_from_applications`     one row per dyad (``u < v``) and year, with weights
:func:`edges_from_parquet`          the same, reading only the needed columns
:func:`collapse`                    one row per dyad over the whole period
:func:`to_igraph`, :func:`to_networkx`  graphs carrying every actor attribute
:func:`save_edges`                  parquet, written atomically
:func:`layer_items`, :func:`layer_nodes`  co-inventor and IPC co-occurrence layers
==================================  ==================================================

Modules: :mod:`~netanalysis.network.build` (edge tables), :mod:`~netanalysis.network.graphs`
(graphs), :mod:`~netanalysis.network.layers` (other networks from the same patents) and the
integer kernel :mod:`~netanalysis.network.kernel` (arrays in, arrays out; the null models use it directly).
"""

from __future__ import annotations

from .._deprecation import renamed_attributes
from ..schema import WEIGHTINGS
from .build import (
    NEEDED_COLUMNS,
    EdgeOptions,
    check_region_present,
    collapse,
    edge_options,
    edges_from_applications,
    edges_from_parquet,
    save_edges,
)
from .graphs import to_igraph, to_networkx
from .layers import IPC_LEVELS, LAYERS, layer_items, layer_nodes

__getattr__ = renamed_attributes(
    __name__, {"edges": ("netanalysis.network.edges_from_applications", edges_from_applications)}
)

__all__ = [
    "IPC_LEVELS",
    "LAYERS",
    "NEEDED_COLUMNS",
    "WEIGHTINGS",
    "EdgeOptions",
    "check_region_present",
    "collapse",
    "edge_options",
    "edges_from_applications",
    "edges_from_parquet",
    "layer_items",
    "layer_nodes",
    "save_edges",
    "to_igraph",
    "to_networkx",
]
