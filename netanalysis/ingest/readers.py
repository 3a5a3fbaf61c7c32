"""The readers registry: which raw layouts the package reads, how each is recognised and read.

A new reader is one entry of :data:`READERS`: its layout name, the function that reads a
file or folder into an :class:`~netanalysis.ingest.IngestResult`, and how a file (and, if it
reads folders, a folder) of its layout is recognised.  :func:`detect_layout` asks the entries
in order; :func:`read_layout` calls the one named.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import IngestError
from ._result import IngestResult
from ._text import pick, read_raw_table
from .epo_ops import read_epo_ops
from .kipris import KIPRIS_COLUMNS, is_kipris_header, read_kipris, read_kipris_xml
from .lens import is_lens_header, read_lens
from .lens_json import is_lens_json, read_lens_json
from .patentsview import BULK_TABLES, is_cassette, read_patentsview, read_patentsview_json
from .patstat import is_patstat_native, patstat_parts, read_patstat_native
from .regpat import is_regpat, read_regpat, regpat_parts

ReadFunction = Callable[..., IngestResult]


@dataclass(frozen=True)
class Reader:
    """One raw layout the package reads.

    Attributes
    ----------
    layout : str
        The layout's name (reported as ``report.reader``).
    read : callable
        ``read(path, *, aliases, firm_sizes, encoding, fallback_year) -> IngestResult``.
    what : str
        The layout in words, for messages (``"a Lens.org export (Applicants, Lens ID)"``).
    is_file : callable, optional
        ``is_file(path, encoding) -> bool``: a file of this layout.
    is_folder : callable, optional
        ``is_folder(path) -> bool``: a folder read as one by this reader.
    fetch_source : str, optional
        The ``netanalysis fetch`` source whose folders this reader takes as one.
    catch_all_folder : bool
        The folder test is a last resort, asked after every other reader's.
    group : callable, optional
        ``group(files) -> files``: of several loose files given together, those this reader
        reads as one source (PATSTAT's tables, given as parts); ``[]`` when none.
    """

    layout: str
    read: ReadFunction
    what: str
    is_file: Callable[[Path, str | None], bool] | None = None
    is_folder: Callable[[Path], bool] | None = None
    fetch_source: str | None = None
    catch_all_folder: bool = False
    group: Callable[[list[Path]], list[Path]] | None = None


def _has_header(test: Callable[[list[str]], bool], layout: str) -> Callable[[Path, str | None], bool]:
    """A file test: the table has a header row that ``test`` accepts."""

    def is_file(path: Path, encoding: str | None) -> bool:
        try:
            read_raw_table(path, test, layout, encoding=encoding)
        except IngestError as e:
            if "no header row found" not in str(e):
                raise
            return False
        return True

    return is_file


def _without_encoding(read: Callable[..., IngestResult], fallback: bool = False) -> ReadFunction:
    """A reader of files that carry their own encoding (XML, JSON): the options it does not take dropped."""

    def call(path: Any, *, aliases: Any = None, firm_sizes: Any = None, encoding: str | None = None,
             fallback_year: int | None = None) -> IngestResult:
        extra = {"fallback_year": fallback_year} if fallback else {}
        return read(path, aliases=aliases, firm_sizes=firm_sizes, **extra)

    return call


def _with_encoding(read: Callable[..., IngestResult]) -> ReadFunction:
    def call(path: Any, *, aliases: Any = None, firm_sizes: Any = None, encoding: str | None = None,
             fallback_year: int | None = None) -> IngestResult:
        return read(path, aliases=aliases, firm_sizes=firm_sizes, encoding=encoding)

    return call


def _parts_of(is_layout: Callable[[Any], bool], parts: Callable[[Any], dict[str, list[Any]]]
              ) -> Callable[[list[Path]], list[Path]]:
    """A ``group`` test: the files that are tables of one multi-table layout."""

    def group(files: list[Path]) -> list[Path]:
        if len(files) < 2 or not is_layout(files):
            return []
        return sorted({Path(t.path) for tables in parts(files).values() for t in tables})

    return group


def fetched_from(folder: Path) -> str | None:
    """The source named by a ``netanalysis fetch`` folder's manifest (None for any other folder)."""
    from ..fetch import manifest_source

    return manifest_source(folder)


#: Every layout read, in the order files are recognised (first match wins).
READERS: tuple[Reader, ...] = (
    Reader("kipris_plus_xml", _without_encoding(read_kipris_xml), "KIPRIS Plus XML",
           is_file=lambda p, _: p.suffix.lower() == ".xml", is_folder=lambda p: any(p.rglob("*.xml")),
           catch_all_folder=True),
    Reader("lens_json", _without_encoding(read_lens_json), "Lens JSON or JSON Lines",
           is_file=lambda p, _: is_lens_json(p), fetch_source="lens"),
    Reader("patentsview_api", _without_encoding(read_patentsview_json, fallback=True), "PatentsView API JSON",
           is_file=lambda p, _: p.suffix.lower() == ".json" or is_cassette(p), fetch_source="patentsview"),
    Reader("epo_ops_xml", _without_encoding(read_epo_ops), "EPO OPS pages", fetch_source="epo"),
    Reader("patentsview_bulk", _without_encoding(read_patentsview), f"PatentsView tables ({', '.join(BULK_TABLES)})",
           is_folder=lambda p: any(p.glob("g_assignee_disambiguated*"))),
    Reader("patstat_native", _without_encoding(read_patstat_native),
           "PATSTAT tables (tls207_pers_appln with tls201_appln and tls206_person)",
           is_file=lambda p, _: p.suffix.lower() in (".csv", ".txt", ".gz", ".bz2", ".zip") and is_patstat_native(p),
           is_folder=is_patstat_native, group=_parts_of(is_patstat_native, patstat_parts)),
    Reader("regpat", _without_encoding(read_regpat), "OECD REGPAT tables (*_App_reg, *_Inv_reg, *_IPC)",
           is_file=lambda p, _: p.suffix.lower() in (".csv", ".txt", ".gz", ".bz2", ".zip") and is_regpat(p),
           is_folder=is_regpat, group=_parts_of(is_regpat, regpat_parts)),
    Reader("kipris_export", _with_encoding(read_kipris), "a KIPRIS export (출원번호, 출원일자, 출원인)",
           is_file=_has_header(is_kipris_header, "kipris_export")),
    Reader("lens", _with_encoding(read_lens), "a Lens.org export (Applicants, Lens ID)",
           is_file=_has_header(is_lens_header, "lens")),
)

#: The layout names, in :data:`READERS` order.
LAYOUTS: tuple[str, ...] = tuple(r.layout for r in READERS)


def reader_of(layout: str) -> Reader:
    """The registry entry of ``layout``.

    Examples
    --------
    >>> reader_of("lens").what
    'a Lens.org export (Applicants, Lens ID)'
    """
    for r in READERS:
        if r.layout == layout:
            return r
    raise IngestError(f"no reader for layout {layout!r}; expected one of {list(LAYOUTS)}")


def is_source_folder(path: Path) -> bool:
    """A folder one reader takes whole (a fetch folder, PatentsView tables), not file by file."""
    return any(r.is_folder is not None and not r.catch_all_folder and r.is_folder(path) for r in READERS) or (
        fetched_from(path) is not None)


def grouped_files(paths: list[Any]) -> tuple[list[tuple[str, list[Path]]], list[Any]]:
    """Split loose files given together into the multi-table sources they form (each read as one
    by its reader) and the rest.

    Parameters
    ----------
    paths : list of paths
        Files and folders as given.

    Returns
    -------
    groups : list of (layout, files)
    rest : list of paths

    Examples
    --------
    >>> grouped_files(["a.csv"])
    ([], ['a.csv'])
    """
    files = [Path(p) for p in paths if Path(p).is_file()]
    groups = []
    for r in READERS:
        if r.group is None:
            continue
        taken = r.group(files)
        if taken:
            groups.append((r.layout, taken))
            files = [f for f in files if f not in taken]
    taken_all = {f for _, fs in groups for f in fs}
    return groups, [p for p in paths if Path(p) not in taken_all]


def detect_layout(path: str | os.PathLike, encoding: str | None = None) -> str:
    """Say which known layout a raw file (or folder) has.

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
        source = fetched_from(p)
        for r in sorted(READERS, key=lambda r: r.catch_all_folder):  # the catch-all folder tests last
            if (source is not None and r.fetch_source == source) or (r.is_folder is not None and r.is_folder(p)):
                return r.layout
        raise IngestError(f"folder holds none of: {', '.join(r.what for r in READERS if r.is_folder)}",
                          path=str(p))
    for r in READERS:
        if r.is_file is not None and r.is_file(p, encoding):
            return r.layout
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
        f"unknown file layout; expected {', '.join(r.what for r in READERS if r.is_file)}. For "
        "any other table use netanalysis.ingest.read_table(path, columns={...})",
        path=str(p),
    )


def read_layout(path: str | os.PathLike[str] | list[Path], layout: str, *, aliases: Any = None, firm_sizes: Any = None,
                encoding: str | None = None, fallback_year: int | None = None) -> IngestResult:
    """Read ``path`` with the reader registered for ``layout``.

    Parameters
    ----------
    path : path
        A raw file or folder.
    layout : str
        One of :data:`LAYOUTS` (see :func:`detect_layout`).
    aliases, firm_sizes : path or DataFrame, optional
        The user's alias and firm-size tables.
    encoding : str, optional
        Text encoding of a CSV (detected when omitted).
    fallback_year : int, optional
        Year of API records that carry no date.

    Returns
    -------
    IngestResult

    Examples
    --------
    >>> from netanalysis.datasets import sample_path
    >>> read_layout(sample_path(), "kipris_export").report.reader
    'kipris_export'
    """
    return reader_of(layout).read(path, aliases=aliases, firm_sizes=firm_sizes, encoding=encoding,
                                  fallback_year=fallback_year)


__all__ = ["LAYOUTS", "READERS", "Reader", "detect_layout", "fetched_from", "grouped_files", "is_source_folder",
           "read_layout", "reader_of"]
