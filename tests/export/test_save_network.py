"""``save_network`` writes every format it is asked for (issue 16)."""

from __future__ import annotations

import pytest

from netanalysis import network as nw
from netanalysis.datasets import sample_path
from netanalysis.export import save_network
from netanalysis.ingest import read_patents


@pytest.fixture(scope="module")
def sample():
    res = read_patents(sample_path())
    return res, nw.edges_from_applications(res.applications)


def test_save_network_writes_every_format(sample, tmp_path):
    res, e = sample
    written = save_network(e, res.actors, tmp_path, ["vosviewer", "vosviewer-json", "pajek", "gexf-dynamic"])
    assert sorted(p.name for p in written) == sorted([
        "copatent_network_vosviewer_map.txt", "copatent_network_vosviewer_network.txt",
        "copatent_network_vosviewer.json", "copatent_network.net", "copatent_network_dynamic.gexf"])
