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
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .._errors import IngestError
from .._limits import check_file_size, check_table_shape, check_workbook, limits

HEADER_SCAN_ROWS = 30


@dataclass
class RawTable:
    """A raw table: header, data records and what could not be read."""

    path: str
    header: list[str]
    data: pd.DataFrame  # columns = header (deduplicated), index = source_row
    bad_rows: list[tuple[int, str, str]] = field(default_factory=list)  # (row, reason, raw)
    encoding: str = ""
    sheet: str = ""
    notes: list[str] = field(default_factory=list)


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


#: Legacy encodings a patent export may be in, in the order a tie is broken.
LEGACY_ENCODINGS = ("cp949", "cp1252", "mac_roman", "latin_1")
_KOREAN_WORDS = re.compile("출원|발명|특허|대학|주식회사")
_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n|$)")


def _plausibility(text: str) -> int:
    """How word-like the non-ASCII characters of a decoding are.

    Each non-ASCII character scores +1 when it is a letter whose case agrees with the
    ASCII letters beside it (``MÜLLER``, ``société``) and -1 otherwise (``M‹LLER``,
    ``mŸller``): the wrong one of two Latin code pages gives symbols or odd-case letters.
    """
    score = 0
    for i, c in enumerate(text):
        if c.isascii():
            continue
        near = [x for x in (text[i - 1: i], text[i + 1: i + 2]) if x.isascii() and x.isalpha()]
        fits = c.isalpha() and all(x.isupper() == c.isupper() for x in near)
        score += 1 if fits else -1
    return score


def _guess_legacy(raw: bytes, prefer_korean: bool) -> str | None:
    """The legacy encoding of non-UTF-8 bytes, by charset-normalizer among :data:`LEGACY_ENCODINGS`.

    Korean patent words decoded as CP949 settle it for CP949 (a short Korean file can look
    like Latin text to a statistical detector).  Among the detector's candidates of
    (nearly) least chaos, the decoding whose accented letters read most like words wins
    (:func:`_plausibility`), then the order of :data:`LEGACY_ENCODINGS`.
    """
    from charset_normalizer import from_bytes

    if prefer_korean:
        try:
            if _KOREAN_WORDS.search(raw.decode("cp949")):
                return "cp949"
        except UnicodeDecodeError:
            pass
    matches = list(from_bytes(raw, cp_isolation=list(LEGACY_ENCODINGS)))
    if not matches:
        return _guess_east_asian(raw)
    least = min(m.chaos for m in matches)
    close = [str(m.encoding) for m in matches if m.chaos <= least + 0.05]
    order = {e: i for i, e in enumerate(LEGACY_ENCODINGS)}
    sample = raw[:200_000]
    best = max(close, key=lambda e: (_plausibility(sample.decode(e, errors="replace")), -order.get(e, 99)))
    if best == "cp949" and not _reads_as_korean(sample):
        return _guess_east_asian(raw) or best
    return best


def _reads_as_korean(raw: bytes) -> bool:
    """Korean text in CP949 stays almost wholly within the 2,350 common syllables of
    EUC-KR; Japanese or Chinese bytes read as CP949 fall into its rare extension syllables."""
    text = raw.decode("cp949", errors="replace")
    hangul = [c for c in text if "\uac00" <= c <= "\ud7a3"]
    if not hangul:
        return True
    rare = sum(1 for c in hangul if not _in_euc_kr(c))
    return rare <= 0.2 * len(hangul)


def _in_euc_kr(c: str) -> bool:
    """One of KS X 1001's 2,350 syllables: in CP949, lead byte 0xB0-0xC8 and trail byte >= 0xA1."""
    b = c.encode("cp949")
    return len(b) == 2 and 0xB0 <= b[0] <= 0xC8 and b[1] >= 0xA1


#: Tried when bytes read as neither Latin nor Korean text.
EAST_ASIAN_ENCODINGS = ("cp932", "gb18030", "big5")


def _guess_east_asian(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw, cp_isolation=list(EAST_ASIAN_ENCODINGS)))
    if not matches:
        return None
    order = {e: i for i, e in enumerate(EAST_ASIAN_ENCODINGS)}
    return str(min(matches, key=lambda m: (m.chaos, order.get(str(m.encoding), 99))).encoding)


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when at least 10% of the odd (even) bytes are NUL and
    four times fewer of the others are (Hangul has some NUL low bytes): UTF-16 text."""
    head = raw[:65536]
    if len(head) < 8 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0) / (len(head) // 2), head[1::2].count(0) / (len(head) // 2)
    if odd >= 0.1 and even < odd / 4:
        return "utf-16-le"
    if even >= 0.1 and odd < even / 4:
        return "utf-16-be"
    return None


_NOT_BLANK = re.compile(rb"[^ \t\r\n\x00\xef\xbb\xbf]")


def _is_blank(raw: bytes) -> bool:
    """Whether the bytes hold nothing but byte-order marks, blanks and NULs. A byte outside those
    sets is found at once in a file of data (no copy of the file is made); only a file without one
    is checked in full."""
    if _NOT_BLANK.search(raw):
        return False
    return not raw.replace(b"\xef\xbb\xbf", b"").strip(b" \t\r\n\x00")


def decode_bytes(
    raw: bytes, path: str, prefer_korean: bool = True, encoding: str | None = None
) -> tuple[str, str, list[int]]:
    """Decode a text file, detecting its encoding; name the rows of a second encoding.

    UTF-16 (by its byte-order mark) and UTF-8 (with or without BOM) are recognised
    exactly; anything else is given to charset-normalizer, restricted to CP949/EUC-KR,
    CP1252, Mac Roman and Latin-1.  A file that is UTF-8 except for some lines (two
    encodings mixed, e.g. rows appended by another tool) is decoded line by line: UTF-8
    lines as UTF-8, the others in their own detected encoding, and their line numbers are
    returned so the report can name them.

    Returns
    -------
    (text, encoding, mixed_rows)
        ``encoding`` is what was used (``"utf-8+cp1252"`` for a mixed file);
        ``mixed_rows`` the 1-based line numbers decoded in the second encoding.

    Raises
    ------
    IngestError
        If the file is empty or the bytes fit none of these encodings.
    """
    if _is_blank(raw):
        raise IngestError("the file is empty; expected a header row and data rows", path=path)
    if encoding is not None:
        try:
            return raw.decode(encoding), encoding, []
        except LookupError as e:
            raise IngestError(f"encoding={encoding!r} is not an encoding Python knows ({e}); e.g. utf-8, cp949, "
                              "cp1252, mac_roman, latin-1", path=path) from e
        except UnicodeDecodeError as e:
            row = len(re.findall(rb"\r\n|\r|\n", raw[: e.start])) + 1
            raise IngestError(f"cannot decode as encoding={encoding!r} (byte 0x{raw[e.start]:02x} at offset "
                              f"{e.start}); leave --encoding out to detect it", path=path, row=row) from e
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text" export
        try:
            return raw.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as e:
            raise IngestError(f"starts with a UTF-16 byte-order mark but is not UTF-16 ({e})", path=path) from e
    bom_less = _utf16_without_bom(raw)
    if bom_less:  # UTF-16 saved without its byte-order mark: NULs in every other byte give it away
        try:
            return raw.decode(bom_less), bom_less, []
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as e:
        utf8_error = e
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 BOM glued onto a CP949 file by some tool
        raw = raw[3:]
    lines = [m.group(0) for m in _LINE.finditer(raw) if m.group(0)]
    utf8_lines, other_lines = 0, []
    for number, line in enumerate(lines, start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            other_lines.append(number)
    if utf8_lines and other_lines:  # two encodings in one file
        other = _guess_legacy(b"".join(lines[n - 1] for n in other_lines), prefer_korean)
        if other is not None:
            wrong = set(other_lines)
            text = "".join(line.decode(other if n in wrong else "utf-8", errors="strict")
                           for n, line in enumerate(lines, start=1))
            return text, f"utf-8+{other}", other_lines
    legacy = _guess_legacy(raw, prefer_korean)
    if legacy is not None:
        try:
            return raw.decode(legacy), legacy, []
        except UnicodeDecodeError:
            pass
    line_number = raw[: utf8_error.start].count(b"\n") + 1
    raise IngestError(
        f"cannot decode bytes (first bad byte 0x{raw[utf8_error.start]:02x} at offset "
        f"{utf8_error.start}); expected UTF-8, UTF-8 with BOM, UTF-16, CP949/EUC-KR, CP1252, Mac Roman "
        "or Latin-1 text. If you know the encoding, pass it: --encoding / encoding='...'",
        path=path,
        row=line_number,
    )


def _sniff_delimiter(text: str, is_header: Callable[[list[str]], bool] | None = None) -> str:
    """The delimiter under which a header row appears (most frequent first), else the most frequent."""
    head = "\n".join(_head(text, HEADER_SCAN_ROWS + 1).splitlines()[:HEADER_SCAN_ROWS])
    counts = {d: head.count(d) for d in (",", "\t", ";", "|")}
    ranked = sorted(counts, key=lambda d: -counts[d])
    if is_header is not None:
        for d in ranked:
            try:
                rows = list(csv.reader(io.StringIO(head), delimiter=d)) if counts[d] else []
            except csv.Error:  # a field over the cell_chars limit: the full read reports it
                continue
            if rows and _find_header(rows, is_header) is not None:
                return d
    # no header found: the delimiter of the first line that has one (a cell full of "|" or ";"
    # further down must not decide how the header is split)
    for line in head.splitlines():
        first = {d: line.count(d) for d in ranked}
        if any(first.values()):
            return max(ranked, key=lambda d: first[d])
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


_QUOTE = re.compile(b'"')
_QUOTE_TEXT = re.compile('"')


def _unterminated_quote(text: str | bytes, delim: str, start: int = 0) -> bool:
    """True if a quoted field is still open at the end of the text.

    CSV's rules, walked over the quote characters only: a quote opens a field only at the
    field's start; inside a quoted field ``""`` is an escaped quote and a lone quote closes
    it.  A quote inside an unquoted field (``(주)가"나``) is a literal character and must not
    make a later clean row look cut off.  ``text`` may be the file's UTF-8 bytes, read from
    ``start`` (past a byte-order mark): the quote, the delimiter and the line ends are single
    bytes there, so the walk gives the answer it gives on the decoded text.
    """
    if isinstance(text, bytes):
        return _open_at_end(text, _QUOTE, (delim.encode(), b"\n", b"\r"), b'"', start)
    return _open_at_end(text, _QUOTE_TEXT, (delim, "\n", "\r"), '"', start)


def _open_at_end(data: Any, quote: re.Pattern, opens: tuple, q: Any, start: int) -> bool:
    """:func:`_unterminated_quote`'s walk, on text or on bytes alike (no copy of either)."""
    if data.find(q, start) < 0:  # (found at once, or not at all without the walk below)
        return False
    in_quote = False
    skip = -1
    for i in (m.start() for m in quote.finditer(data, start)):
        if i <= skip:
            continue
        if not in_quote:
            in_quote = i == start or data[i - 1: i] in opens
        elif data[i + 1: i + 2] == q:
            skip = i + 1  # an escaped quote inside the field
        else:
            in_quote = False
    return in_quote


#: Lines of a text table checked against Python's csv module at a time (the lines holding a quote).
_CHECK_CHUNK = 100_000
#: What ``str.strip()`` strips (``str.isspace``), as an RE2 class: a row of such fields is empty.
_BLANK = "^[" + "".join(f"\\x{{{c:x}}}" for c in range(0x110000) if chr(c).isspace()) + "]*$"


def _check_first_line(text: str, delim: str, path: str) -> None:
    """Refuse a first line of more fields than the ``columns`` limit, before a table is built."""
    end = re.search(r"\r\n|\r|\n", text)  # (re.split would copy the rest of the text)
    first_line = text[: end.start()] if end else text
    if first_line.count(delim) >= limits().columns:
        check_table_shape(path, 0, first_line.count(delim) + 1)


def _delimiter(text: str, suffix: str, is_header: Callable[[list[str]], bool], path: str) -> str:
    """The delimiter of a text table (a tab for ``.tsv``/``.tab``, else sniffed from ``text``, the
    whole text or its first lines), its first line checked against the ``columns`` limit; the
    ``csv`` module's field limit set to ``cell_chars`` (also while sniffing: a long field there is no
    crash)."""
    csv.field_size_limit(limits().cell_chars)
    delim = "\t" if suffix in (".tsv", ".tab") else _sniff_delimiter(text, is_header)
    _check_first_line(text, delim, path)
    return delim


def _utf8_head(raw: bytes) -> str | None:
    """The first ``HEADER_SCAN_ROWS + 1`` lines of a file that may be read as UTF-8 by Arrow,
    decoded (a byte-order mark dropped); None when it may not: it is blank (the full read says so),
    holds a NUL byte (a UTF-16 or binary file; UTF-8 text holds no U+0000) or its first lines are
    not UTF-8."""
    if _is_blank(raw) or b"\x00" in raw:
        return None
    at = -1
    for _ in range(HEADER_SCAN_ROWS + 1):
        at = raw.find(b"\n", at + 1)
        if at < 0:
            at = len(raw) - 1
            break
    try:  # (a line feed ends a UTF-8 character: the cut splits none)
        return raw[: at + 1].decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _head(text: str, lines: int) -> str:
    """The text up to and with its first ``lines`` line feeds (all of it when it has fewer)."""
    at = -1
    for _ in range(lines):
        at = text.find("\n", at + 1)
        if at < 0:
            return text
    return text[: at + 1]


def _line_ends_and_quoted_lines(data: memoryview, block: int = 1 << 24) -> tuple[Any, Any]:
    """The offsets of the line feeds of ``data`` and the numbers (from 0) of the lines holding a
    quote character, a block of bytes at a time (no byte-sized temporary of the whole file)."""
    import numpy as np

    ends, quotes = [], []
    for at in range(0, len(data), block):
        chunk = np.frombuffer(data[at: at + block], dtype=np.uint8)
        ends.append(np.flatnonzero(chunk == 10) + at)
        quotes.append(np.flatnonzero(chunk == 34) + at)
    line_feeds = np.concatenate(ends) if ends else np.zeros(0, np.int64)
    quoted = np.unique(np.searchsorted(line_feeds, np.concatenate(quotes))) if quotes else np.zeros(0, np.int64)
    return line_feeds, quoted


def _arrow_table(raw: bytes, first_lines: str, path: str, delim: str,
                 is_header: Callable[[list[str]], bool]) -> RawTable | None:
    """The table :func:`_table_from_rows` would build from ``csv.reader``'s records, read by Arrow's
    CSV reader (C++, no Python object per cell); None (read it with ``csv``) unless that is provably
    the same table.

    ``raw`` is the file's bytes and ``first_lines`` its first lines decoded (at least
    ``HEADER_SCAN_ROWS``, :func:`_utf8_head`): the file is not decoded as a whole, Arrow checks
    that every field is UTF-8 (the bytes between fields are ASCII delimiters, quotes and line ends).

    It is when: the text is UTF-8 without NUL (the caller has checked) or a bare carriage return,
    the header and the lines before it are one line each, the header's fields are distinct and the
    last is not empty, no field is over the ``cell_chars`` limit, every line after the header is one
    record of exactly the header's fields (Arrow refuses any other; a record spanning lines shows as fewer records
    than lines), no quoted field is left open, and every line holding a quote character splits
    into the same fields under ``csv.reader`` (checked line by line: quoting is where two CSV
    parsers can differ; a line without a quote is split at the delimiter by both). A row's number
    is then its line number, and the only rows to reject are the empty ones, as in
    ``_table_from_rows``.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    # (UTF-8: these bytes are these characters; a NUL byte :func:`_utf8_head` has ruled out)
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        return None
    reader = csv.reader(io.StringIO(_head(first_lines, HEADER_SCAN_ROWS), newline=""), delimiter=delim)
    head: list[list[str]] = []
    single = []  # whether each record of the head is one line
    try:
        for row in reader:
            head.append(row)
            single.append(reader.line_num == len(head))
    except csv.Error:
        return None
    h = _find_header(head, is_header)
    if h is None or not all(single[: h + 1]):
        return None
    header = _clean_header(list(head[h]))
    n = len(header)
    if n == 0 or header[-1] == "" or len(set(header)) != n:
        return None
    start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    for _ in range(h + 1):  # past the header's line (a "\r\n" line ends at its "\n")
        start = raw.find(b"\n", start) + 1
        if start == 0:
            return None
    data = memoryview(raw)[start:]
    has_quote = raw.find(b'"', start) >= 0
    names = [f"f{i}" for i in range(n)]
    try:
        table = pcsv.read_csv(
            pa.BufferReader(pa.py_buffer(data)),
            read_options=pcsv.ReadOptions(column_names=names, use_threads=True),
            parse_options=pcsv.ParseOptions(delimiter=delim, quote_char='"', double_quote=True, escape_char=False,
                                            newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(column_types={c: pa.large_string() for c in names},
                                                strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                null_values=[]),
        )
    except pa.ArrowException:  # a line of other fields than the header's, bytes that are not UTF-8 …
        return None
    # without a quote character no value spans lines: each line is one record (an empty one is a record
    # of one field, which Arrow refuses), so the lines need counting only in a file that quotes
    if table.num_rows == 0 or (has_quote and table.num_rows != raw.count(b"\n", start) + (
            1 if len(data) and raw[-1:] != b"\n" else 0)):
        return None
    columns = [table.column(c) for c in names]
    # csv.reader refuses a field over the limit: let it say so (no cell has more characters than
    # bytes, so the characters are counted only where the bytes are over the limit)
    if any((pc.max(pc.binary_length(c)).as_py() or 0) > limits().cell_chars
           and (pc.max(pc.utf8_length(c)).as_py() or 0) > limits().cell_chars for c in columns):
        return None
    if _unterminated_quote(raw, delim, 3 if raw.startswith(b"\xef\xbb\xbf") else 0):
        return None
    ends, quoted = _line_ends_and_quoted_lines(data) if has_quote else (np.zeros(0, np.int64),) * 2
    line_start = np.r_[0, ends + 1]
    for k in range(0, len(quoted), _CHECK_CHUNK):
        at = quoted[k: k + _CHECK_CHUNK]
        lines = [bytes(data[line_start[i]: (ends[i] + 1 if i < len(ends) else len(data))]).decode("utf-8")
                 for i in at]
        try:
            parsed = list(csv.reader(io.StringIO("".join(lines), newline=""), delimiter=delim))
        except csv.Error:
            return None
        index = pa.array(at, type=pa.int64())
        arrow_rows = zip(*(c.take(index).to_pylist() for c in columns), strict=True)
        if len(parsed) != len(at) or any(list(a) != r for a, r in zip(arrow_rows, parsed, strict=True)):
            return None
    check_table_shape(path, h + table.num_rows, max([len(r) for r in head[: h + 1]] + [n]))
    numbers = np.arange(h + 2, h + 2 + table.num_rows, dtype=np.int64)
    blank = np.ones(table.num_rows, dtype=bool)
    for c in columns:  # each column read only on the rows still blank in the columns before it
        at = np.flatnonzero(blank)
        if not len(at):
            break
        cells = c if len(at) == table.num_rows else c.filter(pa.array(blank))  # (the rows of `at`, in order)
        blank[at] = np.asarray(pc.match_substring_regex(cells, _BLANK).to_numpy(zero_copy_only=False), dtype=bool)
    if blank.all():
        return None
    keep = pa.array(~blank)
    frame = pd.DataFrame({name: pd.array(c.filter(keep) if blank.any() else c, dtype="str")
                          for name, c in zip(header, columns, strict=True)},
                         index=pd.Index(numbers[~blank], name="source_row"))
    return RawTable(path=path, header=header, data=frame, bad_rows=[(int(r), "empty row", "") for r in numbers[blank]])


_OOXML_ESCAPE = r"_x([0-9A-Fa-f]{4})_"


def _ooxml_unescaped(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells with Excel's escapes of control characters decoded (``_x000D_`` → a carriage
    return: a cell of several lines written on Windows), which openpyxl leaves as they are.

    Examples
    --------
    >>> _ooxml_unescaped(pd.DataFrame({0: ["Telecom_x000D_\\nOptics", 3, "a_x005F_x000D_"]}))[0].tolist()
    ['Telecom\\r\\nOptics', 3, 'a_x000D_']
    """
    out = df
    for c in df.columns:
        col = df[c]
        try:
            text = col.str.contains("_x", regex=False, na=False).astype(bool)
        except AttributeError:  # no text in the column
            continue
        if not text.any():
            continue
        if out is df:
            out = df.copy()
        # one pass: Excel's own literal "_x" (written _x005F_x...) comes out as written
        out.loc[text, c] = col[text].astype(str).str.replace(_OOXML_ESCAPE, lambda m: chr(int(m.group(1), 16)),
                                                             regex=True)
    return out


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
    check_file_size(p)
    if suffix in (".xlsx", ".xlsm", ".xls"):
        check_workbook(p)
        try:
            with warnings.catch_warnings():  # workbook features openpyxl skips (data validation,
                # unknown extensions) hold no cell values: its notice would only alarm a user
                warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
                sheets = pd.read_excel(p, sheet_name=None, header=None, dtype=object)
        except Exception as e:  # openpyxl raises many kinds on corrupt files
            raise IngestError(
                f"cannot open as an Excel workbook ({type(e).__name__}: {e})", path=spath
            ) from e
        last_err: IngestError | None = None
        for name, df in sheets.items():
            df = _ooxml_unescaped(df)
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
    head = _utf8_head(raw) if encoding in (None, "utf-8") else None
    if head is not None:  # a UTF-8 file: Arrow reads it where it reads it as csv does, undecoded
        delim = _delimiter(head, suffix, is_header, spath)
        fast = _arrow_table(raw, head, spath, delim, is_header)
        if fast is not None:
            fast.encoding = "utf-8"
            return fast
    text, enc, mixed_rows = decode_bytes(raw, spath, prefer_korean=prefer_korean, encoding=encoding)
    # (no NUL byte, no NUL character: every encoding read here writes U+0000 with a zero byte)
    if b"\x00" in raw and text.count("\x00") > max(8, len(text) // 100):
        raise IngestError(
            "the file holds NUL bytes; expected a text (CSV/TSV) file — is it UTF-16 or binary?",
            path=spath,
        )
    delim = _delimiter(text, suffix, is_header, spath)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
        check_table_shape(spath, len(rows) - 1, max((len(r) for r in rows[:1000]), default=0))
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            raise IngestError(f"a field longer than {limits().cell_chars:,} characters, over the cell_chars limit "
                              "(an unclosed quote swallows the rest of the file this way); raise it with --limit "
                              "cell_chars=N if the file is genuine", path=spath) from e
        raise IngestError(f"cannot split into fields ({e}); expected CSV", path=spath) from e
    truncated = _unterminated_quote(text, delim)  # a quoted field still open at the end: the export was cut
    t = _table_from_rows(rows, spath, is_header, expected)
    if truncated and len(t.data):
        last = t.data.index[-1]
        t.bad_rows.append((int(last), "truncated: an unterminated quote runs to the end of the file "
                           "(was the export cut off?)", "|".join(map(str, t.data.iloc[-1].tolist()))[:200]))
        t.data = t.data.iloc[:-1]
    t.encoding = enc
    if mixed_rows:
        shown = ", ".join(map(str, mixed_rows[:20])) + (" …" if len(mixed_rows) > 20 else "")
        t.notes.append(f"mixed encodings: {len(mixed_rows)} line(s) are not UTF-8 like the rest of the file "
                       f"and were decoded as {enc.split('+')[1]}: lines {shown}")
    return t


_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
#: Type hints in brackets a column name may carry (``Applicants [text]``).
_BRACKET_HINT = re.compile(r"\s*[(\[{][A-Za-z0-9_ ,]*[)\]}]\s*")
_HINT_WORD = re.compile(r"_*[A-Za-z][A-Za-z0-9_]*")
_HINT_SPLIT = re.compile(r"[\s:]+")


def _is_type_hint(suffix: str) -> bool:
    r"""True for words crawlers and database exports append to a column name (``출원인  NGRAM``,
    ``출원번호 NUMERIC``, ``출원인_TEXT``, ``Applicants [text]``).

    The same rule as ``(?:[\s_:]+[A-Za-z][A-Za-z0-9_]*)+\s*`` (one or more separators, each
    followed by a word that starts with a letter) in linear time: that expression backtracks
    exponentially on ``_a_a_a…!`` (29 repetitions took minutes).
    """
    if _BRACKET_HINT.fullmatch(suffix):
        return True
    if not suffix[:1] or (suffix[0] not in "_:" and not suffix[0].isspace()):
        return False
    if suffix.rstrip().endswith(":"):
        return False
    words = [w for w in _HINT_SPLIT.split(suffix) if w]
    # a word of underscores only is part of the separator before the next word
    return bool(words) and all(_HINT_WORD.fullmatch(w) or (i < len(words) - 1 and not w.strip("_"))
                               for i, w in enumerate(words))


def header_key(name: str) -> str:
    """A column name reduced for matching: Unicode NFKC (so NFD Hangul matches), zero-width
    and soft-hyphen characters removed, white space removed, case-folded.

    Examples
    --------
    >>> header_key("출원\u200b인 ") == header_key("출원인")
    True
    """
    text = unicodedata.normalize("NFKC", str(name))
    return re.sub(r"\s+", "", _INVISIBLE.sub("", text)).casefold()


def pick(header: list[str], *candidates: str) -> str | None:
    """The header name that stands for one of ``candidates``, or None.

    An exact match (after :func:`header_key`) wins; failing that, a header that is a
    candidate followed only by a type hint in Latin letters or brackets (``출원인  NGRAM``,
    ``출원번호 NUMERIC``, ``Applicants [text]``) is taken.  Candidates are tried in order.

    Examples
    --------
    >>> pick(["순번", "출원인  NGRAM", "출원인주소"], "출원인")
    '출원인  NGRAM'
    >>> pick(["출원인주소"], "출원인") is None
    True
    """
    exact = {header_key(h): h for h in header}
    for c in candidates:
        hit = exact.get(header_key(c))
        if hit is not None:
            return hit
    for c in candidates:
        want = unicodedata.normalize("NFKC", c).strip().casefold()
        for h in header:
            text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(h))).strip()
            if text.casefold().startswith(want) and _is_type_hint(text[len(want):]):
                return h
    return None
