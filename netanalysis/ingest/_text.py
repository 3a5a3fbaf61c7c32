"""Reading raw tables: encodings, delimiters, preambles, sheets.

Every loader returns a :class:`RawTable`: the header (strings) and the data records
(strings, or the cell values an Excel file holds), each with the 1-based row number a
spreadsheet would show, plus the records that could not be split into the header's
fields, as rejects.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .._errors import IngestError

HEADER_SCAN_ROWS = 30
csv.field_size_limit(2**31 - 1)


@dataclass
class RawTable:
    """A raw table: header, data records and what could not be read."""

    path: str
    header: list[str]
    data: pd.DataFrame  # columns = header (deduplicated), index = source_row
    bad_rows: list[tuple[int, str, str]] = field(default_factory=list)  # (row, reason, raw)
    encoding: str = ""
    sheet: str = ""


def _clean_header(values: list) -> list[str]:
    out: list[str] = []
    seen: dict[str, int] = {}
    for v in values:
        h = "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)
        h = re.sub(r"\s+", " ", h.replace("\ufeff", "")).strip()
        if h in seen:
            seen[h] += 1
            h = f"{h}.{seen[h]}"
        else:
            seen[h] = 0
        out.append(h)
    return out


def decode_bytes(
    raw: bytes, path: str, prefer_korean: bool = True, encoding: str | None = None
) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), then CP949/EUC-KR, then CP1252.

    CP949 is chosen over CP1252 when the text then holds Korean patent words (출원,
    발명), so a Korean export is never read as Latin mojibake.

    Raises
    ------
    IngestError
        If the bytes are none of these encodings (naming the first bad byte).
    """
    if not raw.replace(b"\xef\xbb\xbf", b"").strip(b" \t\r\n\x00"):
        raise IngestError("the file is empty; expected a header row and data rows", path=path)
    if encoding is not None:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as e:
            raise IngestError(f"cannot decode as encoding={encoding!r} ({e})", path=path) from e
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text" export
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise IngestError(f"starts with a UTF-16 byte-order mark but is not UTF-16 ({e})", path=path) from e
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 BOM glued onto a CP949 file by some tool
        raw = raw[3:]
    decoded: dict[str, str] = {}
    for enc in ("cp949", "cp1252"):
        try:
            decoded[enc] = raw.decode(enc)
        except UnicodeDecodeError:
            pass
    korean = "cp949" in decoded and re.search("출원|발명|특허", decoded["cp949"]) is not None
    if korean and prefer_korean:
        return decoded["cp949"], "cp949"
    if "cp1252" in decoded:
        return decoded["cp1252"], "cp1252"
    if "cp949" in decoded:
        return decoded["cp949"], "cp949"
    line = raw[: utf8_error.start].count(b"\n") + 1
    raise IngestError(
        f"cannot decode bytes (first bad byte 0x{raw[utf8_error.start]:02x} at offset "
        f"{utf8_error.start}); expected UTF-8, UTF-8 with BOM, CP949/EUC-KR or CP1252 text. If you "
        "know the encoding, pass it: encoding='latin-1' (reads any bytes), 'mac_roman', …",
        path=path,
        row=line,
    )


def _sniff_delimiter(text: str, is_header: Callable[[list[str]], bool] | None = None) -> str:
    """The delimiter under which a header row appears (most frequent first), else the most frequent."""
    head = "\n".join(text.splitlines()[:HEADER_SCAN_ROWS])
    counts = {d: head.count(d) for d in (",", "\t", ";", "|")}
    ranked = sorted(counts, key=lambda d: -counts[d])
    if is_header is not None:
        for d in ranked:
            if counts[d] and _find_header(list(csv.reader(io.StringIO(head), delimiter=d)), is_header) is not None:
                return d
    return ranked[0] if counts[ranked[0]] else ","


def _find_header(rows: list[list], is_header: Callable[[list[str]], bool]) -> int | None:
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if is_header(_clean_header(list(row))):
            return i
    return None


def _table_from_rows(
    rows: list[list],
    path: str,
    is_header: Callable[[list[str]], bool],
    expected: str,
    first_row_number: int = 1,
) -> RawTable:
    if not rows:
        raise IngestError("the file has no rows; expected a header row and data rows", path=path)
    h = _find_header(rows, is_header)
    if h is None:
        shown = ", ".join(_clean_header(list(rows[0]))[:8])
        raise IngestError(
            f"no header row found in the first {HEADER_SCAN_ROWS} rows; expected {expected}; "
            f"the first row reads: {shown}",
            path=path,
        )
    header = _clean_header(list(rows[h]))
    n = len(header)
    while n > 0 and header[n - 1] == "":
        n -= 1
    header = header[:n]
    body = rows[h + 1 :]
    numbers = range(first_row_number + h + 1, first_row_number + h + 1 + len(body))
    good, good_nums, bad = [], [], []
    for num, r in zip(numbers, body, strict=True):
        r = list(r)
        if all(v is None or str(v).strip() == "" for v in r):
            bad.append((num, "empty row", ""))
            continue
        if any(isinstance(v, str) and "\x00" in v for v in r):
            shown = "|".join(map(str, r)).replace("\x00", "\\0")[:200]
            bad.append((num, "row holds NUL bytes (a corrupted export)", shown))
            continue
        if len(r) > n and any(v is not None and str(v).strip() != "" for v in r[n:]):
            bad.append(
                (num, f"row has {len(r)} fields, the header has {n}: wrong delimiter or an "
                 "unquoted separator inside a cell", "|".join(map(str, r))[:200])
            )
            continue
        r = r[:n] + [None] * (n - len(r))
        good.append(r)
        good_nums.append(num)
    if not good and not bad:
        raise IngestError(
            "the file has a header but no data rows; expected at least one patent record",
            path=path,
            row=first_row_number + h,
        )
    data = pd.DataFrame(good, columns=header, index=pd.Index(good_nums, name="source_row"))
    return RawTable(path=path, header=header, data=data, bad_rows=bad)


def read_raw_table(
    path: str | os.PathLike,
    is_header: Callable[[list[str]], bool],
    expected: str,
    prefer_korean: bool = True,
    encoding: str | None = None,
) -> RawTable:
    """Load a CSV/TSV, Excel or Parquet file, finding the header row by ``is_header``.

    Parameters
    ----------
    path : path
        The raw file.
    is_header : callable
        Given a cleaned row of strings, says whether it is the header row.
    expected : str
        What the header should contain, for the error message.
    prefer_korean : bool
        Prefer CP949 over CP1252 for non-UTF-8 text.
    encoding : str, optional
        Force a text encoding instead of detecting one.
    """
    p = Path(path)
    spath = str(p)
    if not p.exists():
        raise IngestError("no such file; check the path", path=spath)
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            sheets = pd.read_excel(p, sheet_name=None, header=None, dtype=object)
        except Exception as e:  # openpyxl raises many kinds on corrupt files
            raise IngestError(
                f"cannot open as an Excel workbook ({type(e).__name__}: {e})", path=spath
            ) from e
        last_err: IngestError | None = None
        for name, df in sheets.items():
            rows = df.astype(object).where(df.notna(), None).values.tolist()
            try:
                t = _table_from_rows(rows, spath, is_header, expected)
            except IngestError as e:
                last_err = e
                continue
            t.sheet, t.encoding = str(name), "xlsx"
            return t
        raise last_err or IngestError("the workbook has no sheets", path=spath)
    if suffix == ".parquet":
        try:
            df = pd.read_parquet(p)
        except Exception as e:
            raise IngestError(f"cannot read as parquet ({type(e).__name__}: {e})", path=spath) from e
        rows = [list(df.columns), *df.astype(object).where(df.notna(), None).values.tolist()]
        t = _table_from_rows(rows, spath, is_header, expected)
        t.encoding = "parquet"
        return t
    raw = p.read_bytes()
    text, enc = decode_bytes(raw, spath, prefer_korean=prefer_korean, encoding=encoding)
    if text.count("\x00") > max(8, len(text) // 100):
        raise IngestError(
            "the file holds NUL bytes; expected a text (CSV/TSV) file — is it UTF-16 or binary?",
            path=spath,
        )
    delim = "\t" if suffix in (".tsv", ".tab") else _sniff_delimiter(text, is_header)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    except csv.Error as e:
        raise IngestError(f"cannot split into fields ({e}); expected CSV", path=spath) from e
    truncated = text.count('"') % 2 == 1  # quotes balance in a whole CSV: the end was cut off
    t = _table_from_rows(rows, spath, is_header, expected)
    if truncated and len(t.data):
        last = t.data.index[-1]
        t.bad_rows.append((int(last), "truncated: an unterminated quote runs to the end of the file "
                           "(was the export cut off?)", "|".join(map(str, t.data.iloc[-1].tolist()))[:200]))
        t.data = t.data.iloc[:-1]
    t.encoding = enc
    return t


def pick(header: list[str], *candidates: str) -> str | None:
    """The first header name that equals (spaces ignored, case-folded) a candidate."""
    norm = {re.sub(r"\s+", "", h).casefold(): h for h in header}
    for c in candidates:
        hit = norm.get(re.sub(r"\s+", "", c).casefold())
        if hit is not None:
            return hit
    return None
