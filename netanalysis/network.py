"""The network stage: ``applications`` → ``edges`` → igraph / networkx graphs.

The edge table (DESIGN.md) has one row per unordered dyad (``u < v``) and year:
``u, v, year, n_patents, weight`` plus ``n_patents_3plus`` (joint patents with three or
more distinct applicants, used for "large collaborations").  Pairs are built with numpy,
one batch per team size, never by looping over patents or pairs.
"""

from __future__ import annotations

from collections.abc import Iterable

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from . import __version__
from ._errors import NetworkInputError
from .regions import normalise_region_code
from .schema import ACTOR_TYPES, EDGE_COLUMNS

WEIGHTINGS = ("count", "fractional")
_NEEDED = ("patent_id", "year", "applicant_id")


def _check_columns(df: pd.DataFrame, needed: Iterable[str], what: str) -> None:
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise NetworkInputError(
            f"{what} lacks column(s) {missing}; expected the canonical columns "
            f"{list(needed)} (see DESIGN.md)"
        )


def _pairs_by_size(group_start: np.ndarray, group_size: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All index pairs (i < j) inside each group of consecutive rows, vectorised per size."""
    left, right = [], []
    for s in np.unique(group_size):
        if s < 2:
            continue
        starts = group_start[group_size == s]
        iu, ju = np.triu_indices(int(s), 1)
        left.append((starts[:, None] + iu[None, :]).ravel())
        right.append((starts[:, None] + ju[None, :]).ravel())
    if not left:
        empty = np.array([], dtype=np.int64)
        return empty, empty
    return np.concatenate(left), np.concatenate(right)


def _parse_years(years) -> tuple[int, int] | None:
    if years is None:
        return None
    if isinstance(years, str):
        parts = years.replace("–", "-").split("-")
        try:
            lo, hi = (int(parts[0]), int(parts[-1]))
        except ValueError as e:
            raise NetworkInputError(f"years={years!r} is not a range like '2004-2020'") from e
    else:
        lo, hi = (int(years[0]), int(years[-1]))
    if lo > hi:
        raise NetworkInputError(f"years={years!r} is an empty range (start {lo} > end {hi})")
    return lo, hi


def edges(
    applications: pd.DataFrame,
    weighting: str = "count",
    years: tuple[int, int] | str | None = None,
    window: int | None = None,
    region: str | Iterable[str] | None = None,
    region_mode: str = "touching",
    types: Iterable[str] | None = None,
    min_team_size: int | None = None,
) -> pd.DataFrame:
    """Build the co-patenting edge table from the long ``applications`` table.

    Parameters
    ----------
    applications : pandas.DataFrame
        Canonical long table (``patent_id, year, applicant_id`` and, for the filters,
        ``actor_type`` and ``region``).
    weighting : {"count", "fractional"}
        ``count``: each joint patent adds 1 to a pair.  ``fractional``: a patent with
        ``k`` distinct applicants adds ``1 / (k − 1)`` to each of its pairs (Newman
        2001), so every applicant's total weight on a patent is 1.
    years : (int, int) or "YYYY-YYYY", optional
        Inclusive range of filing years.
    window : int, optional
        Aggregate years into consecutive windows of this many years, starting at the
        first year of the range; ``year`` is then the window's first year and
        ``window_end`` its last.
    region : str or iterable of str, optional
        Focal region codes (ISO 3166-2:KR, Korean administrative codes or names).
    region_mode : {"touching", "internal"}
        ``touching`` keeps every tie with at least one end in the region (needed to see
        outside partners); ``internal`` keeps ties with both ends in it.  The region of
        an applicant is the one on that patent.
    types : iterable of str, optional
        Keep only ties whose both ends are of these actor types.  ``k`` for fractional
        counting is still the full team size.
    min_team_size : int, optional
        Keep only patents with at least this many distinct applicants.

    Returns
    -------
    pandas.DataFrame
        ``u, v, year, n_patents, weight, n_patents_3plus`` (and ``window_end``), one row
        per dyad and year (or window), ``u < v``.  Provenance is in ``.attrs``.

    Notes
    -----
    An applicant listed twice on one patent counts once (no self-loops).  Patents with
    a single applicant give no edge.  With ``weighting="count"``, ``weight ==
    n_patents``.

    References
    ----------
    M. E. J. Newman, "Scientific collaboration networks. II. Shortest paths, weighted
    networks, and centrality", Phys. Rev. E 64, 016132 (2001).

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p1", "p2", "p2"],
    ...     "year": [2010, 2010, 2010, 2011, 2011], "applicant_id": ["A", "B", "C", "A", "B"]})
    >>> edges(apps, weighting="fractional")[["u", "v", "year", "n_patents", "weight"]]
       u  v  year  n_patents  weight
    0  A  B  2010          1     0.5
    1  A  C  2010          1     0.5
    2  B  C  2010          1     0.5
    3  A  B  2011          1     1.0
    """
    _check_columns(applications, _NEEDED, "applications")
    if weighting not in WEIGHTINGS:
        raise NetworkInputError(f"weighting={weighting!r} is unknown; expected one of {WEIGHTINGS}")
    if window is not None and (not isinstance(window, (int, np.integer)) or window < 1):
        raise NetworkInputError(f"window={window!r}; expected a whole number of years >= 1")
    if region_mode not in ("touching", "internal"):
        raise NetworkInputError(f"region_mode={region_mode!r}; expected 'touching' or 'internal'")
    if min_team_size is not None and min_team_size < 2:
        raise NetworkInputError(f"min_team_size={min_team_size}; expected 2 or more")
    yr = _parse_years(years)

    cols = [c for c in ("patent_id", "year", "applicant_id", "actor_type", "region")
            if c in applications.columns]
    a = applications[cols].drop_duplicates(["patent_id", "applicant_id"])
    if a["year"].isna().any():
        raise NetworkInputError(
            f"applications has {int(a['year'].isna().sum())} rows with a missing year; "
            "ingest rejects such rows — drop or fix them first"
        )
    if yr is not None:
        a = a[(a["year"] >= yr[0]) & (a["year"] <= yr[1])]
    team = a.groupby("patent_id", sort=False)["applicant_id"].transform("size")
    a = a.assign(_k=team.to_numpy())
    if min_team_size is not None:
        a = a[a["_k"] >= min_team_size]
    if types is not None:
        types = list(types)
        bad = [t for t in types if t not in ACTOR_TYPES]
        if bad:
            raise NetworkInputError(f"types {bad} unknown; expected some of {ACTOR_TYPES}")
        _check_columns(a, ["actor_type"], "applications")
        a = a[a["actor_type"].isin(types)]
    focal: list[str] | None = None
    if region is not None:
        _check_columns(a, ["region"], "applications")
        focal = normalise_region_code(region)
        present = set(applications["region"].unique())
        if not present.intersection(focal):
            raise NetworkInputError(
                f"region {focal} does not occur in the data; regions present: "
                f"{sorted(r for r in present if r)[:20]}"
            )

    # sort so that pairs come out u < v, grouped by patent
    uid_codes, uid_labels = pd.factorize(a["applicant_id"], sort=True)
    pid_codes, _ = pd.factorize(a["patent_id"], sort=False)
    order = np.lexsort((uid_codes, pid_codes))
    pid_sorted = pid_codes[order]
    boundaries = np.flatnonzero(np.diff(pid_sorted)) + 1
    starts = np.concatenate([[0], boundaries]) if len(pid_sorted) else np.array([], dtype=np.int64)
    sizes = np.diff(np.concatenate([starts, [len(pid_sorted)]])) if len(starts) else starts
    i, j = _pairs_by_size(starts, sizes)
    ri, rj = order[i], order[j]

    k = a["_k"].to_numpy()[ri]
    w = np.ones(len(ri)) if weighting == "count" else 1.0 / (k - 1)
    pairs = pd.DataFrame({
        "u": uid_codes[ri], "v": uid_codes[rj], "year": a["year"].to_numpy()[ri].astype("int64"),
        "n_patents": 1, "weight": w, "n_patents_3plus": (k >= 3).astype("int64"),
    })
    if focal is not None:
        reg = a["region"].to_numpy()
        in_u, in_v = np.isin(reg[ri], focal), np.isin(reg[rj], focal)
        keep = (in_u | in_v) if region_mode == "touching" else (in_u & in_v)
        pairs = pairs[keep]
    by = ["u", "v", "year"]
    if window is not None:
        first = yr[0] if yr is not None else int(a["year"].min()) if len(a) else 0
        pairs["year"] = first + (pairs["year"] - first) // window * window
    out = pairs.groupby(by, sort=True, as_index=False)[["n_patents", "weight", "n_patents_3plus"]].sum()
    out["u"] = uid_labels[out["u"].to_numpy()]
    out["v"] = uid_labels[out["v"].to_numpy()]
    out["n_patents"] = out["n_patents"].astype("int64")
    if window is not None:
        out["window_end"] = out["year"] + window - 1
    out = out.sort_values(["year", "u", "v"], kind="stable").reset_index(drop=True)
    out = out[[*EDGE_COLUMNS, "n_patents_3plus", *(["window_end"] if window else [])]]
    out.attrs["netanalysis"] = {
        "package_version": __version__,
        "weighting": weighting,
        "years": list(yr) if yr else [int(a["year"].min()), int(a["year"].max())] if len(a) else [],
        "window": window,
        "region": focal or [],
        "region_mode": region_mode if focal else "",
        "types": list(types) if types is not None else [],
        "min_team_size": min_team_size,
        "source_files": sorted(map(str, applications["source_file"].unique()))
        if "source_file" in applications.columns else [],
    }
    return out


def collapse(edges: pd.DataFrame) -> pd.DataFrame:
    """Collapse an edge table to one row per dyad over the whole period.

    Returns
    -------
    pandas.DataFrame
        ``u, v, n_patents, weight, n_patents_3plus, n_active_years, first_year, last_year``.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["A", "A"], "v": ["B", "B"], "year": [2010, 2012],
    ...                   "n_patents": [1, 2], "weight": [1.0, 2.0]})
    >>> collapse(e)[["u", "v", "n_patents", "n_active_years", "first_year", "last_year"]]
       u  v  n_patents  n_active_years  first_year  last_year
    0  A  B          3               2        2010       2012
    """
    _check_columns(edges, EDGE_COLUMNS, "edges")
    agg = {"n_patents": ("n_patents", "sum"), "weight": ("weight", "sum"),
           "n_active_years": ("year", "nunique"), "first_year": ("year", "min"),
           "last_year": ("year", "max")}
    if "n_patents_3plus" in edges:
        agg["n_patents_3plus"] = ("n_patents_3plus", "sum")
    out = edges.groupby(["u", "v"], sort=True, as_index=False).agg(**agg)
    out.attrs = dict(edges.attrs)
    return out


def _graph_tables(edges: pd.DataFrame, actors: pd.DataFrame | None, isolates: bool):
    _check_columns(edges, ("u", "v", "n_patents", "weight"), "edges")
    e = collapse(edges) if "year" in edges.columns else edges
    if (e["u"] == e["v"]).any():
        raise NetworkInputError("edges contain self-pairs (u == v); build them with network.edges()")
    ids = pd.Index(pd.unique(np.concatenate([e["u"].to_numpy(), e["v"].to_numpy()])))
    nodes = pd.DataFrame({"applicant_id": ids})
    if actors is not None:
        _check_columns(actors, ["applicant_id"], "actors")
        if isolates:
            extra = actors.loc[~actors["applicant_id"].isin(ids), ["applicant_id"]]
            nodes = pd.concat([nodes, extra], ignore_index=True)
        attrs = actors.drop_duplicates("applicant_id").rename(columns={"name": "label"})
        nodes = nodes.merge(attrs, on="applicant_id", how="left")
    nodes = nodes.sort_values("applicant_id", kind="stable").reset_index(drop=True)
    return e, nodes


def _clean_attr(s: pd.Series) -> list:
    if isinstance(s.dtype, pd.CategoricalDtype) or s.dtype == object or pd.api.types.is_string_dtype(s):
        return s.astype(object).where(s.notna(), "").astype(str).tolist()
    if pd.api.types.is_bool_dtype(s):
        return s.fillna(False).astype(bool).tolist()
    return s.astype("float64").tolist() if s.isna().any() else s.tolist()


def to_igraph(
    edges: pd.DataFrame, actors: pd.DataFrame | None = None, isolates: bool = False
) -> ig.Graph:
    """Build an undirected igraph graph, carrying every actor attribute.

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (per year or collapsed); several rows of one dyad are summed.
    actors : pandas.DataFrame, optional
        Actor table; every column becomes a vertex attribute.
    isolates : bool
        Also add actors without any tie (they change normalisations by ``n``).

    Returns
    -------
    igraph.Graph
        Vertex attribute ``name`` = ``applicant_id`` (the actors' display ``name`` becomes
        ``label``, as Gephi expects); edge attributes ``weight``,
        ``n_patents``, ``n_patents_3plus`` (if present), ``n_active_years``,
        ``first_year``, ``last_year``; graph attributes hold the provenance.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["A", "B"], "v": ["B", "C"], "year": [2010, 2010],
    ...                   "n_patents": [1, 2], "weight": [1.0, 2.0]})
    >>> g = to_igraph(e)
    >>> g.vcount(), g.ecount(), g.es["weight"]
    (3, 2, [1.0, 2.0])
    """
    e, nodes = _graph_tables(edges, actors, isolates)
    index = pd.Series(np.arange(len(nodes)), index=nodes["applicant_id"].to_numpy())
    g = ig.Graph(n=len(nodes), edges=list(zip(index[e["u"]].to_numpy(), index[e["v"]].to_numpy(),
                                                strict=True)), directed=False)
    g.vs["name"] = nodes["applicant_id"].tolist()
    for col in nodes.columns.drop("applicant_id"):
        g.vs[col] = _clean_attr(nodes[col])
    for col in e.columns.drop(["u", "v"]):
        g.es[col] = _clean_attr(e[col])
    for key, val in edges.attrs.get("netanalysis", {}).items():
        g[key] = val
    return g


def to_networkx(
    edges: pd.DataFrame, actors: pd.DataFrame | None = None, isolates: bool = False
) -> nx.Graph:
    """Build an undirected networkx graph, carrying every actor attribute.

    Same contract as :func:`to_igraph`; nodes are ``applicant_id`` strings.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["A"], "v": ["B"], "year": [2010], "n_patents": [3], "weight": [3.0]})
    >>> to_networkx(e).edges(data="weight")
    EdgeDataView([('A', 'B', 3.0)])
    """
    e, nodes = _graph_tables(edges, actors, isolates)
    G = nx.Graph()
    G.graph.update(edges.attrs.get("netanalysis", {}))
    attrs = {c: _clean_attr(nodes[c]) for c in nodes.columns.drop("applicant_id")}
    G.add_nodes_from(
        (nid, {c: attrs[c][i] for c in attrs}) for i, nid in enumerate(nodes["applicant_id"])
    )
    ecols = list(e.columns.drop(["u", "v"]))
    evals = {c: _clean_attr(e[c]) for c in ecols}
    G.add_edges_from(
        (u, v, {c: evals[c][i] for c in ecols})
        for i, (u, v) in enumerate(zip(e["u"], e["v"], strict=True))
    )
    return G


def graph_from_applications(
    applications: pd.DataFrame,
    actors: pd.DataFrame | None = None,
    backend: str = "igraph",
    **edge_kwargs,
) -> ig.Graph | nx.Graph:
    """Shortcut: :func:`edges` then :func:`to_igraph` (or :func:`to_networkx`)."""
    e = edges(applications, **edge_kwargs)
    if backend == "igraph":
        return to_igraph(e, actors)
    if backend == "networkx":
        return to_networkx(e, actors)
    raise NetworkInputError(f"backend={backend!r}; expected 'igraph' or 'networkx'")
