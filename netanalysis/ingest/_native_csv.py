"""Large delimited tables (PATSTAT's ``tls*`` CSVs, OECD REGPAT's ``|`` files) read by Arrow.

Only the named columns are read, as strings, in blocks (:func:`pyarrow.csv.open_csv`); a table
whose rows are not records (PATSTAT's applications and persons) is filtered block by block to
the keys the records name, so memory follows the extract's size, not the file's.  A row that
cannot be split into the header's number of fields is not lost: :func:`read_columns` returns it
with its 1-based record number and a reason.

Files may be plain (``.csv``, ``.txt``), ``.gz`` / ``.bz2`` (decompressed by Arrow) or a
``.zip`` holding one table (EPO ships each PATSTAT part as ``tls206_part01.zip`` holding
``tls206_part01.csv``).
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import os
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from .._errors import IngestError

#: File name endings a native table may have.
SUFFIXES = (".csv", ".txt", ".tsv", ".gz", ".bz2", ".zip")
#: Delimiters tried on the header line (PATSTAT: comma; REGPAT: pipe).
DELIMITERS = (",", "|", "\t", ";")
#: Bytes per Arrow block (4 MiB: as fast as 16 MiB on PATSTAT tables, a third less peak memory).
BLOCK_SIZE = 1 << 22


@dataclass(frozen=True)
class TableFile:
    """A delimited table: its path, delimiter and header (lower-cased and as written)."""

    path: Path
    delimiter: str
    columns: tuple[str, ...]
    written: tuple[str, ...]

    def has(self, *names: str) -> bool:
        """True when every name is a column (case-insensitive)."""
        return all(n in self.columns for n in names)

    def original(self, name: str) -> str:
        """The column's name as the header writes it."""
        return self.written[self.columns.index(name)]


@contextmanager
def open_binary(path: Path) -> Iterator[IO[bytes] | str]:
    """The table's bytes: a path Arrow opens itself (plain, .gz, .bz2) or a zip's one member."""
    if path.suffix.lower() != ".zip":
        yield str(path)
        return
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise IngestError(f"not a readable zip archive ({e})", path=str(path)) from e
    with z:
        members = [i for i in z.infolist() if not i.is_dir()]
        if len(members) != 1 or members[0].filename.lower().endswith(".zip"):
            names = ", ".join(i.filename for i in members[:5]) or "nothing"
            raise IngestError(f"the archive holds {names}; expected exactly one CSV table (unzip EPO's outer "
                              "data_PATSTAT_Global_*.zip first: it holds one zip per table part)", path=str(path))
        with z.open(members[0]) as f:
            yield f


@contextmanager
def raw_bytes(path: Path) -> Iterator[IO[bytes]]:
    """The table's decompressed bytes as a Python stream (.gz, .bz2, a zip's one member, or plain)."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        with open_binary(path) as member:
            assert not isinstance(member, str)
            yield member
        return
    opener: Any = {".gz": gzip.open, ".bz2": bz2.open}.get(suffix, open)
    with opener(path, "rb") as f:
        yield f


def _first_line(path: Path) -> bytes:
    with raw_bytes(path) as f:
        return f.readline(1 << 16)


def sniff(path: str | os.PathLike[str]) -> TableFile | None:
    """The header of a delimited table, or None when the file is not one.

    Parameters
    ----------
    path : path
        A file of one of :data:`SUFFIXES`.

    Returns
    -------
    TableFile or None
        The delimiter is the one of :data:`DELIMITERS` splitting the first line into most fields.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x_EPO_IPC.txt"
    >>> _ = f.write_text("Appln_id|prio_year|IPC\\n1|2010|A01B\\n")
    >>> t = sniff(f)
    >>> t.delimiter, t.columns
    ('|', ('appln_id', 'prio_year', 'ipc'))
    """
    p = Path(path)
    if not p.is_file() or not p.name.lower().endswith(SUFFIXES):
        return None
    try:
        line = _first_line(p)
    except (OSError, EOFError, IngestError, zipfile.BadZipFile):
        return None
    text = line.decode("utf-8-sig", errors="replace").rstrip("\r\n")
    if not text:
        return None
    delim = max(DELIMITERS, key=text.count)
    written = tuple(c.strip().strip('"').strip() for c in text.split(delim))
    return TableFile(p, delim, tuple(c.lower() for c in written), written)


def _record_numbers_of_bad_rows(path: Path, delimiter: str, n_fields: int) -> list[int]:
    """1-based record numbers of the rows that do not split into ``n_fields`` fields (a slow pass,
    run only when Arrow met such rows: it does not tell where they were)."""
    with raw_bytes(path) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as text:
        rows = csv.reader(text, delimiter=delimiter)
        next(rows, None)
        return [i for i, row in enumerate(rows, start=1) if len(row) != n_fields and row]


def _stream(table: TableFile, present: list[str], typed: list[str], keep: tuple[str, Any] | None,
            bad_text: list[str]) -> tuple[list[Any], list[np.ndarray], int]:
    """Arrow's streaming reader over the table: the batches (filtered by ``keep``), each kept row's
    0-based position among the rows Arrow split, and how many rows it split."""
    import pyarrow as pa
    import pyarrow.csv as pv

    names = [table.original(c) for c in present]

    def invalid(row: Any) -> str:
        bad_text.append(str(row.text)[:300])
        return "skip"

    types = {table.original(c): (pa.int64() if c in typed else pa.string()) for c in present}
    opts = dict(
        read_options=pv.ReadOptions(block_size=BLOCK_SIZE, encoding="utf8"),
        parse_options=pv.ParseOptions(delimiter=table.delimiter, newlines_in_values=True,
                                      invalid_row_handler=invalid),
        convert_options=pv.ConvertOptions(include_columns=names, column_types=types,
                                          strings_can_be_null=False, quoted_strings_can_be_null=False),
    )
    lookup = None
    if keep is not None:  # one hash table for every block (Arrow's is_in would rebuild it per block)
        values = np.asarray(keep[1])
        lookup = pd.Index(values.astype(np.int64) if keep[0] in typed else values.astype(str))
        key = table.original(keep[0])
    batches, starts, seen = [], [], 0
    with open_binary(table.path) as src:
        for batch in pv.open_csv(src, **opts):
            n = batch.num_rows
            if lookup is not None:
                hit = lookup.get_indexer(batch.column(key).to_numpy(zero_copy_only=False)) >= 0
                batch = batch.filter(pa.array(hit))
                starts.append(np.flatnonzero(hit) + seen)
            else:
                starts.append(np.arange(seen, seen + n))
            batches.append(batch)
            seen += n
    return batches, starts, seen


def read_columns(
    table: TableFile,
    wanted: Sequence[str],
    *,
    keep: tuple[str, Any] | None = None,
    numbered: bool = False,
    integers: Sequence[str] = (),
) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """Read some columns of a table as strings, block by block.

    Parameters
    ----------
    table : TableFile
        From :func:`sniff`.
    wanted : sequence of str
        Lower-cased column names; those the file lacks come back as empty strings.
    keep : (column, values), optional
        Keep only rows whose ``column`` is in ``values`` (integers when ``column`` is one of
        ``integers``, else text), applied to each block as it is read.
    numbered : bool
        Add ``source_row``, each row's 1-based record number in the file.
    integers : sequence of str
        Columns parsed as integers by Arrow (``int64``; ``float64`` with NaN where a cell is empty); when a
        cell is not an integer
        the file is read again as text and each of these columns cast where it can be (a column
        holding anything else stays text for the caller to judge cell by cell).

    Returns
    -------
    (pandas.DataFrame, list of (int, str, str))
        The columns (``string[pyarrow]``, missing cells empty) and the rows that could not be
        split: record number, reason and raw text.

    Raises
    ------
    IngestError
        When the file cannot be decoded or parsed at all.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    present = [c for c in wanted if c in table.columns]
    typed = [c for c in integers if c in present]
    bad_text: list[str] = []
    try:
        batches, starts, seen = _stream(table, present, typed, keep, bad_text)
    except pa.ArrowInvalid as e:
        if not typed or "conversion error" not in str(e):
            raise IngestError(f"cannot read as a {table.delimiter!r}-delimited UTF-8 table ({e})",
                              path=str(table.path)) from e
        bad_text.clear()  # a cell that is not an integer: read as text, the caller judges each cell
        typed = []
        try:
            batches, starts, seen = _stream(table, present, typed, keep, bad_text)
        except pa.ArrowInvalid as e2:
            raise IngestError(f"cannot read as a {table.delimiter!r}-delimited UTF-8 table ({e2})",
                              path=str(table.path)) from e2
    if batches:
        tbl = pa.Table.from_batches(batches).rename_columns(present)
        for c in integers:
            if c in present and c not in typed:
                try:
                    tbl = tbl.set_column(present.index(c), c, pc.cast(tbl.column(c), pa.int64()))
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                    pass  # not all integers: left as text
        # text stays Arrow-backed; integers without gaps become numpy int64 (with gaps: float, judged by the caller)
        df = tbl.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    else:
        df = pd.DataFrame({c: pd.Series([], dtype="string[pyarrow]") for c in present})
    for c in wanted:
        if c not in df:
            df[c] = pd.Series("", index=df.index, dtype="string[pyarrow]")
    bad: list[tuple[int, str, str]] = []
    position = np.concatenate(starts) if starts else np.zeros(0, dtype=np.int64)
    if bad_text:
        numbers = _record_numbers_of_bad_rows(table.path, table.delimiter, len(table.columns))
        if len(numbers) != len(bad_text):  # the two parsers disagree: refuse rather than misnumber
            raise IngestError(f"{len(bad_text)} row(s) do not split into the header's {len(table.columns)} fields "
                              f"(first: {bad_text[0][:120]!r}); fix the file's quoting", path=str(table.path))
        reason = f"the row does not split into the header's {len(table.columns)} {table.delimiter!r}-separated fields"
        bad = [(n, reason, t) for n, t in zip(numbers, bad_text, strict=True)]
        good = np.setdiff1d(np.arange(1, seen + len(numbers) + 1), np.asarray(numbers))
        record = good[position]
    else:
        record = position + 1
    if numbered:
        df["source_row"] = record.astype(np.int64)
    return df[[*wanted, *(["source_row"] if numbered else [])]], bad


def joined_by_key(keys: pd.Series, values: pd.Series, sep: str = "; ") -> pd.Series:
    """``values`` joined per key in their order, by Arrow (the values put in key order by a stable
    sort of the keys' numbers, cut into one list per key at the counts' offsets, then one join per
    list: no Python string per value, no hash table of lists).

    Parameters
    ----------
    keys, values : pandas.Series
        Same index; missing or blank values are skipped; order within a key is kept.

    Returns
    -------
    pandas.Series of str
        Indexed by key, in order of first appearance (Arrow-backed strings); a key whose values are
        all missing or blank is left out.

    Examples
    --------
    >>> joined_by_key(pd.Series(["a", "b", "a", "b"]), pd.Series(["x", "y", "z", " "])).to_dict()
    {'a': 'x; z', 'b': 'y'}
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if keys.empty:
        return pd.Series([], dtype="string[pyarrow]")
    v = pa.array(values.astype("string[pyarrow]").array, type=pa.large_string())
    if isinstance(v, pa.ChunkedArray):  # (a column read in blocks)
        v = v.combine_chunks()
    ok = pc.fill_null(pc.not_equal(pc.utf8_trim_whitespace(v), ""), False).to_numpy(zero_copy_only=False)
    if isinstance(keys.dtype, pd.StringDtype) and not keys.isna().any():
        k: Any = keys.reset_index(drop=True)  # (Arrow-backed text numbered as it is: no Python string per key)
    else:
        k = keys.to_numpy() if keys.dtype.kind in "iu" else keys.astype(str).to_numpy()
    code, uniques = pd.factorize(k[ok])  # (numbered after the blanks are left: first appearance of a value)
    rows = np.flatnonzero(ok)
    if (code < 0).any():  # a missing key (a float NaN): its values are no key's
        rows, code = rows[code >= 0], code[code >= 0]
    v = v.take(pa.array(rows[np.argsort(code, kind="stable")]))  # by key, in order within it (one copy)
    count = np.bincount(code, minlength=len(uniques))
    offsets = np.zeros(len(uniques) + 1, dtype=np.int64)
    np.cumsum(count, out=offsets[1:])
    lists = pa.LargeListArray.from_arrays(pa.array(offsets), v)
    joined = pc.binary_join(lists, pa.scalar(sep, type=pa.large_string())).cast(pa.string())
    index = uniques.astype(str) if isinstance(uniques, pd.Index) else pd.Index(np.asarray(uniques))
    return pd.Series(pd.array(joined, dtype="string[pyarrow]"), index=index)
