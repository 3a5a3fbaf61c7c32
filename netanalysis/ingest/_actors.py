"""The ``actors`` table: one row per ``applicant_id``, from the ``applications`` table."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from .._codes import as_text, factorized
from ..regions import is_capital_area, macro_region
from ..schema import ACTOR_COLUMNS, ActorType


def usual_value(applications: pd.DataFrame, column: str = "region") -> pd.Series:
    """Each applicant's most frequent non-empty value of ``column`` (its *usual* region).

    This is the one region rule of the package: an actor is located where most of its
    applications place it (ties: the smallest code), in the actors table, in the focus of
    an edge build and in openness.

    Parameters
    ----------
    applications : pandas.DataFrame
        ``applicant_id`` and ``column``.
    column : str
        ``region`` or ``country``.

    Returns
    -------
    pandas.Series
        Indexed by ``applicant_id``; applicants with no non-empty value are absent.

    Examples
    --------
    >>> a = pd.DataFrame({"applicant_id": ["x", "x", "x", "y"],
    ...                   "region": ["KR-27", "KR-11", "KR-27", ""]})
    >>> usual_value(a).to_dict()
    {'x': 'KR-27'}
    """
    acode, ids = pd.factorize(applications["applicant_id"], sort=True)
    return _usual(acode, pd.Index(ids), applications[column], column)


def _usual(acode: np.ndarray, ids: pd.Index, column: pd.Series, name: str) -> pd.Series:
    """:func:`usual_value` on applicants given as codes into ``ids`` (sorted; -1: none).

    Counted on integer codes (a national table: millions of rows, no string pair made per row);
    the values are factorised in sorted order, so that the smallest code is the alphabetically
    first value."""
    vcode, values = pd.factorize(column, sort=True)
    values = pd.Index(values)
    empty = np.asarray(values.astype(str) == "", dtype=bool)
    ok = (acode >= 0) & (vcode >= 0)
    ok[ok] = ~empty[vcode[ok]]
    width = max(len(values), 1)
    # each distinct (applicant, value) pair and its number of rows (the order of the pairs does not
    # matter: the lexsort below orders them fully)
    pair, n = np.unique(acode[ok].astype(np.int64) * width + vcode[ok], return_counts=True)
    a, v = pair // width, pair % width
    order = np.lexsort((v, -n, a))  # per applicant: most frequent first, then the smallest value
    top = order[np.r_[True, a[order][1:] != a[order][:-1]]] if len(order) else order
    return pd.Series(values.take(v[top]), index=pd.Index(ids.take(a[top]), name="applicant_id"), name=name)


def actors_from_applications(
    applications: pd.DataFrame, grouping: str | dict | pd.DataFrame = "5+3"
) -> pd.DataFrame:
    """Build the ``actors`` table: one row per ``applicant_id``.

    Parameters
    ----------
    applications : pandas.DataFrame
        The canonical long table.
    grouping : str, mapping or DataFrame
        Macro-region grouping, see :func:`netanalysis.regions.macro_region`.

    Returns
    -------
    pandas.DataFrame
        ``applicant_id, name, actor_type, country, region, macro_region, capital_area,
        n_patents, first_year, last_year, type_reason, size_source``.  The region and
        country are the actor's most frequent non-empty ones (ties: alphabetical).

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["1", "1", "2"], "year": [2010, 2010, 2012],
    ...     "applicant_id": ["A", "B", "A"], "applicant_name": ["A", "B", "A"],
    ...     "actor_type": ["university", "sme", "university"], "country": ["KR"] * 3,
    ...     "region": ["KR-27", "KR-11", "KR-27"]})
    >>> actors_from_applications(apps)[["applicant_id", "n_patents", "macro_region"]]
      applicant_id  n_patents macro_region
    0            A          2    daegyeong
    1            B          1      capital
    """
    a = applications
    # grouped by integer code in sorted order (as groupby("applicant_id", sort=True) orders them);
    # patents counted as distinct (applicant, patent) code pairs, not as strings per group
    acode, ids = factorized(a["applicant_id"], sort=True)  # (a categorical's: its distinct ids sorted)
    has = acode >= 0
    if not has.all():  # (never from the pipeline) rows without an applicant belong to no actor
        a, acode = a[has], acode[has]
    # each actor's usual country and region in two threads beside the counts below (sorts and Arrow's
    # hashing let go of the interpreter)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="netanalysis-actors") as pool:
        usual = {col: pool.submit(_usual, acode, pd.Index(ids), a[col], col) for col in ("country", "region")}
        out = _counts(a, acode, ids)
        for col in ("country", "region"):
            out[col] = usual.pop(col).result().reindex(out.index).fillna("").astype(str)
    out["macro_region"] = macro_region(out["region"], grouping)
    out["capital_area"] = is_capital_area(out["region"])
    out["actor_type"] = out["actor_type"].astype(ActorType)
    return out.reset_index()[list(ACTOR_COLUMNS)]


def _counts(a: pd.DataFrame, acode: np.ndarray, ids: pd.Index) -> pd.DataFrame:
    """Per actor (``acode`` into the sorted ``ids``, every row an actor's): name, type, patents,
    first and last year, type reason and size source, on the index of ids."""
    pcode = factorized(a["patent_id"])[0]  # (a categorical's codes as they are: no id hashed again)
    g = a.groupby(acode, sort=True)
    width = int(pcode.max(initial=0)) + 1
    pairs = np.sort(acode[pcode >= 0].astype(np.int64) * width + pcode[pcode >= 0])  # (applicant, patent)
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs  # (distinct: no hash table)
    per_actor = np.bincount(pairs // width, minlength=len(ids))
    out = pd.DataFrame(
        {
            "name": as_text(g["applicant_name"].first()),  # (a categorical's text: the distinct names only)
            "actor_type": g["actor_type"].first().astype(str),
            "first_year": g["year"].min(),
            "last_year": g["year"].max(),
        }
    )
    out.insert(2, "n_patents", per_actor[out.index.to_numpy()])
    out.index = pd.Index(ids.take(out.index.to_numpy()), name="applicant_id")  # (the groups' codes, named)
    for col, default in (("type_reason", ""), ("size_source", "")):
        out[col] = g[col].first().astype(str).to_numpy() if col in a else default
    return out
