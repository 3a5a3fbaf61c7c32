"""Issue 33, point 6: one validation entry (``netanalysis._contracts.check_inputs``) for edge
tables, actor tables and region arguments, used by every public metric: the same malformed
input gives the same error, with the same message, from all of them.  Tables are SYNTHETIC."""

from __future__ import annotations

import pandas as pd
import pytest
from _hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis._contracts import check_inputs
from netanalysis._errors import NetworkInputError

ACTORS = pd.DataFrame({
    "applicant_id": list("abcdefg"),
    "name": list("ABCDEFG"),
    "actor_type": ["university", "sme", "sme", "research_institute", "university", "sme", "large_firm"],
    "region": ["KR-27", "KR-27", "KR-47", "KR-11", "KR-27", "", "KR-47"],
    "country": ["KR", "KR", "KR", "KR", "KR", "JP", "KR"],
})

#: Every public metric that takes an edge table, called on (edges, actors).
WITH_ACTORS = {
    "brokerage": lambda e, a: m.brokerage(e, a),
    "type_mixing": lambda e, a: m.type_mixing(e, a),
    "dyad_persistence": lambda e, a: m.dyad_persistence(e, a),
    "network_by_period": lambda e, a: m.network_by_period(e, a),
    "regional_openness": lambda e, a: m.regional_openness(e, a, "KR-27"),
    "openness_by_region": lambda e, a: m.openness_by_region(e, a),
    "region_ties": lambda e, a: m.region_ties(e, a),
    "compare_periods": lambda e, a: m.compare_periods(e, a),
    "time_to_repeat": lambda e, a: m.time_to_repeat(e, a),
    "repeat_survival": lambda e, a: m.repeat_survival(e, a),
}
EDGES_ONLY = {
    "tie_survival": lambda e, a: m.tie_survival(e),
    "mean_tie_year": lambda e, a: m.mean_tie_year(e),
}


def edge_table(rows: list[tuple[str, str]], years: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"u": [r[0] for r in rows], "v": [r[1] for r in rows], "year": years,
                         "n_patents": 1, "weight": 1.0})


def _corrupt(e: pd.DataFrame, how: str):
    """One malformed edge table (or non-table) of kind ``how``, built from a valid one."""
    if how == "none":
        return None
    if how == "list":
        return e.to_dict("records")
    if how == "no_v":
        return e.drop(columns="v")
    if how == "empty":
        return e.iloc[0:0]
    if how == "self_pair":
        return pd.concat([e, e.iloc[[0]].assign(v=e["u"].iloc[0])], ignore_index=True)
    if how == "missing_id":
        return e.assign(u=e["u"].where(e.index != 0, None))
    if how == "mixed_ids":
        return e.assign(u=e["u"].astype(object).where(e.index != 0, 7))
    if how == "int_ids":  # ints in the edges, text in the actors
        codes = {c: i for i, c in enumerate("abcdefg")}
        return e.assign(u=e["u"].map(codes), v=e["v"].map(codes))
    raise AssertionError(how)


KINDS = ["none", "list", "no_v", "empty", "self_pair", "missing_id", "mixed_ids", "int_ids"]
pairs = st.tuples(st.sampled_from("abcdefg"), st.sampled_from("abcdefg")).filter(lambda p: p[0] < p[1])


@settings(max_examples=examples(25), deadline=None)
@given(rows=st.lists(pairs, min_size=2, max_size=8, unique=True),
       year=st.integers(2004, 2012), how=st.sampled_from(KINDS))
def test_every_metric_gives_the_same_error_for_the_same_malformed_edges(rows, year, how):
    e = _corrupt(edge_table(rows, [year + i % 3 for i in range(len(rows))]), how)
    with pytest.raises(NetworkInputError) as expected:
        check_inputs(e, ACTORS)
    calls = {**WITH_ACTORS, **(EDGES_ONLY if how != "int_ids" else {})}
    for name, call in calls.items():
        with pytest.raises(NetworkInputError) as got:
            call(e, ACTORS)
        assert str(got.value) == str(expected.value), name


@settings(max_examples=examples(15), deadline=None)
@given(rows=st.lists(pairs, min_size=2, max_size=6, unique=True),
       how=st.sampled_from(["none", "no_id", "empty", "mixed", "missing"]))
def test_every_metric_gives_the_same_error_for_the_same_malformed_actors(rows, how):
    e = edge_table(rows, [2010] * len(rows))
    a = {"none": None, "no_id": ACTORS.drop(columns="applicant_id"), "empty": ACTORS.iloc[0:0],
         "mixed": ACTORS.assign(applicant_id=[*"abcdef", 7]),
         "missing": ACTORS.assign(applicant_id=[*"abcdef", None])}[how]
    optional = {"dyad_persistence", "time_to_repeat"}
    with pytest.raises(NetworkInputError) as expected:
        check_inputs(e, a)
    for name, call in WITH_ACTORS.items():
        if how == "none" and name in optional:
            continue  # actors=None is allowed there: types unknown
        with pytest.raises(NetworkInputError) as got:
            call(e, a)
        assert str(got.value) == str(expected.value), name


SELF = edge_table([("a", "b"), ("b", "b"), ("a", "c")], [2010, 2010, 2011])


@pytest.mark.parametrize("call", [
    lambda: m.type_mixing(SELF, ACTORS), lambda: m.dyad_persistence(SELF, ACTORS), lambda: m.brokerage(SELF, ACTORS),
    lambda: nw.to_igraph(SELF, ACTORS), lambda: nw.to_networkx(SELF, ACTORS),
])
def test_a_self_pair_is_refused_like_to_igraph_does(call):
    with pytest.raises(NetworkInputError, match=r"^edges hold 1 self-pair\(s\) \(u == v, e\.g\. 'b'\)"):
        call()


def test_int_ids_against_text_actor_ids_is_one_clear_error():
    e = edge_table([(1, 2), (2, 3)], [2010, 2011])
    for call in (m.type_mixing, m.brokerage, m.dyad_persistence, m.network_by_period):
        with pytest.raises(NetworkInputError, match=r"edges hold int ids but actors\.applicant_id holds str ids"):
            call(e, ACTORS)
    # the same ids of one kind work: 1-2 and 2-3 as text
    ok = m.dyad_persistence(e.astype({"u": str, "v": str}),
                            ACTORS.assign(applicant_id=[str(i) for i in range(1, 8)]))
    assert len(ok) == 2


def test_none_applications_is_refused_by_name():
    with pytest.raises(NetworkInputError, match=r"^applications: expected a pandas DataFrame"):
        nw.edges_from_applications(None)
    with pytest.raises(NetworkInputError, match=r"^applications: expected a pandas DataFrame"):
        m.bipartite_null_model(None, ACTORS, n=2)


E3 = edge_table([("a", "b"), ("a", "c"), ("b", "d"), ("c", "g")], [2010, 2011, 2011, 2012])


@pytest.mark.parametrize("region", [None, "", " ", ",,", [], ["", " "]])
def test_no_region_is_one_error_where_a_focal_region_is_needed(region):
    with pytest.raises(NetworkInputError) as e:
        m.regional_openness(E3, ACTORS, region)
    assert str(e.value).startswith("region: none given (None, '' or only separators)")


def test_empty_pieces_of_a_region_list_are_ignored():
    base = m.regional_openness(E3, ACTORS, "KR-27")
    for same in ("KR-27,,", ",KR-27", ["KR-27", ""], " KR-27 ;"):
        pd.testing.assert_frame_equal(m.regional_openness(E3, ACTORS, same), base)
    # a's ties: b (KR-27, internal) and c (KR-47); b-d: d KR-11 (capital)
    assert int(base["n_ties"].sum()) == 3


def test_an_optional_region_given_as_empty_text_means_the_whole_network():
    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3"],
                         "applicant_id": ["a", "b", "a", "c", "d", "e"], "year": 2010,
                         "region": ["KR-27", "KR-27", "KR-27", "KR-47", "KR-11", "KR-27"]})
    whole = m.bipartite_null_model(apps, ACTORS, n=20, seed=1)
    for same in ("", ",,", []):
        pd.testing.assert_frame_equal(m.bipartite_null_model(apps, ACTORS, n=20, seed=1, region=same), whole)
    e_all = nw.edges_from_applications(apps)
    pd.testing.assert_frame_equal(nw.edges_from_applications(apps, region=""), e_all)
    assert len(nw.edges_from_applications(apps, region="KR-47,,")) == 1  # only a-c touches KR-47


def test_plot_network_on_an_axes_of_another_figure_draws_there_only():
    # issue 33: plot_network(ax=...) given an axes of a figure that is not the current one must
    # draw into that axes and return its figure, leaving the current figure and the other panel alone
    import igraph as ig
    import matplotlib.pyplot as plt

    from netanalysis.plotting import plot_network

    g = ig.Graph([(0, 1), (1, 2), (2, 3)])
    g.vs["name"] = list("abcd")
    g.vs["actor_type"] = ["university", "sme", "sme", "firm"]
    g.es["weight"] = [1.0, 2.0, 1.0]
    t = pd.DataFrame({"applicant_id": list("abcd"), "betweenness": [1.0, 2.0, 0.0, 0.0], "degree": [1, 2, 2, 1]})
    panel_fig, (left, right) = plt.subplots(1, 2)
    current = plt.figure()
    try:
        fig, ax = plot_network(g, t, ax=left, top_k=2)
        assert fig is panel_fig and ax is left
        assert plt.gcf() is current and not current.axes  # the current figure untouched
        assert not right.collections and not right.texts  # the other panel untouched
        assert len(left.collections) >= 2  # ties and actors drawn where asked
    finally:
        plt.close(panel_fig)
        plt.close(current)
