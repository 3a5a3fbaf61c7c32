"""Edge building: hand-worked cases, a brute-force reference, filters and bad arguments."""

from __future__ import annotations

import itertools
from collections import defaultdict

import pandas as pd
import pytest
from _hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis._errors import NetworkInputError
from netanalysis.network import edges_from_applications as edges
from netanalysis.network import to_igraph


def apps(rows):
    """rows: (patent_id, year, applicant_id[, actor_type, region])"""
    cols = ["patent_id", "year", "applicant_id", "actor_type", "region"][: len(rows[0])]
    return pd.DataFrame(rows, columns=cols)


def test_count_and_fractional_by_hand():
    a = apps([("p1", 2010, "A"), ("p1", 2010, "B"), ("p1", 2010, "C"),
              ("p2", 2010, "A"), ("p2", 2010, "B"), ("p3", 2011, "D")])
    c = edges(a)
    assert c[["u", "v", "n_patents", "weight"]].values.tolist() == [
        ["A", "B", 2, 2.0], ["A", "C", 1, 1.0], ["B", "C", 1, 1.0]]
    f = edges(a, weighting="fractional")
    assert f["weight"].tolist() == pytest.approx([0.5 + 1.0, 0.5, 0.5])
    assert f["n_patents_3plus"].tolist() == [1, 1, 1]
    # every applicant's fractional weight on a patent sums to 1
    assert f.loc[f.u.eq("A") | f.v.eq("A"), "weight"].sum() == pytest.approx(2.0)


def test_same_applicant_twice_is_no_loop():
    a = apps([("p1", 2010, "A"), ("p1", 2010, "A"), ("p1", 2010, "B")])
    e = edges(a, weighting="fractional")
    assert e[["u", "v", "weight"]].values.tolist() == [["A", "B", 1.0]]
    assert not (e["u"] == e["v"]).any()


def test_windows():
    a = apps([("p1", 2004, "A"), ("p1", 2004, "B"), ("p2", 2006, "A"), ("p2", 2006, "B"),
              ("p3", 2009, "A"), ("p3", 2009, "B")])
    e = edges(a, years=(2004, 2009), window=3)
    assert e[["year", "window_end", "n_patents"]].values.tolist() == [[2004, 2006, 2], [2007, 2009, 1]]


def test_region_touching_vs_internal_and_types():
    a = apps([("p1", 2010, "U", "university", "KR-27"), ("p1", 2010, "S", "sme", "KR-27"),
              ("p2", 2010, "U", "university", "KR-27"), ("p2", 2010, "L", "large_firm", "KR-11"),
              ("p3", 2010, "L", "large_firm", "KR-11"), ("p3", 2010, "T", "sme", "KR-41")])
    touching = edges(a, region="KR-27")
    internal = edges(a, region="대구", region_mode="internal")
    assert touching[["u", "v"]].values.tolist() == [["L", "U"], ["S", "U"]]
    assert internal[["u", "v"]].values.tolist() == [["S", "U"]]
    only = edges(a, types=["university", "sme"])
    assert only[["u", "v"]].values.tolist() == [["S", "U"]]


def test_years_filter_and_provenance():
    a = apps([("p1", 2003, "A"), ("p1", 2003, "B"), ("p2", 2005, "A"), ("p2", 2005, "C")])
    e = edges(a, years="2004-2020")
    assert e[["u", "v"]].values.tolist() == [["A", "C"]]
    assert e.attrs["netanalysis"]["years"] == [2004, 2020]
    g = to_igraph(e)
    assert g["weighting"] == "count" and g["years"] == [2004, 2020]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"weighting": "harmonic"}, "weighting"), ({"window": 0}, "window"),
     ({"region": "KR-49"}, "does not occur"), ({"region": "XX-1"}, "not a known code or name"),
     ({"years": (2020, 2004)}, "empty range"), ({"region_mode": "near"}, "region_mode"),
     ({"types": ["unicorn"]}, "unknown")],
)
def test_bad_arguments(kwargs, match):
    a = apps([("p1", 2010, "A", "sme", "KR-27"), ("p1", 2010, "B", "sme", "KR-27")])
    with pytest.raises(NetworkInputError, match=match):
        edges(a, **kwargs)


def test_chunking_does_not_change_the_result():
    rows = [(f"p{i // 3}", 2004 + i % 5, f"A{(i * 7) % 11}") for i in range(300)]
    a = pd.DataFrame(rows, columns=["patent_id", "year", "applicant_id"])
    whole = edges(a, weighting="fractional", chunk_rows=None)
    for chunk in (1, 2, 50):
        pd.testing.assert_frame_equal(edges(a, weighting="fractional", chunk_rows=chunk), whole,
                                      check_exact=False, rtol=1e-12)
    with pytest.raises(NetworkInputError, match="chunk_rows"):
        edges(a, chunk_rows=0)


def test_missing_column_and_nan_year():
    with pytest.raises(NetworkInputError, match="lacks column"):
        edges(pd.DataFrame({"patent_id": ["p"], "applicant_id": ["A"]}))
    a = pd.DataFrame({"patent_id": ["p", "p"], "year": [None, 2010.0], "applicant_id": ["A", "B"]})
    with pytest.raises(NetworkInputError, match="missing year"):
        edges(a)
    with pytest.raises(NetworkInputError, match="empty applicant_id"):
        edges(pd.DataFrame({"patent_id": ["p", "p"], "year": [2010, 2010], "applicant_id": ["A", None]}))


def brute_force(a: pd.DataFrame, weighting: str) -> dict:
    out: dict = defaultdict(lambda: [0, 0.0])
    for (_pid, year), grp in a.groupby(["patent_id", "year"]):
        members = sorted(set(grp["applicant_id"]))
        k = len(members)
        for u, v in itertools.combinations(members, 2):
            out[(u, v, year)][0] += 1
            out[(u, v, year)][1] += 1.0 if weighting == "count" else 1.0 / (k - 1)
    return {key: (n, pytest.approx(w)) for key, (n, w) in out.items()}


@settings(max_examples=examples(60), deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.integers(0, 12), st.sampled_from(list("ABCDEFGH"))), min_size=0, max_size=60
    ),
    weighting=st.sampled_from(["count", "fractional"]),
    chunk_rows=st.sampled_from([None, 1, 3, 7]),
    categorical=st.booleans(),
)
def test_edges_match_brute_force(rows, weighting, chunk_rows, categorical):
    a = pd.DataFrame({"patent_id": [f"p{p}" for p, _ in rows], "year": [2000 + p % 3 for p, _ in rows],
                      "applicant_id": [x for _, x in rows]})
    b = a
    if categorical:  # categories deliberately in reverse order: codes must still give u < v
        b = a.assign(applicant_id=pd.Categorical(a["applicant_id"], categories=list("HGFEDCBAZ")),
                     patent_id=a["patent_id"].astype("category"))
    e = edges(b, weighting=weighting, chunk_rows=chunk_rows)
    got = {(u, v, y): (n, w) for u, v, y, n, w in e[["u", "v", "year", "n_patents", "weight"]].itertuples(index=False)}
    assert got == brute_force(a, weighting)
    assert (e["u"] < e["v"]).all()


def test_input_not_modified():
    a = apps([("p1", 2010, "B"), ("p1", 2010, "A")])
    before = a.copy()
    edges(a, weighting="fractional")
    pd.testing.assert_frame_equal(a, before)


def test_the_last_window_ends_with_the_range():
    # 3-year windows over 2010–2016: 2010–2012, 2013–2015, 2016–2016 (cut at the range's end, not 2016–2018)
    a = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2"], "year": [2010, 2010, 2016, 2016],
                      "applicant_id": ["A", "B", "A", "B"]})
    e = edges(a, window=3, years=(2010, 2016))
    assert e[["year", "window_end"]].values.tolist() == [[2010, 2012], [2016, 2016]]
    e = edges(a, window=4)  # no range given: the data's last year ends the last window
    assert e[["year", "window_end"]].values.tolist() == [[2010, 2013], [2014, 2016]]


def test_a_patent_too_large_to_pair_is_refused_by_name():
    # 200 distinct applicants on patent "MEGA": 200*199/2 = 19,900 pairs * 64 bytes = 1.27 MB, over half of a
    # 2 MB memory limit (1 MB); a patent of 2 applicants beside it is fine on its own
    from netanalysis import set_limits

    rows = [("MEGA", 2010, f"A{i}") for i in range(200)] + [("p2", 2011, "A1"), ("p2", 2011, "B")]
    with set_limits(memory="2M"), pytest.raises(NetworkInputError, match=r"patent MEGA lists 200 distinct "
                                                                         r"applicants: its 19,900 pairs"):
        edges(apps(rows))
    with set_limits(memory="2M"):
        assert edges(apps(rows[-2:]))[["u", "v"]].values.tolist() == [["A1", "B"]]
    # with the default limit (the machine's memory) the same table builds: 19,900 pairs + the one of p2
    assert len(edges(apps(rows))) == 19_900 + 1
