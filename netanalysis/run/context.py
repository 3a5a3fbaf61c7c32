"""A run's context: the data read and the network built once, shared by every step of the run."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import igraph as ig
import pandas as pd
from tqdm.auto import tqdm

from .. import metrics as m
from .. import network as nw
from .._errors import NetworkInputError
from .._parallel import TaskPool
from .._version import __version__
from ..ingest import IngestResult, NativeResult
from ..metrics.nullmodel import check_draws
from ..regions import level_of, parse_region_codes, region_names, within
from ..report.uncertainty import check_samples
from ..schema import parse_years
from .inputs import Inputs, load_inputs, resolve_inputs
from .settings import RunSettings, resolve_defaults

T = TypeVar("T")


@dataclass
class RunContext:
    """What every step of a run may read: the settings, the data and the network, built once.

    The figures and the report of one run share it: a table one computed (``tables``) or a
    figure one drew (``previews``) the other reuses; the slow computations a job started in
    worker processes (``background``, see :mod:`netanalysis.run.background`) are taken
    through :meth:`computed`.
    """

    settings: RunSettings
    inputs: Inputs
    processed: IngestResult
    focal: list[str] | None  # None: the whole network
    years: tuple[int, int]
    label: str
    credit: str
    edges: pd.DataFrame  # ties touching the focus
    edges_all: pd.DataFrame  # every tie in the period
    credit_all: str  # the source line of figures that show every tie (openness by region, map)
    graph: ig.Graph
    centrality: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    previews: dict[str, bytes] = field(default_factory=dict)  # small PNGs of the figures the report shows
    background: TaskPool | None = None  # slow computations running in worker processes, by key

    def computed(self, key: str, compute: Callable[[], T]) -> T:
        """The result of the computation ``key``: taken from the background workers when a job
        started it there, else ``compute()`` now (the same numbers either way)."""
        if self.background is not None and key in self.background:
            return self.background.take(key)
        return compute()

    @property
    def actors(self) -> pd.DataFrame:
        """The actors table of the run."""
        return self.processed.actors

    @property
    def inventors(self) -> pd.DataFrame | None:
        """Inventors placed by region (PATSTAT, REGPAT, PatentsView, Lens JSON); ``None`` when the source has none."""
        return self.processed.inventors if isinstance(self.processed, NativeResult) else None

    @property
    def period(self) -> str:
        """The period as text, e.g. ``2004–2020`` (``2010`` for one year)."""
        return str(self.years[0]) if self.years[0] == self.years[1] else f"{self.years[0]}–{self.years[1]}"

    @property
    def whose(self) -> str:
        """Caption words for the actors a summary covers."""
        return "all actors" if self.focal is None else f"actors in {self.label}"

    def in_focus(self, table: pd.DataFrame) -> pd.DataFrame:
        """The rows of a per-actor table whose ``region`` is in the focus (every row without one)."""
        return table if self.focal is None else table[within(table["region"].fillna("").astype(str), self.focal)]

    @property
    def network_actors(self) -> pd.DataFrame:
        """The rows of ``actors`` that are in the network (have a row in ``centrality``)."""
        return self.actors[self.actors["applicant_id"].isin(set(self.centrality["applicant_id"]))]

    @property
    def type_evidence(self) -> dict[str, int]:
        """How the network's actors got their types: ``actors`` in the network,
        ``typed_by_default`` (typed a firm for want of any cue in the name, ``type_reason``
        ``rule:default_firm``) and ``persons_by_evidence`` (an applicant who is also an inventor
        of the same application, ``evidence:inventor``), as the report's table counts them."""
        net = self.network_actors
        reason = (net["type_reason"] if "type_reason" in net else pd.Series("", index=net.index)).astype(str)
        return {"actors": len(net), "typed_by_default": int((reason == "rule:default_firm").sum()),
                "persons_by_evidence": int((reason == "evidence:inventor").sum())}

    @property
    def type_note(self) -> str:
        """The sentence the figures that show actor types carry under their source line."""
        e = self.type_evidence
        return (f"Actor types: {e['typed_by_default']:,} of the {e['actors']:,} actors typed firm by default "
                f"(no cue in the name); {e['persons_by_evidence']:,} persons found by evidence (also an inventor).")

    @property
    def focal_centrality(self) -> pd.DataFrame:
        """Centrality rows of actors located in the focal region (every actor without a focus)."""
        return self.in_focus(self.centrality)


def _source_names(paths: list[str], most: int = 3) -> str:
    """The raw files a figure comes from, by name (also when read from an ingest folder);
    files whose names repeat (API pages all called ``1.xml``) by the folder holding them.

    Examples
    --------
    >>> _source_names(["a/x.csv", "b/y.csv"]), _source_names(["r/p/1/1.xml", "r/p/2/1.xml"])
    ('x.csv, y.csv', '2 files under p')
    """
    names = [Path(p).name for p in paths] or ["(unknown)"]
    if len(set(names)) < len(names):
        return f"{len(names)} files under {Path(os.path.commonpath(paths)).name or 'the given folders'}"
    return ", ".join(names) if len(names) <= most else f"{', '.join(names[:most])} and {len(names) - most} more"


def _region_label(codes: list[str]) -> str:
    names = region_names(codes)
    return "–".join(names[c] for c in codes)


def focus_level(ctx: RunContext) -> int:
    """The level the focus's comparisons and map are drawn at (1 for a whole country)."""
    return max(1, min(level_of(c) for c in ctx.focal or ["KR-27"]))


def build_context(settings: RunSettings, verbose: bool = False) -> RunContext:
    """Read the data and build the network every step shares.

    Parameters
    ----------
    settings : RunSettings
        The run's parameters (``"auto"`` region and years settled here for the data read,
        by :func:`netanalysis.run.settings.resolve_defaults`).
    verbose : bool
        A progress bar over the three phases (reading, the network, centrality).

    Returns
    -------
    RunContext

    Raises
    ------
    NetanalysisError
        For a missing data path, an unknown region code, an empty year range or data
        without ties in the focus.

    Examples
    --------
    >>> ctx = build_context(RunSettings())
    >>> ctx.inputs.synthetic, ctx.focal, ctx.settings.region
    (True, ['KR-27', 'KR-47'], 'KR-27,KR-47')
    """
    check_draws(settings.null_model_runs)  # before any work: 0 or 10**7 draws is a clear error, not an hour
    if settings.report:
        check_samples(settings.bootstrap_samples)  # the same for --bootstrap 0 or 10**7
    inputs = resolve_inputs(settings.data, options=settings.read)
    settings = resolve_defaults(settings, inputs.synthetic)
    focal = None if settings.region is None else parse_region_codes(settings.region)
    # closed on every exit: an error (no tie in the years …) leaves no half-drawn bar above its message
    with tqdm(total=3, disable=not verbose, desc="data", unit="phase", postfix="reading") as bar:
        processed = load_inputs(inputs)
        bar.update()
        bar.set_postfix_str("network")
        apps = processed.applications
        years = parse_years(settings.years) or (int(apps["year"].min()), int(apps["year"].max()))
        period = f"{years[0]}–{years[1]}"
        if not apps["year"].between(*years).any():
            raise NetworkInputError(f"no application in the years {period}; the data covers "
                                    f"{int(apps['year'].min())}–{int(apps['year'].max())}")
        every = nw.edges_from_applications(apps, weighting=settings.weighting, years=years)
        touching = every if focal is None else nw.edges_from_applications(
            apps, weighting=settings.weighting, years=years, region=focal)
        if touching.empty:
            where = "in the data" if focal is None else f"touches {focal}"
            raise NetworkInputError(f"no co-patenting tie {where} in {period}: no patent has two applicants")
        label = "all actors" if focal is None else _region_label(focal)
        source = ("SYNTHETIC sample (netanalysis.datasets, fictional applicants)" if inputs.synthetic
                  else _source_names(processed.report.source_files) if inputs.processed is not None
                  else _source_names([str(p) for p in inputs.paths]))
        scope = "All ties" if focal is None else f"Ties touching {label} ({', '.join(focal)})"
        credit = f"Source: {source}. {scope}, filing years {period}. netanalysis {__version__}."
        credit_all = (f"Source: {source}. All ties, filing years {period}"
                      + ("" if focal is None else f"; {label} highlighted") + f". netanalysis {__version__}.")
        graph = nw.to_igraph(touching, processed.actors)
        bar.update()
        bar.set_postfix_str("centrality")
        centrality = m.centrality(graph)
        bar.update()
    return RunContext(
        settings=settings, inputs=inputs, processed=processed, focal=focal, years=years, label=label,
        credit=credit, edges=touching, edges_all=every, credit_all=credit_all, graph=graph,
        centrality=centrality,
    )


__all__ = ["RunContext", "build_context", "focus_level"]
