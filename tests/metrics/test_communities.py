"""Issue 16, first part: communities, the files VOSviewer / Gephi / Pajek open, period
comparison and drill-down to the documents behind every number."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import igraph as ig
import networkx as nx
import pandas as pd
import pytest

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis.datasets import sample_path
from netanalysis.export import save_dynamic_gexf, save_network, save_pajek, save_vosviewer, save_vosviewer_json
from netanalysis.ingest import read_patents


@pytest.fixture(scope="module")
def sample():
    res = read_patents(sample_path())
    return res, nw.edges_from_applications(res.applications)


def two_cliques() -> ig.Graph:
    """Two 4-cliques joined by one bridge: the partition is known by hand."""
    g = ig.Graph([(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (4, 7), (5, 6), (5, 7), (6, 7),
                  (3, 4)])
    g.vs["name"] = list("abcdefgh")
    return g


# ---- communities ------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_two_cliques_are_two_clusters_with_hand_computed_modularity(method):
    c = communities_of(two_cliques(), method)
    assert c.groupby("cluster")["applicant_id"].apply(lambda s: "".join(sorted(s))).tolist() == ["abcd", "efgh"]
    # Q = sum_c [l_c/m - (d_c/2m)^2] = 2 * (6/13 - (13/26)^2) = 12/13 - 1/2
    assert c.attrs["modularity"] == pytest.approx(12 / 13 - 0.5)


def communities_of(g, method):
    return m.communities(g, method=method, weighted=False)


def test_seeded_partitions_repeat_and_networkx_reaches_the_same_quality():
    g = ig.Graph.Famous("Zachary")
    g.vs["name"] = [f"a{i:02d}" for i in range(g.vcount())]
    a, b = m.communities(g, seed=3, weighted=False), m.communities(g, seed=3, weighted=False)
    assert a.equals(b)
    nx_part = m.communities(g.to_networkx(vertex_attr_hashable="name"), backend="networkx", weighted=False)
    assert nx_part.attrs["modularity"] == pytest.approx(a.attrs["modularity"], abs=0.01)
    assert a.attrs["modularity"] == pytest.approx(0.4198, abs=1e-3)  # the known optimum of Zachary's club


def test_cluster_summary_contributions_sum_to_modularity(sample):
    res, e = sample
    g = nw.to_igraph(e, res.actors)
    c = m.communities(g)
    s = m.cluster_summary(g, c, res.actors)
    assert s["size"].sum() == g.vcount()
    assert s["modularity_contribution"].sum() == pytest.approx(c.attrs["modularity"])
    assert s["types"].str.len().gt(0).all() and s["top_members"].str.len().gt(0).all()


def test_cpm_resolution_and_bad_arguments():
    g = two_cliques()
    fine = m.communities(g, objective="CPM", resolution=0.9, weighted=False)
    assert fine["cluster"].nunique() >= 2
    with pytest.raises(ValueError, match="method"):
        m.communities(g, method="infomap")
    with pytest.raises(ValueError, match="Louvain optimises modularity"):
        m.communities(g, method="louvain", objective="CPM")


# ---- files other tools open -------------------------------------------------------------------

def test_vosviewer_map_and_network_follow_the_manual(sample, tmp_path):
    res, e = sample
    map_path, net_path = save_vosviewer(e, res.actors, tmp_path)
    mp = pd.read_csv(map_path, sep="\t")
    assert list(mp.columns[:3]) == ["id", "label", "cluster"]
    assert all(c.startswith(("weight<", "score<")) for c in mp.columns[3:])
    assert mp["id"].tolist() == list(range(1, len(mp) + 1))  # positive integer ids
    assert mp["cluster"].between(1, 1000).all()
    net = pd.read_csv(net_path, sep="\t", header=None, names=["a", "b", "s"])
    assert set(net["a"]) | set(net["b"]) <= set(mp["id"]) and (net["s"] > 0).all()
    assert len(net) == len(nw.collapse(e))  # one line per tie
    assert net["s"].sum() == nw.collapse(e)["n_patents"].sum()
    # weight<Links> is the degree, counted independently from the network file
    deg = pd.concat([net["a"], net["b"]]).value_counts()
    assert (mp.set_index("id")["weight<Links>"] == deg.reindex(mp["id"]).to_numpy()).all()


def test_vosviewer_json_matches_the_map(sample, tmp_path):
    res, e = sample
    doc = json.loads(save_vosviewer_json(e, res.actors, tmp_path).read_text(encoding="utf-8"))
    items, links = doc["network"]["items"], doc["network"]["links"]
    assert {i["id"] for i in items} == set(range(1, len(items) + 1))
    assert {k for i in items for k in i} >= {"id", "label", "cluster", "weights", "scores"}
    assert all({"source_id", "target_id", "strength"} == set(x) for x in links)
    assert len(links) == len(nw.collapse(e))


def test_pajek_reads_back_with_weights(sample, tmp_path):
    res, e = sample
    G = nx.read_pajek(save_pajek(e, res.actors, tmp_path))
    d = nw.collapse(e)
    assert G.number_of_edges() == len(d)
    assert sum(w for _, _, w in G.edges(data="weight")) == pytest.approx(d["n_patents"].sum())


def test_dynamic_gexf_has_one_spell_per_active_year(sample, tmp_path):
    res, e = sample
    path = save_dynamic_gexf(e, res.actors, tmp_path)
    root = ET.parse(path).getroot()
    ns = {"g": root.tag.split("}")[0].strip("{")}
    assert root.find("g:graph", ns).get("mode") == "dynamic"
    G = nx.read_gexf(path)
    years = e.groupby(["u", "v"])["year"].apply(lambda s: sorted(set(s)))
    (u, v), ys = next(iter(years.items()))
    assert [a for a, _ in G.edges[u, v]["spells"]] == ys
    assert G.number_of_edges() == len(years)


def test_save_network_writes_every_format(sample, tmp_path):
    res, e = sample
    written = save_network(e, res.actors, tmp_path, ["vosviewer", "vosviewer-json", "pajek", "gexf-dynamic"])
    assert sorted(p.name for p in written) == sorted([
        "copatent_network_vosviewer_map.txt", "copatent_network_vosviewer_network.txt",
        "copatent_network_vosviewer.json", "copatent_network.net", "copatent_network_dynamic.gexf"])


# ---- time and drill-down ------------------------------------------------------------------------

def test_compare_periods_on_a_hand_made_network():
    e = pd.DataFrame({"u": ["a", "a", "b", "a"], "v": ["b", "c", "c", "b"], "year": [2005, 2012, 2006, 2015],
                      "n_patents": [1, 1, 1, 2], "weight": [1.0, 1.0, 1.0, 2.0]})
    act = pd.DataFrame({"applicant_id": list("abcd"), "actor_type": ["university", "sme", "sme", "sme"]})
    r = m.compare_periods(e, act, [(2004, 2010), (2011, 2020)])
    t = r["ties"].set_index(["u", "v"])
    assert t.loc[("a", "b"), "status"] == "continued" and t.loc[("a", "b"), "n_patents_2"] == 2
    assert t.loc[("a", "c"), "status"] == "new" and t.loc[("b", "c"), "status"] == "dropped"
    bp = r["ties_by_type_pair"].set_index("type_pair")
    assert bp.loc["university–sme", ["continued", "new", "dropped"]].tolist() == [1, 1, 0]
    assert bp.loc["sme–sme", ["continued", "new", "dropped"]].tolist() == [0, 0, 1]
    a = r["actors"].set_index("applicant_id")
    # first period: ties a–b and b–c, so b lies on the one a–c path: normalised betweenness 1
    assert a.loc["b", "betweenness_1"] == pytest.approx(1.0) and a.loc["b", "degree_2"] == 1
    assert a.loc["a", "degree_change"] == 1  # 1 partner, then 2


def test_patents_between_and_of_count_independently(sample):
    res, e = sample
    apps = res.applications
    d = nw.collapse(e).sort_values("n_patents", ascending=False).iloc[0]
    docs = m.patents_between(apps, d["u"], d["v"])
    assert len(docs) == d["n_patents"]  # every co-patent of the tie, and only those
    assert docs["applicants"].str.contains(d["u"], regex=False).all()
    of = m.patents_of(apps, d["u"])
    assert len(of) == apps.loc[apps["applicant_id"] == d["u"], "patent_id"].nunique()
    assert set(docs["patent_id"]) <= set(of["patent_id"])
    assert m.patents_between(apps, d["u"], "no such actor").empty


@pytest.mark.slow  # real data / dask / whole figure: in CI's full set (-m "")
@pytest.mark.parametrize("color_by", ["cluster", "mean_year"])
def test_network_figure_coloured_by_cluster_or_mean_year(sample, color_by):
    import matplotlib.pyplot as plt

    from netanalysis import plotting as pl

    res, e = sample
    g = nw.to_igraph(e, res.actors)
    t = m.centrality(g).merge(m.communities(g), on="applicant_id").merge(m.mean_tie_year(e), on="applicant_id")
    fig, ax = pl.plot_network(g, t, color_by=color_by, top_k=3)
    faces = {tuple(c) for coll in ax.collections if hasattr(coll, "get_facecolors")
             for c in coll.get_facecolors().round(3)}
    assert len(faces) >= 5  # many clusters / years, not one colour
    if color_by == "mean_year":
        assert any(a.get_label() == "<colorbar>" for a in fig.axes) or len(fig.axes) == 2
    plt.close(fig)


def test_mean_tie_year_is_weighted_by_co_patents():
    e = pd.DataFrame({"u": ["a", "a", "b"], "v": ["b", "c", "c"], "year": [2004, 2010, 2006], "n_patents": [1, 3, 2]})
    t = m.mean_tie_year(e).set_index("applicant_id")
    assert t.loc["a", "mean_year"] == pytest.approx((2004 + 3 * 2010) / 4)
    assert t.loc["c", "mean_year"] == pytest.approx((3 * 2010 + 2 * 2006) / 5)
    assert (t.loc["b", "first_year"], t.loc["b", "last_year"]) == (2004, 2006)


def test_technology_profile_counts_each_actors_patents_once_per_subclass(sample):
    res, _ = sample
    apps = res.applications
    t = m.technology_profile(apps, level="subclass")
    pairs = apps.drop_duplicates(["patent_id", "applicant_id"])
    # independently: the distinct valid subclasses of each (patent, applicant)
    per_pair = [{c.replace(" ", "").upper()[:4] for c in str(cell).split(";") if c.strip()}
                if isinstance(cell, str) else set() for cell in pairs["ipc"]]
    per_pair = [{c for c in codes if re.fullmatch(r"[A-H]\d\d[A-Z]", c)} for codes in per_pair]
    assert t.to_numpy().sum() == sum(len(c) for c in per_pair)
    top = pairs["applicant_id"].value_counts().index[0]
    assert t.loc[top].sum() == sum(len(c) for c, who in zip(per_pair, pairs["applicant_id"], strict=True) if who == top)
    assert all(len(c) == 4 for c in t.columns)
    profile = m.technology_profile(apps, level="section", share=True)
    assert profile.sum(axis=1).to_numpy() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="level"):
        m.technology_profile(apps, level="division")
