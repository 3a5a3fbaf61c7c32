"""The network figure coloured by cluster or by mean tie year (issue 16)."""

from __future__ import annotations

import pytest

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis.datasets import sample_path
from netanalysis.ingest import read_patents


@pytest.fixture(scope="module")
def sample():
    res = read_patents(sample_path())
    return res, nw.edges_from_applications(res.applications)


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
