"""OECD REGPAT tables — ``*_App_reg``, ``*_Inv_reg``, ``*_IPC`` — read and joined.

REGPAT (Maraut et al. 2008, OECD STI WP 2008/2) places EPO and PCT applications' applicants
and inventors in regions (NUTS 3 in Europe, TL3 elsewhere), one row per person × region with
the person's share in the region (``reg_share``) and the person's share of the application
(``app_share`` / ``inv_share``).  The files are ``|``-separated text with a header; older
editions capitalise the names (``Appln_id``, ``Reg_code``), which are matched in any case.

Tables are recognised by their headers: ``appln_id, app_name, reg_code, ctry_code`` is an
applicants table (``EPO_App_reg`` / ``PCT_App_reg``), ``appln_id, inv_name, reg_code,
ctry_code`` an inventors table, ``appln_id, ipc`` with ``app_year`` or ``prio_year`` the
``EPO_IPC`` / ``PCT_IPC`` table, which gives the year (REGPAT's person tables carry none) and
the IPC codes.  A PATSTAT ``tls201_appln`` part among the files gives the filing year instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .._allocator import with_ingest_allocator
from .._codes import as_text, first_rows
from .._errors import IngestError
from ..classify import InventorLists
from ..regions import regions_from_hints
from ._native_csv import TableFile, joined_by_key, read_columns
from ._pipeline import TablePath, applications_from_mentions
from .patstat import INVENTOR_COLUMNS, NativeResult, _as_text, _per_row, _taken, native_tables, table_role

SIGNATURES = {
    "app": ("appln_id", "app_name", "reg_code", "ctry_code"),
    "inv": ("appln_id", "inv_name", "reg_code", "ctry_code"),
    "ipc": ("appln_id", "ipc"),
}
APP_COLUMNS = ("appln_id", "person_id", "app_name", "address", "city", "postal_code", "reg_code", "ctry_code",
               "reg_share", "app_share")
INV_COLUMNS = ("appln_id", "person_id", "inv_name", "address", "city", "postal_code", "reg_code", "ctry_code",
               "reg_share", "inv_share")
IPC_COLUMNS = ("appln_id", "app_year", "prio_year", "ipc")


def regpat_role(table: TableFile) -> str:
    """Which REGPAT table a header is (``app``, ``inv``, ``ipc``), or ``""``.

    Examples
    --------
    >>> from pathlib import Path
    >>> regpat_role(TableFile(Path("x.txt"), "|", ("appln_id", "inv_name", "reg_code", "ctry_code"), ()))
    'inv'
    """
    for role in ("app", "inv"):
        if table.has(*SIGNATURES[role]):
            return role
    if table.has(*SIGNATURES["ipc"]) and (table.has("app_year") or table.has("prio_year")):
        return "ipc"
    return ""


def regpat_parts(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> dict[str, list[TableFile]]:
    """The REGPAT tables among ``source``'s files, and any PATSTAT ``tls201`` (``{"app": [...], ...}``)."""
    parts: dict[str, list[TableFile]] = {"app": [], "inv": [], "ipc": [], "tls201": []}
    for t in native_tables(source):
        role = regpat_role(t) or ("tls201" if table_role(t) == "tls201" else "")
        if role:
            parts[role].append(t)
    return parts


def is_regpat(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> bool:
    """True when ``source`` (a folder or files) holds a REGPAT applicants table (by its header).

    The detection rule of the ``regpat`` layout: an ``*_App_reg`` header (``appln_id, app_name,
    reg_code, ctry_code``, any case) among the files.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "202401_EPO_App_reg.txt").write_text("appln_id|app_name|reg_code|ctry_code\\n1|ACME|ITC4C|IT\\n")
    >>> is_regpat(d)
    True
    """
    try:
        return bool(regpat_parts(source)["app"])
    except IngestError:
        return False


def _read(parts: list[TableFile], columns: tuple[str, ...],
          numbered: bool) -> tuple[pd.DataFrame, list[tuple[str, int, str, str]]]:
    frames: list[pd.DataFrame] = []
    bad: list[tuple[str, int, str, str]] = []
    files = pd.Index([str(t.path) for t in parts])
    for i, t in enumerate(parts):
        df, broken = read_columns(t, columns, numbered=numbered)
        # (the file as a categorical: one name for millions of rows, not a string each)
        df["source_file"] = pd.Categorical.from_codes(np.full(len(df), i, dtype=np.int32), files)
        frames.append(df)
        bad.extend((str(t.path), n, f"REGPAT: {why}", raw) for n, why, raw in broken)
    return pd.concat(frames, ignore_index=True), bad


def _by_pair(first: pd.Series, second: pd.Series) -> np.ndarray:
    """A number per distinct (first, second) pair of each row, in order of first appearance (-1 where
    either is missing): two columns grouped together on integer codes, no string made per row."""
    a, _ = pd.factorize(first)
    b, b_vals = pd.factorize(second)
    code = pd.factorize(a.astype(np.int64) * max(len(b_vals), 1) + b)[0]
    return np.where((a < 0) | (b < 0), -1, code)


def _where_in(code: np.ndarray, uniques: Any, index: pd.Index) -> np.ndarray:
    """Per row (``code``: its distinct value's number in ``uniques``, -1: missing), the position of
    its value in the unique ``index`` (-1: not there), looked up once per distinct value: in Arrow's
    hash table for text (pandas' ``get_indexer`` makes a Python string of each: 2 s per lookup of
    2.6 M applications), else by pandas."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(index):
        return np.full(len(code), -1, dtype=np.int64)
    try:
        found = pc.index_in(pa.array(uniques, type=pa.large_string()),
                            value_set=pa.array(index.array, type=pa.large_string()))
        at = np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    except (pa.ArrowException, TypeError):  # (not text)
        at = np.asarray(index.get_indexer(uniques), dtype=np.int64)
    return np.where(code < 0, -1, at[code])


def _parsed(s: pd.Series, parse: Any) -> pd.Series:
    """``parse`` (whole-column) run once per distinct value of ``s`` and taken for each row (a
    share or a person number repeats on millions of rows)."""
    code, uniques = pd.factorize(s)
    return pd.Series(parse(pd.Series(uniques, dtype=s.dtype)).array.take(code, allow_fill=True))


def _person_numbers(s: pd.Series) -> pd.Series:
    """``person_id`` as ``Int64`` (missing where it is no number): cast by Arrow when every cell is a
    plain integer (its answer is then pandas'), else parsed by pandas once per distinct cell."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        arr = pc.cast(pc.utf8_trim_whitespace(pa.array(s.astype("string[pyarrow]").array, type=pa.large_string())),
                      pa.int64())
        return pd.Series(pd.array(arr, dtype=pd.ArrowDtype(pa.int64())).astype("Int64"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # an empty cell, a sign, a number in another form
        return _parsed(s, lambda u: pd.to_numeric(u.astype("string").str.strip(), errors="coerce").astype("Int64"))


def _share(s: pd.Series) -> pd.Series:
    return _parsed(s, lambda u: pd.to_numeric(u.astype("string").str.strip().str.replace(",", ".", regex=False),
                                              errors="coerce"))


def _address(df: pd.DataFrame) -> pd.Series:
    """``address``, with ``postal_code city`` appended where the edition has them (in Arrow: the
    blanks trimmed, the parts joined, the joint's commas and spaces trimmed; missing when empty)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.large_string()

    def trimmed(column: str) -> Any:
        arr = pa.array(df[column].astype("string[pyarrow]").array, type=text)
        return pc.fill_null(pc.utf8_trim_whitespace(arr), "")

    # (each step's text let go once used: a national table's 6.6 M addresses are a few hundred MB a copy)
    extra = pc.utf8_trim_whitespace(pc.binary_join_element_wise(trimmed("postal_code"), trimmed("city"),
                                                                pa.scalar(" ", type=text)))
    address = trimmed("address")
    joined = pc.utf8_trim(pc.binary_join_element_wise(address, extra, pa.scalar(", ", type=text)), characters=", ")
    out = pc.if_else(pc.equal(extra, ""), address, joined)
    del address, joined, extra
    out = pc.if_else(pc.equal(out, ""), pa.scalar(None, type=text), out)
    return pd.Series(pd.array(out, dtype="string[pyarrow]"), index=df.index)


def _years(parts: dict[str, list[TableFile]]) -> tuple[pd.Series, pd.Series, str]:
    """Year per appln_id (tls201 filing year, else REGPAT's app_year, else prio_year), IPC codes per
    appln_id, and where the year came from."""
    ipc_codes = pd.Series(dtype=object)
    if parts["tls201"]:
        frames = [read_columns(t, ("appln_id", "appln_filing_year"))[0] for t in parts["tls201"]]
        t201 = pd.concat(frames, ignore_index=True).drop_duplicates("appln_id")
        years = t201.set_index("appln_id")["appln_filing_year"]
        where = "tls201_appln.appln_filing_year"
    else:
        years, where = pd.Series(dtype=object), ""
    if parts["ipc"]:
        ipc, _ = _read(parts["ipc"], IPC_COLUMNS, numbered=False)
        col = "app_year" if (ipc["app_year"].astype("string").str.strip() != "").any() else "prio_year"
        if years.empty:
            first = ipc[ipc[col].astype("string").str.strip() != ""].drop_duplicates("appln_id")
            years = first.set_index("appln_id")[col]
            where = f"REGPAT *_IPC.{col}" + (" (application year)" if col == "app_year" else " (priority year)")
        codes = ipc.drop_duplicates(["appln_id", "ipc"])
        ipc_codes = joined_by_key(codes["appln_id"], codes["ipc"])
    return years, ipc_codes, where


def _stripped(values: pd.Series) -> Any:
    """Text stripped of its blanks, as pandas' text dtype (Arrow-backed from pandas 3: no Python string
    per cell; a missing value stays missing on every pandas version)."""
    return _as_text(values.astype("string").str.strip())


def _coded(per_pair: np.ndarray, pair: np.ndarray) -> pd.Categorical:
    """A value per distinct pair (``per_pair``) for each row (``pair``: its pair's number), held as a
    categorical (a few values on millions of rows)."""
    code, values = pd.factorize(per_pair)
    return pd.Categorical.from_codes(code[pair], pd.Index(values))


class _Inventors(NamedTuple):
    """REGPAT's inventors as :func:`_inventor_tables` gives them."""

    table: pd.DataFrame  #: the inventors table (:data:`INVENTOR_COLUMNS`)
    joined: pd.Series  #: each application's inventor names, ``"; "``-joined, indexed by ``appln_id``
    apps: pd.Index  #: the applications with inventors (``appln_id``, stripped)
    owner: np.ndarray  #: per (application, name) pair, its application's position in ``apps``
    code: np.ndarray  #: per pair, its name's position in ``names``
    names: pd.Index  #: the inventor names (stripped)


def _inventors(inv: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, pd.Index, np.ndarray, np.ndarray, pd.Index]:
    """REGPAT's inventors as the inventors table (:data:`INVENTOR_COLUMNS`), one row per region share.

    ``inventor_seq`` numbers an application's distinct inventor names (blanks stripped) in order of
    first appearance.  Whole-column work on integer codes: each region read once per distinct (code,
    country) pair, the names grouped by application on codes; text stays in Arrow (a national table:
    millions of rows).  ``inv`` is the reader's own frame and is consumed: each raw column is let go
    once its part of the table is built (a national table's 6.6 M rows: the peak of the read).  The
    columns of a few values (``country``, ``region``, ``region_code_raw``, ``region_source``,
    ``source_file``) are categoricals here, held so while the pipeline runs; :func:`_written` makes
    them text.  Also returns the first row of each (application, name) pair (the rows whose names
    :func:`joined_by_key` joins per application), the distinct applications, each pair's application
    and name as codes, and the distinct names.
    """
    # the addresses (Arrow text work, no other column read) joined in a thread beside the rest
    places = inv[["address", "postal_code", "city"]]
    for c in ("address", "postal_code", "city"):
        del inv[c]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="netanalysis-regpat-address") as pool:
        address = pool.submit(_address_text, places)
        del places
        table, first_row, apps, pair_app, pair_name, names = _inventor_columns(inv)
        table["address"] = address.result()
    frame = pd.DataFrame({c: table[c] for c in INVENTOR_COLUMNS}, copy=False)  # (a dict's default copy: twice)
    return frame, first_row, apps, pair_app, pair_name, names


def _address_text(places: pd.DataFrame) -> Any:
    """:func:`_address` as pandas' text dtype."""
    return _as_text(_address(places))


def _inventor_columns(inv: pd.DataFrame) -> tuple[dict[str, Any], np.ndarray, pd.Index, np.ndarray, np.ndarray,
                                                  pd.Index]:
    """:func:`_inventors`' columns but the address (``inv`` consumed), and what it returns beside them."""
    country = inv.pop("ctry_code").astype("string").str.strip().str.upper().fillna("")
    raw = inv.pop("reg_code").astype("string").str.strip().fillna("")
    pair = _by_pair(raw, country)  # (no missing code or country: each is "" there)
    at = first_rows(pair)
    raw_of = np.asarray(raw.array.take(at), dtype=object)  # per distinct (code, country) pair
    country_of = np.asarray(country.array.take(at), dtype=object)
    del country, raw
    region_of = regions_from_hints(pd.Series(raw_of), pd.Series(country_of)).to_numpy(dtype=object)

    table: dict[str, Any] = {
        "country": _coded(country_of, pair), "region": _coded(region_of, pair), "region_code_raw": _coded(raw_of, pair),
        "region_source": _coded(np.where(raw_of != "", "regpat", "").astype(object), pair),
    }
    del pair, raw_of, country_of, region_of
    table["person_id"] = _person_numbers(inv.pop("person_id")).to_numpy()
    table["patent_id"] = _stripped(inv.pop("appln_id"))
    table["inventor_name"] = _stripped(inv.pop("inv_name"))
    # the application's distinct names in order of first appearance: each (application, name) pair's
    # first row, ranked among its application's first rows
    acode, apps = pd.factorize(table["patent_id"])
    ncode, names = pd.factorize(table["inventor_name"])
    key = np.where((acode < 0) | (ncode < 0), -1, acode.astype(np.int64) * max(len(names), 1) + ncode)
    pair_app, pair_name = acode, ncode  # (each pair's first row's, taken below)
    del ncode
    kcode, _ = pd.factorize(key)  # (-1, a missing id or name, is one key as well)
    first_row = first_rows(kcode)
    app = acode[first_row]
    by_app = np.argsort(app, kind="stable")
    start = np.r_[True, app[by_app][1:] != app[by_app][:-1]] if len(app) else np.zeros(0, dtype=bool)
    run_start = np.maximum.accumulate(np.where(start, np.arange(len(app)), 0))
    rank = np.empty(len(app), dtype=np.int64)
    rank[by_app] = np.arange(len(app)) - run_start + 1
    table["inventor_seq"] = rank[kcode].astype("int64")
    pair_app, pair_name = pair_app[first_row], pair_name[first_row]
    del acode, key, kcode, app, by_app, start, run_start, rank
    table["region_share"] = _share(inv.pop("reg_share")).to_numpy(dtype=float)
    table["inventor_share"] = _share(inv.pop("inv_share")).to_numpy(dtype=float)
    table["source_file"] = inv.pop("source_file")
    table["source_row"] = inv.pop("source_row").astype("int64").to_numpy()
    return table, first_row, pd.Index(apps), pair_app, pair_name, pd.Index(names)


def _written(table: pd.DataFrame) -> pd.DataFrame:
    """The inventors table with its categorical columns as text (pandas' text dtype, each value taken
    from its category: no Python string per row), in place of the codes :func:`_inventors` holds."""
    for c in table.columns:
        if isinstance(table[c].dtype, pd.CategoricalDtype):
            cat = table[c].array
            table[c] = _per_row(np.asarray(cat.categories, dtype=object), cat.codes)
    return table


def _applicants(parts: list[TableFile]) -> tuple[pd.DataFrame, pd.Series, pd.Series, list[tuple[str, int, str, str]]]:
    """The applicants table read (``appln_id`` stripped), each row's stripped name and its applicant's
    region, and the rows that could not be split."""
    app, bad = _read(parts, APP_COLUMNS, numbered=True)
    app["appln_id"] = app["appln_id"].astype("string").str.strip()
    name = app["app_name"].astype("string").str.strip()
    share = _share(app["reg_share"]).fillna(0.0).to_numpy(dtype=float)
    # the applicant's region: the one of largest reg_share among its rows of the application (the
    # first of equal shares), on integer codes: each (application, upper-case name) a group, its rows
    # sorted by share (a stable sort: equal shares in file order), the group's first row its region
    group = _by_pair(app["appln_id"], name.str.upper()) + 1  # (0: a missing id or name)
    order = np.lexsort((-share, group))
    g = group[order]
    head = np.r_[True, g[1:] != g[:-1]] if len(g) else np.zeros(0, dtype=bool)
    best = np.full(int(group.max(initial=0)) + 1, -1, dtype=np.int64)
    best[g[head]] = order[head]
    return app, name, _taken(app["reg_code"], best[group]), bad


def _inventor_tables(parts: list[TableFile]) -> tuple[_Inventors, list[tuple[str, int, str, str]]]:
    """REGPAT's inventors (:class:`_Inventors`: the inventors table of :func:`_inventors`, each
    application's ``"; "``-joined names, and its (application, name) pairs as codes) and the rows that
    could not be split."""
    if not parts:
        none = pd.Index([], dtype=object)
        return _Inventors(pd.DataFrame(columns=list(INVENTOR_COLUMNS)), pd.Series(dtype=object), none,
                          np.zeros(0, np.int32), np.zeros(0, np.int32), none), []
    inv, bad_inv = _read(parts, INV_COLUMNS, numbered=True)
    inv_table, pair_rows, apps, owner, code, names = _inventors(inv)  # (which strips appln_id as it takes it)
    del inv
    pairs = inv_table[["patent_id", "inventor_name"]].take(pair_rows)  # (each name once per application)
    joined = joined_by_key(pairs["patent_id"], pairs["inventor_name"])
    return _Inventors(inv_table, joined, apps, owner.astype(np.int32), code.astype(np.int32), names), bad_inv


@with_ingest_allocator
def read_regpat(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    aliases: TablePath = None,
    firm_sizes: TablePath = None,
    source_types: TablePath = None,
    grouping: Any = "5+3",
) -> NativeResult:
    """Read OECD REGPAT's applicant, inventor and IPC tables (``|``-separated, as the OECD ships them).

    Parameters
    ----------
    source : folder, file or iterable of files
        ``*_EPO_App_reg.txt`` / ``*_PCT_App_reg.txt`` (required), ``*_Inv_reg.txt`` (inventors and
        their regions), ``*_IPC.txt`` (the year and IPC codes; or PATSTAT ``tls201_appln`` parts for
        the filing year); recognised by their headers, other files ignored.
    aliases, firm_sizes, source_types : DataFrame or path, optional
        As for :func:`netanalysis.ingest.read_patents`.
    grouping : str, mapping or DataFrame
        Macro-region grouping of the actors table.

    Returns
    -------
    NativeResult
        The canonical tables (``patent_id`` is REGPAT's ``appln_id``, PATSTAT's key; ``region`` the
        region where the applicant holds its largest ``reg_share``; ``inventors`` and ``ipc``
        ``"; "``-joined) and ``inventors``, REGPAT's inventors with ``region_share`` (``reg_share``)
        and ``inventor_share`` (``inv_share``): ``sum(region_share * inventor_share)`` by region is
        REGPAT's fractional count by inventor region.

    Raises
    ------
    IngestError
        When there is no applicants table, no year source, or nothing can be kept.

    Notes
    -----
    One raw record is one applicants-table row (an applicant in one region).  An applicant placed
    in several regions has one row per region: those rows are one applicant (merged and counted
    in ``mentions_merged_duplicate``), whose region is the one of largest ``reg_share`` (the
    first of equal shares); every share stays in ``inventors`` for inventors.  REGPAT gives no
    sector: actor types come from the name rules (and ``evidence:inventor``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "202401_EPO_App_reg.txt").write_text(
    ...     "appln_id|person_id|app_name|address|reg_code|ctry_code|reg_share|app_share\\n"
    ...     "9|1|UNIVERSITA DI PADOVA|Padova|ITH36|IT|1|0.5\\n9|2|ACME S.P.A.|Milano|ITC4C|IT|1|0.5\\n")
    >>> _ = (d / "202401_EPO_IPC.txt").write_text("appln_id|prio_year|app_year|IPC\\n9|2014|2015|A61K 9/00\\n")
    >>> res = read_regpat(d)
    >>> res.applications[["applicant_id", "year", "region", "actor_type"]].values.tolist()
    [['UNIVERSITA DI PADOVA', 2015, 'ITH36', 'university'], ['ACME', 2015, 'ITC4C', 'firm']]
    """
    parts = regpat_parts(source)
    if not parts["app"]:
        raise IngestError("no REGPAT applicants table (a header with appln_id, app_name, reg_code, ctry_code: "
                          "*_EPO_App_reg.txt or *_PCT_App_reg.txt)", path=str(source))
    if not parts["ipc"] and not parts["tls201"]:
        raise IngestError("REGPAT's applicant and inventor tables hold no year: give the *_EPO_IPC.txt (or "
                          "*_PCT_IPC.txt) table of the same edition (app_year / prio_year), or PATSTAT's "
                          "tls201_appln", path=str(parts["app"][0].path))
    # the inventors read and joined in a thread while this one reads the years, IPC codes and applicants
    # and builds the records from them (Arrow's reading and hashing let go of the interpreter: both
    # cores busy); the records' inventors are added once the thread is done
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="netanalysis-regpat") as pool:
        looked_up = pool.submit(_inventor_tables, parts["inv"])
        years, ipc_codes, year_from = _years(parts)
        app, name, region, bad = _applicants(parts["app"])
        # each application's year and IPC codes looked up once per distinct appln_id, taken per row
        acode, appln = pd.factorize(app["appln_id"])
        at = _where_in(acode, appln, years.index)
        year = _taken(years, at)
        mentions = pd.DataFrame({
            "source_file": as_text(app["source_file"]).array,  # (Arrow text: no Python string per row)
            "source_row": app["source_row"].to_numpy(),
            "patent_id": app["appln_id"].array,
            "date_raw": _as_text(year.fillna("")),
            "applicant_raw": name.mask(name.eq("")).array,
            "address_raw": _address(app).array,
            "country_hint": app["ctry_code"].astype("string").str.strip().mask(lambda s: s.eq("")).array,
            "region_hint": region.astype("string").str.strip().mask(lambda s: s.eq("")).array,
            "ipc": _taken(ipc_codes, _where_in(acode, appln, ipc_codes.index)).array,
        })
        del app, name, region, year, years, ipc_codes  # (the records hold what the pipeline reads of them)
        invented, bad_inv = looked_up.result()
    inv_table, inventors, n_inv_apps = invented.table, invented.joined, len(invented.apps)
    mentions.insert(list(mentions.columns).index("ipc"), "inventors",
                    _taken(inventors, _where_in(acode, appln, inventors.index)).array)
    no_year = at < 0
    mentions["reject_reason"] = pd.Series(
        f"year: appln_id not in {year_from.split(' (')[0]}; expected every application there",
        index=mentions.index, dtype=object).where(no_year, None)
    notes = [f"year from {year_from}; region: REGPAT reg_code (largest reg_share of the applicant)",
             f"REGPAT inventors: {len(inv_table):,} rows (inventor × region) of {n_inv_apps:,} "
             "applications" if parts["inv"] else "no REGPAT inventors table: inventors unknown"]
    if bad_inv:
        notes.append(f"{len(bad_inv):,} inventor rows could not be split and were not read "
                     f"(first: {bad_inv[0][0]} record {bad_inv[0][1]})")
    files = [str(t.path) for k in ("app", "inv", "ipc", "tls201") for t in parts[k]]
    # what the pipeline does not read is let go before it runs (a national table: the applicants'
    # ten text columns, the lookups by application)
    # the inventors as codes for the name evidence, which then need not split the joined names
    lists = [InventorLists(_where_in(acode, appln, invented.apps).astype(np.int32), invented.owner, invented.code,
                           pd.Series(invented.names))]
    del at, acode, appln, inventors, no_year, looked_up, invented
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    handed = [mentions]  # (held by the pipeline alone, which lets go of each column it replaces)
    del mentions
    res = applications_from_mentions(
        handed.pop(), reader="regpat", source_files=files, bad_rows=bad, encoding="utf-8", aliases=aliases,
        firm_sizes=firm_sizes, notes=notes, layout="long", grouping=grouping, source_types=source_types,
        inventor_lists=lists.pop(),  # (held by the pipeline alone)
        columns={"patent_id": "App_reg.appln_id", "year": year_from, "applicants": "App_reg.app_name",
                 "country": "App_reg.ctry_code", "region": "App_reg.reg_code", "address": "App_reg.address",
                 "inventors": "Inv_reg.inv_name", "ipc": "IPC.ipc"},
    )
    kept = res.holds_patents(inv_table["patent_id"])
    inv_table = _written(inv_table[kept.to_numpy()].reset_index(drop=True))
    return NativeResult(res.applications, res.actors, res.rejects, res.report, inventors=inv_table)


__all__ = ["is_regpat", "read_regpat", "regpat_parts"]
