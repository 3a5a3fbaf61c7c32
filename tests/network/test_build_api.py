"""The edge builder's other public pieces: options checked, dyads collapsed, parquet in and out."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis._errors import NetworkInputError
from netanalysis.network import edges_from_applications
from netanalysis.network.build import check_region_present, collapse, edge_options, edges_from_parquet, save_edges

APPS = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p3"],
                     "year": [2010, 2010, 2012, 2012, 2012, 2012, 2012],
                     "applicant_id": ["A", "B", "A", "B", "A", "B", "C"]})


def test_collapse_sums_a_dyad_over_its_years():
    c = collapse(edges_from_applications(APPS)).set_index(["u", "v"])
    # A-B: p1 (2010), p2 and p3 (2012): 3 patents over 2 active years
    assert c.loc[("A", "B"), ["n_patents", "n_active_years", "first_year", "last_year"]].tolist() == [3, 2, 2010, 2012]
    assert c.loc[("A", "C"), "n_patents"] == 1 and len(c) == 3


def test_edge_options_resolve_names_and_refuse_nonsense():
    o = edge_options(years="2004-2010", region="대구")
    assert (o.years, o.region) == ((2004, 2010), ["KR-27"])
    with pytest.raises(NetworkInputError):
        edge_options(weighting="cubic")


def test_check_region_present_accepts_a_lower_level_and_lists_the_present_ones():
    check_region_present(["KR-27"], {"KR-27-Buk-gu"})
    with pytest.raises(NetworkInputError, match="KR-11"):
        check_region_present(["KR-47"], {"KR-11"})


def test_save_edges_then_edges_from_parquet_round_trip(tmp_path):
    apps = tmp_path / "applications.parquet"
    APPS.to_parquet(apps)
    direct = edges_from_applications(APPS)
    pd.testing.assert_frame_equal(edges_from_parquet(apps), direct)
    out = save_edges(direct, tmp_path / "edges.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(out), direct)
