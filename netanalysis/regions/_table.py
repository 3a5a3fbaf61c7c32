"""The region table: every built-in scheme in one DataFrame, plus the user's own.

Columns: ``code, name, name_local, parent, level, country, scheme`` and the grouping
columns ``core`` (the country's core region: Korea's capital area) and ``macro_region``
(Korea's 5 poles + 3 special provinces), then ``lat, lon`` where known.  Codes nest through
``parent`` (``KR-47-Gumi-si`` → ``KR-47`` → ``KR``; ``DE212`` → ``DE21`` → ``DE2`` → ``DE``).
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pycountry

from .._errors import NetworkInputError
from .._paths import PACKAGE_DATA

COLUMNS = ["code", "name", "name_local", "parent", "level", "country", "scheme", "core",
           "macro_region", "lat", "lon"]
#: NUTS writes Greece and the United Kingdom with codes ISO 3166-1 does not use.
NUTS_COUNTRY = {"EL": "GR", "UK": "GB"}
#: The order in which schemes are searched when a name or code means several regions.
SCHEME_ORDER = ("user", "korea", "iso3166-1", "nuts", "iso3166-2")

_user_tables: list[pd.DataFrame] = []


@lru_cache(maxsize=1)
def sido_frame() -> pd.DataFrame:
    """The 17 sido as shipped (``_data/regions.csv``), aliases split into lists."""
    t = pd.read_csv(PACKAGE_DATA / "regions.csv", dtype={"admin_codes": str})
    t["aliases"] = t["aliases"].str.split("|")
    t["admin_codes"] = t["admin_codes"].str.split("|")
    t["capital_area"] = t["capital_area"].astype(bool)
    return t


@lru_cache(maxsize=1)
def sigungu_frame() -> pd.DataFrame:
    """Korea's si/gun/gu as shipped (``_data/kr_sigungu.csv``), aliases split into lists."""
    t = pd.read_csv(PACKAGE_DATA / "kr_sigungu.csv", dtype={"kostat_code": str})
    t["aliases"] = t["aliases"].str.split("|")
    for col in ("valid_from", "valid_to"):
        t[col] = t[col].astype("Int64")
    return t


def _korea() -> pd.DataFrame:
    s = sido_frame()
    sido = pd.DataFrame({
        "code": s["code"], "name": s["name_en"], "name_local": s["name_ko"], "parent": "KR",
        "level": 1, "country": "KR", "scheme": "korea", "core": s["capital_area"],
        "macro_region": s["macro_region"], "lat": s["lat"], "lon": s["lon"]})
    g = sigungu_frame()
    core = dict(zip(s["code"], s["capital_area"], strict=True))
    macro = dict(zip(s["code"], s["macro_region"], strict=True))
    sigungu = pd.DataFrame({
        "code": g["code"], "name": g["name_en"], "name_local": g["name_ko"], "parent": g["sido"],
        "level": 2, "country": "KR", "scheme": "korea", "core": g["sido"].map(core),
        "macro_region": g["sido"].map(macro), "lat": g["lat"], "lon": g["lon"]})
    return pd.concat([sido, sigungu], ignore_index=True)


def _countries() -> pd.DataFrame:
    rows = [(c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries]
    t = pd.DataFrame(rows, columns=["code", "name"])
    ko = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"], fallback=True)
    t["name_local"] = [ko.gettext(getattr(c, "name", "")) for c in pycountry.countries]
    return t.assign(parent="", level=0, country=t["code"], scheme="iso3166-1")


def _iso_subdivisions() -> pd.DataFrame:
    subs = [s for s in pycountry.subdivisions if s.country_code != "KR"]
    t = pd.DataFrame({
        "code": [s.code for s in subs], "name": [s.name for s in subs],
        "country": [s.country_code for s in subs],
        "parent": [s.parent_code or "" for s in subs]})
    # older pycountry releases give the parent without its country prefix
    bare = (t["parent"] != "") & ~t["parent"].str.contains("-", regex=False)
    t.loc[bare, "parent"] = t.loc[bare, "country"] + "-" + t.loc[bare, "parent"]
    t["parent"] = t["parent"].where(t["parent"] != "", t["country"])
    depth = pd.Series(1, index=t.index)
    parent_of = dict(zip(t["code"], t["parent"], strict=True))
    for i, code in enumerate(t["code"]):  # at most three levels deep: cheap
        p, d = parent_of[code], 1
        while p in parent_of:
            p, d = parent_of[p], d + 1
        depth.iloc[i] = d
    return t.assign(level=depth, name_local=t["name"], scheme="iso3166-2")


def _nuts() -> pd.DataFrame:
    t = pd.read_csv(PACKAGE_DATA / "nuts.csv")
    prefix = t["code"].str[:2]
    country = prefix.replace(NUTS_COUNTRY)
    parent = t["code"].str[:-1].where(t["level"] > 1, country)
    # Northern Ireland's NUTS 3 codes (UKN10 …) sit under UKN0: where the prefix is not a
    # region, the parent is the only region one level up with the same NUTS 1 prefix
    orphan = (t["level"] > 1) & ~parent.isin(t["code"])
    for i in t.index[orphan]:
        code, level = str(t.at[i, "code"]), int(str(t.at[i, "level"]))
        up = t[(t["level"] == level - 1) & t["code"].str.startswith(code[:3])]
        if len(up) == 1:
            parent.at[i] = up["code"].iloc[0]
    return t.assign(name_local=t["name"], parent=parent, country=country, scheme="nuts")


@lru_cache(maxsize=1)
def _builtin() -> pd.DataFrame:
    parts = [_korea(), _countries(), _iso_subdivisions(), _nuts()]
    t = pd.concat([p.reindex(columns=COLUMNS) for p in parts], ignore_index=True)
    t["core"] = t["core"].astype("boolean").fillna(False).astype(bool)
    t["macro_region"] = t["macro_region"].fillna("").astype(str)
    t["level"] = t["level"].astype(int)
    return t.drop_duplicates("code", keep="first").reset_index(drop=True)


@lru_cache(maxsize=1)
def _combined() -> pd.DataFrame:
    if not _user_tables:
        return _builtin()
    t = pd.concat([*_user_tables, _builtin()], ignore_index=True)
    return t.drop_duplicates("code", keep="first").reset_index(drop=True)


def region_table(scheme: str | None = None) -> pd.DataFrame:
    """Return the region table (a fresh copy).

    Parameters
    ----------
    scheme : str, optional
        Keep one scheme only: ``korea`` (17 sido, level 1, and their si/gun/gu, level 2),
        ``iso3166-1`` (countries, level 0), ``iso3166-2`` (every other country's
        subdivisions), ``nuts`` (NUTS 1–3) or ``user`` (tables added with
        :func:`add_region_table`).

    Returns
    -------
    pandas.DataFrame
        ``code, name, name_local, parent, level, country, scheme, core, macro_region,
        lat, lon`` plus any grouping column a user table brings.

    Notes
    -----
    Sources: the sido and si/gun/gu from Statistics Korea (2018 boundaries, KOGL Type 1);
    ISO 3166 from pycountry; NUTS 2024 (UK: NUTS 2021) from Eurostat; see the licence
    files next to ``_data/kr_sigungu.csv`` and ``_data/nuts.csv``.  A NUTS code of an
    older version that is not in the table still nests by its prefix.

    Examples
    --------
    >>> t = region_table()
    >>> t.set_index("code").loc[["KR-47-Gumi-si", "DE212", "US-CA"], ["parent", "level"]]
                  parent  level
    code
    KR-47-Gumi-si  KR-47      2
    DE212           DE21      3
    US-CA             US      1
    """
    t = _combined()
    if scheme is not None:
        known = sorted(set(SCHEME_ORDER))
        if scheme not in known:
            raise NetworkInputError(f"scheme={scheme!r} is not a region scheme; use one of {known}")
        t = t[t["scheme"] == scheme]
    return t.copy()


def add_region_table(table: pd.DataFrame | str | Path) -> pd.DataFrame:
    """Add a user's region scheme (labour-market areas, mega-regions …) to every lookup.

    Parameters
    ----------
    table : pandas.DataFrame or path
        Columns ``code`` and ``name``; optional ``name_local``, ``parent`` (a code of this
        table or of a built-in scheme, e.g. ``KR-47``), ``level``, ``country``, ``core``
        (true for the country's core region) and any number of grouping columns.  A CSV
        path is read as UTF-8.

    Returns
    -------
    pandas.DataFrame
        The table as added (``scheme = "user"``).

    Raises
    ------
    NetworkInputError
        If ``code`` or ``name`` is missing or a code repeats.

    Notes
    -----
    A user table wins over the built-in ones where a code or a name is the same.  It stays
    added for the session; :func:`clear_region_tables` removes it.

    Examples
    --------
    >>> t = add_region_table(pd.DataFrame({"code": ["TK"], "name": ["Daegu-Gyeongbuk"],
    ...                                    "parent": ["KR"], "level": [1]}))
    >>> region_table().set_index("code").loc["TK", "scheme"]
    'user'
    >>> clear_region_tables()
    """
    from .._io import read_text_table

    t = read_text_table(table, "region table") if not isinstance(table, pd.DataFrame) else table.copy()
    missing = {"code", "name"} - set(t.columns)
    if missing:
        raise NetworkInputError(
            f"region table lacks column(s) {sorted(missing)}; expected code, name and optionally "
            "name_local, parent, level, country, core and grouping columns")
    t["code"] = t["code"].astype(str).str.strip()
    if t["code"].duplicated().any():
        dup = t.loc[t["code"].duplicated(), "code"].tolist()[:5]
        raise NetworkInputError(f"region table repeats code(s) {dup}; each code must appear once")
    t["name_local"] = t.get("name_local", t["name"])
    t["parent"] = t.get("parent", pd.Series("", index=t.index)).fillna("").astype(str)
    t["level"] = pd.to_numeric(t.get("level", pd.Series(1, index=t.index)), errors="coerce").fillna(1).astype(int)
    parent_country = t["parent"].str[:2].where(t["parent"].str.fullmatch(r"[A-Z]{2}.*"), "")
    t["country"] = t.get("country", parent_country).fillna("").astype(str)
    core = t.get("core", pd.Series("", index=t.index)).fillna("").astype(str).str.strip().str.lower()
    t["core"] = core.isin({"true", "1", "yes", "y"})
    t["macro_region"] = t.get("macro_region", pd.Series("", index=t.index)).fillna("").astype(str)
    t["scheme"] = "user"
    _user_tables.insert(0, t)
    _clear_caches()
    return t.copy()


def clear_region_tables() -> None:
    """Remove every table added with :func:`add_region_table`.

    Examples
    --------
    >>> clear_region_tables()
    >>> int((region_table()["scheme"] == "user").sum())
    0
    """
    _user_tables.clear()
    _clear_caches()


def _clear_caches() -> None:
    from . import _codes

    _combined.cache_clear()
    _codes.clear_caches()
