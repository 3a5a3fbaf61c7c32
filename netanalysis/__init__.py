"""netanalysis — industry–academia co-patenting networks.

Stages (one module each, talking through pandas DataFrames, see DESIGN.md):

* :mod:`netanalysis.ingest` — raw patent files → ``applications`` / ``actors`` tables
* :mod:`netanalysis.network` — ``applications`` → ``edges`` → igraph / networkx graphs
* :mod:`netanalysis.metrics` — graphs and edges → centrality, persistence, openness,
  mixing, brokerage DataFrames
* :mod:`netanalysis.plotting` — results → ``(fig, ax)``
"""

from __future__ import annotations

__version__ = "0.1.0"
