"""Records of one patent that repeat or disagree: judged once, resolved by a stated rule.

A patent can be read more than once: overlapping KIPRIS Plus pages, A1 and B2 rows of one
application, the same application in two files, rows of one PATSTAT application.  The
records are compared on the normalised ``patent_id`` (:mod:`._ids`) in reading order; the
first is the patent's *first record*.  The rule:

* **applicants: the union.**  A later record that names an applicant no earlier record of
  the patent named is *kept*: its new applicants join the patent, each traced to the row
  that named it (``source_file``/``source_row``); its other names are merged.  A
  conflict ``applicants`` says what it added (and what it lacked).
* **year: the earliest.**  Every record of the patent gets the earliest filing year among
  them (and that record's month); each record whose year differs from the first record's
  is a conflict ``year``.
* A later record that adds no applicant is rejected: ``duplicate: …`` when it agrees with
  what was read, ``duplicate with conflict: …`` naming what differed (year, missing
  applicants) when it does not — never "duplicate" alone for a record that disagrees.

In a long table (one row per patent × applicant) the rows of a patent are its applicants,
so within one file only the year is judged; across files the rule above applies row by row.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._codes import factorized, least_of_code, renumbered

#: The key of a raw record.
RECORD_KEY = ["source_file", "source_row"]
CONFLICT_COLUMNS = ("patent_id", "field", "source_file", "source_row", "value", "first_file", "first_row",
                    "first_value", "resolved", "rule")
RULES = {"year": "earliest filing year among the patent's records",
         "applicants": "union of the applicants of every record, each traced to its row"}


@dataclass
class Judgement:
    """What :func:`judge_records` decided.

    Attributes
    ----------
    reasons : pandas.Series
        Reject reason per rejected later record, indexed by the record key (``by``).
    years : pandas.DataFrame
        ``year`` and ``month`` per ``patent_id`` of every patent read more than once.
    conflicts : pandas.DataFrame
        One row per disagreement (:data:`CONFLICT_COLUMNS`).
    year_codes : numpy.ndarray of int64, optional
        The patent of each ``years`` row as its code in ``factorized(mentions["patent_id"])``
        (a categorical column's own codes): a caller holding the same categories finds the
        patents without looking their text up again. None when there is nothing to judge.
    """

    reasons: pd.Series
    years: pd.DataFrame
    conflicts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(CONFLICT_COLUMNS)))
    year_codes: np.ndarray | None = None


def _names(s: pd.Series) -> str:
    return "; ".join(sorted(map(str, s)))


def _names_by(names: pd.Series, keys: pd.Series) -> pd.Series:
    """``names.groupby(keys).agg(_names)`` whole-column: each group's names sorted (as Python sorts
    str) and ``"; "``-joined, by one sort of (group, rank of the name) and a string reduce over
    each group's run instead of a Python call per group. Groups in sorted order, as groupby's."""
    if names.empty:
        return names.groupby(keys).agg(_names)
    ok = keys.notna().to_numpy()
    by = names[ok].groupby(keys[ok], sort=True)
    group, index = by.ngroup().to_numpy(dtype=np.int64), by.size().index
    text = names[ok].astype(str).to_numpy(dtype=object)
    code, distinct = pd.factorize(text)
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[sorted(range(len(distinct)), key=list(distinct).__getitem__)] = np.arange(len(distinct))
    order = np.lexsort((rank[code], group))
    group, parts = group[order], np.asarray(distinct, dtype=object)[code[order]] + "; "
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    joined = [j[:-2] for j in np.add.reduceat(parts, starts)] if len(parts) else []
    out = pd.Series(joined, index=index[group[starts]] if len(parts) else index[:0], name=names.name)
    return out.astype(names.dtype) if isinstance(names.dtype, pd.StringDtype) else out  # as agg keeps it


def _records_per_patent(pcode: np.ndarray, code: np.ndarray, n_codes: int, n_patents: int) -> np.ndarray:
    """Per patent code, the number of distinct records among its mentions (``pcode`` -1: in no
    patent). A record is a raw row, so its mentions name one patent: then each record is counted
    once, under that patent, with no hash of (patent, record) pairs (10 M of them in
    a national table); where some record names several, its distinct pairs are counted.

    >>> _records_per_patent(np.array([0, 0, 1, -1, 1]), np.array([0, 0, 1, 2, 3]), 4, 2).tolist()
    [1, 2]
    >>> _records_per_patent(np.array([0, 1, 1]), np.array([0, 0, 1]), 2, 2).tolist()  # record 0 names two
    [1, 2]
    """
    first = np.full(n_codes, -1, dtype=np.int64)
    first[code] = pcode  # (some mention's patent: the same whichever, when the check below holds)
    if (first[code] == pcode).all():
        return np.bincount(first[first >= 0], minlength=n_patents)
    seen = pd.unique(pcode[pcode >= 0].astype(np.int64) * n_codes + code[pcode >= 0])
    return np.bincount(seen // n_codes, minlength=n_patents)


def _first_of_records(m: pd.DataFrame, fields: list[str], keys: dict[str, str]) -> pd.DataFrame:
    """Per record (``m["rec"]``), the first non-missing value of each of ``fields`` and ``first_rec``,
    and of each key column (``keys``: output name → column), indexed by record in order: as
    ``m.groupby("rec").agg(...)`` gives it; where every record is one row, in order (a long table's
    rows), the rows themselves (a national table: no groupby of ten million one-row groups)."""
    r = m["rec"].to_numpy()
    extra = {c: k for c, k in keys.items() if c not in fields}
    if len(r) and bool((r[1:] > r[:-1]).all()):
        rec = m[[*fields, "first_rec"]].set_axis(pd.Index(r, name="rec"))
        for c, k in extra.items():
            rec[c] = m[k].to_numpy()
        return rec
    return m.groupby("rec", sort=True).agg(**{f: (f, "first") for f in fields}, first_rec=("first_rec", "first"),
                                           **{c: (k, "first") for c, k in extra.items()})


def judge_records(mentions: pd.DataFrame, per_record: bool = True, by: list[str] | None = None,
                  codes: np.ndarray | None = None) -> Judgement:
    """Judge the records of patents read more than once.

    Parameters
    ----------
    mentions : pandas.DataFrame
        One row per applicant mention of a record still kept, in reading order, with
        ``source_file``, ``source_row``, ``patent_id``, ``applicant_id``, ``year``, ``month``.
    per_record : bool
        True (a wide table, or records from several files): a later record adding no
        applicant is rejected.  False (the rows of one long table): only years are judged.
    by : list of str, optional
        The columns that identify a record (default ``source_file, source_row``); the
        ``source_file``/``source_row`` of a record's first mention name it in messages.
    codes : numpy.ndarray of int, optional
        The record of each row as ``mentions.groupby(by, sort=False).ngroup()`` numbers them
        (0, 1, 2 … by first appearance), when the caller has them as integers already: the
        string-key groupby of a national table is not made again.

    Returns
    -------
    Judgement

    Examples
    --------
    >>> m = pd.DataFrame({"source_file": "f", "source_row": [2, 2, 3, 3], "patent_id": "P",
    ...     "applicant_id": ["A", "B", "A", "C"], "year": [2011, 2011, 2010, 2010], "month": 1})
    >>> j = judge_records(m)
    >>> j.conflicts[["field", "value", "resolved"]].values.tolist()
    [['year', '2010', '2010'], ['applicants', 'adds C; lacks B', 'A; B; C']]
    >>> j.years["year"].tolist(), len(j.reasons)
    ([2010], 0)
    """
    empty = Judgement(pd.Series(dtype=object), pd.DataFrame({"year": [], "month": []}))
    if mentions.empty:
        return empty
    key = by or RECORD_KEY
    code = (np.asarray(codes, dtype=np.int64) if codes is not None
            else mentions.groupby(key, sort=False).ngroup().to_numpy(dtype=np.int64))
    # patents by integer code (a missing id: -1, in no patent); records per patent: distinct (patent, record)
    pcode, patents = factorized(mentions["patent_id"])  # (the pipeline's are numbered already: no hash)
    if not (pcode >= 0).any():
        return empty
    n_codes = int(code.max()) + 1
    n_rec = _records_per_patent(pcode, code, n_codes, len(patents))
    again = (pcode >= 0) & (n_rec[np.maximum(pcode, 0)] > 1)
    if not again.any():
        return empty
    fields = ["patent_id", "source_file", "source_row", "year", "month"]
    # only the columns read below (the rows of patents read again: most of a long table); the patent
    # and the file as integer codes, named again only in the rows written out (`patents`, `files`)
    fcode, files = pd.factorize(mentions["source_file"])  # (a few files: codes of a categorical, no text)
    files = pd.Index(files).astype(str)
    cols = list(dict.fromkeys([*(c for c in (*fields, *key) if c not in ("patent_id", "source_file")),
                               *(["applicant_id"] if per_record else [])]))
    m = mentions.loc[again, cols].reset_index(drop=True)
    # the patents read again numbered by first appearance among their rows (as pd.factorize numbers the
    # ids: a numbered column's codes may follow another order, and the years are listed in this one)
    read_again = pcode[again]
    sub = renumbered(read_again)  # (codes of one numbering: no hash where already in that order)
    code_of = np.empty(int(sub.max()) + 1, dtype=np.int64)
    code_of[sub] = read_again  # (each new number's old code: the same from any of its rows)
    del read_again
    patents = patents.take(code_of)
    m["patent_id"], m["source_file"] = sub.astype(np.int64), fcode[again].astype(np.int64)
    m["rec"] = code[again]
    m["first_rec"] = least_of_code(m["patent_id"].to_numpy(), m["rec"].to_numpy())
    # a key column that is one of the fields is read from it (the same first value), not aggregated twice
    key_cols = [k if k in fields else f"key_{i}" for i, k in enumerate(key)]
    rec = _first_of_records(m, fields, dict(zip(key_cols, key, strict=True)))
    if not per_record:  # (only the applicants' judgement reads the rows again: a long table's freed here)
        del m
    # each patent's first record, by position (records indexed in increasing order: not hashed), its
    # columns taken where read (a long table's nine million records: no copy of every column)
    at_first = np.searchsorted(rec.index.to_numpy(), rec["first_rec"].to_numpy())

    def first(col: str, where: np.ndarray | None = None) -> pd.Series:
        """``col`` of the first record of each record's patent (of the records ``where``)."""
        if where is None:
            return rec[col].take(at_first).set_axis(rec.index)
        return rec[col].take(at_first[where]).set_axis(rec.index[where])
    later = rec.index != rec["first_rec"].to_numpy()

    # year: the earliest, with that record's month (the first record that has it)
    pid = rec["patent_id"].to_numpy()
    least = least_of_code(pid, rec["year"].to_numpy())  # (each record's patent's earliest year)
    if len(pid) > 1 and bool((pid[1:] >= pid[:-1]).all()) and not rec["year"].isna().any():
        # (each patent's records together, in order: a long table's) the first record of each run
        # that has its patent's earliest year, without sorting nine million records
        firsts = np.flatnonzero(rec["year"].to_numpy() == least)
        firsts = firsts[np.r_[True, pid[firsts][1:] != pid[firsts][:-1]]]
        years = rec[["year", "month"]].iloc[firsts].set_axis(pd.Index(pid[firsts], name="patent_id"))
    else:  # (the three columns read, not a sorted copy of every field)
        by_year = rec[["patent_id", "year", "month"]].sort_values(["patent_id", "year"], kind="stable")
        years = by_year.drop_duplicates("patent_id").set_index("patent_id")
        del by_year
    year_codes = code_of[years.index.to_numpy()].astype(np.int64)
    years.index = patents.take(years.index.to_numpy()).rename("patent_id")
    resolved_year = pd.Series(least, index=rec.index)  # (years' year of the patent)
    del pid, least
    year_differs = later & rec["year"].ne(first("year")).to_numpy()

    # applicants: what each later record adds (first named there) and lacks (named before, not here);
    # judged per record only (the rows of one long table are its applicants: nothing to judge)
    differs = np.zeros(len(rec), dtype=bool)
    if per_record:
        # (patent, applicant) and (record, applicant) pairs as integers (applicants coded), not string pairs
        acode = pd.factorize(m["applicant_id"])[0].astype(np.int64)
        missing = acode < 0  # (never from the pipeline) a code of its own, as drop_duplicates treats it
        n_app = int(acode.max()) + 2
        acode[missing] = n_app - 1
        pair = m["patent_id"].to_numpy(dtype=np.int64) * n_app + acode
        first_of_pair = m["rec"].groupby(pair).transform("min").to_numpy()
        if missing.any():  # and in no group, as groupby drops a missing key
            first_of_pair = np.where(missing, np.nan, first_of_pair)
        m["pair_first"] = first_of_pair
        new_pair = m[(m["pair_first"] == m["rec"]) & (m["rec"] != m["first_rec"])]
        adds = _names_by(new_pair["applicant_id"], new_pair["rec"])
        once = ~pd.Series(pair).duplicated().to_numpy()  # as drop_duplicates(["patent_id", "applicant_id"])
        pairs_all = m[once]
        pairs = pd.DataFrame({"patent_id": pairs_all["patent_id"].to_numpy(),
                              "applicant_id": pairs_all["applicant_id"].array,
                              "pair_first": pairs_all["pair_first"].to_numpy(), "acode": acode[once]})
        rec_l = rec[later].reset_index()[["rec", "patent_id"]]
        before = rec_l.merge(pairs, on="patent_id")
        before = before[before["pair_first"] < before["rec"]]
        here = m["rec"].to_numpy(dtype=np.int64) * n_app + acode
        there = before["rec"].to_numpy(dtype=np.int64) * n_app + before["acode"].to_numpy(dtype=np.int64)
        lacking = before[~pd.Series(there).isin(here).to_numpy()]
        lacks = _names_by(lacking["applicant_id"], lacking["rec"])
        union = _names_by(pairs_all["applicant_id"], pairs_all["patent_id"])
        added = rec.index.isin(adds.index)
        differs = later & (added | rec.index.isin(lacks.index))

    rows = []
    base = {f: os.path.basename(str(files[f])) for f in pd.unique(first("source_file"))}  # a few files, many records

    def named(codes: pd.Series, names: pd.Index) -> pd.Series:  # the written rows' patents and files by name
        return pd.Series(names.take(codes.to_numpy()), index=codes.index)
    if year_differs.any():
        y = rec[year_differs]
        rows.append(pd.DataFrame({
            "patent_id": named(y["patent_id"], patents), "field": "year",
            "source_file": named(y["source_file"], files), "source_row": y["source_row"],
            "value": y["year"].astype("Int64").astype(str),
            "first_file": named(first("source_file", year_differs), files),
            "first_row": first("source_row", year_differs),
            "first_value": first("year", year_differs).astype("Int64").astype(str),
            "resolved": resolved_year[year_differs].astype("Int64").astype(str), "rule": RULES["year"]}))
    if differs.any():
        a = rec[differs]
        what = ("adds " + adds.reindex(a.index).fillna("") + "; lacks " + lacks.reindex(a.index).fillna(""))
        what = what.str.replace(r"^adds ; ", "", regex=True).str.replace(r"; lacks $", "", regex=True)
        rows.append(pd.DataFrame({
            "patent_id": named(a["patent_id"], patents), "field": "applicants",
            "source_file": named(a["source_file"], files), "source_row": a["source_row"], "value": what,
            "first_file": named(first("source_file", differs), files),
            "first_row": first("source_row", differs),
            "first_value": "", "resolved": a["patent_id"].map(union), "rule": RULES["applicants"]}))
    conflicts = (pd.concat(rows).sort_index(kind="stable").reset_index(drop=True)[list(CONFLICT_COLUMNS)]
                 if rows else Judgement(empty.reasons, years).conflicts)

    reasons = pd.Series(dtype=object)
    if per_record:
        dup = later & ~added
        d = rec[dup]
        at = (" already read at row " + first("source_row", dup).astype("Int64").astype(str)
              + " of " + first("source_file", dup).map(base).astype(str))
        detail = pd.Series("", index=d.index, dtype=object)
        yd = year_differs[dup]
        detail[yd] += ("; year " + d.loc[yd, "year"].astype("Int64").astype(str) + " here, "
                       + first("year", dup).loc[yd].astype("Int64").astype(str) + " there (the earliest, "
                       + resolved_year[dup][yd].astype("Int64").astype(str) + ", is kept)")
        lk = d.index.isin(lacks.index)
        detail[lk] += "; lacks " + lacks.reindex(d.index[lk]).astype(str) + " (the union of applicants is kept)"
        kind = pd.Series(np.where(detail != "", "duplicate with conflict", "duplicate"), index=d.index, dtype=str)
        text = kind + ": patent_id " + named(d["patent_id"], patents).astype(str) + at + detail
        keys = d[key_cols].set_axis(key, axis=1)
        for col, names in (("source_file", files), ("patent_id", patents)):
            if col in keys:
                keys[col] = named(keys[col], names)
        reasons = pd.Series(text.to_numpy(), index=pd.MultiIndex.from_frame(keys), dtype=object)
    return Judgement(reasons, years, conflicts, year_codes)


def conflict_counts(conflicts: pd.DataFrame) -> dict[str, int]:
    """Conflicts per field, for the report (``{"year": 3, "applicants": 1}``)."""
    return {str(k): int(v) for k, v in conflicts["field"].value_counts().sort_index().items()}


def conflict_note(conflicts: pd.DataFrame) -> list[str]:
    """One report note summarising the conflicts (empty list when there are none)."""
    if conflicts.empty:
        return []
    counts = conflict_counts(conflicts)
    ex = conflicts.iloc[0]
    return [
        "conflicting records of one patent (" + ", ".join(f"{k}: {n}" for k, n in counts.items()) + ")"
        + f" (resolved: year = {RULES['year']}; applicants = {RULES['applicants']}); e.g. patent "
        f"{ex['patent_id']}, row {ex['source_row']} of {os.path.basename(str(ex['source_file']))}: "
        f"{ex['field']} {ex['value']} (resolved: {ex['resolved']}); every conflict is listed in the report's "
        "`conflicts`"
    ]


__all__ = ["CONFLICT_COLUMNS", "RULES", "Judgement", "conflict_counts", "conflict_note", "judge_records"]
