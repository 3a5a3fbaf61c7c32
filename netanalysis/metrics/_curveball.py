"""Curveball draws of a patent–applicant network and sequential Monte Carlo p-values.

Private: :func:`netanalysis.metrics.bipartite_null_model` and
:func:`netanalysis.metrics.mixing_null_model` are the public wrappers.

A *trade* (Strona et al. 2014) picks two patents, pools the applicants that only one of
them lists, shuffles the pool and deals it back, each patent keeping its number of
applicants.  Every patent keeps its size, every applicant its number of patents, and no
patent ever lists an applicant twice (a shared applicant stays where it is).  The chain of
trades is symmetric and reaches every such network (Carstens 2015), so its stationary
distribution is uniform over them.

Draws are made as Besag & Clifford (1989) prescribe for a chain that may not have mixed:
from the observed network run ``T`` trades to a *hub*, then run each draw's ``T`` trades
from the hub, independently.  The chain being symmetric, the observed network and the draws
are exchangeable, so the empirical p-value is exact for any ``T`` (``T`` only affects
power).  :func:`sequential_p` stops a statistic's draws early once ``h`` of them are at least
as extreme as the observed value (Besag & Clifford 1991).

References
----------
G. Strona, D. Nappo, F. Boccacci, S. Fattorini, J. San-Miguel-Ayanz (2014). A fast and
unbiased procedure to randomize ecological binary matrices with fixed row and column
totals. Nat. Commun. 5, 4114.  C. J. Carstens (2015). Proof of uniform sampling of binary
matrices with fixed row sums and column sums for the fast Curveball algorithm. Phys. Rev. E
91, 042812.  J. Besag, P. Clifford (1989). Generalized Monte Carlo significance tests.
Biometrika 76, 633–642.  J. Besag, P. Clifford (1991). Sequential Monte Carlo p-values.
Biometrika 78, 301–304.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np


def _curveball_py(indptr: np.ndarray, members: np.ndarray, n_u: int, n_trades: int, rng: np.random.Generator
                  ) -> None:
    """``n_trades`` curveball trades between random pairs of rows of the CSR ``(indptr,
    members)``, in place (rows: patents; members: applicant codes, distinct within a row)."""
    n_rows = len(indptr) - 1
    if n_rows < 2:
        return
    longest = 0
    for r in range(n_rows):
        longest = max(longest, indptr[r + 1] - indptr[r])
    stamp = np.full(n_u, -1, dtype=np.int64)
    pool = np.empty(2 * longest, dtype=np.int64)
    slots = np.empty(2 * longest, dtype=np.int64)
    for t in range(n_trades):
        a = rng.integers(0, n_rows)
        b = rng.integers(0, n_rows - 1)
        if b >= a:
            b += 1
        mark_a, mark_shared = 2 * t, 2 * t + 1
        for i in range(indptr[a], indptr[a + 1]):
            stamp[members[i]] = mark_a
        for i in range(indptr[b], indptr[b + 1]):
            if stamp[members[i]] == mark_a:
                stamp[members[i]] = mark_shared
        k = 0
        for i in range(indptr[a], indptr[a + 1]):
            if stamp[members[i]] == mark_a:
                pool[k] = members[i]
                slots[k] = i
                k += 1
        for i in range(indptr[b], indptr[b + 1]):
            if stamp[members[i]] != mark_shared:
                pool[k] = members[i]
                slots[k] = i
                k += 1
        for i in range(k - 1, 0, -1):  # Fisher–Yates
            j = rng.integers(0, i + 1)
            pool[i], pool[j] = pool[j], pool[i]
        for i in range(k):
            members[slots[i]] = pool[i]


@lru_cache(maxsize=1)
def _compiled() -> Callable[..., None]:
    """The trade loop compiled by numba, cached in the user's cache folder as the betweenness
    kernel (:func:`._compiled.njit_cached`), never in the installed package."""
    from ._compiled import njit_cached

    return njit_cached(_curveball_py)


def curveball(indptr: np.ndarray, members: np.ndarray, n_u: int, n_trades: int,
              seed: int | np.random.SeedSequence) -> np.ndarray:
    """A copy of ``members`` after ``n_trades`` trades, drawn with ``numpy.random.default_rng(seed)``.

    Examples
    --------
    >>> indptr = np.array([0, 2, 4, 5]); members = np.array([0, 1, 2, 3, 0])
    >>> out = curveball(indptr, members, 4, 50, seed=1)
    >>> sorted(out.tolist()) == sorted(members.tolist())  # every applicant keeps its count
    True
    >>> all(len(set(out[indptr[i]:indptr[i + 1]])) == indptr[i + 1] - indptr[i] for i in range(3))
    True
    """
    out = np.array(members, dtype=np.int64, copy=True)
    _compiled()(np.asarray(indptr, dtype=np.int64), out, int(n_u), int(n_trades), np.random.default_rng(seed))
    return out


def sequential_p(observed: np.ndarray, null: np.ndarray, h: int | None, tol: float = 1e-12
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One-sided ``p_greater`` per column, Besag & Clifford's sequential rule.

    Parameters
    ----------
    observed : numpy.ndarray
        The observed statistic per column.
    null : numpy.ndarray
        Draws × columns, in the order drawn; ``nan`` (undefined) draws are left out.
    h : int or None
        Stop a column at its ``h``-th draw at least as large as observed; ``None``: use all.

    Returns
    -------
    p, used, stopped : numpy.ndarray
        ``p = h / l`` if the ``h``-th exceedance came at valid draw ``l`` (``used = l``,
        ``stopped`` True), else ``(1 + g) / (n_valid + 1)`` over all valid draws.

    Examples
    --------
    >>> null = np.array([[1.0], [0.0], [2.0], [3.0]])
    >>> sequential_p(np.array([1.0]), null, h=2)  # 1 ≥ 1, 2 ≥ 1: stopped at draw 3, p = 2/3
    (array([0.66666667]), array([3]), array([ True]))
    >>> sequential_p(np.array([5.0]), null, h=2)[0]  # never reached: (1 + 0) / (4 + 1)
    array([0.2])
    """
    k = null.shape[1]
    p, used, stopped = np.full(k, np.nan), np.zeros(k, dtype=np.int64), np.zeros(k, dtype=bool)
    for j in range(k):
        col = null[:, j][np.isfinite(null[:, j])]
        if len(col) == 0 or not np.isfinite(observed[j]):
            continue
        hits = np.cumsum(col >= observed[j] - tol)
        if h is not None and hits[-1] >= h:
            ell = int(np.searchsorted(hits, h)) + 1
            p[j], used[j], stopped[j] = h / ell, ell, True
        else:
            p[j], used[j] = (1 + hits[-1]) / (len(col) + 1), len(col)
    return p, used, stopped


def all_stopped(observed: np.ndarray, null: np.ndarray, h: int | None, tol: float = 1e-12) -> bool:
    """Whether every column with a finite observed value has ``h`` exceedances already."""
    if h is None or len(null) == 0:
        return False
    ok = np.isfinite(observed)
    hits = ((null >= observed - tol) & np.isfinite(null)).sum(axis=0)
    return bool((hits[ok] >= h).all())
