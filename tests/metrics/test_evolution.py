"""Windows over time: empty windows are rows, the last window cut at the range's end is marked."""

from __future__ import annotations

import pandas as pd

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis import plotting as pl

APPS = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2"], "applicant_id": ["a", "b", "a", "c"],
                     "year": [2010, 2010, 2016, 2016], "actor_type": ["university", "sme", "university", "sme"],
                     "region": ""})


def test_empty_and_partial_windows():
    e = nw.edges_from_applications(APPS, window=3, years=(2010, 2016))
    t = m.network_by_period(e, APPS[["applicant_id", "actor_type"]].drop_duplicates())
    # windows 2010-2012, 2013-2015 (no tie: still a row) and 2016-2016 (cut at the range's end)
    assert t["year"].tolist() == [2010, 2013, 2016]
    assert t["n_ties"].tolist() == [1, 0, 1]
    assert t["window_end"].tolist() == [2012, 2015, 2016]
    assert t["partial"].tolist() == [False, False, True]
    assert t["share_ties_university"].isna().tolist() == [False, True, False]
    fig, _ = pl.plot_network_by_period(t)
    assert fig is not None


def test_yearly_edges_fill_empty_years():
    e = nw.edges_from_applications(APPS)
    t = m.network_by_period(e, APPS[["applicant_id", "actor_type"]].drop_duplicates())
    assert t["year"].tolist() == list(range(2010, 2017))
    assert t["n_ties"].sum() == 2 and (t["n_ties"] == 0).sum() == 5
