"""Tie survival shares on hand-worked toys, their monotonicity and bad arguments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis._errors import NetworkInputError
from netanalysis.metrics import (
    survival_curve,
    tie_survival,
)
from netanalysis.network import edges_from_applications as edges

# the toy of tests/metrics/test_persistence.py: A-B in 2010 and 2012 (repeated), A-C and C-D in 2011 (one-time)
TOY = pd.DataFrame({
    "patent_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4", "p4"],
    "year": [2010, 2010, 2012, 2012, 2011, 2011, 2011, 2011],
    "applicant_id": ["A", "B", "A", "B", "A", "C", "C", "D"],
})


def test_tie_survival_hand_worked():
    # dyads: AB active 2010, 2011, 2014; CD active 2010 only; EF active 2012, 2013
    e = pd.DataFrame({"u": ["A", "A", "A", "C", "E", "E"], "v": ["B", "B", "B", "D", "F", "F"],
                      "year": [2010, 2011, 2014, 2010, 2012, 2013], "n_patents": 1, "weight": 1.0})
    s = tie_survival(e, window=1, max_lag=3).set_index(["window_start", "lag"])
    assert s.loc[(2010, 1), ["n_dyads", "n_active_at", "n_active_within"]].tolist() == [2, 1, 1]
    assert s.loc[(2011, 3), ["n_dyads", "n_active_at"]].tolist() == [1, 1]
    assert s.loc[(2011, 2), ["n_active_at", "n_active_within"]].tolist() == [0, 0]
    assert s.loc[(2012, 1), "share_active_at"] == 1.0
    assert (2014, 1) not in s.index  # no window after the last
    # two-year windows: [2010-11], [2012-13], [2014]: AB in w0, w2; CD w0; EF w1
    s2 = tie_survival(e, window=2, max_lag=2).set_index(["window_start", "lag"])
    assert s2.loc[(2010, 1), "share_active_at"] == 0.0
    assert s2.loc[(2010, 2), "share_active_within"] == 0.5
    curve = survival_curve(s2.reset_index())
    assert curve["lag"].tolist() == [1, 2]


@settings(max_examples=examples(30), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["AB", "AC", "BC", "CD"]), st.integers(2000, 2008)), min_size=2))
def test_survival_shares_are_monotone_in_lag(rows):
    e = pd.DataFrame({"u": [d[0] for d, _ in rows], "v": [d[1] for d, _ in rows],
                      "year": [y for _, y in rows], "n_patents": 1, "weight": 1.0})
    if e["year"].nunique() < 2 and e["year"].max() == e["year"].min():
        return
    s = tie_survival(e, window=1, max_lag=4)
    for _, grp in s.groupby("window_start"):
        w = grp.sort_values("lag")["n_active_within"].to_numpy()
        assert (np.diff(w) >= 0).all()
        assert (grp["n_active_at"] <= grp["n_active_within"]).all()


def test_tie_survival_bad_args():
    e = edges(TOY)
    with pytest.raises(NetworkInputError, match="window"):
        tie_survival(e, window=0)
    with pytest.raises(NetworkInputError, match="single window"):
        tie_survival(e, window=10)
    with pytest.raises(NetworkInputError, match="empty"):
        tie_survival(e.iloc[:0])
