"""The four questions answered in one generated sentence each (pure; no I/O).

Each ``answer_*`` function takes the numbers of
:func:`~netanalysis.report.indicators.headline_indicators` (and, where it has one, the
null model and the bootstrap intervals) and returns a :class:`Finding`: whether the
study's finding holds for these data, the sentence, and the numbers the sentence quotes.
The sentence's direction follows the numbers: when a finding does not hold, it says so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from .indicators import unknown_size_note

PLURAL: dict[str, str] = {
    "university": "universities", "research_institute": "research institutes", "large_firm": "large firms",
    "sme": "SMEs", "firm": "firms of unknown size", "government": "government bodies", "hospital": "hospitals",
    "individual": "individuals", "other": "other actors", "": "actors of unknown type",
}

ALPHA = 0.05  # one-sided level at which a null-model difference is called real

#: The fewest actors and ties on which a finding may be called held (or not held).
MIN_UNIVERSITIES = 3  # universities in the focus (hubs and bridges)
MIN_ACTORS = 10  # actors in the focus with a tie (hubs and bridges)
MIN_TIES = 10  # ties in each group a share or a comparison is taken over

#: Above this share, a focus's location is called an artefact of one route or of missing regions.
COVERAGE_LIMIT = 0.5


@dataclass(frozen=True)
class Check:
    """One piece of evidence behind a verdict.

    Attributes
    ----------
    name : str
        ``share``, ``comparison``, ``null model``, ``size`` or ``coverage``.
    sign : int
        For ``share``, ``comparison`` and ``null model``: ``1`` when it points to the study's
        finding, ``-1`` when it points the other way, ``0`` when it cannot tell.  For the
        gates ``size`` and ``coverage``: ``1`` when met, ``0`` when not.
    words : str
        What the evidence says, in words (quoted as the reason when the verdict is open).
    """

    name: str
    sign: int
    words: str
    detail: str = ""  # the longer account (the coverage gate's, said before the findings)

    @property
    def gate(self) -> bool:
        """Whether the check is a precondition (size, coverage) rather than a direction."""
        return self.name in ("size", "coverage")


def verdict(checks: list[Check]) -> tuple[bool | None, str]:
    """The verdict one rule gives for every question, and its reason in words.

    The finding *holds* when every directional check (share, comparison, null model)
    points to it and every gate (size, coverage) is met; it *does not hold* when every
    directional check points the other way and every gate is met; otherwise it is *not
    supported by these data*, and the reason names each check that is open, unmet or
    points elsewhere.

    Parameters
    ----------
    checks : list of Check

    Returns
    -------
    (bool or None, str)
        ``True`` / ``False`` / ``None`` and the reason (``""`` when decided).

    Examples
    --------
    >>> verdict([Check("share", 1, "most"), Check("comparison", 0, "the interval contains 0"),
    ...          Check("size", 1, "")])
    (None, 'only the share points to the finding; the interval contains 0.')
    >>> verdict([Check("share", -1, ""), Check("comparison", -1, ""), Check("size", 1, "")])
    (False, '')
    """
    gates = [c for c in checks if c.gate]
    direction = [c for c in checks if not c.gate]
    unmet = [c.words for c in gates if c.sign != 1]
    if not unmet and direction and all(c.sign == 1 for c in direction):
        return True, ""
    if not unmet and direction and all(c.sign == -1 for c in direction):
        return False, ""
    open_ = [c.words for c in direction if c.sign == 0]
    signs = {c.sign for c in direction} - {0}
    mixed = []
    if signs == {1, -1}:
        mixed = ["the evidence points both ways: " + "; ".join(
            f"{c.name} {'for' if c.sign == 1 else 'against'} ({c.words})" for c in direction if c.sign)]
    elif signs and open_:  # one way, but not all of it
        side = "to the finding" if signs == {1} else "against the finding"
        decided = [c.name for c in direction if c.sign]
        mixed = [f"only the {' and the '.join(decided)} point{'s' if len(decided) == 1 else ''} {side}"]
    reasons = [w for w in [*unmet, *mixed, *open_] if w]
    return None, ("; ".join(reasons) + ".") if reasons else ""


#: The verdict of a finding, in words (``Finding.holds`` → the words the report prints).
VERDICT_WORDS: dict[bool | None, str] = {
    True: "The study's finding holds",
    False: "The study's finding does not hold",
    None: "Not supported by these data",
}
#: The verdict of a question the data cannot answer at all (no university, no focal region, no
#: university–SME tie …): its sentence says why, and "not supported" would suggest a test was run.
UNANSWERED_WORDS = "Cannot be answered from these data"


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
        Whether the motivating study's finding holds for these data (:func:`verdict`):
        ``True`` / ``False`` when every piece of evidence agrees, ``None`` when the data
        do not support either (too few actors, evidence open or pointing both ways, a
        focus located by one route, no university …).
    sentence : str
        The generated answer.
    numbers : dict
        Every number the sentence quotes, unrounded, by name.
    evidence : list of str
        The figures and tables behind the sentence.
    reason : str
        Why the verdict is open (``holds is None``), in words; ``""`` when decided or when the
        sentence itself says why (no university, no focal region …).
    checks : list of Check
        The evidence the verdict was taken from.
    """

    key: str
    question: str
    holds: bool | None
    sentence: str
    numbers: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    reason: str = ""
    checks: list[Check] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        """Whether the data could answer the question: ``False`` where the verdict is open and
        no evidence was weighed (``holds is None`` and no ``reason``: the sentence says why)."""
        return self.holds is not None or bool(self.reason)

    @property
    def verdict(self) -> str:
        """The verdict in words (:data:`VERDICT_WORDS`, or :data:`UNANSWERED_WORDS`)."""
        return VERDICT_WORDS[self.holds] if self.answered else UNANSWERED_WORDS

    @property
    def headline(self) -> str:
        """The sentence's lead: up to its first colon or full stop (the report's at-a-glance line)."""
        return re.split(r":\s|\.\s|\.$", self.sentence, maxsplit=1)[0]


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


def _interval(ci: pd.DataFrame | None, name: str) -> tuple[tuple[float, float] | None, str]:
    """A usable bootstrap interval of ``name`` and, when there is none, why in words.

    An interval is not used (nor printed) when there is no bootstrap table, when its ends
    are undefined, when the share is undefined in most samples (``n_valid`` below half
    the samples), or when it is degenerate: of zero width (``100–100%``, ``0–0%``: every
    sample gave the same value, as on a handful of ties) or spanning every possible value
    (``0–100%``).

    Examples
    --------
    >>> t = pd.DataFrame({"indicator": ["a", "b"], "low": [0.2, 1.0], "high": [0.4, 1.0]})
    >>> _interval(t, "a")[0], _interval(t, "b")[1]
    ((0.2, 0.4), 'its bootstrap interval is degenerate (100–100%)')
    """
    if ci is None or "indicator" not in ci or name not in set(ci["indicator"]):
        return None, "no bootstrap interval was computed"
    row = ci[ci["indicator"] == name].iloc[0]
    lo = pd.to_numeric(pd.Series([row.get("low")]), errors="coerce").iloc[0]
    hi = pd.to_numeric(pd.Series([row.get("high")]), errors="coerce").iloc[0]
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None, "its bootstrap interval is undefined"
    n = ci.attrs.get("bootstrap", {}).get("n")
    valid = pd.to_numeric(pd.Series([row.get("n_valid")]), errors="coerce").iloc[0]
    if n and math.isfinite(valid) and valid < n / 2:
        return None, f"it is defined in only {int(valid)} of {n} bootstrap samples"
    gap = name.endswith("_gap")
    if hi - lo < 1e-9 or (lo <= (-1 if gap else 0) + 1e-9 and hi >= 1 - 1e-9):
        return None, f"its bootstrap interval is degenerate ({_ci_words(float(lo), float(hi), gap)})"
    return (float(lo), float(hi)), ""


def _ci_words(lo: float, hi: float, gap: bool) -> str:
    """An interval's ends as printed; one decimal more when rounding would show two equal ends."""
    if gap:
        a, b = _signed(lo), _signed(hi)
        if a == b and lo != hi:
            a, b = f"{100 * lo:+.1f}", f"{100 * hi:+.1f}"
        return f"{a} to {b} points"
    a, b = pct(lo).rstrip("%"), pct(hi)
    if a + "%" == b and lo != hi:
        a, b = f"{100 * lo:.1f}", f"{100 * hi:.1f}%"
    return f"{a}–{b}"


def _ci(ci: pd.DataFrame | None, name: str) -> tuple[str, dict[str, float]]:
    """`` (95% CI 66–73%)`` and its two ends; nothing when :func:`_interval` finds none usable."""
    bounds, _ = _interval(ci, name)
    if bounds is None or ci is None:
        return "", {}
    lo, hi = bounds
    level = round(100 * ci.attrs.get("bootstrap", {}).get("level", 0.95))
    return f" ({level}% CI {_ci_words(lo, hi, name.endswith('_gap'))})", {f"{name}_low": lo, f"{name}_high": hi}


def _p(p: float, n: int | None = None) -> str:
    """``p = 0.012``; at the smallest value ``n`` draws can give, says so (the true p may be smaller).

    A p on the other side of :data:`ALPHA` than its rounding (10/201 = 0.04975 is not
    "0.050") gets a fourth decimal, so the number printed agrees with the verdict.

    Examples
    --------
    >>> _p(0.0123), _p(10 / 201), _p(1 / 201, 200)
    ('p = 0.012', 'p = 0.0498', 'p ≤ 0.005, the smallest 200 draws can show')
    """
    if not math.isfinite(p):
        return "n/a"
    if n and abs(p - 1 / (n + 1)) < 1e-12:
        return f"p ≤ {p:.2g}, the smallest {n:,} draws can show"
    if p < 0.001:
        return f"p = {p:.1e}"
    text = f"{p:.3f}"
    return f"p = {p:.4f}" if (p < ALPHA) != (float(text) < ALPHA) else f"p = {text}"


def _num(ind: pd.Series, key: str) -> float:
    v = ind.get(key, float("nan"))
    try:
        return float(v) if v is not None and v == v else float("nan")
    except (TypeError, ValueError):
        return float("nan")


def _gap_check(ci: pd.DataFrame | None, name: str, more: str, less: str, what: str) -> Check:
    """The comparison check: the difference's interval above 0, below 0, or neither."""
    bounds, why = _interval(ci, name)
    if bounds is None:
        return Check("comparison", 0, f"the difference {what} cannot be judged: {why}")
    lo, hi = bounds
    if lo > 0:
        return Check("comparison", 1, f"{more} (interval {_ci_words(lo, hi, True)})")
    if hi < 0:
        return Check("comparison", -1, f"{less} (interval {_ci_words(lo, hi, True)})")
    return Check("comparison", 0, f"the difference's interval ({_ci_words(lo, hi, True)}) contains 0: the bootstrap "
                 "cannot tell it from none")


def _size(pairs: list[tuple[float, int, str]]) -> Check:
    """The size gate: each ``(count, minimum, words)`` met."""
    def one(w: str) -> str:  # "1 university", "1 tie"
        for many, single in (("universities", "university"), ("ties", "tie"), ("actors", "actor")):
            w = w.replace(many, single, 1)
        return w

    short = [f"only {int(c) if math.isfinite(c) else 0:,} {one(w) if c == 1 else w} (at least {k} needed)"
             for c, k, w in pairs if not (math.isfinite(c) and c >= k)]
    return Check("size", 0 if short else 1, "; ".join(short))


def _decide(checks: list[Check], coverage: Check | None) -> tuple[bool | None, str, list[Check]]:
    all_checks = [*checks, *([coverage] if coverage is not None else [])]
    holds, reason = verdict(all_checks)
    return holds, reason, all_checks


def location_coverage(applications: pd.DataFrame, actors: pd.DataFrame, network: pd.Series,
                      focal: list[str] | None, label: str) -> Check | None:
    """Whether the focus is located well enough for a verdict: the coverage gate.

    Parameters
    ----------
    applications : pandas.DataFrame
        Canonical long table; its ``region_source`` (``address``, ``source``,
        ``institution_table``) says how each row was located.
    actors : pandas.DataFrame
        Actor table (``applicant_id``, ``region``).
    network : pandas.Series
        The ids of the actors in the network of the focus's ties.
    focal : list of str or None
        The focus; ``None``: no gate (the whole network is its own focus).
    label : str
        The focus's name.

    Returns
    -------
    Check or None
        ``sign = 0`` when more than :data:`COVERAGE_LIMIT` of the network's actors have
        no region, or more than that share of the focus's actors were placed only by the
        built-in institution table (so the focus holds the listed institutions by
        construction); ``None`` without a focus.

    Examples
    --------
    >>> apps = pd.DataFrame({"applicant_id": ["U", "V", "a"], "region": ["KR-11", "KR-11", ""],
    ...                      "region_source": ["institution_table", "institution_table", ""]})
    >>> act = pd.DataFrame({"applicant_id": ["U", "V", "a"], "region": ["KR-11", "KR-11", ""]})
    >>> location_coverage(apps, act, act["applicant_id"], ["KR-11"], "Seoul").sign
    0
    """
    if not focal:
        return None
    from ..regions import within

    net = actors[actors["applicant_id"].isin(set(network))].drop_duplicates("applicant_id")
    if net.empty:
        return None
    region = net["region"].fillna("").astype(str)
    no_region = int((region == "").sum())
    in_focus = net[within(region, focal).to_numpy()]
    by_table = 0
    if "region_source" in applications and len(in_focus):
        table = applications["region_source"].astype(str).eq("institution_table")
        share = table.groupby(applications["applicant_id"]).mean()
        by_table = int((share.reindex(in_focus["applicant_id"]).fillna(0) > 0.5).sum())
    words = []
    if no_region > COVERAGE_LIMIT * len(net):
        words.append(f"{no_region:,} of the {len(net):,} actors in the network of {label}'s ties "
                     f"({pct(no_region / len(net))}) have no known region, so who is in {label} and who is "
                     "outside it is mostly unknown")
    if len(in_focus) and by_table > COVERAGE_LIMIT * len(in_focus):
        words.append(f"{by_table:,} of the {len(in_focus):,} actors placed in {label} were placed only by the "
                     "built-in institution table (the source gives no address), so the focus holds the listed "
                     "institutions by construction")
    return Check("coverage", 0 if words else 1,
                 f"where the actors of {label} are cannot be told well from these data (see the note above)"
                 if words else "", "; ".join(words))


def answer_hubs(ind: pd.Series, label: str, null: pd.DataFrame | None = None,
                ci: pd.DataFrame | None = None, coverage: Check | None = None) -> Finding:
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
    coverage : Check, optional
        :func:`location_coverage` of the focus.

    Returns
    -------
    Finding
        Holds when universities have the highest mean degree and betweenness (share), the
        interval of their share of betweenness lies above their share of actors
        (comparison), their mean betweenness is above the null model's (one-sided
        ``p_greater`` < :data:`ALPHA`), the focus has at least :data:`MIN_UNIVERSITIES`
        universities and :data:`MIN_ACTORS` actors, and the focus is located (coverage).

    Examples
    --------
    >>> ind = pd.Series({"univ_n": 2.0, "n_actors": 10.0, "univ_share_actors": 0.2, "univ_share_degree": 0.5,
    ...                  "univ_share_betweenness": 0.9, "hub_type": "university", "bridge_type": "university"})
    >>> f = answer_hubs(ind, "Daegu")
    >>> print(f.sentence)  # doctest: +NORMALIZE_WHITESPACE
    By mean degree and betweenness, universities are the hubs and the bridges: 2 universities (20% of the
    10 actors in Daegu) hold 50% of degree and 90% of betweenness.
    >>> f.holds is None, f.reason.startswith("only 2 universities")
    (True, True)
    """
    q = "Are universities the hubs and the bridges?"
    n_univ = int(_num(ind, "univ_n")) if math.isfinite(_num(ind, "univ_n")) else 0
    if n_univ == 0:
        return Finding("hubs_bridges", q, None, f"No university in {label} has a co-patent in these data, so "
                       "whether universities are the hubs and the bridges cannot be answered.",
                       {"univ_n": 0.0}, ["02_centrality_ranking"])
    hub, bridge = str(ind.get("hub_type", "")), str(ind.get("bridge_type", ""))
    is_hub, is_bridge = hub == "university", bridge == "university"
    lead = "By mean degree and betweenness, universities are " + {
        (True, True): "the hubs and the bridges", (True, False): "the hubs but not the bridges",
        (False, True): "the bridges but not the hubs", (False, False): "neither the hubs nor the bridges",
    }[(is_hub, is_bridge)]
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
    checks = [Check("share", 1 if is_hub and is_bridge else -1,
                    "universities have the highest mean degree and betweenness" if is_hub and is_bridge
                    else lead[0].lower() + lead[1:])]
    actors_share, bounds_why = numbers["univ_share_actors"], _interval(ci, "univ_share_betweenness")
    if bounds_why[0] is None:
        checks.append(Check("comparison", 0, f"universities' share of betweenness cannot be compared with their "
                            f"share of actors: {bounds_why[1]}"))
    else:
        lo, hi = bounds_why[0]
        where = "above" if lo > actors_share else "below" if hi < actors_share else "around"
        checks.append(Check("comparison", {"above": 1, "below": -1}.get(where, 0),
                            f"the interval of universities' share of betweenness ({_ci_words(lo, hi, False)}) lies "
                            f"{where} their share of actors ({pct(actors_share)})"
                            + ("" if where != "around" else ", so the two cannot be told apart")))
    if null is not None and len(null) and "university" in set(null.iloc[:, 0].astype(str)):
        row = null[null.iloc[:, 0].astype(str) == "university"].iloc[0]
        n = int(null.attrs.get("null_model", {}).get("n", 0))
        obs, mean = float(row["observed"]), float(row["null_mean"])
        p_g, z = float(row["p_greater"]), float(row["z"])
        p_l = float(row["p_less"]) if "p_less" in row else 1 - p_g + 1 / (n + 1)  # no tie at the observed value
        kind = ("randomised patent–applicant networks" if "bipartite" in str(null.attrs.get("null_model", {}))
                else "degree-preserving rewirings")
        n_net = int(row["n_actors"]) if "n_actors" in row else n_univ
        # one population per sentence: the null model's mean is over the universities the sentence
        # counts (those located in the focus with a tie); another count is named as such
        who = (("this university" if n_univ == 1 else f"these {n_univ:,} universities") if n_net == n_univ
               else f"the {n_net:,} {'university' if n_net == 1 else 'universities'} the null model measured")
        if not (math.isfinite(mean) and math.isfinite(p_g)):  # e.g. every draw undefined
            s += f" The {n:,} {kind} give no mean betweenness for universities, so no p-value is given."
            checks.append(Check("null model", 0, "the null model gives no statistic for universities"))
        else:
            more, less = p_g < ALPHA and obs > mean, p_l < ALPHA and obs < mean
            cmp = "more than" if more else "less than" if less else "no different from what"
            numbers.update(null_observed=obs, null_mean=mean, null_z=z, null_p=p_l if less else p_g)
            z_text = f"z = {z:.1f}, " if math.isfinite(z) else ""
            s += (f" Against {n:,} {kind}, the mean betweenness of {who} is {cmp} their numbers of patents and "
                  f"partners predict (observed {obs:.3g} against {mean:.3g}; {z_text}"
                  f"{'one-sided, lower: ' if less else ''}{_p(p_l if less else p_g, n)}).")
            checks.append(Check("null model", 1 if more else -1 if less else 0,
                                f"universities' mean betweenness is {cmp.replace(' what', '')} the null model's"
                                + ("" if more or less else f" (p = {p_g:.2f} one-sided)")))
    else:
        checks.append(Check("null model", 0, "no null model of betweenness was run"))
    checks.append(_size([(numbers["univ_n"], MIN_UNIVERSITIES, f"universities in {label}"),
                         (numbers["n_actors"], MIN_ACTORS, f"actors in {label}")]))
    holds, reason, checks = _decide(checks, coverage)
    return Finding("hubs_bridges", q, holds, s, numbers, ["02_centrality_ranking",
                   "03_betweenness_by_type", "04_degree_by_type", "11_betweenness_null_model"], reason, checks)


def answer_one_time(ind: pd.Series, ci: pd.DataFrame | None = None, observed_years: int = 3,
                    coverage: Check | None = None) -> Finding:
    """Are university–SME ties mostly one-time, and more so than other ties?

    Parameters
    ----------
    ind : pandas.Series
        :func:`~netanalysis.report.indicators.headline_indicators`.
    ci : pandas.DataFrame, optional
        Bootstrap intervals.
    observed_years : int
        The window of the censoring-aware shares.
    coverage : Check, optional
        :func:`location_coverage` of the focus.

    Returns
    -------
    Finding
        Holds when more than half of the university–SME ties are one-time (share), the
        interval of their difference from other ties lies above 0 (comparison), the
        Kaplan–Meier share not repeated within ``observed_years`` is above one half
        (censoring-aware share), and each group has :data:`MIN_TIES` ties.

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
    ci_text, c = _ci(ci, "univ_sme_one_time")
    gap_text, g = _ci(ci, "one_time_gap")
    numbers.update(c)
    numbers.update(g)
    lead = ("University–SME ties are mostly one-time" if share > 0.5 else "University–SME ties are mostly not "
            "one-time" if share < 0.5 else "Half the university–SME ties are one-time")
    s = (f"{lead}: {pct(share)} of the {int(n):,} university–SME pairs{ci_text} share a single patent")
    checks = [Check("share", 1 if share > 0.5 else -1 if share < 0.5 else 0,
                    f"{pct(share)} of university–SME ties are one-time")]
    if math.isfinite(other):
        cmp = "more often than" if share > other else "less often than" if share < other else "as often as"
        s += (f", {cmp} the {int(numbers['other_n']):,} other pairs ({pct(other)}; difference "
              f"{points(share - other)}{gap_text.replace(' (', ', ').rstrip(')') if gap_text else ''})")
        if g and not (g["one_time_gap_low"] > 0 or g["one_time_gap_high"] < 0):
            s += ", a difference the bootstrap cannot tell from none"
        checks.append(_gap_check(ci, "one_time_gap", "university–SME ties are more often one-time than other ties",
                                 "university–SME ties are less often one-time than other ties",
                                 "from other ties"))
    else:
        checks.append(Check("comparison", 0, "there are no other typed ties to compare with"))
    s += "."
    censored = _num(ind, "univ_sme_censored")
    within = _num(ind, "univ_sme_repeat_within")
    if math.isfinite(censored):
        numbers.update(univ_sme_censored=censored, univ_sme_repeat_within=within,
                       other_repeat_within=_num(ind, "other_repeat_within"))
        if censored >= n:
            s += (f" All {int(n):,} of these ties began in the last {observed_years} years, too late to be seen "
                  "repeating.")
        else:
            s += (f" {int(censored):,} of these ties began in the last {observed_years} years and had little time "
                  f"to repeat; of the rest, {pct(within)} repeated within {observed_years} years (other pairs: "
                  f"{pct(numbers['other_repeat_within'])}).")
    s += size_note
    numbers.update(size_numbers)
    km, km_other = _num(ind, "univ_sme_km_once"), _num(ind, "other_km_once")
    if math.isfinite(km):
        numbers.update(univ_sme_km_once=km, other_km_once=km_other)
        s += (f" Counting the late ties for as long as they were seen (Kaplan–Meier), {pct(km)} of university–SME "
              f"ties had not repeated {observed_years} years after their first joint patent"
              + (f" (all other pairs: {pct(km_other)})." if math.isfinite(km_other) else "."))
        checks.append(Check("censoring-aware share", 1 if km > 0.5 else -1 if km < 0.5 else 0,
                            f"the Kaplan–Meier share not repeated within {observed_years} years is {pct(km)}"))
    else:
        checks.append(Check("censoring-aware share", 0, f"no university–SME tie was seen for {observed_years} "
                            "years, so the censoring-aware share is undefined"))
    checks.append(_size([(n, MIN_TIES, "university–SME ties"), (numbers["other_n"], MIN_TIES, "other ties")]))
    holds, reason, checks = _decide(checks, coverage)
    return Finding("one_time", q, holds, s, numbers, ["05_persistence_by_type_pair", "06_repeat_survival"],
                   reason, checks)


def answer_outside(ind: pd.Series, label: str | None, ci: pd.DataFrame | None = None,
                   core_label: str = "the core region", coverage: Check | None = None) -> Finding:
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
    coverage : Check, optional
        :func:`location_coverage` of the focus.

    Returns
    -------
    Finding
        Holds when the share of large-collaboration ties reaching outside exceeds that of
        all ties (share), the difference's interval lies above 0 (comparison), both rest
        on :data:`MIN_TIES` placed ties, and the focus is located (coverage).

    Examples
    --------
    >>> ind = pd.Series({"outside_large": 0.6, "outside_all": 0.3, "core_large": 0.4, "large_n": 20.0})
    >>> answer_outside(ind, "Daegu").sentence.split(":")[0]  # no interval, no size: no claim
    "Large collaborations' reach outside Daegu"
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
    checks = [Check("share", 1 if large > every else -1 if large < every else 0,
                    f"{pct(large)} of large collaborations reach outside against {pct(every)} of all ties"
                    + (", so the shares point neither way" if large == every else "")),
              _gap_check(ci, "outside_gap", "large collaborations reach outside more often than all ties",
                         "large collaborations reach outside less often than all ties", "from all ties"),
              _size([(large_n, MIN_TIES, "large-collaboration ties with a placed partner"),
                     (_num(ind, "all_placed_n") if "all_placed_n" in ind else large_n, MIN_TIES,
                      "ties with a placed partner")])]
    holds, reason, checks = _decide(checks, coverage)
    lead = {True: f"Large collaborations depend on actors outside {label} more than other ties do",
            False: f"Large collaborations do not depend on actors outside {label} more than other ties do",
            None: f"Large collaborations' reach outside {label}"}[holds]  # no claim the evidence does not carry
    most = "most" if large > 0.5 else "only " if large < every else ""
    s = (f"{lead}: {most + ' (' if most == 'most' else most}{pct(large)}{')' if most == 'most' else ''} of its "
         f"{int(large_n):,} large-collaboration ties (three or more applicants, or a large firm) reach a partner "
         f"outside{ci_text}{core_text}, against {pct(every)} of all its ties (difference "
         f"{points(large - every)}{gap_text.replace(' (', ', ').rstrip(')') if gap_text else ''})")
    if g and not (g["outside_gap_low"] > 0 or g["outside_gap_high"] < 0):
        s += ", a difference the bootstrap cannot tell from none"
    s += "."
    return Finding("outside", q, holds, s, numbers, ["07_openness_by_region", "08_openness_large_collaborations",
                                                     "13_region_map"], reason, checks)


def answer_univ_univ(ind: pd.Series, mixing_null: pd.DataFrame | None = None,
                     ci: pd.DataFrame | None = None, coverage: Check | None = None,
                     label: str | None = None) -> Finding:
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
    coverage : Check, optional
        :func:`location_coverage` of the focus.
    label : str, optional
        The focus's name: the sentence counts the ties of the universities in it (the
        population of the share and of the null model's university row).

    Returns
    -------
    Finding
        Holds when the university–university share is below the null model's mean
        (share), its interval lies below that mean (comparison), the one-sided
        ``p_less`` < :data:`ALPHA` (null model), and universities have :data:`MIN_TIES`
        ties.  No p-value is quoted when the null model gives no statistic for the pair.

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
    k = _num(ind, "univ_univ_actors")
    whose = ("universities" if not math.isfinite(k) or k == 0 else "the university" if k == 1
             else f"the {int(k):,} universities") + (f" in {label}" if label else "")
    body = f"{int(uu):,} of the {int(ties):,} ties of {whose} ({pct(share)}{ci_inner}) {verb} two universities"
    size = _size([(ties, MIN_TIES, "ties of universities")])
    row = None
    if mixing_null is not None:
        hit = mixing_null[(mixing_null["group_a"] == "university") & (mixing_null["group_b"] == "university")]
        row = hit.iloc[0] if len(hit) else None
    mean = float(row["null_mean"]) if row is not None else float("nan")
    if mixing_null is None or row is None or not math.isfinite(mean):
        why = ("no null model of type mixing was run" if mixing_null is None else
               "the null model gives no statistic for university–university ties, so no p-value is given")
        checks = [Check("share", 0, why), Check("null model", 0, ""), size]
        holds, reason, checks = _decide(checks, coverage)
        return Finding("univ_univ", q, holds, f"Universities' ties to each other: {body}; {why}.", numbers,
                       ["09_type_mixing"], reason, checks)
    n = int(mixing_null.attrs.get("null_model", {}).get("n", 0))
    p_less, p_greater = float(row["p_less"]), float(row["p_greater"])
    r = mixing_null.attrs.get("assortativity", {})
    numbers.update(null_mean=mean, null_p_less=p_less, null_p_greater=p_greater,
                   assortativity=float(r.get("observed", float("nan"))),
                   assortativity_null=float(r.get("null_mean", float("nan"))))
    if p_less < ALPHA and share < mean:
        lead, cmp, p_text, sign = "Universities rarely patent with each other", "fewer than", _p(p_less, n), 1
    elif p_greater < ALPHA and share > mean:
        lead, cmp, p_text, sign = ("Universities patent with each other more often than chance", "more than",
                                   _p(p_greater, n), -1)
    else:
        lead, cmp, p_text, sign = ("Universities patent with each other about as often as chance predicts",
                                   "close to", _p(min(p_less, p_greater), n), 0)
    checks = [Check("share", 1 if share < mean else -1 if share > mean else 0,
                    f"the share {pct(share)} is {'below' if share < mean else 'above'} the null mean {pct(mean)}"),
              Check("null model", sign, f"the null model cannot tell the share from chance ({p_text})")]
    bounds, why = _interval(ci, "univ_univ_share")
    if bounds is None:
        checks.append(Check("comparison", 0, f"the share cannot be set against chance with an interval: {why}"))
    else:
        lo, hi = bounds
        where = "below" if hi < mean else "above" if lo > mean else "around"
        checks.append(Check("comparison", {"below": 1, "above": -1}.get(where, 0),
                            f"the share's interval ({_ci_words(lo, hi, False)}) lies {where} the null mean "
                            f"{pct(mean)}"))
    checks.append(size)
    holds, reason, checks = _decide(checks, coverage)
    if holds is None:  # no claim the evidence does not carry
        lead = "Universities' ties to each other"
    s = f"{lead}: {body}, {cmp} the {n:,} randomised networks give (mean {pct(mean)}, {p_text})"
    if math.isfinite(numbers["assortativity"]):
        s += (f"; over every tie{' of the actors in ' + label if label else ''}, type assortativity "
              f"r = {numbers['assortativity']:.2f} (randomised: "
              f"{numbers['assortativity_null']:.2f})")
    return Finding("univ_univ", q, holds, s + ".", numbers, ["09_type_mixing"], reason, checks)


def drop_skipped_evidence(findings: list[Finding], skipped: dict[str, str]) -> list[Finding]:
    """The findings with figures that were not drawn left out of their evidence.

    Examples
    --------
    >>> f = Finding("outside", "q", None, "s", evidence=["08_openness_large_collaborations", "13_region_map"])
    >>> drop_skipped_evidence([f], {"13_region_map": "no boundaries"})[0].evidence
    ['08_openness_large_collaborations']
    """
    from dataclasses import replace

    return [replace(f, evidence=[e for e in f.evidence if e not in skipped]) for f in findings]


__all__ = ["ALPHA", "COVERAGE_LIMIT", "MIN_ACTORS", "MIN_TIES", "MIN_UNIVERSITIES", "UNANSWERED_WORDS",
           "VERDICT_WORDS", "Check", "Finding",
           "answer_hubs", "answer_one_time", "answer_outside", "answer_univ_univ", "drop_skipped_evidence",
           "location_coverage", "pct",
           "points", "verdict"]
