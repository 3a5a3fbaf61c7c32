"""PATSTAT's own tables — ``tls201_appln``, ``tls206_person``, ``tls207_pers_appln`` — read and joined.

The tables are recognised by their headers (PATSTAT Data Catalog column names), not by file
names: a CSV whose header holds ``person_id, appln_id, applt_seq_nr, invt_seq_nr`` is a
``tls207_pers_appln`` part, ``person_id, person_name`` a ``tls206_person`` part, ``appln_id,
appln_filing_year`` a ``tls201_appln`` part.  EPO ships each table in parts
(``tls206_part01.csv`` …, each zipped); every part of a table is read.

One raw record is one ``tls207_pers_appln`` row naming an applicant (``applt_seq_nr > 0``).
Its person comes from ``tls206_person`` (name, country, NUTS region, PATSTAT's ``psn_sector``)
and its filing year from ``tls201_appln``; rows naming an inventor (``invt_seq_nr > 0``) give the
application's ``inventors`` (so an applicant who is also an inventor is typed a person,
``evidence:inventor``) and the separate inventors table with their regions.  ``tls201`` and
``tls206`` are streamed and filtered to the ids ``tls207`` names, so a national extract is read
without holding all of PATSTAT's persons.

Optional: ``tls230_appln_techn_field`` (``appln_id, techn_field_nr, weight``) gives each
application's WIPO technology fields, named by ``tls901_techn_field_ipc`` / ``_ascii``
(``techn_field_nr, techn_field``) or, without it, by WIPO's 35 names; they become the
applications' ``technology`` column (``"; "``-joined; ``weight`` is not kept: the
specialisation measures split a patent equally over its fields).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._allocator import with_ingest_allocator
from .._codes import as_text
from .._errors import IngestError
from ..classify import InventorLists
from ..regions import regions_from_hints
from ..schema import WIPO_FIELDS
from ._native_csv import TableFile, joined_by_key, read_columns, sniff
from ._pipeline import TablePath, applications_from_mentions
from ._result import IngestResult

#: Columns that make a header one of PATSTAT's tables (PATSTAT Data Catalog names).
SIGNATURES = {
    "tls207": ("person_id", "appln_id", "applt_seq_nr", "invt_seq_nr"),
    "tls206": ("person_id", "person_name"),
    "tls201": ("appln_id", "appln_filing_year"),
    "tls230": ("appln_id", "techn_field_nr", "weight"),  # optional: WIPO technology fields of applications
    "tls901": ("techn_field_nr", "techn_field"),  # optional: their names (tls901_techn_field_ipc / _ascii)
}
#: Columns read from each table (those a file lacks are empty).
TLS201_COLUMNS = ("appln_id", "appln_filing_date", "appln_filing_year", "earliest_filing_year")
TLS206_COLUMNS = ("person_id", "person_name", "person_address", "person_ctry_code", "nuts", "psn_sector")
NAME_COLUMNS = ("psn_name", "person_name", "han_name", "doc_std_name")
YEAR_COLUMNS = ("appln_filing_year", "earliest_filing_year")
#: PATSTAT's default for an unknown year or date.
UNKNOWN_YEAR = "9999"
#: The inventors table a native reader returns beside the canonical tables.
INVENTOR_COLUMNS = ("patent_id", "person_id", "inventor_name", "inventor_seq", "country", "region", "region_code_raw",
                    "region_share", "inventor_share", "address", "region_source", "source_file", "source_row")


@dataclass
class NativeResult(IngestResult):
    """An :class:`IngestResult` with the inventors table of a PATSTAT or REGPAT read.

    Attributes
    ----------
    inventors : pandas.DataFrame
        One row per (application, inventor, region) of the kept applications
        (:data:`INVENTOR_COLUMNS`): ``region`` is the canonical code (``""`` when unknown),
        ``region_code_raw`` the source's, ``region_share`` the inventor's share in that region
        (REGPAT ``reg_share``; 1 for PATSTAT's one NUTS code) and ``inventor_share`` the
        inventor's share of the application (REGPAT ``inv_share``; ``1 / inventors`` for
        PATSTAT), so ``region_share * inventor_share`` summed by region is REGPAT's fractional
        count of inventions by inventor region.
    """

    inventors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(INVENTOR_COLUMNS)))


def native_tables(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[TableFile]:
    """The delimited tables of a folder (recursively, hidden files skipped) or of a set of files.

    Examples
    --------
    >>> native_tables([])
    []
    """
    if isinstance(source, (str, os.PathLike)):
        p = Path(source)
        if not p.exists():
            raise IngestError("no such file or folder; check the path", path=str(p))
        paths = sorted(f for f in p.rglob("*") if f.is_file() and not any(
            part.startswith(".") for part in f.relative_to(p).parts)) if p.is_dir() else [p]
    else:
        paths = [Path(s) for s in source]
        missing = [str(q) for q in paths if not q.exists()]
        if missing:
            raise IngestError("no such file; check the path", path=missing[0])
    return [t for t in (sniff(q) for q in paths) if t is not None]


def table_role(table: TableFile) -> str:
    """Which PATSTAT table a header is (``tls201``, ``tls206``, ``tls207``), or ``""``.

    Examples
    --------
    >>> from pathlib import Path
    >>> table_role(TableFile(Path("x.csv"), ",", ("person_id", "appln_id", "applt_seq_nr", "invt_seq_nr"), ()))
    'tls207'
    """
    if table.has(*SIGNATURES["tls207"]):
        return "tls207"
    if table.has(*SIGNATURES["tls206"]) and not table.has("appln_id"):
        return "tls206"
    if table.has(*SIGNATURES["tls201"]) and not table.has("person_id"):
        return "tls201"
    if table.has(*SIGNATURES["tls230"]) and not table.has("person_id"):
        return "tls230"
    if table.has(*SIGNATURES["tls901"]) and not table.has("appln_id"):
        return "tls901"
    return ""


def patstat_parts(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> dict[str, list[TableFile]]:
    """The parts of each PATSTAT table among ``source``'s files (``{"tls201": [...], ...}``)."""
    parts: dict[str, list[TableFile]] = {k: [] for k in SIGNATURES}
    for t in native_tables(source):
        role = table_role(t)
        if role:
            parts[role].append(t)
    return parts


def is_patstat_native(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> bool:
    """True when ``source`` (a folder or files) holds a ``tls207_pers_appln`` table (by its header).

    The detection rule of the ``patstat_native`` layout: a ``tls207`` header (``person_id,
    appln_id, applt_seq_nr, invt_seq_nr``) among the files; :func:`read_patstat_native` then
    names any of ``tls201`` / ``tls206`` that is missing.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "tls207_part01.csv").write_text("person_id,appln_id,applt_seq_nr,invt_seq_nr\\n1,2,1,0\\n")
    >>> is_patstat_native(d), is_patstat_native(d / "tls207_part01.csv")
    (True, True)
    """
    try:
        return bool(patstat_parts(source)["tls207"])
    except IngestError:
        return False


def _numbers(s: pd.Series) -> pd.Series:
    """Integer cells as ``Int64`` (missing where the cell is not an integer)."""
    if pd.api.types.is_integer_dtype(s.dtype):
        return s.astype("Int64")
    x = pd.to_numeric(s.astype("string").str.strip(), errors="coerce").astype("Float64")
    return x.where(x.mod(1).eq(0)).astype("Int64")


def _links(parts: list[TableFile]) -> tuple[pd.DataFrame, list[tuple[str, int, str, str]]]:
    """Every ``tls207`` row with numeric ids (``int64``), its file (categorical) and record number;
    unsplittable or non-numeric rows, and rows naming neither role, as bad rows."""
    import pyarrow as pa

    cols = list(SIGNATURES["tls207"])
    frames: list[pd.DataFrame] = []
    bad: list[tuple[str, int, str, str]] = []
    for i, t in enumerate(parts):
        df, broken = read_columns(t, cols, numbered=True, integers=cols)
        bad.extend((str(t.path), n, f"tls207_pers_appln: {why}", raw) for n, why, raw in broken)
        if all(df[c].dtype == np.int64 for c in cols):  # every cell an integer: no copy, no check
            df["part"] = np.int32(i)
            frames.append(df)
            del df
            pa.default_memory_pool().release_unused()
            continue
        nums = {c: _numbers(df[c]) for c in cols}
        missing = pd.DataFrame({c: v.isna().to_numpy() for c, v in nums.items()})
        ok = ~missing.any(axis=1).to_numpy()
        if not ok.all():
            text = df.loc[~ok, cols].astype("string").fillna("")
            raw = text["person_id"] + "," + text["appln_id"] + "," + text["applt_seq_nr"] + "," + text["invt_seq_nr"]
            reason = ("tls207_pers_appln: " + missing[~ok].idxmax(axis=1).astype(str) + " is not an integer; "
                      "expected PATSTAT's numeric ids and sequence numbers")
            bad.extend(zip([str(t.path)] * int((~ok).sum()), df.loc[~ok, "source_row"].tolist(), reason.tolist(),
                           raw.astype(str).tolist(), strict=True))
        frame = pd.DataFrame({c: nums[c][ok].to_numpy("int64") for c in cols})
        frame["source_row"] = df["source_row"].to_numpy()[ok]
        frame["part"] = np.int32(i)
        frames.append(frame)
        del df, nums
        pa.default_memory_pool().release_unused()
    links = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    links["source_file"] = pd.Categorical.from_codes(links.pop("part").to_numpy(),
                                                     pd.Index([str(t.path) for t in parts]))
    neither = ((links["applt_seq_nr"] <= 0) & (links["invt_seq_nr"] <= 0)).to_numpy()
    if neither.any():
        n = links[neither]
        raw = (n["person_id"].astype(str) + "," + n["appln_id"].astype(str) + ",0,0")
        bad.extend(zip(n["source_file"].astype(str), n["source_row"].tolist(),
                       ["tls207_pers_appln: applt_seq_nr and invt_seq_nr are both 0; expected an applicant "
                        "(applt_seq_nr > 0) or an inventor (invt_seq_nr > 0)"] * len(n), raw.tolist(), strict=True))
        links = links[~neither].reset_index(drop=True)
    return links, bad


def _ids(values: pd.Series) -> np.ndarray:
    return pd.unique(values.to_numpy("int64"))


def _lookup(parts: list[TableFile], columns: tuple[str, ...], key: str, wanted: Any) -> pd.DataFrame:
    """The rows of a streamed table whose ``key`` is in ``wanted``, first row per key."""
    import pyarrow as pa

    frames = [read_columns(t, columns, keep=(key, wanted), integers=(key,))[0] for t in parts]
    pa.default_memory_pool().release_unused()
    df = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    df[key] = _numbers(df[key])
    return df[df[key].notna()].drop_duplicates(key).set_index(key)


def _person_names(persons: pd.DataFrame, names: str) -> pd.Series:
    """Each person's name: the ``names`` column, else ``person_name`` where it is empty."""
    chosen = persons[names].astype("string").str.strip()
    fallback = persons["person_name"].astype("string").str.strip()
    return chosen.mask(chosen.isna() | chosen.eq(""), fallback).mask(lambda s: s.eq(""))


def _blank(s: pd.Series) -> pd.Series:
    t = s.astype("string").str.strip()
    return t.mask(t.eq("") | t.isna())


#: The dtype pandas gives text (``str`` from pandas 3, ``object`` before): the inventors table's text columns.
_TEXT = pd.Series([""], dtype=str).dtype


def _as_text(values: Any) -> Any:
    """``values`` as an array of the text dtype pandas gives (a missing value stays missing)."""
    return pd.array(values, dtype=_TEXT)


def _per_row(values: Any, at: np.ndarray) -> Any:
    """``values`` (one per distinct item: person, application, region, file) converted to the text
    dtype pandas gives once, then taken by position for each row (``at``; -1: missing)."""
    return _as_text(values).take(at, allow_fill=True)


def _taken(values: pd.Series, at: np.ndarray) -> pd.Series:
    """``values`` by position (-1: missing)."""
    return pd.Series(values.array.take(at, allow_fill=True))


def _positions(index: pd.Index, ids: pd.Series) -> np.ndarray:
    """The position of each of ``ids`` in a table's integer ``index`` (-1: not there)."""
    return pd.Index(index.to_numpy("int64")).get_indexer(ids.to_numpy("int64"))


def _inventor_lists(link_app: pd.Series, person_at: np.ndarray, person_name: pd.Series,
                    row_app: pd.Series) -> InventorLists:
    """The inventor links (their application numbers ``link_app``, their persons' positions ``person_at``
    in ``person_name``, -1: unknown) as :class:`~netanalysis.classify.InventorLists` of the records
    (``row_app``: each record's application number): integer codes, each inventor's name once."""
    owner, apps = pd.factorize(link_app.to_numpy("int64"))
    code, at = pd.factorize(person_at)  # (-1, an unknown person, is one more: its name is missing)
    cell = pd.Index(apps).get_indexer(row_app.to_numpy("int64"))
    return InventorLists(cell.astype(np.int32), owner.astype(np.int32), code.astype(np.int32),
                         _taken(person_name, np.asarray(at, dtype=np.int64)))


def inventor_regions(inv: pd.DataFrame, persons: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """The inventors table (:data:`INVENTOR_COLUMNS`) of PATSTAT inventor links: one NUTS code per
    person (``region_share`` 1 where known), ``inventor_share`` 1 / the application's distinct inventors.

    Rows in the order of the written application number (as text), then ``invt_seq_nr``.  Whole-array
    work on integer codes: each region is read once per distinct (NUTS code, country) pair, each person's
    name and address taken by position, the applications numbered for the order and the inventor
    counts (a national extract: 6.6 M links of 2 M people to 2.6 M applications).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    pcode, pids = pd.factorize(inv["person_id"].to_numpy("int64"))
    at = _positions(persons.index, pd.Series(pids))  # -1: not in tls206_person
    country = _blank(_taken(persons["person_ctry_code"], at)).str.upper().fillna("")
    raw_region = _blank(_taken(persons["nuts"], at)).fillna("")
    ccode, countries = pd.factorize(country)
    rcode, raw_regions = pd.factorize(raw_region)
    del country, raw_region
    gcode, pairs = pd.factorize(rcode.astype(np.int64) * max(len(countries), 1) + ccode)
    del ccode, rcode
    g_country = countries.to_numpy(object)[pairs % max(len(countries), 1)]
    g_raw = raw_regions.to_numpy(object)[pairs // max(len(countries), 1)]
    g_region = regions_from_hints(pd.Series(g_raw, dtype=object), pd.Series(g_country, dtype=object)).to_numpy()
    g_known = g_region != ""
    acode, appl = pd.factorize(inv["appln_id"].to_numpy("int64"))
    text = pa.array(appl).cast(pa.string())  # the numbers as written (Arrow: as str() writes them)
    # distinct inventors per application: the distinct (application, person) pairs, counted by application
    pair = np.sort(acode.astype(np.int64) * max(len(pids), 1) + pcode)
    first = np.r_[True, pair[1:] != pair[:-1]] if len(pair) else np.zeros(0, dtype=bool)
    n_inv = np.bincount(pair[first] // max(len(pids), 1), minlength=len(appl))
    del pair, first
    rank = np.empty(len(appl), dtype=np.int64)
    rank[pc.sort_indices(text).to_numpy()] = np.arange(len(appl))
    seq = inv["invt_seq_nr"].to_numpy("int64")
    scode, seqs = pd.factorize(seq, sort=True)
    order = np.argsort(rank[acode] * max(len(seqs), 1) + scode, kind="stable")
    del rank, scode
    a, p = acode[order], pcode[order]
    del acode, pcode
    g = gcode[p]
    fcode, files = pd.factorize(inv["source_file"])
    # the columns one at a time, each step's codes let go once used (a national extract's table is
    # 1.4 GB; its peak is this table and what the read still holds)
    table: dict[str, Any] = {"patent_id": _per_row(text, a), "person_id": pids[p]}
    del text
    table["inventor_name"] = _per_row(_taken(names, at), p)
    table["inventor_seq"] = seq[order]
    table["country"] = _per_row(g_country, g)
    table["region"] = _per_row(g_region, g)
    table["region_code_raw"] = _per_row(g_raw, g)
    table["region_share"] = np.where(g_known, 1.0, np.nan)[g]
    table["inventor_share"] = (1.0 / n_inv.astype(float))[a]
    del a
    table["address"] = _per_row(_blank(_taken(persons["person_address"], at)), p)
    del p, at
    table["region_source"] = _per_row(np.where(g_known, "patstat_nuts", "").astype(object), g)
    del g
    table["source_file"] = _per_row(np.asarray(files, dtype=str), fcode[order])
    table["source_row"] = inv["source_row"].to_numpy("int64")[order]
    del order, fcode
    return pd.DataFrame(table, copy=False)  # (the columns are new: a dict's default copy would hold the table twice)


def _technology(parts: dict[str, list[TableFile]], wanted: Any) -> tuple[pd.Series | None, str]:
    """Each application's WIPO technology fields (``tls230_appln_techn_field``), ``"; "``-joined in
    field-number order and named by ``tls901`` (WIPO's own 35 names when no ``tls901`` is given);
    ``None`` without a ``tls230`` part.  The note says where the names came from."""
    if not parts["tls230"]:
        return None, ""
    cols = ("appln_id", "techn_field_nr")
    frames = [read_columns(t, cols, keep=("appln_id", wanted), integers=cols)[0] for t in parts["tls230"]]
    raw = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    links = pd.DataFrame({c: _numbers(raw[c]) for c in cols}).dropna().drop_duplicates()
    names = {i + 1: f for i, f in enumerate(WIPO_FIELDS)}
    source = "WIPO's 35 field names (no tls901 table given)"
    if parts["tls901"]:
        t901 = pd.concat([read_columns(t, ("techn_field_nr", "techn_field"))[0] for t in parts["tls901"]])
        nr, name = _numbers(t901["techn_field_nr"]), _blank(t901["techn_field"])
        names.update({int(k): str(v) for k, v in zip(nr, name, strict=True) if pd.notna(k) and pd.notna(v)})
        source = "tls901.techn_field (WIPO's names for numbers it lacks)"
    links = links.sort_values(list(cols), kind="stable")
    label = links["techn_field_nr"].map(lambda k: names.get(int(k), f"technology field {int(k)}"))
    fields = joined_by_key(links["appln_id"].astype("int64"), label.astype("string"))
    return fields, (f"technology from tls230_appln_techn_field ({len(fields):,} applications with a field), "
                    f"named by {source}")


@with_ingest_allocator
def read_patstat_native(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    names: str = "psn_name",
    year: str = "appln_filing_year",
    aliases: TablePath = None,
    firm_sizes: TablePath = None,
    source_types: TablePath = None,
    grouping: Any = "5+3",
) -> NativeResult:
    """Read PATSTAT's ``tls201_appln``, ``tls206_person`` and ``tls207_pers_appln`` tables as EPO ships them.

    Parameters
    ----------
    source : folder, file or iterable of files
        The tables' CSV parts (``.csv``, ``.csv.gz`` or a ``.zip`` holding one CSV), recognised by
        their headers; other files are ignored.
    names : {"psn_name", "person_name", "han_name", "doc_std_name"}
        The ``tls206_person`` column naming applicants and inventors: PATSTAT's standardised name
        (default; one spelling per organisation across applications), the name as filed, OECD
        HAN's or DOCDB's standard name.  An empty cell falls back to ``person_name``.
    year : {"appln_filing_year", "earliest_filing_year"}
        The year of an application: its filing year (default, as the other readers) or its
        priority year.  PATSTAT's ``9999`` (unknown) rejects the application's rows with that
        reason.
    aliases, firm_sizes, source_types : DataFrame or path, optional
        As for :func:`netanalysis.ingest.read_patents`; ``psn_sector`` is read through
        :func:`netanalysis.classify.load_source_types` (COMPANY → firm, UNIVERSITY → university,
        GOV NON-PROFIT → public, HOSPITAL → hospital, INDIVIDUAL → individual; UNKNOWN and mixed
        labels: the name rules decide).
    grouping : str, mapping or DataFrame
        Macro-region grouping of the actors table.

    Returns
    -------
    NativeResult
        The canonical tables (``patent_id`` is PATSTAT's ``appln_id``; ``region`` the person's
        NUTS code; ``inventors`` the application's inventors, ``"; "``-joined; ``technology`` its
        WIPO fields when a ``tls230`` part is given) and
        ``inventors``, the inventors table with their regions (:class:`NativeResult`).

    Raises
    ------
    IngestError
        When a table is missing, a name or year column is not offered, or nothing can be kept.

    Notes
    -----
    Accounting: each ``tls207`` row naming an applicant is a raw record (kept, or rejected with a
    reason: its person not in ``tls206``, its application not in ``tls201``, an unknown year …);
    a row naming only an inventor is not an applicant record and is counted in the report's notes
    (used for the inventors); a row that cannot be split, holds a non-numeric id or names neither
    role is rejected.  ``source_row`` is the 1-based record number within its ``tls207`` part.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "tls201_part01.csv").write_text("appln_id,appln_auth,appln_filing_year\\n7,EP,2015\\n")
    >>> _ = (d / "tls206_part01.csv").write_text(
    ...     "person_id,person_name,person_ctry_code,nuts,psn_name,psn_sector\\n"
    ...     "1,Politecnico di Milano,IT,ITC4C,POLITECNICO DI MILANO,UNIVERSITY\\n"
    ...     "2,ENI S.p.A.,IT,ITC4C,ENI,COMPANY\\n3,\\"ROSSI, Mario\\",IT,ITC45,\\"ROSSI, MARIO\\",INDIVIDUAL\\n")
    >>> _ = (d / "tls207_part01.csv").write_text(
    ...     "person_id,appln_id,applt_seq_nr,invt_seq_nr\\n1,7,1,0\\n2,7,2,0\\n3,7,0,1\\n")
    >>> res = read_patstat_native(d)
    >>> res.applications[["applicant_id", "actor_type", "region"]].values.tolist()
    [['POLITECNICO DI MILANO', 'university', 'ITC4C'], ['ENI', 'firm', 'ITC4C']]
    >>> res.inventors[["inventor_name", "region", "inventor_share"]].values.tolist()
    [['ROSSI, MARIO', 'ITC45', 1.0]]
    """
    if names not in NAME_COLUMNS:
        raise IngestError(f"names={names!r}; expected one of {', '.join(NAME_COLUMNS)} (tls206_person columns)")
    if year not in YEAR_COLUMNS:
        raise IngestError(f"year={year!r}; expected one of {', '.join(YEAR_COLUMNS)} (tls201_appln columns)")
    parts = patstat_parts(source)
    missing = [k for k in ("tls207", "tls206", "tls201") if not parts[k]]
    if missing:
        seen = {"tls207": "tls207_pers_appln (person_id, appln_id, applt_seq_nr, invt_seq_nr)",
                "tls206": "tls206_person (person_id, person_name, …)",
                "tls201": "tls201_appln (appln_id, appln_filing_year, …)"}
        raise IngestError("missing PATSTAT table(s): " + "; ".join(seen[k] for k in missing) + ". Give the CSV "
                          "parts of all three tables (headers as EPO ships them)", path=str(source))
    if year == "earliest_filing_year" and not any(t.has(year) for t in parts["tls201"]):
        raise IngestError(f"no tls201_appln part has a column {year!r}", path=str(parts["tls201"][0].path), column=year)
    links, bad = _links(parts["tls207"])
    apps = _lookup(parts["tls201"], ("appln_id", "appln_filing_date", year), "appln_id", _ids(links["appln_id"]))
    persons = _lookup(parts["tls206"], tuple(dict.fromkeys([*TLS206_COLUMNS, names])), "person_id",
                      _ids(links["person_id"]))
    persons["name"] = _person_names(persons, names)
    person_name = persons["name"]
    appl = links[links["applt_seq_nr"] > 0]
    inv = links[links["invt_seq_nr"] > 0]
    n_links, inv_only = len(links), int((links["applt_seq_nr"] <= 0).sum())
    del links
    # each record's person and application found by position in their tables (-1: not there), and
    # their columns taken (Arrow-backed text is taken, never turned into Python strings; no merge)
    p_at, a_at = _positions(persons.index, appl["person_id"]), _positions(apps.index, appl["appln_id"])
    known_person, known_app = p_at >= 0, a_at >= 0
    app_year = _taken(apps[year].astype("string").str.strip(), a_at).fillna("")
    filing_date = _taken(apps["appln_filing_date"].astype("string").str.strip(), a_at).fillna("")
    date_raw = filing_date.where((year == "appln_filing_year") & ~filing_date.str.startswith(UNKNOWN_YEAR)
                                 & (filing_date != ""), app_year)
    reason = pd.Series("", index=appl.index, dtype=object)
    reason[~known_app] = ("tls201_appln: appln_id " + appl.loc[~known_app, "appln_id"].astype(str)
                          + " is not in tls201_appln; expected every application of tls207 there")
    reason[(reason == "") & ~known_person] = (
        "tls206_person: person_id " + appl.loc[~known_person, "person_id"].astype(str)
        + " is not in tls206_person; expected every person of tls207 there")
    unknown_year = (reason == "") & app_year.str.startswith(UNKNOWN_YEAR).to_numpy()
    reason[unknown_year] = f"{year}: 9999 is PATSTAT's value for an unknown date; expected a year"
    ordered = inv.iloc[np.lexsort((inv["invt_seq_nr"].to_numpy(), inv["appln_id"].to_numpy()))]  # (stable)
    person_at = _positions(persons.index, ordered["person_id"])
    inventors = joined_by_key(ordered["appln_id"], _taken(person_name, person_at))
    # the same inventors as codes for the name evidence, which then need not split the joined names
    lists = [_inventor_lists(ordered["appln_id"], person_at, person_name, appl["appln_id"])]
    del person_at
    mentions = pd.DataFrame({
        "source_file": as_text(appl["source_file"]).array,  # (text kept as Arrow: no Python string per row)
        "source_row": appl["source_row"].astype("int64").to_numpy(),
        "patent_id": appl["appln_id"].astype("int64").astype(str).array,
        "date_raw": date_raw.array,
        "applicant_raw": _blank(_taken(persons["name"], p_at)).array,
        "applicant_seq": appl["applt_seq_nr"].astype("int64").to_numpy(),
        "address_raw": _blank(_taken(persons["person_address"], p_at)).array,
        "country_hint": _blank(_taken(persons["person_ctry_code"], p_at)).array,
        "region_hint": _blank(_taken(persons["nuts"], p_at)).array,
        "type_hint": _blank(_taken(persons["psn_sector"], p_at)).array,
        "inventors": inventors.reindex(appl["appln_id"].to_numpy()).array,
        "reject_reason": reason.where(reason != "", None).to_numpy(),
    })
    fields, fields_note = _technology(parts, _ids(appl["appln_id"]))
    if fields is not None:
        mentions["technology"] = fields.reindex(appl["appln_id"].to_numpy()).array
    # what the pipeline does not read is let go before it runs (a national extract: the joined text
    # columns of 3.3 M records and the persons' other names, about a gigabyte)
    n_appl = len(appl)
    del p_at, a_at, ordered, appl, apps, app_year, filing_date, date_raw, reason, inventors
    persons = persons[["name", "person_ctry_code", "nuts", "person_address"]]
    import pyarrow as pa

    pa.default_memory_pool().release_unused()  # the CSV blocks' pages back to the system
    notes = [f"tls207_pers_appln: {n_links + len(bad):,} rows: {n_appl:,} name an applicant (the records "
             f"below), {inv_only:,} only an inventor (read as inventors, not records), {len(bad):,} rejected "
             "before joining",
             f"names from tls206_person.{names} (person_name where it is empty); year from tls201_appln.{year}; "
             "region from tls206_person.nuts; type from tls206_person.psn_sector"]
    notes += [fields_note] if fields_note else []
    unmatched_inv = int((~inv["person_id"].isin(persons.index)).sum())
    if unmatched_inv:
        notes.append(f"{unmatched_inv:,} inventor rows name a person_id not in tls206_person: no name, no region")
    files = [str(t.path) for k in ("tls201", "tls206", "tls207", "tls230", "tls901") for t in parts[k]]
    bad_rows = [(f, int(r), why, raw) for f, r, why, raw in bad]
    technology = fields is not None
    handed = [mentions]  # (held by the pipeline alone, which lets go of each column it replaces)
    del mentions, fields  # (the applications' fields are in the records)
    res = applications_from_mentions(
        handed.pop(), reader="patstat_native", source_files=files, bad_rows=bad_rows, encoding="utf-8",
        aliases=aliases, firm_sizes=firm_sizes, notes=notes, layout="long", grouping=grouping,
        source_types=source_types, inventor_lists=lists.pop(),  # (held by the pipeline alone)
        columns={"patent_id": "tls207.appln_id", "year": f"tls201.{year}", "applicants": f"tls206.{names}",
                 "country": "tls206.person_ctry_code", "region": "tls206.nuts", "actor_type": "tls206.psn_sector",
                 "address": "tls206.person_address", "inventors": f"tls206.{names} (invt_seq_nr > 0)",
                 **({"technology": "tls230.techn_field_nr (tls901.techn_field)"} if technology else {})},
    )
    # the inventors of the kept applications only, picked by application number before their table is
    # built (each application's rows all kept or all left, so its inventor count is the same); a number
    # is kept when its text is a kept patent id, as the table writes it (a national extract: 2.6 M
    # distinct numbers written by Arrow and matched in Arrow's hash set, not in pandas' isin: 29 s)
    inv = inv[inv["person_id"].isin(persons.index)]
    number = inv["appln_id"].astype("int64")
    distinct = pd.unique(number.to_numpy())
    written = pd.Series(pd.array(pa.array(distinct).cast(pa.string()), dtype=_TEXT))
    kept = distinct[res.holds_patents(written).to_numpy()]
    inv = inv[number.isin(kept).to_numpy()]  # (the links of all applications let go before the table is built)
    del number, distinct, written, kept
    inv_table = inventor_regions(inv, persons, person_name)
    return NativeResult(res.applications, res.actors, res.rejects, res.report, inventors=inv_table)


__all__ = ["INVENTOR_COLUMNS", "NativeResult", "is_patstat_native", "patstat_parts", "read_patstat_native"]
