"""Time to first repeat: Kaplan–Meier with right-censoring, worked by hand; censoring-aware shares."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from netanalysis import metrics as m
from netanalysis._errors import NetworkInputError


def _edges(rows):
    return pd.DataFrame(rows, columns=["u", "v", "year"]).assign(n_patents=1, weight=1.0)


# Five university–SME dyads, data end 2014. First year -> repeat year (None: never repeats):
#   a-b 2010 -> 2011 (1 year, event)      c-d 2010 -> 2012 (2, event)
#   e-f 2012 -> never (censored at 2)     g-h 2010 -> 2013 (3, event)     i-j 2010 -> never (censored at 4)
EDGES = _edges([("a", "b", 2010), ("a", "b", 2011), ("c", "d", 2010), ("c", "d", 2012), ("e", "f", 2012),
                ("g", "h", 2010), ("g", "h", 2013), ("i", "j", 2010)])
ACTORS = pd.DataFrame({"applicant_id": list("abcdefghij"), "actor_type": ["university", "sme"] * 5})


def test_time_to_repeat_by_hand():
    t = m.time_to_repeat(EDGES, ACTORS, end_year=2014).set_index("u")
    assert t["years"].to_dict() == {"a": 1, "c": 2, "e": 2, "g": 3, "i": 4}
    assert t["repeated"].to_dict() == {"a": True, "c": True, "e": False, "g": True, "i": False}
    with pytest.raises(NetworkInputError, match="before the last year"):
        m.time_to_repeat(EDGES, end_year=2012)


def test_kaplan_meier_and_greenwood_by_hand():
    s = m.repeat_survival(EDGES, ACTORS, end_year=2014).set_index("years")
    # at risk 5,5,4,2,1; repeats at 1, 2, 3; censored at 2 and 4
    assert s["n_at_risk"].tolist() == [5, 5, 4, 2, 1]
    assert s["n_repeated"].tolist() == [0, 1, 1, 1, 0]
    assert s["n_censored"].tolist() == [0, 0, 1, 0, 1]
    # S(1) = 4/5, S(2) = 4/5 * 3/4, S(3) = 0.6 * 1/2
    assert s["survival"].tolist() == pytest.approx([1.0, 0.8, 0.6, 0.3, 0.3])
    # Greenwood: sum d / (n (n - d)) = 1/20 at t=1; log(-log) band S ** exp(±z se / |log S|)
    z = 1.959963984540054
    se = math.sqrt(1 / 20) / abs(math.log(0.8))
    assert s.loc[1, "ci_lower"] == pytest.approx(0.8 ** math.exp(z * se))
    assert s.loc[1, "ci_upper"] == pytest.approx(0.8 ** math.exp(-z * se))
    g2 = 1 / 20 + 1 / 12
    se2 = math.sqrt(g2) / abs(math.log(0.6))
    assert s.loc[2, "ci_lower"] == pytest.approx(0.6 ** math.exp(z * se2))
    assert (s["ci_lower"] <= s["survival"]).all() and (s["survival"] <= s["ci_upper"]).all()
    assert s.attrs["n_censored"] == {"university–sme": 2}


def test_contrast_groups_and_every_pair():
    e = pd.concat([EDGES, _edges([("a", "k", 2011), ("a", "k", 2014)])])
    act = pd.concat([ACTORS, pd.DataFrame({"applicant_id": ["k"], "actor_type": ["university"]})])
    s = m.repeat_survival(e, act, end_year=2014)
    assert set(s["group"]) == {"university–sme", "all other pairs"}
    other = s[s["group"] == "all other pairs"].set_index("years")["survival"]
    assert other.loc[3] == 0.0  # the one university–university tie repeated after 3 years
    every = m.repeat_survival(e, act, contrast=None, end_year=2014)
    assert set(every["group"]) == {"university–sme", "university–university"}


def test_censoring_aware_shares_by_hand():
    d = m.dyad_persistence(EDGES, ACTORS)
    t = m.persistence_by_type_pair(d, observed_years=3, end_year=2014).set_index("type_pair")
    row = t.loc["university–sme"]
    # first seen by 2011: a-b, c-d, g-h, i-j (e-f, first seen 2012, is censored)
    assert (row["n_observable"], row["n_censored"]) == (4, 1)
    # repeated within 3 years: a-b (1), c-d (2), g-h (3); i-j never
    assert row["share_repeat_within"] == pytest.approx(3 / 4)
    # the naive share counts the censored e-f as not repeated
    assert row["share_repeated"] == pytest.approx(3 / 5)
    with pytest.raises(NetworkInputError, match="observed_years"):
        m.persistence_by_type_pair(d, observed_years=0)
