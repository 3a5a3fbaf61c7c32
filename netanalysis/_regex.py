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
a superset). The answer is therefore Python's, row for row; only its cost changes.

Before either runs, the rows that cannot hold a match are set aside (a prefilter, :func:`_needs`
and :func:`_possible`). From Python's parse of the pattern come the shortest and the longest a
match can be and a set of characters one of which every match holds (a parenthesis of a trailing
address, the ``e`` of a number in scientific notation, the first letters of missing-value
markers in either case); a row shorter than that, longer for a full match, or holding none of
those characters has no match, so Python's answer there is known without trying. Python's ``re``
then runs only on the rows left, and RE2 does when a single required character is missing from
most rows of a sample (a search of one character costs about half an RE2 pass).

A pattern this module cannot translate (flags, back-references, a repeat count RE2 refuses) goes
through Python's ``re`` on the rows the prefilter leaves, or through pandas as before when the
prefilter rules nothing out; so does a column of a value pyarrow cannot hold (a lone surrogate)
or of ``object`` text with a missing value.
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


@dataclass(frozen=True)
class Needs:
    """What every match of a pattern needs (:func:`_needs`): a text without it cannot match."""

    min_chars: int  # a match is at least this many characters long ...
    max_chars: int | None  # ... and at most this many (None: no bound)
    chars: frozenset[str] | None  # a match holds one of these characters (None: no such set found)


#: A required set of more characters than this is not used (it would rule out next to nothing).
_MAX_NEEDED_CHARS = 1 << 16
#: The flags that change which characters a single-character item matches.
_CHAR_FLAGS = re.IGNORECASE | re.ASCII


@lru_cache(maxsize=512)
def _needs(pattern: str | re.Pattern[str]) -> Needs:
    r"""What every match of ``pattern`` needs, from Python's own parse of it.

    * ``min_chars``, ``max_chars``: Python's bounds on the length of a match (``getwidth()``: an
      item matches one character whatever the flags, an assertion none);
    * ``chars``: a set of characters one of which every match holds. An item every match passes
      through (one of the concatenation, inside a group or a repeat of at least one) that is a
      character or a class of characters and ranges gives the characters it matches; an
      alternation gives the union of one such set per branch, when each branch has one. Of the
      sets found the smallest is kept (ties: the one with fewer letters, digits and spaces, which
      are common in text). Under ``IGNORECASE`` an item's characters are the ones Python's ``re``
      matches it with, found by running it over every code point. A negated class, a category
      (``\d``, ``\w``), ``.``, an optional item or an assertion gives no set.

    Examples
    --------
    >>> n = _needs(r"\d+\)")
    >>> n.min_chars, n.max_chars, sorted(n.chars)
    (2, None, [')'])
    >>> n = _needs(r"(?i)x|yz")
    >>> n.min_chars, n.max_chars, sorted(n.chars)
    (1, 2, ['X', 'Y', 'x', 'y'])
    >>> _needs(r"a?b*").chars is None
    True
    """
    compiled = re.compile(pattern)
    try:
        tree = _p.parse(compiled.pattern, compiled.flags)
        lo, hi = tree.getwidth()
        blind: dict[tuple[str, int], frozenset[str] | None] = {}
        _needed(tree, tree.state.flags, blind)  # first the case-blind items' spellings ...
        _case_blind_chars(blind)  # ... then their characters, all in one pass over every code point
        sets = _needed(tree, tree.state.flags, blind)
    except RecursionError:
        return Needs(0, None, None)
    best = min(sets, key=_selectivity) if sets else None
    return Needs(int(lo), None if hi >= _c.MAXREPEAT else int(hi), best)


def _selectivity(chars: frozenset[str]) -> tuple[int, int]:
    return len(chars), sum(ch.isalnum() or ch.isspace() for ch in chars)


def _needed(tree: Any, flags: int, blind: dict[tuple[str, int], frozenset[str] | None]) -> list[frozenset[str]]:
    """The character sets given by the items every match of ``tree`` passes through (see
    :func:`_needs`). ``blind`` holds the characters of the items under ``IGNORECASE``, by spelling
    and flags (an item not yet there is added, without characters)."""
    out = []
    for op, av in tree:
        if op is _c.LITERAL or op is _c.IN:
            spelled = _spelled(op, av)
            if spelled is None:
                continue
            if flags & re.IGNORECASE:
                chars = blind.setdefault((spelled, flags & _CHAR_FLAGS), None)
            else:
                chars = _written_chars(op, av)
            if chars is not None:
                out.append(chars)
        elif op is _c.SUBPATTERN:
            _group, add, remove, sub = av
            out += _needed(sub, (flags | add) & ~remove, blind)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
            lo, _hi, sub = av
            if lo >= 1:
                out += _needed(sub, flags, blind)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            out += _needed(av, flags, blind)
        elif op is _c.BRANCH:
            each = [_needed(branch, flags, blind) for branch in av[1]]  # (every branch: its items spelled)
            if all(each):
                union = frozenset().union(*(min(found, key=_selectivity) for found in each))
                if len(union) <= _MAX_NEEDED_CHARS:
                    out.append(union)
        # anything else (., a negated character, an assertion, a back-reference) gives no set
    return out


def _spelled(op: Any, av: Any) -> str | None:
    """A one-character item (a character, or a class of characters and ranges) spelled as a Python
    pattern of its own; None for any other (a negated class, a category, a huge range)."""
    if op is _c.LITERAL:
        return _py_char(av)
    members = []
    for kind, value in av:
        if kind is _c.LITERAL:
            members.append(_py_char(value))
        elif kind is _c.RANGE and value[1] - value[0] < _MAX_NEEDED_CHARS:
            members.append(f"{_py_char(value[0])}-{_py_char(value[1])}")
        else:  # NEGATE, CATEGORY, a huge range
            return None
    return "[" + "".join(members) + "]" if members else None


def _py_char(code: int) -> str:
    return f"\\U{code:08x}"


def _written_chars(op: Any, av: Any) -> frozenset[str] | None:
    """The characters of a one-character item as written (:func:`_spelled`; no ``IGNORECASE``)."""
    if op is _c.LITERAL:
        return frozenset([chr(av)])
    chars: set[str] = set()
    for kind, value in av:
        if kind is _c.RANGE:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            chars.add(chr(value))
    return frozenset(chars) if len(chars) <= _MAX_NEEDED_CHARS else None


def _case_blind_chars(blind: dict[tuple[str, int], frozenset[str] | None]) -> None:
    """Fill in the characters of the items under ``IGNORECASE``: the ones Python's ``re`` matches each
    with. The alternation of them all runs once over every code point (a few hundredths of a
    second), then each item over the few characters found."""
    if not blind:
        return
    every = np.arange(0x110000, dtype=np.uint32)
    text = every[(every < 0xD800) | (every > 0xDFFF)].tobytes().decode("utf-32-le")  # (Arrow holds no surrogate)
    for flags in {f for _, f in blind}:
        mine = [spelled for spelled, f in blind if f == flags]
        found = re.compile("|".join(mine), flags).findall(text)
        for spelled in mine:
            one = re.compile(spelled, flags).fullmatch
            chars = frozenset(ch for ch in found if one(ch))
            blind[spelled, flags] = chars if len(chars) <= _MAX_NEEDED_CHARS else None


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


def arrow_mask(x: Any) -> np.ndarray:
    """An Arrow boolean array as numpy (null: False)."""
    return np.asarray(x.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def _simple_rows(arr: Any, t: Translation) -> np.ndarray:
    """Rows where the ``ascii`` translation applies: ASCII text, without a line feed when the
    pattern holds a ``$`` (the only construct a line feed changes there: ``.`` and ``^`` agree)."""
    import pyarrow.compute as pc

    ascii_ = pc.string_is_ascii(arr)
    return arrow_mask(pc.and_(ascii_, pc.invert(pc.match_substring(arr, "\n"))) if t.line_end else ascii_)


def _regex_hits(arr: Any, rows: np.ndarray, pattern: str) -> np.ndarray:
    """Where RE2 finds ``pattern``, among ``rows`` (False elsewhere)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if rows.all():
        return arrow_mask(_in_halves(lambda a: pc.match_substring_regex(a, pattern), arr))
    out = np.zeros(len(arr), dtype=bool)
    if rows.any():
        out[rows] = arrow_mask(_in_halves(lambda a: pc.match_substring_regex(a, pattern), arr.filter(pa.array(rows))))
    return out


def _candidates(arr: Any, t: Translation, simple: np.ndarray, exact: bool = True,
                among: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """RE2's answers among the rows ``among`` (default: every value): ``found`` (settled, where the
    translation is exact and ``exact``) and ``confirm`` (candidates Python's ``re`` must confirm:
    the other rows RE2 matched)."""
    rows = arrow_mask(arr.is_valid()) if among is None else among
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
    (False elsewhere); None when the kernel cannot take the pattern or the column.

    Rows that cannot hold a match (:func:`_possible`) are not tried: where the pattern is not
    translated every other row goes through Python's ``re``; where it is, RE2 and Python's
    confirmation run on the rows left."""
    import pyarrow as pa

    t = _translation(pattern, how)
    need = _needs(pattern)
    if t is None and not _rules_out(need, how, in_python=True):
        return None
    arr = arrow_text(values)
    if arr is None:
        return None
    try:
        possible = _possible(arr, need, how, in_python=t is None)
        at = None if possible is None else np.flatnonzero(possible)
        rows = arr if at is None else arr.filter(pa.array(possible))
        if t is None:  # Python's re on every row left
            found, confirm = np.zeros(len(rows), dtype=bool), arrow_mask(rows.is_valid())
        else:
            found, confirm = _candidates(rows, t, _simple_rows(rows, t))
    except pa.ArrowException:  # RE2 refused the translation (e.g. its memory budget)
        return None
    if confirm.any():
        test = getattr(re.compile(python if python is not None else pattern), how)
        where = np.flatnonzero(confirm)
        found[where] = [test(x) is not None for x in _texts(rows, where)]
    if at is None:
        return found
    out = np.zeros(len(arr), dtype=bool)
    out[at] = found
    return out


def _rules_out(need: Needs, how: str, in_python: bool) -> bool:
    """Whether :func:`_possible` tests anything for a pattern needing ``need``."""
    if not in_python:  # (a class of characters searched costs about an RE2 pass: [eE] over 1 M ids 64 ms,
        # the full match of a number in scientific notation 33 ms; a length rules out few rows there)
        return need.chars is not None and len(need.chars) == 1
    bounded = how == "fullmatch" and need.max_chars is not None
    return need.chars is not None or bounded or need.min_chars > 1


def _possible(arr: Any, need: Needs, how: str, in_python: bool) -> np.ndarray | None:
    """The rows of text that may hold a match of a pattern needing ``need`` (:func:`_needs`), or None
    when nothing is tested. A row is ruled out (with a missing value) when it is shorter than a
    match can be, longer for a full match, or holds none of the characters every match holds;
    the other rows keep Python's answer, so trying the pattern only on them gives it row for row.

    The tests are Arrow passes of a few hundredths of a second per million rows: worth making
    before Python's ``re`` (``in_python``: microseconds a row) whatever they rule out; before
    RE2, whose pass costs about as much as a class of characters searched, only the search of
    one character (about half an RE2 pass), and only when it is missing from most rows of an even
    sample of the column (the parenthesis of a trailing address: 1 name in 100 of a national
    table holds one)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not _rules_out(need, how, in_python):
        return None
    if not in_python and need.chars is not None:  # worth it only where the character is rare: a sample says
        step = max(1, len(arr) // _SAMPLE_ROWS)
        sample = arr if step == 1 else arr.take(pa.array(np.arange(0, len(arr), step)))
        if 2 * int(arrow_mask(_holds_one_of(sample, need.chars)).sum()) > len(sample):
            return None
    rows = arrow_mask(arr.is_valid())
    if in_python:
        short = need.min_chars > 1
        long = how == "fullmatch" and need.max_chars is not None
        if short or long:
            length = pc.utf8_length(arr)
            if short:
                rows &= arrow_mask(pc.greater_equal(length, need.min_chars))
            if long:
                rows &= arrow_mask(pc.less_equal(length, need.max_chars))
    if need.chars is not None:
        at = np.flatnonzero(rows)
        left = arr if len(at) == len(arr) else arr.take(pa.array(at, type=pa.int64()))
        rows[at] = arrow_mask(_holds_one_of(left, need.chars))
    return rows


#: Rows of the column sampled (evenly) to see whether a character rules out most of them.
_SAMPLE_ROWS = 1024


def _holds_one_of(arr: Any, chars: frozenset[str]) -> Any:
    """Where the text holds one of ``chars`` (Arrow booleans): a search of the one character, or of
    RE2's class of them (a surrogate, which Arrow's text cannot hold, left out)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    codes = sorted(ord(ch) for ch in chars if not 0xD800 <= ord(ch) <= 0xDFFF)
    if not codes:
        return pa.array(np.zeros(len(arr), dtype=bool))
    if len(codes) == 1:
        return pc.match_substring(arr, chr(codes[0]))
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    body = "".join(f"\\x{{{lo:x}}}" + (f"-\\x{{{hi:x}}}" if hi > lo else "") for lo, hi in ranges)
    return pc.match_substring_regex(arr, f"[{body}]")


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

    Notes
    -----
    The pattern is tried only on the rows that can hold a match (see the module's docstring): a
    name without a parenthesis is not tried for ``r"\((?P<addr>[^()]*)\)\s*$"``. The rows set
    aside are the ones Python's ``re`` finds no match in, so the answer is the same; of 10 M names,
    1 in 100 holding a parenthesis, the search of that character and RE2 on its rows took a third
    of the time of the whole column in RE2 (0.7 s, was 2.1 s).
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
    >>> re_fullmatch(pd.Series(["N/A", "20101234567", "ınf"]), re.compile(r"n/?a|inf", re.IGNORECASE)).tolist()
    [True, False, True]

    Notes
    -----
    A full match is as long as the text: a text longer than the longest match the pattern allows
    (or shorter than the shortest) is not tried, nor one holding none of the characters every
    match holds (see the module's docstring). A case-blind pattern (``IGNORECASE``, which RE2 is
    not given) thus runs in Python's ``re`` on the few short ids only, with Python's case folding
    (the dotless ``ı`` is an ``i``).
    """
    found = _search(values, pattern, "fullmatch", None)
    return values.str.fullmatch(pattern) if found is None else _booleans(values, found)


def re_replace(values: pd.Series, pattern: Pattern, repl: str, python: Pattern | None = None) -> pd.Series:
    r"""``values.str.replace(pattern, repl, regex=True)``, computed in RE2 where that is exact.

    RE2 replaces on the rows of ASCII text when the pattern's translation is exact, cannot
    match the empty string (RE2 and Python differ on empty matches next to a match) and has
    no repeat of an empty-matching part, and ``repl`` holds no backslash; elsewhere Python's
    ``re.sub`` runs on the rows where RE2 finds a candidate match, the other rows staying as
    they are. Rows that cannot hold a match (see the module's docstring) are left as they are
    without being tried. Missing values stay missing.

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
    need = _needs(pattern)
    fallback = python if python is not None else pattern
    arr = arrow_text(values) if t is not None or _rules_out(need, "search", in_python=True) else None
    if arr is None:
        return values.str.replace(fallback, repl, regex=True)
    try:
        possible = _possible(arr, need, "search", in_python=t is None)  # (elsewhere nothing is replaced)
        if possible is None:
            out = _replaced_rows(arr, t, repl, fallback)
        elif possible.any():
            where = pa.array(possible)
            out = pc.replace_with_mask(arr, where, _replaced_rows(arr.filter(where), t, repl, fallback))
        else:
            out = arr
    except pa.ArrowException:
        return values.str.replace(fallback, repl, regex=True)
    return _from_arrow(out, values)


def _replaced_rows(arr: Any, t: Translation | None, repl: str, fallback: Pattern) -> Any:
    """The text with the pattern replaced: RE2 where the translation ``t`` is exact in spans (and
    ``repl`` plain), Python's ``re.sub`` elsewhere on the rows RE2 finds a candidate in (on every
    row without a translation)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    valid = arrow_mask(arr.is_valid())
    if t is None:
        by_re2, cand = np.zeros(len(arr), dtype=bool), valid
    else:
        simple = _simple_rows(arr, t)
        by_re2 = simple & t.exact_spans & ("\\" not in repl)
    out = arr
    if by_re2.any():
        assert t is not None
        done = _replaced(arr if by_re2.all() else arr.filter(pa.array(by_re2)), t.ascii, repl)
        out = done if by_re2.all() else pc.replace_with_mask(out, pa.array(by_re2), done)
    if not by_re2.all():  # elsewhere Python's re.sub, on the rows RE2 finds a candidate in
        if t is not None:
            _, cand = _candidates(arr, t, simple, exact=False, among=~by_re2 & valid)
        at = np.flatnonzero(cand & ~by_re2)
        if len(at):
            sub = re.compile(fallback).sub
            mask = np.zeros(len(arr), dtype=bool)
            mask[at] = True
            fixed = pa.array([sub(repl, x) for x in _texts(arr, at)], type=pa.large_string())
            out = pc.replace_with_mask(out, pa.array(mask), fixed)
    return out


def _replaced(arr: Any, pattern: str, repl: str) -> Any:
    """RE2's ``replace_substring_regex`` of the array, run only on the values the pattern is found in
    when they are fewer than half: a search stops at its first hit and writes nothing, a replacement
    writes every value out again (10 M patent ids with no separator: 0.7 s to search, 1.6 s to
    rewrite). The pattern matches no empty text (:func:`_replace` checks), so a value it is not found
    in is left as it is by the replacement too: the same array."""
    import pyarrow as pa
    import pyarrow.compute as pc

    hit = arrow_mask(_in_halves(lambda a: pc.match_substring_regex(a, pattern), arr))
    n_hit = int(hit.sum())
    if n_hit == 0:
        return arr
    if 2 * n_hit >= len(arr):
        return _in_halves(lambda a: pc.replace_substring_regex(a, pattern, repl), arr)
    mask = pa.array(hit)
    return pc.replace_with_mask(arr, mask, pc.replace_substring_regex(arr.filter(mask), pattern, repl))


def words_without_digit(words: Any) -> np.ndarray:
    """Per word of an Arrow text array (no nulls): not empty and no character Python calls a digit
    (``str.isdigit``), Python's answer for every word.  Arrow finds the ASCII digits; only the words
    holding a character outside ASCII (where ``²``, ``٣`` … may be) are tried in Python: a national
    table's names give millions of distinct words, nearly all ASCII.

    Parameters
    ----------
    words : pyarrow.Array of str

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> import pyarrow as pa
    >>> words_without_digit(pa.array(["ROSSI", "A1", "", "MÜLLER", "X²"])).tolist()
    [True, False, False, True, False]
    """
    import pyarrow.compute as pc

    keep = ~arrow_mask(pc.match_substring_regex(words, "[0-9]")) & (
        np.asarray(pc.utf8_length(words).to_numpy(zero_copy_only=False)) > 0)
    other = np.flatnonzero(keep & ~arrow_mask(pc.string_is_ascii(words)))
    if len(other):
        keep[other] = [not any(c.isdigit() for c in w) for w in words.take(other).to_pylist()]
    return keep


@lru_cache(maxsize=1)
def python_blanks() -> str:
    """RE2's class of every character Python's ``str.split()`` splits at (``str.isspace``: ASCII's
    blanks, U+001C … U+001F, U+0085 and Unicode's space separators).

    >>> import pyarrow as pa, pyarrow.compute as pc
    >>> pc.match_substring_regex(pa.array(["A" + chr(0x1C) + "B", "A_B"]), python_blanks()).to_pylist()
    [True, False]
    """
    every = np.arange(0x110000, dtype=np.uint32)
    text = every[(every < 0xD800) | (every > 0xDFFF)].tobytes().decode("utf-32-le")
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in text if c.isspace()) + "]"


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
            return pd.Series(arrow_mask(found), index=values.index, name=values.name, dtype=bool)
    if arr is None or not len(pool) or not all(isinstance(c, str) for c in pool):
        return values.isin(candidates)
    try:
        found = pc.is_in(arr, value_set=pa.array(np.asarray(pool, dtype=object), type=pa.large_string()))
    except (pa.ArrowException, UnicodeError):
        return values.isin(candidates)
    return pd.Series(arrow_mask(found), index=values.index, name=values.name, dtype=bool)


__all__ = ["Translation", "arrow_mask", "arrow_text", "python_blanks", "re_contains", "re_fullmatch", "re_match",
           "re_replace", "text_isin", "words_without_digit"]
