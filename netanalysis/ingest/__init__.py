"""Ingestion: raw patent files → the canonical ``applications`` and ``actors`` tables.

Readers (each returns an :class:`IngestResult`: ``applications``, ``actors``, ``rejects``,
``report``):

* :func:`read_kipris` — KIPRIS web-search export (CSV UTF-8/BOM/CP949, ``.xlsx``)
* :func:`read_kipris_xml` — KIPRIS Plus API responses (XML)
* :func:`read_lens` — Lens.org CSV export
* :func:`read_patentsview` — PatentsView bulk tables; :func:`read_patentsview_json` — API
* :func:`read_patstat_native` — PATSTAT's own tables (tls201, tls206, tls207);
  :func:`read_regpat` — OECD REGPAT (applicant and inventor regions with shares)
* :func:`read_table` — any table with a user column mapping
* :func:`read_patents` — one or more files: detects each one's layout, says which reader
  ran, and combines them

:func:`save_processed` writes the tables atomically and :func:`load_processed` reads them
back.  Every reader builds its tables through the named steps of :mod:`._pipeline`.

=================  ==========================================================
module             what it owns
=================  ==========================================================
``readers``        the readers registry: each layout, how it is recognised and read
``read``           :func:`read_patents`: paths, folders and fetch folders, combined
``processed``      :func:`save_processed`, :func:`load_processed`
``kipris`` …       one module per source's reader
``_pipeline``      the named steps every reader goes through
=================  ==========================================================

A new reader is a module here and one entry of :data:`~netanalysis.ingest.readers.READERS`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .._deprecation import renamed_attributes
from .._errors import IngestError
from ._actors import actors_from_applications, usual_value
from ._pipeline import TablePath
from ._result import IngestReport, IngestResult
from .epo_ops import read_epo_ops
from .generic import read_table
from .kipris import read_kipris, read_kipris_xml
from .lens import read_lens
from .lens_json import read_lens_json
from .patentsview import read_patentsview, read_patentsview_json
from .patstat import NativeResult, read_patstat_native
from .processed import load_processed, save_processed
from .read import Grouping, read_patents
from .readers import LAYOUTS, READERS, Reader, detect_layout
from .regpat import read_regpat


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
    "READERS",
    "IngestError",
    "IngestReport",
    "IngestResult",
    "NativeResult",
    "Reader",
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
    "read_patstat_native",
    "read_regpat",
    "read_table",
    "save_processed",
    "usual_value",
]
