"""The figure steps of a run: for each output a name, the table behind it and how it is drawn.

A :class:`FigureStep` is a name, a ``compute`` that turns the shared
:class:`~netanalysis.run.context.RunContext` into the table behind the figure, and a ``draw``
that turns that table into ``(fig, ax)`` (or ``None`` for a table without a figure). A new
figure is one more entry in :data:`STEPS`; its plotting function goes in
:mod:`netanalysis.plotting`, its metric in :mod:`netanalysis.metrics`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .. import metrics as m
from .. import plotting as pl
from .._errors import NetworkInputError
from ..regions import within
from ..report.compare import compare_regions
from ..report.instruments import comparison_regions, focus_patents
from .context import RunContext, focus_level

Draw = Callable[[RunContext, pd.DataFrame], tuple[Any, Any]]


@dataclass(frozen=True)
class FigureStep:
    """One output of the run: ``<name>.csv`` and, when ``draw`` is given, ``.png`` and ``.svg``."""

    name: str
    compute: Callable[[RunContext], pd.DataFrame]
    draw: Draw | None = None
    needs_focus: bool = False  # skipped when the whole network is analysed
    slow: bool = False  # its table is a long computation (started in the background): drawn after the others


def _ranked(scores: pd.Series, k: int) -> int:
    """How many bars the ranking draws: the top ``k``, less those with a score of 0."""
    positive = int((scores > 0).sum())
    return min(k, positive) if positive else min(k, len(scores))


def _brokerage_of_focal(ctx: RunContext) -> pd.DataFrame:
    brokers = m.brokerage(ctx.edges, ctx.actors)
    located = brokers.merge(ctx.actors[["applicant_id", "region", "name"]], on="applicant_id")
    return m.brokerage_by_group(ctx.in_focus(located))


#: ``RunContext.computed`` key of both bipartite null models of a run (drawn together).
NULL_MODELS = "null_models"
#: ``RunContext.tables`` key of the mixing null model drawn with the betweenness one (the report's).
MIXING_NULL = "mixing_null_model"


def _null_tables(ctx: RunContext, n_jobs: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The run's bipartite null models of betweenness and of mixing, from one chain of draws
    (:func:`netanalysis.metrics.null_models`: the tables of the two models apart)."""
    s = ctx.settings
    return m.null_models(ctx.processed.applications, ctx.actors, n=s.null_model_runs, seed=s.seed, region=ctx.focal,
                         years=ctx.years, n_jobs=n_jobs)


def _null_model(ctx: RunContext) -> pd.DataFrame:
    """Betweenness by type against the chosen null model (bipartite by default; its mixing twin,
    drawn on the same networks, kept in ``ctx.tables`` for the report)."""
    s = ctx.settings
    if s.null_model == "bipartite":
        between, mixing = ctx.computed(NULL_MODELS, lambda: _null_tables(ctx))
        ctx.tables[MIXING_NULL] = mixing
        return between
    if s.null_model == "rewire":
        return m.betweenness_null_model(ctx.graph, n=s.null_model_runs, seed=s.seed, region=ctx.focal)
    raise NetworkInputError(f"null_model={s.null_model!r}; expected 'bipartite' or 'rewire'")


def _draws_run(ctx: RunContext, table: pd.DataFrame) -> int:
    """The randomised networks the null model drew (fewer than asked when every p settled early)."""
    return int(table.attrs.get("null_model", {}).get("n", ctx.settings.null_model_runs))


def _repeat_survival(ctx: RunContext) -> pd.DataFrame:
    """Kaplan–Meier time to first repeat, university–SME ties against the rest."""
    if ctx.years[1] - int(ctx.edges["year"].min()) < 1:
        raise NetworkInputError(f"the ties span a single year ({ctx.years[1]}): no tie can be seen to repeat")
    return m.repeat_survival(ctx.edges, ctx.actors, end_year=ctx.years[1])


def _ranking(ctx: RunContext) -> pd.DataFrame:
    """The top actors by betweenness, each marked in or outside the focus."""
    top = ctx.centrality.sort_values(["betweenness", "applicant_id"], ascending=[False, True], kind="stable")
    top = top.head(ctx.settings.ranking_size)
    inside = pd.Series(True, index=top.index) if ctx.focal is None else within(
        top["region"].fillna("").astype(str), ctx.focal)
    return top.assign(in_focus=inside)


def _openness(ctx: RunContext) -> pd.DataFrame:
    """The focus's openness, then every other region of its level in its country."""
    focal = m.regional_openness(ctx.edges, ctx.actors, ctx.focal or [], core=ctx.settings.core)
    code = ",".join(focal.attrs["region"])
    countries = focal.attrs["countries"]
    focal = focal.assign(focal=ctx.label, code=code)
    by_region = m.openness_by_region(ctx.edges_all, ctx.actors, level=focus_level(ctx),
                                     country=countries[0] if len(countries) == 1 else None, core=ctx.settings.core)
    by_region = by_region[(by_region["code"] != code) & (by_region["focal"] != ctx.label)]
    return pd.concat([focal, by_region], ignore_index=True)[["focal", "code", *focal.columns[:-2]]]


def _region_comparison(ctx: RunContext) -> pd.DataFrame:
    """The report's headline shares for the focus and every other region of its level."""
    return compare_regions(ctx.processed.applications, ctx.actors, ctx.focal or [], ctx.years,
                           level=focus_level(ctx), core=ctx.settings.core)


def network_bursts(ctx: RunContext) -> dict[str, pd.DataFrame]:
    """Kleinberg bursts of the focus network's actors, its ties and the technology classes (IPC, else the
    ``technology`` column), and with a focus the classes of the focus's applications, computed once per
    run and kept in ``ctx.tables`` (``bursts_actors``, ``bursts_ties``, ``bursts_classes``,
    ``bursts_classes_focus``) for the report."""
    if "bursts_actors" not in ctx.tables:
        apps = ctx.processed.applications
        found = m.all_bursts(apps, ctx.edges, years=ctx.years)
        if ctx.focal and "class_name" in found["classes"].attrs:
            try:
                found["classes_focus"] = m.class_bursts(focus_patents(apps, ctx.actors, ctx.focal), years=ctx.years)
            except NetworkInputError as e:
                found["classes_focus"] = found["classes"].iloc[0:0].copy()
                found["classes_focus"].attrs = {**found["classes"].attrs, "notes": [str(e)]}
        ctx.tables.update({f"bursts_{k}": t for k, t in found.items()})
    keys = ("actors", "ties", "classes", "classes_focus")
    return {k: ctx.tables[f"bursts_{k}"] for k in keys if f"bursts_{k}" in ctx.tables}


def specialisation_tables(ctx: RunContext) -> dict[str, pd.DataFrame]:
    """Region × class counts over the focus's comparison regions and the measures on them (``counts``,
    ``rca``, ``density``, ``regions`` and ``classes`` complexity), computed once per run (``ctx.tables``)."""
    if "specialisation_rca" not in ctx.tables:
        if not ctx.focal:
            raise NetworkInputError("specialisation compares the focus with the other regions; give a region")
        _foci, peers, lvl = comparison_regions(ctx.actors, ctx.focal, focus_level(ctx))
        apps = ctx.processed.applications
        apps = apps[apps["year"].between(*ctx.years)]
        counts = m.region_technology_counts(apps, ctx.actors, level=lvl)
        counts = counts.loc[counts.index.isin(peers)] if peers else counts
        ctx.tables.update({"specialisation_counts": counts, "specialisation_rca": m.rca(counts),
                           "specialisation_density": m.relatedness_density(counts),
                           "specialisation_regions": m.knowledge_complexity(counts),
                           "specialisation_classes": m.knowledge_complexity(counts, of="classes")})
    keys = ("counts", "rca", "density", "regions", "classes")
    return {k: ctx.tables[f"specialisation_{k}"] for k in keys}


def _specialisation(ctx: RunContext) -> pd.DataFrame:
    """One row per region and class: count, RCA, relatedness density; the region's and the class's complexity."""
    t = specialisation_tables(ctx)
    long = t["counts"].rename_axis("region").reset_index().melt(id_vars="region", var_name="cls", value_name="count")
    for key, col in (("rca", "rca"), ("density", "relatedness_density")):
        where = pd.MultiIndex.from_frame(long[["region", "cls"]])
        long[col] = t[key].stack(future_stack=True).reindex(where).to_numpy()
    long = long.merge(t["regions"].rename(columns={"complexity": "region_complexity", "diversity": "region_diversity"}),
                      left_on="region", right_index=True, how="left")
    long = long.merge(t["classes"].rename(columns={"complexity": "class_complexity", "ubiquity": "class_ubiquity"}),
                      left_on="cls", right_index=True, how="left")
    long = long.rename(columns={"cls": "class"})
    long.insert(1, "focal", within(long["region"].astype(str), ctx.focal or []).to_numpy())
    long.attrs = dict(t["rca"].attrs)
    return long


def _relatedness_density(ctx: RunContext) -> pd.DataFrame:
    """The focus's row of the specialisation table: each class's RCA, relatedness density and complexity."""
    long = ctx.tables["20_specialisation"] if "20_specialisation" in ctx.tables else _specialisation(ctx)
    mine = long[long["focal"]]
    if mine.empty:
        raise NetworkInputError(f"{ctx.label} has no application with a technology class and a located applicant")
    first = mine["region"].iloc[0]
    return mine[mine["region"] == first].drop(columns=["focal"]).reset_index(drop=True)


def _class_bursts(ctx: RunContext) -> pd.DataFrame:
    """The class bursts of the focus's applications and of every region's, stacked (``scope``)."""
    found = network_bursts(ctx)
    parts = [(found.get("classes_focus"), ctx.label), (found.get("classes"), "All regions")]
    kept = [t.assign(scope=label) for t, label in parts if t is not None and len(t)]
    if not kept:
        why = "; ".join(dict.fromkeys(n for t, _ in parts if t is not None for n in t.attrs.get("notes", [])[:1]))
        raise NetworkInputError(f"no technology class burst to draw: {why}")
    out = pd.concat(kept, ignore_index=True)
    out.attrs = {**found["classes"].attrs, "notes": []}
    return out


def _bursts(ctx: RunContext) -> pd.DataFrame:
    """The burst tables in one (``what``: actors, ties, classes, classes_focus); a family without bursts adds
    no row."""
    found = network_bursts(ctx)
    parts = [t.assign(what=k) for k, t in found.items() if len(t)]
    if not parts:
        raise NetworkInputError("no burst in the focus's actors, ties or technology classes: "
                                + "; ".join(n for t in found.values() for n in t.attrs.get("notes", [])[:1]))
    return pd.concat(parts, ignore_index=True)


def _timeline(ctx: RunContext) -> pd.DataFrame:
    """Each actor of the focus: entry (first tie), last tie, mean tie year, and its bursts of applications."""
    return ctx.in_focus(m.timeline_table(ctx.edges, ctx.actors, network_bursts(ctx)["actors"]))


def _invention_vs_ownership(ctx: RunContext) -> pd.DataFrame:
    """Patents invented (by inventor address) and owned (by applicant) in every region of the focus's level."""
    apps = ctx.processed.applications
    apps = apps[apps["year"].between(*ctx.years)]
    inventors = ctx.inventors
    if inventors is not None:
        inventors = inventors[inventors["patent_id"].astype(str).isin(set(apps["patent_id"].astype(str)))]
    return m.invention_vs_ownership(apps, inventors, level=focus_level(ctx))


def _region_actor_counts(ctx: RunContext) -> pd.DataFrame:
    return m.actors_by_region(ctx.actors, level=focus_level(ctx))


STEPS: list[FigureStep] = [
    FigureStep(
        "01_network", lambda c: c.centrality,
        lambda c, t: pl.plot_network(
            c.graph, t, focal_region=c.focal, credit=f"{c.credit} {c.type_note}",
            title=f"Industry–academia co-patent network, {c.label}, {c.period}")),
    FigureStep(
        "02_centrality_ranking", _ranking,
        lambda c, t: pl.plot_centrality_ranking(
            c.centrality, "betweenness", c.settings.ranking_size, focal_region=c.focal, credit=c.credit,
            title=f"{pl.ranking_title(_ranked(c.centrality['betweenness'], c.settings.ranking_size))} "
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
            credit=c.credit_all), needs_focus=True, slow=True),
    FigureStep(
        "08_openness_large_collaborations", lambda c: c.tables["07_openness_by_region"],
        lambda c, t: pl.plot_openness(
            t, scope="large", highlight=c.label, credit=c.credit_all,
            title="Large collaborations (≥ 3 applicants or a large firm): partner location"), needs_focus=True,
        slow=True),
    FigureStep(
        "09_type_mixing", lambda c: m.type_mixing(c.edges, c.actors),
        lambda c, t: pl.plot_mixing_heatmap(
            t, title=f"Who co-patents with whom ({c.label}, {c.period})", credit=f"{c.credit} {c.type_note}")),
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
            credit=c.credit), slow=True),
    FigureStep(
        "12_network_over_time", lambda c: m.network_by_period(c.edges, c.actors),
        lambda c, t: pl.plot_network_by_period(
            t, title=f"Co-patent network of {c.label} over time", credit=c.credit)),
    FigureStep(
        "13_region_map", lambda c: m.region_ties(c.edges_all, c.actors, level=focus_level(c)),
        lambda c, t: pl.plot_region_map(
            t, _region_actor_counts(c), focal_region=c.focal, min_ties=c.settings.map_min_ties,
            boundaries=c.settings.boundaries,
            title=f"Inter-regional co-patent ties, {c.period}", credit=c.credit_all), needs_focus=True),
    FigureStep(
        "14_region_comparison", _region_comparison,
        lambda c, t: pl.plot_region_comparison(
            t, title=f"{c.label} against the other regions, {c.period}", credit=c.credit_all), needs_focus=True,
        slow=True),
    FigureStep("15_bursts", _bursts),
    FigureStep(
        "16_timeline", _timeline,
        lambda c, t: pl.plot_timeline(
            t, title=f"Actors entering the network, and their bursts ({c.label})", credit=c.credit)),
    FigureStep(
        "17_network_density",
        lambda c: c.focal_centrality[["applicant_id", "label", "actor_type", "region", "degree", "betweenness"]],
        lambda c, t: pl.plot_density(
            c.graph, c.centrality, focal_region=c.focal, credit=c.credit,
            title=f"Density of the co-patent network, {c.label}, {c.period}")),
    FigureStep(
        "18_network_mean_year",
        lambda c: c.centrality.merge(m.mean_tie_year(c.edges)[["applicant_id", "mean_year"]], on="applicant_id",
                                     how="left"),
        lambda c, t: pl.plot_network(
            c.graph, t, focal_region=c.focal, color_by="mean_year", credit=c.credit,
            title=f"Co-patent network of {c.label}, coloured by the mean year of each actor's ties")),
    FigureStep(
        "19_invention_vs_ownership", _invention_vs_ownership,
        lambda c, t: pl.plot_invention_vs_ownership(
            t, focus=c.focal, credit=c.credit_all,
            title=f"Where inventions happen and where their owners sit, {c.period}"), needs_focus=True),
    FigureStep(
        "20_specialisation", _specialisation,
        lambda c, t: pl.plot_specialisation(
            specialisation_tables(c)["rca"], specialisation_tables(c)["regions"], focus=c.focal,
            sizes=specialisation_tables(c)["counts"].sum(axis=1), credit=c.credit_all,
            title=f"Technological specialisation (RCA) of {c.label} and the other regions in "
                  f"{specialisation_tables(c)['rca'].attrs.get('class_names', 'technology classes')}, {c.period}"),
        needs_focus=True),
    FigureStep(
        "21_relatedness_density", _relatedness_density,
        lambda c, t: pl.plot_relatedness_density(
            specialisation_tables(c)["rca"], specialisation_tables(c)["density"], specialisation_tables(c)["classes"],
            focus=str(t["region"].iloc[0]), credit=c.credit_all), needs_focus=True),
    FigureStep(
        "22_class_bursts", _class_bursts,
        lambda c, t: pl.plot_class_bursts(
            t, years=c.years, credit=c.credit_all,
            title=f"Bursts of {t.attrs.get('class_names', 'technology classes')}: {c.label} and all regions, "
                  f"{c.period}")),
]


__all__ = ["MIXING_NULL", "NULL_MODELS", "STEPS", "FigureStep", "network_bursts", "specialisation_tables"]
