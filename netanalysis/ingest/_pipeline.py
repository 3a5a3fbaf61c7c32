"""From applicant mentions to the canonical tables, in named steps.

Every reader hands over a *mentions* table: one row per applicant mention, with the
record's ``source_file`` and ``source_row`` (a record with an empty applicant cell keeps
one row with a missing ``applicant_raw``).  :func:`applications_from_mentions` then runs,
in this order:

1. :func:`prepare_mentions` — the columns every later step reads, with their types;
2. :func:`check_records` — one verdict per raw record (empty id, bad date, no name, a
   name too long), ``""`` when it is fine;
3. :func:`harmonise_mentions` — ``applicant_id`` and display name; records whose names
   are only legal forms are rejected;
4. :func:`resolve_duplicates` — a patent read twice: a repeat is rejected, a record
   adding an applicant is kept (the union), years resolved to the earliest, and every
   disagreement listed as a conflict (:mod:`._conflicts`);
5. :func:`kept_mentions` — the mentions of kept records, one per (patent, applicant);
6. :func:`locate_mentions` — country and region (address, then the source's hints);
7. :func:`classify_mentions` — actor type with its reason (the source's type wins when given);
8. :func:`build_applications`, :func:`build_rejects` — the canonical tables;
9. :func:`account` — the report, which refuses to exist unless
   ``rows_read == rows_kept + rows_rejected``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._codes import (
    as_text,
    categorical_of_distinct,
    combination_codes,
    factorized,
    first_of_codes,
    first_rows,
    firsts_in_order,
    least_of_code,
    numbered,
    renumbered,
    trimmed_categories,
)
from .._errors import IngestError
from .._regex import re_fullmatch
from ..classify import InventorLists, NameEvidence, classify_applicants, name_evidence
from ..entities import harmonise, repair_text
from ..regions import country_of, region_from_address, regions_from_hints
from ..schema import REJECT_COLUMNS, ActorType
from ._actors import actors_from_applications
from ._conflicts import RECORD_KEY, conflict_counts, conflict_note, judge_records
from ._dates import parse_year
from ._ids import normalise_patent_ids
from ._result import IngestReport, IngestResult
from ._split import union_by_key

#: Longest plausible applicant name; real ones stay under ~150 characters.
MAX_NAME_CHARS = 300
#: The integer code of a mention's record (:func:`record_codes`): 0, 1, 2 … in reading order, the
#: position of the record's row in :func:`check_records`' table.  The record steps join on it instead
#: of the (file, row) pair: a string-key MultiIndex of a national table is gigabytes and seconds.
RECORD_CODE = "record_code"
#: The fields of a record (its first mention's) that the steps after :func:`check_records` read.
RECORD_FIELDS = ["patent_id", "patent_id_raw", "date_raw", "reject_reason"]
_OPTIONAL = ("address_raw", "title", "ipc", "technology", "inventors", "grant_raw", "type_hint", "country_hint",
             "region_hint", "state_hint", "city_hint", "applicant_seq", "reject_reason")
#: The columns only :func:`locate_mentions` reads (dropped once it has).
#: The source's own place columns: few distinct values on many rows.
_HINTS = ("country_hint", "region_hint", "state_hint", "city_hint")
_LOCATION_ONLY = ("country_hint", "region_hint", "state_hint", "city_hint", "alias_region")
#: The reason a reader gives for a cell of space-joined names it could not split.
AMBIGUOUS_CELL = ("applicant: several names joined by spaces that cannot be split with confidence; "
                  "expected names separated by '|' (fix the cell or add the names to an alias table)")

TablePath = pd.DataFrame | str | os.PathLike[str] | None


@dataclass
class Kept:
    """The mentions that became applications, and what was merged or dropped on the way."""

    mentions: pd.DataFrame
    n_empty_name: int
    n_merged: int
    rows: np.ndarray  #: the position of each kept mention among the mentions it was taken from


def _reason_key(reason: str) -> str:
    """The kind of a reject reason: the part before the first colon."""
    return reason.split(":", 1)[0].strip()


def prepare_mentions(mentions: pd.DataFrame, source: str = "", *, names_stripped: bool = False) -> pd.DataFrame:
    """Step 1: a copy with every column the later steps read, typed.

    Parameters
    ----------
    mentions : pandas.DataFrame
        The reader's mentions (``source_file, source_row, patent_id, date_raw,
        applicant_raw`` and optionally the columns of ``_OPTIONAL``).
    source : str
        The reader's name: patent ids are normalised by its rule
        (:func:`._ids.normalise_patent_ids`).
    names_stripped : bool, default False
        ``applicant_raw`` is already :func:`_stripped` (the pipeline strips the names first, to
        start the steps that read only them in threads): not stripped again.

    Returns
    -------
    pandas.DataFrame
        Same rows, a fresh index; ``patent_id`` normalised and numbered once (categorical: the
        later steps read its codes, no step hashes the ids again) and ``patent_id_raw`` the id as
        the source wrote it (trimmed).  Optional columns the reader did not give stay absent
        (:func:`_column` reads them as ``<NA>``): a national table would carry ten empty columns
        through every step.
    """
    m = mentions.reset_index(drop=True)  # (copy-on-write: the columns replaced below are new, the others shared)
    # a file's name on each of its rows, and the few places a source gives: held once each (categorical)
    m["source_file"] = m["source_file"].astype(str).astype("category")
    for col in _HINTS:
        if col in m:
            m[col] = m[col].astype("string").astype("category")
    m["source_row"] = m["source_row"].astype("int64")
    ids = _numbered_as_given(m["patent_id"], source)
    if ids is not None:
        m["patent_id_raw"], m["patent_id"] = ids
    else:
        m["patent_id_raw"] = m["patent_id"].astype("string").str.strip()
        m["patent_id"] = numbered(normalise_patent_ids(m["patent_id_raw"], source))
    del ids
    if not names_stripped:
        m["applicant_raw"] = _stripped(m["applicant_raw"])
    m[RECORD_CODE] = record_codes(m)
    return m


def _numbered_as_given(ids: pd.Series, source: str) -> tuple[pd.Series, pd.Series] | None:
    """``patent_id_raw`` and ``patent_id`` as :func:`prepare_mentions` makes them, from a categorical
    the reader numbered already (``read_table``'s layout test) without numbering the rows' text again:
    where its categories are trimmed and in the rule's spelling (:func:`._ids.normalise_patent_ids`
    returns each as it is) and its codes number them by first appearance, both are the column itself
    (the ids as written, trimmed, are their normal spelling). None otherwise (the text is numbered)."""
    distinct = trimmed_categories(ids)
    if distinct is None or not normalise_patent_ids(distinct, source).eq(distinct).all():
        return None
    code = ids.cat.codes.to_numpy(dtype=np.int64)
    present = code[code >= 0]
    if int(present.max(initial=-1)) != len(distinct) - 1 or firsts_in_order(present) is None:  # (every one used)
        return None
    # (numbered: the categories as the rule returns them, the codes as they are)
    normal = pd.Series(categorical_of_distinct(code, pd.Index(distinct)), index=ids.index, name=ids.name)
    return normal.rename(None), normal


def _stripped(names: pd.Series) -> pd.Series:
    """The raw names as text, trimmed (what every later step reads of them)."""
    return names.astype("string").str.strip()


def record_codes(mentions: pd.DataFrame) -> np.ndarray:
    """The record of each mention as an integer: 0, 1, 2 … by first appearance of its
    ``(source_file, source_row)``, as ``groupby(RECORD_KEY, sort=False).ngroup()`` numbers them,
    computed from integer codes (the file's, then the row's) instead of string pairs.

    Parameters
    ----------
    mentions : pandas.DataFrame
        With ``source_file`` and ``source_row`` (no missing value: :func:`prepare_mentions`).

    Returns
    -------
    numpy.ndarray of int64
        One code per mention; the mentions of one record share it.

    Examples
    --------
    >>> m = pd.DataFrame({"source_file": ["b", "b", "a", "b"], "source_row": [7, 7, 7, 2]})
    >>> record_codes(m).tolist()
    [0, 0, 1, 2]
    """
    if RECORD_CODE in mentions:
        return mentions[RECORD_CODE].to_numpy(dtype=np.int64)
    if mentions.empty:
        return np.zeros(0, dtype=np.int64)
    files = pd.factorize(mentions["source_file"])[0].astype(np.int64)
    row = mentions["source_row"].to_numpy(dtype=np.int64)
    low, span = int(row.min()), int(row.max()) - int(row.min()) + 1
    if files.max() >= 2**62 // span:  # (never for real files: rows and files would overflow 64 bits)
        return mentions.groupby(RECORD_KEY, sort=False).ngroup().to_numpy(dtype=np.int64)
    # (a file's rows read in turn: numbered without a hash; one file's rows in reading order, a long
    # table's, by counting the steps between them)
    return renumbered(files * span + (row - low))


def _by_record(first: pd.DataFrame) -> pd.DataFrame:
    """``first.set_index(RECORD_KEY)``; for one file whose rows increase (a reader's own table),
    the (file, row) index made from the rows as they are, not by numbering 10 M row numbers again."""
    files, rows = first["source_file"], first["source_row"].to_numpy()
    if not (len(rows) > 1 and isinstance(files.dtype, pd.CategoricalDtype) and len(files.cat.categories) == 1
            and rows.dtype.kind == "i" and bool((files.cat.codes.to_numpy() == 0).all())
            and bool((np.diff(rows) > 0).all())):
        return first.set_index(RECORD_KEY)
    levels: list[Any] = [pd.CategoricalIndex(files.cat.categories, dtype=files.dtype), pd.Index(rows)]
    codes: list[Any] = [np.zeros(len(rows), dtype=np.int8), np.arange(len(rows))]
    index = pd.MultiIndex(levels=levels, codes=codes, names=RECORD_KEY, verify_integrity=False)
    return first.drop(columns=RECORD_KEY).set_axis(index)


#: Cells that stand for "no value" in spreadsheets, databases and JSON dumps (in any case, as Python's ``re``
#: folds it: ``ınf`` is one).
_MISSING_MARKER = re.compile(r"nan|null|none|n/?a|inf|-inf|\+inf|infinity|-infinity|#n/a|#value!|#ref!|#div/0!|"
                             r"#name\?|#num!|#null!|undefined|-", re.IGNORECASE)
#: A number in scientific notation (a spreadsheet rounded a long application number).
_SCIENTIFIC = r"[+-]?\d(?:\.\d+)?[eE][+-]?\d+"


def _release() -> None:
    """Hand the memory freed by a step back to the system (Arrow's allocator keeps freed pages for
    reuse: between steps of a national table that is hundreds of MB of the peak)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    if _LIBC is not None:  # and glibc's (numpy, Python objects): neither allocator reuses the other's pages
        _LIBC.malloc_trim(0)


def _libc() -> Any:
    """glibc, for ``malloc_trim`` (None elsewhere: macOS, Windows, musl)."""
    import ctypes
    import ctypes.util
    import platform

    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


_LIBC = _libc()


def _column(m: pd.DataFrame, col: str) -> pd.Series:
    """Column ``col`` of ``m``, or ``<NA>`` on every row when the reader did not give it."""
    return m[col] if col in m else pd.Series(pd.NA, index=m.index, dtype=object)


def _joined_names(m: pd.DataFrame, index: pd.Index) -> pd.Series:
    """Each record's names joined by "; " (for the rejects table), vectorised: a string
    reduce over runs of one record instead of a Python call per record."""
    named = m[m["applicant_raw"].notna()]
    if named.empty:
        return pd.Series("", index=index, dtype=object)
    code = named.groupby(RECORD_KEY, sort=False).ngroup().to_numpy()
    order = np.argsort(code, kind="stable")
    code = code[order]
    parts = (named["applicant_raw"].astype(str).to_numpy(dtype=object)[order] + "; ")
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
    joined = np.add.reduceat(parts, starts)
    first = named.iloc[order[starts]]
    out = pd.Series(pd.Series(joined, dtype=object).str.slice(0, -2).to_numpy(dtype=object),
                    index=pd.MultiIndex.from_frame(first[RECORD_KEY]), dtype=object)
    return out.reindex(index).fillna("")


def _rejected_names(mentions: pd.DataFrame, records: pd.DataFrame) -> pd.Series:
    """The names of each rejected record joined by "; " (for the rejects table), on the rejected
    records' index: joined only for them, not for every record of a national table."""
    bad = (records["reason"] != "").to_numpy(dtype=bool)
    rejected = records.index[bad]
    if not len(rejected):
        return pd.Series("", index=rejected, dtype=object)
    mine = bad[record_codes(mentions)]  # (records: row i is record code i)
    return _joined_names(mentions.loc[mine, [*RECORD_KEY, "applicant_raw"]], rejected)


def check_records(mentions: pd.DataFrame) -> pd.DataFrame:
    """Step 2: one row per raw record with its parsed date and a verdict.

    Parameters
    ----------
    mentions : pandas.DataFrame
        Output of :func:`prepare_mentions`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``(source_file, source_row)``: the fields of the record's first mention
        that the later steps read (``patent_id``, ``patent_id_raw``, ``date_raw``,
        ``reject_reason`` when the reader gives it), ``year``, ``month`` and ``reason`` (``""``
        when the record is fine so far).  The names of the records finally rejected are joined
        for the rejects table by :func:`_rejected_names`.
    """
    m = mentions
    code = record_codes(m)
    # only the columns the steps read (a national table's records are its rows: a copy of every
    # column would be a second mentions table); a record's first mention, in reading order
    first = first_of_codes(code)
    rec = _by_record(m.loc[first, [*RECORD_KEY, *(c for c in RECORD_FIELDS if c in m)]])
    n = len(rec)
    # each record's first reason: the verdicts as a NumPy text column and a mask of the records still
    # without one (no comparison of millions of texts per rule)
    reason = (rec["reject_reason"].astype("string").fillna("").to_numpy(dtype=object) if "reject_reason" in rec
              else np.full(n, "", dtype=object))
    free = reason == ""

    def give(hit: np.ndarray, why: Any) -> None:
        hit = hit & free  # (a new mask: pandas may hand out a read-only view)
        if not hit.any():
            return
        reason[hit] = why if isinstance(why, str) else why[hit]
        free[hit] = False

    give((rec["patent_id_raw"].isna() | rec["patent_id_raw"].eq("")).to_numpy(dtype=bool),
         "patent_id: empty; expected an application number")
    pid = rec["patent_id_raw"].astype("string").str.strip()

    def quoted(hit: np.ndarray, then: str) -> np.ndarray:  # ("patent_id: 'x' …" only where it is given)
        if not hit.any():  # (none given: not read)
            return np.empty(0, dtype=object)
        out = np.empty(n, dtype=object)
        out[hit] = ("patent_id: " + pid[hit].map(repr).astype(str) + then).to_numpy(dtype=object)
        return out

    # (the kernel tries each pattern only on the ids that can match it: a marker is at most 9 characters
    # long, a number in scientific notation holds an e; a national table's 10 M ids hold few of either)
    marker = free & re_fullmatch(pid, _MISSING_MARKER).fillna(False).to_numpy(dtype=bool)
    give(marker, quoted(marker, " is a missing-value marker, not an application number"))
    rounded = free & re_fullmatch(pid, _SCIENTIFIC).fillna(False).to_numpy(dtype=bool)
    give(rounded, quoted(rounded, " is a number in scientific notation (a spreadsheet rounded the application "
                                  "number); export that column as text"))
    no_digits = (rec["patent_id"].isna() | rec["patent_id"].eq("")).to_numpy(dtype=bool) & free
    give(no_digits, quoted(no_digits, " holds only separators; expected an application number"))
    parsed = parse_year(rec["date_raw"])
    said = parsed["reason"].to_numpy(dtype=object)
    give(said != "", said)
    has_name = np.bincount(code, weights=m["applicant_raw"].notna().to_numpy(dtype=bool), minlength=n) > 0
    give(~has_name, "applicant: the cell is empty or holds only separators; expected one or more names")
    longest_of = _max_per_code(code, m["applicant_raw"].str.len().fillna(0).to_numpy(dtype=np.int64), n)
    too_long = free & (longest_of > MAX_NAME_CHARS)
    if too_long.any():
        said = np.empty(n, dtype=object)
        said[too_long] = (
            "applicant: a name of " + pd.Series(longest_of[too_long]).map("{:,d}".format) + " characters; expected "
            f"at most {MAX_NAME_CHARS} (a broken export, or free text in the applicant column?)"
        ).to_numpy(dtype=object)
        give(too_long, said)
    rec["year"], rec["month"] = parsed["year"], parsed["month"]
    rec["reason"] = _text_of_few(reason, free, rec.index)
    return rec


def _max_per_code(code: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """The largest value of each code ``0 … n-1`` (0 for a code without rows): ``np.maximum.at``, or
    where each code's rows are together (a long table: a record's rows in turn) one reduction per run.

    >>> _max_per_code(np.array([0, 0, 1, 3]), np.array([2, 5, 1, 4]), 4).tolist()
    [5, 1, 0, 4]
    >>> _max_per_code(np.array([1, 0, 1]), np.array([2, 5, 7]), 2).tolist()
    [5, 7]
    """
    out = np.zeros(n, dtype=values.dtype)
    if not len(code):
        return out
    if (code[1:] >= code[:-1]).all():
        starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
        out[code[starts]] = np.maximum.reduceat(values, starts)
    else:
        np.maximum.at(out, code, values)
    return out


def _text_of_few(reason: np.ndarray, free: np.ndarray, index: pd.Index) -> pd.Series:
    """The reasons as a text column (as pandas makes one of the object array), built from their few
    distinct texts (``""`` where ``free``) without a Python string per row turned into Arrow."""
    if not len(reason):  # (pandas' own column: an empty object array stays object)
        return pd.DataFrame({"reason": reason}, index=index)["reason"]
    said, distinct = pd.factorize(reason[~free])
    codes = np.zeros(len(reason), dtype=np.int64)
    codes[~free] = said + 1
    return as_text(pd.Series(categorical_of_distinct(codes, pd.Index(["", *distinct], dtype=object)), index=index))


def _named(mentions: pd.DataFrame) -> pd.Series:
    """The mentions' raw names, the missing ones left out: what :func:`harmonise` reads."""
    return mentions["applicant_raw"].loc[mentions["applicant_raw"].notna()]


def _after(first: Future[Any], step: Callable[..., Any], *args: Any) -> Any:
    """``step(first.result(), *args)``: a step run in a thread once another thread's result is in."""
    return step(first.result(), *args)


def _classified(by_name: list[Future[Any]], rows: np.ndarray, mentions: pd.DataFrame, firm_sizes: TablePath,
                source_types: TablePath) -> pd.DataFrame:
    """:func:`classify_mentions` of the kept ``mentions`` once the evidence of every row is in (the one
    future of ``by_name``, taken out of the list so that it is let go once its ``rows`` are taken)."""
    evidence = by_name.pop().result().take(rows)
    return classify_mentions(mentions, firm_sizes, source_types, evidence)


def _harmonised_named(names: pd.Series, has_name: pd.Series, aliases: TablePath) -> pd.DataFrame:
    """:func:`_harmonised` of the names (:func:`numbered`: a categorical of every mention's name)
    on the rows that have one, as of :func:`_named`."""
    return _harmonised(names.loc[has_name], aliases)


def _harmonised(names: pd.Series, aliases: TablePath = None) -> pd.DataFrame:
    """:func:`harmonise` of :func:`_named` as the pipeline reads it: categorical (~700 k names on a
    national table's 10 M rows, numbered once; the later steps read the ids' codes and the
    applications table writes the text). A function of the names alone, so the pipeline works it
    out in a thread while :func:`check_records` runs."""
    return harmonise(names, aliases=aliases, categorical=True)


def harmonise_mentions(mentions: pd.DataFrame, records: pd.DataFrame, aliases: TablePath = None,
                       *, harmonised: pd.DataFrame | None = None) -> pd.DataFrame:
    """Step 3: give every mention an ``applicant_id``; reject records with no usable name.

    Parameters
    ----------
    mentions, records : pandas.DataFrame
        Outputs of :func:`prepare_mentions` and :func:`check_records`; ``records["reason"]``
        is updated in place for records whose names hold only legal forms.
    aliases : DataFrame or path, optional
        The user's alias table.
    harmonised : pandas.DataFrame, optional
        ``_harmonised(_named(mentions), aliases)`` when already worked out (the pipeline does
        it beside the record checks); worked out here otherwise.

    Returns
    -------
    pandas.DataFrame
        ``mentions`` with ``applicant_id`` (``""`` where nothing is left of the name),
        ``applicant_name``, ``alias_type`` and ``alias_source``.
    """
    h = harmonised if harmonised is not None else _harmonised(_named(mentions), aliases)
    m = mentions.copy(deep=False)  # (copy-on-write) the new columns added, not a join's copy of every column
    every = len(h) == len(m)  # (h is on the named mentions' index)
    for col in h.columns:
        m[col] = h[col] if every else h[col].reindex(m.index)
    del h
    m["applicant_id"] = m["applicant_id"].fillna("")
    any_key = np.bincount(record_codes(m), weights=(m["applicant_id"] != "").to_numpy(dtype=bool),
                          minlength=len(records)) > 0  # (records: row i is record code i)
    only_forms = (records["reason"] == "") & ~any_key
    records.loc[only_forms, "reason"] = (
        "applicant: names hold only legal forms or punctuation (e.g. '(주)'); "
        "expected an organisation or person name"
    )
    return m


def resolve_duplicates(mentions: pd.DataFrame, records: pd.DataFrame, layout: str = "wide") -> pd.DataFrame:
    """Step 4: judge records of one patent read more than once (:mod:`._conflicts`).

    In a wide table a record is a whole patent: a later record of the same ``patent_id``
    (overlapping pages, A1 and B2 rows of one application) that names no new applicant is
    rejected — ``duplicate`` when it agrees, ``duplicate with conflict`` naming what
    differed when it does not; one that names a new applicant is kept (applicants: the
    union).  In a long table the rows of one patent are its applicants: only a repeated
    (patent, applicant) pair is a duplicate mention, which :func:`kept_mentions` merges and
    counts.  In both, every record of a patent gets the earliest year among them.

    Parameters
    ----------
    mentions, records : pandas.DataFrame
        Outputs of :func:`harmonise_mentions` and :func:`check_records`; ``records``
        (``reason``, ``year``, ``month``) is updated in place.
    layout : {"wide", "long"}

    Returns
    -------
    pandas.DataFrame
        The conflicts (:data:`._conflicts.CONFLICT_COLUMNS`), one row per disagreement.
    """
    ok = (records["reason"] == "").to_numpy(dtype=bool)  # (records: row i is record code i)
    code = record_codes(mentions)
    at = np.flatnonzero(mentions["applicant_id"].ne("").to_numpy(dtype=bool) & ok[code])
    at_rec = code[at]
    # the file and the patent ids stay categorical (judge_records reads their codes); the applicant ids,
    # judged per record only (a wide table), as pandas' str (Arrow) column: no Python string per mention
    table = mentions[[*RECORD_KEY, "patent_id", *(["applicant_id"] if layout == "wide" else [])]].take(at)
    table = table.reset_index(drop=True).astype({"applicant_id": "str"} if layout == "wide" else {})
    table["year"] = records["year"].take(at_rec).to_numpy()
    table["month"] = records["month"].take(at_rec).to_numpy()
    # the records numbered by first appearance among these mentions, as judge_records' groupby would
    judged = judge_records(table, per_record=layout == "wide", codes=renumbered(at_rec))
    judged_ids = table["patent_id"].dtype
    del table
    if len(judged.reasons):
        records.loc[judged.reasons.index, "reason"] = judged.reasons.to_numpy()
    if len(judged.years):
        mine = np.flatnonzero(ok)
        pid = records["patent_id"].take(mine)
        if isinstance(pid.dtype, pd.CategoricalDtype):  # the patents read again looked up once each, the rows by code
            cats = pid.cat.categories
            at_code = np.full(len(cats) + 1, -1, dtype=np.int64)  # (the last: a missing id)
            if (judged.year_codes is not None and isinstance(judged_ids, pd.CategoricalDtype)
                    and (judged_ids.categories is cats or judged_ids.categories.equals(cats))):
                at_code[judged.year_codes] = np.arange(len(judged.year_codes))  # (the codes judged: no text)
            else:
                found = cats.get_indexer(judged.years.index)
                at_code[found[found >= 0]] = np.flatnonzero(found >= 0)
            code = pid.cat.codes.to_numpy(dtype=np.int64)
            pos = at_code[np.where(code >= 0, code, len(at_code) - 1)]
        else:
            pos = judged.years.index.get_indexer(pd.Index(pid))
        again = np.zeros(len(records), dtype=bool)
        again[mine[pos >= 0]] = True
        pos = pos[pos >= 0]
        records.loc[again, "year"] = judged.years["year"].take(pos).to_numpy()
        records.loc[again, "month"] = judged.years["month"].take(pos).to_numpy()
    return judged.conflicts


def kept_mentions(mentions: pd.DataFrame, records: pd.DataFrame, layout: str = "wide", consume: bool = False) -> Kept:
    """Step 5: the mentions of kept records, one per (patent, applicant), with their year.

    Parameters
    ----------
    mentions, records : pandas.DataFrame
        Outputs of :func:`harmonise_mentions` and :func:`reject_duplicates`.
    layout : {"wide", "long"}
        In a long table the rows of one patent may disagree on the filing date; the
        patent's earliest year is used for all of them.
    consume : bool
        Take the kept rows column by column and delete each column from ``mentions`` once
        taken (the pipeline's own frame, which it drops next: a national table's mentions and
        their kept copy are then never held whole side by side). Default: ``mentions`` is
        left unchanged.

    Returns
    -------
    Kept
        The mentions (first mention wins within a patent), how many name-less mentions of
        kept records were dropped and how many repeated mentions were merged.
    """
    code = record_codes(mentions)
    in_kept = (records["reason"] == "").to_numpy(dtype=bool)[code]  # (records: row i is record code i)
    named = mentions["applicant_raw"].notna().to_numpy()
    no_key = mentions["applicant_id"].eq("").to_numpy()
    n_empty_name = int((named & no_key & in_kept).sum())
    # the record key first, then the other columns (as set_index(RECORD_KEY).reset_index() orders them),
    # without the ones only the record checks read
    order = [*RECORD_KEY, *(c for c in mentions.columns
                            if c not in (*RECORD_KEY, "date_raw", "reject_reason", RECORD_CODE))]
    # the rows kept, decided on integer codes first; then the columns taken once (a national table's
    # mentions and a second full copy of them are never held together with a third)
    rows = np.flatnonzero(in_kept & ~no_key)
    year = records["year"].take(code[rows]).to_numpy()
    month = records["month"].take(code[rows]).to_numpy()
    # patents and applicants by integer code (kept records have a patent id: check_records rejects the
    # others; a missing value, -1 or its own code, would be one value of its own, as duplicated() treats it)
    pcode = factorized(mentions["patent_id"])[0][rows]
    acode = factorized(mentions["applicant_id"])[0][rows]  # (kept: every one has an id)
    if layout == "long" and len(rows):
        first = least_of_code(pcode, year)
        month = pd.Series(month).where(pd.Series(year == first)).to_numpy()
        year = first
    # a long table's rows of a patent each name a class: all kept (the repeated rows' classes too)
    tech = None
    if len(rows) and "technology" in mentions and mentions["technology"].notna().any():
        tech = union_by_key(pd.Series(pcode),
                            mentions["technology"].take(rows).reset_index(drop=True)).astype("string")
    before = len(rows)
    # a repeated (patent, applicant) pair: looked for among the rows of patents with two rows or more
    # only (most patents of a national table have one applicant: their rows' pairs are not hashed)
    repeated = np.zeros(len(rows), dtype=bool)
    if len(rows):
        at = pcode - pcode.min()  # (a missing id, -1, counted as one patent, as duplicated() would)
        shared = np.flatnonzero(np.bincount(at)[at] > 1)
        del at
        pair = pcode[shared] * (int(acode.max(initial=0)) + 1) + acode[shared]
        repeated[shared] = pd.Series(pair).duplicated(keep="first").to_numpy()
        del shared, pair
    del pcode, acode
    keep = np.zeros(len(mentions), dtype=bool)
    keep[rows[~repeated]] = True  # a mask, not positions: Arrow copies the runs of kept rows (a take copies each)
    every = bool(keep.all())
    # column by column, on two threads (Arrow's filter lets go of the interpreter); with consume, each
    # column let go of by the pipeline's own frame at once and by this step once taken
    columns = {c: mentions[c] for c in order}
    if consume:
        for c in order:
            del mentions[c]
    taken = {}
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="netanalysis-kept") as pool:
        work = {c: pool.submit(_kept_rows, columns.pop(c), None if every else keep) for c in order}
        for c in order:
            taken[c] = work.pop(c).result()
    mk = pd.DataFrame(taken, copy=False)
    del taken
    mk["year"] = year[~repeated]
    mk["month"] = month[~repeated]
    # one file's name on every row: held once (the applications table writes it out again)
    mk["source_file"] = mk["source_file"].astype("category")
    if tech is not None:
        mk["technology"] = tech[~repeated].array
    return Kept(mk, n_empty_name, before - len(mk), np.flatnonzero(keep))


def _kept_rows(column: pd.Series, keep: np.ndarray | None) -> pd.Series:
    """``column`` at the rows of ``keep`` (None: all), on a fresh index."""
    return (column if keep is None else column[keep]).reset_index(drop=True)


def locate_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Step 6: ``country`` and ``region`` of each mention.

    The address is parsed as of the filing date (month known: that date; else 1 July of
    the filing year); a country given by the source wins over the address; a region given
    by the source fills an unknown one.

    Parameters
    ----------
    mentions : pandas.DataFrame
        ``Kept.mentions``.

    Returns
    -------
    pandas.DataFrame
        ``country``, ``region`` and ``region_source`` on the index of ``mentions`` (``""``
        when unknown; ``region_source`` is ``address``, ``source`` (a region column of the
        source) or ``institution_table`` (the alias table's site of a known institution));
        ``attrs["notes"]`` counts the region values the source gave that name no known
        region.
    """
    # every output row depends on its own row's inputs alone: the rules run once per distinct
    # combination of them (a national table repeats a few thousand places on millions of rows)
    inputs = [c for c in _LOCATION_INPUTS if c in mentions]
    combo = combination_codes(mentions[inputs])
    at = first_rows(combo)  # (each combination's first row)
    if len(at) >= len(combo) // 2:  # few repeats: every row is its own combination
        at = combo = np.arange(len(combo))
    out, unknown = _locate(mentions[inputs].iloc[at])
    located = out.iloc[combo].set_axis(mentions.index)
    # the note counts rows: each combination stands for its rows
    located.attrs["notes"] = _unknown_region_note(unknown, np.bincount(combo, minlength=len(at)))
    return located


#: The columns :func:`locate_mentions` reads.
_LOCATION_INPUTS = ("year", "month", "address_raw", "country_hint", "region_hint", "state_hint", "city_hint",
                    "alias_region")


def _unknown_region_note(unknown: pd.Series, rows: np.ndarray) -> list[str]:
    """The note on region values the source gave that name no known region; ``unknown`` holds
    those values (on the positions they were found at) and ``rows`` how many rows each position
    stands for."""
    if not len(unknown):
        return []
    count = int(rows[unknown.index.to_numpy()].sum())
    examples = ", ".join(repr(x) for x in pd.unique(unknown.to_numpy(dtype=object))[:5])
    return [f"{count} region values given by the source name no known region "
            f"(e.g. {examples}); their region is unknown (add a scheme with --regions FILE)"]


def _locate(mk: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """:func:`locate_mentions` on the rows of ``mk``, and the region values the source gave
    that name no region, on the positions (0, 1, …) of their rows."""
    mk = mk.reset_index(drop=True)
    loc_year = mk["year"].astype("Int64") + (mk["month"].fillna(7) >= 7).astype(int) - 1
    address = _column(mk, "address_raw").astype("string").fillna(_column(mk, "city_hint").astype("string"))
    hint_country = _column(mk, "country_hint").astype("string").str.strip().str.upper().fillna("")
    # an address counts only where the source gives no country, or gives Korea (the only
    # country whose regions are read from addresses): the other rows are not parsed
    useful = ((hint_country == "") | (hint_country == "KR")).to_numpy(dtype=bool)
    loc = region_from_address(address, year=loc_year.where(mk["month"].notna(), mk["year"]), only=useful)
    country = loc["country"].where(hint_country == "", hint_country)
    region = loc["region"].where((country == "KR") | (country == ""), "")
    # where each region came from: four words on millions of rows (categorical, not a string per row)
    source = pd.Series(pd.Categorical.from_codes((region != "").to_numpy().astype(np.int8),
                                                 categories=pd.Index(["", "address", "source", "institution_table"])),
                       index=mk.index)
    hint = _column(mk, "region_hint").astype("string").fillna(_column(mk, "state_hint").astype("string")).fillna("")
    unknown = pd.Series([], dtype=object)
    if (hint != "").any():
        given = hint != ""
        hinted = regions_from_hints(hint[given], country[given].fillna("")).reindex(region.index).fillna("")
        source = source.where((region != "") | (hinted == ""), "source")
        region = region.where(region != "", hinted)
        unknown = hint[given][hinted == ""]
    if "alias_region" in mk:  # no address, no region column: the institution table's site
        listed = mk["alias_region"].fillna("").astype(str)
        fill = (region == "") & (listed != "") & country.fillna("").isin(["", "KR"])
        region = region.mask(fill, listed)
        source = source.mask(fill, "institution_table")
    country = country.fillna("").astype(str)
    # a region code names its country: KR-27 -> KR, NUTS ITF33 -> IT (EL -> GR, UK -> GB)
    country = country.mask((region != "") & (country == ""), country_of(region.astype(str)))
    out = pd.DataFrame({"country": country.to_numpy(), "region": region.to_numpy(),
                        "region_source": source.to_numpy()}, index=mk.index)
    return out, unknown


def classify_mentions(mentions: pd.DataFrame, firm_sizes: TablePath = None,
                      source_types: TablePath = None, evidence: NameEvidence | None = None) -> pd.DataFrame:
    """Step 7: actor type, the reason for it and where a firm's size came from.

    Parameters
    ----------
    mentions : pandas.DataFrame
        ``Kept.mentions``.
    firm_sizes : DataFrame or path, optional
        The user's firm-size table.
    source_types : DataFrame or path, optional
        Extra mappings of the source's own type labels (see
        :func:`netanalysis.classify.load_source_types`).

    Returns
    -------
    pandas.DataFrame
        ``actor_type``, ``type_reason``, ``size_source`` on the index of ``mentions``.
        A type given by the source (``type_hint``) wins over the name rules, but not over
        the user's alias table (:func:`netanalysis.classify.apply_source_types`); an applicant
        who is an inventor of the same application is a person (``evidence:inventor``); the
        spellings of one ``applicant_id`` take the type of the strongest evidence among them
        (:func:`netanalysis.classify.unify_actor_types`); a firm of
        unknown size with more patents than an SME files is large
        (:func:`netanalysis.classify.apply_patent_counts`).
    evidence : NameEvidence, optional
        :func:`netanalysis.classify.name_evidence` of these mentions' names and inventors, when
        it was worked out already (:func:`applications_from_mentions` does, beside steps 2–6).
    """
    mk = mentions
    return classify_applicants(mk["applicant_raw"], mk["applicant_id"], mk["patent_id"], mk["year"],
                               mk["alias_type"], mk["alias_source"], labels=_column(mk, "type_hint"),
                               source_types=source_types, firm_sizes=firm_sizes,
                               inventors=mk["inventors"] if "inventors" in mk else None, evidence=evidence)


def _text(values: pd.Series) -> Any:
    """The column's values for a new table: pandas' Arrow-backed ``str`` array as it is, Arrow-backed
    ``string`` (``<NA>`` for a missing value) as ``str`` (NaN; no Python string made per row and
    converted back: a national table's inventors would be 10 M of them), any other dtype as a NumPy
    array (pandas infers)."""
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        return values.astype("str").array
    return values.to_numpy()


#: The free-text columns the applications table carries (mojibake repaired, but the IPC codes).
_FREE_TEXT = ("title", "ipc", "technology", "inventors", "address_raw")


def _free_texts(mentions: pd.DataFrame) -> dict[str, Any]:
    """The applications table's free-text columns of the kept mentions, as it writes them: the
    mojibake repaired (ftfy) in every one but the IPC codes; only the columns the source gives."""
    return {col: _text(repair_text(mentions[col])) if col != "ipc" else _text(mentions[col].astype("string"))
            for col in _FREE_TEXT if col in mentions and mentions[col].notna().any()}


def build_applications(mentions: pd.DataFrame, located: pd.DataFrame, classes: pd.DataFrame,
                       *, texts: dict[str, Any] | None = None) -> pd.DataFrame:
    """Step 8a: the canonical ``applications`` table.

    Parameters
    ----------
    mentions, located, classes : pandas.DataFrame
        ``Kept.mentions`` and the outputs of :func:`locate_mentions` and
        :func:`classify_mentions` (same index).
    texts : dict, optional
        ``_free_texts(mentions)`` when already worked out (the pipeline does it in a thread
        beside the location and classification); worked out here otherwise.

    Returns
    -------
    pandas.DataFrame
        The canonical columns (:data:`netanalysis.schema.APPLICATION_COLUMNS`), then ``grant_year``,
        ``title``, ``ipc`` (every code of the
        patent, ``"; "``-joined), ``technology`` (another classification's labels, e.g. WIPO fields,
        the union over the patent's rows, ``"; "``-joined), ``inventors`` (``"; "``-joined), ``address_raw`` where the
        source has them, ``applicant_seq``, ``patent_id_raw`` (the id as the source wrote
        it; ``patent_id`` is normalised), ``source_file``, ``type_reason``,
        ``size_source``, ``region_source``.
    """
    mk = mentions
    apps = pd.DataFrame(
        {
            "patent_id": as_text(mk["patent_id"]),
            "year": mk["year"].astype("int64"),
            "applicant_raw": as_text(mk["applicant_raw"]),
            "applicant_id": as_text(mk["applicant_id"]),
            "applicant_name": as_text(mk["applicant_name"]),
            "actor_type": classes["actor_type"].astype(ActorType),
            "country": _text(located["country"]),
            "region": _text(located["region"]),
            "source_row": mk["source_row"].astype("int64"),
        }
    )
    if "grant_raw" in mk and mk["grant_raw"].notna().any():
        apps["grant_year"] = parse_year(mk["grant_raw"])["year"].to_numpy()
    for col, text in (texts if texts is not None else _free_texts(mk)).items():
        apps[col] = text
    apps["applicant_seq"] = (  # (absent: all <NA>, without a column of NA objects)
        pd.to_numeric(mk["applicant_seq"], errors="coerce").astype("Int64") if "applicant_seq" in mk
        else pd.arrays.IntegerArray(np.zeros(len(mk), np.int64), np.ones(len(mk), bool)))
    apps["patent_id_raw"] = _text(as_text(mk["patent_id_raw"]))
    apps["source_file"] = _text(as_text(mk["source_file"]))
    apps["type_reason"] = _text(classes["type_reason"].astype(str))
    apps["size_source"] = _text(classes["size_source"].fillna("").astype(str))
    apps["region_source"] = _text(located["region_source"])
    return apps.reset_index(drop=True)


def _coded(mentions: pd.DataFrame, located: pd.DataFrame, classes: pd.DataFrame) -> pd.DataFrame:
    """What :func:`~._actors.actors_from_applications` and :func:`table_counts` read of the
    applications table, with the patent and applicant ids (and the names) as numbered: the
    applications table's values, without its free texts (its own columns are built beside)."""
    return pd.DataFrame({
        "patent_id": mentions["patent_id"].array,
        "year": mentions["year"].astype("int64").array,
        "applicant_id": mentions["applicant_id"].array,
        "applicant_name": mentions["applicant_name"].array,
        "actor_type": classes["actor_type"].astype(ActorType).array,
        "country": located["country"].array,
        "region": located["region"].array,
        "type_reason": classes["type_reason"].astype(str).array,
        "size_source": classes["size_source"].fillna("").astype(str).array,
    })


def _raw_text(records: pd.DataFrame) -> pd.Series:
    pid = records["patent_id_raw"].astype("string").fillna("")
    date = records["date_raw"].astype("string").fillna("")
    names = records["names"].astype("string").fillna("")
    return (pid + " | " + date + " | " + names).str.slice(0, 300)


def build_rejects(records: pd.DataFrame, bad_rows: list[tuple[str, int, str, str]] | None) -> pd.DataFrame:
    """Step 8b: the ``rejects`` table: records with a reason, and rows no reader could split.

    Parameters
    ----------
    records : pandas.DataFrame
        Output of :func:`reject_duplicates`.
    bad_rows : list of (file, row, reason, raw), optional
        Rows the reader could not split into fields.

    Returns
    -------
    pandas.DataFrame
        ``source_file, source_row, reason, raw``, sorted by file and row.
    """
    rejected = records[records["reason"] != ""]
    rejects = pd.DataFrame(
        {
            "source_file": rejected.index.get_level_values(0).astype(str),
            "source_row": rejected.index.get_level_values(1).astype("int64"),
            "reason": rejected["reason"].to_numpy(),
            "raw": _raw_text(rejected).to_numpy(),
        }
    )
    if bad_rows:
        rejects = pd.concat([pd.DataFrame(bad_rows, columns=list(REJECT_COLUMNS)), rejects], ignore_index=True)
    rejects = rejects.sort_values(["source_file", "source_row"], kind="stable").reset_index(drop=True)
    return rejects[list(REJECT_COLUMNS)]


def table_counts(applications: pd.DataFrame, actors: pd.DataFrame, rejects: pd.DataFrame) -> dict[str, Any]:
    """The report's counts that follow from the tables alone (one file's or several files').

    Parameters
    ----------
    applications, actors, rejects : pandas.DataFrame
        The canonical tables of a run.

    Returns
    -------
    dict
        ``rows_rejected, reject_reasons, applications, patents, actors, actors_unknown_type,
        actors_unknown_region, applications_unknown_region, applications_unknown_country,
        year_min, year_max``.
    """
    reasons = rejects["reason"].map(_reason_key).value_counts()
    return {
        "rows_rejected": len(rejects),
        "reject_reasons": {str(k): int(v) for k, v in reasons.items()},
        "applications": len(applications),
        "patents": int(applications["patent_id"].nunique()),  # (categorical ids: their codes counted)
        "actors": len(actors),
        "actors_unknown_type": int(actors["actor_type"].astype(str).eq("other").sum()),
        "actors_unknown_region": int(actors["region"].eq("").sum()),
        "applications_unknown_region": int(applications["region"].eq("").sum()),
        "applications_unknown_country": int(applications["country"].eq("").sum()),
        "year_min": int(applications["year"].min()) if len(applications) else None,
        "year_max": int(applications["year"].max()) if len(applications) else None,
    }


def account(
    applications: pd.DataFrame,
    actors: pd.DataFrame,
    records: pd.DataFrame,
    rejects: pd.DataFrame,
    kept: Kept,
    *,
    n_bad_rows: int,
    reader: str,
    source_files: list[str],
    encoding: str,
    notes: list[str],
    layout: str = "wide",
    columns: dict[str, str] | None = None,
    conflicts: pd.DataFrame | None = None,
) -> IngestReport:
    """Step 9: the report; raises unless every raw record is kept or rejected.

    Parameters
    ----------
    applications, actors, records, rejects : pandas.DataFrame
        The tables built above.
    kept : Kept
        Output of :func:`kept_mentions`.
    n_bad_rows : int
        Rows the reader rejected before splitting.
    reader, source_files, encoding, notes, layout, columns
        Provenance for the report (``columns``: which source column gave which field).
    conflicts : pandas.DataFrame, optional
        From :func:`resolve_duplicates`: listed in the report with counts per field.

    Returns
    -------
    IngestReport

    Raises
    ------
    IngestError
        When no record at all could be kept.
    InternalError
        When ``rows_read != rows_kept + rows_rejected`` (a bug).
    """
    if applications.empty and len(records):
        top = rejects["reason"].iloc[0] if len(rejects) else "no applicant rows"
        row = int(rejects["source_row"].iloc[0]) if len(rejects) else None
        raise IngestError(
            f"no record could be kept ({len(records)} read, all rejected); first reason: {top}",
            path=source_files[0] if len(source_files) == 1 else ", ".join(source_files),
            row=row,
        )
    report = IngestReport(
        source_files=[str(f) for f in source_files],
        reader=reader,
        encoding=encoding,
        layout=layout,
        columns=dict(columns or {}),
        rows_read=len(records) + n_bad_rows,
        rows_kept=int((records["reason"] == "").sum()),
        mentions_dropped_empty_name=kept.n_empty_name,
        mentions_merged_duplicate=kept.n_merged,
        applicant_cells_ambiguous=int(records["reason"].eq(AMBIGUOUS_CELL).sum()),
        notes=list(notes),
        **conflict_fields(conflicts),
        **table_counts(applications, actors, rejects),
    )
    report.check()
    return report


def conflict_fields(conflicts: pd.DataFrame | None) -> dict[str, Any]:
    """The report's ``conflicts`` (one plain dict per conflict) and ``conflict_counts``."""
    if conflicts is None or conflicts.empty:
        return {"conflicts": [], "conflict_counts": {}}
    return {"conflicts": json.loads(conflicts.to_json(orient="records", force_ascii=False)),
            "conflict_counts": conflict_counts(conflicts)}


def applications_from_mentions(
    mentions: pd.DataFrame,
    *,
    reader: str,
    source_files: list[str],
    bad_rows: list[tuple[str, int, str, str]] | None = None,
    encoding: str = "",
    aliases: TablePath = None,
    firm_sizes: TablePath = None,
    notes: list[str] | None = None,
    layout: str = "wide",
    grouping: Any = "5+3",
    source_types: TablePath = None,
    columns: dict[str, str] | None = None,
    inventor_lists: InventorLists | None = None,
) -> IngestResult:
    """Run the steps of this module in order: mentions in, canonical tables out.

    Parameters
    ----------
    mentions : pandas.DataFrame
        One row per applicant mention with ``source_file``, ``source_row``, ``patent_id``,
        ``date_raw``, ``applicant_raw`` and optionally ``address_raw``, ``applicant_seq``,
        ``title``, ``ipc``, ``grant_raw``, ``type_hint`` (a type the source itself gives),
        ``country_hint`` and ``region_hint``.
    reader : str
        Name of the reader, for the report.
    source_files : list of str
        The files read.
    bad_rows : list of (file, row, reason, raw), optional
        Records the reader could not even split into fields; they count as read and
        rejected.
    encoding : str
        The text encoding the reader used, for the report.
    aliases, firm_sizes : DataFrame or path, optional
        User alias/override and firm-size tables.
    notes : list of str, optional
        Reader remarks for the report.
    layout : {"wide", "long"}
        ``wide``: one raw row per patent, its applicants in one cell; ``long``: one raw
        row per patent × applicant (PATSTAT, PatentsView bulk, in-house extracts), rows of
        one patent id grouped (see :func:`reject_duplicates`).
    grouping : str, mapping or DataFrame
        Macro-region grouping for the actors table.
    source_types : DataFrame or path, optional
        Extra mappings of the source's own type labels.
    columns : dict, optional
        Which source column gave which field, for the report.
    inventor_lists : InventorLists, optional
        The rows' inventors as codes, from a reader that holds them (PATSTAT's and REGPAT's own
        tables): the inventor evidence reads them instead of splitting ``inventors`` again.

    Returns
    -------
    IngestResult

    Raises
    ------
    IngestError
        When nothing could be read or kept.

    Examples
    --------
    >>> mentions = pd.DataFrame({"source_file": "f.csv", "source_row": [2, 2, 3],
    ...     "patent_id": ["P1", "P1", ""], "date_raw": ["2010.01.05"] * 3,
    ...     "applicant_raw": ["경북대학교 산학협력단", "(주)대경정밀", "홍길동"]})
    >>> res = applications_from_mentions(mentions, reader="demo", source_files=["f.csv"])
    >>> res.report.rows_read, res.report.rows_kept, res.report.rows_rejected
    (2, 1, 1)
    >>> res.applications["actor_type"].tolist()
    ['university', 'firm']
    """
    if mentions.empty:
        first = bad_rows[0] if bad_rows else (source_files[0], None, "no data rows", "")
        raise IngestError(
            f"no record could be read ({len(bad_rows or [])} row(s) rejected); first reason: {first[2]}",
            path=str(first[0]), row=first[1],
        )
    if layout not in ("wide", "long"):
        raise IngestError(f"layout={layout!r}; expected 'wide' or 'long'")
    if inventor_lists is not None and len(inventor_lists.cell) != len(mentions):
        raise ValueError(f"inventor_lists.cell has {len(inventor_lists.cell):,} rows; expected one per mention "
                         f"({len(mentions):,})")
    m = mentions.reset_index(drop=True)  # (copy-on-write: the caller's frame shares the unchanged columns)
    del mentions  # (each step keeps only what it reads)
    m["applicant_raw"] = _stripped(m["applicant_raw"])
    # the harmonisation, the name rules and the inventor evidence read only a row's own name and
    # inventors: worked out in two threads, beside this one (Arrow, RE2 and NumPy let go of the
    # interpreter). The harmonisation starts at once: the duplicate steps wait for it. The evidence,
    # read only once the rows are kept, starts when the records are checked: until then the record
    # checks and the harmonisation have a core each; after, it fills the core the duplicate steps
    # leave free (started with the harmonisation, it took the harmonisation's cycles and left that
    # core idle later: 10 M-row long table 3 s slower). (One thread for both, the harmonisation
    # first, was as fast and its evidence met the record steps' peak: +0.7 GB at 10 M rows.)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="netanalysis-names") as pool:
        # the names numbered once, for both (the second thread waits for the numbering in the first)
        names = pool.submit(numbered, m["applicant_raw"])
        harmonised = pool.submit(_after, names, _harmonised_named, m["applicant_raw"].notna(), aliases)
        inventors = m["inventors"] if "inventors" in m else None
        m = prepare_mentions(m, reader, names_stripped=True)  # (a new frame: the threads read the one before)
        _release()
        records = check_records(m)
        by_name = pool.submit(_after, names, name_evidence, inventors, None, inventor_lists)
        del inventor_lists, inventors  # (the thread holds the codes while it needs them)
        m = harmonise_mentions(m, records, aliases, harmonised=harmonised.result())
        del harmonised, names
        _release()
        conflicts = resolve_duplicates(m, records, layout)
        records["names"] = _rejected_names(m, records)  # (NaN on the kept records: only rejects show them)
        _release()
        kept = kept_mentions(m, records, layout, consume=True)
        del m  # (its kept rows are in kept.mentions; the columns taken were freed one by one)
        rejects = build_rejects(records, bad_rows)
        # all the report reads of them from here on: how many, and each one's reason (a few distinct
        # reasons on millions of records: categorical, without the (file, row) index)
        records = pd.DataFrame({"reason": records["reason"].astype("category").array})
        _release()
        # the mentions kept are read-only from here: the free texts' mojibake repair and the classification
        # in threads, beside the location (which starts now: the classification waits for the evidence)
        texts = pool.submit(_free_texts, kept.mentions)
        classified = pool.submit(_classified, [by_name], kept.rows, kept.mentions, firm_sizes, source_types)
        del by_name  # (the thread lets go of it, and of every row's evidence, once it has taken its rows')
        kept.rows = kept.rows[:0]  # (read)
        located = locate_mentions(kept.mentions)
        kept.mentions = kept.mentions.drop(columns=[c for c in _LOCATION_ONLY if c in kept.mentions])  # (read)
        classes = classified.result()
        del classified
        _release()
        notes = [*(notes or []), *located.attrs.get("notes", []), *conflict_note(conflicts),
                 *classes.attrs.get("notes", [])]
        # the actors table and the report's counts read the ids as they were numbered (no id hashed again)
        # and none of the free texts: worked out in a thread beside the applications table
        coded = _coded(kept.mentions, located, classes)
        actors_of = pool.submit(actors_from_applications, coded, grouping)
        apps = build_applications(kept.mentions, located, classes, texts=texts.result())
        del texts, located, classes
        kept.mentions = kept.mentions.iloc[:0]  # (the report needs only its counts: let go while the actors build)
        actors = actors_of.result()
        del actors_of
    _release()
    report = account(coded, actors, records, rejects, kept, n_bad_rows=len(bad_rows or []), reader=reader,
                     source_files=source_files, encoding=encoding, notes=list(notes or []), layout=layout,
                     columns=columns, conflicts=conflicts)
    del coded
    return IngestResult(apps, actors, rejects, report)
