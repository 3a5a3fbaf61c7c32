"""A column's values numbered once and the numbers carried, not the values hashed again.

A national table's patent ids (7.7 M distinct among 10 M rows) take seconds to number
(``pd.factorize`` hashes every id). The ingest pipeline numbers them once
(:func:`numbered`, a categorical column whose codes every row filter keeps); each step that
groups, counts or compares them reads the codes (:func:`factorized`) instead of hashing the
ids again.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def numbered(values: pd.Series) -> pd.Series:
    """The column as a categorical of the same values: each distinct value numbered once, in
    order of first appearance (as ``pd.factorize`` numbers them); a missing value is code -1.

    Parameters
    ----------
    values : pandas.Series

    Returns
    -------
    pandas.Series
        Categorical, on the index of ``values``, with its name; ``astype(values.dtype)`` gives
        ``values`` back.

    Examples
    --------
    >>> s = numbered(pd.Series(["P2", "P1", None, "P2"], dtype="str"))
    >>> s.cat.codes.tolist(), s.cat.categories.tolist()
    ([0, 1, -1, 0], ['P2', 'P1'])
    """
    codes, uniques = factorize(values)
    return pd.Series(categorical_of_distinct(codes, uniques), index=values.index, name=values.name)


def trimmed_categories(values: pd.Series) -> pd.Series | None:
    """A categorical column's categories as text where every one is already trimmed (the codes then
    number the trimmed values, as ``numbered`` of stripped text gives them); None for a column that
    is not categorical or has a category with spaces around it.

    Examples
    --------
    >>> trimmed_categories(numbered(pd.Series(["P2", "P1"], dtype="str"))).tolist()
    ['P2', 'P1']
    >>> trimmed_categories(pd.Series([" P2"], dtype="category")) is None
    True
    """
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return None
    distinct = pd.Series(values.cat.categories).astype("string")
    return distinct if bool(distinct.str.strip().eq(distinct).all()) else None


def categorical_of_distinct(codes: np.ndarray, distinct: pd.Index) -> pd.Categorical:
    """``pd.Categorical.from_codes(codes, categories=distinct)`` for codes and values that a
    factorize gave: the codes in range and the values distinct and present by construction, so
    neither is checked again (pandas' check of the categories makes a Python string of each and
    hashes them: a second of a national table's 7.7 M patent ids, holding the interpreter).

    Parameters
    ----------
    codes : numpy.ndarray of int
        -1 for a missing value, else a position in ``distinct``.
    distinct : pandas.Index
        Distinct values, none missing.

    Returns
    -------
    pandas.Categorical

    Examples
    --------
    >>> categorical_of_distinct(np.array([1, 0, -1]), pd.Index(["P2", "P1"])).tolist()
    ['P1', 'P2', nan]
    """
    fastpath = getattr(pd.CategoricalDtype, "_from_fastpath", None)  # (pandas' own, since 0.2x; else checked)
    dtype = fastpath(distinct, False) if fastpath is not None else pd.CategoricalDtype(distinct)
    return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)


def factorize(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize(values)``: codes in order of first appearance (-1: missing) and the distinct
    values; for pandas' Arrow-backed text, Arrow's dictionary encoding of it taken as it is (pandas'
    own takes 2.4 s for 10 M patent ids, the encoding 1.5 s).

    Parameters
    ----------
    values : pandas.Series

    Returns
    -------
    codes : numpy.ndarray of int64
    uniques : pandas.Index
        The dtype of ``values``.

    Examples
    --------
    >>> codes, uniques = factorize(pd.Series(["P2", None, "P1", "P2"], dtype="string"))
    >>> codes.tolist(), uniques.tolist()
    ([0, -1, 1, 0], ['P2', 'P1'])
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    dtype = values.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        # (the chunks of a column read in blocks encoded as they are, with one dictionary: no copy of the text)
        encoded = pc.dictionary_encode(pa.array(values.array))
        chunks = encoded.chunks if isinstance(encoded, pa.ChunkedArray) else [encoded]
        if chunks:  # (none: an empty column, pandas' answer below)
            indices = pa.chunked_array([c.indices for c in chunks], type=chunks[0].indices.type)
            codes = np.asarray(pc.fill_null(indices, -1).to_numpy(), dtype=np.int64)
            return codes, pd.Index(pd.array(chunks[-1].dictionary, dtype=dtype))
    found, uniques = pd.factorize(values)
    return found.astype(np.int64), pd.Index(uniques)


def factorized(values: pd.Series, sort: bool = False) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of the values (-1: missing; equal values, equal codes) and the values they
    number: a categorical's codes and categories as they are, else ``pd.factorize``'s.

    Parameters
    ----------
    values : pandas.Series
    sort : bool, default False
        ``pd.factorize(values, sort=True)``'s codes and uniques exactly (the values present, in
        sorted order), a categorical's found from its codes and its categories (the distinct values
        sorted, not the rows).

    Returns
    -------
    codes : numpy.ndarray of int64
        One per row. A categorical's codes need not be 0, 1, 2 … in order of appearance (a
        filtered column keeps the codes of every category): use them as keys, not as ranks.
    uniques : pandas.Index
        ``uniques[codes[i]]`` is row i's value.

    Examples
    --------
    >>> s = pd.Series(["P2", "P1", None, "P2"], dtype="str")
    >>> factorized(s)[0].tolist()
    [0, 1, -1, 0]
    >>> codes, uniques = factorized(numbered(s).iloc[[1, 3]])
    >>> codes.tolist(), uniques.take(codes).tolist()
    ([1, 0], ['P1', 'P2'])
    >>> factorized(numbered(s), sort=True)[0].tolist()
    [1, 0, -1, 1]
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy(dtype=np.int64)
        if not sort:
            return codes, values.cat.categories
        present = np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(values.cat.categories)))
        rank, ordered = pd.factorize(pd.Series(values.cat.categories[present]), sort=True)
        renumber = np.full(len(values.cat.categories) + 1, -1, dtype=np.int64)  # (the last: -1, missing)
        renumber[present] = rank
        return renumber[codes], pd.Index(ordered)
    if not sort:
        return factorize(values)
    codes, uniques = pd.factorize(values, sort=True)
    return codes.astype(np.int64), pd.Index(uniques)


def text_codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Each row's distinct text as an integer, a missing value read as ``""``: the codes and
    uniques of ``pd.factorize(values.astype("string").fillna(""))``, or a categorical's codes and
    categories as they are (numbered once by the caller, for several steps: a national table's
    10 M names take two seconds to number), ``""`` appended to them for a missing value.

    Parameters
    ----------
    values : pandas.Series
        Text, or a categorical of text.

    Returns
    -------
    codes : numpy.ndarray of int64
        One per row, none missing.
    uniques : pandas.Index
        Text (``string`` dtype); ``uniques[codes[i]]`` is row i's text. A categorical's unused
        categories stay among them (a caller that weighs them by rows sees a count of 0).

    Examples
    --------
    >>> s = pd.Series(["B", None, "A", "B"], dtype="string")
    >>> codes, uniques = text_codes(s)
    >>> codes.tolist(), uniques.tolist()
    ([0, 1, 2, 0], ['B', '', 'A'])
    >>> codes, uniques = text_codes(numbered(s))
    >>> uniques.take(codes).tolist()
    ['B', '', 'A', 'B']
    """
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return factorize(values.astype("string").fillna(""))
    codes = values.cat.codes.to_numpy(dtype=np.int64)
    uniques = pd.Index(values.cat.categories.astype("string"))
    if len(codes) and codes.min() < 0:  # a missing value: the empty text's code
        at = uniques.get_indexer([""])[0]
        if at < 0:
            uniques, at = uniques.append(pd.Index([""], dtype=uniques.dtype)), len(uniques)
        codes = np.where(codes < 0, at, codes).astype(np.int64)
    return codes, uniques


def combination_codes(frame: pd.DataFrame) -> np.ndarray:
    """Per row, an integer for its combination of the columns' values (a missing value is a value
    of its own), the combinations numbered 0, 1, 2 … in order of first appearance.

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    numpy.ndarray of int64

    Examples
    --------
    >>> f = pd.DataFrame({"a": ["x", "y", "x", None], "b": [1, 2, 1, 1]})
    >>> combination_codes(f).tolist()
    [0, 1, 0, 2]
    """
    code = np.zeros(len(frame), dtype=np.int64)
    for c in frame.columns:
        values, uniques = pd.factorize(frame[c], use_na_sentinel=False)
        code = pd.factorize(code * max(len(uniques), 1) + values)[0].astype(np.int64)
    return code


def first_rows(code: np.ndarray) -> np.ndarray:
    """Where each code is first seen, for codes numbered 0, 1, 2 … in order of first appearance
    (:func:`combination_codes`, ``pd.factorize``): ``out[k]`` is the first row of code ``k``. O(n),
    no hash: a first row is one whose code is above every code before it.

    Parameters
    ----------
    code : numpy.ndarray of int

    Returns
    -------
    numpy.ndarray of int64

    Examples
    --------
    >>> first_rows(np.array([0, 1, 0, 2, 1])).tolist()
    [0, 1, 3]
    """
    return np.flatnonzero(_above_every_before(code))


def _above_every_before(code: np.ndarray) -> np.ndarray:
    """Whether each row's code is above every code before it (the first row: True)."""
    if not len(code):
        return np.zeros(0, dtype=bool)
    return code > np.maximum.accumulate(np.r_[code[:1] - 1, code[:-1]])


def firsts_in_order(code: np.ndarray) -> np.ndarray | None:
    """Each row's being the first of its code, where the codes are 0, 1, 2 … in order of first
    appearance (None where they are not): the rows whose code is above every code before them,
    which must be the codes 0, 1, 2 … in turn and all of them. O(n), no hash."""
    first = _above_every_before(code)
    if not len(code):
        return first
    at = np.flatnonzero(first)
    if int(code.min()) == 0 and int(code.max()) == len(at) - 1 and np.array_equal(code[at], np.arange(len(at))):
        return first
    return None


def first_of_codes(code: np.ndarray) -> np.ndarray:
    """Whether each row is the first of its code: ``~pd.Series(code).duplicated()``, without a hash
    of the codes where they are numbered 0, 1, 2 … by first appearance (:func:`record_codes`).

    Parameters
    ----------
    code : numpy.ndarray of int

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> first_of_codes(np.array([0, 0, 1, 0, 2, 1])).tolist()
    [True, False, True, False, True, False]
    >>> first_of_codes(np.array([1, 0, 1])).tolist()
    [True, True, False]
    """
    first = firsts_in_order(code)
    return first if first is not None else ~pd.Series(code).duplicated().to_numpy()


def renumbered(code: np.ndarray) -> np.ndarray:
    """``pd.factorize(code)[0]`` as int64: the values numbered 0, 1, 2 … by first appearance;
    without a hash where they first appear in increasing order (a subset of the rows of codes so
    numbered): each value's rank among the values present; where the rows of each value are
    together and in increasing order (a long table's records and patents), a count of the steps.

    Parameters
    ----------
    code : numpy.ndarray of int

    Returns
    -------
    numpy.ndarray of int64

    Examples
    --------
    >>> renumbered(np.array([3, 3, 7, 3, 9])).tolist()
    [0, 0, 1, 0, 2]
    >>> renumbered(np.array([7, 3, 7])).tolist()
    [0, 1, 0]
    """
    if len(code) > 1 and bool((code[1:] >= code[:-1]).all()):  # (rows of each value together, in order)
        out = np.zeros(len(code), dtype=np.int64)
        np.cumsum(code[1:] != code[:-1], out=out[1:])
        return out
    if len(code) and int(code.min()) >= 0:
        present = np.zeros(int(code.max()) + 1, dtype=bool)
        present[code] = True
        rank = (np.cumsum(present) - 1)[code]
        if firsts_in_order(rank) is not None:
            return rank.astype(np.int64)
    return pd.factorize(code)[0].astype(np.int64)


def on_distinct_rows(frame: pd.DataFrame, fn: Callable[[pd.DataFrame], pd.DataFrame]) -> pd.DataFrame:
    """``fn(frame)`` computed once per distinct row of ``frame`` and taken back to every row.

    For any ``fn`` whose output row depends only on its own input row (a rule over a few columns
    whose values repeat on millions of rows: a source's label beside the name rules' verdict),
    this equals ``fn(frame)`` at the cost of the distinct combinations. Where most rows are
    distinct, ``fn(frame)`` is run as it is.

    Parameters
    ----------
    frame : pandas.DataFrame
    fn : callable
        DataFrame in, DataFrame on the same index out (row by row).

    Returns
    -------
    pandas.DataFrame
        On the index of ``frame``, with ``fn``'s columns, dtypes and ``attrs``.

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1, 2, 1, 1]}, index=[5, 6, 7, 8])
    >>> on_distinct_rows(f, lambda d: d.assign(b=d["a"] * 10))["b"].tolist()
    [10, 20, 10, 10]
    """
    code = combination_codes(frame)
    at = first_rows(code)
    if len(at) >= len(code) // 2:  # few repeats: every row its own combination
        return fn(frame)
    few = fn(frame.iloc[at])
    out = few.iloc[code].set_axis(frame.index)
    out.attrs = dict(few.attrs)
    return out


def least_of_code(code: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per row, the least of the values of its code's rows: ``pd.Series(values).groupby(code)
    .transform("min").to_numpy()``, for integers by ``np.minimum.at`` (a national table's 10 M years:
    0.1 s against the groupby's 1.8 s); other dtypes (a missing value to skip) by the groupby.

    Parameters
    ----------
    code : numpy.ndarray of int
        Each row's group (any integers; -1 is a group as well, as the groupby takes it).
    values : numpy.ndarray

    Returns
    -------
    numpy.ndarray
        The dtype the groupby gives.

    Examples
    --------
    >>> least_of_code(np.array([0, 1, 0, -1]), np.array([2010, 2012, 2009, 2015])).tolist()
    [2009, 2012, 2009, 2015]
    """
    if not len(code) or values.dtype.kind not in "iu":
        return pd.Series(values).groupby(code).transform("min").to_numpy()
    at = code - code.min()
    if int(at.max()) >= 4 * len(at):  # (sparse codes, a pair of two: numbered first, no array of their span)
        at = pd.factorize(at)[0]
    least = np.full(int(at.max()) + 1, np.iinfo(values.dtype).max, dtype=values.dtype)
    np.minimum.at(least, at, values)
    return least[at]


__all__ = ["categorical_of_distinct", "combination_codes", "factorize", "factorized", "first_of_codes", "first_rows",
           "firsts_in_order", "least_of_code", "numbered", "on_distinct_rows", "renumbered", "text_codes",
           "trimmed_categories"]


def as_text(values: pd.Series) -> pd.Series:
    """``values.astype(str)``; a categorical of text without missing values by taking each row's
    category by its code in Arrow (no Python string made per row: a national table's 10 M patent
    ids, applicant ids and names).

    Parameters
    ----------
    values : pandas.Series

    Returns
    -------
    pandas.Series
        Equal to ``values.astype(str)``, dtype included.

    Examples
    --------
    >>> s = numbered(pd.Series(["P2", "P1", "P2"], dtype="str"))
    >>> as_text(s).tolist(), as_text(s).equals(s.astype(str))
    (['P2', 'P1', 'P2'], True)
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    dtype = values.dtype
    text = pd.Series([""], dtype=str).dtype
    if (not isinstance(dtype, pd.CategoricalDtype) or not isinstance(text, pd.StringDtype)
            or text.storage != "pyarrow" or dtype.categories.inferred_type not in ("string", "empty")):
        return values.astype(str)
    codes = values.cat.codes.to_numpy()
    if len(codes) and codes.min() < 0:  # (a missing value: astype(str)'s own answer)
        return values.astype(str)
    cats = dtype.categories
    if isinstance(cats.dtype, pd.StringDtype) and cats.dtype.storage == "pyarrow":
        categories = pa.array(cats.array).cast(pa.large_string())  # (Arrow text already: no copy)
    else:
        categories = pa.array(cats.to_numpy(dtype=object), type=pa.large_string())
    taken = pc.take(categories, pa.array(codes))
    return pd.Series(pd.array(taken, dtype=text), index=values.index, name=values.name)
