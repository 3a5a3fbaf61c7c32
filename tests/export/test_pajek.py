"""Pajek .net files read back with their weights (issue 16)."""

from __future__ import annotations

import networkx as nx
import pytest

from netanalysis import network as nw
from netanalysis.datasets import sample_path
from netanalysis.export import save_pajek
from netanalysis.ingest import read_patents


@pytest.fixture(scope="module")
def sample():
    res = read_patents(sample_path())
    return res, nw.edges_from_applications(res.applications)


def test_pajek_reads_back_with_weights(sample, tmp_path):
    res, e = sample
    G = nx.read_pajek(save_pajek(e, res.actors, tmp_path))
    d = nw.collapse(e)
    assert G.number_of_edges() == len(d)
    assert sum(w for _, _, w in G.edges(data="weight")) == pytest.approx(d["n_patents"].sum())
