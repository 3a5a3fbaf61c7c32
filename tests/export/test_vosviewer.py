"""VOSviewer map, network and JSON files, as its manual describes them (issue 16)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from netanalysis import network as nw
from netanalysis.datasets import sample_path
from netanalysis.export import save_vosviewer, save_vosviewer_json
from netanalysis.ingest import read_patents


@pytest.fixture(scope="module")
def sample():
    res = read_patents(sample_path())
    return res, nw.edges_from_applications(res.applications)


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
