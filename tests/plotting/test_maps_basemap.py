"""The shipped sido outline (Natural Earth, public domain) and the map figure drawn on it.

The outline and ``_data/regions.csv`` come from independent sources, so they check each
other: every sido location must fall on or next to its own outline polygon, and inside no
other sido's polygon.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.path import Path

from netanalysis import plotting as pl
from netanalysis.plotting._basemap import korea_outline, sido_anchors
from netanalysis.regions import sido_table

OUTLINE = korea_outline()
# Natural Earth's 1:10m Gwangju outline is a rough loop that stops ~3 km short of Gwangju city
# hall, which therefore falls in Jeonnam's polygon; the map draws Gwangju inside its own loop.
COARSE = {"KR-29": "KR-46"}
SIDO = sido_table().set_index("code")


def _inside(rings: list, lon: float, lat: float) -> bool:
    """Inside the exterior ring and in no hole (Path.contains_point ignores holes)."""
    exterior, *holes = (Path(np.asarray(r, dtype=float)) for r in rings)
    return exterior.contains_point((lon, lat)) and not any(h.contains_point((lon, lat)) for h in holes)


def _distance_to(rings: list, lon: float, lat: float) -> float:
    """Smallest distance (degrees) from the point to the polygon's vertices, 0 if inside."""
    if _inside(rings, lon, lat):
        return 0.0
    xy = np.concatenate([np.asarray(r) for r in rings])
    return float(np.sqrt(((xy - [lon, lat]) ** 2).sum(axis=1)).min())


def test_provenance_and_licence_ship_with_the_file():
    assert "Natural Earth" in OUTLINE["source"]
    assert OUTLINE["licence"].startswith("public domain")
    from importlib import resources
    licence = resources.files("netanalysis").joinpath("_data/korea_outline.LICENSE.txt").read_text("utf-8")
    assert "Natural Earth" in licence and "public domain" in licence


def test_one_polygon_per_sido_of_the_region_table():
    assert set(OUTLINE["sido"]) == set(SIDO.index)
    assert len(OUTLINE["sido"]) == 17


def test_every_coordinate_is_in_the_korea_frame():
    layers = [r for p in OUTLINE["rok_land"] + OUTLINE["other_land"] for r in p]
    layers += OUTLINE["sido_lines"] + OUTLINE["national_boundary"]
    layers += [r for v in OUTLINE["sido"].values() for r in v["polygon"]]
    xy = np.concatenate([np.asarray(x, dtype=float) for x in layers])
    assert xy[:, 0].min() >= 124.0 and xy[:, 0].max() <= 132.0
    assert xy[:, 1].min() >= 32.8 and xy[:, 1].max() <= 39.2


@pytest.mark.parametrize("code", sorted(SIDO.index))
def test_region_table_location_is_at_its_own_polygon_and_in_no_other(code):
    lon, lat = SIDO.at[code, "lon"], SIDO.at[code, "lat"]
    own = OUTLINE["sido"][code]["polygon"]
    # Natural Earth's 1:10m sido outlines are coarse (Gwangju's misses its city hall by ~3 km)
    assert _distance_to(own, lon, lat) < 0.1
    others = [c for c, v in OUTLINE["sido"].items() if c != code and _inside(v["polygon"], lon, lat)]
    assert others == ([COARSE[code]] if code in COARSE else [])


@pytest.mark.parametrize("code", sorted(SIDO.index))
def test_anchor_is_inside_its_own_polygon(code):
    lon, lat = sido_anchors()[code]
    assert _inside(OUTLINE["sido"][code]["polygon"], lon, lat)


def test_enclosed_cities_are_holes_of_the_surrounding_province():
    seoul = sido_anchors()["KR-11"]
    daegu = sido_anchors()["KR-27"]
    assert not _inside(OUTLINE["sido"]["KR-41"]["polygon"], *seoul)  # Seoul is not Gyeonggi
    assert not _inside(OUTLINE["sido"]["KR-47"]["polygon"], *daegu)  # Daegu is not Gyeongbuk
    assert Path(np.asarray(OUTLINE["sido"]["KR-41"]["polygon"][0])).contains_point(seoul)  # but inside its rim


def test_demarcation_line_is_north_of_seoul_and_south_of_pyongyang():
    xy = np.concatenate([np.asarray(ln) for ln in OUTLINE["national_boundary"]])
    assert xy[:, 1].min() > SIDO.at["KR-11", "lat"] + 0.1
    assert xy[:, 1].max() < 39.0  # Pyongyang is at 39.0 N


def test_holes_render_empty():
    """The drawn path leaves the enclosed city untinted: Agg fills with the nonzero rule and
    the hole runs the other way round."""
    fig, ax = plt.subplots(figsize=(3, 3), dpi=100)
    from netanalysis.plotting._basemap import FOCAL_FILL, draw_korea_outline
    draw_korea_outline(ax, focal={"KR-47"})
    ax.set_xlim(128.3, 128.9)
    ax.set_ylim(35.6, 36.1)
    ax.set_axis_off()
    fig.subplots_adjust(0, 0, 1, 1)
    fig.canvas.draw()
    img = np.asarray(fig.canvas.buffer_rgba())[..., :3]

    def pixel(lon, lat):
        x, y = ax.transData.transform((lon, lat))
        return img[int(img.shape[0] - y), int(x)]

    tint = np.array([int(FOCAL_FILL[i:i + 2], 16) for i in (1, 3, 5)])
    daegu = sido_anchors()["KR-27"]
    assert np.abs(pixel(*daegu).astype(int) - tint).sum() > 20  # Daegu: not tinted
    assert np.abs(pixel(128.75, 36.05).astype(int) - tint).sum() <= 6  # Gyeongbuk north of it: tinted
    plt.close(fig)


def test_map_draws_the_outline_and_credits_it():
    ties = pd.DataFrame({"region_a": ["KR-11", "KR-27"], "region_b": ["KR-27", "KR-47"], "n_ties": [4, 9]})
    actors = pd.DataFrame({"region": ["KR-11", "KR-27", "KR-47"], "n_actors": [30, 12, 20]})
    fig, ax = pl.plot_region_map(ties, actors, focal_region=["KR-27", "KR-47"], credit="Source: SYNTHETIC")
    text = fig._supxlabel.get_text()
    assert "SYNTHETIC" in text and "Natural Earth" in text
    tints = [c for c in ax.collections if isinstance(c, PathCollection) and len(c.get_paths()) == 2]
    assert tints, "the two focal sido are tinted"
    anchors = sido_anchors()
    first = ax.lines[0].get_xydata()  # the Seoul-Daegu bundle runs between the two anchors
    assert first.ravel().tolist() == pytest.approx([*anchors["KR-11"], *anchors["KR-27"]])
    plt.close(fig)

    fig, ax = pl.plot_region_map(ties, actors, outline=False)
    assert "Natural Earth" not in (fig._supxlabel.get_text() if fig._supxlabel else "")
    plt.close(fig)
