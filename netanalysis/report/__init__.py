"""The regional report: the four questions answered in words, numbers and figures.

``netanalysis report --data FILES --region CODES --years 2004-2020 --out report.html``
(or ``.md``), or in Python::

    from netanalysis.report import build_report
    rep = build_report(region="KR-27,KR-47", years="2004-2020")   # the SYNTHETIC sample
    rep                                                          # shown in a notebook
    rep.save("report.html")

=========================  ==================================================
module                     what it owns
=========================  ==================================================
``indicators``             :func:`headline_indicators`: every number the sentences quote
``findings``               :class:`Finding`, the four ``answer_*`` sentence builders
``uncertainty``            :func:`bootstrap_indicators` (actors or patents resampled)
``compare``                :func:`compare_regions`: the same shares for every region
``_render``                HTML (self-contained) and Markdown
=========================  ==================================================
"""

from __future__ import annotations

import json
import os
import shlex
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd

from .. import metrics as m
from .._errors import NetanalysisError, NetworkInputError, PlotError
from .._inputs import ReadOptions
from .._io import sha256_of, write_linked_set, write_text
from ..plotting import _style
from ..regions import country_of, region_names
from .compare import compare_regions, focus_ranks, regions_present
from .findings import (
    Finding,
    answer_hubs,
    answer_one_time,
    answer_outside,
    answer_univ_univ,
    drop_skipped_evidence,
    location_coverage,
    pct,
)
from .indicators import INDICATORS, SHARES, headline_indicators
from .uncertainty import bootstrap_indicators

#: The bootstrap the sentences quote (the dependence-aware one); the other is shown beside it.
QUOTED_UNIT = "actors"

#: The figures each answer shows (names of :data:`netanalysis.figures.STEPS`).
FIGURES_FOR: dict[str, list[str]] = {
    "hubs_bridges": ["02_centrality_ranking", "11_betweenness_null_model"],
    "one_time": ["05_persistence_by_type_pair", "06_repeat_survival"],
    "outside": ["08_openness_large_collaborations", "13_region_map"],
    "univ_univ": ["09_type_mixing"],
    "comparison": ["14_region_comparison"],
}

#: Every figure the report embeds (a figures run keeps small PNGs of these for it), and their resolution.
REPORT_FIGURES: tuple[str, ...] = ("01_network", *(n for names in FIGURES_FOR.values() for n in names))
FIGURE_DPI = 110

_NEEDS = {"08_openness_large_collaborations": ("07_openness_by_region",)}  # a step reading another's table


@dataclass
class Report:
    """A built report: its findings, tables and figures (PNG bytes), ready to render.

    Render with :meth:`to_html` / :meth:`to_markdown`, write with :meth:`save`; in a
    notebook the object shows itself as HTML.
    """

    title: str
    subtitle: str
    synthetic: bool
    findings: list[Finding]
    data_text: list[str]
    data_tables: dict[str, pd.DataFrame]
    caveats: list[str]
    uncertainty_text: list[str]
    uncertainty_tables: dict[str, pd.DataFrame]
    comparison_text: list[str]
    comparison: pd.DataFrame | None
    figures: dict[str, bytes]
    skipped: dict[str, str]
    command: str
    versions: dict[str, str]
    inputs: list[tuple[str, str]]
    parameters: dict[str, Any]
    indicators: pd.Series = field(default_factory=pd.Series)
    figures_for: dict[str, list[str]] = field(default_factory=lambda: dict(FIGURES_FOR))
    warnings: list[str] = field(default_factory=list)  # said before the findings (e.g. a focus located by one route)

    @property
    def parameters_text(self) -> str:
        """The parameters as JSON."""
        return json.dumps(self.parameters, ensure_ascii=False, indent=2, default=str)

    def to_html(self) -> str:
        """One self-contained HTML document (figures embedded, no network request)."""
        from ._render import to_html

        return to_html(self)

    def to_markdown(self, figure_links: dict[str, str] | None = None) -> str:
        """Markdown; ``figure_links`` maps figure names to image paths."""
        from ._render import to_markdown

        return to_markdown(self, figure_links)

    def _repr_html_(self) -> str:
        return self.to_html()

    def save(self, path: str | os.PathLike[str]) -> list[Path]:
        """Write ``.html`` (one file) or ``.md`` (plus its PNGs in ``<name>_figures/run-<hash>/``, swapped as one set).

        Returns
        -------
        list of pathlib.Path
            The files written.
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            return [write_text(self.to_html(), path)]
        if suffix != ".md":
            raise NetanalysisError(f"--out {path}: expected a file name ending in .html or .md")
        # the Markdown and its figures swap as one set (``<stem>_figures/run-<hash>/``)
        return write_linked_set(path, {f"{name}.png": png for name, png in self.figures.items()},
                                lambda links: self.to_markdown({k[:-4]: v for k, v in links.items()}))


# --- sections ------------------------------------------------------------------------

def _data_section(ctx: Any) -> tuple[list[str], dict[str, pd.DataFrame], list[str]]:
    """What was read and kept, the actors by type and how they were typed, and the caveats."""
    r = ctx.processed.report
    actors = ctx.actors
    in_network = set(ctx.centrality["applicant_id"])
    net = actors[actors["applicant_id"].isin(in_network)]
    text = [
        f"Sources: {', '.join(Path(f).name for f in r.source_files) or '(none)'}; read as {r.reader} "
        f"({r.encoding}). Filing years {ctx.period}.",
        f"Rows read {r.rows_read:,}, kept {r.rows_kept:,}, rejected {r.rows_rejected:,}; {r.patents:,} patents, "
        f"{r.actors:,} distinct applicants. The network of ties touching {ctx.label} has "
        f"{len(in_network):,} actors and {len(ctx.edges[['u', 'v']].drop_duplicates()):,} ties.",
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
    default = int((net["type_reason"].astype(str) == "rule:default_firm").sum())
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


def _figures(ctx: Any, dpi: int) -> tuple[dict[str, bytes], dict[str, str]]:
    """PNG bytes of the figures the report shows (those a figures run drew are reused)."""
    from ..figures import STEPS, png_bytes

    steps = {s.name: s for s in STEPS}
    figures, skipped = {}, {}
    for name in REPORT_FIGURES:
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
                    ctx.tables[need] = steps[need].compute(ctx)
            assert step.draw is not None
            with plt.rc_context(_style.rc()):
                fig, _ = step.draw(ctx, ctx.tables[name])
                figures[name] = png_bytes(fig, dpi)
            plt.close(fig)
        except (NetworkInputError, PlotError) as e:
            skipped[name] = str(e)
    return figures, skipped


def _comparison_text(ctx: Any, comparison: pd.DataFrame) -> list[str]:
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


def _core_label(ctx: Any) -> str:
    countries = set(country_of(pd.Series(ctx.focal or [])))
    if ctx.settings.core:
        return "the core region (" + ", ".join(c for v in ctx.settings.core.values() for c in v) + ")"
    return "the capital area" if countries == {"KR"} else "the country's core region"


def _bootstrap_table(by_unit: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Both bootstraps side by side: estimate, each unit's interval, sd, mean and valid samples."""
    first = next(iter(by_unit.values()))
    level = round(100 * first.attrs["bootstrap"]["level"])
    out = pd.DataFrame({"share": first["indicator"].map(INDICATORS), "estimate": first["estimate"]})
    for unit, ci in by_unit.items():
        out[f"{unit}: {level}% low"] = ci["low"].to_numpy()
        out[f"{unit}: {level}% high"] = ci["high"].to_numpy()
        out[f"{unit}: sd"] = ci["se"].to_numpy()
        out[f"{unit}: mean"] = ci["boot_mean"].to_numpy()
        out[f"{unit}: valid samples"] = ci["n_valid"].to_numpy()
    return out


def _bootstrap_text(by_unit: dict[str, pd.DataFrame], quoted: str, caught: list[str]) -> list[str]:
    """What was resampled, how often each share was defined, and when to distrust the intervals."""
    from .uncertainty import MIN_UNITS, UNITS

    text = []
    for unit, ci in by_unit.items():
        b = ci.attrs["bootstrap"]
        valid = ci["n_valid"]
        word = unit if b["n_units"] != 1 else unit[:-1]
        text.append(f"Bootstrap of {unit} ({'quoted in the sentences' if unit == quoted else 'shown beside it'}): "
                    f"{b['n']} samples of {UNITS[unit]}; {b['n_units']:,} {word} resampled. "
                    f"{round(100 * b['level'])}% percentile intervals (not bias-corrected), each from the samples "
                    f"in which the share is defined: {int(valid.min())}–{int(valid.max())} of {b['n']} valid "
                    "samples per share (column 'valid samples').")
        if b.get("few_units"):
            text.append(f"The focus has only {b['n_units']:,} {word} (fewer than {MIN_UNITS}): the {unit} "
                        "bootstrap can only recombine these few, so its intervals are unreliable — read them "
                        "as a rough indication, not as confidence intervals.")
        for r in ci[ci["note"] != ""].itertuples():
            text.append(f"{INDICATORS[str(r.indicator)]} ({unit}): {r.note}.")
        shifted = ci[(ci["boot_mean"] - ci["estimate"]).abs() > 0.5 * ci["se"]]
        for r in shifted.itertuples():
            text.append(f"{INDICATORS[str(r.indicator)]} ({unit}): the samples' mean {r.boot_mean:.3g} is off the "
                        f"estimate {r.estimate:.3g} by more than half their sd, so the percentile interval is "
                        "shifted, not centred on the estimate.")
    n = min(ci.attrs["bootstrap"]["n"] for ci in by_unit.values())
    if n < 1000:
        text.append(f"{n} samples of each unit (the default is 50, so that the sample's main job takes about a "
                    "minute) estimate the spread well, but the ends of a 95% percentile interval rest on the few "
                    "most extreme samples: for publication ask for 1,000 (--bootstrap 1000, n_boot=1000).")
    text.extend(caught)
    return text


def _null_draws_text(null: pd.DataFrame | None, most: int) -> str:
    """How many draws each null model used, and why (the betweenness null stops early)."""
    mixing = f"mixing: {most:,} draws, smallest p {1 / (most + 1):.4f}"
    info = {} if null is None else null.attrs.get("null_model", {})
    if not info:
        return mixing
    run, h = int(info.get("n", most)), info.get("sequential_h")
    rule = ("" if not h else f"; a group's p is settled at its {h}th draw at least as large as observed "
            "(Besag & Clifford 1991), column n_draws_p")
    return f"betweenness: {run:,} draws run of at most {info.get('max_draws', most):,}{rule}; {mixing}"


def _uncertainty_tables(by_unit: dict[str, pd.DataFrame], null: pd.DataFrame | None,
                        mix: pd.DataFrame) -> dict[str, pd.DataFrame]:
    n = next(iter(by_unit.values())).attrs["bootstrap"]["n"]
    tables = {f"Bootstrap intervals ({n} samples each of {' and of '.join(by_unit)})": _bootstrap_table(by_unit)}
    if null is not None:
        tables["Mean betweenness by type against the null model"] = null.drop(columns=["note"], errors="ignore")
    uu = mix[(mix["group_a"] == "university")]
    if len(uu):
        tables["Universities' partners against the null model (share of their ties)"] = uu
    return tables


def report_from_context(ctx: Any, n_boot: int = 200, seed: int = 1, command: str | None = None,
                        dpi: int = FIGURE_DPI, verbose: bool = False, n_jobs: int | None = None) -> Report:
    """Build the report from a :class:`netanalysis.figures.FigureContext` (tables already
    computed by a figures run are reused).

    Parameters
    ----------
    ctx : netanalysis.figures.FigureContext
        The data and network of a run (:func:`netanalysis.figures.build_context`).
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
    >>> from netanalysis.figures import FigureSettings, build_context
    >>> rep = report_from_context(build_context(FigureSettings(null_model_runs=20)), n_boot=10)  # doctest: +SKIP
    >>> [f.key for f in rep.findings]  # doctest: +SKIP
    ['hubs_bridges', 'one_time', 'outside', 'univ_univ']
    """
    from ..figures import STEPS, _versions

    s = ctx.settings
    apps = ctx.processed.applications
    ind = headline_indicators(ctx.edges, ctx.actors, ctx.focal, ctx.centrality, end_year=ctx.years[1], core=s.core)
    figures, skipped = _figures(ctx, dpi)
    null = ctx.tables.get("11_betweenness_null_model")
    mix = m.mixing_null_model(apps, ctx.actors, n=s.null_model_runs, seed=seed, region=ctx.focal, years=ctx.years,
                              n_jobs=n_jobs)
    by_unit, caught = {}, []
    for unit in ("actors", "patents"):
        with warnings.catch_warnings(record=True) as w:  # the notes go into the text, not to stderr
            warnings.simplefilter("always")
            by_unit[unit] = bootstrap_indicators(apps, ctx.actors, ctx.focal, ctx.years, n=n_boot, seed=seed,
                                                 core=s.core, observed=ind, n_jobs=n_jobs, verbose=verbose, unit=unit)
        caught += [str(x.message) for x in w if not str(x.message).startswith("bootstrap of")]
    ci = by_unit[QUOTED_UNIT]
    label = None if ctx.focal is None else ctx.label
    cov = location_coverage(apps, ctx.actors, ctx.centrality["applicant_id"], ctx.focal, ctx.label)
    findings = [answer_hubs(ind, ctx.label if ctx.focal else "the network", null, ci, cov),
                answer_one_time(ind, ci, coverage=cov), answer_outside(ind, label, ci, _core_label(ctx), cov),
                answer_univ_univ(ind, mix, ci, cov)]
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
    inputs = [*ctx.inputs.paths, *([ctx.inputs.firm_sizes] if ctx.inputs.firm_sizes else [])]
    recorded = {k: v for k, v in asdict(s).items() if k not in ("out", "command")}  # where, not what
    params = {**recorded, "region": ctx.focal, "years": list(ctx.years), "bootstrap_samples": n_boot,
              "seed_report": seed, "figure_steps": [st.name for st in STEPS]}
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
            *_bootstrap_text(by_unit, QUOTED_UNIT, caught),
            "Null models randomise the patent–applicant network keeping every patent's number of applicants and "
            f"every applicant's number of applications ({_null_draws_text(null, s.null_model_runs)})."],
        uncertainty_tables=_uncertainty_tables(by_unit, null, mix), comparison_text=comparison_text,
        comparison=comparison, figures=figures, skipped=skipped,
        command=command or _python_command(s, n_boot, seed), versions=_versions(),
        inputs=[(str(p), sha256_of(p)) for p in inputs], parameters=params, indicators=ind, warnings=read_first,
    )


def _python_command(settings: Any, n_boot: int, seed: int) -> str:
    args = {"data": list(settings.data) if settings.data else None, "region": settings.region,
            "years": settings.years, "n_boot": n_boot, "seed": seed, "null_model_runs": settings.null_model_runs}
    return "netanalysis.report.build_report(" + ", ".join(f"{k}={v!r}" for k, v in args.items()) + ")"


def build_report(
    data: Sequence[str | os.PathLike[str]] | None = None,
    region: str | Sequence[str] | None = "KR-27,KR-47",
    years: str | tuple[int, int] | None = "2004-2020",
    out: str | os.PathLike[str] | None = None,
    n_boot: int = 200,
    seed: int = 1,
    read: ReadOptions | None = None,
    verbose: bool = False,
    command: str | None = None,
    **options: Any,
) -> Report:
    """Answer the four questions for one region: read, compute, and (with ``out``) write.

    Parameters
    ----------
    data : list of paths, optional
        Raw files or a folder written by ``netanalysis ingest``; default: the bundled
        SYNTHETIC sample.
    region : str or list of str, optional
        Focal region codes or names (default Daegu–Gyeongbuk); ``None``: the whole network.
    years : "YYYY-YYYY" or (int, int), optional
        Filing years; ``None``: every year in the data.
    out : path, optional
        ``.html`` (one self-contained file) or ``.md`` (plus a folder of PNGs); nothing is
        written without it.
    n_boot : int
        Bootstrap samples of each unit, actors and patents (default 200).
    seed : int
        Seed of the bootstrap and the null models.
    read : ReadOptions, optional
        How raw files are read (``--columns`` …).
    verbose : bool
        Progress bars.
    command : str, optional
        The command line to record (the CLI passes its own).
    **options
        Any field of :class:`netanalysis.figures.FigureSettings` (``null_model_runs``,
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
    from ..figures import FigureSettings, build_context

    if out is not None and Path(out).suffix.lower() not in (".html", ".htm", ".md"):
        raise NetanalysisError(f"output file {str(out)!r}: expected a name ending in .html or .md")
    settings = FigureSettings(
        data=None if data is None else tuple(str(p) for p in data),
        region=region if region is None or isinstance(region, str) else ",".join(region),
        years=years if years is None or isinstance(years, str) else f"{years[0]}-{years[-1]}",
        read=read or ReadOptions(), **options)
    ctx = build_context(settings)
    rep = report_from_context(ctx, n_boot=n_boot, seed=seed, command=command, verbose=verbose)
    if out is not None:
        rep.save(out)
    return rep


def cli_command(argv: Sequence[str]) -> str:
    """A command line from its arguments, quoted so it can be pasted back.

    Examples
    --------
    >>> cli_command(["report", "--region", "Daegu Jung-gu"])
    "netanalysis report --region 'Daegu Jung-gu'"
    """
    return " ".join(["netanalysis", *(shlex.quote(str(a)) for a in argv)])


__all__ = [
    "FIGURES_FOR",
    "SHARES",
    "Finding",
    "Report",
    "bootstrap_indicators",
    "build_report",
    "compare_regions",
    "headline_indicators",
    "report_from_context",
]
