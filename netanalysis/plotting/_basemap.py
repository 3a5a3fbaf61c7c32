"""The outline of South Korea's 17 sido, shipped as ``_data/korea_outline.json``.

The file holds Natural Earth 1:10m geometry (public domain; see
``_data/korea_outline.LICENSE.txt``), cut to South Korea and simplified by
``tools/build_korea_outline.py``: land polygons, first-order (sido) boundary lines, the
Military Demarcation Line, and for each sido its mainland polygon and the point to draw
it at.  Coordinates are longitude, latitude in degrees (EPSG:4326).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import numpy as np
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.path import Path

from .._errors import PlotError

OUTLINE_CREDIT = "Boundaries: Natural Earth 1:10m (public domain)."
LAND = "#EDEAE4"  # South Korea
OTHER_LAND = "#F6F5F2"  # North Korea, Japan
FOCAL_FILL = "#CFE3F1"
SIDO_EDGE = "#8C8C8C"


@lru_cache(maxsize=1)
def korea_outline() -> dict:
    """The shipped outline (read once, then cached; do not modify the returned dict).

    Returns
    -------
    dict
        ``rok_land``, ``other_land`` (lists of polygons, each a list of rings of
        ``[lon, lat]``), ``sido_lines``, ``national_boundary`` (lists of lines), ``sido``
        (``{code: {"polygon": rings, "anchor": [lon, lat]}}``) and provenance keys
        ``source``, ``licence``, ``checked``.

    Examples
    --------
    >>> outline = korea_outline()
    >>> len(outline["sido"]), outline["licence"].startswith("public domain")
    (17, True)
    """
    text = resources.files("netanalysis").joinpath("_data/korea_outline.json").read_text(encoding="utf-8")
    data = json.loads(text)
    missing = {"rok_land", "other_land", "sido_lines", "national_boundary", "sido"} - set(data)
    if missing:
        raise PlotError(f"netanalysis/_data/korea_outline.json lacks {sorted(missing)}; "
                        "rebuild it with tools/build_korea_outline.py")
    return data


def sido_anchors() -> dict[str, tuple[float, float]]:
    """``{ISO 3166-2 code: (lon, lat)}``: where each sido is drawn on the outline.

    The point is the sido's location in ``_data/regions.csv`` when it lies inside the
    sido's outline polygon, else a point inside that polygon (Natural Earth's coarse
    Gwangju outline does not contain Gwangju city hall).

    Examples
    --------
    >>> lon, lat = sido_anchors()["KR-27"]  # Daegu
    >>> 128 < lon < 129 and 35 < lat < 36.5
    True
    """
    return {code: (float(v["anchor"][0]), float(v["anchor"][1])) for code, v in korea_outline()["sido"].items()}


def _polys(polygons: list) -> list[np.ndarray]:
    return [np.asarray(p[0], dtype=float) for p in polygons]


def _ring(xy: list, ccw: bool) -> np.ndarray:
    a = np.asarray(xy, dtype=float)
    twice_area = np.dot(a[:-1, 0], a[1:, 1]) - np.dot(a[1:, 0], a[:-1, 1])  # shoelace
    return a if (twice_area > 0) == ccw else a[::-1]


def _polygon_path(rings: list) -> Path:
    """One path per polygon: exterior anticlockwise, holes clockwise, so holes stay empty
    under either fill rule (e.g. Seoul inside Gyeonggi)."""
    return Path.make_compound_path(*(Path(_ring(r, ccw=(i == 0)), closed=True) for i, r in enumerate(rings)))


def draw_korea_outline(ax, *, focal: Iterable[str] = (), zorder: float = 0) -> None:
    """Draw land, sido boundaries and the Military Demarcation Line on ``ax``.

    Sido in ``focal`` (ISO 3166-2 codes) are tinted.
    """
    o = korea_outline()
    ax.add_collection(PolyCollection(_polys(o["other_land"]), facecolors=OTHER_LAND, edgecolors="none",
                                     zorder=zorder))
    ax.add_collection(PolyCollection(_polys(o["rok_land"]), facecolors=LAND, edgecolors="none", zorder=zorder))
    focal = set(focal)
    tinted = [_polygon_path(v["polygon"]) for c, v in o["sido"].items() if c in focal]
    if tinted:
        ax.add_collection(PathCollection(tinted, facecolors=FOCAL_FILL, edgecolors="none", zorder=zorder))
    ax.add_collection(LineCollection([np.asarray(ln, dtype=float) for ln in o["sido_lines"]],
                                     colors=SIDO_EDGE, linewidths=0.45, zorder=zorder))
    ax.add_collection(LineCollection([np.asarray(ln, dtype=float) for ln in o["national_boundary"]],
                                     colors="#6E6E6E", linewidths=0.5, linestyles=(0, (3, 2)), zorder=zorder))
