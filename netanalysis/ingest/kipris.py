"""Readers for Korean KIPRIS data: the web-search export (CSV/Excel) and KIPRIS Plus XML."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .._allocator import with_ingest_allocator
from .._errors import IngestError
from .._limits import check_file_size, check_markup
from ._korean_split import split_space_joined
from ._pipeline import AMBIGUOUS_CELL, applications_from_mentions
from ._result import IngestResult
from ._split import joined_list, split_address_in_name, split_cell
from ._text import pick, read_raw_table

#: Korean header names (and their variants across KIPRIS export versions).
KIPRIS_COLUMNS: dict[str, tuple[str, ...]] = {
    "patent_id": ("출원번호", "출원번호(일자)"),
    "date_raw": ("출원일자", "출원일", "출원일자(출원번호)"),
    "applicants": ("출원인", "출원인명", "출원인(국문)", "출원인 명칭"),
    "addresses": ("출원인주소", "출원인 주소", "출원인주소(국문)"),
    "title": ("발명의명칭", "발명의 명칭", "발명의명칭(국문)"),
    "ipc": ("IPC분류", "IPC", "IPC분류 8판", "국제특허분류", "IPC코드"),
    "inventors": ("발명자", "발명자명", "발명자(국문)", "발명자 명칭"),
    "grant_raw": ("등록일자", "등록일"),
}
KIPRIS_SEPARATOR = r"\s*[|;]\s*"


def _split_space_joined(records: pd.DataFrame) -> pd.DataFrame:
    """Cells whose applicants lost their ``|`` are split at name boundaries; unsure ones are
    marked for rejection with :data:`._pipeline.AMBIGUOUS_CELL` (never glued into one actor)."""
    cells, ambiguous = split_space_joined(records["applicants"])
    out = records.assign(applicants=cells)
    out["reject_reason"] = pd.Series("", index=out.index).mask(ambiguous, AMBIGUOUS_CELL)
    return out


def is_kipris_header(row: list[str]) -> bool:
    """True when a row holds the KIPRIS export's application number and applicant columns."""
    return (
        pick(row, *KIPRIS_COLUMNS["patent_id"]) is not None
        and pick(row, *KIPRIS_COLUMNS["applicants"]) is not None
    )


@with_ingest_allocator
def read_kipris(
    path: str | os.PathLike,
    *,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
    encoding: str | None = None,
) -> IngestResult:
    """Read a KIPRIS web-search export (CSV in UTF-8 / UTF-8-BOM / CP949, or ``.xlsx``).

    Parameters
    ----------
    path : path
        The export.  Preamble rows above the header are skipped.
    aliases, firm_sizes : DataFrame or path, optional
        User alias/override and firm-size tables (see :mod:`netanalysis.entities`).

    encoding : str, optional
        Text encoding; detected when not given (UTF-8, UTF-8-BOM, CP949, CP1252).

    Returns
    -------
    IngestResult
        ``applications`` (canonical long table), ``rejects`` and ``report``.

    Notes
    -----
    Required columns: 출원번호, 출원일자, 출원인.  Optional: 출원인주소, 발명의명칭,
    IPC분류, 등록일자.  Several applicants in one cell are separated by ``|`` or ``;``;
    a trailing ``(address)`` after a name (``…주식회사(경기 용인시 …)``) gives that
    applicant's address.  Addresses give the region (ISO 3166-2:KR).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "k.csv"
    >>> _ = f.write_text("출원번호,출원일자,출원인\\n1020100000001,2010.03.02,"
    ...                  "경북대학교 산학협력단(대구광역시 북구)|(주)대경정밀(경상북도 구미시)\\n",
    ...                  encoding="utf-8")
    >>> apps = read_kipris(f).applications
    >>> apps[["applicant_id", "actor_type", "region"]].values.tolist()
    [['KYUNGPOOK NATIONAL UNIVERSITY', 'university', 'KR-27-Buk-gu'], ['대경정밀', 'firm', 'KR-47-Gumi-si']]
    """
    expected = "Korean KIPRIS headers 출원번호, 출원일자 and 출원인"
    t = read_raw_table(path, is_kipris_header, expected, prefer_korean=True, encoding=encoding)
    cols = {k: pick(t.header, *v) for k, v in KIPRIS_COLUMNS.items()}
    if cols["date_raw"] is None:
        raise IngestError(
            f"missing column for the filing date; expected one of {KIPRIS_COLUMNS['date_raw']}",
            path=t.path, column="출원일자",
        )
    rec = pd.DataFrame(index=t.data.index)
    for k, c in cols.items():
        rec[k] = t.data[c] if c is not None else pd.NA
    for k in ("ipc", "inventors"):  # every code and every inventor of the patent
        rec[k] = joined_list(rec[k], KIPRIS_SEPARATOR)
    rec["source_file"] = t.path
    rec = _split_space_joined(rec)
    mentions = split_cell(rec, "applicants", KIPRIS_SEPARATOR, address_column="addresses")
    mentions = split_address_in_name(mentions).reset_index()
    bad = [(t.path, r, why, raw) for r, why, raw in t.bad_rows]
    return applications_from_mentions(
        mentions, reader="kipris_export", source_files=[t.path], bad_rows=bad,
        encoding=t.encoding, aliases=aliases, firm_sizes=firm_sizes,
        notes=([f"sheet {t.sheet!r}"] if t.sheet else []) + t.notes,
        columns={k: c for k, c in cols.items() if c is not None},
    )


_XML_FIELDS = {
    "ApplicationNumber": "patent_id",
    "ApplicationDate": "date_raw",
    "Applicant": "applicants",
    "InventionName": "title",
    "InternationalpatentclassificationNumber": "ipc",
    "RegistrationDate": "grant_raw",
}
#: The same fields in the ``<item>`` records of the item search (getAdvancedSearch).
_ITEM_FIELDS = {
    "applicationNumber": "patent_id",
    "applicationDate": "date_raw",
    "applicantName": "applicants",
    "inventionTitle": "title",
    "ipcNumber": "ipc",
    "registerDate": "grant_raw",
}


def _xml_text_in_declared_encoding(path: Path) -> str:
    """The document decoded in the encoding its declaration names, declaration removed."""
    raw = path.read_bytes()
    m = re.match(rb"\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9_.:\-]+)[\"'][^>]*\?>", raw)
    if not m:
        raise IngestError("XML in an encoding the parser cannot read; expected UTF-8", path=str(path))
    enc = m.group(1).decode("ascii")
    try:
        return raw[m.end():].decode(enc)
    except (LookupError, UnicodeDecodeError) as e:
        raise IngestError(f"XML declares encoding {enc!r} but its bytes are not {enc} ({e}); re-export it as "
                          "UTF-8", path=str(path)) from e


def _records_from_xml(path: Path) -> pd.DataFrame:
    spath = str(path)
    if not path.exists():
        raise IngestError("no such file; check the path", path=spath)
    check_file_size(path)
    check_markup(path)  # one 120 MB attribute is refused before the parser sees it
    try:
        try:
            root = ET.parse(path).getroot()
        except (ValueError, LookupError):  # expat reads no multi-byte legacy encoding (EUC-KR): decode here
            root = ET.fromstring(_xml_text_in_declared_encoding(path))
    except ET.ParseError as e:
        raise IngestError(f"not well-formed XML ({e}); expected a KIPRIS Plus response", path=spath) from e
    fields = _XML_FIELDS
    items = list(root.iter("PatentUtilityInfo"))
    if not items and root.tag == "response":  # an item search page: <response><body><items><item>
        fields, items = _ITEM_FIELDS, root.findall("./body/items/item")
    rows = [{tag: (it.findtext(tag) or "").strip() for tag in fields} for it in items]
    if not rows:
        code = root.findtext(".//resultCode") or ""
        msg = root.findtext(".//resultMsg") or ""
        raise IngestError(
            "no <PatentUtilityInfo> records (nor item-search <item> records); expected a KIPRIS Plus "
            f"patent/utility search response (resultCode={code!r}, resultMsg={msg!r})",
            path=spath,
        )
    df = pd.DataFrame(rows).rename(columns=fields)
    df.index = pd.RangeIndex(1, len(df) + 1, name="source_row")
    df["ipc"] = joined_list(df["ipc"], r"\s*\|\s*")
    df["source_file"] = spath
    return df


@with_ingest_allocator
def read_kipris_xml(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
) -> IngestResult:
    """Read KIPRIS Plus API responses (XML, ``PatentUtilityInfo`` records, or the ``<item>``
    records of the item search ``getAdvancedSearch``).

    Parameters
    ----------
    paths : path or iterable of paths
        One or more response files, e.g. every page of a query.  A directory is read
        recursively (``*.xml``), in sorted order.
    aliases : DataFrame or path, optional
        The user's alias/override table (see :func:`netanalysis.entities.load_alias_table`).
    firm_sizes : DataFrame or path, optional
        The user's firm-size table (``applicant_id``, ``size`` = large | sme).

    Returns
    -------
    IngestResult

    Notes
    -----
    ``source_row`` is the 1-based position of the ``<PatentUtilityInfo>`` (or ``<item>``:
    ``applicationNumber``, ``applicationDate``, ``applicantName``, ``inventionTitle``,
    ``ipcNumber``, ``registerDate``) record in its file.  Pages of one query can overlap: a
    record whose application number was already read is rejected as a duplicate (so it is
    accounted for, not lost).  The API
    gives no addresses, so regions stay unknown unless an alias table or a later join
    supplies them.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "page1.xml"
    >>> _ = f.write_text("<response><body><items><PatentUtilityInfo>"
    ...     "<ApplicationNumber>1020100000001</ApplicationNumber><ApplicationDate>20100302</ApplicationDate>"
    ...     "<Applicant>서울대학교산학협력단|삼성전자주식회사</Applicant>"
    ...     "</PatentUtilityInfo></items></body></response>", encoding="utf-8")
    >>> read_kipris_xml(f).applications["actor_type"].tolist()
    ['university', 'large_firm']
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.rglob("*.xml")) if p.is_dir() else [p])
    if not files:
        raise IngestError("no XML files found; expected KIPRIS Plus responses", path=str(paths))
    rec = pd.concat([_records_from_xml(f) for f in files])
    mentions = split_cell(_split_space_joined(rec), "applicants", KIPRIS_SEPARATOR).reset_index()
    return applications_from_mentions(
        mentions, reader="kipris_plus_xml", source_files=[str(f) for f in files],
        encoding="xml", aliases=aliases, firm_sizes=firm_sizes,
    )
