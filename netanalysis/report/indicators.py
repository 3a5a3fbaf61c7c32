"""The headline numbers of the four questions, from one edge table (pure; no I/O).

One function, :func:`headline_indicators`, computes every number the report's sentences,
bootstrap intervals and region comparison use, each by the package's own metric
function, so a number in the report is always the one a user gets from the metric.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from .. import metrics as m
from .. import network as nw
from .._errors import NetworkInputError
from ..regions import within

#: The indicators, in the order of the report, with the words a table shows for each.
INDICATORS: dict[str, str] = {
    "n_actors": "actors in the focus with a tie",
    "n_ties": "ties (distinct pairs) touching the focus",
    "univ_n": "universities in the focus",
    "univ_share_actors": "universities' share of actors",
    "univ_share_degree": "universities' share of degree",
    "univ_share_betweenness": "universities' share of betweenness",
    "univ_sme_one_time": "university–SME ties that are one-time",
    "other_one_time": "other ties that are one-time",
    "outside_all": "ties reaching outside the focus",
    "outside_large": "large collaborations reaching outside",
    "core_large": "large collaborations reaching the core region",
    "univ_univ_share": "ties of the focus's universities joining two universities",
    "one_time_gap": "one-time share, university–SME minus other ties",
    "outside_gap": "outside share, large collaborations minus all ties",
    "univ_firm_n": "university ties with firms of unknown size (left out of the SME shares)",
    "univ_sme_one_time_if_sme": "university–SME ties that are one-time, firms of unknown size counted as SMEs",
}

#: The shares and differences the bootstrap gives intervals for (a subset of :data:`INDICATORS`).
SHARES: tuple[str, ...] = ("univ_share_betweenness", "univ_sme_one_time", "other_one_time", "one_time_gap",
                           "outside_all", "outside_large", "outside_gap", "univ_univ_share")

#: The shares the region comparison sets side by side.
COMPARED: tuple[str, ...] = ("univ_share_betweenness", "univ_sme_one_time", "outside_all", "outside_large",
                             "univ_univ_share")

UNIV_SME = "university–sme"
#: University ties with firms of unknown size: neither university–SME nor other ties in the SME findings.
UNIV_FIRM = "university–firm"


def sme_comparable(dyads: pd.DataFrame) -> pd.DataFrame:
    """The typed dyads the SME findings compare: both ends typed, university–firm (unknown size) left out.

    Parameters
    ----------
    dyads : pandas.DataFrame
        :func:`netanalysis.metrics.dyad_persistence` output (``type_u, type_v, type_pair``).

    Returns
    -------
    pandas.DataFrame
        The rows of ``dyads`` whose two ends have a type and that are not university ties
        with a firm of unknown size (such a firm may be an SME or not).

    Examples
    --------
    >>> d = pd.DataFrame({"type_u": ["university", "university", "sme"], "type_v": ["sme", "firm", ""],
    ...                   "type_pair": ["university–sme", "university–firm", ""]})
    >>> sme_comparable(d)["type_pair"].tolist()
    ['university–sme']
    """
    typed = (dyads["type_u"].fillna("") != "") & (dyads["type_v"].fillna("") != "")
    return dyads[typed & (dyads["type_pair"] != UNIV_FIRM)]


def unknown_size_note(ind: pd.Series) -> tuple[str, dict[str, float]]:
    """The one-time answer's sensitivity line: what counting firms of unknown size as SMEs changes.

    Parameters
    ----------
    ind : pandas.Series
        :func:`headline_indicators` output.

    Returns
    -------
    (str, dict)
        A sentence (empty when no university tie has a firm of unknown size) and the numbers
        it quotes.

    Examples
    --------
    >>> ind = pd.Series({"univ_firm_n": 40.0, "univ_sme_one_time_if_sme": 0.75, "univ_sme_n_if_sme": 140.0,
    ...                  "other_one_time_if_sme": 0.5})
    >>> unknown_size_note(ind)[0].split(";")[1]  # the first part says how many ties were left out
    ' counting those firms as SMEs, 75% of the 140 university–SME pairs are one-time (other pairs: 50%).'
    """
    n = float(ind.get("univ_firm_n", 0.0) or 0.0)
    if not n == n or n == 0:
        return "", {}
    share, total = float(ind["univ_sme_one_time_if_sme"]), float(ind["univ_sme_n_if_sme"])
    other = float(ind.get("other_one_time_if_sme", float("nan")))
    pct = lambda x: "n/a" if x != x else f"{100 * x:.0f}%"  # noqa: E731
    text = (f" SMEs are firms with evidence of their size: {int(n):,} university ties with firms of unknown size "
            f"are left out; counting those firms as SMEs, {pct(share)} of the {int(total):,} university–SME pairs "
            f"are one-time (other pairs: {pct(other)}).")
    return text, {"univ_firm_n": n, "univ_sme_one_time_if_sme": share, "univ_sme_n_if_sme": total,
                  "other_one_time_if_sme": other}


def _by_type(cent: pd.DataFrame, value: str) -> tuple[float, str]:
    """Universities' share of the total of ``value`` (``summarise_by``'s ``share_of_total``) and
    the actor type with the highest mean ``value`` (ties broken by name): one summary for both."""
    if cent.empty:
        return float("nan"), ""
    s = m.summarise_by(cent, "actor_type", value)
    share = float(s.set_index("actor_type")["share_of_total"].get("university", 0.0))
    if not float(s["total"].sum()) > 0:  # nobody has any: a share of nothing is undefined, not 0
        share = float("nan")
    typed = s[s["actor_type"].astype(str) != ""]
    leader = "" if typed.empty else str(
        typed.sort_values(["mean", "actor_type"], ascending=[False, True]).iloc[0]["actor_type"])
    return share, leader


def _one_time(edges: pd.DataFrame, actors: pd.DataFrame, end_year: int | None,
              survival: bool = True) -> dict[str, float]:
    """One-time shares of university–SME ties and of all other ties (both ends typed; university ties
    with firms of unknown size left out), and the same counting those firms as SMEs."""
    dyads = m.dyad_persistence(edges, actors)
    univ_firm = dyads[dyads["type_pair"] == UNIV_FIRM]
    out = {"univ_firm_n": float(len(univ_firm))}
    if len(univ_firm):
        as_sme = dyads.assign(type_pair=dyads["type_pair"].replace(UNIV_FIRM, UNIV_SME))
        alt = _pooled_one_time(sme_comparable(as_sme), end_year)
        out.update(univ_sme_one_time_if_sme=alt["univ_sme_one_time"], other_one_time_if_sme=alt["other_one_time"],
                   univ_sme_n_if_sme=alt["univ_sme_n"])
    km = _km_once(edges, actors, end_year) if survival else {"univ_sme_km_once": float("nan"),
                                                            "other_km_once": float("nan")}
    return {**_pooled_one_time(sme_comparable(dyads), end_year), **out, **km}


def _pooled_one_time(typed: pd.DataFrame, end_year: int | None) -> dict[str, float]:
    """One-time shares of the university–SME dyads and of every other dyad of ``typed``."""
    if typed.empty:  # the counts are zero, the shares undefined
        return {k: 0.0 if k.endswith("_n") else float("nan")
                for k in ("univ_sme_one_time", "other_one_time", "univ_sme_n", "other_n", "univ_sme_repeat_within",
                          "other_repeat_within", "univ_sme_censored")}
    pooled = typed.assign(type_pair=np.where(typed["type_pair"] == UNIV_SME, UNIV_SME, "other"))
    t = m.persistence_by_type_pair(pooled, end_year=end_year).set_index("type_pair")
    get = lambda pair, col: float(cast(float, t.at[pair, col])) if pair in t.index else float("nan")  # noqa: E731
    count = lambda pair: get(pair, "n_dyads") if pair in t.index else 0.0  # noqa: E731
    return {"univ_sme_one_time": get(UNIV_SME, "share_one_time"), "other_one_time": get("other", "share_one_time"),
            "univ_sme_n": count(UNIV_SME), "other_n": count("other"),
            "univ_sme_repeat_within": get(UNIV_SME, "share_repeat_within"),
            "other_repeat_within": get("other", "share_repeat_within"),
            "univ_sme_censored": get(UNIV_SME, "n_censored")}


def _km_once(edges: pd.DataFrame, actors: pd.DataFrame, end_year: int | None, years: int = 3) -> dict[str, float]:
    """Kaplan–Meier share of ties not repeated ``years`` after their first patent (``repeat_survival``),
    university–SME and all other pairs; NaN where no tie of the group was seen that long."""
    km = m.repeat_survival(edges, actors, end_year=end_year)
    at = km[km["years"] == years].set_index("group")["survival"]
    return {"univ_sme_km_once": float(at.get(UNIV_SME, float("nan"))),
            "other_km_once": float(at.get("all other pairs", float("nan")))}


def _outside(edges: pd.DataFrame, actors: pd.DataFrame, focal: list[str] | None,
             core: dict[str, list[str]] | None) -> tuple[dict[str, float], list[str]]:
    """Shares of ties (all, large) reaching beyond the focus, of those whose partner is placed,
    and the notes of the fallbacks ``regional_openness`` took."""
    keys = ("outside_all", "outside_large", "core_large", "large_n", "all_placed_n", "core_defined")
    if not focal:
        return {k: float("nan") for k in keys}, []
    o = m.regional_openness(edges, actors, focal, core=core)
    notes = list(o.attrs.get("notes", []))
    o = o[o["category"] != "unknown"]
    n = o.groupby("scope")["n_ties"].sum()
    outside = o[o["category"] != "internal"].groupby("scope")["n_ties"].sum()
    core_n = o[o["category"] == "core_region"].groupby("scope")["n_ties"].sum()
    share = lambda num, scope: float(num.get(scope, 0) / n[scope]) if n.get(scope, 0) else float("nan")  # noqa: E731
    return {"outside_all": share(outside, "all"), "outside_large": share(outside, "large"),
            "core_large": share(core_n, "large"), "large_n": float(n.get("large", 0)),
            "all_placed_n": float(n.get("all", 0)), "core_defined": float(bool(o.attrs.get("core")))}, notes


def _univ_univ(edges: pd.DataFrame, actors: pd.DataFrame, focal: list[str] | None = None) -> dict[str, float]:
    """University–university ties as a share of the universities' ties (``type_mixing``'s row
    share); with a focus, of the ties of the universities located in it (the population of
    :func:`netanalysis.metrics.mixing_null_model`'s university row)."""
    empty = {"univ_univ_share": float("nan"), "univ_univ_n": 0.0, "univ_ties_n": 0.0, "univ_univ_actors": 0.0}
    if focal and "region" in actors.columns:
        a = actors.drop_duplicates("applicant_id")
        ours = a.loc[(a["actor_type"].astype(str) == "university")
                     & within(a["region"].fillna("").astype(str), focal), "applicant_id"]
        edges = edges[edges["u"].isin(ours) | edges["v"].isin(ours)]
        if edges.empty:
            return empty
    try:
        mix = m.type_mixing(edges, actors)
    except NetworkInputError:  # no tie with both ends typed: the share is undefined
        return empty
    row = mix[mix["group_a"] == "university"]
    if row.empty:
        return empty
    uu = row[row["group_b"] == "university"]
    kind = actors.drop_duplicates("applicant_id").set_index("applicant_id")["actor_type"].astype("string")
    e = edges[edges["u"].map(kind).fillna("").ne("") & edges["v"].map(kind).fillna("").ne("")]  # as type_mixing
    ends = pd.unique(pd.concat([e["u"], e["v"]]))
    univ = kind.reindex(ends).fillna("").eq("university")
    if focal and "region" in actors.columns:
        univ &= pd.Series(ends, index=ends).isin(ours)
    return {"univ_univ_share": float(uu["row_share_ties"].sum()), "univ_univ_n": float(uu["n_ties"].sum()),
            "univ_ties_n": float(row["n_ties"].sum()), "univ_univ_actors": float(univ.sum())}


def headline_indicators(
    edges: pd.DataFrame,
    actors: pd.DataFrame,
    region: list[str] | None = None,
    centrality: pd.DataFrame | None = None,
    end_year: int | None = None,
    core: dict[str, list[str]] | None = None,
    survival: bool = True,
) -> pd.Series:
    """Every number behind the report's four answers, for the ties of one focus.

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table of the ties touching the focus
        (:func:`netanalysis.network.edges_from_applications` with ``region=``).
    actors : pandas.DataFrame
        Actor table (``applicant_id``, ``actor_type``, ``region``, ``country``).
    region : list of str, optional
        Focal region codes; ``None``: the whole network (no openness numbers).
    centrality : pandas.DataFrame, optional
        :func:`netanalysis.metrics.centrality` of the network of ``edges`` (computed when
        not given).
    end_year : int, optional
        Last year of the period, for the censoring-aware repeat shares.
    core : dict, optional
        Core regions by country beyond the built-in Korean capital area.
    survival : bool, default True
        Compute the Kaplan–Meier shares (``univ_sme_km_once``, ``other_km_once``); False
        leaves them NaN, for callers that never quote them (bootstrap samples, the region
        comparison), which saves a survival fit per call.

    Returns
    -------
    pandas.Series
        Named numbers (floats; the two leader types as strings): see :data:`INDICATORS`,
        plus ``hub_type`` and ``bridge_type`` (the types with the highest mean degree and
        mean betweenness among focal actors), the pair sizes and the censoring counts.
        ``attrs["notes"]``: a sentence for each fallback a metric took (e.g. an edge table
        without ``weight_3plus``), for the report to state.

    Notes
    -----
    Each number is a metric function's output: shares of degree and betweenness are
    ``summarise_by(...)["share_of_total"]`` over the actors located in the focus; one-time
    shares are ``persistence_by_type_pair`` on the dyads pooled into university–SME and
    every other typed pair, university ties with firms of unknown size (type ``firm``) left
    out of both and counted as university–SME in the ``*_if_sme`` sensitivity numbers;
    outside shares are ``regional_openness`` counts of ties whose partner lies outside
    the focus, over the ties whose partner is placed (unknown left out); the
    university–university share is ``type_mixing``'s ``row_share_ties`` on the ties of the
    universities located in the focus (every university without one) — the actors the shares
    of degree and betweenness are over, and the population of the mixing null model's row.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2"], "applicant_id": ["U", "a", "U", "b"],
    ...                      "year": [2010, 2010, 2011, 2011], "region": ["KR-27"] * 4})
    >>> act = pd.DataFrame({"applicant_id": ["U", "a", "b"], "actor_type": ["university", "sme", "sme"],
    ...                     "region": ["KR-27"] * 3, "country": ["KR"] * 3})
    >>> e = nw.edges_from_applications(apps)
    >>> s = headline_indicators(e, act, ["KR-27"])
    >>> float(s["univ_share_betweenness"]), float(s["univ_sme_one_time"]), float(s["outside_all"])
    (1.0, 1.0, 0.0)
    """
    if edges.empty:
        raise NetworkInputError("no tie in the focus: nothing to measure")
    if centrality is None:
        centrality = m.centrality(nw.to_igraph(edges, actors))
    cent = centrality if region is None else centrality[within(centrality["region"].fillna("").astype(str), region)]
    n_actors = len(cent)
    univ = int((cent["actor_type"].astype(str) == "university").sum())
    (degree_share, hub), (betweenness_share, bridge) = _by_type(cent, "degree"), _by_type(cent, "betweenness")
    out: dict[str, float | str] = {
        "n_actors": float(n_actors), "n_ties": float(len(nw.collapse(edges))), "univ_n": float(univ),
        "univ_share_actors": univ / n_actors if n_actors else float("nan"),
        "univ_share_degree": degree_share, "univ_share_betweenness": betweenness_share,
        "hub_type": hub, "bridge_type": bridge,
    }
    out.update(_one_time(edges, actors, end_year, survival))
    outside, notes = _outside(edges, actors, region, core)
    out.update(outside)
    out.update(_univ_univ(edges, actors, region))
    out["one_time_gap"] = float(out["univ_sme_one_time"]) - float(out["other_one_time"])
    out["outside_gap"] = float(out["outside_large"]) - float(out["outside_all"])
    series = pd.Series(out, dtype=object)
    series.attrs["notes"] = [f"Openness: {t}." for t in notes]
    return series


__all__ = ["COMPARED", "INDICATORS", "SHARES", "UNIV_FIRM", "headline_indicators", "sme_comparable",
           "unknown_size_note"]
