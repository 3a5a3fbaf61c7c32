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
* :mod:`netanalysis.report` — the four findings: indicators, verdicts, words
* :mod:`netanalysis.export` — files for Gephi, VOSviewer, Pajek and the HTML viewer
* :mod:`netanalysis.run` — a run: settings, the context built once, and its three jobs
  (:func:`run_figures`, :func:`build_report`, :func:`run_export`) as the command line runs them
* :mod:`netanalysis.fetch` — the patent offices' services; :mod:`netanalysis.datasets` — the
  SYNTHETIC sample; :mod:`netanalysis.schema` — the table contracts

How raw files are read is one :class:`ReadOptions`; resource limits for hostile or huge inputs
are raised with :func:`set_limits` (``with na.set_limits(rows=20_000_000): ...``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._errors import (
    IngestError,
    InternalError,
    NetanalysisError,
    NetworkInputError,
    PlotError,
)
from ._version import __version__

if TYPE_CHECKING:  # what the names below are, for type checkers; at run time they load on first use
    from . import (
        classify,
        datasets,
        entities,
        export,
        fetch,
        ingest,
        metrics,
        network,
        plotting,
        regions,
        report,
        run,
        schema,
    )
    from ._limits import Limits, limits, set_limits
    from .ingest import IngestReport, IngestResult, load_processed, read_patents, save_processed
    from .metrics import betweenness, centrality
    from .network import collapse, edges_from_applications, to_igraph, to_networkx
    from .run import ReadOptions, RunSettings, build_report, run_export, run_figures

# ``import netanalysis`` stays cheap (the command line answers ``--help`` without loading
# pandas, igraph or matplotlib): a stage module is imported the first time one of its names
# is used, as in SciPy's and scikit-image's lazy front doors (PEP 562).
_SUBMODULES = frozenset({
    "classify", "datasets", "entities", "export", "fetch", "figures", "formats", "ingest", "metrics", "network",
    "plotting", "regions", "report", "run", "schema",
})
_NAMES = {
    "Limits": "_limits",
    "limits": "_limits",
    "set_limits": "_limits",
    "ReadOptions": "run",
    "RunSettings": "run",
    "build_report": "run",
    "run_export": "run",
    "run_figures": "run",
    "IngestReport": "ingest",
    "IngestResult": "ingest",
    "load_processed": "ingest",
    "read_patents": "ingest",
    "save_processed": "ingest",
    "betweenness": "metrics",
    "centrality": "metrics",
    "collapse": "network",
    "edges_from_applications": "network",
    "to_igraph": "network",
    "to_networkx": "network",
}


def __getattr__(name: str) -> Any:
    """Load a stage module (``na.metrics``) or one of its names (``na.centrality``) on first use."""
    if name in _SUBMODULES:
        return import_module(f".{name}", __name__)
    if name in _NAMES:
        value = getattr(import_module(f".{_NAMES[name]}", __name__), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "IngestError",
    "IngestReport",
    "IngestResult",
    "InternalError",
    "Limits",
    "NetanalysisError",
    "NetworkInputError",
    "PlotError",
    "ReadOptions",
    "RunSettings",
    "__version__",
    "betweenness",
    "build_report",
    "centrality",
    "classify",
    "collapse",
    "datasets",
    "edges_from_applications",
    "entities",
    "export",
    "fetch",
    "ingest",
    "limits",
    "load_processed",
    "metrics",
    "network",
    "plotting",
    "read_patents",
    "regions",
    "report",
    "run",
    "run_export",
    "run_figures",
    "save_processed",
    "schema",
    "set_limits",
    "to_igraph",
    "to_networkx",
]
