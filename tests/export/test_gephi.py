"""Gephi files: the dynamic GEXF has one spell per active year (issue 16)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from netanalysis import network as nw
from netanalysis.datasets import sample_path
from netanalysis.export import save_dynamic_gexf
from netanalysis.ingest import read_patents


@pytest.fixture(scope="module")
def sample():
    res = read_patents(sample_path())
    return res, nw.edges_from_applications(res.applications)


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
