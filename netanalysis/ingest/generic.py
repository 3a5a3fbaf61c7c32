"""Generic reader: any CSV / TSV / Excel / Parquet table with a user column mapping."""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from .._allocator import with_ingest_allocator
from .._codes import factorize, numbered, trimmed_categories
from .._errors import IngestError
from .._regex import re_contains
from ._pipeline import applications_from_mentions
from ._result import IngestResult
from ._split import LIST_SEPARATOR, joined_list, linear_separator, split_address_in_name, split_cell
from ._text import pick, read_raw_table

REQUIRED = ("patent_id", "year", "applicants")
#: Separators between applicants in one cell: ``;;`` (Lens), ``|`` (KIPRIS), ``;``.
DEFAULT_SEP = r"\s*(?:;;|[|;])\s*"
OPTIONAL = ("address", "title", "ipc", "technology", "inventors", "grant_date", "country", "region", "state", "city",
            "actor_type")


@with_ingest_allocator
def read_table(
    path: str | os.PathLike,
    columns: Mapping[str, str],
    *,
    sep: str = DEFAULT_SEP,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
    encoding: str | None = None,
    layout: str = "auto",
    source_types: pd.DataFrame | str | os.PathLike[str] | None = None,
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
        ``technology`` (a classification other than IPC, e.g. PATSTAT's WIPO ``techn_field``;
        several per cell separated as IPC codes are; in a long table the union over a
        patent's rows), ``grant_date``, ``country`` (ISO alpha-2 or a country name per record),
        ``region`` (a region code or name of any scheme: NUTS ``ITC4C``, ISO ``DE-BY``,
        ``KR-27``, a Korean administrative code, a user table's code), ``state`` (a
        state or province, read with the country: ``CA`` + ``US`` → ``US-CA``), ``city``
        (read as address text when there is no address), ``actor_type`` (a type the source
        gives: PATSTAT ``psn_sector``, a sector column, free text; mapped through
        :func:`netanalysis.classify.load_source_types`, ``type_reason = source:<label>``).
        A column may be given as alternatives, ``"techn_field|techn_fields"``: each file uses
        the first it has (exports of one query whose headers differ).
    sep : str
        Regular expression separating several applicants in one cell.
    encoding : str, optional
        Text encoding of a CSV; detected when not given.
    aliases : DataFrame or path, optional
        The user's alias/override table (see :func:`netanalysis.entities.load_alias_table`).
    firm_sizes : DataFrame or path, optional
        The user's firm-size table (``applicant_id``, ``size`` = large | sme).
    layout : {"auto", "wide", "long"}
        ``wide``: one row per patent, its applicants joined in one cell; ``long``: one row
        per patent × applicant (PATSTAT, Orbis, Derwent, in-house extracts), the rows of a
        patent id are its applicants and only a repeated (patent, applicant) pair is a
        duplicate mention (merged and counted, e.g. PATSTAT's rows per technology field).
        ``auto`` (default) chooses by :func:`detect_table_layout` and the report says which.
    source_types : DataFrame or path, optional
        Extra mappings of the ``actor_type`` column's labels (see
        :func:`netanalysis.classify.load_source_types`); a label no table knows gives
        ``other`` with ``type_reason = source:<label>``.

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
    ['firm', 'university']
    """
    missing = [k for k in REQUIRED if k not in columns]
    unknown = [k for k in columns if k not in REQUIRED + OPTIONAL]
    if missing or unknown:
        raise IngestError(
            f"columns mapping: missing key(s) {missing}, unknown key(s) {unknown}; expected "
            f"{list(REQUIRED)} and optionally {list(OPTIONAL)}",
            path=str(path),
        )
    _refuse_shared_columns(columns, str(path))
    wanted = [_alternatives(c) for c in columns.values()]
    try:
        t = read_raw_table(
            path,
            lambda row: all(pick(row, *c) is not None for c in wanted),
            "the mapped columns " + ", ".join(repr("|".join(c)) for c in wanted),
            encoding=encoding,
        )
    except IngestError as e:
        raise _missing_columns(e, path, columns, encoding) from e
    rec = pd.DataFrame(index=t.data.index)
    names = {
        "patent_id": "patent_id", "year": "date_raw", "applicants": "applicants",
        "address": "addresses", "title": "title", "ipc": "ipc", "technology": "technology", "inventors": "inventors",
        "grant_date": "grant_raw",
        "country": "country_hint", "region": "region_hint", "actor_type": "type_hint",
        "state": "state_hint", "city": "city_hint",
    }
    for k, c in columns.items():
        rec[names[k]] = t.data[pick(t.header, *_alternatives(c))]
    if layout not in ("auto", "wide", "long"):
        raise IngestError(f"layout={layout!r}; expected 'auto', 'wide' or 'long'", path=t.path)
    # lists in one cell, "; "-joined, in a thread beside the layout test (each reads its own columns;
    # RE2 and Arrow let go of the interpreter)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="netanalysis-lists") as pool:
        lists = {k: pool.submit(joined_list, rec[k], LIST_SEPARATOR)
                 for k in ("ipc", "technology", "inventors") if k in rec}
        if layout == "auto":  # the ids stripped and numbered once: the test counts the codes, the steps read them
            joined = pool.submit(_separator_share, rec["applicants"], sep)  # (in the thread, after the lists)
            rec["patent_id"] = numbered(rec["patent_id"].astype("string").str.strip())
            layout, why = _layout_of(_repeated_share(rec["patent_id"]), joined.result())
        else:
            why = "given"
        for k in list(lists):  # (each future let go once read: it holds the whole column)
            rec[k] = lists.pop(k).result()
    rec["source_file"] = t.path
    if layout == "long":  # one applicant per row: the cell is not split
        mentions = rec.rename(columns={"applicants": "applicant_raw", "addresses": "address_raw"})
        cleaned = mentions["applicant_raw"].astype("string").str.strip()
        mentions["applicant_raw"] = cleaned.mask(cleaned == "")
        del cleaned
    else:
        mentions = split_cell(rec, "applicants", sep, address_column="addresses")
    bad = [(t.path, r, why_bad, raw) for r, why_bad, raw in t.bad_rows]
    mapped = {k: str(pick(t.header, *_alternatives(c))) for k, c in columns.items()}
    # handed over with no name left here, so that the steps can free the columns they replace
    # (the raw table and its renamed copy are freed before the steps)
    handed = [split_address_in_name(mentions).reset_index()]
    t.data = t.data.iloc[:0]
    del rec, mentions
    return applications_from_mentions(
        handed.pop(), reader="generic", source_files=[t.path], bad_rows=bad, encoding=t.encoding,
        notes=[f"layout {layout} ({why})", *t.notes], aliases=aliases, firm_sizes=firm_sizes, layout=layout,
        source_types=source_types, columns=mapped,
    )


def _alternatives(column: str) -> list[str]:
    """``"techn_field|techn_fields"`` → ``["techn_field", "techn_fields"]`` (the first a file has is read)."""
    return [a.strip() for a in str(column).split("|") if a.strip()] or [str(column)]


def _missing_columns(error: IngestError, path: str | os.PathLike, columns: Mapping[str, str],
                     encoding: str | None) -> IngestError:
    """The header-not-found error of a file that has most mapped columns, naming the ones it lacks
    and its closest headers (``techn_field`` → ``techn_fields``); any other error as it was."""
    import difflib

    if "no header row found" not in str(error):
        return error
    try:
        first = read_raw_table(path, lambda row: sum(v.strip() != "" for v in row) >= 2, "a header row",
                               encoding=encoding).header
    except IngestError:
        return error
    lacking = {k: c for k, c in columns.items() if pick(first, *_alternatives(c)) is None}
    if not lacking or len(lacking) == len(columns):
        return error
    said = []
    for k, c in lacking.items():
        near = difflib.get_close_matches(_alternatives(c)[0], [h for h in first if h], n=1, cutoff=0.75)
        hint = (f"; it has {near[0]!r}: give {k}={near[0]}, or {k}={c}|{near[0]} to read whichever column "
                "each file has" if near else "")
        said.append(f"no column {c!r} for {k}{hint}")
    return IngestError("no header row found with every mapped column: " + "; ".join(said), path=str(path),
                       column=_alternatives(next(iter(lacking.values())))[0])


def _refuse_shared_columns(columns: Mapping[str, str], path: str) -> None:
    """Refuse a mapping that gives one column two roles (``patent_id=id,year=id``): the ids
    would become years.  Column names compare as the reader matches them (trimmed, any case)."""
    roles: dict[str, list[str]] = {}
    for key, col in columns.items():
        roles.setdefault(str(col).strip().casefold(), []).append(key)
    shared = {col: keys for col, keys in roles.items() if len(keys) > 1}
    if shared:
        col, keys = next(iter(shared.items()))
        raise IngestError(
            f"columns mapping: column {columns[keys[0]]!r} is given two roles ({' and '.join(keys)}); "
            "each column can fill one role",
            path=path, column=str(columns[keys[0]]),
        )


def detect_table_layout(patent_id: pd.Series, applicants: pd.Series, sep: str = DEFAULT_SEP) -> tuple[str, str]:
    """Tell a long table (one row per patent × applicant) from a wide one (applicants joined in a cell).

    Parameters
    ----------
    patent_id : pandas.Series
        The patent id column.
    applicants : pandas.Series
        The applicant column.
    sep : str
        The separator a wide table would use between applicants (regular expression).

    Returns
    -------
    (str, str)
        ``"long"`` or ``"wide"``, and the evidence in words.

    Notes
    -----
    Long when some patent ids occur on more than one row and fewer than 5 % of the
    applicant cells hold a separator; wide otherwise (a wide export with overlapping pages
    also repeats ids, but its cells hold several names).

    Examples
    --------
    >>> ids = pd.Series(["P1", "P1", "P2"])
    >>> detect_table_layout(ids, pd.Series(["A", "B", "C"]))[0]
    'long'
    >>> detect_table_layout(ids.iloc[[0, 2]], pd.Series(["A; B", "C"]))[0]
    'wide'
    """
    return _layout_of(_repeated_share(patent_id), _separator_share(applicants, sep))


def _repeated_share(patent_id: pd.Series) -> float:
    """:func:`detect_table_layout`'s share of the rows with an id (trimmed, not empty) that another
    row has too."""
    # the ids numbered (Arrow's dictionary encoding of pandas' Arrow text; the codes of a categorical whose
    # categories are trimmed, as read_table hands them over) and the numbers counted (10 M ids: 2.2 s;
    # Arrow's value_counts took 4.6 s)
    distinct = trimmed_categories(patent_id)
    if distinct is not None:
        blank = np.r_[distinct.eq("").to_numpy(dtype=bool), True]  # (the last: a missing id, code -1)
        code = patent_id.cat.codes.to_numpy(dtype=np.int64)
        code = code[~blank[code]]
    else:
        ids = patent_id.astype("string").str.strip()
        code = factorize(ids[ids.notna() & (ids != "")])[0]
    if not len(code):
        return 0.0
    counts = np.bincount(code)
    return float(counts[counts > 1].sum() / len(code))


def _separator_share(applicants: pd.Series, sep: str) -> float:
    """:func:`detect_table_layout`'s share of the applicant cells that hold the separator ``sep``."""
    cells = applicants.astype("string").dropna()
    return float(re_contains(cells, sep, python=linear_separator(sep)).mean()) if len(cells) else 0.0


def _layout_of(repeated: float, joined: float) -> tuple[str, str]:
    """:func:`detect_table_layout`'s verdict and its evidence in words, from the two shares."""
    evidence = (f"{repeated:.0%} of rows share their patent id with another row, "
                f"{joined:.0%} of applicant cells hold a separator")
    return ("long" if repeated > 0 and joined < 0.05 else "wide"), evidence
