"""Reader for EPO OPS bibliographic search responses (XML), as ``netanalysis fetch epo`` saves them.

Structure (OPS 3.2 exchange format): ``ops:world-patent-data / ops:biblio-search /
ops:search-result / exchange-documents / exchange-document`` with ``bibliographic-data``:
``application-reference / document-id`` (country, doc-number, date), ``invention-title``,
``classifications-ipcr / classification-ipcr / text`` and ``parties / applicants /
applicant[@data-format]`` (``epodoc`` names end with the country, ``NAME [DE]``).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd

from .._allocator import with_ingest_allocator
from .._errors import IngestError
from .._limits import check_file_size
from ._pipeline import applications_from_mentions
from ._result import IngestResult

EX = "{http://www.epo.org/exchange}"
_COUNTRY = re.compile(r"\s*\[([A-Z]{2})\]\s*$")


def _t(el: ET.Element | None) -> str | None:
    text = (el.text or "").strip() if el is not None else ""
    return text or None


def _doc_id(ref: ET.Element | None) -> ET.Element | None:
    if ref is None:
        return None
    ids = ref.findall(f"{EX}document-id")
    by_type = {d.get("document-id-type"): d for d in ids}
    return by_type.get("docdb") or by_type.get("epodoc") or (ids[0] if ids else None)


def _record_rows(doc: ET.Element, file: str, row: int) -> list[dict[str, Any]]:
    bib = doc.find(f"{EX}bibliographic-data")
    app_ref = bib.find(f"{EX}application-reference") if bib is not None else None
    app = _doc_id(app_ref)
    dates = [_t(d.find(f"{EX}date")) for d in (app_ref.findall(f"{EX}document-id") if app_ref is not None else [])]
    pub = _doc_id(bib.find(f"{EX}publication-reference")) if bib is not None else None
    num = _t(app.find(f"{EX}doc-number")) if app is not None else None
    country = _t(app.find(f"{EX}country")) if app is not None else None
    titles = bib.findall(f"{EX}invention-title") if bib is not None else []
    en = [t for t in titles if t.get("lang") == "en"]
    ipc = [_t(c.find(f"{EX}text")) for c in (bib.iter(f"{EX}classification-ipcr") if bib is not None else [])]
    base = {
        "source_file": file, "source_row": row,
        "patent_id": f"{country or doc.get('country') or ''}{num}" if num else None,
        "date_raw": next((d for d in dates if d), None) or (_t(pub.find(f"{EX}date")) if pub is not None else None),
        "title": _t((en or titles)[0]) if titles else None,
        "ipc": "; ".join(" ".join(x.split()[:2]) for x in ipc if x) or None,
    }
    applicants = bib.findall(f"{EX}parties/{EX}applicants/{EX}applicant") if bib is not None else []
    epodoc = [a for a in applicants if a.get("data-format") == "epodoc"]
    chosen = epodoc or [a for a in applicants if a.get("data-format") != "docdb"] or applicants
    if not chosen:
        return [{**base, "applicant_raw": None}]
    rows = []
    for a in chosen:
        name = _t(a.find(f"{EX}applicant-name/{EX}name")) or ""
        m = _COUNTRY.search(name)
        rows.append({**base, "applicant_raw": _COUNTRY.sub("", name).strip() or None,
                     "applicant_seq": a.get("sequence"), "country_hint": m.group(1) if m else None})
    return rows


@with_ingest_allocator
def read_epo_ops(
    source: str | os.PathLike[str],
    *,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
) -> IngestResult:
    """Read EPO OPS bibliographic search responses: a ``netanalysis fetch epo`` folder or one file.

    Parameters
    ----------
    source : path
        A fetch folder (its ``page-*.xml`` in order) or one response file.
    aliases, firm_sizes : DataFrame or path, optional
        User alias/override and firm-size tables (see :mod:`netanalysis.entities`).

    Returns
    -------
    IngestResult

    Notes
    -----
    One raw row is one ``exchange-document`` (``source_row`` = its position in its file).
    The patent id is the application (docdb country + number), so the A1 and B1 of one
    application are one patent; the year is the filing year.  Applicants are taken in the
    ``epodoc`` format, whose trailing ``[CC]`` gives the country (else ``original``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> xml = ('<ops:world-patent-data xmlns:ops="http://ops.epo.org" xmlns="http://www.epo.org/exchange">'
    ...   '<ops:biblio-search total-result-count="1"><ops:search-result><exchange-documents>'
    ...   '<exchange-document country="EP" doc-number="1000000" kind="A1"><bibliographic-data>'
    ...   '<application-reference><document-id document-id-type="docdb"><country>EP</country>'
    ...   '<doc-number>99203729</doc-number><date>19991109</date></document-id></application-reference>'
    ...   '<parties><applicants><applicant sequence="1" data-format="epodoc"><applicant-name>'
    ...   '<name>POLITECNICO DI MILANO [IT]</name></applicant-name></applicant></applicants></parties>'
    ...   '</bibliographic-data></exchange-document></exchange-documents></ops:search-result>'
    ...   '</ops:biblio-search></ops:world-patent-data>')
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "page-0001.xml"
    >>> _ = f.write_text(xml, encoding="utf-8")
    >>> read_epo_ops(f).applications[["patent_id", "year", "country", "actor_type"]].values.tolist()
    [['EP99203729', 1999, 'IT', 'university']]
    """
    p = Path(source)
    if not p.exists():
        raise IngestError("no such file or folder; check the path", path=str(p))
    files = sorted(p.glob("page-*.xml")) if p.is_dir() else [p]
    if not files:
        raise IngestError("no page-*.xml files; expected a folder written by `netanalysis fetch epo`", path=str(p))
    rows: list[dict[str, Any]] = []
    for f in files:
        check_file_size(f)
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError as e:
            raise IngestError(f"not well-formed XML ({e}); expected an EPO OPS search response", path=str(f)) from e
        docs = root.findall(f".//{EX}exchange-document")
        for i, doc in enumerate(docs, start=1):
            rows.extend(_record_rows(doc, str(f), i))
    if not rows:
        raise IngestError("no exchange-document records; expected an EPO OPS bibliographic search response",
                          path=str(p))
    return applications_from_mentions(pd.DataFrame(rows), reader="epo_ops_xml", source_files=[str(f) for f in files],
                                      encoding="xml", aliases=aliases, firm_sizes=firm_sizes)
