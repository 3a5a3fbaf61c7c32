"""Scale (issue 6): parallel and sampled betweenness, chunked edges, parquet, the dask backend."""

from __future__ import annotations

import importlib
import os

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from netanalysis import _parallel
from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis._errors import NetworkInputError
from netanalysis._rng import igraph_seed

cmod = importlib.import_module("netanalysis.metrics.betweenness.exact")  # the module, not the function
engine = importlib.import_module("netanalysis.metrics.betweenness")  # where the automatic rule reads its budgets


def co_patent_graph(n_actors: int = 300, n_patents: int = 900, seed: int = 3) -> ig.Graph:
    """A small SYNTHETIC co-patenting graph (heavy-tailed actor popularity)."""
    rng = np.random.default_rng(seed)
    sizes = rng.choice([2, 2, 3, 4], size=n_patents)
    pid = np.repeat(np.arange(n_patents), sizes)
    hub = np.minimum(rng.zipf(1.7, size=len(pid)) - 1, n_actors - 1)  # a few very active actors
    actor = np.where(rng.random(len(pid)) < 0.4, hub, rng.integers(0, n_actors, len(pid)))
    apps = pd.DataFrame({"patent_id": pid, "year": 2010, "applicant_id": [f"A{x:04d}" for x in actor]})
    return nw.to_igraph(nw.edges_from_applications(apps))


@pytest.fixture
def always_parallel(monkeypatch):
    monkeypatch.setattr(_parallel, "PARALLEL_MIN_WORK", 0)


@pytest.mark.parametrize("weighted", [False, True])
def test_parallel_equals_single_process(always_parallel, weighted):
    g = co_patent_graph()
    one = m.betweenness(g, method="exact", weighted=weighted, n_jobs=1)
    two = m.betweenness(g, method="exact", weighted=weighted, n_jobs=2)
    np.testing.assert_allclose(two["betweenness"], one["betweenness"], rtol=0, atol=1e-9)
    s1 = m.betweenness(g, k=60, seed=5, n_jobs=1)
    s2 = m.betweenness(g, k=60, seed=5, n_jobs=2)
    np.testing.assert_allclose(s2[["betweenness", "betweenness_se"]], s1[["betweenness", "betweenness_se"]],
                               rtol=0, atol=1e-9)


def test_parallel_matches_bare_igraph(always_parallel):
    g = co_patent_graph()
    got = m.betweenness(g, method="exact", normalized=False, n_jobs=2)["betweenness"].to_numpy()
    np.testing.assert_allclose(got, g.betweenness(directed=False), atol=1e-9)
    ref = nx.betweenness_centrality(nw.to_networkx(nw.edges_from_applications(pd.DataFrame(
        {"patent_id": np.repeat(np.arange(len(g.es)), 2), "year": 2010,
         "applicant_id": np.array(g.vs["name"])[np.ravel(g.get_edgelist())]}))), normalized=False)
    np.testing.assert_allclose(got, [ref[x] for x in g.vs["name"]], atol=1e-9)


def _die(args):
    os._exit(3)  # a worker process that dies mid-run


def test_dead_worker_fails_the_call(always_parallel, monkeypatch):
    monkeypatch.setattr(_parallel, "batch_in_worker", _die)
    with pytest.raises(NetworkInputError, match="no partial result"):
        m.betweenness(co_patent_graph(), method="exact", n_jobs=2)


@pytest.mark.parametrize("bad", [0, -2, 1.5, True, "4"])
def test_bad_n_jobs(bad):
    with pytest.raises(NetworkInputError, match="n_jobs"):
        m.betweenness(ig.Graph.Star(4), n_jobs=bad)


def test_bad_k_and_method():
    g = ig.Graph.Star(5)
    with pytest.raises(NetworkInputError, match="larger than the graph"):
        m.betweenness(g, k=6)
    with pytest.raises(NetworkInputError, match="contradicts"):
        m.betweenness(g, k=2, method="exact")
    with pytest.raises(NetworkInputError, match="method"):
        m.betweenness(g, method="fast")
    with pytest.raises(NetworkInputError, match="k=0"):
        m.betweenness(g, k=0)


def test_auto_rule_switches_to_sampling(monkeypatch):
    g = co_patent_graph()
    n, e = g.vcount(), g.ecount()
    assert m.betweenness(g).attrs["betweenness"]["method"] == "exact"
    monkeypatch.setattr(engine, "EXACT_BUDGET", n * e - 1)
    monkeypatch.setattr(engine, "SAMPLE_BUDGET", 50 * e)
    monkeypatch.setattr(engine, "MIN_AUTO_K", 10)
    res = m.betweenness(g)
    assert res.attrs["betweenness"]["method"] == "sampled"
    assert (res["betweenness_sources"] == 50).all()
    assert m.betweenness(g, method="exact").attrs["betweenness"]["method"] == "exact"


def test_sampled_is_unbiased_and_its_standard_error_is_honest():
    """Over many seeds the estimates average to the exact value, and the reported standard
    error is no smaller than their spread: Hájek's variance ignores the implicit
    stratification of the ordered sample, so it errs on the safe side — for this graph's hub
    (its sources contribute alike, so the strata help most) 1.86 times the spread."""
    g = co_patent_graph(120, 300, seed=7)
    exact = m.betweenness(g, method="exact", normalized=False)["betweenness"].to_numpy()
    top = int(np.argmax(exact))
    runs = [m.betweenness(g, k=40, seed=s, normalized=False, n_jobs=1) for s in range(300)]
    est = np.array([r["betweenness"].to_numpy()[top] for r in runs])
    se = np.array([r["betweenness_se"].to_numpy()[top] for r in runs])
    assert est.mean() == pytest.approx(exact[top], rel=0.03)
    assert 0.9 <= np.sqrt(np.mean(se**2)) / est.std(ddof=1) <= 2.2
    assert m.betweenness(g, method="exact")["betweenness_se"].eq(0).all()


def test_sampled_ranking_close_to_exact():
    g = co_patent_graph(2000, 5000, seed=11)
    exact = m.betweenness(g, method="exact")["betweenness"]
    est = m.betweenness(g, k=400, seed=0)["betweenness"]
    top = exact.nlargest(20).index
    assert exact[top].rank().corr(est[top].rank(), method="spearman") > 0.8
    assert set(exact.nlargest(5).index) <= set(est.nlargest(10).index)


def test_parquet_in_and_out(tmp_path):
    rows = [(f"p{i // 3}", 2004 + i % 5, f"A{(i * 7) % 11}", "KR-27" if i % 2 else "KR-11") for i in range(90)]
    apps = pd.DataFrame(rows, columns=["patent_id", "year", "applicant_id", "region"])
    apps.to_parquet(tmp_path / "applications.parquet")
    got = nw.edges_from_parquet(tmp_path / "applications.parquet", region="KR-27", chunk_rows=7)
    pd.testing.assert_frame_equal(got, nw.edges_from_applications(apps, region="KR-27"))
    out = nw.save_edges(got, tmp_path / "edges.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(out), got)
    with pytest.raises(NetworkInputError, match="no such parquet"):
        nw.edges_from_parquet(tmp_path / "nope.parquet")
    (tmp_path / "bad.parquet").write_text("not parquet")
    with pytest.raises(NetworkInputError, match="not a readable parquet"):
        nw.edges_from_parquet(tmp_path / "bad.parquet")


# ---- dask backend -------------------------------------------------------------------------

distributed = pytest.importorskip("distributed")
dd = pytest.importorskip("dask.dataframe")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def sample_apps(n: int = 3000) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    pid = rng.integers(0, n // 3, n)
    return pd.DataFrame({"patent_id": [f"P{x}" for x in pid], "year": 2004 + pid % 17,
                         "applicant_id": [f"A{x}" for x in rng.zipf(1.8, n) % 400],
                         "actor_type": rng.choice(["university", "sme", "research_institute"], n),
                         "region": rng.choice(["KR-27", "KR-47", "KR-11"], n)})


@pytest.mark.slow  # real data / dask / whole figure: in CI's full set (-m "")
@pytest.mark.parametrize("kwargs", [{}, {"weighting": "fractional", "window": 3},
                                    {"region": "KR-27"}, {"region": ["KR-27", "KR-47"], "region_mode": "internal"},
                                    {"types": ["university", "sme"], "years": (2006, 2015)}])
def test_dask_edges_equal_in_process(client, kwargs):
    apps = sample_apps()
    ddf = dd.from_pandas(apps, npartitions=5)
    pd.testing.assert_frame_equal(nw.edges_from_applications(ddf, client=client, **kwargs), nw.edges_from_applications(apps, **kwargs),
                                  check_exact=False, rtol=1e-12)


def test_dask_betweenness_equal_in_process(client):
    g = co_patent_graph()
    for kw in ({"method": "exact"}, {"method": "exact", "weighted": True}, {"k": 50, "seed": 2}):
        local = m.betweenness(g, n_jobs=1, **kw)
        remote = m.betweenness(g, client=client, **kw)
        np.testing.assert_allclose(remote["betweenness"], local["betweenness"], rtol=0, atol=1e-9)
    assert m.centrality(g, client=client, method="exact")["betweenness"].max() > 0


def test_dask_exact_betweenness_by_blocks(client, monkeypatch):
    import sys

    monkeypatch.setattr(sys.modules["netanalysis.metrics.betweenness"], "BLOCK_MIN_WORK", 0)
    # two hubs, each joining 60 triangles and 30 leaves, joined by a square: many blocks
    edges, nxt = [(0, 1), (1, 2), (2, 3), (3, 0)], 4
    for hub in (0, 2):
        for _ in range(60):
            edges += [(hub, nxt), (nxt, nxt + 1), (nxt + 1, hub)]
            nxt += 2
        edges += [(hub, nxt + j) for j in range(30)]
        nxt += 30
    g = ig.Graph(edges)
    g.vs["name"] = [f"v{i}" for i in range(g.vcount())]
    remote = m.betweenness(g, client=client, method="exact", normalized=False)
    assert remote.attrs["betweenness"]["decomposition"] == "biconnected blocks, twins"
    np.testing.assert_allclose(remote["betweenness"], g.betweenness(directed=False), rtol=1e-12, atol=1e-9)


def test_dask_bad_input(client):
    apps = sample_apps(300)
    with pytest.raises(NetworkInputError, match="pass client="):
        nw.edges_from_applications(dd.from_pandas(apps, npartitions=2))
    with pytest.raises(NetworkInputError, match="does not occur"):
        nw.edges_from_applications(dd.from_pandas(apps, npartitions=2), client=client, region="KR-26")
    with pytest.raises(NetworkInputError, match="not a dask"):
        m.betweenness(ig.Graph.Star(4), client=object())


def test_closed_client_and_failing_task(monkeypatch):
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        c = distributed.Client(cluster)

        def boom(g, sources, weights):
            raise MemoryError("worker ran out of memory")

        monkeypatch.setattr(_parallel, "_call", boom)  # threads share this module: the task fails
        with pytest.raises(NetworkInputError, match="no partial result"):
            m.betweenness(co_patent_graph(), method="exact", client=c)
        c.close()
        with pytest.raises(NetworkInputError, match="closed"):
            m.betweenness(ig.Graph.Star(4), client=c)
        with pytest.raises(NetworkInputError, match="closed"):
            nw.edges_from_applications(sample_apps(30), client=c)


# ------------------------------------------------------------------ the leaf rule
def test_leaf_rule_on_a_star_by_hand():
    """Star K1,4: the 4 leaves are not sources; hub term = L (c − 2) / 2 = 4 · 3 / 2 = 6 = C(4, 2);
    as pairs: L (c − 1) − L (L + 1) / 2 = 16 − 10 = 6."""
    sources, mult, leaf_term, leaf_pairs = cmod._leaf_reduction(ig.Graph.Star(5))
    assert sources.tolist() == [0] and mult.tolist() == [5]
    assert leaf_term.tolist() == [6.0, 0, 0, 0, 0]
    assert leaf_pairs.tolist() == [6.0, 0, 0, 0, 0]
    assert m.betweenness(ig.Graph.Star(5), normalized=False)["betweenness"].tolist() == [6.0, 0, 0, 0, 0]


def test_leaf_rule_ignores_tiny_components_and_counts_distinct_neighbours():
    # triangle 0-1-2 with leaf 3 on 0 (double edge), a K2 (4-5) and an isolate (6)
    g = ig.Graph(n=7, edges=[(0, 1), (1, 2), (2, 0), (0, 3), (0, 3), (4, 5)])
    sources, mult, leaf_term, leaf_pairs = cmod._leaf_reduction(g)
    assert sources.tolist() == [0, 1, 2] and mult.tolist() == [2, 1, 1]
    assert leaf_term.tolist() == [1.0, 0, 0, 0, 0, 0, 0]  # leaf 3 to {1, 2} through 0: (4 − 2) / 2
    assert leaf_pairs.tolist() == [2.0, 0, 0, 0, 0, 0, 0]  # pairs (3, 1), (3, 2) through 0: 1 · 3 − 1


def _with_pendants(seed: int) -> tuple[ig.Graph, list[float]]:
    """Random graph with pendant leaves, pendant paths, K2s and isolates (simple: the graph contract)."""
    rng = np.random.default_rng(seed)
    with igraph_seed(seed):  # igraph's own generator: the graph must not depend on the tests run before
        g = ig.Graph.Erdos_Renyi(n=int(rng.integers(5, 40)), p=float(rng.uniform(0.05, 0.3)))
    core = g.vcount()
    new = int(rng.integers(1, 25))
    g.add_vertices(new + 5)
    ends = rng.integers(0, core + np.arange(new))  # each new vertex hangs on an earlier one
    g.add_edges([(int(a), core + i) for i, a in enumerate(ends)] + [(core + new, core + new + 1)])
    return g, rng.uniform(0.2, 3.0, size=g.ecount()).tolist()


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("weighted", [False, True])
def test_leaf_rule_gives_brandes_exactly(seed, weighted):
    g, w = _with_pendants(seed)
    if weighted:
        g.es["weight"] = w
    ours = m.betweenness(g, method="exact", weighted=weighted, normalized=False, n_jobs=1)
    bare = g.betweenness(directed=False, weights=[1 / x for x in w] if weighted else None)
    assert ours["betweenness"].to_numpy() == pytest.approx(bare, abs=1e-9)
    every = m.betweenness(g, k=g.vcount(), weighted=weighted, normalized=False, n_jobs=1)
    assert every["betweenness"].to_numpy() == pytest.approx(bare, abs=1e-9)  # k >= sources: exact
    assert (every["betweenness_se"] == 0).all()


def test_leaf_rule_sampled_estimate_is_unbiased():
    """Sampling only the non-leaf sources, with multiplicities 1 + leaves, stays unbiased."""
    g, _ = _with_pendants(3)
    exact = np.asarray(g.betweenness(directed=False))
    n_src = len(cmod._leaf_reduction(g)[0])
    runs = np.array([m.betweenness(g, k=max(2, n_src // 3), seed=s, normalized=False, n_jobs=1)["betweenness"]
                     for s in range(400)])
    sem = runs.std(axis=0, ddof=1) / np.sqrt(len(runs))
    assert np.all(np.abs(runs.mean(axis=0) - exact) <= 4 * sem + 1e-9)
