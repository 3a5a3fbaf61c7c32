"""Reader for Lens patent API JSON: the pages ``netanalysis fetch lens`` writes
(``{"total", "data": [...]}``) and JSON Lines (one patent record a line).

Record fields (Lens patent response schema, docs.api.lens.org "Patent Response"):
``lens_id``, ``date_published``, ``biblio.application_reference`` (jurisdiction,
doc_number, kind, date), ``biblio.invention_title[]`` (text, lang),
``biblio.parties.applicants[]`` (``extracted_name.value``, ``residence`` = ISO country,
``extracted_address``, ``sequence``), ``biblio.parties.inventors[]`` and
``biblio.classifications_ipcr.classifications[].symbol``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .._allocator import with_ingest_allocator
from .._errors import IngestError
from .._limits import check_file_size
from ._inventors import RAW_COLUMNS, inventors_table, kept_inventors
from ._pipeline import applications_from_mentions
from .patentsview import load_json_text
from .patstat import NativeResult


def _text(x: Any) -> str | None:
    if isinstance(x, (str, int)) and not isinstance(x, bool):
        s = str(x).strip()
        return s or None
    return None


def _get(d: Any, *path: str) -> Any:
    for k in path:
        d = d.get(k) if isinstance(d, Mapping) else None
    return d


def _title(titles: Any) -> str | None:
    items = [t for t in titles if isinstance(t, Mapping)] if isinstance(titles, list) else []
    en = [t for t in items if str(t.get("lang", "")).lower() == "en"]
    return _text((en or items or [{}])[0].get("text"))


def _names(people: Any) -> str | None:
    items = [p for p in people if isinstance(p, Mapping)] if isinstance(people, list) else []
    return "; ".join(n for n in (_text(_get(p, "extracted_name", "value")) for p in items) if n) or None


def _inventor_rows(people: Any, file: str, i: int, patent_id: Any) -> list[tuple[Any, ...]]:
    """One :data:`._inventors.RAW_COLUMNS` row per inventor: name, position, ``extracted_address``,
    ``residence`` (ISO country)."""
    items = [p for p in people if isinstance(p, Mapping)] if isinstance(people, list) else []
    return [(file, i, patent_id, None, _text(_get(p, "extracted_name", "value")), k, _text(p.get("extracted_address")),
             _text(p.get("residence")), None) for k, p in enumerate(items, start=1)]


def _records(path: Path) -> tuple[list[tuple[str, int, Any]], list[str]]:
    """(file, 1-based position in the file, record) of every record; the files read."""
    if path.is_dir():
        files = sorted(path.glob("page-*.json"))
        if not files:
            raise IngestError("no page-*.json files; expected a folder written by `netanalysis fetch lens`",
                              path=str(path))
    else:
        files = [path]
    out: list[tuple[str, int, Any]] = []
    for f in files:
        check_file_size(f)
        try:
            text = f.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as e:
            raise IngestError(f"not UTF-8 JSON ({e}); expected Lens patent JSON", path=str(f)) from e
        if f.suffix.lower() == ".jsonl":
            lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
            out.extend((str(f), i, load_json_text(line, f"{f} line {n}"))
                       for i, (n, line) in enumerate(lines, start=1))
            continue
        doc = load_json_text(text, str(f))
        data = doc.get("data") if isinstance(doc, Mapping) else None
        if not isinstance(data, list):
            raise IngestError("expected a Lens response with a 'data' list of patent records", path=str(f))
        out.extend((str(f), i, rec) for i, rec in enumerate(data, start=1))
    return out, [str(f) for f in files]


def is_lens_json(path: str | os.PathLike[str]) -> bool:
    """True for a ``.jsonl`` file or a ``.json`` Lens response (a top-level ``"data"`` list)."""
    p = Path(path)
    if p.suffix.lower() == ".jsonl":
        return True
    if p.suffix.lower() != ".json" or not p.is_file():
        return False
    with open(p, "rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b'"data"' in head and b'"patents"' not in head


@with_ingest_allocator
def read_lens_json(
    source: str | os.PathLike[str],
    *,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
) -> NativeResult:
    """Read Lens patent API records: a fetch folder, a response ``.json`` or a ``.jsonl`` file.

    Parameters
    ----------
    source : path
        A folder written by ``netanalysis fetch lens`` (its ``page-*.json`` in order), one
        response file, or JSON Lines with one patent record a line.
    aliases, firm_sizes : DataFrame or path, optional
        User alias/override and firm-size tables (see :mod:`netanalysis.entities`).

    Returns
    -------
    NativeResult
        The canonical tables and ``inventors``, the inventors table
        (:data:`~netanalysis.ingest.patstat.INVENTOR_COLUMNS`) of the kept records: one row per
        inventor of ``biblio.parties.inventors`` (``inventor_seq`` its position), its country
        the ``residence`` and its region parsed from ``extracted_address`` by the rules applied
        to applicants (a Korean address names its region; elsewhere the country only).

    Notes
    -----
    One raw row is one patent record (``source_row`` = its position in its file).  The
    patent id is the application (``jurisdiction`` + ``doc_number`` of
    ``application_reference``), so the A1 and B1 publications of one application are one
    patent (the later is rejected as a duplicate, never lost); the year is the filing year
    (``application_reference.date``), else the publication year.  Each applicant's
    ``residence`` is its country and ``extracted_address`` its address (the region).

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> rec = {"lens_id": "000-000-000-000-001", "date_published": "2012-07-04", "biblio": {
    ...     "application_reference": {"jurisdiction": "EP", "doc_number": "10197481", "date": "2010-12-31"},
    ...     "parties": {"applicants": [
    ...         {"residence": "IT", "extracted_name": {"value": "POLITECNICO DI MILANO"}, "sequence": 1},
    ...         {"residence": "IT", "extracted_name": {"value": "ACME SPA"}, "sequence": 2}]}}}
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "lens.jsonl"
    >>> _ = f.write_text(json.dumps(rec) + "\\n", encoding="utf-8")
    >>> read_lens_json(f).applications[["patent_id", "year", "country"]].values.tolist()
    [['EP10197481', 2010, 'IT'], ['EP10197481', 2010, 'IT']]
    """
    p = Path(source)
    if not p.exists():
        raise IngestError("no such file or folder; check the path", path=str(p))
    records, files = _records(p)
    if not records:
        raise IngestError("no patent records; expected Lens patent JSON", path=str(p))
    rows: list[dict[str, Any]] = []
    inventor_rows: list[tuple[Any, ...]] = []
    for file, i, rec in records:
        if not isinstance(rec, Mapping):
            rows.append({"source_file": file, "source_row": i, "patent_id": None, "date_raw": None,
                         "applicant_raw": None})
            continue
        app = _get(rec, "biblio", "application_reference")
        jur, num = _text(_get(app, "jurisdiction")), _text(_get(app, "doc_number"))
        ipc = _get(rec, "biblio", "classifications_ipcr", "classifications")
        base = {
            "source_file": file, "source_row": i,
            "patent_id": f"{jur or ''}{num}" if num else _text(rec.get("lens_id")),
            "date_raw": _text(_get(app, "date")) or _text(rec.get("date_published")),
            "title": _title(_get(rec, "biblio", "invention_title")),
            "inventors": _names(_get(rec, "biblio", "parties", "inventors")),
            "ipc": "; ".join(s for s in (_text(_get(c, "symbol")) for c in ipc) if s) or None
            if isinstance(ipc, list) else None,
        }
        inventor_rows += _inventor_rows(_get(rec, "biblio", "parties", "inventors"), file, i, base["patent_id"])
        applicants = _get(rec, "biblio", "parties", "applicants")
        people = [a for a in applicants if isinstance(a, Mapping)] if isinstance(applicants, list) else []
        if not people:
            rows.append({**base, "applicant_raw": None})
        rows.extend({**base, "applicant_raw": _text(_get(a, "extracted_name", "value")),
                     "applicant_seq": _get(a, "sequence"), "address_raw": _text(a.get("extracted_address")),
                     "country_hint": _text(a.get("residence"))} for a in people)
    mentions = pd.DataFrame(rows)
    res = applications_from_mentions(mentions, reader="lens_json", source_files=files, encoding="json",
                                     aliases=aliases, firm_sizes=firm_sizes)
    raw_inv = pd.DataFrame(inventor_rows, columns=list(RAW_COLUMNS))
    inv = kept_inventors(inventors_table(raw_inv, "lens_json"), res.applications)
    if len(inv):
        res.report.notes.append(f"inventors table: {len(inv):,} inventors of {inv['patent_id'].nunique():,} kept "
                                f"patents, {int((inv['region'] != '').sum()):,} placed in a region (a Korean "
                                f"extracted_address), {int(((inv['region'] == '') & (inv['country'] != '')).sum()):,} "
                                "in a country only (residence)")
    return NativeResult(res.applications, res.actors, res.rejects, res.report, inventors=inv)
