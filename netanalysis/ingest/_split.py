"""From raw cells to applicant mentions: one row per (record, applicant) before any check.

Readers call these on their records; the pipeline (:mod:`._pipeline`) takes it from there.
"""

from __future__ import annotations

import html

import pandas as pd

from .._regex import re_contains, re_fullmatch, re_replace
from ..entities import on_distinct
from ..regions import region_from_address

#: Between the codes or inventors of one cell (``;``, ``;;``, ``|`` or a new line).
LIST_SEPARATOR = r"\s*(?:;;|;|\||\n)\s*"
#: A cell :func:`joined_list` leaves as it is under a separator: for :data:`LIST_SEPARATOR`, items
#: ``"; "``-joined, each without a separator character (``;``, ``|``, a line feed, or the unit
#: separator the joining uses) and without a blank at either end.
_ITEM = r"[^\s;|](?:[^;|\n\x1f]*[^\s;|])?"
_ALREADY_JOINED = {LIST_SEPARATOR: rf"{_ITEM}(?:; {_ITEM})*"}
_HTML_ENTITY = r"&(?:amp|lt|gt|quot|apos|nbsp|#\d{2,5}|#x[0-9a-fA-F]{2,4});"
_ADDRESS_IN_NAME = r"^(?P<name>.*?\S)\s*\((?P<addr>[^()]*)\)\s*$"
#: Not inside a run of blanks (a match starts where the run starts, or at a non-blank).
_NOT_MID_BLANK = r"(?:(?<!\s)|(?!\s))"


def linear_separator(sep: str) -> str:
    r"""``sep`` (a regular expression) made linear when it starts with ``\s*`` or ``\s+``.

    Searched over a long run of blanks, ``\s*[|;]\s*`` is tried from every blank of the run
    and scans the rest of it each time: quadratic (10 s for 10,000 blanks).  Tried only where
    a run starts, it finds the same separators (a match never starts inside a run: the run's
    start would have matched first) in one pass.

    Examples
    --------
    >>> import re
    >>> re.split(linear_separator(r"\s*[|;]\s*"), "a | b;c ; ; d")
    ['a', 'b', 'c', '', 'd']
    """
    return f"{_NOT_MID_BLANK}(?:{sep})" if sep.startswith((r"\s*", r"\s+")) else sep


def split_cell(
    records: pd.DataFrame, column: str, sep: str, address_column: str | None = None
) -> pd.DataFrame:
    """Explode a cell holding several applicants into one row per mention.

    ``sep`` is a regular expression (e.g. ``r"\\|"`` or ``";;"``).  Empty pieces are
    dropped; a record whose cell is empty keeps one row with ``applicant_raw = <NA>``.
    Addresses in ``address_column`` are split the same way and aligned by position.
    """
    cells = records[column].astype("string")
    escaped = cells.str.contains(_HTML_ENTITY, regex=True).fillna(False).astype(bool)
    if escaped.any():  # AT&amp;T, exported through a web page: the ';' is not a separator
        cells[escaped] = cells[escaped].map(html.unescape)
    sep = linear_separator(sep)
    parts = cells.str.split(sep, regex=True)
    drop = [column] + ([address_column] if address_column in records else [])
    out = records.drop(columns=drop).assign(applicant_raw=parts).explode("applicant_raw")
    out["applicant_raw"] = out["applicant_raw"].astype("string").str.strip()
    out["applicant_seq"] = out.groupby(level=0).cumcount() + 1
    if address_column is not None and address_column in records:
        addr = records[address_column].astype("string").str.split(sep, regex=True)
        n_addr = addr.map(len, na_action="ignore").astype("Float64").fillna(-1).to_numpy(dtype=float)
        n_name = parts.map(len, na_action="ignore").astype("Float64").fillna(-2).to_numpy(dtype=float)
        aligned = n_addr == n_name  # misaligned cells: do not guess
        addr = addr[aligned].explode().astype("string").str.strip().to_frame("address_raw")
        addr["applicant_seq"] = addr.groupby(level=0).cumcount() + 1
        out = out.reset_index().merge(
            addr.reset_index(), on=[out.index.name or "index", "applicant_seq"], how="left"
        ).set_index(out.index.name or "index")
    empty = out["applicant_raw"].isna() | out["applicant_raw"].eq("")
    # keep one placeholder row for a record with no name at all, so it is accounted for
    has_any = (~empty).groupby(level=0).transform("any")
    keep = ~empty | (~has_any & ~out.index.duplicated(keep="first"))
    out = out[keep].copy()
    out.loc[out["applicant_raw"].eq("").fillna(False), "applicant_raw"] = pd.NA
    return out


def split_address_in_name(mentions: pd.DataFrame) -> pd.DataFrame:
    """Move a trailing ``(address)`` out of applicant names into ``address_raw``.

    KIPRIS web exports write ``삼성디스플레이 주식회사(경기 용인시 기흥구…)``.  The
    parenthesis counts as an address only when it names a Korean sido or a country, so
    ``(주)대경`` or ``Foo (Korea branch)`` style names are left alone unless they do.
    """
    m = mentions.copy(deep=False)  # (copy-on-write: the columns replaced below are new, the others shared)
    names = m["applicant_raw"].astype("string").reset_index(drop=True)
    # extracted only where the pattern matches (elsewhere both groups are missing); the kernel tries it
    # only on the names holding a parenthesis, which every match holds (a national table's names hold few)
    parts = pd.DataFrame({"name": pd.Series(pd.NA, index=names.index, dtype="string"),
                          "addr": pd.Series(pd.NA, index=names.index, dtype="string")})
    has = re_contains(names, _ADDRESS_IN_NAME).fillna(False).to_numpy(dtype=bool)
    if has.any():
        parts.loc[has, ["name", "addr"]] = names[has].str.extract(_ADDRESS_IN_NAME).to_numpy()
    cand = parts["addr"].notna().to_numpy()
    given = "address_raw" in m
    if not given and not cand.any():  # (an absent column reads as missing: no all-empty column per mention)
        return m
    addr = (m["address_raw"].astype("string").reset_index(drop=True) if given
            else pd.Series(pd.NA, index=names.index, dtype="string"))
    if cand.any():
        loc = region_from_address(parts.loc[cand, "addr"])
        is_addr = pd.Series(False, index=parts.index)
        is_addr[cand] = (loc["country"] != "").to_numpy()
        no_addr = addr.isna() | addr.eq("")
        addr = addr.mask(is_addr & no_addr, parts["addr"])
        names = names.mask(is_addr, parts["name"])
    m["address_raw"] = addr.array  # (the text stays in Arrow: no Python string per mention)
    m["applicant_raw"] = names.array
    return m


def joined_list(cell: pd.Series, sep: str) -> pd.Series:
    """A cell holding a list (IPC codes, inventors) in the source's separator → ``"; "``-joined,
    items stripped, empty items dropped; empty cells stay missing.

    Examples
    --------
    >>> joined_list(pd.Series(["B24B 3/34|B23Q 17/24 ", None, " | "]), r"\\|").tolist()
    ['B24B 3/34; B23Q 17/24', <NA>, <NA>]
    """
    return _joined_list(cell.astype("string"), sep)


def union_by_key(keys: pd.Series, cells: pd.Series) -> pd.Series:
    """Per row, the distinct ``"; "``-joined items of every cell of its key, in order of first
    appearance (a long table's rows of one patent, each naming one technology field).

    Examples
    --------
    >>> union_by_key(pd.Series(["p1", "p1", "p2", "p3", "p3"]),
    ...              pd.Series(["Optics", "Transport; Optics", None, None, "Optics"])).tolist()
    ['Optics; Transport', 'Optics; Transport', <NA>, 'Optics', 'Optics']
    """
    text = cells.astype("string")
    text = text.where(text.str.strip().fillna("") != "")
    group = text.groupby(keys.to_numpy(), sort=False)
    distinct = group.transform("nunique").to_numpy()
    gaps = text.isna().groupby(keys.to_numpy(), sort=False).transform("any").to_numpy(bool)
    varied = (distinct > 1) | (gaps & (distinct > 0))  # rows that differ, or a row without the others' value
    if not varied.any():  # every key's rows agree (a native reader's joined cells): nothing to unite
        return text.where(text.fillna("") != "")
    items = text[varied].str.split(r"\s*;\s*", regex=True).explode()
    items = items[items.notna() & (items != "")]
    long = pd.DataFrame({"k": keys.loc[items.index].to_numpy(), "v": items.astype(str).to_numpy()}).drop_duplicates()
    united = keys.map(long.groupby("k", sort=False)["v"].agg("; ".join))
    return text.where(~varied, united.astype("string")).where(lambda t: t.fillna("") != "")


def _joined_list(cell: pd.Series, sep: str) -> pd.Series:
    """:func:`joined_list` of a ``string`` column: the separator rules (:func:`_rules`) once per distinct
    cell (an application's inventors repeat on each of its applicant rows), and only on the cells they
    change where that is known (:data:`_ALREADY_JOINED`: a national table's inventors are mostly
    written ``A; B`` already; one pass over the rows finds them, cheaper than numbering the cells)."""
    if sep not in _ALREADY_JOINED:
        return on_distinct(cell, lambda c: _rules(c, sep))
    done = re_fullmatch(cell, _ALREADY_JOINED[sep]).fillna(False).to_numpy(dtype=bool)
    out = cell.copy()
    if not done.all():
        out[~done] = on_distinct(cell[~done], lambda c: _rules(c, sep)).to_numpy()
    return out


def _rules(cell: pd.Series, sep: str) -> pd.Series:
    # whole-column string operations, once per distinct cell (an application's inventors repeat on
    # each of its applicant rows): every separator, with the blanks and empty items around it,
    # becomes one unit separator, then "; "
    # (RE2 is linear without the look-arounds of linear_separator, which Python needs: same matches)
    unit = re_replace(cell, sep, "\x1f", python=linear_separator(sep))
    unit = re_replace(unit, r"\s*\x1f[\s\x1f]*", "\x1f", python=linear_separator(r"\s*\x1f[\s\x1f]*"))
    unit = unit.str.strip().str.strip("\x1f")
    joined = unit.str.replace("\x1f", "; ", regex=False)
    return joined.mask(joined.fillna("") == "")
