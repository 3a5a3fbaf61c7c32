"""Maps of inter-regional ties: Korea at sido or si/gun/gu level from shipped data, any other
country or NUTS region from a boundary file the user gives (GeoPandas, the ``maps`` extra)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from adjustText import adjust_text
from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import withStroke

from .._errors import PlotError
from ..regions import at_level, country_of, level_of, parse_region_codes, region_names, region_table, within
from . import _style as st
from ._basemap import FOCAL_FILL, OUTLINE_CREDIT, SIDO_EDGE, draw_korea_outline, sido_anchors

KOREA_FRAME = ((125.6, 130.0), (33.0, 38.75))
LEVEL_NAMES = {("KR", 1): "sido", ("KR", 2): "si/gun/gu"}


def _korea_points(codes: list[str], outline: bool) -> pd.DataFrame:
    t = region_table("korea").set_index("code")
    pts = t.reindex(codes)[["lon", "lat", "name", "name_local"]]
    if outline:  # sido drawn at a point inside their outline
        anchors = pd.DataFrame(sido_anchors(), index=["lon", "lat"]).T
        sido = pts.index.isin(anchors.index)
        pts.loc[sido, ["lon", "lat"]] = anchors.reindex(pts.index[sido])[["lon", "lat"]].to_numpy()
    return pts


def _read_boundaries(boundaries: Any, code_column: str | None, codes: list[str]) -> tuple[Any, str]:
    try:
        import geopandas as gpd
    except ImportError as e:
        raise PlotError("drawing a map from a boundary file needs GeoPandas: pip install "
                        "'netanalysis[maps]'") from e
    if isinstance(boundaries, str | os.PathLike):
        try:
            gdf = gpd.read_file(boundaries)
        except Exception as e:  # GeoPandas / pyogrio raise many kinds for a bad file
            raise PlotError(f"cannot read the boundary file {os.fspath(boundaries)!r} ({type(e).__name__}: {e}); "
                            "give any format GeoPandas reads (GeoJSON, GeoPackage, shapefile …)") from e
    else:
        gdf = boundaries
    if code_column is None:  # the column holding most of the region codes
        hits = {c: gdf[c].astype(str).isin(codes).sum() for c in gdf.columns if c != gdf.geometry.name}
        code_column = max(hits, key=lambda c: hits[c]) if hits else None
        if code_column is None or hits[code_column] == 0:
            raise PlotError(f"no column of the boundary file holds the region codes of the data "
                            f"(e.g. {codes[:3]}); name it with code_column= (--boundary-key)")
    elif code_column not in gdf.columns:
        raise PlotError(f"the boundary file has no column {code_column!r}; columns: {list(gdf.columns)}")
    gdf = gdf.assign(_code=gdf[code_column].astype(str))
    return gdf, code_column


@st.figure_doc
def plot_region_map(
    region_ties: pd.DataFrame,
    region_actors: pd.DataFrame,
    *,
    focal_region: str | Iterable[str] | None = None,
    boundaries: Any = None,
    code_column: str | None = None,
    min_ties: int = 1,
    outline: bool = True,
    max_labels: int = 20,
    title: str | None = "Inter-regional co-patent ties",
    credit: str | None = None,
    ax=None,
    show: bool = False,
    save: bool = False,
    filepath=None,
    dpi: int = 300,
):
    """Map of inter-regional tie bundles between the regions of one level.

    Parameters
    ----------
    region_ties : pandas.DataFrame
        ``region_a, region_b, n_ties`` (ties between regions, ``region_a < region_b``;
        see :func:`netanalysis.metrics.region_ties`, which aggregates to a level).
    region_actors : pandas.DataFrame
        ``region, n_actors`` (actors per region, same level).
    focal_region : str or iterable, optional
        Highlighted regions: tinted on the map, bundles touching them drawn in colour.
    boundaries : path or GeoDataFrame, optional
        Region polygons keyed by region code, in any format GeoPandas reads (needs the
        ``maps`` extra).  Without it, only Korean regions can be drawn (shipped outline,
        sido and si/gun/gu locations); other regions raise :class:`PlotError`.
    code_column : str, optional
        The column of ``boundaries`` holding the codes (default: the column that matches
        most codes of the data).
    min_ties : int
        Bundles with fewer ties are not drawn.
    outline : bool
        Korea: draw the sido outline (default).  ``False`` gives the schematic version.
    max_labels : int
        Label at most this many regions (the focal ones first, then by number of actors);
        every region is labelled when there are no more than this.

    Other Parameters
    ----------------
    {figure_options}

    Notes
    -----
    Korea's boundaries are Natural Earth 1:10m (public domain), cut to South Korea and
    simplified to about 400 m (``_data/korea_outline.json``, with its licence and
    ``tools/build_korea_outline.py``); si/gun/gu are drawn at their centroids from
    Statistics Korea's 2018 boundaries (``_data/kr_sigungu.csv``).  Each region is one
    point (a representative point of its polygon for a boundary file); a bundle is a
    straight line between two points whose width grows with the square root of the number
    of ties.  Longitude and latitude are drawn with the aspect of the map's middle latitude.

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Examples
    --------
    >>> ties = pd.DataFrame({"region_a": ["KR-11", "KR-27"], "region_b": ["KR-27", "KR-47"],
    ...                      "n_ties": [4, 9]})
    >>> actors = pd.DataFrame({"region": ["KR-11", "KR-27", "KR-47"], "n_actors": [30, 12, 20]})
    >>> fig, ax = plot_region_map(ties, actors, focal_region=["KR-27", "KR-47"])
    >>> len(ax.lines) >= 2
    True
    """
    for col in ("region_a", "region_b", "n_ties"):
        if col not in region_ties.columns:
            raise PlotError(f"region_ties lacks column {col!r}")
    codes = sorted((set(region_ties["region_a"]) | set(region_ties["region_b"])
                    | set(region_actors["region"])) - {"", None})
    if not codes:
        raise PlotError("no tie between regions of known location; nothing to map")
    focal = parse_region_codes(focal_region) if focal_region is not None else []
    countries = set(country_of(pd.Series(codes)))
    gdf = None
    if boundaries is not None:
        gdf, _ = _read_boundaries(boundaries, code_column, codes)
        geo = gdf.set_index("_code").geometry
        rep = geo[~geo.index.duplicated()].representative_point()
        pts = pd.DataFrame({"lon": rep.x, "lat": rep.y}).reindex(codes)
        t = region_table().set_index("code")
        pts["name"] = t["name"].reindex(codes).fillna(pd.Series(codes, index=codes))
        pts["name_local"] = t["name_local"].reindex(codes).fillna(pts["name"])
    elif countries == {"KR"}:
        pts = _korea_points(codes, outline)
    else:
        raise PlotError(
            f"no boundaries for regions outside Korea ({', '.join(sorted(countries - {'KR'}) or ['?'])}); "
            "pass boundaries= (--boundaries FILE: any file GeoPandas reads, keyed by region code) "
            "to draw this map")
    missing = pts["lon"].isna()
    pts = pts[~missing]
    ties = region_ties[(region_ties["n_ties"] >= min_ties) & region_ties["region_a"].isin(pts.index)
                       & region_ties["region_b"].isin(pts.index)]
    inside = within(pd.Series(pts.index, index=pts.index), focal) if focal else pd.Series(False, index=pts.index)
    with mpl.rc_context(st.rc()):
        fig, ax = st.new_axes(ax, figsize=(6.0, 7.0))
        if gdf is not None:
            shown = gdf[gdf["_code"].isin(pts.index)]
            shown.plot(ax=ax, facecolor="#F2F2EE", edgecolor=SIDO_EDGE, linewidth=0.45, zorder=0)
            tint = shown[within(shown["_code"], focal)] if focal else shown.iloc[:0]
            if len(tint):
                tint.plot(ax=ax, facecolor=FOCAL_FILL, edgecolor=SIDO_EDGE, linewidth=0.45, zorder=0)
            x0, y0, x1, y1 = shown.total_bounds
            pad = 0.04 * max(x1 - x0, y1 - y0)
            ax.set_xlim(x0 - pad, x1 + pad)
            ax.set_ylim(y0 - pad, y1 + pad)
            geographic = bool(getattr(gdf.crs, "is_geographic", True))
            mid = (y0 + y1) / 2
        else:
            (ax.set_xlim(*KOREA_FRAME[0]), ax.set_ylim(*KOREA_FRAME[1]))
            geographic, mid = True, 36.0
            if outline:
                draw_korea_outline(ax, focal=set(focal), zorder=0)
                ax.set_facecolor("#FBFCFD")
        ax.set_aspect(1 / np.cos(np.deg2rad(mid)) if geographic else 1.0)
        top = ties["n_ties"].max() if len(ties) else 1
        for a, b, n in ties[["region_a", "region_b", "n_ties"]].itertuples(index=False):
            if a == b:
                continue
            touch = bool(inside.get(a, False) or inside.get(b, False))
            ax.plot([pts.at[a, "lon"], pts.at[b, "lon"]], [pts.at[a, "lat"], pts.at[b, "lat"]],
                    color="#D55E00" if touch else "#7A7A7A", alpha=0.75 if touch else 0.35,
                    lw=0.4 + 5 * np.sqrt(n / top), solid_capstyle="round", zorder=1)
        ra = region_actors.groupby("region")["n_actors"].sum().reindex(pts.index).fillna(0)
        big = ra.max() if ra.max() > 0 else 1
        small = len(pts) > 40
        ax.scatter(pts["lon"], pts["lat"], s=(6 if small else 20) + (160 if small else 380) * np.sqrt(ra / big),
                   c=np.where(inside, "#0072B2", "#56B4E9"), edgecolors="white", linewidths=0.4, zorder=2)
        order = (inside.astype(int) * (ra.max() + 1) + ra).sort_values(ascending=False, kind="stable").index
        labelled = pts.loc[order[:max_labels]]
        local = labelled["name_local"].fillna(labelled["name"]).astype(str)
        both = pd.Series(np.where(local != labelled["name"].astype(str),
                                  local + " " + labelled["name"].astype(str), labelled["name"].astype(str)),
                         index=labelled.index)
        repeated = labelled["name"].duplicated(keep=False)  # Buk-gu of Daegu and of Gwangju
        if repeated.any():
            parents = region_names(at_level(pd.Series(labelled.index[repeated], dtype=object), 1))
            both[repeated] = [f"{b} ({parents[p]})" for b, p in zip(
                both[repeated], at_level(pd.Series(labelled.index[repeated], dtype=object), 1), strict=True)]
        names = st.display_labels(pd.Series(both, index=labelled.index), labelled["name"].astype(str))
        texts = [ax.text(x, y, nm, ha="center", va="top", fontsize=6.5, zorder=3,
                         path_effects=[withStroke(linewidth=2, foreground="white")], **st.font_kwargs())
                 for x, y, nm in zip(labelled["lon"].to_numpy(float), labelled["lat"].to_numpy(float), names,
                                     strict=True)]
        # crowded places: move labels apart; a fixed budget gives the same output on reruns
        adjust_text(texts, ax=ax, x=pts["lon"].to_numpy(float), y=pts["lat"].to_numpy(float),
                    expand=(1.1, 1.3), iter_lim=250, arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.4})
        ax.set_xlabel("longitude (°E)" if geographic else "x")
        ax.set_ylabel("latitude (°N)" if geographic else "y")
        level = max((level_of(c) for c in pts.index), default=1)
        unit = LEVEL_NAMES.get((next(iter(countries)), level), "region") if len(countries) == 1 else "region"
        handles: list[Artist] = [
            Line2D([], [], color="#D55E00", lw=3, label="ties touching the focal region"),
            Line2D([], [], color="#7A7A7A", lw=3, label="other inter-regional ties"),
            Line2D([], [], marker="o", ls="", color="#56B4E9", markersize=8, label=f"{unit} (size ∝ √actors)"),
        ]
        tinted = (gdf is not None and focal) or (outline and any(level_of(f) == 1 for f in focal))
        if tinted:
            handles.append(Patch(facecolor=FOCAL_FILL, edgecolor=SIDO_EDGE, lw=0.5, label="focal region"))
        if len(pts) > len(labelled):
            handles.append(Line2D([], [], ls="", label=f"labels: {len(labelled)} of {len(pts)} {unit}"))
        ax.legend(handles=handles, loc="lower right")
        if title:
            ax.set_title(title)
        if gdf is None and outline:
            credit = f"{credit} {OUTLINE_CREDIT}" if credit else OUTLINE_CREDIT
        st.add_credit(fig, credit)
    return st.finish_figure(fig, ax, show=show, save=save, filepath=filepath, dpi=dpi)
