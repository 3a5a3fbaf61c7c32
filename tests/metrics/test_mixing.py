"""Type mixing by hand; assortativity agrees between igraph and networkx."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from _hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis.metrics import (
    assortativity,
    mixing_matrix,
    type_mixing,
)
from netanalysis.network import edges_from_applications as edges

# the toy of tests/metrics/test_persistence.py: A-B in 2010 and 2012 (repeated), A-C and C-D in 2011 (one-time)
TOY = pd.DataFrame({
    "patent_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4", "p4"],
    "year": [2010, 2010, 2012, 2012, 2011, 2011, 2011, 2011],
    "applicant_id": ["A", "B", "A", "B", "A", "C", "C", "D"],
})


TOY_ACTORS = pd.DataFrame({
    "applicant_id": list("ABCD"), "name": list("abcd"),
    "actor_type": ["university", "sme", "sme", "research_institute"],
    "region": ["KR-27", "KR-27", "KR-47", "KR-11"], "country": ["KR"] * 4,
})


# ------------------------------------------------------------ mixing ----------------
def test_type_mixing_by_hand():
    e = edges(TOY)  # A-B uni-sme, A-C uni-sme, C-D sme-inst
    m = type_mixing(e, TOY_ACTORS).set_index(["group_a", "group_b"])
    assert m.loc[("university", "sme"), "n_ties"] == 2
    assert m.loc[("sme", "university"), "n_ties"] == 2
    assert m.loc[("sme", "university"), "row_share_ties"] == pytest.approx(2 / 3)
    mat = mixing_matrix(m.reset_index())
    assert (mat.values == mat.values.T).all()
    assert ("university", "university") not in m.index


@settings(max_examples=examples(30), deadline=None)
@given(n=st.integers(4, 20), p=st.floats(0.1, 0.7), seed=st.integers(0, 999))
def test_assortativity_backends_agree(n, p, seed):
    G = nx.gnp_random_graph(n, p, seed=seed)
    if G.number_of_edges() == 0:
        return
    rng = np.random.default_rng(seed)
    for v in G:
        G.nodes[v]["actor_type"] = str(rng.choice(["university", "sme", "research_institute"]))
    G = nx.relabel_nodes(G, lambda i: f"v{i:02d}")
    a = assortativity(G)
    b = assortativity(G, backend="networkx")
    if np.isnan(a) or np.isnan(b):
        assert np.isnan(a) and np.isnan(b)
    else:
        assert a == pytest.approx(b, abs=1e-9)
