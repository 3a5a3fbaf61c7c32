"""Generic reader: any CSV / TSV / Excel / Parquet table with a user column mapping."""

from __future__ import annotations

import os
from collections.abc import Mapping

import pandas as pd

from .._errors import IngestError
from ._finish import IngestResult, finish, split_address_in_name, split_cell
from ._text import pick, read_raw_table

REQUIRED = ("patent_id", "year", "applicants")
OPTIONAL = ("address", "title", "ipc", "grant_date", "country", "region", "actor_type")


def read_table(
    path: str | os.PathLike,
    columns: Mapping[str, str],
    *,
    sep: str = r"\s*(?:;;|[|;])\s*",
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
    encoding: str | None = None,
) -> IngestResult:
    """Read any patent table given which of its columns hold what.

    Parameters
    ----------
    path : path
        CSV/TSV (UTF-8, UTF-8-BOM, CP949 or CP1252), ``.xlsx`` or ``.parquet``.
    columns : mapping
        ``{canonical: column in the file}``.  Required keys: ``patent_id``, ``year``
        (a date or a year), ``applicants`` (one or several names per cell).  Optional:
        ``address`` (same separator and order as the names), ``title``, ``ipc``,
        ``grant_date``, ``country`` (ISO alpha-2 per record), ``region`` (ISO 3166-2:KR
        code or Korean administrative code per record), ``actor_type`` (a type the source
        gives, kept with ``type_reason = source:type_field``).
    sep : str
        Regular expression separating several applicants in one cell.
    encoding : str, optional
        Text encoding of a CSV; detected when not given.

    Returns
    -------
    IngestResult

    Raises
    ------
    IngestError
        If a required key is missing from ``columns`` or a named column is not in the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = f.write_text("id,filed,owners\\nP1,2015,Foo Inc; Bar University\\n")
    >>> res = read_table(f, {"patent_id": "id", "year": "filed", "applicants": "owners"})
    >>> res.applications["actor_type"].tolist()
    ['sme', 'university']
    """
    missing = [k for k in REQUIRED if k not in columns]
    unknown = [k for k in columns if k not in REQUIRED + OPTIONAL]
    if missing or unknown:
        raise IngestError(
            f"columns mapping: missing key(s) {missing}, unknown key(s) {unknown}; expected "
            f"{list(REQUIRED)} and optionally {list(OPTIONAL)}",
            path=str(path),
        )
    wanted = list(columns.values())
    t = read_raw_table(
        path,
        lambda row: all(pick(row, c) is not None for c in wanted),
        "the mapped columns " + ", ".join(repr(c) for c in wanted),
        encoding=encoding,
    )
    rec = pd.DataFrame(index=t.data.index)
    names = {
        "patent_id": "patent_id", "year": "date_raw", "applicants": "applicants",
        "address": "addresses", "title": "title", "ipc": "ipc", "grant_date": "grant_raw",
        "country": "country_hint", "region": "region_hint", "actor_type": "type_hint",
    }
    for k, c in columns.items():
        rec[names[k]] = t.data[pick(t.header, c)]
    rec["source_file"] = t.path
    mentions = split_cell(rec, "applicants", sep, address_column="addresses")
    mentions = split_address_in_name(mentions).reset_index()
    bad = [(t.path, r, why, raw) for r, why, raw in t.bad_rows]
    return finish(
        mentions, reader="generic", source_files=[t.path], bad_rows=bad, encoding=t.encoding,
        aliases=aliases, firm_sizes=firm_sizes,
    )
