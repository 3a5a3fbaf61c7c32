"""Reader for Lens.org patent CSV exports (applicants separated by ``;;``)."""

from __future__ import annotations

import os

import pandas as pd

from .._allocator import with_ingest_allocator
from .._errors import IngestError
from ._pipeline import applications_from_mentions
from ._result import IngestResult
from ._split import joined_list, split_cell
from ._text import pick, read_raw_table

LENS_COLUMNS: dict[str, tuple[str, ...]] = {
    "patent_id": ("Application Number",),
    "publication": ("Publication Number", "Lens ID"),
    "date_raw": ("Application Date", "Priority Date", "Publication Date"),
    "applicants": ("Applicants", "Applicant(s)", "Owners"),
    "title": ("Title",),
    "ipc": ("IPCR Classifications", "IPC Classifications"),
    "inventors": ("Inventors", "Inventor(s)"),
}


def is_lens_header(row: list[str]) -> bool:
    """True for a Lens.org export header (Applicants plus Lens ID or Publication Number)."""
    return pick(row, *LENS_COLUMNS["applicants"]) is not None and (
        pick(row, "Lens ID") is not None or pick(row, "Publication Number") is not None
    )


@with_ingest_allocator
def read_lens(
    path: str | os.PathLike,
    *,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
    encoding: str | None = None,
) -> IngestResult:
    """Read a Lens.org patent export (CSV).

    Parameters
    ----------
    path : path
        The Lens.org CSV export.
    aliases : DataFrame or path, optional
        The user's alias/override table (see :func:`netanalysis.entities.load_alias_table`).
    firm_sizes : DataFrame or path, optional
        The user's firm-size table (``applicant_id``, ``size`` = large | sme).
    encoding : str, optional
        Text encoding; detected when not given (UTF-8, UTF-8-BOM, CP949, CP1252).

    Returns
    -------
    IngestResult

    Notes
    -----
    ``patent_id`` is the application number, so two publications of one application
    (A1 and B2) count once: the second is rejected as a duplicate.  ``year`` is the
    application year (``Application Date``; Lens writes ``dd/mm/yy`` in older exports and
    ISO dates in newer ones).  Lens gives no applicant addresses: country and region
    stay empty.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "lens.csv"
    >>> _ = f.write_text("Lens ID,Application Number,Application Date,Applicants\\n"
    ...                  "1,US 1 A,2012-10-22,PIZZA HUT INC;;UNIV TEXAS\\n", encoding="utf-8")
    >>> read_lens(f).applications[["applicant_id", "actor_type"]].values.tolist()
    [['PIZZA HUT', 'firm'], ['UNIVERSITY TEXAS', 'university']]
    """
    expected = "Lens.org headers Applicants and Lens ID or Publication Number"
    t = read_raw_table(path, is_lens_header, expected, prefer_korean=False, encoding=encoding)
    cols = {k: pick(t.header, *v) for k, v in LENS_COLUMNS.items()}
    if cols["date_raw"] is None:
        raise IngestError(
            "missing date column; expected Application Date", path=t.path, column="Application Date"
        )
    rec = pd.DataFrame(index=t.data.index)
    for k, c in cols.items():
        rec[k] = t.data[c] if c is not None else pd.NA
    if cols["patent_id"] is None:
        rec["patent_id"] = rec["publication"]
    rec = rec.drop(columns=["publication"])
    for k in ("ipc", "inventors"):  # every code and every inventor of the patent
        rec[k] = joined_list(rec[k], r"\s*;;\s*")
    rec["source_file"] = t.path
    mentions = split_cell(rec, "applicants", r"\s*;;\s*").reset_index()
    bad = [(t.path, r, why, raw) for r, why, raw in t.bad_rows]
    return applications_from_mentions(
        mentions, reader="lens", source_files=[t.path], bad_rows=bad, encoding=t.encoding, notes=t.notes,
        columns={k: c for k, c in cols.items() if c is not None},
        aliases=aliases, firm_sizes=firm_sizes,
    )
