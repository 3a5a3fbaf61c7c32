"""From raw applicant mentions to the canonical ``applications`` table, rejects and report.

Every reader hands over a *mentions* table: one row per applicant mention, with the
record's ``source_file`` and ``source_row`` (records with an empty applicant cell keep
one row with a missing ``applicant_raw``).  This module checks each record, harmonises
names, classifies actors and assigns regions, and accounts for every record:
``rows_read == rows_kept + rows_rejected``.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from .. import __version__
from .._errors import IngestError
from ..classify import classify_actors
from ..entities import harmonise
from ..regions import is_capital_area, macro_region, normalise_region_code, region_from_address
from ..schema import ACTOR_COLUMNS, APPLICATION_COLUMNS, REJECT_COLUMNS, ActorType
from ._dates import parse_year

RECORD_FIELDS = ("patent_id", "date_raw", "title", "ipc", "grant_raw")
_ADDRESS_IN_NAME = r"^(?P<name>.*?\S)\s*\((?P<addr>[^()]*)\)\s*$"


@dataclass
class IngestReport:
    """What an ingest run read, kept and rejected, and why.

    ``rows_read == rows_kept + rows_rejected`` always holds; ``rows`` are raw records
    (one patent each), not applicant mentions.
    """

    source_files: list[str]
    reader: str
    encoding: str = ""
    rows_read: int = 0
    rows_kept: int = 0
    rows_rejected: int = 0
    reject_reasons: dict[str, int] = field(default_factory=dict)
    applications: int = 0
    actors: int = 0
    mentions_dropped_empty_name: int = 0
    mentions_merged_duplicate: int = 0
    actors_unknown_type: int = 0
    applications_unknown_region: int = 0
    applications_unknown_country: int = 0
    region_reference: str = "filing year (Gunwi-gun: KR-47 before 2023, KR-27 from 2023)"
    year_min: int | None = None
    year_max: int | None = None
    package_version: str = __version__
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-serialisable types."""
        return asdict(self)

    def check(self) -> None:
        """Raise ``AssertionError`` unless every record is kept or rejected."""
        assert self.rows_read == self.rows_kept + self.rows_rejected, self


@dataclass
class IngestResult:
    """The outcome of reading raw files: the canonical tables plus rejects and report.

    Unpacks as ``applications, report = result`` for readers' convenience.
    """

    applications: pd.DataFrame
    rejects: pd.DataFrame
    report: IngestReport

    def __iter__(self):
        return iter((self.applications, self.report))


#: Longest plausible applicant name; real ones stay under ~150 characters.
MAX_NAME_CHARS = 300


def _reason_key(reason: str) -> str:
    """The kind of a reject reason: the part before the first colon."""
    return reason.split(":", 1)[0].strip()


def split_cell(
    records: pd.DataFrame, column: str, sep: str, address_column: str | None = None
) -> pd.DataFrame:
    """Explode a cell holding several applicants into one row per mention.

    ``sep`` is a regular expression (e.g. ``r"\\|"`` or ``";;"``).  Empty pieces are
    dropped; a record whose cell is empty keeps one row with ``applicant_raw = <NA>``.
    Addresses in ``address_column`` are split the same way and aligned by position.
    """
    parts = records[column].astype("string").str.split(sep, regex=True)
    drop = [column] + ([address_column] if address_column in records else [])
    out = records.drop(columns=drop).assign(applicant_raw=parts).explode("applicant_raw")
    out["applicant_raw"] = out["applicant_raw"].astype("string").str.strip()
    out["applicant_seq"] = out.groupby(level=0).cumcount() + 1
    if address_column is not None and address_column in records:
        addr = records[address_column].astype("string").str.split(sep, regex=True)
        n_addr = pd.to_numeric(addr.str.len(), errors="coerce").astype(float).fillna(-1).to_numpy()
        n_name = pd.to_numeric(parts.str.len(), errors="coerce").astype(float).fillna(-2).to_numpy()
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
    m = mentions.copy()
    names = m["applicant_raw"].astype("string").reset_index(drop=True)
    parts = names.str.extract(_ADDRESS_IN_NAME)
    cand = parts["addr"].notna().to_numpy()
    if "address_raw" not in m:
        m["address_raw"] = pd.NA
    addr = m["address_raw"].astype("string").reset_index(drop=True)
    if cand.any():
        loc = region_from_address(parts.loc[cand, "addr"])
        is_addr = pd.Series(False, index=parts.index)
        is_addr[cand] = (loc["country"] != "").to_numpy()
        no_addr = addr.isna() | addr.eq("")
        addr = addr.mask(is_addr & no_addr, parts["addr"])
        names = names.mask(is_addr, parts["name"])
    m["address_raw"] = addr.to_numpy()
    m["applicant_raw"] = names.to_numpy()
    return m


def _raw_repr(rec: pd.DataFrame) -> pd.Series:
    pid = rec["patent_id"].astype("string").fillna("")
    date = rec["date_raw"].astype("string").fillna("")
    names = rec["names"].astype("string").fillna("")
    return (pid + " | " + date + " | " + names).str.slice(0, 300)


def finish(
    mentions: pd.DataFrame,
    *,
    reader: str,
    source_files: list[str],
    bad_rows: list[tuple[str, int, str, str]] | None = None,
    encoding: str = "",
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
    notes: list[str] | None = None,
    record_is_mention: bool = False,
) -> IngestResult:
    """Check records, harmonise, classify, locate, and account for every raw record.

    Parameters
    ----------
    mentions : pandas.DataFrame
        One row per applicant mention with ``source_file``, ``source_row``, ``patent_id``,
        ``date_raw``, ``applicant_raw`` and optionally ``address_raw``,
        ``applicant_seq``, ``title``, ``ipc``, ``grant_raw``, ``type_hint``
        (a type the source itself gives, e.g. PatentsView individuals),
        ``country_hint`` and ``region_hint``.
    reader : str
        Name of the reader, for the report.
    source_files : list of str
        The files read.
    bad_rows : list of (file, row, reason, raw), optional
        Records the reader could not even split into fields; they count as read and
        rejected.
    aliases, firm_sizes : DataFrame or path, optional
        User alias/override and firm-size tables.
    record_is_mention : bool
        True when one raw row is one patent × applicant (PatentsView bulk tables): a
        duplicate is then the same ``patent_id`` and ``applicant_seq`` read twice.

    Returns
    -------
    IngestResult
    """
    if mentions.empty:
        first = bad_rows[0] if bad_rows else (source_files[0], None, "no data rows", "")
        raise IngestError(
            f"no record could be read ({len(bad_rows or [])} row(s) rejected); first reason: {first[2]}",
            path=str(first[0]), row=first[1],
        )
    m = mentions.reset_index(drop=True).copy()
    for col in ("address_raw", "title", "ipc", "grant_raw", "type_hint", "country_hint",
                "region_hint", "applicant_seq"):
        if col not in m:
            m[col] = pd.NA
    m["source_file"] = m["source_file"].astype(str)
    m["source_row"] = m["source_row"].astype("int64")
    m["patent_id"] = m["patent_id"].astype("string").str.strip()
    m["applicant_raw"] = m["applicant_raw"].astype("string").str.strip()
    rec_key = ["source_file", "source_row"]

    # --- record-level checks -------------------------------------------------------
    first = m.drop_duplicates(rec_key).set_index(rec_key)
    names = m.groupby(rec_key, sort=False)["applicant_raw"].agg(
        lambda s: "; ".join(s.dropna().astype(str))
    )
    rec = first.assign(names=names)
    reason = pd.Series("", index=rec.index, dtype=object)
    empty_id = rec["patent_id"].isna() | rec["patent_id"].eq("")
    reason[empty_id] = "patent_id: empty; expected an application number"
    yr = parse_year(rec["date_raw"])
    reason[(reason == "") & (yr["reason"] != "")] = yr["reason"]
    no_name = m.groupby(rec_key, sort=False)["applicant_raw"].agg(lambda s: s.notna().any())
    reason[(reason == "") & ~no_name.reindex(rec.index).to_numpy()] = (
        "applicant: the cell is empty or holds only separators; expected one or more names"
    )

    longest = m["applicant_raw"].str.len().groupby([m[c] for c in rec_key], sort=False).max()
    longest = pd.to_numeric(longest.reindex(rec.index), errors="coerce").fillna(0).astype(int)
    too_long = (reason == "") & (longest > MAX_NAME_CHARS).to_numpy()
    if too_long.any():
        reason[too_long] = (
            "applicant: a name of " + longest[too_long].map("{:,d}".format).astype(str) + " characters; expected "
            f"at most {MAX_NAME_CHARS} (a broken export, or free text in the applicant column?)"
        )

    # --- names: harmonise, and drop mentions that are only legal forms ---------------
    named = m["applicant_raw"].notna()
    h = harmonise(m.loc[named, "applicant_raw"], aliases=aliases)
    m = m.join(h)
    m["applicant_id"] = m["applicant_id"].fillna("")
    empty_key = named & m["applicant_id"].eq("")
    any_key = (m["applicant_id"] != "").groupby([m[c] for c in rec_key], sort=False).any()
    only_forms = (reason == "") & ~any_key.reindex(rec.index).to_numpy()
    reason[only_forms] = (
        "applicant: names hold only legal forms or punctuation (e.g. '(주)'); "
        "expected an organisation or person name"
    )

    # --- duplicates of a patent already kept ----------------------------------------
    ok = reason == ""
    pid = rec["patent_id"].where(ok)
    if record_is_mention:
        dkey = (pid + "#" + rec["applicant_seq"].astype("string").fillna("")).where(ok)
    else:
        dkey = pid
    dup = dkey.notna() & dkey.duplicated(keep="first")
    if dup.any():
        first_at = (
            rec[ok & ~dup].reset_index().drop_duplicates("patent_id").set_index("patent_id")
        )
        where = first_at.reindex(pid[dup])
        reason[dup] = (
            "duplicate: patent_id "
            + pid[dup].astype(str).to_numpy()
            + " already read at row "
            + where["source_row"].astype("Int64").astype(str).to_numpy()
            + " of "
            + where["source_file"].map(lambda f: os.path.basename(str(f))).to_numpy()
        )
    kept_rec = reason == ""

    # --- rejects table ---------------------------------------------------------------
    rj = rec.loc[~kept_rec].assign(reason=reason[~kept_rec])
    rejects = pd.DataFrame(
        {
            "source_file": rj.index.get_level_values(0).astype(str),
            "source_row": rj.index.get_level_values(1).astype("int64"),
            "reason": rj["reason"].to_numpy(),
            "raw": _raw_repr(rj).to_numpy(),
        }
    )
    if bad_rows:
        extra = pd.DataFrame(bad_rows, columns=list(REJECT_COLUMNS))
        rejects = pd.concat([extra, rejects], ignore_index=True)
    rejects = rejects.sort_values(["source_file", "source_row"], kind="stable").reset_index(
        drop=True
    )

    # --- applications ----------------------------------------------------------------
    keep_idx = rec.index[kept_rec]
    mk = m.set_index(rec_key)
    mk = mk[mk.index.isin(keep_idx) & mk["applicant_id"].ne("")].reset_index()
    n_empty_name = int((empty_key & m.set_index(rec_key).index.isin(keep_idx)).sum())
    yr_idx = yr.reindex(pd.MultiIndex.from_frame(mk[rec_key]))
    mk["year"] = yr_idx["year"].to_numpy()
    mk["month"] = yr_idx["month"].to_numpy()
    before = len(mk)
    mk = mk.drop_duplicates(["patent_id", "applicant_id"], keep="first")
    merged = before - len(mk)
    grant = parse_year(mk["grant_raw"]) if mk["grant_raw"].notna().any() else None

    loc_year = mk["year"].astype("Int64") + (mk["month"].fillna(7) >= 7).astype(int) - 1
    loc = region_from_address(mk["address_raw"].astype("string"), year=loc_year.where(
        mk["month"].notna(), mk["year"]))
    chint = mk["country_hint"].astype("string").str.strip().str.upper().fillna("")
    country = loc["country"].where(chint == "", chint)
    region = loc["region"].where((country == "KR") | (country == ""), "")
    hint = mk["region_hint"].astype("string").fillna("")
    if (hint != "").any():
        hinted = hint[hint != ""].map(lambda c: _safe_region(c))
        region = region.where(region != "", hinted.reindex(region.index).fillna(""))
    country = country.fillna("").astype(str)
    country = country.mask((region != "") & (country == ""), "KR")

    cls = classify_actors(
        mk["applicant_raw"], mk["applicant_id"], mk["alias_type"], mk["alias_source"],
        firm_sizes=firm_sizes,
    )
    th = mk["type_hint"].astype("string").fillna("")
    use_hint = th.ne("") & ~cls["type_reason"].str.startswith("lookup:user")
    if use_hint.any():
        cls.loc[use_hint, "actor_type"] = th[use_hint]
        cls.loc[use_hint, "type_reason"] = "source:type_field"
        cls.loc[use_hint & ~th.isin(["sme", "large_firm"]), "size_source"] = ""

    apps = pd.DataFrame(
        {
            "patent_id": mk["patent_id"].astype(str),
            "year": mk["year"].astype("int64"),
            "applicant_raw": mk["applicant_raw"].astype(str),
            "applicant_id": mk["applicant_id"].astype(str),
            "applicant_name": mk["applicant_name"].astype(str),
            "actor_type": cls["actor_type"].astype(ActorType),
            "country": country.to_numpy(),
            "region": region.to_numpy(),
            "source_row": mk["source_row"].astype("int64"),
        }
    )
    if grant is not None:
        apps["grant_year"] = grant["year"].to_numpy()
    for col in ("title", "ipc", "address_raw"):
        if mk[col].notna().any():
            apps[col] = mk[col].astype("string").to_numpy()
    apps["applicant_seq"] = pd.to_numeric(mk["applicant_seq"], errors="coerce").astype("Int64")
    apps["source_file"] = mk["source_file"].to_numpy()
    apps["type_reason"] = cls["type_reason"].astype(str).to_numpy()
    apps["size_source"] = cls["size_source"].fillna("").astype(str).to_numpy()
    apps = apps.reset_index(drop=True)
    if apps.empty and len(rec):
        top = rejects["reason"].iloc[0] if len(rejects) else "no applicant rows"
        row = int(rejects["source_row"].iloc[0]) if len(rejects) else None
        raise IngestError(
            f"no record could be kept ({len(rec)} read, all rejected); first reason: {top}",
            path=source_files[0] if len(source_files) == 1 else ", ".join(source_files),
            row=row,
        )

    counts = rejects["reason"].map(_reason_key).value_counts()
    report = IngestReport(
        source_files=[str(f) for f in source_files],
        reader=reader,
        encoding=encoding,
        rows_read=len(rec) + len(bad_rows or []),
        rows_kept=int(kept_rec.sum()),
        rows_rejected=len(rejects),
        reject_reasons={str(k): int(v) for k, v in counts.items()},
        applications=len(apps),
        actors=int(apps["applicant_id"].nunique()),
        mentions_dropped_empty_name=n_empty_name,
        mentions_merged_duplicate=int(merged),
        actors_unknown_type=int(
            apps.drop_duplicates("applicant_id")["actor_type"].eq("other").sum()
        ),
        applications_unknown_region=int(apps["region"].eq("").sum()),
        applications_unknown_country=int(apps["country"].eq("").sum()),
        year_min=int(apps["year"].min()) if len(apps) else None,
        year_max=int(apps["year"].max()) if len(apps) else None,
        notes=list(notes or []),
    )
    report.check()
    return IngestResult(apps, rejects[list(REJECT_COLUMNS)], report)


def _safe_region(code: str) -> str:
    try:
        return normalise_region_code([code])[0]
    except Exception:  # a hint we cannot read stays unknown, it is not an error
        return ""


def actors_from_applications(
    applications: pd.DataFrame, grouping: str | dict | pd.DataFrame = "5+3"
) -> pd.DataFrame:
    """Build the ``actors`` table: one row per ``applicant_id``.

    Parameters
    ----------
    applications : pandas.DataFrame
        The canonical long table.
    grouping : str, mapping or DataFrame
        Macro-region grouping, see :func:`netanalysis.regions.macro_region`.

    Returns
    -------
    pandas.DataFrame
        ``applicant_id, name, actor_type, country, region, macro_region, capital_area,
        n_patents, first_year, last_year, type_reason, size_source``.  The region and
        country are the actor's most frequent non-empty ones (ties: alphabetical).

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["1", "1", "2"], "year": [2010, 2010, 2012],
    ...     "applicant_id": ["A", "B", "A"], "applicant_name": ["A", "B", "A"],
    ...     "actor_type": ["university", "sme", "university"], "country": ["KR"] * 3,
    ...     "region": ["KR-27", "KR-11", "KR-27"]})
    >>> actors_from_applications(apps)[["applicant_id", "n_patents", "macro_region"]]
      applicant_id  n_patents macro_region
    0            A          2    daegyeong
    1            B          1      capital
    """
    a = applications
    g = a.groupby("applicant_id", sort=True)
    out = pd.DataFrame(
        {
            "name": g["applicant_name"].first(),
            "actor_type": g["actor_type"].first().astype(str),
            "n_patents": g["patent_id"].nunique(),
            "first_year": g["year"].min(),
            "last_year": g["year"].max(),
        }
    )
    for col in ("country", "region"):
        vals = a.loc[a[col].astype(str) != "", ["applicant_id", col]]
        mode = (
            vals.value_counts()
            .reset_index(name="n")
            .sort_values(["applicant_id", "n", col], ascending=[True, False, True])
            .drop_duplicates("applicant_id")
            .set_index("applicant_id")[col]
        )
        out[col] = mode.reindex(out.index).fillna("").astype(str)
    out["macro_region"] = macro_region(out["region"], grouping)
    out["capital_area"] = is_capital_area(out["region"])
    for col, default in (("type_reason", ""), ("size_source", "")):
        out[col] = g[col].first().astype(str) if col in a else default
    out["actor_type"] = out["actor_type"].astype(ActorType)
    return out.reset_index()[list(ACTOR_COLUMNS)]


__all__ = [
    "APPLICATION_COLUMNS",
    "IngestReport",
    "IngestResult",
    "actors_from_applications",
    "finish",
    "split_address_in_name",
    "split_cell",
]
