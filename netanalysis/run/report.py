"""The report job: the four questions answered for a run, from the run's own tables and figures.

:func:`report_from_context` builds a :class:`~netanalysis.report.Report` from a
:class:`~netanalysis.run.context.RunContext` — after a figures run it reuses every table and
figure that run computed; :func:`build_report` reads the data itself (``netanalysis report``);
:func:`write_report` writes ``report.html`` and ``report.md`` into a figures folder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import asdict, replace
from functools import partial
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd

from .. import metrics as m
from .. import plotting as pl
from .._errors import NetanalysisError, NetworkInputError, PlotError
from .._io import sha256_of, write_text
from .._version import versions
from ..regions import country_of, region_names
from ..report import FIGURE_DPI, QUOTED_UNIT, REPORT_FIGURES, Report
from ..report.compare import focus_ranks, regions_present
from ..report.findings import (
    answer_hubs,
    answer_one_time,
    answer_outside,
    answer_univ_univ,
    drop_skipped_evidence,
    location_coverage,
    pct,
)
from ..report.indicators import headline_indicators
from ..report.instruments import instrument_sections, inventor_section
from ..report.uncertainty import (
    bootstrap_text,
    null_draws_text,
    uncertainty_tables,
)
from .background import BOOTSTRAP_UNITS, _bootstrap, _bootstrap_key, start_background
from .context import RunContext, build_context, focus_level
from .figures import png_bytes
from .settings import AUTO, ReadOptions, RunSettings, make_settings
from .steps import MIXING_NULL, STEPS, network_bursts

#: Steps whose table another step reads (the report draws a figure without its figures run).
_NEEDS = {"08_openness_large_collaborations": ("07_openness_by_region",)}


def _data_section(ctx: RunContext) -> tuple[list[str], dict[str, pd.DataFrame], list[str]]:
    """What was read and kept, the actors by type and how they were typed, and the caveats."""
    r = ctx.processed.report
    net = ctx.network_actors
    n_network = ctx.centrality["applicant_id"].nunique()
    text = [
        f"Sources: {', '.join(Path(f).name for f in r.source_files) or '(none)'}; read as {r.reader} "
        f"({r.encoding}). Filing years {ctx.period}.",
        f"Rows read {r.rows_read:,}, kept {r.rows_kept:,}, rejected {r.rows_rejected:,}; {r.patents:,} patents, "
        f"{r.actors:,} distinct applicants. The network of ties touching {ctx.label} has "
        f"{n_network:,} actors and {len(ctx.edges[['u', 'v']].drop_duplicates()):,} ties.",
    ]
    tables: dict[str, pd.DataFrame] = {}
    if r.reject_reasons:
        top = sorted(r.reject_reasons.items(), key=lambda kv: -kv[1])[:5]
        tables["Rows rejected, top reasons"] = pd.DataFrame(top, columns=["reason", "rows"])
    kind = net["actor_type"].astype(str).replace("", "unknown")
    by_type = pd.DataFrame({
        "actors": kind.value_counts(),
        "typed by default (no cue in the name)": kind[net["type_reason"].astype(str) == "rule:default_firm"]
        .value_counts(),
        "persons by evidence (also an inventor)": kind[net["type_reason"].astype(str) == "evidence:inventor"]
        .value_counts(),
        "region unknown": kind[net["region"].fillna("").astype(str) == ""].value_counts(),
    }).fillna(0).astype(int).rename_axis("actor type").reset_index()
    tables["Actors in the network, by type"] = by_type
    firms_net = net[kind.isin(["large_firm", "sme", "firm"])]
    if len(firms_net):
        tables["Firms in the network, by the evidence of their size"] = pd.crosstab(
            firms_net["size_source"].astype(str).replace("", "unknown"), kind[firms_net.index]
        ).rename_axis("size_source").rename_axis(None, axis=1).reset_index()
    caveats = []
    if ctx.inputs.synthetic:
        caveats.append("The data are SYNTHETIC: fictional applicants calibrated to show the study's four patterns.")
    firms = kind.isin(["sme", "large_firm", "firm"]).sum()
    unknown_size = int((kind == "firm").sum())
    if unknown_size:
        caveats.append(f"{unknown_size:,} of the {firms:,} firms have no evidence of their size (type 'firm', size "
                       "unknown): the SME findings leave them out and say what counting them as SMEs would change; "
                       "give a firm-size table with --sizes FILE.")
    default = ctx.type_evidence["typed_by_default"]
    if default:
        caveats.append(f"{default:,} actors are typed as firms for want of any cue in their names "
                       "(type_reason rule:default_firm).")
    unknown_region = int((net["region"].fillna("").astype(str) == "").sum())
    if unknown_region:
        caveats.append(f"{unknown_region:,} of the network's {len(net):,} actors ({pct(unknown_region / len(net))}) "
                       "have no known region: their ties count as 'unknown' in the openness shares.")
    unknown_type = int((kind == "unknown").sum())
    if unknown_type:
        caveats.append(f"{unknown_type:,} actors have no type; ties with them are left out of the type mixing.")
    caveats.append(f"Ties first seen in the last years of {ctx.period} had little time to repeat (right-censoring); "
                   "the one-time shares count them, the censoring-aware shares and figure 06 do not.")
    return text, tables, caveats


def _figures(ctx: RunContext, dpi: int) -> tuple[dict[str, bytes], dict[str, str]]:
    """PNG bytes of the figures the report shows (those a figures run drew are reused)."""
    steps = {s.name: s for s in STEPS}
    figures, skipped = {}, {}
    # the figures whose tables are long computations last: they run in the background meanwhile
    for name in sorted(REPORT_FIGURES, key=lambda n: steps[n].slow):
        step = steps[name]
        if step.needs_focus and ctx.focal is None:
            skipped[name] = "no focal region"
            continue
        if name in ctx.previews:
            figures[name] = ctx.previews[name]
            continue
        try:
            for need in (*_NEEDS.get(name, ()), name):
                if need not in ctx.tables:
                    ctx.tables[need] = ctx.computed(need, partial(steps[need].compute, ctx))
            assert step.draw is not None
            with pl.style_context():
                fig, _ = step.draw(ctx, ctx.tables[name])
                figures[name] = png_bytes(fig, dpi)
            plt.close(fig)
        except (NetworkInputError, PlotError) as e:
            skipped[name] = str(e)
    return {n: figures[n] for n in REPORT_FIGURES if n in figures}, {n: skipped[n] for n in REPORT_FIGURES
                                                                     if n in skipped}


def _comparison_text(ctx: RunContext, comparison: pd.DataFrame) -> list[str]:
    """What the comparison covers, and where the focus ranks on each share."""
    others = comparison[~comparison["focal"]]
    lvl = comparison.attrs.get("level", 1)
    parents = comparison.attrs.get("within") or []
    where = (", ".join(region_names(parents).values()) + " (the country has too many regions of this level to "
             "show them all)") if parents else ", ".join(sorted(set(country_of(pd.Series(ctx.focal)))))
    text = [f"The same shares, computed in the same way for the ties touching each of the {len(others)} other "
            f"level-{lvl} regions of {where} with a tie "
            f"({len(regions_present(ctx.actors, lvl))} regions of that level have an actor in the data). "
            f"Regions with fewer than {comparison.attrs.get('min_ties', 30)} ties are flagged few_ties."]
    text.extend(focus_ranks(comparison, ctx.label))
    return text


def _betweenness_caveat(centrality: pd.DataFrame) -> list[str]:
    """A sentence when betweenness was sampled, not computed: from how many sources, and for
    how many actors its standard error is vouched for (``betweenness_se_reliable``).

    Examples
    --------
    >>> c = pd.DataFrame({"betweenness": [0.5, 0.1, 0.0], "betweenness_se_reliable": [True, False, True]})
    >>> c.attrs["betweenness"] = {"method": "sampled", "k": 500, "estimator": "linear-scaled, pps, blocks"}
    >>> _betweenness_caveat(c)[0][:60]
    'Betweenness is estimated from 500 sampled sources (linear-sc'
    >>> c.attrs["betweenness"] = {"method": "exact"}
    >>> _betweenness_caveat(c)
    []
    """
    b = centrality.attrs.get("betweenness", {})
    if b.get("method") != "sampled":
        return []
    positive = centrality["betweenness"] > 0
    vouched = centrality.get("betweenness_se_reliable", pd.Series(False, index=centrality.index)).astype(bool)
    return [f"Betweenness is estimated from {int(b.get('k') or 0):,} sampled sources ({b.get('estimator')}), not "
            f"computed exactly: its standard error (betweenness_se in the centrality table) is vouched for "
            f"{int((vouched & positive).sum()):,} of the {int(positive.sum()):,} actors with betweenness > 0; "
            "where betweenness_se_reliable is False, compare seeds or compute it exactly before quoting it."]


def _core_label(ctx: RunContext) -> str:
    countries = set(country_of(pd.Series(ctx.focal or [])))
    if ctx.settings.core:
        return "the core region (" + ", ".join(c for v in ctx.settings.core.values() for c in v) + ")"
    return "the capital area" if countries == {"KR"} else "the country's core region"


def report_from_context(ctx: RunContext, n_boot: int = 200, seed: int = 1, command: str | None = None,
                        dpi: int = FIGURE_DPI, verbose: bool = False, n_jobs: int | None = None) -> Report:
    """Build the report from a :class:`~netanalysis.run.context.RunContext` (tables already
    computed by a figures run are reused).

    Parameters
    ----------
    ctx : RunContext
        The data and network of a run (:func:`netanalysis.run.build_context`).
    n_boot : int
        Bootstrap samples of each unit, actors and patents (default 200).
    seed : int
        Seed of the bootstrap and the mixing null model.
    command : str, optional
        The command that made the report (recorded at its end).
    dpi : int
        Resolution of the embedded figures.
    verbose : bool
        Progress bars.
    n_jobs : int or None
        Worker processes for the bootstrap and the null models (``None``: all cores).

    Returns
    -------
    Report

    Examples
    --------
    >>> from netanalysis.run import RunSettings, build_context
    >>> rep = report_from_context(build_context(RunSettings(null_model_runs=20)), n_boot=10)  # doctest: +SKIP
    >>> [f.key for f in rep.findings]  # doctest: +SKIP
    ['hubs_bridges', 'one_time', 'outside', 'univ_univ']
    """
    s = ctx.settings
    apps = ctx.processed.applications
    ind = headline_indicators(ctx.edges, ctx.actors, ctx.focal, ctx.centrality, end_year=ctx.years[1], core=s.core)
    figures, skipped = _figures(ctx, dpi)
    null = ctx.tables.get("11_betweenness_null_model")
    mix = ctx.tables.get(MIXING_NULL) if s.null_model == "bipartite" and seed == s.seed else None
    if mix is None:  # not drawn with the betweenness null model (another seed, or the rewiring null)
        mix = m.mixing_null_model(apps, ctx.actors, n=s.null_model_runs, seed=seed, region=ctx.focal,
                                  years=ctx.years, n_jobs=n_jobs, verbose=verbose)
    by_unit, caught = {}, []
    for unit in BOOTSTRAP_UNITS:
        by_unit[unit], notes = ctx.computed(_bootstrap_key(unit, n_boot, seed), partial(
            _bootstrap, ctx, unit, n_boot, seed, observed=ind, n_jobs=n_jobs, verbose=verbose))
        caught += notes
    ci = by_unit[QUOTED_UNIT]
    label = None if ctx.focal is None else ctx.label
    cov = location_coverage(apps, ctx.actors, ctx.centrality["applicant_id"], ctx.focal, ctx.label)
    findings = [answer_hubs(ind, ctx.label if ctx.focal else "the network", null, ci, cov),
                answer_one_time(ind, ci, coverage=cov), answer_outside(ind, label, ci, _core_label(ctx), cov),
                answer_univ_univ(ind, mix, ci, cov, label=label)]
    findings = drop_skipped_evidence(findings, skipped)
    read_first = ([f"Where {ctx.label} is, these data cannot say well: {cov.detail}. No finding below is called held "
                 "or not held."] if cov is not None and cov.sign != 1 else [])
    comparison, comparison_text = ctx.tables.get("14_region_comparison"), []
    if comparison is None:
        comparison_text.append("No focal region was given, so there is nothing to compare."
                               if ctx.focal is None else f"Not compared: {skipped.get('14_region_comparison', '')}")
    else:
        comparison_text.extend(_comparison_text(ctx, comparison))
    data_text, data_tables, caveats = _data_section(ctx)
    caveats += list(ind.attrs.get("notes", []))  # fallbacks a metric took, stated
    caveats += _betweenness_caveat(ctx.centrality)  # a sampled betweenness and where its se is vouched for
    inputs = [*ctx.inputs.paths, *([ctx.inputs.firm_sizes] if ctx.inputs.firm_sizes else [])]
    recorded = {k: v for k, v in asdict(s).items() if k not in ("out", "command")}  # where, not what
    params = {**recorded, "region": ctx.focal, "years": list(ctx.years), "bootstrap_samples": n_boot,
              "seed_report": seed, "figure_steps": [st.name for st in STEPS]}
    instruments = instrument_sections(apps, ctx.actors, ctx.edges, ctx.focal, ctx.years,
                                      level=focus_level(ctx) if ctx.focal else None, bursts=network_bursts(ctx),
                                      n_boot=n_boot, seed=seed)
    if ctx.focal:  # where the focus's inventions happen (inventor addresses: PATSTAT, REGPAT, PatentsView, Lens JSON)
        inventors = ctx.inventors
        instruments["Inventor regions"] = inventor_section(apps, inventors, ctx.focal, ctx.years,
                                                           level=focus_level(ctx))
    title = (f"Do universities anchor {ctx.label}'s innovation system?" if ctx.focal
             else "Do universities anchor this co-patent network?")
    return Report(
        title=title,
        subtitle=ctx.credit,
        synthetic=bool(ctx.inputs.synthetic), findings=findings, data_text=data_text, data_tables=data_tables,
        caveats=caveats,
        uncertainty_text=[
            "Each share has two bootstrap intervals. Resampling actors (all ties of a drawn actor kept: the vertex "
            "bootstrap of Snijders & Borgatti 1999, the resampling form of dyadic-cluster inference, Aronow, Samii "
            "& Assenova 2015) keeps the dependence between ties that share an actor; the sentences quote it. "
            "Resampling patents (the one-time shares resample ties) treats patents as independent and is narrower "
            "when ties cluster on a few actors. Every actor keeps its observed type and region in every sample. "
            "A difference whose interval excludes 0 is one the data support.",
            *bootstrap_text(by_unit, QUOTED_UNIT, caught),
            "Null models randomise the patent–applicant network keeping every patent's number of applicants and "
            f"every applicant's number of applications ({null_draws_text(null, s.null_model_runs)})."],
        uncertainty_tables=uncertainty_tables(by_unit, null, mix), comparison_text=comparison_text,
        comparison=comparison, figures=figures, skipped=skipped,
        command=command or _python_command(s, n_boot, seed), versions=versions(),
        inputs=[(str(p), sha256_of(p)) for p in inputs], parameters=params, indicators=ind, warnings=read_first,
        instruments=instruments,
    )


def _python_command(settings: RunSettings, n_boot: int, seed: int) -> str:
    args = {"data": list(settings.data) if settings.data else None, "region": settings.region,
            "years": settings.years, "n_boot": n_boot, "seed": seed, "null_model_runs": settings.null_model_runs}
    return "netanalysis.build_report(" + ", ".join(f"{k}={v!r}" for k, v in args.items()) + ")"


def build_report(
    data: Sequence[str | os.PathLike[str]] | None = None,
    region: str | Sequence[str] | None = AUTO,
    years: str | tuple[int, int] | None = AUTO,
    out: str | os.PathLike[str] | None = None,
    n_boot: int | None = None,
    seed: int = 1,
    read: ReadOptions | None = None,
    verbose: bool = False,
    command: str | None = None,
    n_jobs: int | None = None,
    **options: Any,
) -> Report:
    """Answer the four questions for one region: read, compute, and (with ``out``) write.

    Parameters
    ----------
    data : list of paths, optional
        Raw files or a folder written by ``netanalysis ingest``; default: the bundled
        SYNTHETIC sample.
    region : str or list of str, optional
        Focal region codes or names; ``None``: the whole network; ``"auto"`` (default):
        Daegu–Gyeongbuk for the sample, the whole network for ``data`` (as on the command line).
    years : "YYYY-YYYY" or (int, int), optional
        Filing years; ``None``: every year in the data; ``"auto"`` (default): 2004–2020 for
        the sample, every year for ``data``.
    out : path, optional
        ``.html`` (one self-contained file) or ``.md`` (plus a folder of PNGs); nothing is
        written without it.
    n_boot : int, optional
        Bootstrap samples of each unit, actors and patents (default: the run's
        ``bootstrap_samples``, 50, as on the command line; 1,000 for publication).
    seed : int
        Seed of the bootstrap and the null models.
    read : ReadOptions, optional
        How raw files are read (``--columns`` …).
    verbose : bool
        Progress bars.
    command : str, optional
        The command line to record (the CLI passes its own).
    n_jobs : int or None
        Worker processes (``None``: one per core): with more than one, the null models,
        bootstraps and loops over regions run in workers while the network figure is drawn
        (:mod:`netanalysis.run.background`); the numbers are the same either way.
    **options
        Any field of :class:`netanalysis.run.RunSettings` (``null_model_runs``,
        ``core``, ``weighting`` …).

    Returns
    -------
    Report

    Raises
    ------
    NetanalysisError
        One clear message for a missing file, an unknown region, an empty period, or an
        ``out`` that is neither ``.html`` nor ``.md``.

    Examples
    --------
    >>> rep = build_report(null_model_runs=50, n_boot=20)  # doctest: +SKIP
    >>> rep.findings[0].sentence.startswith("Universities are")  # doctest: +SKIP
    True
    """
    if out is not None and Path(out).suffix.lower() not in (".html", ".htm", ".md"):
        raise NetanalysisError(f"output file {str(out)!r}: expected a name ending in .html or .md")
    settings = make_settings(data, region, years, read=read or ReadOptions(), **options)
    if n_boot is not None:
        settings = replace(settings, bootstrap_samples=n_boot)
    ctx = build_context(settings, verbose=verbose)
    n_boot = ctx.settings.bootstrap_samples
    with start_background(ctx, n_jobs, report=True, n_boot=n_boot, seed=seed,
                          verbose=verbose) or nullcontext() as pool:
        ctx.background = pool
        try:
            rep = report_from_context(ctx, n_boot=n_boot, seed=seed, command=command, verbose=verbose,
                                      n_jobs=n_jobs)
        finally:
            ctx.background = None
    if out is not None:
        rep.save(out)
    return rep


def write_report(ctx: RunContext, target: Path, verbose: bool) -> list[dict[str, str]]:
    """``report.html`` (self-contained) and ``report.md`` (linking the figures beside it).

    Parameters
    ----------
    ctx : RunContext
        The run whose figures were written into ``target`` (their tables and small PNGs reused).
    target : pathlib.Path
        The figures folder.
    verbose : bool
        Progress bars.

    Returns
    -------
    list of dict
        ``{"file": name, "sha256": digest}`` of the two files, for the manifest.
    """
    rep = report_from_context(ctx, n_boot=ctx.settings.bootstrap_samples, seed=ctx.settings.seed,
                              command=ctx.settings.command, verbose=verbose)
    links = {name: f"{name}.png" for name in rep.figures if (target / f"{name}.png").exists()}
    files = [write_text(rep.to_html(), target / "report.html"),
             write_text(rep.to_markdown(links), target / "report.md")]
    return [{"file": f.name, "sha256": sha256_of(f)} for f in files]


__all__ = ["build_report", "report_from_context", "write_report"]
