"""netanalysis — industry–academia co-patenting networks.

One import gives everything (as in OSMnx)::

    import netanalysis as na

    data = na.read_patents("export.csv")                      # applications, actors, rejects, report
    edges = na.edges_from_applications(data.applications, years=(2004, 2020), region="KR-27,KR-47")
    g = na.to_igraph(edges, data.actors)
    cent = na.centrality(g)                                    # degree, strength, betweenness
    fig, ax = na.plotting.plot_network(g, cent, focal_region="KR-27,KR-47")

Stages (one module each, talking through pandas DataFrames, see ``docs/architecture.md``):

* :mod:`netanalysis.ingest` — raw patent files → ``applications`` / ``actors`` tables
* :mod:`netanalysis.network` — ``applications`` → ``edges`` → igraph / networkx graphs
* :mod:`netanalysis.metrics` — graphs and edges → centrality, persistence, openness,
  mixing, brokerage DataFrames
* :mod:`netanalysis.plotting` — results → ``(fig, ax)``
* :mod:`netanalysis.regions`, :mod:`netanalysis.entities`, :mod:`netanalysis.classify` —
  where an applicant is, who it is, what kind of actor it is
* :mod:`netanalysis.export` (Gephi, VOSviewer), :mod:`netanalysis.figures` (the figure
  script), :mod:`netanalysis.datasets` (the SYNTHETIC sample), :mod:`netanalysis.schema`
  (the table contracts)
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import (
    classify,
    datasets,
    entities,
    export,
    figures,
    ingest,
    metrics,
    network,
    plotting,
    regions,
    schema,
)
from ._errors import (
    IngestError,
    InternalError,
    NetanalysisError,
    NetworkInputError,
    PlotError,
)
from .figures import run_figures
from .ingest import IngestReport, IngestResult, load_processed, read_patents, save_processed
from .metrics import betweenness, centrality
from .network import collapse, edges_from_applications, to_igraph, to_networkx

__all__ = [
    "IngestError",
    "IngestReport",
    "IngestResult",
    "InternalError",
    "NetanalysisError",
    "NetworkInputError",
    "PlotError",
    "__version__",
    "betweenness",
    "centrality",
    "classify",
    "collapse",
    "datasets",
    "edges_from_applications",
    "entities",
    "export",
    "figures",
    "ingest",
    "load_processed",
    "metrics",
    "network",
    "plotting",
    "read_patents",
    "regions",
    "run_figures",
    "save_processed",
    "schema",
    "to_igraph",
    "to_networkx",
]
