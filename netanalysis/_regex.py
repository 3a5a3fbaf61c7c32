"""Python regular expressions over a whole column in RE2 (pyarrow), with Python's exact answer.

pandas runs a pattern in pyarrow's RE2 only when RE2 would give Python's answer on the whole
column: one name outside ASCII, one ``\\s`` or one look-around sends every row through
Python's ``re`` (a few microseconds per row and pattern; the actor-type rules and the name
keys run dozens of patterns per distinct name). Here each pattern is translated, from
Python's own parse of it, into two RE2 patterns:

* ``ascii``: Python's answer on every text of ASCII characters (``\\w``, ``\\d``, ``\\s``, ``\\b``
  spelled as the ASCII sets Python uses for those characters; ``$`` as the end of the text, so a
  pattern holding one is run there only on texts without a line feed). When the pattern holds a
  look-around or an atomic group, which RE2 lacks, they are left out, and RE2's answer is a
  superset of Python's;
* ``any``: a superset of Python's matches on any text (every character outside ASCII admitted
  by the character categories, word boundaries and look-arounds left out, ``$`` before any line
  feed).

A row is settled by RE2 where the translation is exact for it; every other row that RE2 finds
a candidate is confirmed by Python's ``re`` (a row RE2 rejects cannot match, since RE2 accepts
a superset). The answer is therefore Python's, row for row; only its cost changes. A pattern
this module cannot translate (flags, back-references, a repeat count RE2 refuses), a value
pyarrow cannot hold (a lone surrogate) or a missing value sends the column through pandas
as before.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

if sys.version_info >= (3, 11):
    import re._constants as _c
    import re._parser as _p
else:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

#: ASCII members of Python's (Unicode) character categories.
_ASCII_SETS = {
    _c.CATEGORY_DIGIT: r"0-9",
    _c.CATEGORY_NOT_DIGIT: r"\x{0}-\x{2f}\x{3a}-\x{7f}",
    _c.CATEGORY_WORD: r"0-9A-Z_a-z",
    _c.CATEGORY_NOT_WORD: r"\x{0}-\x{2f}\x{3a}-\x{40}\x{5b}-\x{5e}\x{60}\x{7b}-\x{7f}",
    _c.CATEGORY_SPACE: r"\x{9}-\x{d}\x{1c}-\x{20}",
    _c.CATEGORY_NOT_SPACE: r"\x{0}-\x{8}\x{e}-\x{1b}\x{21}-\x{7f}",
}
_NON_ASCII = r"\x{80}-\x{10ffff}"
_RE2_MAX_REPEAT = 1000
_PYTHON_FLAGS = re.UNICODE | re.VERBOSE  # the AST already has the verbose spaces removed


class _Untranslatable(Exception):
    """A construct RE2 cannot express (the column goes through pandas)."""


def _char(code: int) -> str:
    if 0xD800 <= code <= 0xDFFF:
        raise _Untranslatable("surrogate")
    ch = chr(code)
    return ch if ch.isascii() and ch.isalnum() else f"\\x{{{code:x}}}"


@dataclass
class _Out:
    """One translation's text and what it had to leave out."""

    superset: bool = False  # an assertion or an atomic group left out: RE2 answers a superset
    nullable_loop: bool = False  # a repeat whose body matches the empty string
    line_end: bool = False  # a $ (Python's matches before a final line feed too)


def _class(items: list, any_text: bool) -> str:
    negate = bool(items) and items[0][0] is _c.NEGATE
    parts = []
    for op, av in items[1:] if negate else items:
        if op is _c.LITERAL:
            parts.append(_char(av))
        elif op is _c.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is _c.CATEGORY:
            if av not in _ASCII_SETS:
                raise _Untranslatable(str(av))
            # outside ASCII Python's category may hold any character: a positive class admits
            # them all (a superset); a negated one keeps only the ASCII members (its complement
            # is then a superset of Python's)
            parts.append(_ASCII_SETS[av] + (_NON_ASCII if any_text and not negate else ""))
        else:
            raise _Untranslatable(str(op))
    body = "".join(parts)
    if not body:
        return r"[^\x{0}-\x{10ffff}]" if not negate else r"[\x{0}-\x{10ffff}]"
    return ("[^" if negate else "[") + body + "]"


def _translate(tree: Any, any_text: bool, out: _Out) -> str:
    text = []
    for op, av in tree:
        if op is _c.LITERAL:
            text.append(_char(av))
        elif op is _c.NOT_LITERAL:
            text.append(f"[^{_char(av)}]")
        elif op is _c.ANY:
            text.append(".")
        elif op is _c.IN:
            text.append(_class(av, any_text))
        elif op is _c.BRANCH:
            text.append("(?:" + "|".join(_translate(b, any_text, out) for b in av[1]) + ")")
        elif op is _c.SUBPATTERN:
            _group, add, remove, sub = av
            if add or remove:
                raise _Untranslatable("inline flags")
            text.append("(?:" + _translate(sub, any_text, out) + ")")
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
            lo, hi, sub = av
            if lo > _RE2_MAX_REPEAT or (hi != _c.MAXREPEAT and hi > _RE2_MAX_REPEAT):
                raise _Untranslatable("repeat count")
            if sub.getwidth()[0] == 0:
                out.nullable_loop = True
            if op is not _c.MAX_REPEAT and op is not _c.MIN_REPEAT:
                out.superset = True  # possessive: matches a subset of the greedy repeat's
            count = f"{{{lo},}}" if hi == _c.MAXREPEAT else f"{{{lo},{hi}}}"
            lazy = "?" if op is _c.MIN_REPEAT else ""
            text.append("(?:" + _translate(sub, any_text, out) + ")" + count + lazy)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            out.superset = True
            text.append("(?:" + _translate(av, any_text, out) + ")")
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            out.superset = True  # a condition left out: more matches, never fewer
        elif op is _c.AT:
            if av is _c.AT_NON_BOUNDARY:
                out.superset = True  # Python's \B (before 3.14) never matches in an empty text; RE2's does
            out.line_end = out.line_end or av is _c.AT_END
            text.append(_at(av, any_text))
        else:  # back-references, conditional groups
            raise _Untranslatable(str(op))
    return "".join(text)


def _at(code: Any, any_text: bool) -> str:
    if code is _c.AT_BEGINNING or code is _c.AT_BEGINNING_STRING:
        return r"\A"
    if code is _c.AT_END_STRING:
        return r"\z"
    if code is _c.AT_END:  # Python: the end, or before a line feed that ends the text
        return "(?m:$)" if any_text else r"\z"
    if code is _c.AT_BOUNDARY:
        return "" if any_text else r"\b"
    if code is _c.AT_NON_BOUNDARY:
        return "" if any_text else r"\B"
    raise _Untranslatable(str(code))


@dataclass(frozen=True)
class Translation:
    """The RE2 forms of one Python pattern (see the module's docstring)."""

    python: re.Pattern[str]
    ascii: str
    any: str
    exact: bool  # ``ascii`` gives Python's answer (no confirmation needed) on ASCII rows
    exact_spans: bool  # ... and the same match spans (RE2 may replace on those rows)
    line_end: bool = True  # the pattern holds a $: the ``ascii`` form is for rows without a line feed


@lru_cache(maxsize=512)
def _translation(pattern: str | re.Pattern[str], how: str) -> Translation | None:
    compiled = re.compile(pattern)
    if compiled.flags & ~_PYTHON_FLAGS:
        return None
    try:
        tree = _p.parse(compiled.pattern, compiled.flags)
        a, b = _Out(), _Out()
        ascii_, any_ = _translate(tree, False, a), _translate(tree, True, b)
    except (_Untranslatable, RecursionError):
        return None
    wrap = {"search": "{}", "match": r"\A(?:{})", "fullmatch": r"\A(?:{})\z"}[how]
    spans = not a.superset and not a.nullable_loop and tree.getwidth()[0] > 0
    return Translation(compiled, wrap.format(ascii_), wrap.format(any_), not a.superset, spans, a.line_end)


def arrow_text(values: pd.Series, *, chunked: bool = False) -> Any:
    """The column as an Arrow ``large_string`` array (no copy for pandas' Arrow-backed strings in one
    chunk), or None when the kernel does not take it.

    Parameters
    ----------
    values : pandas.Series
        Text of pandas' string dtypes (a missing value is a null, left as pandas leaves it), or an
        object column of str without missing values.
    chunked : bool, default False
        Give a column of several Arrow chunks (a CSV read in blocks) as the ``ChunkedArray`` it is,
        not joined into one array (a copy of the whole column: a gigabyte for a national table's
        inventors).

    Returns
    -------
    pyarrow.LargeStringArray, pyarrow.ChunkedArray or None
        None for any other column, or text Arrow refuses (a lone surrogate in an object column).

    Examples
    --------
    >>> arrow_text(pd.Series(["a b", None], dtype="string")).to_pylist()
    ['a b', None]
    >>> arrow_text(pd.Series([1, 2])) is None
    True
    """
    import pyarrow as pa

    if isinstance(values.dtype, pd.StringDtype):
        data: Any = values if values.dtype.storage == "pyarrow" else values.astype(object).where(values.notna(), None)
    elif values.dtype == object and not values.isna().any():
        data = values.to_numpy(dtype=object)
    else:
        return None
    try:
        arr = pa.array(data, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowException, UnicodeError, TypeError):  # a lone surrogate, a value that is not text
        return None
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) and not chunked else arr


def _from_arrow(arr: Any, values: pd.Series) -> pd.Series:
    """Text back into a Series like ``values`` (dtype, index, name)."""
    if isinstance(values.dtype, pd.StringDtype):
        data = arr if values.dtype.storage == "pyarrow" else arr.to_pylist()
        return pd.Series(pd.array(data, dtype=values.dtype), index=values.index, name=values.name)
    return pd.Series(arr.to_numpy(zero_copy_only=False), index=values.index, name=values.name, dtype=object)


#: Rows from which an RE2 pass is split between two threads (pyarrow runs it without the GIL).
PARALLEL_ROWS = 100_000


def _in_halves(kernel: Callable[[Any], Any], arr: Any) -> Any:
    """``kernel(arr)``, each half of a long array in its own thread when the machine has two cores or
    more (an RE2 pass over 700 k names takes a tenth of a second; a national table's name rules make
    dozens). The halves' answers are joined in order: the same array as one call gives."""
    import pyarrow as pa

    if len(arr) < PARALLEL_ROWS or (os.cpu_count() or 1) < 2:
        return kernel(arr)
    half = len(arr) // 2
    with ThreadPoolExecutor(2) as pool:  # (a pool per call: no thread outlives it, none is forked)
        first, second = pool.map(kernel, (arr.slice(0, half), arr.slice(half)))
    return pa.concat_arrays([first, second])


def _mask(x: Any) -> np.ndarray:
    """An Arrow boolean array as numpy (null: False)."""
    return np.asarray(x.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def _simple_rows(arr: Any, t: Translation) -> np.ndarray:
    """Rows where the ``ascii`` translation applies: ASCII text, without a line feed when the
    pattern holds a ``$`` (the only construct a line feed changes there: ``.`` and ``^`` agree)."""
    import pyarrow.compute as pc

    ascii_ = pc.string_is_ascii(arr)
    return _mask(pc.and_(ascii_, pc.invert(pc.match_substring(arr, "\n"))) if t.line_end else ascii_)


def _regex_hits(arr: Any, rows: np.ndarray, pattern: str) -> np.ndarray:
    """Where RE2 finds ``pattern``, among ``rows`` (False elsewhere)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if rows.all():
        return _mask(_in_halves(lambda a: pc.match_substring_regex(a, pattern), arr))
    out = np.zeros(len(arr), dtype=bool)
    if rows.any():
        out[rows] = _mask(_in_halves(lambda a: pc.match_substring_regex(a, pattern), arr.filter(pa.array(rows))))
    return out


def _candidates(arr: Any, t: Translation, simple: np.ndarray, exact: bool = True,
                among: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """RE2's answers among the rows ``among`` (default: every value): ``found`` (settled, where the
    translation is exact and ``exact``) and ``confirm`` (candidates Python's ``re`` must confirm:
    the other rows RE2 matched)."""
    rows = _mask(arr.is_valid()) if among is None else among
    on_ascii = _regex_hits(arr, simple & rows, t.ascii)
    other = _regex_hits(arr, ~simple & rows, t.any)
    if t.exact and exact:
        return on_ascii, other
    return np.zeros(len(arr), dtype=bool), on_ascii | other


def _texts(arr: Any, at: np.ndarray) -> list[str]:
    import pyarrow as pa

    return arr.take(pa.array(at, type=pa.int64())).to_pylist()


Pattern = str | re.Pattern[str]


def _search(values: pd.Series, pattern: Pattern, how: str, python: Pattern | None) -> np.ndarray | None:
    """Python's ``re.<how>`` (search, match, fullmatch) of each value holding one, as booleans
    (False elsewhere); None when the kernel cannot take the pattern or the column."""
    import pyarrow as pa

    t = _translation(pattern, how)
    arr = arrow_text(values) if t is not None else None
    if t is None or arr is None:
        return None
    try:
        found, confirm = _candidates(arr, t, _simple_rows(arr, t))
    except pa.ArrowException:  # RE2 refused the translation (e.g. its memory budget)
        return None
    if confirm.any():
        test = getattr(re.compile(python) if python is not None else t.python, how)
        at = np.flatnonzero(confirm)
        found[at] = [test(x) is not None for x in _texts(arr, at)]
    return found


def _booleans(values: pd.Series, found: np.ndarray) -> pd.Series:
    """The booleans as pandas gives them: ``boolean`` with <NA> for a missing value of the
    ``string`` dtype, ``bool`` (False) for ``str``."""
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.na_value is pd.NA:
        return pd.Series(pd.array(found, dtype="boolean"), index=values.index, name=values.name).mask(values.isna())
    return pd.Series(found, index=values.index, name=values.name, dtype=bool)


def re_contains(values: pd.Series, pattern: Pattern, python: Pattern | None = None) -> pd.Series:
    r"""``values.str.contains(pattern, regex=True)``, computed in RE2 where that is exact.

    Parameters
    ----------
    values : pandas.Series of str
    pattern : str or re.Pattern
        A Python regular expression.
    python : str or re.Pattern, optional
        A pattern with the same matches that Python's ``re`` runs where it must (e.g. one made
        linear with look-arounds, :func:`netanalysis.ingest._split.linear_separator`).

    Returns
    -------
    pandas.Series of bool
        What pandas returns (its dtype too), on the index of ``values``.

    Examples
    --------
    >>> re_contains(pd.Series(["ACME GMBH", "경북대학교", "IHP GMBH - LEIBNIZ"]), r"(?<!G)GMBH\b|대학교").tolist()
    [True, True, True]
    """
    found = _search(values, pattern, "search", python)
    if found is None:
        return values.str.contains(python if python is not None else pattern, regex=True)
    return _booleans(values, found)


def re_match(values: pd.Series, pattern: Pattern) -> pd.Series:
    r"""``values.str.match(pattern)`` (a match at the start), computed in RE2 where that is exact.

    Parameters
    ----------
    values : pandas.Series of str
    pattern : str or re.Pattern

    Returns
    -------
    pandas.Series of bool

    Examples
    --------
    >>> re_match(pd.Series(["ROSSI, MARIO", "ACME, INC", "X"]), r"[A-Z]+, [A-Z]+$").tolist()
    [True, True, False]
    """
    found = _search(values, pattern, "match", None)
    return values.str.match(pattern) if found is None else _booleans(values, found)


def re_fullmatch(values: pd.Series, pattern: Pattern) -> pd.Series:
    r"""``values.str.fullmatch(pattern)``, computed in RE2 where that is exact.

    Parameters
    ----------
    values : pandas.Series of str
    pattern : str or re.Pattern

    Returns
    -------
    pandas.Series of bool

    Examples
    --------
    >>> re_fullmatch(pd.Series(["12", "12a"]), r"\d+").tolist()
    [True, False]
    """
    found = _search(values, pattern, "fullmatch", None)
    return values.str.fullmatch(pattern) if found is None else _booleans(values, found)


def re_replace(values: pd.Series, pattern: Pattern, repl: str, python: Pattern | None = None) -> pd.Series:
    r"""``values.str.replace(pattern, repl, regex=True)``, computed in RE2 where that is exact.

    RE2 replaces on the rows of ASCII text when the pattern's translation is exact, cannot
    match the empty string (RE2 and Python differ on empty matches next to a match) and has
    no repeat of an empty-matching part, and ``repl`` holds no backslash; elsewhere Python's
    ``re.sub`` runs on the rows where RE2 finds a candidate match, the other rows staying as
    they are. Missing values stay missing.

    Parameters
    ----------
    values : pandas.Series of str
    pattern : str or re.Pattern
    repl : str
        A plain replacement (a backslash makes every candidate row go through Python).
    python : str or re.Pattern, optional
        A pattern with the same matches that Python's ``re`` runs where it must (see
        :func:`re_contains`).

    Returns
    -------
    pandas.Series of str
        The dtype of ``values``.

    Examples
    --------
    >>> re_replace(pd.Series(["A  B", "가  나", "C"]), r"\s+", " ").tolist()
    ['A B', '가 나', 'C']

    Notes
    -----
    The commonest rule, a run of whitespace made one space (``\s+`` to ``" "``), changes only the
    rows holding two whitespace characters in a row or one other than the space: RE2 finds those
    (a search, which stops at the first hit) and the replacement runs on them alone. Replacing
    every space of every name with itself cost about a tenth of a second per pass over 300 k
    names, and the name rules make a dozen such passes.
    """
    space_run = (pattern, repl, python) == (_SPACE_RUN, " ", None)
    need = _search(values, _NOT_ONE_SPACE, "search", None) if space_run else None
    if need is None:  # any other rule, or a column the kernel cannot take
        return _replace(values, pattern, repl, python)
    out = values.copy()
    if need.any():
        at = np.flatnonzero(need)
        out.iloc[at] = _replace(values.iloc[at], pattern, repl, None).to_numpy()
    return out


#: ``\s+``; and where replacing it with one space changes a text: two whitespace characters in a
#: row, or one that is not the space (:func:`re_replace`'s fast path).
_SPACE_RUN = r"\s+"
_NOT_ONE_SPACE = r"\s\s|[^\S ]"


def _replace(values: pd.Series, pattern: Pattern, repl: str, python: Pattern | None) -> pd.Series:
    import pyarrow as pa
    import pyarrow.compute as pc

    t = _translation(pattern, "search")
    arr = arrow_text(values) if t is not None else None
    fallback = python if python is not None else pattern
    if t is None or arr is None:
        return values.str.replace(fallback, repl, regex=True)
    try:
        simple = _simple_rows(arr, t)
        by_re2 = simple & t.exact_spans & ("\\" not in repl)
        out = arr
        if by_re2.any():
            done = _replaced(arr if by_re2.all() else arr.filter(pa.array(by_re2)), t.ascii, repl)
            out = done if by_re2.all() else pc.replace_with_mask(out, pa.array(by_re2), done)
        if not by_re2.all():  # elsewhere Python's re.sub, on the rows RE2 finds a candidate in
            _, cand = _candidates(arr, t, simple, exact=False, among=~by_re2 & _mask(arr.is_valid()))
            at = np.flatnonzero(cand & ~by_re2)
            if len(at):
                sub = re.compile(fallback).sub
                mask = np.zeros(len(arr), dtype=bool)
                mask[at] = True
                fixed = pa.array([sub(repl, x) for x in _texts(arr, at)], type=pa.large_string())
                out = pc.replace_with_mask(out, pa.array(mask), fixed)
    except pa.ArrowException:
        return values.str.replace(fallback, repl, regex=True)
    return _from_arrow(out, values)


def _replaced(arr: Any, pattern: str, repl: str) -> Any:
    """RE2's ``replace_substring_regex`` of the array, run only on the values the pattern is found in
    when they are fewer than half: a search stops at its first hit and writes nothing, a replacement
    writes every value out again (10 M patent ids with no separator: 0.7 s to search, 1.6 s to
    rewrite). The pattern matches no empty text (:func:`_replace` checks), so a value it is not found
    in is left as it is by the replacement too: the same array."""
    import pyarrow as pa
    import pyarrow.compute as pc

    hit = _mask(_in_halves(lambda a: pc.match_substring_regex(a, pattern), arr))
    n_hit = int(hit.sum())
    if n_hit == 0:
        return arr
    if 2 * n_hit >= len(arr):
        return _in_halves(lambda a: pc.replace_substring_regex(a, pattern, repl), arr)
    mask = pa.array(hit)
    return pc.replace_with_mask(arr, mask, pc.replace_substring_regex(arr.filter(mask), pattern, repl))


def text_isin(values: pd.Series, candidates: Any) -> pd.Series:
    """``values.isin(candidates)`` for a text column, by Arrow's hash set: pandas' ``isin`` on
    Arrow-backed text first makes a Python scalar of every candidate (a second for 100,000 ids).

    Parameters
    ----------
    values : pandas.Series of str
    candidates : iterable of str
        No missing value among them (else pandas decides, as for any other column).

    Returns
    -------
    pandas.Series of bool
        On the index of ``values``, with its name; a missing value is in no set of text.

    Examples
    --------
    >>> text_isin(pd.Series(["P1", None, "P3"], dtype="str"), pd.Index(["P3", "P9"])).tolist()
    [False, False, True]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = arrow_text(values) if isinstance(values.dtype, pd.StringDtype) else None
    pool = candidates if isinstance(candidates, (pd.Index, pd.Series, np.ndarray, list)) else list(candidates)
    if (arr is not None and isinstance(pool, (pd.Index, pd.Series)) and isinstance(pool.dtype, pd.StringDtype)
            and pool.dtype.storage == "pyarrow" and not pool.hasnans):  # text already in Arrow: no scalar made
        got = arrow_text(pd.Series(pool.array, copy=False))
        if got is not None:
            found = pc.is_in(arr, value_set=got)
            return pd.Series(_mask(found), index=values.index, name=values.name, dtype=bool)
    if arr is None or not len(pool) or not all(isinstance(c, str) for c in pool):
        return values.isin(candidates)
    try:
        found = pc.is_in(arr, value_set=pa.array(np.asarray(pool, dtype=object), type=pa.large_string()))
    except (pa.ArrowException, UnicodeError):
        return values.isin(candidates)
    return pd.Series(_mask(found), index=values.index, name=values.name, dtype=bool)


__all__ = ["Translation", "arrow_text", "re_contains", "re_fullmatch", "re_match", "re_replace", "text_isin"]
