"""Kleinberg bursts (issue 31, item 4): a hand-worked case, an exhaustive check of the Viterbi
kernel, the three wrappers on SYNTHETIC tables, bad input, and the real PATSTAT Italy data."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from _hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis import NetworkInputError
from netanalysis.metrics.bursts import (
    BURST_COLUMNS,
    actor_bursts,
    all_bursts,
    class_bursts,
    kleinberg_bursts,
    tie_bursts,
)
from netanalysis.network import edges_from_applications

YEARS = list(range(2001, 2006))


def _one(r, d=10, years=None):
    years = years or list(range(2001, 2001 + len(r)))
    return pd.DataFrame([r], index=["x"], columns=years), pd.Series(d, index=years)


def test_hand_worked_two_year_burst():
    # r = 1, 1, 5, 5, 1 of d = 10 each year (n = 5 years), s = 2, gamma = 1.
    # p0 = R/D = 13/50 = 0.26, p1 = 2 p0 = 0.52; sigma_i(r) = -[r ln p_i + (10 - r) ln(1 - p_i)]:
    #   sigma_0(1) = -(ln .26 + 9 ln .74) = 4.057019    sigma_1(1) = -(ln .52 + 9 ln .48) = 7.259649
    #   sigma_0(5) = -5 (ln .26 + ln .74) = 8.240894    sigma_1(5) = -5 (ln .52 + ln .48) = 6.939478
    # entering the burst state costs gamma ln n = ln 5 = 1.609438.
    # all base state: 3 (4.057019) + 2 (8.240894) = 28.652846
    # burst in 2003-2004: 3 (4.057019) + 2 (6.939478) + 1.609438 = 27.660452  (cheaper by 0.992394)
    # burst in one of them only: saves 1.301415 < 1.609438, so no; taking a year with r = 1 into the
    # burst adds 7.259649 - 4.057019 = 3.202630, so no.  One burst, 2003-2004,
    # strength = 2 (8.240894 - 6.939478) = 2.602831.
    out = kleinberg_bursts(*_one([1, 1, 5, 5, 1]))
    assert out[["id", "start", "end", "level"]].to_dict("records") == [
        {"id": "x", "start": 2003, "end": 2004, "level": 1}]
    assert out.loc[0, "strength"] == pytest.approx(2.602831, abs=1e-6)
    assert out.loc[0, "count"] == 10 and out.loc[0, "total"] == 20
    assert out.loc[0, "baseline"] == pytest.approx(0.26) and out.loc[0, "burst_rate"] == pytest.approx(0.5)
    assert list(out.columns) == list(BURST_COLUMNS)


def test_entry_cost_decides():
    # The same counts with gamma = 1.7: entering costs 1.7 ln 5 = 2.736 > 2.602831, the gain of the
    # two years: no burst, and the empty table says why.
    out = kleinberg_bursts(*_one([1, 1, 5, 5, 1]), gamma=1.7)
    assert out.empty and "no burst" in out.attrs["notes"][0]
    # a single strong year: r = 1, 1, 9, 1, 1 of 10, so again R = 13, p0 = 0.26, p1 = 0.52;
    # sigma_0(9) - sigma_1(9) = -9 ln(.26/.52) - ln(.74/.48) = 6.238325 - 0.432864 = 5.805461 > ln 5: a burst
    one = kleinberg_bursts(*_one([1, 1, 9, 1, 1]))
    assert (one.loc[0, "start"], one.loc[0, "end"]) == (2003, 2003)
    assert one.loc[0, "strength"] == pytest.approx(9 * math.log(2) - math.log(0.74 / 0.48), abs=1e-9)


def test_burst_at_the_edges_and_two_bursts():
    # a burst may start in the first year (the automaton starts in the base state and pays to enter
    # at once) and may run to the last year; two separate bursts of one item are two rows
    out = kleinberg_bursts(*_one([6, 6, 1, 1, 1, 1, 1, 7]))
    assert sorted(zip(out["start"], out["end"], strict=True)) == [(2001, 2002), (2008, 2008)]


def _brute_force(r, d, s=2.0, gamma=1.0):
    """Least total cost over every 0/1 state sequence (2^n of them), written from the paper, apart
    from the kernel."""
    n, p0 = len(r), sum(r) / sum(d)
    p = [p0, min(s * p0, 0.9999)]

    def sigma(i, rt, dt):
        return -((rt * math.log(p[i]) if rt else 0.0) + ((dt - rt) * math.log(1 - p[i]) if dt - rt else 0.0))

    best = (math.inf, ())
    for q in itertools.product((0, 1), repeat=n):
        cost = sum(sigma(q[t], r[t], d[t]) for t in range(n))
        cost += gamma * math.log(n) * sum(1 for a, b in zip((0, *q[:-1]), q, strict=True) if b > a)
        best = min(best, (cost, q))
    return best


def _cost(q, r, d, s=2.0, gamma=1.0):
    n, p0 = len(r), sum(r) / sum(d)
    p = [p0, min(s * p0, 0.9999)]
    fit = sum(-((r[t] * math.log(p[q[t]]) if r[t] else 0.0) + ((d[t] - r[t]) * math.log(1 - p[q[t]])
                                                                 if d[t] - r[t] else 0.0)) for t in range(n))
    return fit + gamma * math.log(n) * sum(1 for a, b in zip((0, *q[:-1]), q, strict=True) if b > a)


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data(), n=st.integers(2, 9), gamma=st.sampled_from([0.5, 1.0, 2.0]))
def test_viterbi_finds_the_cheapest_sequence(data, n, gamma):
    d = data.draw(st.lists(st.integers(0, 30), min_size=n, max_size=n))
    r = [data.draw(st.integers(0, dt)) for dt in d]
    if sum(r) == 0:
        return
    out = kleinberg_bursts(*_one(r, d=d), gamma=gamma)
    q = [0] * n
    for row in out.itertuples():
        for t in range(row.start - 2001, row.end - 2001 + 1):
            q[t] = 1
    best, _ = _brute_force(r, d, gamma=gamma)
    assert _cost(q, r, d, gamma=gamma) == pytest.approx(best, rel=1e-9, abs=1e-9)


def test_many_items_at_once_equal_one_at_a_time():
    rng = np.random.default_rng(3)
    d = rng.integers(20, 60, size=12)
    r = np.minimum(rng.poisson(3, size=(40, 12)) * rng.integers(1, 3, size=(40, 12)), d)
    years = list(range(2000, 2012))
    counts = pd.DataFrame(r, index=[f"i{k}" for k in range(40)], columns=years)
    together = kleinberg_bursts(counts, pd.Series(d, index=years))
    alone = pd.concat([kleinberg_bursts(counts.iloc[[k]], pd.Series(d, index=years)) for k in range(40)])
    key = ["id", "start", "end"]
    assert together.sort_values(key)[key].to_numpy().tolist() == alone.sort_values(key)[key].to_numpy().tolist()
    assert len(together) > 0


# --- bad input: one year, zero counts, a code that does not parse ------------------------------

def test_one_year_is_a_stated_empty_result():
    out = kleinberg_bursts(*_one([3], years=[2015]))
    assert out.empty and list(out.columns) == list(BURST_COLUMNS)
    assert "one year (2015)" in out.attrs["notes"][0] and "at least two" in out.attrs["notes"][0]
    apps = pd.DataFrame({"patent_id": ["p1", "p2"], "applicant_id": ["a", "b"], "year": 2015})
    assert "one year (2015)" in actor_bursts(apps).attrs["notes"][0]


def test_zero_counts_are_said_not_silent():
    counts = pd.DataFrame([[0, 0, 0], [1, 4, 1]], index=["never", "x"], columns=[2001, 2002, 2003])
    out = kleinberg_bursts(counts, pd.Series(10, index=[2001, 2002, 2003]))
    assert "never" not in set(out["id"])
    assert any("1 item(s) with no events" in n for n in out.attrs["notes"])
    none = kleinberg_bursts(counts.loc[["never"]], pd.Series(10, index=[2001, 2002, 2003]))
    assert none.empty and "no item has an event" in none.attrs["notes"][0]


def test_a_year_with_no_events_carries_no_evidence():
    # 2003 has d = 0: the same burst as without it, and a note; the kernel's result is unchanged
    # apart from ln n (6 years instead of 5): gain 2.602831 > ln 6 = 1.791759 still
    counts = pd.DataFrame([[1, 1, 0, 5, 5, 1]], index=["x"], columns=range(2001, 2007))
    out = kleinberg_bursts(counts, pd.Series([10, 10, 0, 10, 10, 10], index=range(2001, 2007)))
    assert (out.loc[0, "start"], out.loc[0, "end"]) in ((2004, 2005), (2003, 2005))
    assert out.loc[0, "strength"] == pytest.approx(2.602831, abs=1e-6)
    assert any("no events at all" in n and "2003" in n for n in out.attrs["notes"])


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"gamma": 0}, "gamma=0"), ({"s": 1}, "s=1"), ({"min_duration": 0}, "min_duration=0")])
def test_bad_parameters(kwargs, words):
    with pytest.raises(NetworkInputError, match=words):
        kleinberg_bursts(*_one([1, 2, 3]), **kwargs)


def test_bad_tables():
    with pytest.raises(NetworkInputError, match="exceed the year's total"):
        kleinberg_bursts(*_one([1, 20, 3]))
    with pytest.raises(NetworkInputError, match="consecutive whole years"):
        kleinberg_bursts(pd.DataFrame([[1, 2]], columns=[2001, 2003]), pd.Series(5, index=[2001, 2003]))
    with pytest.raises(NetworkInputError, match="non-negative"):
        kleinberg_bursts(*_one([1, -1, 3]))
    with pytest.raises(NetworkInputError, match="lack a 'year'"):
        actor_bursts(pd.DataFrame({"patent_id": ["p"], "applicant_id": ["a"]}))
    with pytest.raises(NetworkInputError, match="windows"):
        tie_bursts(pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2001], "window_end": [2003], "n_patents": [1],
                                 "weight": [1.0]}))


def test_ipc_that_does_not_parse():
    apps = pd.DataFrame({"patent_id": ["p1", "p2", "p3", "p4"], "applicant_id": "a", "year": [2001, 2002, 2002, 2003],
                         "ipc": ["H01L 21/00", "H01L 23/00; XYZ", "G06F 3/00", "not-a-code"]})
    out = class_bursts(apps)
    assert any("2 code(s) that do not parse" in n and "XYZ" in n for n in out.attrs["notes"])
    assert any("1 application(s) without a usable class" in n for n in out.attrs["notes"])
    with pytest.raises(NetworkInputError, match="do not parse as IPC"):
        class_bursts(apps.assign(ipc="garbage"))
    with pytest.raises(NetworkInputError, match="lack an 'ipc' and a 'technology' column"):
        class_bursts(apps.drop(columns="ipc"))


# --- the wrappers count what they say ----------------------------------------------------------

def _synthetic_apps() -> pd.DataFrame:
    """SYNTHETIC: 10 patents a year 2001-2005; A and B co-patent 1, 1, 5, 5, 1 of them (the hand case),
    the rest are single-applicant patents of others; IPC H01L on A's patents, G06F elsewhere."""
    rows = []
    ab = {2001: 1, 2002: 1, 2003: 5, 2004: 5, 2005: 1}
    for y in YEARS:
        for k in range(10):
            pid = f"{y}-{k}"
            if k < ab[y]:
                rows += [(pid, y, "A", "H01L 21/00"), (pid, y, "B", "H01L 21/00")]
            else:
                rows.append((pid, y, f"other{y}{k}", "G06F 3/00"))
    return pd.DataFrame(rows, columns=["patent_id", "year", "applicant_id", "ipc"])


def test_actor_tie_and_class_wrappers_agree_with_the_hand_case():
    apps = _synthetic_apps()
    for table in (actor_bursts(apps, ids=["A", "B"]), class_bursts(apps)):
        top = table.iloc[0]
        assert (top["start"], top["end"]) == (2003, 2004)
        assert top["strength"] == pytest.approx(2.602831, abs=1e-6)  # r = 1,1,5,5,1 of d = 10: the hand case
    assert set(actor_bursts(apps, ids=["A", "B"])["id"]) == {"A", "B"}
    assert class_bursts(apps).iloc[0]["id"] == "H01L"
    # ties: A-B is the only pair, so it is the whole stream every year (p0 = 1): no rise is possible
    ties = tie_bursts(edges_from_applications(apps))
    assert ties.empty and any("capped" in n for n in ties.attrs["notes"])


def test_tie_bursts_against_the_other_pairs():
    # SYNTHETIC: pair a-b co-patents 1, 1, 5, 5, 1 patents; pair c-d the rest of 10 each year
    rows = []
    for y, k in zip(YEARS, [1, 1, 5, 5, 1], strict=True):
        rows += [("a", "b", y, k), ("c", "d", y, 10 - k)]
    e = pd.DataFrame(rows, columns=["u", "v", "year", "n_patents"]).assign(weight=lambda t: t["n_patents"] * 1.0)
    out = tie_bursts(e)
    ab = out[out["id"] == "a – b"].iloc[0]
    assert (ab["u"], ab["v"], ab["start"], ab["end"]) == ("a", "b", 2003, 2004)
    assert ab["strength"] == pytest.approx(2.602831, abs=1e-6)


@pytest.mark.slow
def test_patstat_italy_bursts(shared_data):
    from netanalysis.ingest import read_patents

    files = sorted((shared_data / "patstat-it").glob("*.xlsx"))
    if not files:
        pytest.skip("PATSTAT Italy not found")
    res = read_patents(files, columns={"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name",
                                       "region": "NUTS", "country": "person_ctry_code", "actor_type": "psn_sector"})
    apps = res.applications
    out = actor_bursts(apps)
    assert len(out) > 0 and out["strength"].gt(0).all() and (out["end"] >= out["start"]).all()
    # every burst's rate is above the actor's base rate, and its count is recounted from the raw rows
    assert (out["burst_rate"] > out["baseline"]).all()
    top = out.iloc[0]
    mine = apps[(apps["applicant_id"] == top["id"]) & apps["year"].between(top["start"], top["end"])]
    assert mine["patent_id"].nunique() == top["count"]
    assert apps[apps["year"].between(top["start"], top["end"])]["patent_id"].nunique() == top["total"]
    ties = tie_bursts(edges_from_applications(apps))
    assert len(ties) > 0 and ties["id"].str.contains(" – ").all()


def test_all_bursts_states_a_missing_or_unparsable_class_column():
    apps = _synthetic_apps()
    edges = edges_from_applications(apps)
    out = all_bursts(apps.drop(columns="ipc"), edges)
    assert out["classes"].empty and "lack an 'ipc' and a 'technology' column" in out["classes"].attrs["notes"][0]
    garbage = all_bursts(apps.assign(ipc="garbage"), edges)["classes"]
    assert garbage.empty and "do not parse as IPC" in garbage.attrs["notes"][0]
    # the actors reported default to the network's: A and B (every other applicant has no tie)
    assert set(out["actors"]["id"]) == {"A", "B"} and out["actors"].attrs["items"] == 2


def test_class_bursts_read_the_technology_column_without_ipc():
    # the hand case again, the classes WIPO fields in the technology column: Semiconductors on A's patents
    # (1, 1, 5, 5, 1 of 10 a year), Computer technology on the rest
    apps = _synthetic_apps()
    apps = apps.drop(columns="ipc").assign(technology=np.where(apps["ipc"].str.startswith("H01L"), "Semiconductors",
                                                               "Computer technology"))
    out = class_bursts(apps)
    top = out.iloc[0]
    assert (top["id"], top["start"], top["end"]) == ("Semiconductors", 2003, 2004)
    assert top["strength"] == pytest.approx(2.602831, abs=1e-6)
    assert out.attrs["column"] == "technology" and out.attrs["class_name"] == "WIPO technology field"
    assert out.attrs["stream"] == "applications with a WIPO technology field per year"
    # asked for IPC, the same table says what is missing and how to map it
    with pytest.raises(NetworkInputError, match="lack an 'ipc' column.*--columns ipc=COL"):
        class_bursts(apps, column="ipc")


def test_timeline_table_counts(timeline_example):
    # timeline_table: the conftest fixture's table, worked by hand
    t = timeline_example
    first = t.drop_duplicates("applicant_id").set_index("applicant_id")
    # entry = first tie: a 2004, b 2004, c 2008, d 2012; a's mean year (1·2004 + 2·2010 + 1·2008)/4 = 2008
    assert first["first_year"].to_dict() == {"a": 2004, "b": 2004, "c": 2008, "d": 2012}
    assert first.loc["a", "mean_year"] == pytest.approx(2008.0)
    assert first.loc["a", "label"] == "Uni A" and "x" not in set(t["applicant_id"])
    assert len(t) == 5  # a twice (two bursts), b, c, d
