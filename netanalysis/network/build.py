"""Edge tables: ``applications`` → one row per dyad and year (:data:`netanalysis.schema.EDGE_COLUMNS`).

The edge table has ``u, v, year, n_patents, weight`` plus ``n_patents_3plus`` and
``weight_3plus`` (the joint patents with three or more distinct applicants and their weight,
used for "large collaborations").
:func:`edges_from_applications` checks its arguments once, then runs either the
in-process kernel (:mod:`netanalysis.network.kernel`) or the same kernel per patent
partition on a dask cluster (:func:`netanalysis._parallel.partition_sums`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError
from .._io import write_parquet
from .._parallel import check_client, is_dask_frame, partition_sums
from .._version import __version__
from ..ingest import usual_value
from ..regions import at_level, parse_region_codes, within
from ..schema import ACTOR_TYPES, EDGE_COLUMNS, WEIGHTINGS, parse_years, require_columns
from .kernel import codes, edges_from_codes, release_arrow_pool

#: Columns every edge build needs from ``applications``.
NEEDED_COLUMNS = ("patent_id", "year", "applicant_id")
_SUMS = ["n_patents", "weight", "n_patents_3plus", "weight_3plus"]


@dataclass(frozen=True)
class EdgeOptions:
    """The checked arguments of one edge build (see :func:`edges_from_applications`)."""

    weighting: str = "count"
    years: tuple[int, int] | None = None
    window: int | None = None
    region: list[str] | None = None
    region_mode: str = "touching"
    types: list[str] | None = None
    min_team_size: int | None = None
    chunk_rows: int | None = 5_000_000
    focal_ids: frozenset[str] | None = None  # actors located in the focus (a dask build computes it first)


def focal_actors(applications: pd.DataFrame, region: list[str]) -> frozenset[str]:
    """The applicants whose usual region lies in ``region`` (see :func:`netanalysis.ingest.usual_value`).

    Parameters
    ----------
    applications : pandas.DataFrame
        ``applicant_id`` and ``region`` over every year (the rule looks at all of them).
    region : list of str
        Canonical focal codes.

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> a = pd.DataFrame({"applicant_id": ["x", "x", "x", "z"],
    ...                   "region": ["KR-27-Buk-gu", "KR-11", "KR-27-Buk-gu", "KR-11"]})
    >>> sorted(focal_actors(a, ["KR-27"]))
    ['x']
    """
    usual = usual_value(applications, "region")
    return frozenset(usual.index[within(usual, region).to_numpy()].astype(str))


def edge_options(
    weighting: str = "count",
    years: tuple[int, int] | str | None = None,
    window: int | None = None,
    region: str | Iterable[str] | None = None,
    region_mode: str = "touching",
    types: Iterable[str] | None = None,
    min_team_size: int | None = None,
    chunk_rows: int | None = 5_000_000,
) -> EdgeOptions:
    """Check the arguments of :func:`edges_from_applications` and return them resolved.

    Parameters
    ----------
    weighting, years, window, region, region_mode, types, min_team_size, chunk_rows
        As in :func:`edges_from_applications`.

    Returns
    -------
    EdgeOptions
        The arguments, checked; ``years`` as a pair and ``region`` as ISO codes.

    Raises
    ------
    NetworkInputError
        Naming the first argument that is not usable.

    Examples
    --------
    >>> edge_options(years="2004-2010", region="대구").region
    ['KR-27']
    """
    if weighting not in WEIGHTINGS:
        raise NetworkInputError(f"weighting={weighting!r} is unknown; expected one of {WEIGHTINGS}")
    if window is not None and (not isinstance(window, (int, np.integer)) or window < 1):
        raise NetworkInputError(f"window={window!r}; expected a whole number of years >= 1")
    if region_mode not in ("touching", "internal"):
        raise NetworkInputError(f"region_mode={region_mode!r}; expected 'touching' or 'internal'")
    if min_team_size is not None and min_team_size < 2:
        raise NetworkInputError(f"min_team_size={min_team_size}; expected 2 or more")
    if chunk_rows is not None and (not isinstance(chunk_rows, (int, np.integer)) or chunk_rows < 1):
        raise NetworkInputError(f"chunk_rows={chunk_rows!r}; expected a whole number of rows >= 1")
    type_list = None if types is None else list(types)
    if type_list is not None:
        bad = [t for t in type_list if t not in ACTOR_TYPES]
        if bad:
            raise NetworkInputError(f"types {bad} unknown; expected some of {ACTOR_TYPES}")
    return EdgeOptions(
        weighting=weighting, years=parse_years(years), window=None if window is None else int(window),
        region=None if region is None else parse_region_codes(region), region_mode=region_mode,
        types=type_list, min_team_size=min_team_size, chunk_rows=chunk_rows,
    )


def check_region_present(focal: list[str], present: set[Any]) -> None:
    """Refuse a focal region no application row lies in, listing the regions present.

    Parameters
    ----------
    focal : list of str
        Focal region codes.
    present : set
        The region codes in the data.

    Raises
    ------
    NetworkInputError
        When no code of ``present`` lies in ``focal`` (at any level).

    Examples
    --------
    >>> check_region_present(["KR-27"], {"KR-27-Buk-gu", "KR-11"})  # fine: returns None
    """
    codes = pd.Series(sorted(r for r in present if isinstance(r, str) and r), dtype=object)
    if codes.empty:
        raise NetworkInputError(
            f"region {focal} cannot be chosen: no applicant in the data has a known region (the "
            "source gives no addresses or region codes); analyse the whole network (no region), or "
            "add a region column")
    if not within(codes, focal).any():
        coarse = sorted(set(at_level(codes, 1)) - {""})
        raise NetworkInputError(
            f"region {focal} does not occur in the data; regions present (level 1): {coarse[:20]}")


def _check_applications(applications: pd.DataFrame, opts: EdgeOptions) -> None:
    """The columns and values the build needs (pandas input)."""
    require_columns(applications, NEEDED_COLUMNS, "applications")
    if opts.types is not None:
        require_columns(applications, ["actor_type"], "applications")
    if opts.region is not None:
        require_columns(applications, ["region"], "applications")
    for col in ("patent_id", "applicant_id"):
        if applications[col].isna().any():
            raise NetworkInputError(
                f"applications has {int(applications[col].isna().sum())} rows with an empty {col}; "
                "ingest rejects such rows — drop or fix them first"
            )
    if applications["year"].isna().any():
        raise NetworkInputError(
            f"applications has {int(applications['year'].isna().sum())} rows with a missing year; "
            "ingest rejects such rows — drop or fix them first"
        )
    if len(applications) and not np.isfinite(applications["year"].to_numpy(dtype=float)).all():
        raise NetworkInputError("applications has non-finite years; expected whole filing years")


def _edges_in_process(applications: pd.DataFrame, opts: EdgeOptions, verbose: bool = False) -> pd.DataFrame:
    """The build on one pandas table (arguments already checked)."""
    yr = opts.years
    apps = applications
    if yr is not None:
        apps = apps[(apps["year"] >= yr[0]) & (apps["year"] <= yr[1])]
    uid_codes, uid_labels = codes(apps["applicant_id"], sort=True)
    pid_codes, pid_labels = codes(apps["patent_id"], sort=False)
    release_arrow_pool()
    year = apps["year"].to_numpy()
    year = year.astype(np.int64) if year.dtype != np.int64 else year
    first = yr[0] if yr is not None else int(year.min()) if len(year) else 0
    if opts.window is not None:
        year = first + (year - first) // opts.window * opts.window
    keep = np.ones(len(apps), dtype=bool) if opts.types is None else apps["actor_type"].isin(opts.types).to_numpy()
    if opts.region is None:
        in_focal = None
    else:
        ids = opts.focal_ids if opts.focal_ids is not None else focal_actors(applications, opts.region)
        in_focal = apps["applicant_id"].isin(ids).to_numpy()
    u, v, yy, n_pat, weight, n3, w3 = edges_from_codes(
        pid_codes, uid_codes, len(uid_labels), year, keep, in_focal, opts.region_mode, opts.weighting,
        opts.min_team_size, opts.chunk_rows, verbose, pid_labels=pid_labels,
    )
    u_lab = uid_labels.take(u).array
    del u  # label columns are the largest part of the result: free each code array at once
    v_lab = uid_labels.take(v).array
    del v
    out = pd.DataFrame({"u": u_lab, "v": v_lab, "year": yy,
                        "n_patents": n_pat, "weight": weight, "n_patents_3plus": n3, "weight_3plus": w3},
                       copy=False)
    del u_lab, v_lab, yy, n_pat, weight, n3, w3
    if opts.window is not None:
        last = yr[1] if yr is not None else int(apps["year"].max()) if len(apps) else 0
        # the last window ends with the data's range, not after it (2016 of 2010–2016 in 3-year windows: 2016–2016)
        out["window_end"] = np.minimum(out["year"] + opts.window - 1, last)
    out = out[[*EDGE_COLUMNS, "n_patents_3plus", "weight_3plus", *(["window_end"] if opts.window else [])]]
    out.attrs["netanalysis"] = {
        "package_version": __version__,
        "weighting": opts.weighting,
        "years": list(yr) if yr else [int(apps["year"].min()), int(apps["year"].max())] if len(apps) else [],
        "window": opts.window,
        "region": opts.region or [],
        "region_mode": opts.region_mode if opts.region else "",
        "types": list(opts.types) if opts.types is not None else [],
        "min_team_size": opts.min_team_size,
        "source_files": sorted(map(str, applications["source_file"].unique()))
        if "source_file" in applications.columns else [],
    }
    return out


def _partition_edges(partition: pd.DataFrame, opts: EdgeOptions) -> pd.DataFrame:
    """One dask partition (whole patents) through the in-process build."""
    return _edges_in_process(partition, opts).astype({"u": object, "v": object})


def _edges_on_dask(ddf: Any, client: Any, opts: EdgeOptions) -> pd.DataFrame:
    """The build on a dask cluster: partitioned by patent, partial sums added."""
    check_client(client)
    require_columns(ddf, NEEDED_COLUMNS, "applications")
    try:
        # facts each partition cannot know alone: the first year (windows) and the regions present
        if opts.window is not None and opts.years is None:
            lo, hi = client.compute([ddf["year"].min(), ddf["year"].max()], sync=True)
            opts = replace(opts, years=(int(lo), int(hi)))
        if opts.region is not None:
            require_columns(ddf, ["region"], "applications")
            check_region_present(opts.region, set(client.compute(ddf["region"].unique(), sync=True)))
            located = client.compute(ddf[["applicant_id", "region"]], sync=True)
            opts = replace(opts, focal_ids=focal_actors(located, opts.region))
    except NetworkInputError:
        raise
    except Exception as e:
        raise NetworkInputError(
            f"edge building on the dask cluster failed ({type(e).__name__}: {e}); no partial result was returned"
        ) from e
    meta = _partition_edges(ddf._meta, opts)
    keys = ["u", "v", "year", *(["window_end"] if "window_end" in meta else [])]
    out = partition_sums(ddf, client, partial(_partition_edges, opts=opts), meta,
                         on="patent_id", keys=keys, sums=_SUMS)
    out = out.sort_values(["year", "u", "v"], kind="stable").reset_index(drop=True)
    out["u"], out["v"] = out["u"].astype(str), out["v"].astype(str)
    out.attrs = {"netanalysis": {**meta.attrs.get("netanalysis", {}), "backend": "dask",
                                 "region": opts.region or []}}
    return out


def edges_from_applications(
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
    client: Any = None,
    layer: str = "applicants",
    ipc_level: str = "subclass",
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
        ``window_end`` its last (the last window is cut at the end of the range, so it may be
        shorter than ``window``).
    region : str or iterable of str, optional
        Focal regions: codes or names of any level and scheme (``KR-27``, ``구미시``,
        ``ITC4``, ``US-CA``, ``capital``; see :func:`netanalysis.regions.parse_region_codes`).
        An applicant is in the focus when its *usual* region — the most frequent one over
        all its applications, as in the actors table — is one of them or lies inside one
        (one rule for edges, openness, brokerage and the figures; see ``docs/methods.md``).
    region_mode : {"touching", "internal"}
        ``touching`` keeps every tie with at least one end in the region (needed to see
        outside partners); ``internal`` keeps ties with both ends in it.
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
    layer : {"applicants", "inventors", "ipc"}
        Whose ties: co-applicants (the default), co-inventors (two inventors named on one
        patent) or IPC co-occurrence (two codes of one patent, at ``ipc_level``); see
        :mod:`netanalysis.network.layers`.  ``u`` and ``v`` are then inventor names or IPC
        codes; the region and type filters apply to applicants only.
    ipc_level : {"section", "class", "subclass", "group"}
        The IPC level of ``layer="ipc"``.

    Returns
    -------
    pandas.DataFrame
        ``u, v, year, n_patents, weight, n_patents_3plus, weight_3plus`` (and ``window_end``), one row
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
    >>> edges_from_applications(apps, weighting="fractional")[["u", "v", "year", "n_patents", "weight"]]
       u  v  year  n_patents  weight
    0  A  B  2010          1     0.5
    1  A  C  2010          1     0.5
    2  B  C  2010          1     0.5
    3  A  B  2011          1     1.0
    """
    region = check_inputs(applications=applications, region=region)
    if layer != "applicants":
        from .layers import layer_items

        if region is not None or types is not None or client is not None:
            raise NetworkInputError(f"layer={layer!r}: region=, types= and client= apply to the applicants layer "
                                    "only (inventors and IPC codes have no region or actor type)")
        if is_dask_frame(applications):
            raise NetworkInputError(f"layer={layer!r} needs a pandas DataFrame; call .compute() first")
        applications = layer_items(applications, layer, ipc_level)
    opts = edge_options(weighting, years, window, region, region_mode, types, min_team_size, chunk_rows)
    if client is not None or is_dask_frame(applications):
        if client is None:
            raise NetworkInputError("applications is a dask DataFrame; pass client=<dask.distributed.Client>")
        check_client(client)
        ddf = applications
        if not is_dask_frame(ddf):
            import dask.dataframe as dd

            ddf = dd.from_pandas(applications, npartitions=max(2, len(client.scheduler_info()["workers"]) * 2))
        return _edges_on_dask(ddf, client, opts)
    _check_applications(applications, opts)
    if opts.region is not None:
        check_region_present(opts.region, set(applications["region"].unique()))
    return _edges_in_process(applications, opts, verbose)


def collapse(edges: pd.DataFrame) -> pd.DataFrame:
    """Collapse an edge table to one row per dyad over the whole period.

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table.

    Returns
    -------
    pandas.DataFrame
        ``u, v, n_patents, weight, n_patents_3plus, weight_3plus, n_active_years, first_year,
        last_year``.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["A", "A"], "v": ["B", "B"], "year": [2010, 2012],
    ...                   "n_patents": [1, 2], "weight": [1.0, 2.0]})
    >>> collapse(e)[["u", "v", "n_patents", "n_active_years", "first_year", "last_year"]]
       u  v  n_patents  n_active_years  first_year  last_year
    0  A  B          3               2        2010       2012
    """
    require_columns(edges, EDGE_COLUMNS, "edges")
    agg = {"n_patents": ("n_patents", "sum"), "weight": ("weight", "sum"),
           "n_active_years": ("year", "nunique"), "first_year": ("year", "min"),
           "last_year": ("year", "max")}
    for col in ("n_patents_3plus", "weight_3plus"):
        if col in edges:
            agg[col] = (col, "sum")
    out = edges.groupby(["u", "v"], sort=True, as_index=False).agg(**agg)
    out.attrs = dict(edges.attrs)
    return out


def edges_from_parquet(path: str | os.PathLike[str], **edge_kwargs: Any) -> pd.DataFrame:
    """:func:`edges_from_applications` straight from an ``applications.parquet`` (as ``netanalysis ingest`` writes).

    Only the columns edge building needs are read (``patent_id, year, applicant_id`` and,
    when filtering, ``actor_type`` / ``region``), as compact Arrow-backed strings, so tens
    of millions of rows fit in a few GB.

    Parameters
    ----------
    path : path
        An ``applications.parquet``.
    **edge_kwargs
        Arguments of :func:`edges_from_applications`.

    Returns
    -------
    pandas.DataFrame
        The edge table.

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
    cols = [*NEEDED_COLUMNS, *(c for c, kw in (("actor_type", "types"), ("region", "region"))
                        if edge_kwargs.get(kw) is not None and c in present)]
    missing = [c for c in cols if c not in present]
    if missing:
        raise NetworkInputError(f"{path}: column(s) {missing} missing; expected the canonical applications table")
    return edges_from_applications(pd.read_parquet(path, columns=cols), **edge_kwargs)


def save_edges(edges: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write an edge table as parquet, atomically (a failed write leaves no file).

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table.
    path : path
        The parquet file.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> e = pd.DataFrame({"u": ["A"], "v": ["B"], "year": [2010], "n_patents": [1], "weight": [1.0]})
    >>> save_edges(e, pathlib.Path(tempfile.mkdtemp()) / "edges.parquet").suffix
    '.parquet'
    """
    require_columns(edges, EDGE_COLUMNS, "edges")
    return write_parquet(edges, path)
