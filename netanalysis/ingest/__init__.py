"""Ingestion: raw patent files → the canonical ``applications`` and ``actors`` tables.

Readers (each returns an :class:`IngestResult`: ``applications``, ``rejects``, ``report``):

* :func:`read_kipris` — KIPRIS web-search export (CSV UTF-8/BOM/CP949, ``.xlsx``)
* :func:`read_kipris_xml` — KIPRIS Plus API responses (XML)
* :func:`read_lens` — Lens.org CSV export
* :func:`read_patentsview` — PatentsView bulk tables; :func:`read_patentsview_json` — API
* :func:`read_table` — any table with a user column mapping
* :func:`read_patents` — detects which of these a file is and says which it chose

:func:`ingest` reads several files, adds the ``actors`` table, and
:func:`save_processed` writes everything atomically.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .._errors import IngestError
from .._io import atomic_path, write_csv, write_parquet
from ._finish import IngestReport, IngestResult, actors_from_applications
from ._text import pick, read_raw_table
from .generic import read_table
from .kipris import KIPRIS_COLUMNS, is_kipris_header, read_kipris, read_kipris_xml
from .lens import is_lens_header, read_lens
from .patentsview import BULK_TABLES, read_patentsview, read_patentsview_json

log = logging.getLogger(__name__)

LAYOUTS = ("kipris_export", "kipris_plus_xml", "lens", "patentsview_bulk", "patentsview_api")


def detect_layout(path: str | os.PathLike, encoding: str | None = None) -> str:
    """Say which known layout a raw file (or folder) has.

    Returns one of :data:`LAYOUTS`.

    Raises
    ------
    IngestError
        If the file is none of them, listing what was looked for.
    """
    p = Path(path)
    if not p.exists():
        raise IngestError("no such file or folder; check the path", path=str(p))
    if p.is_dir():
        if any(p.glob("g_assignee_disambiguated*")):
            return "patentsview_bulk"
        if any(p.rglob("*.xml")):
            return "kipris_plus_xml"
        raise IngestError(
            f"folder holds neither PatentsView tables ({', '.join(BULK_TABLES)}) nor KIPRIS "
            "Plus XML files", path=str(p),
        )
    suffix = p.suffix.lower()
    if suffix == ".xml":
        return "kipris_plus_xml"
    if suffix == ".json":
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


def read_patents(
    path: str | os.PathLike,
    *,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
    encoding: str | None = None,
) -> IngestResult:
    """Read a raw patent file of any known layout; the report says which reader ran.

    ``encoding`` forces the text encoding of CSV exports (detected when not given).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "k.csv"
    >>> _ = f.write_text("출원번호,출원일자,출원인\\n1,2010.03.02,계명대학교 산학협력단|(주)가나\\n")
    >>> read_patents(f).report.reader
    'kipris_export'
    """
    layout = detect_layout(path, encoding=encoding)
    log.info("%s: reading as %s", path, layout)
    kw: dict = {"aliases": aliases, "firm_sizes": firm_sizes}
    if encoding is not None and layout in ("kipris_export", "lens"):
        kw["encoding"] = encoding
    readers = {
        "kipris_export": read_kipris,
        "kipris_plus_xml": read_kipris_xml,
        "lens": read_lens,
        "patentsview_bulk": read_patentsview,
        "patentsview_api": read_patentsview_json,
    }
    return readers[layout](path, **kw)


@dataclass
class Processed:
    """Everything an ingest run produces."""

    applications: pd.DataFrame
    actors: pd.DataFrame
    rejects: pd.DataFrame
    report: dict


def ingest(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
    grouping: str | dict | pd.DataFrame = "5+3",
) -> Processed:
    """Read one or more raw files and build ``applications``, ``actors`` and ``rejects``.

    A patent that appears in two files is kept once; the later record is rejected as
    a duplicate.  The report has one entry per file and the totals.

    Examples
    --------
    >>> from netanalysis.datasets import sample_path
    >>> out = ingest(sample_path())
    >>> out.report["rows_read"] == out.report["rows_kept"] + out.report["rows_rejected"]
    True
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    results = [read_patents(p, aliases=aliases, firm_sizes=firm_sizes) for p in paths]
    if not results:
        raise IngestError("no input files given; expected one or more raw patent files")
    apps = pd.concat([r.applications for r in results], ignore_index=True)
    rejects = pd.concat([r.rejects for r in results], ignore_index=True)
    files: list[dict] = [r.report.to_dict() for r in results]
    # a patent read from two files: keep the first file's record
    later = apps.duplicated("patent_id") & apps["source_file"].ne(
        apps.groupby("patent_id")["source_file"].transform("first")
    )
    if later.any():
        dup = apps[later].drop_duplicates(["source_file", "source_row"])
        rejects = pd.concat([rejects, pd.DataFrame({
            "source_file": dup["source_file"], "source_row": dup["source_row"],
            "reason": "duplicate: patent_id " + dup["patent_id"] + " already read from another file",
            "raw": dup["patent_id"],
        })], ignore_index=True)
        apps = apps[~later].reset_index(drop=True)
    actors = actors_from_applications(apps, grouping)
    read = sum(f["rows_read"] for f in files)
    n_rej = len(rejects)
    report = {
        "files": files,
        "rows_read": read,
        "rows_kept": read - n_rej,
        "rows_rejected": n_rej,
        "applications": len(apps),
        "patents": int(apps["patent_id"].nunique()),
        "actors": len(actors),
        "actors_unknown_type": int(actors["actor_type"].eq("other").sum()),
        "actors_unknown_region": int(actors["region"].eq("").sum()),
        "applications_unknown_region": int(apps["region"].eq("").sum()),
        "reject_reasons": rejects["reason"].str.split(":").str[0].value_counts().to_dict(),
    }
    return Processed(apps, actors, rejects, report)


def save_processed(result: Processed, out_dir: str | os.PathLike) -> dict[str, Path]:
    """Write ``applications.parquet``, ``actors.parquet``, ``rejects.csv`` and
    ``ingest_report.json`` into ``out_dir``, each atomically (temp file + rename).

    Everything is first written to temporary files; only when all four succeeded are
    they renamed into place, so a failed run leaves no half-written set.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    targets = {
        "applications": out / "applications.parquet",
        "actors": out / "actors.parquet",
        "rejects": out / "rejects.csv",
        "report": out / "ingest_report.json",
    }
    with (
        atomic_path(targets["applications"]) as a,
        atomic_path(targets["actors"]) as b,
        atomic_path(targets["report"]) as d,
    ):
        result.applications.to_parquet(a, index=False)
        result.actors.to_parquet(b, index=False)
        d.write_text(json.dumps(result.report, ensure_ascii=False, indent=2, default=str),
                     encoding="utf-8")
        write_csv(result.rejects, targets["rejects"])
    return targets


def load_processed(out_dir: str | os.PathLike) -> Processed:
    """Read back what :func:`save_processed` wrote."""
    d = Path(out_dir)
    try:
        return Processed(
            pd.read_parquet(d / "applications.parquet"),
            pd.read_parquet(d / "actors.parquet"),
            pd.read_csv(d / "rejects.csv", dtype=str, keep_default_na=False),
            json.loads((d / "ingest_report.json").read_text(encoding="utf-8")),
        )
    except FileNotFoundError as e:
        raise IngestError(f"missing processed file ({e.filename}); run `netanalysis ingest` first",
                          path=str(d)) from e


__all__ = [
    "LAYOUTS",
    "IngestError",
    "IngestReport",
    "IngestResult",
    "Processed",
    "actors_from_applications",
    "detect_layout",
    "ingest",
    "load_processed",
    "read_kipris",
    "read_kipris_xml",
    "read_lens",
    "read_patents",
    "read_patentsview",
    "read_patentsview_json",
    "read_table",
    "save_processed",
    "write_parquet",
]
