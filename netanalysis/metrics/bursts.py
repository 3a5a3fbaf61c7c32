"""Kleinberg bursts of actors, ties and technology classes (the batched two-state model).

A *burst* is a run of years in which an item — an applicant, a co-patenting tie, a
technology class — takes a clearly larger share of the year's stream than it does over
the whole period.  Each year is one batch: ``d_t`` events in all, ``r_t`` of them the
item's.  A two-state automaton (base rate ``p0``, burst rate ``p1 = s · p0``) is fitted to
the sequence by the Viterbi algorithm (Kleinberg 2003, section 4, "enumerating bursts");
this is the model CiteSpace runs on yearly counts.

===========================  =============================================  ====================
function                     item, ``r_t``                                  stream, ``d_t``
===========================  =============================================  ====================
:func:`actor_bursts`         applicant: its applications in year *t*        applications in *t*
:func:`tie_bursts`           pair ``u–v``: its co-patents in year *t*       every pair's co-patents in *t*
:func:`class_bursts`         IPC subclass (or other class): applications    applications with a
                             carrying it in year *t*                        class in *t*
:func:`kleinberg_bursts`     any item × year count table                    any yearly totals
===========================  =============================================  ====================

Every function returns one row per burst — ``id, start, end, strength, level, count,
total, baseline, burst_rate`` — strongest first.  When no burst can be detected at all (one
year, no events, no item with a count) the table is empty and ``attrs["notes"]`` says why;
never a silent zero.  ``attrs`` also hold ``years``, ``n_years``, ``gamma``, ``s``,
``items`` (items tested) and ``stream`` (what ``d_t`` counts).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError
from ..schema import parse_years

#: Columns of every burst table, in order (``tie_bursts`` adds ``u`` and ``v`` after ``id``).
BURST_COLUMNS: tuple[str, ...] = ("id", "start", "end", "strength", "level", "count", "total", "baseline",
                                  "burst_rate")
#: The highest burst rate the automaton may use: s · p0 above it is cut here (a rate of 1 would make any
#: year in which the item misses one event infinitely unlikely).
MAX_RATE = 0.9999
_CHUNK = 100_000  # items per Viterbi pass (bounds the memory of the cost arrays)


def _costs(r: np.ndarray, d: np.ndarray, p: np.ndarray) -> np.ndarray:
    """−ln of the binomial likelihood of ``r`` of ``d`` at rate ``p`` (per item), without the binomial
    coefficient, which is the same in every state and cancels in every comparison."""
    with np.errstate(divide="ignore", invalid="ignore"):
        hit = np.where(r > 0, r * np.log(p[:, None]), 0.0)
        miss = np.where(d - r > 0, (d - r) * np.log1p(-p[:, None]), 0.0)
    return -(hit + miss)


def _viterbi(r: np.ndarray, d: np.ndarray, s: float, gamma: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cheapest state sequence of the two-state automaton, for every row of ``r`` at once.

    Parameters
    ----------
    r : ndarray (items, years)
        The items' counts.
    d : ndarray (years,)
        The stream's totals (``r <= d``).
    s, gamma : float
        Rate ratio of the burst state and cost of entering it (× ln n).

    Returns
    -------
    (states, cost0 − cost1, p0)
        ``states`` (items, years) of 0/1; the per-year fit advantage of the burst state; base rates.
    """
    n = r.shape[1]
    p0 = r.sum(axis=1) / d.sum()
    p1 = np.minimum(s * p0, MAX_RATE)
    c0, c1 = _costs(r, d, p0), _costs(r, d, np.maximum(p1, p0))
    enter = gamma * np.log(n)
    best0 = np.zeros(len(r))
    best1 = np.full(len(r), np.inf)  # the automaton starts in the base state (Kleinberg 2003)
    came0 = np.zeros((len(r), n), dtype=bool)  # True: the best path into this state came from state 1
    came1 = np.zeros((len(r), n), dtype=bool)
    for t in range(n):
        from1_to0 = best1 < best0  # ties go to the base state
        from1_to1 = best1 <= best0 + enter
        new0 = np.where(from1_to0, best1, best0) + c0[:, t]
        new1 = np.where(from1_to1, best1, best0 + enter) + c1[:, t]
        came0[:, t], came1[:, t] = from1_to0, from1_to1
        best0, best1 = new0, new1
    states = np.zeros((len(r), n), dtype=np.int8)
    state = (best1 < best0).astype(np.int8)
    rows = np.arange(len(r))
    for t in range(n - 1, -1, -1):
        states[:, t] = state
        state = np.where(state == 1, came1[rows, t], came0[rows, t]).astype(np.int8)
    return states, c0 - c1, p0


def _runs(states: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, first column, last column) of every run of 1s in a 0/1 matrix."""
    padded = np.pad(states.astype(np.int8), ((0, 0), (1, 1)))
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)
    return rows, starts, ends - 1  # both nonzero() scans are row-major, so they pair up


def _empty(notes: list[str], attrs: dict[Hashable, Any]) -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="string" if c == "id" else "float64") for c in BURST_COLUMNS})
    out = out.astype({"start": "int64", "end": "int64", "level": "int64"})
    out.attrs = {**attrs, "notes": notes}
    return out


def kleinberg_bursts(
    counts: pd.DataFrame,
    totals: pd.Series,
    gamma: float = 1.0,
    s: float = 2.0,
    min_duration: int = 1,
) -> pd.DataFrame:
    """Bursts of every item of an item × year count table against the yearly totals.

    Parameters
    ----------
    counts : pandas.DataFrame
        Index: item ids; columns: consecutive whole years; values ``r_t >= 0``.
    totals : pandas.Series
        Index: the same years; values ``d_t``, the size of each year's batch (``r_t <= d_t``).
    gamma : float
        Cost of entering the burst state, in units of ``ln n`` (n years); larger: fewer,
        stronger bursts.  Kleinberg's and CiteSpace's default is 1.
    s : float
        Rate of the burst state over the base rate (> 1; default 2).
    min_duration : int
        Drop bursts shorter than this many years (CiteSpace's "minimum duration"; default 1,
        Kleinberg's model as it is).

    Returns
    -------
    pandas.DataFrame
        One row per burst, strongest first: ``id``; ``start``, ``end`` (years, inclusive);
        ``strength`` (Kleinberg's weight of the burst: the fit the burst state gains over
        the base state, summed over its years, in nats); ``level`` (1: the two-state model
        has one burst level); ``count`` and ``total`` (the item's events and the stream's
        events in those years); ``baseline`` (the item's share over the whole period,
        ``p0``); ``burst_rate`` (``count / total``).  Empty, with ``attrs["notes"]`` saying
        why, when nothing can be detected.

    Raises
    ------
    NetworkInputError
        Years that are not whole and consecutive, counts that are negative, missing or
        larger than the totals, or ``gamma``, ``s``, ``min_duration`` out of range.

    Notes
    -----
    With ``R = Σ r_t``, ``D = Σ d_t``, ``p0 = R / D``, ``p1 = min(s · p0, 0.9999)`` and the
    fit cost :math:`\\sigma_i(t) = -\\ln[\\binom{d_t}{r_t} p_i^{r_t} (1-p_i)^{d_t-r_t}]`, the
    state sequence :math:`q` minimises

    .. math:: \\sum_t \\sigma_{q_t}(t) + \\sum_t \\tau(q_{t-1}, q_t), \\qquad
              \\tau(0, 1) = \\gamma \\ln n, \\ \\tau(1, 0) = \\tau(i, i) = 0,

    starting from :math:`q_0 = 0` (Kleinberg 2003, section 4).  A burst is a maximal run of
    burst-state years ``[t1, t2]``; its strength is :math:`\\sum_{t=t1}^{t2}
    \\sigma_0(t) - \\sigma_1(t)`.  A year with ``d_t = 0`` carries no evidence either way.

    References
    ----------
    Kleinberg, J. (2003). Bursty and hierarchical structure in streams. Data Mining and
    Knowledge Discovery 7(4), 373–397.
    Chen, C. (2006). CiteSpace II: detecting and visualizing emerging trends and transient
    patterns in scientific literature. JASIST 57(3), 359–377.

    Examples
    --------
    >>> counts = pd.DataFrame([[1, 1, 5, 5, 1]], index=["x"], columns=range(2001, 2006))
    >>> totals = pd.Series(10, index=range(2001, 2006))
    >>> kleinberg_bursts(counts, totals)[["id", "start", "end", "strength"]].round(3)
      id  start   end  strength
    0  x   2003  2004     2.603
    """
    if not gamma > 0:
        raise NetworkInputError(f"gamma={gamma}; expected a positive cost of entering a burst (default 1)")
    if not s > 1:
        raise NetworkInputError(f"s={s}; expected a burst rate ratio above 1 (default 2)")
    if int(min_duration) != min_duration or min_duration < 1:
        raise NetworkInputError(f"min_duration={min_duration}; expected a whole number of years, 1 or more")
    try:
        years = np.asarray(counts.columns, dtype=float)
    except (TypeError, ValueError) as e:
        raise NetworkInputError(f"counts' columns must be years, got {list(counts.columns)[:3]}") from e
    if len(years) and (not np.isfinite(years).all() or (years != np.round(years)).any()
                       or (np.diff(years) != 1).any()):
        raise NetworkInputError(f"counts' columns must be consecutive whole years (one batch per year), "
                                f"got {list(counts.columns)[:6]}")
    years_i = years.astype(int)
    d = pd.to_numeric(totals.reindex(counts.columns), errors="coerce").to_numpy(dtype=float)
    r = counts.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    attrs: dict[Hashable, Any] = {"years": (int(years_i[0]), int(years_i[-1])) if len(years_i) else None,
             "n_years": len(years_i),
             "gamma": gamma, "s": s, "min_duration": int(min_duration), "items": 0}
    if np.isnan(d).any() or (d < 0).any():
        raise NetworkInputError("totals must give a non-negative number of events for every year of counts")
    if np.isnan(r).any() or (r < 0).any():
        raise NetworkInputError("counts must be non-negative numbers (an item × year table)")
    if (r > d + 1e-9).any():
        item, col = np.argwhere(r > d + 1e-9)[0]
        raise NetworkInputError(f"counts exceed the year's total: {counts.index[item]!r} has {r[item, col]:g} "
                                f"events in {years_i[col]}, the stream {d[col]:g}")
    if len(years_i) < 2:
        span = f"one year ({years_i[0]})" if len(years_i) else "no year"
        return _empty([f"bursts cannot be detected: the data span {span}; a burst is a change of rate "
                       "between years and needs at least two"], attrs)
    if d.sum() == 0:
        return _empty([f"bursts cannot be detected: no events at all in {years_i[0]}–{years_i[-1]}"], attrs)
    notes = []
    idle = years_i[d == 0]
    if len(idle):
        notes.append(f"years with no events at all (no evidence either way): {', '.join(map(str, idle.tolist()))}")
    live = r.sum(axis=1) > 0
    if (~live).any():
        notes.append(f"{int((~live).sum())} item(s) with no events in {years_i[0]}–{years_i[-1]} were not tested")
    attrs["items"] = int(live.sum())
    if not live.any():
        return _empty(["bursts cannot be detected: no item has an event in the period", *notes], attrs)
    ids = counts.index[live]
    r = r[live]
    cut = int((s * r.sum(axis=1) / d.sum() > MAX_RATE).sum())
    if cut:
        notes.append(f"{cut} item(s) hold more than 1/s of the stream; their burst rate is capped at {MAX_RATE}")
    parts = []
    for lo in range(0, len(r), _CHUNK):
        rr = r[lo:lo + _CHUNK]
        states, gain, p0 = _viterbi(rr, d, s, gamma)
        row, a, b = _runs(states)
        csum = np.cumsum(np.pad(gain, ((0, 0), (1, 0))), axis=1)
        rsum = np.cumsum(np.pad(rr, ((0, 0), (1, 0))), axis=1)
        dsum = np.concatenate([[0.0], np.cumsum(d)])
        cnt, tot = rsum[row, b + 1] - rsum[row, a], dsum[b + 1] - dsum[a]
        parts.append(pd.DataFrame({
            "id": np.asarray(ids[lo:lo + _CHUNK])[row], "start": years_i[a], "end": years_i[b],
            "strength": csum[row, b + 1] - csum[row, a], "level": 1, "count": cnt, "total": tot,
            "baseline": p0[row], "burst_rate": np.where(tot > 0, cnt / np.where(tot > 0, tot, 1), np.nan)}))
    out = pd.concat(parts, ignore_index=True)
    short = out["end"] - out["start"] + 1 < min_duration
    if short.any():
        notes.append(f"{int(short.sum())} burst(s) shorter than {min_duration} year(s) dropped")
        out = out[~short]
    out = out.sort_values(["strength", "id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out = out.astype({"start": "int64", "end": "int64", "level": "int64"})
    if out.empty:
        notes.insert(0, f"no burst: no item's rate rose enough, for long enough, to pay the cost of entering "
                        f"a burst (gamma={gamma:g} × ln {len(years_i)} years, s={s:g})")
    out.attrs = {**attrs, "notes": notes}
    return out


def _year_span(year: pd.Series, years: tuple[int, int] | str | None, what: str) -> tuple[pd.Series, list[int], list]:
    """Whole years of ``year`` (rows outside ``years`` dropped, undated rows counted) and the batches."""
    notes = []
    y = pd.to_numeric(year, errors="coerce")
    bad = y.isna() | (y != y.round())
    if bad.any():
        notes.append(f"{int(bad.sum())} {what} row(s) without a whole filing year left out")
    y = y[~bad].astype(int)
    rng = parse_years(years)
    if rng is not None:
        y = y[(y >= rng[0]) & (y <= rng[1])]
        return y, list(range(rng[0], rng[1] + 1)), notes
    return y, (list(range(int(y.min()), int(y.max()) + 1)) if len(y) else []), notes


def _finish(out: pd.DataFrame, notes: list[str], stream: str, what: str) -> pd.DataFrame:
    out.attrs["notes"] = [*notes, *out.attrs.get("notes", [])]
    out.attrs["stream"] = stream
    out.attrs["what"] = what
    return out


def _by_year(pairs: pd.DataFrame, key: str, span: list[int]) -> pd.DataFrame:
    """Item × year table of distinct patents (``pairs``: ``key, patent_id, year``)."""
    if pairs.empty:
        return pd.DataFrame(columns=span, dtype=float)
    table = pairs.groupby([key, "year"])["patent_id"].nunique().unstack("year", fill_value=0)
    return table.reindex(columns=span, fill_value=0).astype(float)


def actor_bursts(
    applications: pd.DataFrame,
    ids: Iterable[str] | None = None,
    years: tuple[int, int] | str | None = None,
    gamma: float = 1.0,
    s: float = 2.0,
    min_duration: int = 1,
) -> pd.DataFrame:
    """Bursts of applicants: years in which an applicant files a clearly larger share of all applications.

    Parameters
    ----------
    applications : pandas.DataFrame
        Applications table (``patent_id, applicant_id, year``).
    ids : iterable of str, optional
        Report only these applicants (e.g. the focus's network); the stream ``d_t`` is
        still every application in the table.
    years : (int, int) or "YYYY-YYYY", optional
        The years to read (each one batch, also when it has no application); default the
        first to the last year in the table.
    gamma, s, min_duration
        As :func:`kleinberg_bursts`.

    Returns
    -------
    pandas.DataFrame
        :func:`kleinberg_bursts`' table, ``id`` the ``applicant_id``; ``attrs["stream"]``
        says what ``d_t`` counts.

    Raises
    ------
    NetworkInputError
        A table that is not an applications table, or without a ``year`` column; bad
        ``years``, ``gamma``, ``s``.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": [f"p{i}" for i in range(50)],
    ...     "year": [2001 + i // 10 for i in range(50)],
    ...     "applicant_id": ["x" if i in (0, 10, 20, 21, 22, 23, 24, 30, 31, 32, 33, 34, 40) else f"o{i}"
    ...                      for i in range(50)]})
    >>> actor_bursts(apps, ids=["x"])[["id", "start", "end"]].to_dict("records")
    [{'id': 'x', 'start': 2003, 'end': 2004}]
    """
    check_inputs(applications=applications)
    if "year" not in applications:
        raise NetworkInputError("applications lack a 'year' column: bursts are changes between years")
    y, span, notes = _year_span(applications["year"], years, "application")
    a = applications.loc[y.index, ["patent_id", "applicant_id"]].assign(year=y.to_numpy())
    totals = a.groupby("year")["patent_id"].nunique().reindex(span, fill_value=0)
    if ids is not None:
        a = a[a["applicant_id"].isin(set(ids))]
    counts = _by_year(a.drop_duplicates(["applicant_id", "patent_id"]), "applicant_id", span)
    out = kleinberg_bursts(counts, totals, gamma=gamma, s=s, min_duration=min_duration)
    return _finish(out, notes, "applications per year (distinct patents)", "actors")


def tie_bursts(
    edges: pd.DataFrame,
    years: tuple[int, int] | str | None = None,
    gamma: float = 1.0,
    s: float = 2.0,
    min_duration: int = 1,
) -> pd.DataFrame:
    """Bursts of co-patenting ties: years in which a pair co-patents a clearly larger share of all ties.

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table (:func:`netanalysis.network.edges_from_applications`, without
        ``window``): ``u, v, year, n_patents``.  The stream ``d_t`` is every pair's
        co-patents in year *t* in this table (a patent of *k* applicants counts once for each
        of its *k(k − 1)/2* pairs).
    years, gamma, s, min_duration
        As :func:`actor_bursts`.

    Returns
    -------
    pandas.DataFrame
        :func:`kleinberg_bursts`' table with ``u`` and ``v`` after ``id`` (``"u – v"``).

    Raises
    ------
    NetworkInputError
        Not an edge table, no ``year`` or ``n_patents``, edges aggregated into windows.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a", "a", "b"], "v": ["b", "b", "b", "c"],
    ...                   "year": [2001, 2003, 2004, 2002], "n_patents": [1, 6, 6, 9], "weight": 1.0})
    >>> list(tie_bursts(e).columns[:3])
    ['id', 'u', 'v']
    """
    check_inputs(edges)
    for col in ("year", "n_patents"):
        if col not in edges:
            raise NetworkInputError(f"edges lack a {col!r} column; pass the per-year table from "
                                    "network.edges_from_applications()")
    if "window_end" in edges:
        raise NetworkInputError("edges are aggregated into windows of years; bursts need one batch per year: "
                                "build them with network.edges_from_applications(..., window=None)")
    y, span, notes = _year_span(edges["year"], years, "edge")
    e = edges.loc[y.index].assign(year=y.to_numpy())
    pair = e["u"].astype(str) + " – " + e["v"].astype(str)
    n = pd.to_numeric(e["n_patents"], errors="coerce").fillna(0).to_numpy(dtype=float)
    long = pd.DataFrame({"id": pair.to_numpy(), "year": e["year"].to_numpy(), "n": n})
    totals = long.groupby("year")["n"].sum().reindex(span, fill_value=0)
    counts = long.pivot_table(index="id", columns="year", values="n", aggfunc="sum", fill_value=0.0)
    counts = counts.reindex(columns=span, fill_value=0.0) if len(long) else pd.DataFrame(columns=span, dtype=float)
    counts.columns.name = None
    out = kleinberg_bursts(counts, totals, gamma=gamma, s=s, min_duration=min_duration)
    ends = e.assign(id=pair.to_numpy()).drop_duplicates("id").set_index("id")[["u", "v"]]
    out.insert(1, "u", out["id"].map(ends["u"]))
    out.insert(2, "v", out["id"].map(ends["v"]))
    return _finish(out, notes, "co-patents of every pair per year", "ties")


def class_bursts(
    applications: pd.DataFrame,
    column: str = "auto",
    ipc_level: str = "subclass",
    years: tuple[int, int] | str | None = None,
    gamma: float = 1.0,
    s: float = 2.0,
    min_duration: int = 1,
) -> pd.DataFrame:
    """Bursts of technology classes: years in which a class is on a clearly larger share of applications.

    Parameters
    ----------
    applications : pandas.DataFrame
        Applications table (``patent_id, applicant_id, year`` and the class column).
    column : str
        ``"auto"`` (default: ``"ipc"`` when the applications have IPC codes, else
        ``"technology"``, e.g. PATSTAT's WIPO fields; see
        :func:`~netanalysis.metrics.class_column`), ``"ipc"`` (codes cut to ``ipc_level``, as
        :func:`~netanalysis.metrics.region_technology_counts` reads them) or any other
        ``"; "``-joined list of class labels.
    ipc_level : {"section", "class", "subclass", "group"}
        IPC level (default subclass, ``H01L``).
    years, gamma, s, min_duration
        As :func:`actor_bursts`.

    Returns
    -------
    pandas.DataFrame
        :func:`kleinberg_bursts`' table, ``id`` the class.  The stream ``d_t`` is the
        applications of year *t* with at least one usable class; codes that do not parse as
        IPC are counted in ``attrs["notes"]`` (with examples) and their applications keep
        their other codes.  ``attrs`` also say which classification was read (``column``,
        ``classification``, ``class_name``, ``class_names``, as
        :func:`~netanalysis.metrics.region_technology_counts`).

    Raises
    ------
    NetworkInputError
        No class column (with ``"auto"``: neither ``ipc`` nor ``technology``), or no code in
        it parses (the message gives examples).

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p2", "p3"], "applicant_id": "a", "year": [2001, 2002, 2003],
    ...                      "ipc": ["H01L 21/00", "H01L 23/00; G06F 3/00", "not-a-code"]})
    >>> class_bursts(apps).attrs["notes"][0]
    "1 code(s) that do not parse as IPC at subclass level left out (e.g. ['not-a-code'])"
    """
    from .specialisation import _classes

    check_inputs(applications=applications)
    if "year" not in applications:
        raise NetworkInputError("applications lack a 'year' column: bursts are changes between years")
    codes, info = _classes(applications, column, ipc_level)
    notes = []
    if info["unparsable_codes"]:
        notes.append(f"{info['unparsable_codes']} code(s) that do not parse as IPC at {ipc_level} level left out "
                     f"(e.g. {info['unparsable_examples']})")
    if info["patents_without_class"]:
        notes.append(f"{info['patents_without_class']} application(s) without a usable class left out of the stream")
    year_of = applications.drop_duplicates("patent_id").set_index("patent_id")["year"]
    y, span, more = _year_span(codes["patent_id"].map(year_of), years, "class")
    notes += more
    c = codes.loc[y.index].assign(year=y.to_numpy())
    totals = c.drop_duplicates("patent_id").groupby("year")["patent_id"].size().reindex(span, fill_value=0)
    out = kleinberg_bursts(_by_year(c, "cls", span), totals, gamma=gamma, s=s, min_duration=min_duration)
    out.attrs.update({k: info[k] for k in ("column", "classification", "class_name", "class_names")})
    return _finish(out, notes, f"applications with a {info['class_name']} per year", "classes")


def timeline_table(
    edges: pd.DataFrame,
    actors: pd.DataFrame | None = None,
    bursts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """When each actor of a network enters it, how long it stays, and its bursts: the timeline's table.

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table of the network (``u, v, year, n_patents``), e.g. the ties
        touching the focus.
    actors : pandas.DataFrame, optional
        Actor table (``applicant_id``; ``name``/``label``, ``actor_type`` and ``region`` are
        carried over).
    bursts : pandas.DataFrame, optional
        :func:`actor_bursts` output; bursts of actors not in the network are left out.

    Returns
    -------
    pandas.DataFrame
        One row per actor and burst (one row with empty burst columns for an actor without
        one): ``applicant_id, label, actor_type, first_year`` (its first tie: when it enters),
        ``last_year``, ``mean_year`` (co-patent-weighted, as
        :func:`~netanalysis.metrics.mean_tie_year`), ``n_copatents`` (its ties' co-patents
        summed), ``burst_start, burst_end, burst_strength``.  Sorted by entry year, then
        co-patents (descending), then id.

    Raises
    ------
    NetworkInputError
        Not an edge table, or no ``year`` / ``n_patents``.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "c"], "year": [2004, 2010], "n_patents": [1, 3],
    ...                   "weight": 1.0})
    >>> b = pd.DataFrame({"id": ["c"], "start": [2009], "end": [2010], "strength": [2.5]})
    >>> timeline_table(e, bursts=b)[["applicant_id", "first_year", "last_year", "burst_start"]]
      applicant_id  first_year  last_year  burst_start
    0            a        2004       2010          NaN
    1            b        2004       2004          NaN
    2            c        2010       2010       2009.0
    """
    check_inputs(edges)
    for col in ("year", "n_patents"):
        if col not in edges:
            raise NetworkInputError(f"edges lack a {col!r} column; pass the per-year table from "
                                    "network.edges_from_applications()")
    ends = pd.concat([edges[["u", "year", "n_patents"]].rename(columns={"u": "applicant_id"}),
                      edges[["v", "year", "n_patents"]].rename(columns={"v": "applicant_id"})])
    ends = ends.assign(wy=ends["year"] * ends["n_patents"])
    g = ends.groupby("applicant_id")
    out = pd.DataFrame({"first_year": g["year"].min().astype(int), "last_year": g["year"].max().astype(int),
                        "mean_year": g["wy"].sum() / g["n_patents"].sum(), "n_copatents": g["n_patents"].sum()})
    out = out.reset_index()
    label = out["applicant_id"].astype(str)
    kind = pd.Series("", index=out.index)
    if actors is not None:
        a = actors.drop_duplicates("applicant_id").set_index("applicant_id")
        for col in ("label", "name"):
            if col in a:
                label = out["applicant_id"].map(a[col]).fillna(label).astype(str)
                break
        if "actor_type" in a:
            kind = out["applicant_id"].map(a["actor_type"]).astype("string").fillna("")
        if "region" in a:
            out["region"] = out["applicant_id"].map(a["region"]).astype("string").fillna("").astype(str)
    out.insert(1, "label", label.to_numpy())
    out.insert(2, "actor_type", kind.astype(str).to_numpy())
    if bursts is not None and len(bursts):
        b = bursts[["id", "start", "end", "strength"]].rename(columns={
            "id": "applicant_id", "start": "burst_start", "end": "burst_end", "strength": "burst_strength"})
        out = out.merge(b, on="applicant_id", how="left")
    else:
        out = out.assign(burst_start=np.nan, burst_end=np.nan, burst_strength=np.nan)
    out = out.sort_values(["first_year", "n_copatents", "applicant_id", "burst_start"],
                          ascending=[True, False, True, True], kind="stable").reset_index(drop=True)
    out.attrs = {"bursts": None if bursts is None else dict(bursts.attrs)}
    return out


def all_bursts(
    applications: pd.DataFrame,
    edges: pd.DataFrame,
    ids: Iterable[str] | None = None,
    years: tuple[int, int] | str | None = None,
    column: str = "auto",
    gamma: float = 1.0,
    s: float = 2.0,
    min_duration: int = 1,
) -> dict[str, pd.DataFrame]:
    """The three burst tables of one network at once: actors, ties and technology classes.

    Parameters
    ----------
    applications : pandas.DataFrame
        Applications table (the stream of actors and classes).
    edges : pandas.DataFrame
        Per-year edge table of the network (the stream of ties).
    ids : iterable of str, optional
        Actors reported (default: every actor of ``edges``).
    years : (int, int) or "YYYY-YYYY", optional
        Years read.
    column : str
        The class column (default ``"auto"``: ``"ipc"``, else ``"technology"``; see
        :func:`class_bursts`).
    gamma, s, min_duration
        As :func:`kleinberg_bursts`.

    Returns
    -------
    dict
        ``{"actors": …, "ties": …, "classes": …}``; a family that cannot be computed (no
        class column, no code that parses) is an empty table whose ``attrs["notes"]`` says why.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2"], "applicant_id": ["a", "b", "a"],
    ...                      "year": [2001, 2001, 2002]})
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2001], "n_patents": [1], "weight": [1.0]})
    >>> out = all_bursts(apps, e)
    >>> sorted(out), out["classes"].attrs["notes"][0][:36]
    (['actors', 'classes', 'ties'], 'no technology classes to count: appl')
    """
    check_inputs(edges)
    network = set(edges["u"]) | set(edges["v"]) if ids is None else set(ids)
    kw: dict[str, Any] = {"years": years, "gamma": gamma, "s": s, "min_duration": min_duration}
    out = {"actors": actor_bursts(applications, ids=network, **kw), "ties": tie_bursts(edges, **kw)}
    try:
        out["classes"] = class_bursts(applications, column=column, **kw)
    except NetworkInputError as e:  # no class column or no code that parses: said, not raised
        out["classes"] = _finish(_empty([str(e)], {"gamma": gamma, "s": s, "items": 0}), [], "", "classes")
    return out


__all__ = ["BURST_COLUMNS", "actor_bursts", "all_bursts", "class_bursts", "kleinberg_bursts", "tie_bursts",
           "timeline_table"]
