"""Maps from a user's boundary file (GeoPandas, the `maps` extra) and Korea at two levels."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis import plotting as pl
from netanalysis._errors import PlotError

gpd = pytest.importorskip("geopandas")
shapely_geometry = pytest.importorskip("shapely.geometry")

# Three NUTS-2 regions of Italy as unit squares, side by side (a made-up geometry, keyed by code)
SQUARES = {"ITC4": (9, 45), "ITC1": (7, 45), "ITI4": (12, 42)}


@pytest.fixture
def boundary_file(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"NUTS_ID": list(SQUARES), "NAME": ["Lombardia", "Piemonte", "Lazio"]},
        geometry=[shapely_geometry.box(x, y, x + 1, y + 1) for x, y in SQUARES.values()], crs="EPSG:4326")
    path = tmp_path / "nuts2.geojson"
    gdf.to_file(path, driver="GeoJSON")
    return path


TIES = pd.DataFrame({"region_a": ["ITC1", "ITC4"], "region_b": ["ITC4", "ITI4"], "n_ties": [5, 2]})
ACTORS = pd.DataFrame({"region": ["ITC1", "ITC4", "ITI4"], "n_actors": [3, 9, 4]})


def test_map_from_a_boundary_file(boundary_file):
    _, ax = pl.plot_region_map(TIES, ACTORS, focal_region="ITC4", boundaries=boundary_file)
    # one line per tie bundle, from the representative point of one square to the other's
    assert len(ax.lines) == 2
    xs = sorted(round(x, 6) for line in ax.lines for x in line.get_xdata())
    assert xs == [7.5, 9.5, 9.5, 12.5]
    # polygons drawn: the three regions, then the focal one tinted again
    assert len(ax.collections) >= 3
    # the frame covers the squares with a margin
    assert ax.get_xlim()[0] < 7 and ax.get_xlim()[1] > 13
    # the code column was found without being named; names come from the region table
    assert {t.get_text() for t in ax.texts} >= {"Lombardia", "Piemonte", "Lazio"}


def test_boundary_file_key_column_named_or_missing(boundary_file, tmp_path):
    _, ax = pl.plot_region_map(TIES, ACTORS, boundaries=boundary_file, code_column="NUTS_ID")
    assert len(ax.lines) == 2
    with pytest.raises(PlotError, match="no column 'CODE'"):
        pl.plot_region_map(TIES, ACTORS, boundaries=boundary_file, code_column="CODE")
    other = pd.DataFrame({"region_a": ["DE21"], "region_b": ["DE30"], "n_ties": [1]})
    with pytest.raises(PlotError, match="no column of the boundary file holds"):
        pl.plot_region_map(other, pd.DataFrame({"region": ["DE21"], "n_actors": [1]}), boundaries=boundary_file)
    bad = tmp_path / "x.geojson"
    bad.write_text("not geojson", encoding="utf-8")
    with pytest.raises(PlotError, match="cannot read the boundary file"):
        pl.plot_region_map(TIES, ACTORS, boundaries=bad)


def test_outside_korea_without_boundaries_says_how():
    with pytest.raises(PlotError, match="--boundaries FILE"):
        pl.plot_region_map(TIES, ACTORS)


def test_korea_at_sigungu_level():
    ties = pd.DataFrame({"region_a": ["KR-27-Buk-gu", "KR-27-Buk-gu"],
                         "region_b": ["KR-47-Gumi-si", "KR-11-Gwanak-gu"], "n_ties": [4, 1]})
    actors = pd.DataFrame({"region": ["KR-27-Buk-gu", "KR-47-Gumi-si", "KR-11-Gwanak-gu"], "n_actors": [5, 3, 2]})
    _, ax = pl.plot_region_map(ties, actors, focal_region="KR-27")
    assert len(ax.lines) == 2
    # Gumi-si is drawn at its centroid from the shipped table (36.21 N, 128.36 E)
    ends = {(round(x, 2), round(y, 2)) for line in ax.lines for x, y in zip(*line.get_data(), strict=True)}
    assert (128.36, 36.21) in ends
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("si/gun/gu" in t for t in legend)


@pytest.mark.slow  # a whole figure run of a real export
def test_figures_draw_the_map_with_boundaries(shared_data, tmp_path, monkeypatch):
    from netanalysis.cli import main

    monkeypatch.chdir(tmp_path)
    regions = gpd.GeoDataFrame(
        {"code": ["ITC4", "ITC1", "ITI4", "ITH5", "ITF3"]},
        geometry=[shapely_geometry.box(x, y, x + 1, y + 1) for x, y in
                  [(9, 45), (7, 45), (12, 42), (11, 44), (14, 40)]], crs="EPSG:4326")
    regions.to_file(tmp_path / "it.gpkg", driver="GPKG")
    files = [str(p) for p in sorted((shared_data / "patstat-it").glob("*.xlsx"))]
    mapping = ("patent_id=appln_id,year=appln_filing_year,applicants=psn_name,region=NUTS,"
               "country=person_ctry_code,actor_type=psn_sector")
    assert main(["figures", *files, "--columns", mapping, "--region", "ITC4",
                 "--boundaries", str(tmp_path / "it.gpkg"), "--out", "f", "--quiet", "--null-model-runs", "20", "--no-report"]) == 0
    assert (tmp_path / "f" / "13_region_map.png").is_file()
    ties = pd.read_csv(tmp_path / "f" / "13_region_map.csv", encoding="utf-8-sig")
    assert ties["region_a"].str.len().eq(4).all()  # NUTS-2, the focus's level
