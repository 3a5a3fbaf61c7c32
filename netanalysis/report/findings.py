"""The four questions answered in one generated sentence each (pure; no I/O).

Each ``answer_*`` function takes the numbers of
:func:`~netanalysis.report.indicators.headline_indicators` (and, where it has one, the
null model and the bootstrap intervals) and returns a :class:`Finding`: whether the
study's finding holds for these data, the sentence, and the numbers the sentence quotes.
The sentence's direction follows the numbers: when a finding does not hold, it says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import cast

import pandas as pd

from .indicators import unknown_size_note

PLURAL: dict[str, str] = {
    "university": "universities", "research_institute": "research institutes", "large_firm": "large firms",
    "sme": "SMEs", "firm": "firms of unknown size", "government": "government bodies", "hospital": "hospitals",
    "individual": "individuals", "other": "other actors", "": "actors of unknown type",
}

ALPHA = 0.05  # one-sided level at which a null-model difference is called real


@dataclass(frozen=True)
class Finding:
    """One question's answer.

    Attributes
    ----------
    key : str
        ``hubs_bridges``, ``one_time``, ``outside``, ``univ_univ``.
    question : str
        The question, as a heading.
    holds : bool or None
        Whether the motivating study's finding holds for these data; ``None`` when the data
        cannot answer (no university, no focal region …).
    sentence : str
        The generated answer.
    numbers : dict
        Every number the sentence quotes, unrounded, by name.
    evidence : list of str
        The figures and tables behind the sentence.
    """

    key: str
    question: str
    holds: bool | None
    sentence: str
    numbers: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)


def pct(x: float) -> str:
    """A share as the report prints it: ``70%``, ``1.9%``, ``0.4%``; ``n/a`` when undefined.

    Examples
    --------
    >>> pct(0.7048), pct(0.0189), pct(0.0)
    ('70%', '1.9%', '0%')
    """
    if x is None or not math.isfinite(x):
        return "n/a"
    v = 100 * x
    return f"{v:.0f}%" if v == 0 or abs(v) >= 10 else f"{v:.1f}%"


def _signed(x: float) -> str:
    """Percentage points with a sign, ``0`` for less than half a point either way."""
    v = round(100 * x)
    return f"{v:+d}" if v else "0"


def points(x: float) -> str:
    """A difference of shares in percentage points: ``+17 points``.

    Examples
    --------
    >>> points(0.172), points(-0.004)
    ('+17 points', '0 points')
    """
    return "n/a" if not math.isfinite(x) else f"{_signed(x)} points"


def _ci(ci: pd.DataFrame | None, name: str) -> tuple[str, dict[str, float]]:
    """`` (95% CI 66–73%)`` and its two ends, from a bootstrap table (nothing without one)."""
    if ci is None or name not in set(ci["indicator"]):
        return "", {}
    t = ci.set_index("indicator")
    lo, hi = float(cast(float, t.at[name, "low"])), float(cast(float, t.at[name, "high"]))
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return "", {}
    level = round(100 * ci.attrs.get("bootstrap", {}).get("level", 0.95))
    if name.endswith("_gap"):
        text = f" ({level}% CI {_signed(lo)} to {_signed(hi)} points)"
    else:
        text = f" ({level}% CI {pct(lo).rstrip('%')}–{pct(hi)})"
    return text, {f"{name}_low": lo, f"{name}_high": hi}


def _p(p: float, n: int | None = None) -> str:
    """``p = 0.012``; at the smallest value ``n`` draws can give, says so (the true p may be smaller)."""
    if not math.isfinite(p):
        return "n/a"
    if n and abs(p - 1 / (n + 1)) < 1e-12:
        return f"p ≤ {p:.2g}, the smallest {n:,} draws can show"
    return f"p = {p:.3f}" if p >= 0.001 else f"p = {p:.1e}"


def _num(ind: pd.Series, key: str) -> float:
    v = ind.get(key, float("nan"))
    return float(v) if v is not None and v == v else float("nan")


def answer_hubs(ind: pd.Series, label: str, null: pd.DataFrame | None = None,
                ci: pd.DataFrame | None = None) -> Finding:
    """Are universities the hubs (highest mean degree) and the bridges (highest mean betweenness)?

    Parameters
    ----------
    ind : pandas.Series
        :func:`~netanalysis.report.indicators.headline_indicators`.
    label : str
        The focus's name, e.g. ``Daegu–Gyeongbuk``.
    null : pandas.DataFrame, optional
        :func:`netanalysis.metrics.bipartite_null_model` (or ``betweenness_null_model``).
    ci : pandas.DataFrame, optional
        :func:`~netanalysis.report.uncertainty.bootstrap_indicators`.

    Returns
    -------
    Finding

    Examples
    --------
    >>> ind = pd.Series({"univ_n": 2.0, "n_actors": 10.0, "univ_share_actors": 0.2, "univ_share_degree": 0.5,
    ...                  "univ_share_betweenness": 0.9, "hub_type": "university", "bridge_type": "university"})
    >>> print(answer_hubs(ind, "Daegu").sentence)  # doctest: +NORMALIZE_WHITESPACE
    Universities are the hubs and the bridges: 2 universities (20% of the 10 actors in Daegu) hold
    50% of degree and 90% of betweenness.
    """
    q = "Are universities the hubs and the bridges?"
    n_univ = int(_num(ind, "univ_n") or 0) if math.isfinite(_num(ind, "univ_n")) else 0
    if n_univ == 0:
        return Finding("hubs_bridges", q, None, f"No university in {label} has a co-patent in these data, so "
                       "whether universities are the hubs and the bridges cannot be answered.",
                       {"univ_n": 0.0}, ["02_centrality_ranking"])
    hub, bridge = str(ind.get("hub_type", "")), str(ind.get("bridge_type", ""))
    is_hub, is_bridge = hub == "university", bridge == "university"
    lead = {(True, True): "Universities are the hubs and the bridges",
            (True, False): "Universities are the hubs but not the bridges",
            (False, True): "Universities are the bridges but not the hubs",
            (False, False): "Universities are neither the hubs nor the bridges"}[(is_hub, is_bridge)]
    numbers = {k: _num(ind, k) for k in ("univ_n", "n_actors", "univ_share_actors", "univ_share_degree",
                                          "univ_share_betweenness")}
    ci_text, ci_numbers = _ci(ci, "univ_share_betweenness")
    numbers.update(ci_numbers)
    word = "university" if n_univ == 1 else "universities"
    holds_word = "holds" if n_univ == 1 else "hold"
    s = (f"{lead}: {n_univ} {word} ({pct(numbers['univ_share_actors'])} of the {int(numbers['n_actors']):,} actors "
         f"in {label}) {holds_word} {pct(numbers['univ_share_degree'])} of degree and "
         f"{pct(numbers['univ_share_betweenness'])} of betweenness{ci_text}")
    others = []
    if not is_hub:
        others.append(f"{PLURAL.get(hub, hub)} have the highest mean degree")
    if not is_bridge:
        others.append(f"{PLURAL.get(bridge, bridge)} the highest mean betweenness" if others
                      else f"{PLURAL.get(bridge, bridge)} have the highest mean betweenness")
    s += ("; " + " and ".join(others) + "." if others else ".")
    if null is not None and "university" in set(null.iloc[:, 0].astype(str)):
        row = null[null.iloc[:, 0].astype(str) == "university"].iloc[0]
        n = int(null.attrs.get("null_model", {}).get("n", 0))
        p, z = float(row["p_greater"]), float(row["z"])
        more = p < ALPHA and float(row["observed"]) > float(row["null_mean"])
        numbers.update(null_observed=float(row["observed"]), null_mean=float(row["null_mean"]), null_z=z, null_p=p)
        kind = ("randomised patent–applicant networks" if "bipartite" in str(null.attrs.get("null_model", {}))
                else "degree-preserving rewirings")
        z_text = f"z = {z:.1f}, " if math.isfinite(z) else ""
        n_net = int(row["n_actors"]) if "n_actors" in row else n_univ
        s += (f" Against {n:,} {kind}, the mean betweenness of the network's {n_net:,} "
              f"{'university' if n_net == 1 else 'universities'} is {'more' if more else 'not more'} than their "
              f"numbers of patents and partners predict (observed {row['observed']:.3g} against "
              f"{row['null_mean']:.3g}; {z_text}{_p(p, n)}).")
    return Finding("hubs_bridges", q, is_hub and is_bridge, s, numbers, ["02_centrality_ranking",
                   "03_betweenness_by_type", "04_degree_by_type", "11_betweenness_null_model"])


def answer_one_time(ind: pd.Series, ci: pd.DataFrame | None = None, observed_years: int = 3) -> Finding:
    """Are university–SME ties mostly one-time, and more so than other ties?

    Parameters
    ----------
    ind : pandas.Series
        :func:`~netanalysis.report.indicators.headline_indicators`.
    ci : pandas.DataFrame, optional
        Bootstrap intervals.
    observed_years : int
        The window of the censoring-aware repeat share.

    Returns
    -------
    Finding

    Examples
    --------
    >>> ind = pd.Series({"univ_sme_one_time": 0.8, "other_one_time": 0.5, "univ_sme_n": 10.0, "other_n": 4.0,
    ...                  "univ_sme_censored": 0.0, "univ_sme_repeat_within": 0.1, "other_repeat_within": 0.25})
    >>> answer_one_time(ind).sentence.split(":")[0]
    'University–SME ties are mostly one-time'
    """
    q = "Are university–SME ties one-time?"
    n = _num(ind, "univ_sme_n")
    size_note, size_numbers = unknown_size_note(ind)  # firms of unknown size: left out, and counted as SMEs
    if not math.isfinite(n) or n == 0:
        return Finding("one_time", q, None, "No university–SME tie in these data, so whether such ties are "
                       "one-time cannot be answered." + size_note, {"univ_sme_n": 0.0, **size_numbers},
                       ["05_persistence_by_type_pair"])
    share, other = _num(ind, "univ_sme_one_time"), _num(ind, "other_one_time")
    numbers = {"univ_sme_one_time": share, "other_one_time": other, "univ_sme_n": n,
               "other_n": _num(ind, "other_n"), "one_time_gap": share - other}
    holds = share > 0.5
    ci_text, c = _ci(ci, "univ_sme_one_time")
    gap_text, g = _ci(ci, "one_time_gap")
    numbers.update(c)
    numbers.update(g)
    lead = "University–SME ties are mostly one-time" if holds else "University–SME ties are mostly not one-time"
    s = (f"{lead}: {pct(share)} of the {int(n):,} university–SME pairs{ci_text} share a single patent")
    if math.isfinite(other):
        sure = bool(g) and (g["one_time_gap_low"] > 0 or g["one_time_gap_high"] < 0)
        cmp = "more often than" if share > other else "less often than" if share < other else "as often as"
        s += (f", {cmp} the {int(numbers['other_n']):,} other pairs ({pct(other)}; difference "
              f"{points(share - other)}{gap_text.replace(' (', ', ').rstrip(')') if gap_text else ''})")
        if g:
            s += "" if sure else ", a difference the bootstrap cannot tell from none"
    s += "."
    censored = _num(ind, "univ_sme_censored")
    within = _num(ind, "univ_sme_repeat_within")
    if math.isfinite(censored):
        numbers.update(univ_sme_censored=censored, univ_sme_repeat_within=within,
                       other_repeat_within=_num(ind, "other_repeat_within"))
        s += (f" {int(censored):,} of these ties began in the last {observed_years} years and had little time to "
              f"repeat; of the rest, {pct(within)} repeated within {observed_years} years (other pairs: "
              f"{pct(numbers['other_repeat_within'])}).")
    s += size_note
    numbers.update(size_numbers)
    return Finding("one_time", q, holds, s, numbers, ["05_persistence_by_type_pair", "06_repeat_survival"])


def answer_outside(ind: pd.Series, label: str | None, ci: pd.DataFrame | None = None,
                   core_label: str = "the core region") -> Finding:
    """Do large collaborations depend on actors outside the focus, more than ties in general?

    Parameters
    ----------
    ind : pandas.Series
        :func:`~netanalysis.report.indicators.headline_indicators`.
    label : str or None
        The focus's name; ``None``: the whole network (the question has no answer).
    ci : pandas.DataFrame, optional
        Bootstrap intervals.
    core_label : str
        Words for the core region (``the capital area`` for Korea).

    Returns
    -------
    Finding

    Examples
    --------
    >>> ind = pd.Series({"outside_large": 0.6, "outside_all": 0.3, "core_large": 0.4, "large_n": 20.0})
    >>> answer_outside(ind, "Daegu").sentence.split(":")[0]
    'Large collaborations depend on actors outside Daegu more than other ties do'
    """
    q = "Do large collaborations depend on actors outside the region?"
    large_n = _num(ind, "large_n")
    if label is None:
        return Finding("outside", q, None, "No focal region was given, so dependence on actors outside it is not "
                       "measured.", {}, [])
    if not math.isfinite(large_n) or large_n == 0:
        return Finding("outside", q, None, f"No large collaboration (three or more applicants, or a large firm) "
                       f"touches {label} in these data, so their dependence on outside actors cannot be answered.",
                       {"large_n": 0.0}, ["08_openness_large_collaborations"])
    large, every, core = _num(ind, "outside_large"), _num(ind, "outside_all"), _num(ind, "core_large")
    core_text = f", {pct(core)} {core_label}" if _num(ind, "core_defined") else ""
    numbers = {"outside_large": large, "outside_all": every, "core_large": core, "large_n": large_n,
               "outside_gap": large - every}
    ci_text, c = _ci(ci, "outside_large")
    gap_text, g = _ci(ci, "outside_gap")
    numbers.update(c)
    numbers.update(g)
    holds = large > every
    lead = (f"Large collaborations depend on actors outside {label} more than other ties do" if holds
            else f"Large collaborations do not depend on actors outside {label} more than other ties do")
    most = "most" if large > 0.5 else "only " if large < every else ""
    s = (f"{lead}: {most + ' (' if most == 'most' else most}{pct(large)}{')' if most == 'most' else ''} of its "
         f"{int(large_n):,} large-collaboration ties (three or more applicants, or a large firm) reach a partner "
         f"outside{ci_text}{core_text}, against {pct(every)} of all its ties (difference "
         f"{points(large - every)}{gap_text.replace(' (', ', ').rstrip(')') if gap_text else ''})")
    if g and not (g["outside_gap_low"] > 0 or g["outside_gap_high"] < 0):
        s += ", a difference the bootstrap cannot tell from none"
    s += "."
    return Finding("outside", q, holds, s, numbers, ["07_openness_by_region", "08_openness_large_collaborations",
                                                     "13_region_map"])


def answer_univ_univ(ind: pd.Series, mixing_null: pd.DataFrame | None = None,
                     ci: pd.DataFrame | None = None) -> Finding:
    """Do universities rarely patent with each other, against chance?

    Parameters
    ----------
    ind : pandas.Series
        :func:`~netanalysis.report.indicators.headline_indicators`.
    mixing_null : pandas.DataFrame, optional
        :func:`netanalysis.metrics.mixing_null_model`; without it the sentence states the
        share only and ``holds`` is ``None``.
    ci : pandas.DataFrame, optional
        Bootstrap intervals.

    Returns
    -------
    Finding

    Examples
    --------
    >>> ind = pd.Series({"univ_univ_share": 0.02, "univ_univ_n": 2.0, "univ_ties_n": 100.0})
    >>> answer_univ_univ(ind).holds is None
    True
    """
    q = "Do universities patent with each other?"
    ties = _num(ind, "univ_ties_n")
    if not math.isfinite(ties) or ties == 0:
        return Finding("univ_univ", q, None, "No university has a tie in these data, so whether universities "
                       "patent with each other cannot be answered.", {"univ_ties_n": 0.0}, ["09_type_mixing"])
    share, uu = _num(ind, "univ_univ_share"), _num(ind, "univ_univ_n")
    numbers = {"univ_univ_share": share, "univ_univ_n": uu, "univ_ties_n": ties}
    ci_text, c = _ci(ci, "univ_univ_share")
    numbers.update(c)
    ci_inner = ci_text.replace(" (", "; ").rstrip(")")
    verb = "joins" if int(uu) == 1 else "join"
    body = f"{int(uu):,} of the {int(ties):,} ties of universities ({pct(share)}{ci_inner}) {verb} two universities"
    row = None
    if mixing_null is not None:
        hit = mixing_null[(mixing_null["group_a"] == "university") & (mixing_null["group_b"] == "university")]
        row = hit.iloc[0] if len(hit) else None
    if mixing_null is None or (row is None and uu > 0):
        return Finding("univ_univ", q, None, f"Universities' ties to each other: {body}.", numbers, ["09_type_mixing"])
    n = int(mixing_null.attrs.get("null_model", {}).get("n", 0))
    if row is None:  # no university–university tie at all: the null share of each draw
        p_less, p_greater, mean = 1 / (n + 1), 1.0, float("nan")
    else:
        p_less, p_greater, mean = float(row["p_less"]), float(row["p_greater"]), float(row["null_mean"])
    r = mixing_null.attrs.get("assortativity", {})
    numbers.update(null_mean=mean, null_p_less=p_less, null_p_greater=p_greater,
                   assortativity=float(r.get("observed", float("nan"))),
                   assortativity_null=float(r.get("null_mean", float("nan"))))
    if p_less < ALPHA and (not math.isfinite(mean) or share < mean):
        holds, lead, cmp = True, "Universities rarely patent with each other", "fewer than"
        p_text = _p(p_less, n)
    elif p_greater < ALPHA:
        holds, lead, cmp = False, "Universities patent with each other more often than chance", "more than"
        p_text = _p(p_greater, n)
    else:
        holds, lead, cmp = False, "Universities patent with each other about as often as chance predicts", "close to"
        p_text = _p(min(p_less, p_greater), n)
    s = f"{lead}: {body}, {cmp} the {n:,} randomised networks give (mean {pct(mean)}, {p_text})"
    if math.isfinite(numbers["assortativity"]):
        s += (f"; type assortativity r = {numbers['assortativity']:.2f} (randomised: "
              f"{numbers['assortativity_null']:.2f})")
    return Finding("univ_univ", q, holds, s + ".", numbers, ["09_type_mixing"])


__all__ = ["Finding", "answer_hubs", "answer_one_time", "answer_outside", "answer_univ_univ", "pct", "points"]
