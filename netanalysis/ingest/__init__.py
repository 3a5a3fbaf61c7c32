"""Ingestion: raw patent files → the canonical ``applications`` and ``actors`` tables.

Readers (each returns an :class:`IngestResult`: ``applications``, ``actors``, ``rejects``,
``report``):

* :func:`read_kipris` — KIPRIS web-search export (CSV UTF-8/BOM/CP949, ``.xlsx``)
* :func:`read_kipris_xml` — KIPRIS Plus API responses (XML)
* :func:`read_lens` — Lens.org CSV export
* :func:`read_patentsview` — PatentsView bulk tables; :func:`read_patentsview_json` — API
* :func:`read_table` — any table with a user column mapping
* :func:`read_patents` — one or more files: detects each one's layout, says which reader
  ran, and combines them

:func:`save_processed` writes the tables atomically and :func:`load_processed` reads them
back.  Every reader builds its tables through the named steps of :mod:`._pipeline`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .._deprecation import renamed_attributes
from .._errors import IngestError
from .._io import atomic_path, real_folder, remove_stale_temporaries, write_csv
from ..classify import apply_patent_counts
from ..entities import name_variants, variant_suggestions
from ._actors import actors_from_applications
from ._conflicts import CONFLICT_COLUMNS, conflict_note, judge_records
from ._pipeline import TablePath, table_counts
from ._result import IngestReport, IngestResult
from ._text import pick, read_raw_table
from .epo_ops import read_epo_ops
from .generic import read_table
from .kipris import KIPRIS_COLUMNS, is_kipris_header, read_kipris, read_kipris_xml
from .lens import is_lens_header, read_lens
from .lens_json import is_lens_json, read_lens_json
from .patentsview import BULK_TABLES, is_cassette, read_patentsview, read_patentsview_json

log = logging.getLogger(__name__)

Grouping = Any  # str, mapping or DataFrame: see netanalysis.regions.macro_region

LAYOUTS = ("kipris_export", "kipris_plus_xml", "lens", "lens_json", "epo_ops_xml", "patentsview_bulk",
           "patentsview_api")


def detect_layout(path: str | os.PathLike, encoding: str | None = None) -> str:
    """Say which known layout a raw file (or folder) has.

    Returns one of :data:`LAYOUTS`.

    Parameters
    ----------
    path : path
        A raw file or folder.
    encoding : str, optional
        Text encoding of a CSV (detected when omitted).

    Returns
    -------
    str
        One of :data:`LAYOUTS`.

    Raises
    ------
    IngestError
        If the file is none of them, listing what was looked for.

    Examples
    --------
    >>> from netanalysis.datasets import sample_path
    >>> detect_layout(sample_path())
    'kipris_export'
    """
    p = Path(path)
    if not p.exists():
        raise IngestError("no such file or folder; check the path", path=str(p))
    if p.is_dir():
        if any(p.glob("g_assignee_disambiguated*")):
            return "patentsview_bulk"
        fetched = {"patentsview": "patentsview_api", "lens": "lens_json", "epo": "epo_ops_xml"}.get(
            _fetched_from(p) or "")
        if fetched:  # pages written by `netanalysis fetch patentsview|lens|epo`
            return fetched
        if any(p.rglob("*.xml")):
            return "kipris_plus_xml"
        raise IngestError(
            f"folder holds neither PatentsView tables ({', '.join(BULK_TABLES)}) nor KIPRIS "
            "Plus XML files", path=str(p),
        )
    suffix = p.suffix.lower()
    if suffix == ".xml":
        return "kipris_plus_xml"
    if is_lens_json(p):
        return "lens_json"
    if suffix == ".json" or is_cassette(p):
        return "patentsview_api"
    for layout, test in (("kipris_export", is_kipris_header), ("lens", is_lens_header)):
        try:
            read_raw_table(p, test, layout, encoding=encoding)
            return layout
        except IngestError as e:
            if "no header row found" not in str(e):
                raise
    try:  # a KIPRIS export with its applicant column missing deserves a precise message
        read_raw_table(p, lambda row: pick(row, *KIPRIS_COLUMNS["patent_id"]) is not None, "", encoding=encoding)
    except IngestError:
        pass
    else:
        raise IngestError(
            f"looks like a KIPRIS export (it has an application-number column) but no applicant "
            f"column; expected one of {KIPRIS_COLUMNS['applicants']}",
            path=str(p), column="출원인",
        )
    raise IngestError(
        "unknown file layout; expected a KIPRIS export (출원번호, 출원일자, 출원인), a Lens.org "
        "export (Applicants, Lens ID), KIPRIS Plus XML, PatentsView tables or API JSON. For "
        "any other table use netanalysis.ingest.read_table(path, columns={...})",
        path=str(p),
    )


def _fetched_from(folder: Path) -> str | None:
    """The source named by a ``netanalysis fetch`` folder's manifest (None for any other folder)."""
    from ..fetch._store import manifest_source

    return manifest_source(folder)


def _fetch_year_folders(path: str | os.PathLike[str]) -> list[str | os.PathLike[str]]:
    """A folder of ``netanalysis fetch --years`` sub-folders (``2004/``, ``2005/`` …) as those
    sub-folders; any other path as itself."""
    p = Path(path)
    if not p.is_dir() or _fetched_from(p) is not None:
        return [path]
    subs = sorted(d for d in p.iterdir() if d.is_dir() and _fetched_from(d) is not None)
    return list(subs) if subs else [path]


def _read_one(path: str | os.PathLike[str], aliases: TablePath, firm_sizes: TablePath,
              encoding: str | None, table: dict[str, Any] | None = None,
              fallback_year: int | None = None, layout: str | None = None) -> IngestResult:
    """One file or folder through the reader of its layout (``read_table`` when a mapping is given;
    ``layout``: already detected); a ``netanalysis fetch`` folder's report says what was fetched and
    whether the fetch is complete."""
    res = _read_layout(path, aliases, firm_sizes, encoding, table, fallback_year, layout)
    if Path(path).is_dir():
        from ..fetch._store import manifest_summary

        said = manifest_summary(path)
        if said:
            res.report.notes.append(said)
    return res


def _read_layout(path: str | os.PathLike[str], aliases: TablePath, firm_sizes: TablePath,
                 encoding: str | None, table: dict[str, Any] | None = None,
                 fallback_year: int | None = None, layout: str | None = None) -> IngestResult:
    if table is not None:
        return read_table(path, aliases=aliases, firm_sizes=firm_sizes, encoding=encoding, **table)
    layout = layout or detect_layout(path, encoding=encoding)
    log.info("%s: reading as %s", path, layout)
    if layout in ("kipris_export", "lens"):
        text_reader = read_kipris if layout == "kipris_export" else read_lens
        return text_reader(path, aliases=aliases, firm_sizes=firm_sizes, encoding=encoding)
    if layout == "epo_ops_xml":
        return read_epo_ops(path, aliases=aliases, firm_sizes=firm_sizes)
    if layout == "lens_json":
        return read_lens_json(path, aliases=aliases, firm_sizes=firm_sizes)
    if layout == "patentsview_api":
        return read_patentsview_json(path, aliases=aliases, firm_sizes=firm_sizes, fallback_year=fallback_year)
    readers = {"kipris_plus_xml": read_kipris_xml, "patentsview_bulk": read_patentsview}
    return readers[layout](path, aliases=aliases, firm_sizes=firm_sizes)


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
    if path.is_dir() and not any(path.glob("g_assignee_disambiguated*")) and _fetched_from(path) is None:
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
    return IngestResult(apps, actors, rejects.reset_index(drop=True), report)


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


def save_processed(result: IngestResult, out_dir: str | os.PathLike[str]) -> dict[str, Path]:
    """Write ``applications.parquet``, ``actors.parquet``, ``rejects.csv``,
    ``ingest_report.json``, ``name_variants.csv`` (every raw spelling → ``applicant_id`` and
    the rule that joined it, :func:`netanalysis.entities.name_variants`) and
    ``name_suggestions.csv`` (ids that may be typo-level variants, never merged:
    :func:`netanalysis.entities.variant_suggestions`) into ``out_dir``, each atomically (temp
    file + rename).

    All four are written in full before the first is renamed into place; the report and both
    parquet files carry one ``run_id``, so :func:`load_processed` refuses a folder left
    holding two runs' files by a run killed between its renames.  Temporary files of killed
    runs are removed first.

    Parameters
    ----------
    result : IngestResult
        What :func:`read_patents` returned.
    out_dir : path
        The folder (created if needed).

    Returns
    -------
    dict
        ``{"applications": path, "actors": path, "rejects": path, "report": path,
        "name_variants": path, "name_suggestions": path}``.

    Examples
    --------
    >>> import tempfile
    >>> from netanalysis.datasets import sample_path
    >>> sorted(save_processed(read_patents(sample_path()), tempfile.mkdtemp()))
    ['actors', 'applications', 'name_suggestions', 'name_variants', 'rejects', 'report']
    """
    out = real_folder(out_dir)  # a link there is replaced by a real folder, not followed
    remove_stale_temporaries(out)  # left by a killed run (never a concurrent run's)
    run_id = _content_id(result)  # of the content: re-running on the same input writes the same bytes
    result.report.run_id = run_id
    targets = {
        "applications": out / "applications.parquet",
        "actors": out / "actors.parquet",
        "rejects": out / "rejects.csv",
        "report": out / "ingest_report.json",
        "name_variants": out / "name_variants.csv",
        "name_suggestions": out / "name_suggestions.csv",
    }
    with (
        atomic_path(targets["applications"]) as a,
        atomic_path(targets["actors"]) as b,
        atomic_path(targets["report"]) as d,
    ):
        _write_stamped_parquet(result.applications, a, run_id)
        _write_stamped_parquet(result.actors, b, run_id)
        d.write_text(json.dumps(result.report.to_dict(), ensure_ascii=False, indent=2, default=str),
                     encoding="utf-8")
        write_csv(result.rejects, targets["rejects"])
    apps = result.applications  # every raw spelling, its id and the rules that joined it
    with atomic_path(targets["name_variants"]) as v, atomic_path(targets["name_suggestions"]) as sg:
        write_csv(name_variants(apps["applicant_raw"], apps["applicant_id"]), v)
        write_csv(variant_suggestions(apps["applicant_id"], apps["country"]), sg)  # typo-level: listed, never merged
    return targets


_RUN_KEY = b"netanalysis_run_id"


def _content_id(result: IngestResult) -> str:
    h = hashlib.sha256()
    for df in (result.applications, result.actors, result.rejects):
        h.update(pd.util.hash_pandas_object(df.astype(str), index=False).to_numpy().tobytes())
    report = {k: v for k, v in result.report.to_dict().items() if k != "run_id"}
    h.update(json.dumps(report, sort_keys=True, default=str).encode())
    return h.hexdigest()[:16]


def _write_stamped_parquet(df: pd.DataFrame, path: Path, run_id: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), _RUN_KEY: run_id.encode()})
    pq.write_table(table, path)


def _stamp(path: Path) -> str:
    import pyarrow.parquet as pq

    return (pq.read_schema(path).metadata or {}).get(_RUN_KEY, b"").decode()


def load_processed(out_dir: str | os.PathLike[str]) -> IngestResult:
    """Read back what :func:`save_processed` wrote.

    Parameters
    ----------
    out_dir : path
        A folder written by :func:`save_processed` (``netanalysis ingest``).

    Returns
    -------
    IngestResult

    Raises
    ------
    IngestError
        If a file is missing (naming it), or the files come from two runs.

    Examples
    --------
    >>> import tempfile
    >>> from netanalysis.datasets import sample_path
    >>> d = tempfile.mkdtemp()
    >>> _ = save_processed(read_patents(sample_path()), d)
    >>> load_processed(d).report.reader
    'kipris_export'
    """
    d = Path(out_dir)
    try:
        report = json.loads((d / "ingest_report.json").read_text(encoding="utf-8"))
        known = set(IngestReport.__dataclass_fields__)
        report = {k: v for k, v in report.items() if k in known}
        run_id = report.get("run_id", "")
        stamps = {f: _stamp(d / f) for f in ("applications.parquet", "actors.parquet")}
        mixed = [f for f, s in stamps.items() if run_id and s != run_id]
        if mixed:
            raise IngestError(
                f"{', '.join(mixed)} and ingest_report.json come from different runs (a run was interrupted while "
                "it replaced its files); run `netanalysis ingest` again", path=str(d))
        return IngestResult(
            pd.read_parquet(d / "applications.parquet"),
            pd.read_parquet(d / "actors.parquet"),
            pd.read_csv(d / "rejects.csv", dtype=str, keep_default_na=False),
            IngestReport(**report),
        )
    except FileNotFoundError as e:
        raise IngestError(f"missing processed file ({e.filename}); run `netanalysis ingest` first",
                          path=str(d)) from e


def _ingest(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    aliases: TablePath = None,
    firm_sizes: TablePath = None,
    grouping: Grouping = "5+3",
) -> IngestResult:
    return read_patents(paths, aliases=aliases, firm_sizes=firm_sizes, grouping=grouping)


__getattr__ = renamed_attributes(__name__, {
    "ingest": ("netanalysis.ingest.read_patents", _ingest),
    "Processed": ("netanalysis.ingest.IngestResult", IngestResult),
})

__all__ = [
    "LAYOUTS",
    "IngestReport",
    "IngestResult",
    "actors_from_applications",
    "detect_layout",
    "load_processed",
    "read_epo_ops",
    "read_kipris",
    "read_kipris_xml",
    "read_lens",
    "read_lens_json",
    "read_patents",
    "read_patentsview",
    "read_patentsview_json",
    "read_table",
    "save_processed",
]
