"""Reading raw paths: files, folders and fetch folders, each by its reader, combined into one result."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .._allocator import with_ingest_allocator
from .._errors import IngestError
from ..classify import apply_patent_counts
from ._actors import actors_from_applications
from ._conflicts import CONFLICT_COLUMNS, conflict_note, judge_records
from ._pipeline import TablePath, table_counts
from ._result import IngestReport, IngestResult
from ._split import union_by_key
from .generic import read_table
from .kipris import read_kipris_xml
from .patstat import NativeResult
from .readers import detect_layout, fetched_from, grouped_files, is_source_folder, read_layout

log = logging.getLogger(__name__)


Grouping = Any  # str, mapping or DataFrame: see netanalysis.regions.macro_region


def _fetch_year_folders(path: str | os.PathLike[str]) -> list[str | os.PathLike[str]]:
    """A folder of ``netanalysis fetch --years`` sub-folders (``2004/``, ``2005/`` …) as those
    sub-folders; any other path as itself."""
    p = Path(path)
    if not p.is_dir() or fetched_from(p) is not None:
        return [path]
    subs = sorted(d for d in p.iterdir() if d.is_dir() and fetched_from(d) is not None)
    return list(subs) if subs else [path]


def _read_one(path: str | os.PathLike[str], aliases: TablePath, firm_sizes: TablePath,
              encoding: str | None, table: dict[str, Any] | None = None,
              fallback_year: int | None = None, layout: str | None = None) -> IngestResult:
    """One file or folder through the reader of its layout (``read_table`` when a mapping is given;
    ``layout``: already detected); a ``netanalysis fetch`` folder's report says what was fetched and
    whether the fetch is complete."""
    if table is not None:
        res = read_table(path, aliases=aliases, firm_sizes=firm_sizes, encoding=encoding, **table)
    else:
        layout = layout or detect_layout(path, encoding=encoding)
        log.info("%s: reading as %s", path, layout)
        res = read_layout(path, layout, aliases=aliases, firm_sizes=firm_sizes, encoding=encoding,
                          fallback_year=fallback_year)
    if Path(path).is_dir():
        from ..fetch import manifest_summary

        said = manifest_summary(path)
        if said:
            res.report.notes.append(said)
    return res


def _read_folder(folder: Path, aliases: TablePath, firm_sizes: TablePath, encoding: str | None,
                 table: dict[str, Any] | None, fallback_year: int | None) -> tuple[list[IngestResult], list[str]]:
    """A folder read file by file, each with its own reader: its KIPRIS Plus XML pages together
    (overlapping pages are one query), every other file by the reader of its layout.  Hidden
    files are skipped; files of no known layout are listed in a note, or, when no file is
    readable, in one error."""
    files = sorted(f for f in folder.rglob("*") if f.is_file()
                   and not any(part.startswith(".") for part in f.relative_to(folder).parts))
    if table is not None:
        return [read_table(f, aliases=aliases, firm_sizes=firm_sizes, encoding=encoding, **table) for f in files], []
    xml = [f for f in files if f.suffix.lower() == ".xml"]
    results = [read_kipris_xml(xml, aliases=aliases, firm_sizes=firm_sizes)] if xml else []
    unknown: list[str] = []
    for f in (f for f in files if f.suffix.lower() != ".xml"):
        try:
            layout = detect_layout(f, encoding=encoding)
        except IngestError as e:  # not a data file of a known layout (a README, a PDF …): listed, not read
            why = "unknown layout" if "unknown file layout" in str(e) else str(e).split(": ", 1)[-1][:120]
            unknown.append(f"{f.relative_to(folder)} ({why})")
            continue
        results.append(_read_one(f, aliases, firm_sizes, encoding, None, fallback_year, layout))
    if not results:
        raise IngestError(
            "folder holds no file of a known layout (KIPRIS export, KIPRIS Plus XML, Lens, PatentsView); "
            f"files seen: {', '.join(unknown) or 'none'}. For other tables give read_table(path, columns={{...}}) "
            "or --columns", path=str(folder))
    notes = [f"{folder}: {len(unknown)} file(s) of no known layout not read: {', '.join(unknown)}"] if unknown else []
    return results, notes


def _read_path(p: str | os.PathLike[str], aliases: TablePath, firm_sizes: TablePath, encoding: str | None,
               table: dict[str, Any] | None, fallback_year: int | None) -> tuple[list[IngestResult], list[str]]:
    """One path: a file by its reader; a folder of PatentsView tables or of ``netanalysis fetch``
    pages (with its manifest) as one, by its source's reader; any other folder file by file."""
    path = Path(p)
    if path.is_dir() and not is_source_folder(path):
        return _read_folder(path, aliases, firm_sizes, encoding, table, fallback_year)
    return [_read_one(p, aliases, firm_sizes, encoding, table, fallback_year)], []


def _across_files(apps: pd.DataFrame, part: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, int]:
    """Judge patents read by more than one reader call (``part``: which one read each row),
    each call's rows of a patent as one record (:mod:`._conflicts`): a later one adding no
    applicant is rejected (``duplicate`` / ``duplicate with conflict``), one adding
    applicants keeps the rows that add them; every row of the patent gets the earliest year.
    (Records within one call, e.g. overlapping XML pages, were judged by its reader.)

    Returns the applications kept, the new rejects, the conflicts and how many repeated
    mentions were merged.
    """
    parts_of = part.groupby(apps["patent_id"]).nunique()
    multi = apps["patent_id"].isin(parts_of.index[parts_of > 1])
    if not multi.any():
        return apps, pd.DataFrame(columns=["source_file", "source_row", "reason", "raw"]), \
            pd.DataFrame(columns=list(CONFLICT_COLUMNS)), 0
    sub = apps[multi]
    table = pd.DataFrame({"source_file": sub["source_file"], "source_row": sub["source_row"],
                          "patent_id": sub["patent_id"], "part": part[multi], "applicant_id": sub["applicant_id"],
                          "year": sub["year"], "month": pd.NA})
    judged = judge_records(table, by=["part", "patent_id"])
    out = apps.copy()
    if len(judged.years):
        pid = out.loc[multi, "patent_id"]
        out.loc[multi, "year"] = pid.map(judged.years["year"]).astype("int64").to_numpy()
    gone = pd.Series(False, index=out.index)
    rejects = pd.DataFrame(columns=["source_file", "source_row", "reason", "raw"])
    if len(judged.reasons):
        reasons = judged.reasons.rename("reason").reset_index()
        hit = out[multi].assign(part=part[multi]).reset_index().merge(reasons, on=["part", "patent_id"])
        gone[hit["index"].to_numpy()] = True
        rec = hit.drop_duplicates(["source_file", "source_row"])
        rejects = pd.DataFrame({"source_file": rec["source_file"], "source_row": rec["source_row"],
                                "reason": rec["reason"], "raw": rec["patent_id_raw"] if "patent_id_raw" in rec
                                else rec["patent_id"]})
    kept = out[~gone]
    repeated = kept.duplicated(["patent_id", "applicant_id"], keep="first")  # named again by an adding file
    return kept[~repeated].reset_index(drop=True), rejects, judged.conflicts, int(repeated.sum())


def _combine(results: list[IngestResult], grouping: Grouping) -> IngestResult:
    """Several files' results as one; a patent read from several files is judged by
    :func:`_across_files` (applicants: the union; year: the earliest; conflicts listed)."""
    apps = pd.concat([r.applications for r in results], ignore_index=True)
    if "technology" in apps and len(results) > 1:  # exports split by technology sector: a patent's fields in all
        apps["technology"] = union_by_key(apps["patent_id"], apps["technology"]).astype("string")
    part = pd.Series([i for i, r in enumerate(results) for _ in range(len(r.applications))], index=apps.index)
    rejects = pd.concat([r.rejects for r in results], ignore_index=True)
    conflicts = [c for r in results for c in r.report.conflicts]
    apps, later, across, merged = _across_files(apps, part)
    if len(later):
        rejects = pd.concat([rejects, later], ignore_index=True)
    if len(across):
        conflicts.extend(json.loads(across.to_json(orient="records", force_ascii=False)))
    # a firm's patents counted over every file (each file alone may stay under the SME ceiling)
    sized = apply_patent_counts(apps[["actor_type", "type_reason", "size_source"]], apps["applicant_id"],
                                apps["patent_id"], apps["year"])
    apps[["actor_type", "size_source"]] = sized[["actor_type", "size_source"]]
    actors = actors_from_applications(apps, grouping)
    files = [r.report for r in results]
    read = sum(f.rows_read for f in files)
    readers = sorted({f.reader for f in files})
    encodings = sorted({f.encoding for f in files})
    layouts = sorted({f.layout for f in files})
    counts = pd.Series([c["field"] for c in conflicts], dtype=object).value_counts().sort_index()
    report = IngestReport(
        source_files=[s for f in files for s in f.source_files],
        reader=readers[0] if len(readers) == 1 else "several",
        encoding=encodings[0] if len(encodings) == 1 else "several",
        layout=layouts[0] if len(layouts) == 1 else "several",
        columns=files[0].columns if len(files) == 1 else {},
        rows_read=read,
        rows_kept=read - len(rejects),
        mentions_dropped_empty_name=sum(f.mentions_dropped_empty_name for f in files),
        mentions_merged_duplicate=sum(f.mentions_merged_duplicate for f in files) + merged,
        applicant_cells_ambiguous=sum(f.applicant_cells_ambiguous for f in files),
        notes=[n for f in files for n in f.notes] + conflict_note(across) + list(sized.attrs.get("notes", [])),
        conflicts=conflicts,
        conflict_counts={str(k): int(v) for k, v in counts.items()},
        files=[f.to_dict() for f in files],
        **table_counts(apps, actors, rejects),
    )
    report.check()
    native = [r.inventors for r in results if isinstance(r, NativeResult)]
    if native:  # inventors placed by region (PATSTAT, REGPAT): kept beside the tables
        inventors = pd.concat(native, ignore_index=True)
        inventors = inventors[inventors["patent_id"].isin(set(apps["patent_id"]))].reset_index(drop=True)
        return NativeResult(apps, actors, rejects.reset_index(drop=True), report, inventors=inventors)
    return IngestResult(apps, actors, rejects.reset_index(drop=True), report)


@with_ingest_allocator
def read_patents(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    aliases: TablePath = None,
    firm_sizes: TablePath = None,
    encoding: str | None = None,
    grouping: Grouping = "5+3",
    columns: Mapping[str, str] | None = None,
    sep: str | None = None,
    layout: str = "auto",
    source_types: TablePath = None,
    fallback_year: int | None = None,
) -> IngestResult:
    """Read one or more raw patent files of any known layout into the canonical tables.

    Parameters
    ----------
    paths : path or iterable of paths
        Files or folders; each file's layout is detected and the report says which reader
        ran.  A folder of PatentsView tables is read as one; any other folder file by file
        (its KIPRIS Plus XML pages together), hidden files skipped, and files of no known
        layout listed in a note (an error naming them when no file is readable).
    aliases : DataFrame or path, optional
        The user's alias/override table (see :func:`netanalysis.entities.load_alias_table`).
    firm_sizes : DataFrame or path, optional
        The user's firm-size table (``applicant_id``, ``size`` = large | sme).
    encoding : str, optional
        Force the text encoding of CSV exports (detected when not given).
    grouping : str, mapping or DataFrame
        Macro-region grouping of the actors table (see :func:`netanalysis.regions.macro_region`).
    columns : mapping, optional
        ``{canonical: column}`` for files of no known layout (PATSTAT, Orbis, in-house
        tables): every file is then read by :func:`read_table` with this mapping.
    sep : str, optional
        Regular expression between applicants in one cell (with ``columns``).
    layout : {"auto", "wide", "long"}
        Long or wide table (with ``columns``); detected by default.
    source_types : DataFrame or path, optional
        Extra mappings of a source ``actor_type`` column's labels.
    fallback_year : int, optional
        Year of PatentSearch API records that carry no date (a query by grant date returns
        none); the report counts them.

    Returns
    -------
    IngestResult
        ``applications``, ``actors``, ``rejects`` and ``report`` (totals, and one report per
        file in ``report.files``).  A patent read from two files is kept from the first and
        a later file's record is rejected as a duplicate, unless it names an applicant not
        read before (then it is kept: applicants are the union); the earliest year wins;
        every disagreement is listed in ``report.conflicts``.

    Raises
    ------
    IngestError
        One clear message naming the file (and row or column) for anything unreadable.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "k.csv"
    >>> _ = f.write_text("출원번호,출원일자,출원인\\n1,2010.03.02,계명대학교 산학협력단|(주)가나\\n")
    >>> res = read_patents(f)
    >>> res.report.reader, res.report.rows_read == res.report.rows_kept + res.report.rows_rejected
    ('kipris_export', True)
    """
    path_list = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not path_list:
        raise IngestError("no input files given; expected one or more raw patent files")
    table = None
    if columns is not None:
        table = {"columns": dict(columns), "layout": layout, "source_types": source_types,
                 **({"sep": sep} if sep is not None else {})}
    path_list = [q for p in path_list for q in _fetch_year_folders(p)]
    unique, repeats = _distinct_files(path_list)
    results: list[IngestResult] = []
    notes: list[str] = []
    if table is None:  # loose tables of one source (PATSTAT's tls201/206/207 …) are read together
        groups, unique = grouped_files(unique)
        results += [read_layout(files, layout, aliases=aliases, firm_sizes=firm_sizes) for layout, files in groups]
    for p in unique:
        read, said = _read_path(p, aliases, firm_sizes, encoding, table, fallback_year)
        results.extend(read)
        notes.extend(said)
    combined = _combine(results, grouping)
    combined.report.notes.extend([*notes, *repeats])
    return combined


def _distinct_files(paths: list) -> tuple[list, list[str]]:
    """The same file given twice — by one path, a symlink, a hard link or a relative and an
    absolute path — is read once; the report says which were skipped."""
    seen: dict[object, str] = {}
    unique, repeats = [], []
    for p in paths:
        path = Path(p)
        try:
            st = path.stat()
            ident: object = (st.st_dev, st.st_ino) if st.st_ino else path.resolve()
        except OSError:  # missing or unreadable: the reader names it
            ident = path.resolve()
        if ident in seen:
            repeats.append(f"{path} is the same file as {seen[ident]}: read once")
            continue
        seen[ident] = str(path)
        unique.append(p)
    return unique, repeats


__all__ = ["read_patents"]
