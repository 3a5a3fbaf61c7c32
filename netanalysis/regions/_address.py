"""Korean and foreign address text to a country and the finest Korean region it names.

Notes
-----
* Korean addresses are written from the largest unit down (``대구광역시 북구 …``), so the
  *first* sido name found is used; English addresses run the other way
  (``Buk-gu, Daegu, Korea``), so the *last* one is used.
* The si/gun/gu is then looked for among the ones of that sido only (``중구`` is in six of
  them); an address that names no sido but a si or gun whose name is unique in Korea
  (``구미시``, ``Gumi-si``) is placed by it.
* Boundaries move.  Gunwi-gun (군위군) belonged to Gyeongbuk until 2023-07-01 and to
  Daegu since; an address naming it is assigned as of the reference year.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import numpy as np
import pandas as pd
import pycountry

from .._regex import arrow_text, re_contains
from ._table import sido_frame, sigungu_frame

GUNWI_MOVE_YEAR = 2023  # Gunwi-gun joined Daegu on 2023-07-01 (year-only dates count as 1 July)
_HANGUL = re.compile(r"[가-힣]")


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _alias_index() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    t = sido_frame()
    alias_to_code: dict[str, str] = {}
    for code, aliases in zip(t["code"], t["aliases"], strict=True):
        for a in aliases:
            alias_to_code[a.casefold()] = code
    hangul = [n for n in alias_to_code if _HANGUL.search(n)]
    latin = [n for n in alias_to_code if not _HANGUL.search(n)]
    ko_pat = re.compile("(" + _alternation(hangul) + ")")
    # every position a name starts at (zero-width, so each is tried once: linear in the text);
    # the caller takes the last one, as the greedy ``.*`` before it did in quadratic time
    en_pat = re.compile(r"(?<![a-z])(?=(" + _alternation(latin) + r")(?![a-z]))")
    return alias_to_code, ko_pat, en_pat


def _spellings(name_ko: str, name_en: str, extra: list[str]) -> list[str]:
    """Korean with and without its suffix (구미시, 구미), English forms (gumi-si, gumi si,
    gumi city, gumi-gun …); the bare English stem only when it is not a common word."""
    out = [name_ko, *extra]
    stem_ko = re.sub(r"(시|군|구)$", "", name_ko)
    if len(stem_ko) >= 2:
        out.append(stem_ko)
    m = re.fullmatch(r"(.+?)-(si|gun|gu)", name_en)
    if m:
        stem, kind = m.group(1), m.group(2)
        word = {"si": "city", "gun": "county", "gu": "district"}[kind]
        out += [name_en, f"{stem} {kind}", f"{stem}{kind}", f"{stem} {word}"]
        if kind == "si" and len(stem) >= 4:
            out.append(stem)
    return [o.casefold() for o in out]


@lru_cache(maxsize=1)
def _sigungu_index() -> tuple[dict[str, dict[str, str]], dict[str, re.Pattern[str]], dict[str, str], re.Pattern[str]]:
    """Per sido: spelling -> code and one pattern; and the unique si/gun names of Korea."""
    g = sigungu_frame()
    sido_aliases = set(_alias_index()[0])  # "Jeju" alone names the province, not Jeju-si
    per_sido: dict[str, dict[str, str]] = {}
    for code, sido, ko, en, aliases in zip(g["code"], g["sido"], g["name_ko"], g["name_en"],
                                           g["aliases"], strict=True):
        for s in _spellings(ko, en, [a for a in aliases if a != ko]):
            if s not in sido_aliases:
                per_sido.setdefault(sido, {}).setdefault(s, code)
    patterns = {
        sido: re.compile(r"(?<![a-z가-힣])(" + _alternation(list(names)) + r")(?![a-z가-힣]|-[a-z])")
        for sido, names in per_sido.items()
    }
    # names that place an address on their own: full si/gun names unique in the country
    full = g[g["name_ko"].str.endswith(("시", "군")) & g["valid_to"].isna() & g["valid_from"].isna()]
    counts: dict[str, int] = {}
    owner: dict[str, str] = {}
    for code, ko, en in zip(full["code"], full["name_ko"], full["name_en"], strict=True):
        for s in {ko.casefold(), en.casefold(), en.casefold().replace("-si", " city")}:
            counts[s] = counts.get(s, 0) + 1
            owner[s] = code
    unique = {s: owner[s] for s, n in counts.items() if n == 1 and len(s) >= 3}
    unique_pat = re.compile(r"(?<![a-z가-힣])(" + _alternation(list(unique)) + r")(?![a-z가-힣]|-[a-z])")
    return per_sido, patterns, unique, unique_pat


#: Languages whose ISO 3166-1 country names (pycountry's translations) an address may use.
COUNTRY_LANGUAGES: tuple[str, ...] = ("ko", "de", "fr", "it", "es", "pt", "nl", "sv", "da", "pl", "ja", "zh_CN",
                                      "zh_TW")
_AMBIGUOUS = "?"  # a name that is a country and a US state or Canadian province (Georgia)
_POSTAL = re.compile(r"\b(?:\d[\d\- ]*\d|\d|[a-z]\d[a-z] ?\d[a-z]\d)\b")  # digits; Canadian A1A 1A1


@lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, str], re.Pattern[str], dict[str, str], dict[str, str]]:
    """Names -> code: countries in several languages, US states and Canadian provinces (their
    country), the Korean names; the pattern of a name ending an address component; and the
    two-letter codes of US states and of Canadian provinces."""
    names: dict[str, str] = {}
    for lang in COUNTRY_LANGUAGES:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                n = getattr(c, attr, None)
                if n:
                    names.setdefault(n.casefold(), c.alpha_2)
                    names.setdefault(tr.gettext(n).casefold(), c.alpha_2)
    extra = {
        "korea": "KR", "south korea": "KR", "republic of korea": "KR", "rep. of korea": "KR", "대한민국": "KR",
        "한국": "KR", "usa": "US", "u.s.a.": "US", "u.s.a": "US", "u.s.": "US", "united states of america": "US",
        "united states": "US", "미국": "US", "미합중국": "US", "uk": "GB", "u.k.": "GB", "england": "GB",
        "scotland": "GB", "wales": "GB", "great britain": "GB", "영국": "GB", "일본국": "JP", "일본": "JP",
        "중국": "CN", "중화인민공화국": "CN", "p.r. china": "CN", "pr china": "CN", "taiwan": "TW", "대만": "TW",
        "독일": "DE", "프랑스": "FR", "스위스": "CH", "네덜란드": "NL", "스웨덴": "SE", "캐나다": "CA",
        "이스라엘": "IL", "싱가포르": "SG", "인도": "IN", "호주": "AU", "오스트레일리아": "AU",
    }
    names.update(extra)
    states = {s.code[3:]: s.name for s in pycountry.subdivisions.get(country_code="US")
              if s.type in ("State", "District")}  # outlying areas (Guam, PR …) have their own ISO code
    provinces = {s.code[3:]: s.name for s in pycountry.subdivisions.get(country_code="CA")}
    for code_of, subs in (("US", states), ("CA", provinces)):
        for name in subs.values():
            key = name.casefold()
            names[key] = _AMBIGUOUS if key in names and names[key] != code_of else code_of
    names["québec"] = "CA"
    names = {k: v for k, v in names.items() if len(k) >= 2}
    pat = re.compile(r"(?:^|[^a-z가-힣])(" + _alternation(list(names)) + r")\.?$")
    return names, pat, states, provinces


def _extract_unique(values: pd.Series, pattern: str | re.Pattern[str]) -> pd.Series:
    """``values.str.extract(pattern, expand=False)`` run once per distinct value (an export repeats
    its addresses on every row of an applicant), on the index of ``values``."""
    codes, uniques = pd.factorize(values)
    got = pd.Series(uniques, dtype="string").str.extract(pattern, expand=False).astype("string")
    out = got.reindex(codes).set_axis(values.index)  # code -1 (a missing value) gives <NA>
    return out


#: A bare two-letter last component: after the last comma, semicolon or bracket (or at the start),
#: blanks around it, then only the commas, semicolons, brackets and spaces an address may end with.
_TWO_LETTER_LAST = re.compile(r"(?:\A|[,;()\[\]])\s*([A-Za-z]{2})\s*[ ,;()\[\]]*\Z")


def _two_letter_codes(text: pd.Series) -> pd.Series:
    """A bare two-letter last component of each address, upper case (``""`` where there is none; object).

    The last component is what follows the last comma, semicolon or bracket once the trailing
    spaces, commas, semicolons and brackets are dropped, stripped of blanks. One pattern says which
    addresses end so (:data:`_TWO_LETTER_LAST`, in the regex kernel); the code is extracted from
    those only (a national table's millions of addresses, few ending in a code).

    >>> _two_letter_codes(pd.Series(["Boston, MA", "Roma (IT)", "Via Roma 1, 20100 Milano", "us"],
    ...                              dtype="string")).tolist()
    ['MA', 'IT', '', 'US']
    """
    text = text.fillna("")
    found = re_contains(text, _TWO_LETTER_LAST).fillna(False).to_numpy(dtype=bool)
    out = pd.Series("", index=text.index, dtype=object)
    if found.any():
        out[found] = text[found].str.extract(_TWO_LETTER_LAST, expand=False).str.upper().to_numpy(dtype=object)
    return out


#: What separates an address's components, and what :func:`_last_component` drops at its end (with spaces).
_COMPONENT_ENDS = ",;()[]"


def _last_component(folded: pd.Series) -> pd.Series:
    """What follows the last comma, semicolon or bracket of each address once its trailing spaces,
    commas, semicolons and brackets are dropped (``""`` where missing; its leading spaces kept).

    In Arrow: one trim of the end and one RE2 pass that drops everything up to the last separator
    (RE2 runs in time linear in the text; a Python pattern anchored at the end backtracks
    quadratically on a long component, and pandas' split made a list per address: 2 s on a
    national table's 885 k distinct addresses). Other columns (object text with a missing value)
    take pandas' way, with the same answer.

    >>> _last_component(pd.Series(["via roma 1, 20100 milano", "boston (ma)", "a; b [c] ,;  ", None],
    ...                           dtype="string")).tolist()
    [' 20100 milano', 'ma', 'c', '']
    """
    import pyarrow.compute as pc

    arr = arrow_text(folded)
    if arr is None:
        return folded.str.replace(r"[()\[\]]", ",", regex=True).str.rstrip(" ,;").str.split(
            r"[,;]", regex=True).str[-1].fillna("")
    last = pc.replace_substring_regex(pc.utf8_rtrim(arr, characters=" " + _COMPONENT_ENDS),
                                      "^(?s:.*)[" + re.escape(_COMPONENT_ENDS) + "]", "")
    return pd.Series(pd.array(last, dtype="string[pyarrow]"), index=folded.index).astype(folded.dtype).fillna("")


def _codes_are_countries(two: pd.Series, weight: pd.Series | None = None) -> bool:
    """The column's convention for a bare two-letter component (rule 3 of :func:`region_from_address`):
    True when most such codes, counted over the rows (``weight``: rows per value), are country codes
    that are no US state or Canadian province."""
    _, _, states, provinces = _country_index()
    w = pd.Series(1, index=two.index) if weight is None else weight
    given = two != ""
    if not given.any():
        return False
    subnational = two.isin(list(states) + list(provinces))
    iso = {c.alpha_2 for c in pycountry.countries}
    country_like = given & ~subnational & two.isin(list(iso))
    return float(w[country_like].sum() / w[given].sum()) > 0.5


def _country(text: pd.Series, folded: pd.Series, has_hangul: pd.Series, as_country: bool | None = None) -> pd.Series:
    """The country an address names, by the rule of :func:`region_from_address` (``<NA>``: unknown);
    ``as_country``: the column's two-letter convention when it was read elsewhere (else from ``text``)."""
    names, pat, states, provinces = _country_index()
    # the last component, postal codes removed
    bare = _last_component(folded).str.replace(_POSTAL.pattern, " ", regex=True).str.strip()
    country = _extract_unique(bare, pat).map(names, na_action="ignore").astype("string")
    # a US ZIP code after a state: "Atlanta, GA 30332", "Atlanta, Georgia 30332-0250"
    zip_state = _extract_unique(folded, r"(?:^|[^a-z])([a-z]{2}|[a-z][a-z .]+?)\.?,?\s+\d{5}(?:-\d{4})?\s*(?:,\s*)?"
                                r"(?:usa|u\.s\.a\.?|us|united states(?: of america)?)?\s*$")
    us_names = {n.casefold() for n in states.values()}
    is_state = zip_state.str.upper().isin(list(states)) | zip_state.str.strip().isin(list(us_names))
    country = country.mask(is_state.fillna(False), "US")
    # a bare two-letter last component: a country code, a US state or a Canadian province by
    # the column's own convention (most such codes being no state or province: country codes)
    two = _two_letter_codes(text)
    given = two[two != ""]
    subnational = given.isin(list(states) + list(provinces))
    iso = {c.alpha_2 for c in pycountry.countries}
    if as_country is None:
        as_country = _codes_are_countries(two)
    if as_country:  # a code that is no country but a state or province (NY, QC) is still read as one
        read = given.where(given.isin(list(iso)))
        read = read.fillna(given.map({**{c: "CA" for c in provinces}, **{c: "US" for c in states}}))
    else:
        read = pd.Series(pd.NA, index=given.index, dtype="string")
        read = read.mask(given.isin(list(states)), "US").mask(given.isin(list(provinces)), "CA")
        read = read.mask(~subnational & given.isin(list(iso)), given)
    country = country.fillna(read.reindex(country.index).astype("string"))
    # Korean text names its country first ("미국 캘리포니아주 …"): the first Korean name found
    ko_names = [n for n in names if _HANGUL.search(n)]
    ko = folded.where(has_hangul).str.extract("(" + _alternation(ko_names) + ")", expand=False)
    country = ko.map(names, na_action="ignore").astype("string").fillna(country)
    return country.mask(country == _AMBIGUOUS, pd.NA)


def _last(text: pd.Series, pattern: re.Pattern[str]) -> pd.Series:
    """The last name ``pattern`` finds in each cell (its one group), else missing."""
    return text.str.findall(pattern).str[-1]


def _sido(folded: pd.Series, has_hangul: pd.Series) -> pd.Series:
    alias_to_code, ko_pat, en_pat = _alias_index()
    ko = folded.str.extract(ko_pat, expand=False)
    en = _last(folded, en_pat)
    alias = ko.where(has_hangul & ko.notna(), en).fillna(ko)
    return alias.map(alias_to_code, na_action="ignore").astype("string")


def _sigungu(folded: pd.Series, sido: pd.Series) -> pd.Series:
    per_sido, patterns, unique, unique_pat = _sigungu_index()
    out = pd.Series(pd.NA, index=folded.index, dtype="string")
    for code in pd.unique(sido.dropna()):
        if code not in patterns:
            continue
        rows = sido == code
        found = folded[rows].str.extract(patterns[code], expand=False)
        out[rows] = found.map(per_sido[code], na_action="ignore")
    alone = sido.isna()
    if alone.any():
        found = folded[alone].str.extract(unique_pat, expand=False)
        out[alone] = found.map(unique, na_action="ignore")
    return out


def _gunwi_rows(region: pd.Series, folded: pd.Series) -> pd.Series:
    """Rows whose region is Gunwi-gun (in either sido): their sido depends on the date."""
    return folded.str.contains(r"군위|gunwi", regex=True) & region.str[:5].isin(["KR-27", "KR-47"])


def _gunwi(region: pd.Series, folded: pd.Series, year: pd.Series | None) -> pd.Series:
    """Place Gunwi-gun in Gyeongbuk before 2023-07-01 and in Daegu from then on."""
    gunwi = _gunwi_rows(region, folded)
    if not gunwi.any():
        return region
    yr = (pd.Series(GUNWI_MOVE_YEAR + 1, index=region.index) if year is None
          else pd.to_numeric(year, errors="coerce").fillna(GUNWI_MOVE_YEAR + 1))
    moved = pd.Series("KR-47-Gunwi-gun", index=region.index).where(yr < GUNWI_MOVE_YEAR, "KR-27-Gunwi-gun")
    return region.mask(gunwi, moved)


def region_from_address(
    address: pd.Series,
    year: pd.Series | None = None,
    *,
    only: pd.Series | np.ndarray | None = None,
) -> pd.DataFrame:
    """Parse free address text into an ISO country code and the finest Korean region named.

    Parameters
    ----------
    address : pandas.Series of str
        Address text in Korean or English, full or abbreviated
        (``대구광역시 북구``, ``경북 구미시``, ``Buk-gu, Daegu, Korea``, ``Kyungpook``).
    year : pandas.Series of int, optional
        Reference year per address (same length and order) for boundary changes (Gunwi-gun).
        Missing: today's boundaries.
    only : boolean array, optional
        Parse only these rows (the others get ``("", "")``), e.g. the rows whose country the
        source already gives and whose region no address rule could set. The column's
        two-letter convention (rule 3 below) is still read from every row.

    Returns
    -------
    pandas.DataFrame
        Columns ``country`` (ISO 3166-1 alpha-2 or ``""``) and ``region`` (a si/gun/gu code
        such as ``KR-47-Gumi-si`` when one is named, else the sido's ISO 3166-2:KR code,
        else ``""``), on the index of ``address``.

    Notes
    -----
    A Korean region implies ``country = "KR"``.  A foreign address keeps its country and
    an empty region.  Text with neither stays ``("", "")``: unknown is a value.  The sido
    of a region is ``netanalysis.regions.at_level(region, 1)``.

    The country of a foreign address is read from its **last component** (after the last
    comma, semicolon or bracket, postal codes removed), never from a word in the middle
    ("Michael Jordan St, Boston, MA" is not Jordan):

    1. a country name ending it, in English or in any of :data:`COUNTRY_LANGUAGES`
       (pycountry's ISO 3166-1 names and their translations: ``Deutschland``, ``Italia``,
       ``Japon``, ``Suisse`` …), or a US state or Canadian province name (ISO 3166-2:
       ``New Mexico``, ``Ontario``) for ``US`` / ``CA``.  A name that is both a country and
       a state (``Georgia``) stays unknown unless a ZIP code follows it;
    2. a US ZIP code after a state (``Atlanta, GA 30332``): ``US``;
    3. a bare two-letter component is read by the column's own convention: when most such
       codes in the column are country codes that are no US state or Canadian province
       (``…,US``, ``…,CN``, ``…,JP``), the column ends its addresses with ISO 3166-1 codes
       and ``CA``, ``DE``, ``IN`` are Canada, Germany, India; otherwise they are states and
       provinces (``San Jose, CA``: ``US``).  A two-letter code is never looked for inside
       the text;
    4. Korean text names its country first (``미국 캘리포니아주 …``): the first Korean
       country name found.

    An address none of these places keeps an unknown country.

    Each distinct address is parsed once (a national table repeats an applicant's address on
    every row).

    Examples
    --------
    >>> region_from_address(pd.Series(["대구광역시 북구", "경북 구미시", "Gyeongsangbuk-do",
    ...                                "Tokyo, Japan"]))
      country         region
    0      KR   KR-27-Buk-gu
    1      KR  KR-47-Gumi-si
    2      KR          KR-47
    3      JP
    """
    text = address.astype("string").fillna("")
    rows = None if only is None else np.asarray(only, dtype=bool)
    # each distinct address is parsed once; what depends on the row is put back after: the
    # reference year (Gunwi-gun) and the column's two-letter convention (counted over rows)
    codes, distinct = pd.factorize(text)
    uniq = pd.Series(distinct, dtype=text.dtype)
    weight = pd.Series(np.bincount(codes, minlength=len(uniq)))
    as_country = _codes_are_countries(_two_letter_codes(uniq), weight)
    wanted = np.ones(len(uniq), dtype=bool)
    if rows is not None:
        wanted = np.zeros(len(uniq), dtype=bool)
        wanted[codes[rows]] = True
    got = _parse_distinct(uniq[wanted], as_country)
    country_u = np.full(len(uniq), "", dtype=object)
    region_u = np.full(len(uniq), "", dtype=object)
    gunwi_u = np.zeros(len(uniq), dtype=bool)
    country_u[wanted] = got["country"].to_numpy(dtype=object)
    region_u[wanted] = got["region"].to_numpy(dtype=object)
    gunwi_u[wanted] = got["gunwi"].to_numpy(dtype=bool)
    country = country_u[codes]
    region = region_u[codes]
    if rows is not None:
        country[~rows] = ""
        region[~rows] = ""
    moved = gunwi_u[codes] & (region != "")
    if moved.any() and year is not None:
        yr = pd.to_numeric(pd.Series(year), errors="coerce").to_numpy(dtype=float, na_value=np.nan)[moved]
        region[moved] = np.where(yr < GUNWI_MOVE_YEAR, "KR-47-Gunwi-gun", "KR-27-Gunwi-gun")  # NaN: today
    return pd.DataFrame({"country": country, "region": region}, index=address.index).astype(str)


def _parse_distinct(text: pd.Series, as_country: bool) -> pd.DataFrame:
    """Country, region (as of today's boundaries) and whether the region is Gunwi-gun, per address."""
    folded = text.str.casefold()
    has_hangul = text.str.contains(_HANGUL.pattern, regex=True)
    sido = _sido(folded, has_hangul)
    sigungu = _sigungu(folded, sido)
    region = sigungu.fillna(sido)
    gunwi = _gunwi_rows(region.fillna(""), folded).fillna(False).astype(bool)
    region = _gunwi(region.fillna(""), folded, None).replace("", pd.NA)

    country = _country(text, folded, has_hangul, as_country)
    country = country.mask(region.notna() & (country.isna() | (country == "KR")), "KR")
    # a foreign country named after a Korean-looking token (e.g. "Busan St, Toronto, Canada")
    region = region.mask(country.notna() & (country != "KR"), pd.NA)
    return pd.DataFrame(
        {"country": country.fillna("").astype(str), "region": region.fillna("").astype(str), "gunwi": gunwi},
        index=text.index,
    )
