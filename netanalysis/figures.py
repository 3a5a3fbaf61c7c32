"""The figure script: raw data → ingest → metrics → every figure, its table and a manifest.

``netanalysis figures`` (or ``python -m netanalysis figures``) calls :func:`run_figures`.
With no arguments it uses the bundled SYNTHETIC sample and the Daegu–Gyeongbuk focus.

A run is a :class:`FigureSettings` (every parameter, recorded as such in the manifest)
and the list :data:`STEPS` of :class:`FigureStep` — a name, a ``compute`` that turns the
shared :class:`FigureContext` into the table behind the figure, and a ``draw`` that turns
that table into ``(fig, ax)`` (or ``None`` for a table without a figure).  A new figure
is one more entry in :data:`STEPS`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import igraph as ig
import matplotlib.pyplot as plt
import pandas as pd
from tqdm.auto import tqdm

from . import __version__
from . import metrics as m
from . import network as nw
from . import plotting as pl
from ._errors import NetworkInputError, PlotError
from ._inputs import Inputs, ReadOptions, load_inputs, resolve_inputs
from ._io import atomic_folder, atomic_path, check_output_folder, sha256_of, write_csv, write_text
from .ingest import IngestResult
from .metrics.nullmodel import check_draws
from .plotting import _style
from .regions import level_of, parse_region_codes, region_names, within
from .schema import parse_years


@dataclass(frozen=True)
class FigureSettings:
    """Every parameter of a figure run (the manifest records exactly these).

    Attributes
    ----------
    data : tuple of str, optional
        Raw files; ``None``: the bundled SYNTHETIC sample (with its firm-size table).
    region : str, optional
        Focal region codes (default Daegu KR-27 and Gyeongbuk KR-47); ``None``: the whole
        network (no rim, no openness or map figure).
    years : str, optional
        Filing years, inclusive (``"2004-2020"``); ``None``: every year in the data.
    out : str
        Output folder.
    read : ReadOptions
        How raw files are read: column mapping, separator, encoding, layout, alias,
        firm-size and source-type tables (see :class:`netanalysis._inputs.ReadOptions`).
    weighting : str
        Edge weighting (``count`` or ``fractional``).
    ranking_size : int
        Actors in the centrality ranking.
    null_model : str
        ``bipartite`` (default: the patent–applicant configuration model, which keeps the
        cliques of multi-applicant patents) or ``rewire`` (degree-preserving rewiring of
        the one-mode network).
    null_model_runs : int
        Most randomised networks of the null models (default 200: the smallest attainable p
        is then 1 / 201 ≈ 0.005; at most 100,000).  The betweenness null stops a group's
        draws at its 20th draw at least as large as observed (Besag & Clifford 1991), so a
        clearly large p costs about 20–60 draws; a small one uses all 200.  Ask for more
        (e.g. ``--null-model-runs 2000``) to resolve p below 0.005.
    seed : int
        Seed of the null model.
    map_min_ties : int
        Fewest ties for a region pair to be drawn on the map.
    core : dict, optional
        ``{country: codes}``: core regions for openness beyond the built-in Korean
        capital area (e.g. ``{"FR": ["FR1"]}``).
    boundaries : str, optional
        A boundary file (any format GeoPandas reads, keyed by region code) for the map of
        regions outside Korea; without one that map is skipped with a note.
    report : bool
        Also write the regional report (``report.html``, ``report.md``) from the same run.
    bootstrap_samples : int
        Bootstrap samples (of actors and of patents, each) for the report's intervals
        (default 50: each costs about 0.4 CPU-seconds on the sample, as the tables are
        rebuilt per sample; 50 give standard errors within about ±10 % but rough 95 %
        percentile ends — ask for 1,000, ``--bootstrap 1000``, for publication).
    command : str, optional
        The command line that started the run (the report records it).
    """

    data: tuple[str, ...] | None = None
    region: str | None = "KR-27,KR-47"
    years: str | None = "2004-2020"
    out: str = "figures"
    read: ReadOptions = field(default_factory=ReadOptions)
    weighting: str = "count"
    ranking_size: int = 20
    null_model: str = "bipartite"
    null_model_runs: int = 200
    seed: int = 1
    map_min_ties: int = 3
    core: dict[str, list[str]] | None = None
    boundaries: str | None = None
    report: bool = True
    bootstrap_samples: int = 50
    command: str | None = None


@dataclass
class FigureContext:
    """What every step may read: the settings, the data and the network built once."""

    settings: FigureSettings
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

    @property
    def actors(self) -> pd.DataFrame:
        """The actors table of the run."""
        return self.processed.actors

    @property
    def period(self) -> str:
        """The period as text, e.g. ``2004–2020``."""
        return f"{self.years[0]}–{self.years[1]}"

    @property
    def whose(self) -> str:
        """Caption words for the actors a summary covers."""
        return "all actors" if self.focal is None else f"actors in {self.label}"

    def in_focus(self, table: pd.DataFrame) -> pd.DataFrame:
        """The rows of a per-actor table whose ``region`` is in the focus (every row without one)."""
        return table if self.focal is None else table[within(table["region"].fillna("").astype(str), self.focal)]

    @property
    def focal_centrality(self) -> pd.DataFrame:
        """Centrality rows of actors located in the focal region (every actor without a focus)."""
        return self.in_focus(self.centrality)


Draw = Callable[[FigureContext, pd.DataFrame], tuple[Any, Any]]


@dataclass(frozen=True)
class FigureStep:
    """One output of the run: ``<name>.csv`` and, when ``draw`` is given, ``.png`` and ``.svg``."""

    name: str
    compute: Callable[[FigureContext], pd.DataFrame]
    draw: Draw | None = None
    needs_focus: bool = False  # skipped when the whole network is analysed


def _ranked(scores: pd.Series, k: int) -> int:
    """How many bars the ranking draws: the top ``k``, less those with a score of 0."""
    positive = int((scores > 0).sum())
    return min(k, positive) if positive else min(k, len(scores))


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


def _focus_level(ctx: FigureContext) -> int:
    """The level the focus's comparisons and map are drawn at (1 for a whole country)."""
    return max(1, min(level_of(c) for c in ctx.focal or ["KR-27"]))


# --- the steps -----------------------------------------------------------------------

def _brokerage_of_focal(ctx: FigureContext) -> pd.DataFrame:
    brokers = m.brokerage(ctx.edges, ctx.actors)
    located = brokers.merge(ctx.actors[["applicant_id", "region", "name"]], on="applicant_id")
    return m.brokerage_by_group(ctx.in_focus(located))


def _null_model(ctx: FigureContext) -> pd.DataFrame:
    """Betweenness by type against the chosen null model (bipartite by default)."""
    s = ctx.settings
    if s.null_model == "bipartite":
        return m.bipartite_null_model(ctx.processed.applications, ctx.actors, n=s.null_model_runs, seed=s.seed,
                                      region=ctx.focal, years=ctx.years, n_jobs=None)
    if s.null_model == "rewire":
        return m.betweenness_null_model(ctx.graph, n=s.null_model_runs, seed=s.seed)
    raise NetworkInputError(f"null_model={s.null_model!r}; expected 'bipartite' or 'rewire'")


def _draws_run(ctx: FigureContext, table: pd.DataFrame) -> int:
    """The randomised networks the null model drew (fewer than asked when every p settled early)."""
    return int(table.attrs.get("null_model", {}).get("n", ctx.settings.null_model_runs))


def _repeat_survival(ctx: FigureContext) -> pd.DataFrame:
    """Kaplan–Meier time to first repeat, university–SME ties against the rest."""
    if ctx.years[1] - int(ctx.edges["year"].min()) < 1:
        raise NetworkInputError(f"the ties span a single year ({ctx.years[1]}): no tie can be seen to repeat")
    return m.repeat_survival(ctx.edges, ctx.actors, end_year=ctx.years[1])


def _ranking(ctx: FigureContext) -> pd.DataFrame:
    """The top actors by betweenness, each marked in or outside the focus."""
    top = ctx.centrality.sort_values(["betweenness", "applicant_id"], ascending=[False, True], kind="stable")
    top = top.head(ctx.settings.ranking_size)
    inside = pd.Series(True, index=top.index) if ctx.focal is None else within(
        top["region"].fillna("").astype(str), ctx.focal)
    return top.assign(in_focus=inside)


def _openness(ctx: FigureContext) -> pd.DataFrame:
    """The focus's openness, then every other region of its level in its country."""
    focal = m.regional_openness(ctx.edges, ctx.actors, ctx.focal or [], core=ctx.settings.core)
    code = ",".join(focal.attrs["region"])
    countries = focal.attrs["countries"]
    focal = focal.assign(focal=ctx.label, code=code)
    by_region = m.openness_by_region(ctx.edges_all, ctx.actors, level=_focus_level(ctx),
                                     country=countries[0] if len(countries) == 1 else None, core=ctx.settings.core)
    by_region = by_region[(by_region["code"] != code) & (by_region["focal"] != ctx.label)]
    return pd.concat([focal, by_region], ignore_index=True)[["focal", "code", *focal.columns[:-2]]]


def _region_comparison(ctx: FigureContext) -> pd.DataFrame:
    """The report's headline shares for the focus and every other region of its level."""
    from .report.compare import compare_regions

    return compare_regions(ctx.processed.applications, ctx.actors, ctx.focal or [], ctx.years,
                           level=_focus_level(ctx), core=ctx.settings.core)


def _region_actor_counts(ctx: FigureContext) -> pd.DataFrame:
    return m.actors_by_region(ctx.actors, level=_focus_level(ctx))


STEPS: list[FigureStep] = [
    FigureStep(
        "01_network", lambda c: c.centrality,
        lambda c, t: pl.plot_network(
            c.graph, t, focal_region=c.focal, credit=c.credit,
            title=f"Industry–academia co-patent network, {c.label}, {c.period}")),
    FigureStep(
        "02_centrality_ranking", _ranking,
        lambda c, t: pl.plot_centrality_ranking(
            c.centrality, "betweenness", c.settings.ranking_size, focal_region=c.focal, credit=c.credit,
            title=f"Top {_ranked(c.centrality['betweenness'], c.settings.ranking_size)} actors by betweenness "
                  f"({c.label}, {c.period})")),
    FigureStep(
        "03_betweenness_by_type", lambda c: m.summarise_by(c.focal_centrality, "actor_type", "betweenness"),
        lambda c, t: pl.plot_type_summary(
            t, title=f"Betweenness by actor type, {c.whose}", credit=c.credit)),
    FigureStep(
        "04_degree_by_type", lambda c: m.summarise_by(c.focal_centrality, "actor_type", "degree"),
        lambda c, t: pl.plot_type_summary(
            t, value_label="mean degree (distinct partners)",
            title=f"Degree by actor type, {c.whose}", credit=c.credit)),
    FigureStep(
        "05_persistence_by_type_pair",
        lambda c: m.persistence_by_type_pair(m.dyad_persistence(c.edges, c.actors)),
        lambda c, t: pl.plot_persistence(t, credit=c.credit)),
    FigureStep(
        "06_repeat_survival", _repeat_survival,
        lambda c, t: pl.plot_repeat_survival(
            t, title=f"Time to a tie's first repeat, {c.label}",
            credit=f"{c.credit} Ties not repeated by {c.years[1]} are right-censored.")),
    FigureStep(
        "07_openness_by_region", _openness,
        lambda c, t: pl.plot_openness(
            t, highlight=c.label, title="Where partners are: share of ties by partner location",
            credit=c.credit_all), needs_focus=True),
    FigureStep(
        "08_openness_large_collaborations", lambda c: c.tables["07_openness_by_region"],
        lambda c, t: pl.plot_openness(
            t, scope="large", highlight=c.label, credit=c.credit_all,
            title="Large collaborations (≥ 3 applicants or a large firm): partner location"), needs_focus=True),
    FigureStep(
        "09_type_mixing", lambda c: m.type_mixing(c.edges, c.actors),
        lambda c, t: pl.plot_mixing_heatmap(
            t, title=f"Who co-patents with whom ({c.label}, {c.period})", credit=c.credit)),
    FigureStep(
        "10_brokerage_by_type", _brokerage_of_focal,
        lambda c, t: pl.plot_brokerage(t, title=f"Brokerage roles against chance, {c.whose}", credit=c.credit)),
    FigureStep(
        "11_betweenness_null_model",
        _null_model,
        lambda c, t: pl.plot_null_model(
            t, title=(f"Betweenness against {_draws_run(c, t):,} "
                      + ("randomised patent–applicant networks" if c.settings.null_model == "bipartite"
                         else "degree-preserving rewirings") + f" ({c.label})"),
            credit=c.credit)),
    FigureStep(
        "12_network_over_time", lambda c: m.network_by_period(c.edges, c.actors),
        lambda c, t: pl.plot_network_by_period(
            t, title=f"Co-patent network of {c.label} over time", credit=c.credit)),
    FigureStep(
        "13_region_map", lambda c: m.region_ties(c.edges_all, c.actors, level=_focus_level(c)),
        lambda c, t: pl.plot_region_map(
            t, _region_actor_counts(c), focal_region=c.focal, min_ties=c.settings.map_min_ties,
            boundaries=c.settings.boundaries,
            title=f"Inter-regional co-patent ties, {c.period}", credit=c.credit_all), needs_focus=True),
    FigureStep(
        "14_region_comparison", _region_comparison,
        lambda c, t: pl.plot_region_comparison(
            t, title=f"{c.label} against the other regions, {c.period}", credit=c.credit_all), needs_focus=True),
]


# --- the run -------------------------------------------------------------------------

def build_context(settings: FigureSettings) -> FigureContext:
    """Read the data and build the network every step shares.

    Parameters
    ----------
    settings : FigureSettings
        The run's parameters.

    Returns
    -------
    FigureContext

    Raises
    ------
    NetanalysisError
        For a missing data path, an unknown region code, an empty year range or data
        without ties in the focus.

    Examples
    --------
    >>> ctx = build_context(FigureSettings())
    >>> ctx.inputs.synthetic, ctx.focal
    (True, ['KR-27', 'KR-47'])
    """
    check_draws(settings.null_model_runs)  # before any work: 0 or 10**7 draws is a clear error, not an hour
    inputs = resolve_inputs(settings.data, options=settings.read)
    focal = None if settings.region is None else parse_region_codes(settings.region)
    processed = load_inputs(inputs)
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
    return FigureContext(
        settings=settings, inputs=inputs, processed=processed, focal=focal, years=years, label=label,
        credit=credit, edges=touching, edges_all=every, credit_all=credit_all, graph=graph,
        centrality=m.centrality(graph),
    )


def png_bytes(fig: Any, dpi: int) -> bytes:
    """The figure as PNG bytes (no timestamp: the same bytes every run)."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def _save_figure(fig: Any, out: Path, name: str) -> None:
    for ext in ("png", "svg"):
        with atomic_path(out / f"{name}.{ext}") as tmp:
            fig.savefig(tmp, format=ext, dpi=300,
                        metadata={"Date": None} if ext == "svg" else {"Software": None})


def run_steps(ctx: FigureContext, steps: Sequence[FigureStep], out: Path, verbose: bool = True) -> list[dict[str, str]]:
    """Compute, draw and write each step; return the manifest's ``outputs`` entries.

    Parameters
    ----------
    ctx : FigureContext
        The shared data and network.
    steps : sequence of FigureStep
        What to produce, in order.
    out : pathlib.Path
        Output folder (exists).
    verbose : bool
        Progress bar over the steps.

    Returns
    -------
    list of dict
        ``{"file": name, "sha256": digest}`` per file written, and ``{"skipped": name,
        "reason": why}`` for a step the data cannot support (tie survival over a single
        year, …): the run goes on, and the manifest and the command line say so.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> ctx = build_context(FigureSettings())
    >>> mixing = [s for s in STEPS if s.name == "09_type_mixing"]
    >>> out = run_steps(ctx, mixing, pathlib.Path(tempfile.mkdtemp()), verbose=False)
    >>> [o["file"] for o in out]
    ['09_type_mixing.png', '09_type_mixing.svg', '09_type_mixing.csv']
    """
    from .report import FIGURE_DPI, REPORT_FIGURES  # what the report embeds, kept small while drawn here

    outputs: list[dict[str, str]] = [
        {"skipped": s.name, "reason": "no focal region (the whole network is analysed); give a region to draw it"}
        for s in steps if ctx.focal is None and s.needs_focus]
    todo = [s for s in steps if ctx.focal is not None or not s.needs_focus]
    for step in tqdm(todo, disable=not verbose, desc="figures", unit="figure"):
        try:
            table = step.compute(ctx)
            ctx.tables[step.name] = table
            fig = None
            if step.draw is not None:
                with plt.rc_context(_style.rc()):
                    fig, _ = step.draw(ctx, table)
        except (NetworkInputError, PlotError) as e:
            outputs.append({"skipped": step.name, "reason": str(e)})
            continue
        files = [write_csv(table, out / f"{step.name}.csv")]
        if fig is not None:
            with plt.rc_context(_style.rc()):  # saving reads rc too (svg.hashsalt: the same bytes every run)
                _save_figure(fig, out, step.name)
                if ctx.settings.report and step.name in REPORT_FIGURES:
                    ctx.previews[step.name] = png_bytes(fig, FIGURE_DPI)
            plt.close(fig)
            files = [out / f"{step.name}.{ext}" for ext in ("png", "svg", "csv")]
        outputs.extend({"file": f.name, "sha256": sha256_of(f)} for f in files)
    return outputs


def run_figures(
    data: Sequence[str | os.PathLike[str]] | None = None,
    region: str | Sequence[str] | None = "KR-27,KR-47",
    years: str | tuple[int, int] | None = "2004-2020",
    out: str | os.PathLike[str] = "figures",
    firm_sizes: str | os.PathLike[str] | None = None,
    verbose: bool = True,
    read: ReadOptions | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Regenerate every figure (PNG 300 dpi + SVG), the CSV table behind each and a manifest.

    Parameters
    ----------
    data : list of paths, optional
        Raw files; default: the bundled SYNTHETIC sample (with its firm-size table).
    region : str or list of str, optional
        Focal region codes (default Daegu KR-27 and Gyeongbuk KR-47); ``None``: the whole
        network.
    years : "YYYY-YYYY" or (int, int), optional
        Filing years (inclusive); ``None``: every year in the data.
    out : path
        Output folder (created), relative to the current folder by default.
    firm_sizes : path, optional
        Firm-size table for the user's data (wins over ``read.firm_sizes``).
    verbose : bool
        Progress bar over the steps.
    read : ReadOptions, optional
        How raw files are read (``--columns``, ``--encoding`` …); ``data`` may also be one
        folder written by ``netanalysis ingest``.
    **options
        Any other field of :class:`FigureSettings` (``weighting``, ``null_model_runs`` …).

    Returns
    -------
    dict
        The manifest written to ``out/manifest.json``.

    Raises
    ------
    NetanalysisError
        One clear message for a missing data path, an unknown region code, an empty year
        range or data without ties in the focus.

    Examples
    --------
    >>> import tempfile
    >>> manifest = run_figures(out=tempfile.mkdtemp(), verbose=False, null_model_runs=2)  # doctest: +SKIP
    >>> manifest["synthetic_data"]  # doctest: +SKIP
    True
    """
    read = read or ReadOptions()
    if firm_sizes is not None:
        read = replace(read, firm_sizes=str(firm_sizes))
    settings = FigureSettings(
        data=None if data is None else tuple(str(p) for p in data),
        region=region if region is None or isinstance(region, str) else ",".join(region),
        years=years if years is None or isinstance(years, str) else f"{years[0]}-{years[-1]}",
        out=str(out), read=read, **options,
    )
    check_output_folder(Path(settings.out), "manifest.json")  # before the work, not after
    ctx = build_context(settings)
    with atomic_folder(settings.out, "manifest.json") as target:
        manifest = _run_into(ctx, target, verbose)
    return manifest


def _write_report(ctx: FigureContext, target: Path, verbose: bool) -> list[dict[str, str]]:
    """``report.html`` (self-contained) and ``report.md`` (linking the figures beside it)."""
    from .report import report_from_context

    rep = report_from_context(ctx, n_boot=ctx.settings.bootstrap_samples, seed=ctx.settings.seed,
                              command=ctx.settings.command, verbose=verbose)
    links = {name: f"{name}.png" for name in rep.figures if (target / f"{name}.png").exists()}
    files = [write_text(rep.to_html(), target / "report.html"),
             write_text(rep.to_markdown(links), target / "report.md")]
    return [{"file": f.name, "sha256": sha256_of(f)} for f in files]


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {name: version(name) for name in ("netanalysis", "igraph", "networkx", "pandas", "matplotlib")}


def _run_into(ctx: FigureContext, target: Path, verbose: bool) -> dict[str, Any]:
    """Every step and the manifest, written into ``target``."""
    settings = ctx.settings
    outputs = run_steps(ctx, STEPS, target, verbose)
    if settings.report:
        outputs.extend(_write_report(ctx, target, verbose))
    inputs = [*ctx.inputs.paths, *([ctx.inputs.firm_sizes] if ctx.inputs.firm_sizes else [])]
    manifest = {
        "package_version": __version__,
        "versions": _versions(),
        "font": _style.hangul_font() or "DejaVu Sans (no Hangul font: Korean names romanised)",
        "synthetic_data": ctx.inputs.synthetic,
        "parameters": {**asdict(settings), "region": ctx.focal, "years": list(ctx.years),
                       "firm_sizes": str(ctx.inputs.firm_sizes) if ctx.inputs.firm_sizes else None},
        "inputs": [{"file": str(p), "sha256": sha256_of(p)} for p in inputs],
        "ingest": {k: v for k, v in ctx.processed.report.to_dict().items() if k != "files"},
        "outputs": outputs,
    }
    write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), target / "manifest.json")
    return manifest


__all__ = ["STEPS", "FigureContext", "FigureSettings", "FigureStep", "build_context", "run_figures", "run_steps"]
