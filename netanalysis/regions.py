"""Korean regions (ISO 3166-2:KR) and countries from address text.

The sido table ships as ``netanalysis/_data/regions.csv`` (code, English and Korean
names, capital-area flag, the 5 poles + 3 special provinces grouping, Korean
administrative codes, an approximate centroid and every accepted spelling).  Edit it or
pass your own grouping table; the built-in groupings are only defaults.

Notes
-----
* Korean addresses are written from the largest unit down (``대구광역시 북구 …``), so the
  *first* sido name found is used; English addresses run the other way
  (``Buk-gu, Daegu, Korea``), so the *last* one is used.
* Boundaries move.  Gunwi-gun (군위군) belonged to Gyeongbuk until 2023-07-01 and to
  Daegu since; an address naming it is assigned as of the reference year (the filing
  year, taken as 1 July of that year).
* Korean administrative (법정동) codes (36 Sejong, 50 Jeju, 51 Gangwon, 52 Jeonbuk …) are
  accepted as input; ISO codes are stored.  Gangwon and Jeonbuk are stored as KR-42 and
  KR-45; KR-51 and KR-52 are read as the same provinces.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

import pandas as pd
import pycountry

from ._deprecation import renamed_attributes
from ._errors import NetworkInputError
from ._paths import PACKAGE_DATA

CAPITAL_AREA: frozenset[str] = frozenset({"KR-11", "KR-28", "KR-41"})
GUNWI_MOVE_YEAR = 2023  # Gunwi-gun joined Daegu on 2023-07-01 (year-only dates count as 1 July)


@lru_cache(maxsize=1)
def _sido_table() -> pd.DataFrame:
    t = pd.read_csv(PACKAGE_DATA / "regions.csv", dtype={"admin_codes": str})
    t["aliases"] = t["aliases"].str.split("|")
    t["admin_codes"] = t["admin_codes"].str.split("|")
    t["capital_area"] = t["capital_area"].astype(bool)
    return t


def sido_table() -> pd.DataFrame:
    """Return the shipped table of the 17 Korean sido (a fresh copy on every call).

    Returns
    -------
    pandas.DataFrame
        One row per ISO 3166-2:KR code with ``name_en``, ``name_ko``, ``capital_area``,
        ``macro_region``, ``lat``, ``lon`` and ``aliases`` (a list of spellings).
        Changing it does not change later lookups.

    Examples
    --------
    >>> t = sido_table()
    >>> len(t), t.loc[t.code == "KR-27", "name_ko"].item()
    (17, '대구')
    """
    t = _sido_table().copy(deep=True)
    for col in ("aliases", "admin_codes"):  # lists inside cells are objects: copy them too
        t[col] = t[col].map(list)
    return t


@lru_cache(maxsize=1)
def _alias_index() -> tuple[dict[str, str], re.Pattern, re.Pattern]:
    t = _sido_table()
    alias_to_code: dict[str, str] = {}
    for code, aliases in zip(t["code"], t["aliases"], strict=True):
        for a in aliases:
            alias_to_code[a.casefold()] = code
    names = sorted(alias_to_code, key=len, reverse=True)
    hangul = [re.escape(n) for n in names if re.search(r"[가-힣]", n)]
    latin = [re.escape(n) for n in names if not re.search(r"[가-힣]", n)]
    # Korean: first occurrence; Latin: last occurrence, on word boundaries.
    ko_pat = re.compile("(" + "|".join(hangul) + ")")
    en_pat = re.compile(r"(?:.*[^a-z]|^)(" + "|".join(latin) + r")(?![a-z])", re.S)
    return alias_to_code, ko_pat, en_pat


@lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, str], re.Pattern]:
    ko = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"], fallback=True)
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            n = getattr(c, attr, None)
            if n:
                names[n.casefold()] = c.alpha_2
                names[ko.gettext(n).casefold()] = c.alpha_2
    extra = {
        "korea": "KR", "south korea": "KR", "republic of korea": "KR", "대한민국": "KR",
        "한국": "KR", "usa": "US", "u.s.a.": "US", "united states of america": "US",
        "united states": "US", "미국": "US", "미합중국": "US", "uk": "GB", "england": "GB",
        "great britain": "GB", "영국": "GB", "일본국": "JP", "일본": "JP", "중국": "CN",
        "중화인민공화국": "CN", "taiwan": "TW", "대만": "TW", "독일": "DE", "프랑스": "FR",
        "스위스": "CH", "네덜란드": "NL", "스웨덴": "SE", "캐나다": "CA", "이스라엘": "IL",
        "싱가포르": "SG", "인도": "IN", "호주": "AU", "오스트레일리아": "AU",
    }
    names.update(extra)
    names = {k: v for k, v in names.items() if len(k) >= 2}
    alts = sorted(names, key=len, reverse=True)
    pat = re.compile(
        r"(?:.*[^a-z가-힣]|^)(" + "|".join(re.escape(a) for a in alts) + r")(?![a-z])", re.S
    )
    return names, pat


def region_from_address(
    address: pd.Series,
    year: pd.Series | None = None,
) -> pd.DataFrame:
    """Parse free address text into an ISO country code and an ISO 3166-2:KR region.

    Parameters
    ----------
    address : pandas.Series of str
        Address text in Korean or English, full or abbreviated
        (``대구광역시 북구``, ``경북 포항시``, ``Buk-gu, Daegu, Korea``, ``Kyungpook``).
    year : pandas.Series of int, optional
        Reference year per address for boundary changes (Gunwi-gun).  Missing: today's
        boundaries.

    Returns
    -------
    pandas.DataFrame
        Columns ``country`` (ISO 3166-1 alpha-2 or ``""``) and ``region`` (ISO 3166-2:KR
        code or ``""``), on the index of ``address``.

    Notes
    -----
    A Korean sido name implies ``country = "KR"``.  A foreign address keeps its country
    and an empty region.  Text with neither stays ``("", "")``: unknown is a value.

    Examples
    --------
    >>> region_from_address(pd.Series(["대구광역시 북구", "Pohang, Gyeongsangbuk-do", "Tokyo, Japan"]))
      country region
    0      KR  KR-27
    1      KR  KR-47
    2      JP
    """
    alias_to_code, ko_pat, en_pat = _alias_index()
    text = address.astype("string").fillna("")
    folded = text.str.casefold()
    ko = folded.str.extract(ko_pat, expand=False)
    en = folded.str.extract(en_pat, expand=False)
    has_hangul = text.str.contains(r"[가-힣]", regex=True)
    alias = ko.where(has_hangul & ko.notna(), en)
    alias = alias.fillna(ko)
    region = alias.map(alias_to_code, na_action="ignore").astype("string")

    gunwi = folded.str.contains(r"군위|gunwi", regex=True)
    moved = gunwi & region.isin(["KR-27", "KR-47"])
    if moved.any():
        yr = (
            pd.Series(GUNWI_MOVE_YEAR + 1, index=address.index)
            if year is None
            else pd.to_numeric(year, errors="coerce").fillna(GUNWI_MOVE_YEAR + 1)
        )
        region = region.mask(moved, pd.Series("KR-47", index=address.index).where(
            yr < GUNWI_MOVE_YEAR, "KR-27"))

    names, cpat = _country_index()
    country = folded.str.extract(cpat, expand=False).map(names, na_action="ignore")
    country = country.astype("string")
    country = country.mask(region.notna() & (country.isna() | (country == "KR")), "KR")
    # a foreign country named after a Korean-looking token (e.g. "Busan St, Toronto, Canada")
    region = region.mask(country.notna() & (country != "KR"), pd.NA)
    return pd.DataFrame(
        {"country": country.fillna("").astype(str), "region": region.fillna("").astype(str)},
        index=address.index,
    )


def parse_region_codes(codes: Iterable[str] | str) -> list[str]:
    """Map region codes or names to canonical ISO 3166-2:KR codes.

    Accepts ISO codes (``KR-27``), Korean administrative codes (``27``, ``36`` for Sejong,
    ``51`` for Gangwon), and sido names in any listed spelling.

    Parameters
    ----------
    codes : str or iterable of str
        One code or several (a string may list them separated by commas or spaces).

    Returns
    -------
    list of str
        ISO 3166-2:KR codes, in the order given.

    Raises
    ------
    NetworkInputError
        If a code is not a Korean sido, naming it and listing the valid codes.

    Examples
    --------
    >>> parse_region_codes("KR-27,47,세종")
    ['KR-27', 'KR-47', 'KR-50']
    """
    if isinstance(codes, str):
        codes = [c for c in re.split(r"[,\s]+", codes) if c]
    t = _sido_table()
    lookup: dict[str, str] = {}
    for code, admin_codes, aliases in zip(t["code"], t["admin_codes"], t["aliases"], strict=True):
        for spelling in [code, *admin_codes, *aliases]:
            lookup[str(spelling).casefold()] = str(code)
    out = []
    for c in codes:
        key = str(c).strip().casefold()
        if key not in lookup:
            valid = ", ".join(t["code"])
            raise NetworkInputError(
                f"region code {c!r} is not a Korean sido; expected one of {valid}, a "
                f"Korean administrative code (e.g. 27) or a sido name (e.g. Daegu, 대구)"
            )
        out.append(lookup[key])
    return out


def macro_region(
    region: pd.Series,
    grouping: str | Mapping[str, str] | pd.DataFrame = "5+3",
) -> pd.Series:
    """Group ISO region codes into macro-regions.

    Parameters
    ----------
    region : pandas.Series of str
        ISO 3166-2:KR codes (empty for unknown or foreign).
    grouping : {"5+3", "capital"} or mapping or DataFrame
        ``"5+3"``: capital, chungcheong, honam, daegyeong, dongnam + the special
        provinces gangwon, jeonbuk, jeju.  ``"capital"``: capital vs non_capital.
        A mapping ``code -> group`` or a DataFrame with columns ``region, group``
        replaces the built-in table (e.g. Jeonbuk with Honam).

    Returns
    -------
    pandas.Series of str
        The group, ``""`` where the region is empty or not in the grouping.

    Examples
    --------
    >>> macro_region(pd.Series(["KR-27", "KR-11", ""])).tolist()
    ['daegyeong', 'capital', '']
    >>> macro_region(pd.Series(["KR-27", "KR-41"]), "capital").tolist()
    ['non_capital', 'capital']
    """
    t = _sido_table()
    if isinstance(grouping, str):
        if grouping == "5+3":
            mapping = dict(zip(t["code"], t["macro_region"], strict=True))
        elif grouping == "capital":
            mapping = {
                c: ("capital" if cap else "non_capital")
                for c, cap in zip(t["code"], t["capital_area"], strict=True)
            }
        else:
            raise NetworkInputError(
                f"grouping={grouping!r} is not a built-in grouping; use '5+3', 'capital', "
                "a dict {region code: group} or a DataFrame with columns region, group"
            )
    elif isinstance(grouping, pd.DataFrame):
        missing = {"region", "group"} - set(grouping.columns)
        if missing:
            raise NetworkInputError(
                f"grouping table lacks column(s) {sorted(missing)}; expected columns region, group"
            )
        mapping = dict(zip(grouping["region"], grouping["group"], strict=True))
    else:
        mapping = dict(grouping)
    return region.map(mapping).fillna("").astype(str)


def is_capital_area(region: pd.Series) -> pd.Series:
    """True where the region is Seoul, Incheon or Gyeonggi.

    Parameters
    ----------
    region : pandas.Series of str
        ISO 3166-2:KR codes.

    Returns
    -------
    pandas.Series of bool

    Examples
    --------
    >>> is_capital_area(pd.Series(["KR-41", "KR-27"])).tolist()
    [True, False]
    """
    return region.isin(CAPITAL_AREA)


__getattr__ = renamed_attributes(
    __name__, {"normalise_region_code": ("netanalysis.regions.parse_region_codes", parse_region_codes)}
)

__all__ = ["CAPITAL_AREA", "is_capital_area", "macro_region", "parse_region_codes", "region_from_address", "sido_table"]
