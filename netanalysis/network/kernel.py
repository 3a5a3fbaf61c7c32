"""The edge-building kernel on compact integer codes (private to :mod:`netanalysis.network`).

Pairs are built with numpy, one batch per team size, never by looping over patents or
pairs; sums per ``(year, u, v)`` are sort-based, chunk by chunk of whole patents.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .._errors import NetworkInputError
from .._limits import limits

#: Bytes a pair takes at the kernel's peak (two int64 row indices, the packed int64 key, its
#: argsort, the team size and two weights), measured on the 1 M-row benchmark and rounded up.
PAIR_BYTES = 64


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


def release_arrow_pool() -> None:
    """Hand memory that Arrow's allocator keeps after factorising string columns (its hash
    tables: ~2x the column for 10 M rows) back to the OS before the integer kernel runs."""
    try:
        import pyarrow as pa
    except ImportError:  # numpy-backed strings: nothing held
        return
    pa.default_memory_pool().release_unused()


def codes(s: pd.Series, sort: bool) -> tuple[np.ndarray, pd.Index]:
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


def _sum_sorted(key: np.ndarray, order: np.ndarray, n, w, n3, w3=None):
    """Sum ``n, w, n3, w3`` per distinct key, given ``order`` that sorts ``key``.

    ``n, w, n3, w3`` are arrays aligned with ``key``, or ``None`` for ``n`` (one per row)
    and ``w``, ``w3`` (not summed).  Counts (``n``, ``n3``: integers or booleans) are summed
    as ``int32``, ``w`` and ``w3`` as float.  Returns the sorted distinct keys and the sums.
    """
    if len(key) == 0:
        return key.astype(np.int64), np.zeros(0, np.int32), np.zeros(0), np.zeros(0, np.int32), np.zeros(0)
    key = key[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    uniq = key[starts]
    del key
    count = (np.diff(np.r_[starts, len(order)]).astype(np.int32) if n is None
             else np.add.reduceat(n[order].astype(np.int32, copy=False), starts))
    weight = None if w is None else np.add.reduceat(w[order], starts)
    weight3 = None if w3 is None else np.add.reduceat(w3[order], starts)
    return uniq, count, weight, np.add.reduceat(n3[order].astype(np.int32, copy=False), starts), weight3


def check_team_sizes(gsize: np.ndarray, first_row: np.ndarray, pid: np.ndarray,
                     pid_labels: pd.Index | None) -> None:
    """Refuse a patent whose pairs alone would not fit in memory, naming it (``gsize``: distinct
    applicants per patent; ``first_row``: each patent's first row in ``pid``, its code per row).

    A patent with *k* distinct applicants adds *k(k-1)/2* pairs, built at once (a chunk holds
    whole patents): 100,000 applicants on one patent are 5·10⁹ pairs, about 320 GB.  Such a
    patent is nearly always a data error (a whole register under one number, a list column not
    split), so the build stops at once with its number instead of running out of memory later.
    """
    if len(gsize) == 0:
        return
    big = int(np.argmax(gsize))
    k = int(gsize[big])
    need = k * (k - 1) // 2 * PAIR_BYTES
    budget = limits().memory // 2
    if need <= budget:
        return
    code = int(pid[first_row[big]])
    name = str(pid_labels[code]) if pid_labels is not None else f"code {code}"
    raise NetworkInputError(
        f"patent {name} lists {k:,d} distinct applicants: its {k * (k - 1) // 2:,d} pairs need about "
        f"{need / 1e9:,.0f} GB to build, over half the memory limit ({limits().memory / 1e9:,.0f} GB). "
        "A patent with that many applicants is nearly always a data error (a register under one "
        "number, a list column not split): drop or fix that patent's rows, or raise the limit "
        "(--limit memory=SIZE, netanalysis.set_limits(memory=...))"
    )


def edges_from_codes(pid, uid, n_u, year, keep, in_focal, region_mode, weighting, min_team_size,
                      chunk_rows, verbose, pid_labels=None):
    """Kernel of :func:`edges` on integer codes; returns sorted ``(u, v, year, n, w, n3, w3)`` arrays
    (``n3``, ``w3``: the joint patents with at least three applicants, and their weight).

    Rows are sorted by (patent, applicant) with one integer key, duplicates of an
    applicant on a patent dropped (first row wins), then pairs are built chunk by chunk
    of whole patents and summed per ``(year, u, v)`` key.  Arrays are freed as soon as
    they are used, so the peak stays a small multiple of the input.
    """
    i64 = np.array([], dtype=np.int64)
    if len(pid) == 0:
        return i64, i64, i64, i64, np.array([], dtype=float), i64, np.array([], dtype=float)
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
        return i64, i64, i64, i64, np.array([], dtype=float), i64, np.array([], dtype=float)
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
    check_team_sizes(gsize, gstart, p_s, pid_labels)
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
        fractional = weighting != "count"
        ukey, n, w, n3, w3 = _sum_sorted(pkey, np.argsort(pkey), None, 1.0 / (kk - 1) if fractional else None,
                                         kk >= 3, np.where(kk >= 3, 1.0 / (kk - 1), 0.0) if fractional else None)
        if not fractional:
            w, w3 = n.astype(float), n3.astype(float)
        del pkey, kk
        parts.append((ukey, n, w, n3, w3))
    del u_s, y_s, k, gstart, gsize, foc  # only the per-chunk sums are needed from here
    if len(parts) == 1:
        ukey, n, w, n3, w3 = parts[0]
    else:  # sorted chunks: a stable sort merges them in about linear time
        ukey, n, w, n3, w3 = (np.concatenate(x) for x in zip(*parts, strict=True))
        ukey, n, w, n3, w3 = _sum_sorted(ukey, np.argsort(ukey, kind="stable"), n, w, n3, w3)
    del parts
    n, n3 = n.astype(np.int64), n3.astype(np.int64)
    yy, rest = np.divmod(ukey, n_u * n_u)
    del ukey
    yy += y0
    uu, vv = np.divmod(rest, n_u)
    del rest
    if n_u < 2**31:
        uu, vv = uu.astype(np.int32), vv.astype(np.int32)
    return uu, vv, yy, n, w, n3, w3

