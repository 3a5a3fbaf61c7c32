"""Resource limits on input files, checked before memory is committed.

A small file can claim a lot of memory: an ``.xlsx`` whose one cell sits at column XFD
(openpyxl builds a 16,384-column grid), a zipped table that inflates a thousandfold, a
sparse CSV of separators.  Every reader checks these limits first, from what the file
says about itself (its size, a zip's directory, a sheet's ``<dimension>``) and the header
it reads, and refuses with one error naming the limit and how to raise it.

======================  ==============  ====================================================
limit                   default         checked on
======================  ==============  ====================================================
``bytes``               2 GiB           the file's size; a zip's (xlsx, .tsv.zip) inflated size
``rows``                25,000,000      a sheet's ``<dimension>``; the records of a text table
``columns``             2,000           a sheet's ``<dimension>``; the header of a text table
``cell_chars``          1,000,000       one CSV field (the csv module's field limit)
``json_depth``          64              nesting of a JSON response
``sheets``              256             the worksheets of a workbook
``strings``             10,000,000      a workbook's shared strings (counted, not as declared);
                                        also refused: more shared strings than the cells its
                                        sheets declare, unless this limit is raised
``yaml_aliases``        100             aliases (``*name``) in a YAML cassette
``cell_chars`` (XML)    1,000,000       one tag or text run of an XML file (bytes first, then
                                        characters), before the parser sees it
``memory``              physical RAM    what reading the file would take at its peak
                                        (:func:`memory_estimate`, the model below)
======================  ==============  ====================================================

Raise one for a run with ``--limit rows=40000000`` (command line, repeatable; sizes take
K, M, G suffixes), :func:`set_limits` (Python) or an environment variable
``NETANALYSIS_LIMIT_ROWS=40000000``.

``rows`` guards against a file that claims absurd dimensions (a sheet's ``<dimension>`` is
refused before it is loaded; an xlsx sheet holds at most 1,048,576 rows): 25 M is 2.5 times
the 10 M-row national long table measured below.  A text table's size is bounded by the
``bytes`` limit, and what reading it may take by the ``memory`` limit.

The memory model (:data:`MEMORY_MODEL`): the peak resident memory of an ingest, the
interpreter included, is estimated as a fixed part plus a slope per byte of (inflated) input,
plus, for a text table, a slope per line (most of the memory is per mention, and a table of
short lines has many mentions per byte).  The lines are counted in the first 4 MiB and scaled
to the file (exact below 4 MiB; 10,011,183 for the 10 M-row table; a zipped text counts a line
per 64 bytes).  Measured with
``benchmarks/bench_ingest_memory.py`` (a fresh process per input, ``VmHWM``; 2026-12-03, this
package at issue 30, the 24 GB 2-core machine) and ``benchmarks/bench_ingest_scale.py``:

=========================================  =========  ===========  ==========  =========
input                                      MB         lines        peak MB     estimate
=========================================  =========  ===========  ==========  =========
interpreter, package, given names (base)   --         --           123         --
smallest real exports: Lens CSVs, PATSTAT  0.01-1.7   --           156-172     200-244
xlsx, PatentSearch YAML, a KIPRIS XML
SYNTHETIC wide CSV, 25,000 rows            1.5        25,001       211         244
SYNTHETIC wide CSV, 200,000 rows           13.0       200,001      494         555
(three columns, 2-4 applicants a row)
SYNTHETIC national CSV, 200,000 rows       28.1       200,406      461         613
SYNTHETIC national CSV, 1,000,000 rows     140        1,000,003    1,302       2,261
SYNTHETIC national CSV, 10,000,000 rows    1,398      10,000,003   8,411       20,808
Thomson synbio XLSX (inflated)             6.7        --           197         368
PatentSearch dsl-query.yml                 4.0        --           185         280
KIPRIS Plus XML, largest file              1.0        --           156         221
=========================================  =========  ===========  ==========  =========

So: 200 MB fixed (the base and the smallest inputs' 33-49 MB, rounded up); text 4 bytes a
byte and 1,500 bytes a line (worst case: the wide table of 22 bytes a mention, at 0.89 of
the estimate; a national table 40-75 % of it); a workbook 25 bytes a
byte of its inflated size and JSON/XML/YAML 20 a byte (the first pass's worst ratios,
overhead included: no larger workbook or markup file is at hand, so they stay as upper bounds).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from ._errors import IngestError, NetanalysisError


@dataclasses.dataclass(frozen=True)
class Limits:
    """The limits in force (see the module docstring)."""

    bytes: int = 2 * 1024**3
    rows: int = 25_000_000
    columns: int = 2_000
    cell_chars: int = 1_000_000
    json_depth: int = 64
    sheets: int = 256
    strings: int = 10_000_000
    yaml_aliases: int = 100
    memory: int = dataclasses.field(default_factory=lambda: _physical_memory())


#: Peak memory of an ingest, the interpreter included, by kind of file: (fixed bytes, bytes per
#: byte of inflated input, bytes per line of a text table), measured by
#: ``benchmarks/bench_ingest_memory.py`` (worst case seen, rounded up; see the module docstring).
MEMORY_MODEL: dict[str, tuple[int, int, int]] = {"text": (200_000_000, 4, 1_500),
                                                 "workbook": (200_000_000, 25, 0),
                                                 "markup": (200_000_000, 20, 0)}
#: The head of a text file whose lines are counted (then scaled to the file's size).
_LINE_SAMPLE = 4 * 1024**2
#: Bytes a line of a zipped text table is taken to hold (its lines are not counted).
_ZIPPED_LINE = 64


def _physical_memory() -> int:
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):  # not POSIX: no guard by default
        return 2**62


def _from_env() -> Limits:
    values = {}
    for f in dataclasses.fields(Limits):
        raw = os.environ.get(f"NETANALYSIS_LIMIT_{f.name.upper()}")
        if raw:
            values[f.name] = parse_size(raw, f.name)
    return Limits(**values)


_current: list[Limits] = []


def limits() -> Limits:
    """The limits in force: :func:`set_limits` overrides, else environment, else defaults.

    Returns
    -------
    Limits

    Examples
    --------
    >>> limits().columns
    2000
    """
    return _current[-1] if _current else _from_env()


def parse_size(text: str, name: str = "limit") -> int:
    """``'2G'`` → 2147483648, ``'20000'`` → 20000, ``'1.5M'`` → 1572864.

    Examples
    --------
    >>> parse_size("2K"), parse_size("3000000")
    (2048, 3000000)
    """
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*", str(text).upper())
    if not m:
        raise NetanalysisError(f"{name}={text!r}: expected a number, optionally with K, M or G (e.g. 4G)")
    scale = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}[m.group(2)]
    return int(float(m.group(1)) * scale)


@contextlib.contextmanager
def set_limits(**overrides: int | str) -> Iterator[Limits]:
    """Raise (or lower) limits inside a ``with`` block.

    Parameters
    ----------
    **overrides
        ``bytes``, ``rows``, ``columns``, ``cell_chars``, ``json_depth``, ``sheets``,
        ``strings``, ``yaml_aliases``, ``memory``; sizes may be text such as ``"4G"``.

    Examples
    --------
    >>> with set_limits(rows="10M") as lim:
    ...     lim.rows
    10485760
    """
    known = {f.name for f in dataclasses.fields(Limits)}
    bad = sorted(set(overrides) - known)
    if bad:
        raise NetanalysisError(f"unknown limit(s) {bad}; expected some of {sorted(known)}")
    new = dataclasses.replace(limits(), **{k: parse_size(str(v), k) for k, v in overrides.items()})
    _current.append(new)
    try:
        yield new
    finally:
        _current.pop()


def _refuse(path: str, what: str, name: str, limit: int) -> IngestError:
    return IngestError(f"{what}, over the {name} limit of {limit:,}; raise it with --limit {name}=N "
                       f"(or NETANALYSIS_LIMIT_{name.upper()}) if the file is genuine", path=path)


def _kind_and_inflated(path: Path) -> tuple[str, int, int] | None:
    """What reading ``path`` takes memory for (``text``, ``workbook`` or ``markup``), its
    inflated size (a zip's members summed) and, for a text table, its estimated lines; None for
    a broken archive (the reader reports it)."""
    size = path.stat().st_size
    suffix = path.suffix.lower()
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as z:
                inflated = sum(i.file_size for i in z.infolist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if suffix in (".xlsx", ".xlsm"):
            return "workbook", inflated, 0
        return "text", inflated, -(-inflated // _ZIPPED_LINE)
    if suffix in (".json", ".xml", ".yml", ".yaml"):
        return "markup", size, 0
    with open(path, "rb") as f:
        head = f.read(_LINE_SAMPLE)
    lines = head.count(b"\n") + 1
    if size > len(head):  # scaled from the head (rounded up)
        lines = -(-lines * size // max(len(head), 1))
    return "text", size, lines


def memory_estimate(path: Path) -> int:
    """Bytes an ingest of ``path`` may take at its peak, the interpreter included (:data:`MEMORY_MODEL`):
    a fixed part, plus a slope times the inflated size, plus for a text table a slope times its lines.

    Parameters
    ----------
    path : Path
        A file (a zip counts its inflated members).

    Returns
    -------
    int
        The estimate in bytes (0 for a broken archive: its reader reports it).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:  # 10,000 lines of 100 bytes: 200 MB + 4 MB + 15 MB
    ...     p = Path(d) / "t.csv"
    ...     _ = p.write_bytes((b"x" * 99 + b"\\n") * 10_000)
    ...     memory_estimate(p) == 200_000_000 + 4 * 1_000_000 + 1_500 * 10_001
    True
    """
    found = _kind_and_inflated(Path(path))
    if found is None:
        return 0
    kind, inflated, lines = found
    fixed, per_byte, per_line = MEMORY_MODEL[kind]
    return fixed + per_byte * inflated + per_line * lines


def check_file_size(path: Path) -> None:
    """Refuse a file larger than the ``bytes`` limit, a zip that inflates beyond it, and a
    file whose reading would take more than the ``memory`` limit (:func:`memory_estimate`)."""
    lim = limits()
    size = path.stat().st_size
    if size > lim.bytes:
        raise _refuse(str(path), f"the file holds {size:,} bytes", "bytes", lim.bytes)
    found = _kind_and_inflated(path)
    if found is None:  # the reader reports a broken archive
        return
    kind, inflated, lines = found
    if inflated > lim.bytes:
        raise _refuse(str(path), f"the archive inflates to {inflated:,} bytes", "bytes", lim.bytes)
    need = memory_estimate(path)
    if need > lim.memory:
        fixed, per_byte, per_line = MEMORY_MODEL[kind]
        how = f"{fixed / 1e6:,.0f} MB + {per_byte}x its {inflated / 1e6:,.0f} MB"
        if per_line:
            how += f" + {per_line:,} bytes x its ~{lines:,} lines"
        raise IngestError(
            f"reading it would take about {need / 1e9:.1f} GB ({how}), over the memory limit of "
            f"{lim.memory / 1e9:.1f} GB (by default this machine's RAM); split the export, or raise the limit "
            "with --limit memory=64G if the machine can swap", path=str(path))


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.decode("ascii"):
        n = n * 26 + (ord(ch) - 64)
    return n


def check_workbook(path: Path) -> None:
    """Refuse an ``.xlsx`` with more sheets or shared strings than the limits allow, or whose
    sheets claim more rows or columns than the limits allow, before it is loaded."""
    lim = limits()
    try:
        with zipfile.ZipFile(path) as z:
            parts = _content_types(z)
            names = set(z.namelist())
            sheets = sorted({n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")}
                            | {n for n, kind in parts.items() if kind.endswith(_SHEET_TYPES) and n in names})
            if len(sheets) > lim.sheets:
                raise _refuse(str(path), f"the workbook holds {len(sheets):,} worksheets", "sheets", lim.sheets)
            cells: int | None = 0
            for name in sheets:
                with z.open(name) as f:
                    head = f.read(4096)
                m = _DIMENSION.search(head)
                if not m:
                    cells = None  # a sheet without a dimension: the cell count is unknown
                    continue
                last_col, last_row = (m.group(3), m.group(4)) if m.group(3) else (m.group(1), m.group(2))
                cols, rows = _column_number(last_col), int(last_row)
                if cells is not None:
                    cells += cols * rows
                if cols > lim.columns:
                    raise _refuse(str(path), f"sheet {name.rsplit('/', 1)[-1]} spans {cols:,} columns "
                                  f"(to column {last_col.decode()})", "columns", lim.columns)
                if rows > lim.rows:
                    raise _refuse(str(path), f"sheet {name.rsplit('/', 1)[-1]} spans {rows:,} rows",
                                  "rows", lim.rows)
            # the part the reader takes the strings from is the one [Content_Types].xml names
            strings = [n for n, kind in parts.items() if kind.endswith("sharedStrings+xml") and n in names]
            for part in strings or (["xl/sharedStrings.xml"] if "xl/sharedStrings.xml" in names else []):
                _check_shared_strings(z, part, str(path), cells, lim)
    except (zipfile.BadZipFile, OSError, KeyError, zlib.error):  # not a zip (.xls) or broken: the reader says
        return


_SHARED_STRING = re.compile(rb"<(?:\w{1,20}:)?si[\s/>]")
_OVERRIDE = re.compile(rb"<(?:\w{1,20}:)?Override\b[^<>]*>")  # [^<>]: each "<" starts one scan (linear)
_ATTR = re.compile(rb'(PartName|ContentType)\s*=\s*["\']([^"\']*)["\']')
_SHEET_TYPES = ("worksheet+xml", "chartsheet+xml", "dialogsheet+xml")


def _content_types(z: zipfile.ZipFile) -> dict[str, str]:
    """Part name (without the leading ``/``) → content type, from ``[Content_Types].xml``."""
    try:
        raw = z.read("[Content_Types].xml")
    except KeyError:
        return {}
    out = {}
    for m in _OVERRIDE.finditer(raw):
        attrs = dict(_ATTR.findall(m.group(0)))
        if b"PartName" in attrs and b"ContentType" in attrs:
            out[attrs[b"PartName"].decode("utf-8", "replace").lstrip("/")] = attrs[b"ContentType"].decode(
                "utf-8", "replace")
    return out


def _check_shared_strings(z: zipfile.ZipFile, part: str, path: str, cells: int | None, lim: Limits) -> None:
    """Count the ``<si>`` entries of the shared-string part (streamed, never loaded whole)."""
    n, carry = 0, b""
    with z.open(part) as f:
        while True:
            chunk = f.read(1 << 20)
            buf = carry + chunk
            if not chunk:
                n += len(_SHARED_STRING.findall(buf))
                break
            # an entry (at most 25 bytes, one "<") can straddle the chunk's end only if it starts
            # at the last "<" near the end: that tail waits for the next chunk
            cut = buf.rfind(b"<")
            if cut < 0 or len(buf) - cut > 32:
                cut = len(buf)
            n += len(_SHARED_STRING.findall(buf, 0, cut))
            carry = buf[cut:]
            if n > lim.strings:
                break
    if n > lim.strings:
        raise _refuse(path, f"the workbook's sharedStrings lists more than {lim.strings:,} strings", "strings",
                      lim.strings)
    if cells is not None and n > cells + 1000 and lim.strings <= Limits.strings:  # not raised by the user
        raise _refuse(path, f"the workbook's sharedStrings lists {n:,} strings but its sheets declare only "
                      f"{cells:,} cells (strings no cell uses)", "strings", lim.strings)


def check_markup(path: Path) -> None:
    """Refuse an XML file with one tag (its attributes) or text run longer than the
    ``cell_chars`` limit, found in one pass over the bytes before the parser sees them."""
    import numpy as np  # here, not at the top: the command line imports this module before it parses

    lim = limits()
    raw = np.fromfile(path, dtype=np.uint8)
    marks = np.flatnonzero((raw == 60) | (raw == 62))  # "<" and ">"
    bounds = np.concatenate(([-1], marks, [raw.size]))
    gaps = np.diff(bounds) - 1
    for i in np.flatnonzero(gaps > lim.cell_chars):  # bytes over the limit: count the characters
        run = raw[bounds[i] + 1: bounds[i + 1]].tobytes()
        chars = len(run.decode("utf-8", errors="replace"))
        if chars > lim.cell_chars:
            raise _refuse(str(path), f"one tag or text run at byte {bounds[i] + 1:,} holds {chars:,} characters",
                          "cell_chars", lim.cell_chars)


def check_table_shape(path: str, n_rows: int, n_columns: int) -> None:
    """Refuse a text table with more records or header fields than the limits allow."""
    lim = limits()
    if n_columns > lim.columns:
        raise _refuse(path, f"the header has {n_columns:,} fields", "columns", lim.columns)
    if n_rows > lim.rows:
        raise _refuse(path, f"the table has {n_rows:,} records", "rows", lim.rows)


__all__ = ["MEMORY_MODEL", "Limits", "check_file_size", "check_markup", "check_table_shape", "check_workbook", "limits",
           "memory_estimate", "parse_size", "set_limits"]
