"""The report's verdicts: one rule for every question (docs/methods.md, "Verdict rules").

Each contradiction found on real exports (issue 35) is rebuilt as a small case whose
expected verdict is worked out by hand in the comment beside it: a finding holds only when
share, comparison, null model, size and coverage all agree; it does not hold when they all
agree the other way; otherwise it is not supported, with the reason in words.  The data
here are SYNTHETIC (hand-made patents and numbers).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import netanalysis as na
from netanalysis import metrics as m
from netanalysis.report.compare import focus_ranks
from netanalysis.report.findings import (
    Check,
    Finding,
    answer_hubs,
    answer_one_time,
    answer_outside,
    answer_univ_univ,
    drop_skipped_evidence,
    location_coverage,
    verdict,
)
from netanalysis.report.indicators import headline_indicators
from netanalysis.report.uncertainty import bootstrap_indicators

T = "KR-27"


def make(patents, actors):
    """(applications, actors) from patents ``(id, [applicants], year)`` and ``id -> (type, region)``."""
    apps = pd.DataFrame([{"patent_id": p, "applicant_id": a, "year": y, "region": actors[a][1]}
                         for p, who, y in patents for a in who])
    act = pd.DataFrame({"applicant_id": list(actors), "actor_type": [t for t, _ in actors.values()],
                        "region": [r for _, r in actors.values()], "country": "KR", "name": list(actors)})
    return apps, act


def ci_table(rows: dict[str, tuple[float, float]], n: int = 200) -> pd.DataFrame:
    """A bootstrap table as ``bootstrap_indicators`` returns it, with hand-chosen ends."""
    t = pd.DataFrame({"indicator": list(rows), "estimate": float("nan"),
                      "low": [lo for lo, _ in rows.values()], "high": [hi for _, hi in rows.values()],
                      "n_valid": n})
    t.attrs["bootstrap"] = {"n": n, "level": 0.95}
    return t


def betweenness_null(observed: float, mean: float, z: float, p_greater: float, n: int = 1000,
                     n_actors: int = 38) -> pd.DataFrame:
    t = pd.DataFrame({"actor_type": ["university"], "n_actors": [n_actors], "observed": [observed],
                      "null_mean": [mean], "null_sd": [0.01], "z": [z], "p_greater": [p_greater]})
    t.attrs["null_model"] = {"n": n, "method": "bipartite"}
    return t


def mixing_null(observed: float, mean: float, p_greater: float, p_less: float, n: int = 1000) -> pd.DataFrame:
    t = pd.DataFrame({"group_a": ["university"], "group_b": ["university"], "n_ties": [1],
                      "observed": [observed], "null_mean": [mean], "null_sd": [0.01], "z": [0.0],
                      "p_greater": [p_greater], "p_less": [p_less], "p_min": [1 / (n + 1)]})
    t.attrs["null_model"] = {"n": n}
    return t


HUBS = {"univ_n": 14.0, "n_actors": 120.0, "univ_share_actors": 0.12, "univ_share_degree": 0.5,
        "univ_share_betweenness": 0.7, "hub_type": "university", "bridge_type": "university"}


# --- the rule ------------------------------------------------------------------------------

def test_rule_needs_every_direction_and_every_gate():
    yes, no, open_ = Check("share", 1, "a"), Check("comparison", -1, "b"), Check("null model", 0, "c is open")
    ok, small = Check("size", 1, ""), Check("size", 0, "only 2 ties (at least 10 needed)")
    assert verdict([yes, Check("comparison", 1, ""), ok]) == (True, "")
    assert verdict([Check("share", -1, ""), no, ok]) == (False, "")
    # all agree but too small: neither held nor not held, the size named
    assert verdict([yes, Check("comparison", 1, ""), small]) == (None, "only 2 ties (at least 10 needed).")
    held, reason = verdict([yes, no, ok])
    assert held is None and "both ways" in reason and "share for (a)" in reason and "comparison against (b)" in reason
    assert verdict([yes, open_, ok]) == (None, "only the share points to the finding; c is open.")
    # a gate alone is no evidence
    assert verdict([ok])[0] is None


# --- Q1: hubs and bridges ------------------------------------------------------------------

def test_q1_null_below_chance_is_not_held():
    # Seoul, KIPRIS Plus XML: universities lead on both means (share: for), but their mean
    # betweenness is far below the null model's (0.0254 against 0.0587, p_greater = 1.000):
    # the null points the other way, so the finding is not supported.
    ci = ci_table({"univ_share_betweenness": (0.6, 0.8)})
    f = answer_hubs(pd.Series(HUBS), "Seoul", betweenness_null(0.0254, 0.0587, -3.2, 1.0), ci)
    assert f.holds is None
    assert "less than their numbers of patents and partners predict" in f.sentence
    assert "both ways" in f.reason and "null model against" in f.reason
    # p_less derived from p_greater (no tie at the observed value): 1 - 1 + 1/1001
    assert f.numbers["null_p"] == pytest.approx(1 / 1001)


def test_q1_all_agree_holds_and_all_against_does_not():
    ci = ci_table({"univ_share_betweenness": (0.6, 0.8)})  # above the 12% share of actors
    f = answer_hubs(pd.Series(HUBS), "Daegu", betweenness_null(0.066, 0.025, 9.0, 1 / 1001), ci)
    assert f.holds is True and f.reason == ""
    # issue 35: one population per sentence — a null over other actors (38) than the 14 the
    # sentence counts is named as such; over the same 14 it is "these 14 universities"
    assert "the 38 universities the null model measured" in f.sentence
    same = answer_hubs(pd.Series(HUBS), "Daegu", betweenness_null(0.066, 0.025, 9.0, 1 / 1001, n_actors=14), ci)
    assert "the mean betweenness of these 14 universities is more than" in same.sentence
    against = {**HUBS, "univ_share_betweenness": 0.02, "hub_type": "sme", "bridge_type": "sme"}
    f2 = answer_hubs(pd.Series(against), "Daegu", betweenness_null(0.001, 0.02, -5.0, 1.0),
                     ci_table({"univ_share_betweenness": (0.01, 0.05)}))  # below 12%
    assert f2.holds is False


def test_q1_two_actors_is_not_held_and_degenerate_interval_not_printed():
    # Incheon: one patent between two universities.  2 universities of 2 actors, 100% of
    # degree; every bootstrap sample gives 100% (or nothing), a degenerate interval.
    apps, act = make([("p1", ["U1", "U2"], 2015)], {"U1": ("university", T), "U2": ("university", T)})
    e = na.edges_from_applications(apps, region=[T])
    ind = headline_indicators(e, act, [T], end_year=2015)
    ci = bootstrap_indicators(apps, act, [T], n=20, seed=1, observed=ind)
    f = answer_hubs(ind, "Incheon", None, ci)
    assert f.holds is None
    assert "CI" not in f.sentence  # the 100–100% interval is not printed
    assert "only 2 universities in Incheon (at least 3 needed)" in f.reason
    assert "only 2 actors in Incheon (at least 10 needed)" in f.reason
    assert "no null model of betweenness was run" in f.reason


# --- Q2: one-time ties ---------------------------------------------------------------------

ONCE = {"univ_sme_n": 59.0, "other_n": 102.0, "univ_sme_censored": 17.0, "univ_sme_repeat_within": 0.02,
        "other_repeat_within": 0.29}


def test_q2_less_often_one_time_than_other_ties_is_not_held():
    # 67% one-time (share: for) but 87% of other ties are (difference -20 points, interval
    # -30 to -10: against): both ways, not supported.
    ind = pd.Series({**ONCE, "univ_sme_one_time": 0.67, "other_one_time": 0.87, "univ_sme_km_once": 0.7})
    f = answer_one_time(ind, ci_table({"one_time_gap": (-0.30, -0.10)}))
    assert f.holds is None and "less often than the 102 other pairs" in f.sentence
    assert "less often one-time than other ties" in f.reason
    # drones: 83% against 98% with an interval containing 0 (and 6 ties): open and too small
    ind2 = pd.Series({**ONCE, "univ_sme_n": 6.0, "univ_sme_one_time": 0.83, "other_one_time": 0.98,
                      "univ_sme_km_once": 0.9})
    f2 = answer_one_time(ind2, ci_table({"one_time_gap": (-0.44, 0.03)}))
    assert f2.holds is None and "contains 0" in f2.reason and "only 6 university–SME ties" in f2.reason


def test_q2_every_tie_censored_is_not_held():
    # every university–SME tie began in the last 3 years: Kaplan–Meier has nothing at 3 years
    apps, act = make([(f"p{i}", ["U", f"s{i}"], 2020) for i in range(12)]
                     + [(f"o{i}", [f"s{i}", f"s{i + 1}"], 2012 + i % 3) for i in range(11)],
                     {"U": ("university", T), **{f"s{i}": ("sme", T) for i in range(12)}})
    e = na.edges_from_applications(apps, region=[T])
    ind = headline_indicators(e, act, [T], end_year=2021)
    assert ind["univ_sme_censored"] == ind["univ_sme_n"] == 12
    f = answer_one_time(ind, ci_table({"one_time_gap": (0.1, 0.3)}))
    assert f.holds is None
    assert "All 12 of these ties began in the last 3 years" in f.sentence
    assert "censoring-aware share is undefined" in f.reason


def test_q2_censoring_aware_share_points_the_other_way():
    # 60% one-time overall, but of the ties followed for 3 years most repeated (KM 40%)
    ind = pd.Series({**ONCE, "univ_sme_one_time": 0.6, "other_one_time": 0.3, "univ_sme_km_once": 0.4,
                     "other_km_once": 0.2})
    f = answer_one_time(ind, ci_table({"one_time_gap": (0.1, 0.5)}))
    assert f.holds is None and "censoring-aware share against" in f.reason


def test_q2_holds_and_does_not_hold():
    ind = pd.Series({**ONCE, "univ_sme_one_time": 0.9, "other_one_time": 0.6, "univ_sme_km_once": 0.95})
    assert answer_one_time(ind, ci_table({"one_time_gap": (0.2, 0.4)})).holds is True
    ind2 = pd.Series({**ONCE, "univ_sme_one_time": 0.3, "other_one_time": 0.6, "univ_sme_km_once": 0.35})
    assert answer_one_time(ind2, ci_table({"one_time_gap": (-0.4, -0.2)})).holds is False


def test_q2_kaplan_meier_share_is_repeat_survival_at_three_years():
    # hand-worked: 4 university–SME ties from 2010; two repeat after 1 and 2 years, two never
    # (censored at 2020): S(3) = (1 - 1/4)(1 - 1/3) = 0.5
    pats = [("a0", ["U", "s0"], 2010), ("a1", ["U", "s0"], 2011), ("b0", ["U", "s1"], 2010),
            ("b1", ["U", "s1"], 2012), ("c0", ["U", "s2"], 2010), ("d0", ["U", "s3"], 2010)]
    apps, act = make(pats, {"U": ("university", T), **{f"s{i}": ("sme", T) for i in range(4)}})
    e = na.edges_from_applications(apps, region=[T])
    ind = headline_indicators(e, act, [T], end_year=2020)
    assert ind["univ_sme_km_once"] == pytest.approx(0.5)
    km = m.repeat_survival(e, act, end_year=2020)
    assert ind["univ_sme_km_once"] == pytest.approx(
        km[(km.group == "university–sme") & (km.years == 3)]["survival"].iloc[0])


# --- Q3: outside actors --------------------------------------------------------------------

OUT = {"outside_large": 0.6, "outside_all": 0.5, "core_large": 0.2, "large_n": 40.0, "all_placed_n": 120.0}


def test_q3_difference_the_bootstrap_cannot_tell_from_none_is_not_held():
    f = answer_outside(pd.Series(OUT), "Daegu", ci_table({"outside_gap": (-0.05, 0.2)}))
    assert "a difference the bootstrap cannot tell from none" in f.sentence
    assert f.holds is None and "contains 0" in f.reason
    assert answer_outside(pd.Series(OUT), "Daegu", ci_table({"outside_gap": (0.02, 0.2)})).holds is True
    assert answer_outside(pd.Series({**OUT, "outside_large": 0.3}), "Daegu",
                          ci_table({"outside_gap": (-0.3, -0.1)})).holds is False
    # on 2 large-collaboration ties (Busan): too few to say
    f4 = answer_outside(pd.Series({**OUT, "large_n": 2.0}), "Busan", ci_table({"outside_gap": (0.02, 0.2)}))
    assert f4.holds is None and "only 2 large-collaboration ties" in f4.reason


# --- Q4: university–university ties --------------------------------------------------------

def test_q4_no_p_value_without_a_null_statistic():
    # Oberbayern: 0 of 3 university ties join two universities; the mixing null model gives
    # no university–university row (no such tie observed), so there is no null mean and no p.
    apps, act = make([("p1", ["U", "a"], 2010), ("p2", ["U", "b"], 2011), ("p3", ["V", "c"], 2012)],
                     {"U": ("university", T), "V": ("university", T), "a": ("sme", T), "b": ("sme", T),
                      "c": ("sme", T)})
    e = na.edges_from_applications(apps, region=[T])
    ind = headline_indicators(e, act, [T], end_year=2012)
    null = m.mixing_null_model(apps, act, n=50, seed=1, region=[T])
    f = answer_univ_univ(ind, null)
    assert f.holds is None
    assert not re.search(r"\bp [=≤]", f.sentence) and "no p-value is given" in f.sentence
    assert "only 3 ties of universities" in f.reason


def test_q4_one_tie_more_than_chance_is_not_held():
    # drones: 1 of 14 university ties (7.1%) against a null mean of 2.1%, p_greater = 0.02;
    # the interval 0–11% contains the null mean: open, not "more often than chance".
    ind = pd.Series({"univ_univ_share": 1 / 14, "univ_univ_n": 1.0, "univ_ties_n": 14.0})
    f = answer_univ_univ(ind, mixing_null(1 / 14, 0.021, 0.02, 0.99, n=50),
                         ci_table({"univ_univ_share": (0.0, 0.11)}))
    assert f.holds is None and "lies around the null mean" in f.reason
    # the same numbers with a tight interval above the mean: all against, does not hold
    f2 = answer_univ_univ(ind, mixing_null(1 / 14, 0.021, 0.02, 0.99, n=50),
                          ci_table({"univ_univ_share": (0.05, 0.09)}))
    assert f2.holds is False and f2.sentence.startswith("Universities patent with each other more often than chance")


def test_q4_holds():
    ind = pd.Series({"univ_univ_share": 0.019, "univ_univ_n": 16.0, "univ_ties_n": 848.0})
    f = answer_univ_univ(ind, mixing_null(0.019, 0.2, 1.0, 1 / 1001), ci_table({"univ_univ_share": (0.014, 0.024)}))
    assert f.holds is True and f.sentence.startswith("Universities rarely patent with each other")


# --- intervals, ranks, evidence ------------------------------------------------------------

@pytest.mark.parametrize("lo,hi", [(0.0, 1.0), (1.0, 1.0), (0.0, 0.0)])
def test_degenerate_intervals_are_not_printed_or_used(lo, hi):
    ind = pd.Series({"univ_univ_share": 0.05, "univ_univ_n": 5.0, "univ_ties_n": 100.0})
    f = answer_univ_univ(ind, mixing_null(0.05, 0.2, 1.0, 0.001), ci_table({"univ_univ_share": (lo, hi)}))
    assert "CI" not in f.sentence and f.holds is None and "degenerate" in f.reason


def test_interval_undefined_in_most_samples_is_not_used():
    ci = ci_table({"outside_gap": (0.1, 0.3)})
    ci["n_valid"] = 40  # of 200
    f = answer_outside(pd.Series(OUT), "Daegu", ci)
    assert f.holds is None and "defined in only 40 of 200 bootstrap samples" in f.reason


def test_no_rank_among_empty_regions():
    nan = float("nan")
    t = pd.DataFrame({"region": ["Seoul", "Busan", "Ulsan"], "focal": [True, False, False],
                      "univ_share_betweenness": [1.0, nan, nan], "univ_sme_one_time": [0.9, 0.5, nan],
                      "outside_all": [0.5, nan, nan], "outside_large": [0.5, nan, nan],
                      "univ_univ_share": [0.2, nan, nan]})
    text = " ".join(focus_ranks(t, "Seoul"))
    # one-time: Busan has it (0.5 < 0.9), so rank 1 of 2; the four others are not ranked
    assert "university–SME ties that are one-time: 90%, rank 1 of 2 regions where it is defined" in text
    assert text.count("rank ") == 1 and "Not ranked" in text and "median of the others n/a" not in text


def test_skipped_figure_is_not_cited():
    f = Finding("outside", "q", True, "s", evidence=["07_openness_by_region", "13_region_map"])
    (g,) = drop_skipped_evidence([f], {"13_region_map": "no boundary file"})
    assert g.evidence == ["07_openness_by_region"]


# --- coverage: a focus located by one route ------------------------------------------------

def test_focus_located_by_the_institution_table_is_not_held():
    # Seoul without addresses: 3 universities placed by the institution table, 1 SME with an
    # address, 6 SMEs with no region: 6 of 10 actors lack a region
    # (60% > 50%) and 3 of the 4 focal actors were placed by the table (75% > 50%).
    ids = ["U1", "U2", "U3", "s1", *[f"x{i}" for i in range(6)]]
    region = ["KR-11"] * 4 + [""] * 6
    source = ["institution_table"] * 3 + ["address"] + [""] * 6
    apps = pd.DataFrame({"applicant_id": ids, "region": region, "region_source": source})
    act = pd.DataFrame({"applicant_id": ids, "region": region})
    cov = location_coverage(apps, act, act["applicant_id"], ["KR-11"], "Seoul")
    assert cov is not None and cov.sign == 0
    assert "6 of the 10 actors in the network of Seoul's ties (60%) have no known region" in cov.detail
    assert "3 of the 4 actors placed in Seoul were placed only by the built-in institution table" in cov.detail
    # every other piece of evidence agrees, yet the verdict stays open
    f = answer_hubs(pd.Series(HUBS), "Seoul", betweenness_null(0.066, 0.025, 9.0, 1 / 1001),
                    ci_table({"univ_share_betweenness": (0.6, 0.8)}), cov)
    assert f.holds is None and "see the note above" in f.reason
    # located by addresses: the gate is met; no focus: no gate
    ok = location_coverage(apps.assign(region_source="address", region="KR-11"), act.assign(region="KR-11"),
                           act["applicant_id"], ["KR-11"], "Seoul")
    assert ok is not None and ok.sign == 1
    assert location_coverage(apps, act, act["applicant_id"], None, "the network") is None


def test_q1_no_p_value_when_every_null_draw_is_undefined():
    nan = float("nan")
    null = betweenness_null(0.02, nan, nan, nan)
    f = answer_hubs(pd.Series(HUBS), "Daegu", null, ci_table({"univ_share_betweenness": (0.6, 0.8)}))
    assert f.holds is None and not re.search(r"\bp [=≤]", f.sentence) and "no p-value is given" in f.sentence
    assert "the null model gives no statistic for universities" in f.reason
