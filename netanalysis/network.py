"""The network stage: ``applications`` → ``edges`` → igraph / networkx graphs.

The edge table (DESIGN.md) has one row per unordered dyad (``u < v``) and year:
``u, v, year, n_patents, weight`` plus ``n_patents_3plus`` (joint patents with three or
more distinct applicants, used for "large collaborations").  Pairs are built with numpy,
one batch per team size, never by looping over patents or pairs.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from . import __version__
from ._errors import NetworkInputError
from ._io import write_parquet
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
        iu, ju = (x.astype(starts.dtype) for x in np.triu_indices(int(s), 1))
        left.append((starts[:, None] + iu[None, :]).ravel())
        right.append((starts[:, None] + ju[None, :]).ravel())
    if not left:
        empty = np.array([], dtype=np.int64)
        return empty, empty
    return np.concatenate(left), np.concatenate(right)


def _release_arrow_pool() -> None:
    """Hand memory that Arrow's allocator keeps after factorising string columns (its hash
    tables: ~2x the column for 10 M rows) back to the OS before the integer kernel runs."""
    try:
        import pyarrow as pa
    except ImportError:  # numpy-backed strings: nothing held
        return
    pa.default_memory_pool().release_unused()


def _codes(s: pd.Series, sort: bool) -> tuple[np.ndarray, pd.Index]:
    """Compact integer codes and labels of a column (categoricals reuse their codes)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        cats, codes = s.cat.categories, s.cat.codes.to_numpy()
        if sort and not cats.is_monotonic_increasing:
            order = np.argsort(cats.to_numpy().astype(str), kind="stable")
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            codes, cats = rank[codes], cats[order]
    else:
        codes, cats = pd.factorize(s, sort=sort)
        cats = pd.Index(cats)
    dtype = np.int32 if len(cats) < 2**31 else np.int64
    return codes.astype(dtype, copy=False), cats


def _sum_sorted(key: np.ndarray, order: np.ndarray, n, w, n3):
    """Sum ``n, w, n3`` per distinct key, given ``order`` that sorts ``key``.

    ``n, w, n3`` are arrays aligned with ``key``, or ``None`` for ``n`` (one per row).
    Counts (``n``, ``n3``: integers or booleans) are summed as ``int32``, ``w`` as float.
    Returns the sorted distinct keys and the three sums.
    """
    if len(key) == 0:
        return key.astype(np.int64), np.zeros(0, np.int32), np.zeros(0), np.zeros(0, np.int32)
    key = key[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    uniq = key[starts]
    del key
    count = (np.diff(np.r_[starts, len(order)]).astype(np.int32) if n is None
             else np.add.reduceat(n[order].astype(np.int32, copy=False), starts))
    weight = None if w is None else np.add.reduceat(w[order], starts)
    return uniq, count, weight, np.add.reduceat(n3[order].astype(np.int32, copy=False), starts)


def _edges_from_codes(pid, uid, n_u, year, keep, in_focal, region_mode, weighting, min_team_size,
                      chunk_rows, verbose):
    """Kernel of :func:`edges` on integer codes; returns sorted ``(u, v, year, n, w, n3)`` arrays.

    Rows are sorted by (patent, applicant) with one integer key, duplicates of an
    applicant on a patent dropped (first row wins), then pairs are built chunk by chunk
    of whole patents and summed per ``(year, u, v)`` key.  Arrays are freed as soon as
    they are used, so the peak stays a small multiple of the input.
    """
    i64 = np.array([], dtype=np.int64)
    if len(pid) == 0:
        return i64, i64, i64, i64, np.array([], dtype=float), i64
    key = pid.astype(np.int64) * n_u + uid
    order = np.argsort(key)
    key = key[order]
    new = np.empty(len(key), dtype=bool)
    new[0], new[1:] = True, key[1:] != key[:-1]
    del key
    starts = np.flatnonzero(new)
    del new
    rows = np.minimum.reduceat(order, starts)  # the first raw row of each (patent, applicant)
    del order, starts
    p_s = pid[rows]
    pstart = np.flatnonzero(np.r_[True, p_s[1:] != p_s[:-1]])
    psize = np.diff(np.r_[pstart, len(p_s)]).astype(np.int32)
    k = np.repeat(psize, psize)  # team size = distinct applicants on the patent
    del pstart, psize
    mask = keep[rows]
    if min_team_size is not None:
        mask &= k >= min_team_size
    if not mask.all():
        rows, p_s, k = rows[mask], p_s[mask], k[mask]
    del mask
    if len(rows) == 0:
        return i64, i64, i64, i64, np.array([], dtype=float), i64
    u_s = uid[rows]
    y0 = int(year.min())
    y_s = (year[rows] - y0).astype(np.int32)
    foc = None if in_focal is None else in_focal[rows]
    del rows
    gstart = np.flatnonzero(np.r_[True, p_s[1:] != p_s[:-1]])
    gsize = np.diff(np.r_[gstart, len(p_s)])
    if len(p_s) < 2**31:
        gstart, gsize = gstart.astype(np.int32), gsize.astype(np.int32)
    n_rows = len(p_s)
    del p_s
    n_y = int(y_s.max()) + 1
    if n_y * n_u * n_u >= 2**63:
        raise NetworkInputError(f"{n_u:,d} actors over {n_y} years exceed the 64-bit dyad key; split the data")
    bounds = np.unique(np.r_[np.searchsorted(gstart, np.arange(0, n_rows, chunk_rows or n_rows)), len(gstart)])
    parts = []
    for c0, c1 in tqdm(list(itertools.pairwise(bounds)), disable=not verbose,
                       desc="edges", unit="chunk"):
        i, j = _pairs_by_size(gstart[c0:c1], gsize[c0:c1])
        if foc is not None:
            ok = (foc[i] | foc[j]) if region_mode == "touching" else (foc[i] & foc[j])
            i, j = i[ok], j[ok]
        kk = k[i]
        pkey = y_s[i].astype(np.int64)  # (year, u, v) packed in one int64, built in place
        pkey *= n_u
        pkey += u_s[i]
        pkey *= n_u
        pkey += u_s[j]
        del i, j
        # sort-based sums: no hash table, and the output must be sorted anyway
        ukey, n, w, n3 = _sum_sorted(pkey, np.argsort(pkey), None,
                                     None if weighting == "count" else 1.0 / (kk - 1), kk >= 3)
        if weighting == "count":
            w = n.astype(float)
        del pkey, kk
        parts.append((ukey, n, w, n3))
    del u_s, y_s, k, gstart, gsize, foc  # only the per-chunk sums are needed from here
    if len(parts) == 1:
        ukey, n, w, n3 = parts[0]
    else:  # sorted chunks: a stable sort merges them in about linear time
        ukey, n, w, n3 = (np.concatenate(x) for x in zip(*parts, strict=True))
        ukey, n, w, n3 = _sum_sorted(ukey, np.argsort(ukey, kind="stable"), n, w, n3)
    del parts
    n, n3 = n.astype(np.int64), n3.astype(np.int64)
    yy, rest = np.divmod(ukey, n_u * n_u)
    del ukey
    yy += y0
    uu, vv = np.divmod(rest, n_u)
    del rest
    if n_u < 2**31:
        uu, vv = uu.astype(np.int32), vv.astype(np.int32)
    return uu, vv, yy, n, w, n3


def check_region_present(focal: list[str], present: set) -> None:
    """Refuse a focal region that no application row carries, listing the regions present."""
    if not present.intersection(focal):
        raise NetworkInputError(
            f"region {focal} does not occur in the data; regions present: "
            f"{sorted(r for r in present if isinstance(r, str) and r)[:20]}"
        )


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
    chunk_rows: int | None = 5_000_000,
    verbose: bool = False,
    client=None,
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
    chunk_rows : int, optional
        Build pairs for about this many application rows at a time (whole patents per
        chunk, since pairs never cross patents) and add the partial sums, so memory stays
        bounded on tens of millions of rows.  ``None``: one chunk.  The result does not
        depend on it.
    verbose : bool
        Show a progress bar over the chunks.
    client : dask.distributed.Client, optional
        Build the edges on this dask cluster: ``applications`` may then be a dask
        DataFrame; it is shuffled by ``patent_id`` and each partition runs this function,
        the partial sums are added (same numbers as in-process).  See
        ``docs/scale.md``.

    Returns
    -------
    pandas.DataFrame
        ``u, v, year, n_patents, weight, n_patents_3plus`` (and ``window_end``), one row
        per dyad and year (or window), ``u < v``.  Provenance is in ``.attrs``.

    Notes
    -----
    Team size ``k`` is the number of distinct applicants of a patent (after the year
    filter, before the type and region filters).
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
    from ._dask import check_client, edges_on_cluster, is_dask_frame

    if client is not None or is_dask_frame(applications):
        if client is None:
            raise NetworkInputError("applications is a dask DataFrame; pass client=<dask.distributed.Client>")
        check_client(client)
        ddf = applications
        if not is_dask_frame(ddf):
            import dask.dataframe as dd

            ddf = dd.from_pandas(applications, npartitions=max(2, len(client.scheduler_info()["workers"]) * 2))
        kwargs = {"weighting": weighting, "years": years, "window": window, "region": region,
                  "region_mode": region_mode, "types": types, "min_team_size": min_team_size,
                  "chunk_rows": chunk_rows}
        return edges_on_cluster(ddf, client, kwargs)
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

    a = applications
    for col in ("patent_id", "applicant_id"):
        if a[col].isna().any():
            raise NetworkInputError(
                f"applications has {int(a[col].isna().sum())} rows with an empty {col}; "
                "ingest rejects such rows — drop or fix them first"
            )
    if a["year"].isna().any():
        raise NetworkInputError(
            f"applications has {int(a['year'].isna().sum())} rows with a missing year; "
            "ingest rejects such rows — drop or fix them first"
        )
    if yr is not None:
        a = a[(a["year"] >= yr[0]) & (a["year"] <= yr[1])]
    if types is not None:
        types = list(types)
        bad = [t for t in types if t not in ACTOR_TYPES]
        if bad:
            raise NetworkInputError(f"types {bad} unknown; expected some of {ACTOR_TYPES}")
        _check_columns(a, ["actor_type"], "applications")
    if chunk_rows is not None and (not isinstance(chunk_rows, (int, np.integer)) or chunk_rows < 1):
        raise NetworkInputError(f"chunk_rows={chunk_rows!r}; expected a whole number of rows >= 1")
    focal: list[str] | None = None
    if region is not None:
        _check_columns(a, ["region"], "applications")
        focal = normalise_region_code(region)
        check_region_present(focal, set(applications["region"].unique()))

    if len(a) and not np.isfinite(a["year"].to_numpy(dtype=float)).all():
        raise NetworkInputError("applications has non-finite years; expected whole filing years")
    uid_codes, uid_labels = _codes(a["applicant_id"], sort=True)
    pid_codes, _ = _codes(a["patent_id"], sort=False)
    _release_arrow_pool()
    year = a["year"].to_numpy()
    year = year.astype(np.int64) if year.dtype != np.int64 else year
    first = yr[0] if yr is not None else int(year.min()) if len(year) else 0
    if window is not None:
        year = first + (year - first) // window * window
    keep = np.ones(len(a), dtype=bool) if types is None else a["actor_type"].isin(types).to_numpy()
    in_focal = None if focal is None else a["region"].isin(focal).to_numpy()
    u, v, yy, n_pat, w, n3 = _edges_from_codes(
        pid_codes, uid_codes, len(uid_labels), year, keep, in_focal, region_mode, weighting,
        min_team_size, chunk_rows, verbose,
    )
    u_lab = uid_labels.take(u).array
    del u  # label columns are the largest part of the result: free each code array at once
    v_lab = uid_labels.take(v).array
    del v
    out = pd.DataFrame({"u": u_lab, "v": v_lab, "year": yy,
                        "n_patents": n_pat, "weight": w, "n_patents_3plus": n3}, copy=False)
    del u_lab, v_lab, yy, n_pat, w, n3
    if window is not None:
        out["window_end"] = out["year"] + window - 1
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


def edges_from_parquet(path: str | os.PathLike, **edge_kwargs) -> pd.DataFrame:
    """:func:`edges` straight from an ``applications.parquet`` (as ``netanalysis ingest`` writes).

    Only the columns edge building needs are read (``patent_id, year, applicant_id`` and,
    when filtering, ``actor_type`` / ``region``), as compact Arrow-backed strings, so tens
    of millions of rows fit in a few GB.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1"], "year": [2010, 2010], "applicant_id": ["A", "B"]})
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "applications.parquet"
    >>> apps.to_parquet(f)
    >>> edges_from_parquet(f)[["u", "v", "n_patents"]]
       u  v  n_patents
    0  A  B          1
    """
    import pyarrow.parquet as pq

    path = Path(path)
    if not path.is_file():
        raise NetworkInputError(f"{path}: no such parquet file; expected applications.parquet (netanalysis ingest)")
    try:
        present = set(pq.read_schema(path).names)
    except Exception as e:
        raise NetworkInputError(f"{path}: not a readable parquet file ({e})") from e
    cols = [*_NEEDED, *(c for c, kw in (("actor_type", "types"), ("region", "region"))
                        if edge_kwargs.get(kw) is not None and c in present)]
    missing = [c for c in cols if c not in present]
    if missing:
        raise NetworkInputError(f"{path}: column(s) {missing} missing; expected the canonical applications table")
    return edges(pd.read_parquet(path, columns=cols), **edge_kwargs)


def save_edges(edges: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write an edge table as parquet, atomically (a failed write leaves no file)."""
    _check_columns(edges, EDGE_COLUMNS, "edges")
    return write_parquet(edges, path)
