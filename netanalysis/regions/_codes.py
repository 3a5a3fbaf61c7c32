"""Codes and names to regions, and the hierarchy: parents, levels, countries, focus.

Every function here works on whole columns: the distinct codes of a column are resolved
once (a table has a few thousand of them at most) and mapped back.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

import numpy as np
import pandas as pd

from .._errors import NetworkInputError
from ._table import NUTS_COUNTRY, SCHEME_ORDER, _combined, sido_frame, sigungu_frame

#: A NUTS-shaped code: a country prefix and one to three characters (ITG27, DE2, FR101).
_NUTS_LIKE = re.compile(r"[A-Z]{2}[0-9A-Z]{1,3}")
#: An ISO-3166-2-shaped code: a country prefix, a dash, and up to three more dash parts.
_ISO_LIKE = re.compile(r"[A-Z]{2}(-[0-9A-Za-z]{1,32}){1,3}")


def clear_caches() -> None:
    """Forget the lookups built from the region table (after a user table is added)."""
    for f in (_parents, _lookup, _groups):
        f.cache_clear()


@lru_cache(maxsize=1)
def _parents() -> dict[str, str]:
    t = _combined()
    return dict(zip(t["code"], t["parent"].fillna("").astype(str), strict=True))


def _parent_of(code: str) -> str:
    known = _parents()
    if code in known:
        return known[code]
    if _ISO_LIKE.fullmatch(code):  # a code of a known shape nests by its prefix
        return code.rsplit("-", 1)[0]
    if _NUTS_LIKE.fullmatch(code):
        return code[:-1] if len(code) > 3 else NUTS_COUNTRY.get(code[:2], code[:2])
    return ""


def lineage(code: str) -> list[str]:
    """The code and every region above it, finest first.

    Parameters
    ----------
    code : str
        A region code of any scheme, or ``""``.

    Returns
    -------
    list of str

    Examples
    --------
    >>> lineage("KR-47-Gumi-si"), lineage("DE212"), lineage("")
    (['KR-47-Gumi-si', 'KR-47', 'KR'], ['DE212', 'DE21', 'DE2', 'DE'], [])
    """
    out: list[str] = []
    while code and code not in out and len(out) < 10:
        out.append(code)
        code = _parent_of(code)
    return out


def _per_code(region: pd.Series, f: Callable[[str], object]) -> pd.Series:
    codes = region.astype("string").fillna("")
    distinct = pd.unique(codes.to_numpy())
    return codes.map({c: f(str(c)) for c in distinct})


def within(region: pd.Series, focus: Iterable[str]) -> pd.Series:
    """True where a region is one of ``focus`` or lies inside one of them.

    Parameters
    ----------
    region : pandas.Series of str
        Region codes of any level (``""`` for unknown).
    focus : iterable of str
        Canonical codes (see :func:`parse_region_codes`).

    Returns
    -------
    pandas.Series of bool

    Examples
    --------
    >>> within(pd.Series(["KR-47-Gumi-si", "KR-27", "DE212", ""]), ["KR-47", "DE2"]).tolist()
    [True, False, True, False]
    """
    wanted = set(focus)
    return _per_code(region, lambda c: bool(wanted.intersection(lineage(c)))).astype(bool)


def level_of(code: str) -> int:
    """The level of a code: 0 for a country, 1 for a sido, a NUTS-1 region or a state …

    Parameters
    ----------
    code : str

    Returns
    -------
    int
        ``-1`` for ``""``.

    Examples
    --------
    >>> level_of("KR"), level_of("KR-27"), level_of("KR-27-Buk-gu"), level_of("ITC4C")
    (0, 1, 2, 3)
    """
    return len(lineage(code)) - 1


def at_level(region: pd.Series, level: int) -> pd.Series:
    """Each region's ancestor at ``level`` (``""`` where the region is coarser or unknown).

    Parameters
    ----------
    region : pandas.Series of str
        Region codes of any level.
    level : int
        0 country, 1 sido / NUTS 1 / state, 2 si-gun-gu / NUTS 2, 3 NUTS 3.

    Returns
    -------
    pandas.Series of str

    Examples
    --------
    >>> at_level(pd.Series(["KR-47-Gumi-si", "KR-27", "ITC4C", ""]), 1).tolist()
    ['KR-47', 'KR-27', 'ITC', '']
    """
    def up(c: str) -> str:
        chain = lineage(c)[::-1]
        return chain[level] if len(chain) > level else ""

    return _per_code(region, up).astype(str)


def country_of(region: pd.Series) -> pd.Series:
    """The ISO 3166-1 country each region lies in (``""`` when unknown).

    Parameters
    ----------
    region : pandas.Series of str

    Returns
    -------
    pandas.Series of str

    Examples
    --------
    >>> country_of(pd.Series(["KR-47-Gumi-si", "EL30", "US-CA", ""])).tolist()
    ['KR', 'GR', 'US', '']
    """
    top = at_level(region, 0)
    return top.replace(NUTS_COUNTRY)


def region_names(codes: Iterable[str], local: bool = False) -> dict[str, str]:
    """Display names of codes (``Gumi-si``, ``구미시`` with ``local=True``); unknown: the code.

    Parameters
    ----------
    codes : iterable of str
    local : bool
        Names in the local language.

    Returns
    -------
    dict

    Examples
    --------
    >>> region_names(["KR-27", "KR-47-Gumi-si", "ITC4", "XX9"])
    {'KR-27': 'Daegu', 'KR-47-Gumi-si': 'Gumi-si', 'ITC4': 'Lombardia', 'XX9': 'XX9'}
    """
    t = _combined().set_index("code")["name_local" if local else "name"]
    return {c: str(t.get(c, c)) if pd.notna(t.get(c, c)) else c for c in codes}


def _fold(text: str) -> str:
    return re.sub(r"[\s_]+", " ", str(text).strip().casefold())


@lru_cache(maxsize=1)
def _lookup() -> dict[str, list[str]]:
    """Every spelling -> the codes it may mean, best scheme first."""
    t = _combined()
    rank = {s: i for i, s in enumerate(SCHEME_ORDER)}
    t = t.assign(_rank=t["scheme"].map(rank).fillna(len(rank))).sort_values(["_rank", "level"], kind="stable")
    keys: dict[str, list[str]] = {}

    def add(key: object, code: str) -> None:
        k = _fold(str(key))
        if k and code not in keys.setdefault(k, []):
            keys[k].append(code)

    for code in t["code"]:
        add(code, code)
    for code, name, local in zip(t["code"], t["name"], t["name_local"], strict=True):
        add(name, code)
        if isinstance(local, str):
            add(local, code)
    s = sido_frame()
    for code, admin, aliases in zip(s["code"], s["admin_codes"], s["aliases"], strict=True):
        for a in [*admin, *aliases]:
            add(a, code)
    sido_names = {c: [en, ko] for c, en, ko in zip(s["code"], s["name_en"], s["name_ko"], strict=True)}
    g = sigungu_frame()
    current = g[g["valid_to"].isna()]
    for code, sido, en, aliases in zip(current["code"], current["sido"], current["name_en"],
                                       current["aliases"], strict=True):
        for a in [en, *aliases]:
            add(a, code)
            for sn in sido_names[sido]:
                add(f"{sn} {a}", code)
    return keys


@lru_cache(maxsize=1)
def _groups() -> dict[str, list[str]]:
    """Grouping names (``capital``, ``daegyeong`` …) -> the level-1 codes in them."""
    t = _combined()
    out: dict[str, list[str]] = {}
    top = t[t["macro_region"] != ""]
    top = top[top["level"] == top.groupby("macro_region")["level"].transform("min")]
    for group, codes in top.groupby("macro_region")["code"]:
        out[_fold(str(group))] = list(codes)
    return out


def parse_region_codes(codes: Iterable[str] | str) -> list[str]:
    """Map codes and names of regions, at any level of any scheme, to canonical codes.

    Accepts ISO 3166 codes (``KR-27``, ``DE-BY``, ``US-CA``, a country ``KR``), NUTS codes
    of any level (``ITC4``, ``DE212``, older versions included), Korean administrative
    codes (``27``, ``36`` for Sejong), names in English or the local language (``Daegu``,
    ``대구``, ``Gumi-si``, ``구미시``, ``Lombardia``, ``California``), a si/gun/gu with its
    sido when the name alone repeats (``Daegu Jung-gu``, ``대구 중구``), grouping names
    (``capital``, ``daegyeong``: each expands to its regions) and the codes of tables added
    with :func:`add_region_table`.

    Parameters
    ----------
    codes : str or iterable of str
        One or several; a string may list them separated by commas (or by spaces when
        each part is a code).

    Returns
    -------
    list of str
        Canonical codes, in the order given, without repeats.

    Raises
    ------
    NetworkInputError
        For an unknown code or name, listing the closest known spellings and the schemes
        searched; for a name that means several regions, listing them.

    Examples
    --------
    >>> parse_region_codes("KR-27,47,세종")
    ['KR-27', 'KR-47', 'KR-50']
    >>> parse_region_codes(["구미시", "Lombardia", "daegyeong", "US-CA"])
    ['KR-47-Gumi-si', 'ITC4', 'KR-27', 'KR-47', 'US-CA']
    """
    if isinstance(codes, str):
        parts = [c for c in re.split(r"\s*[,;|]\s*", codes.strip()) if c]
        if len(parts) == 1 and " " in parts[0] and _fold(parts[0]) not in _lookup():
            parts = parts[0].split()
        codes = parts
    lookup, groups = _lookup(), _groups()
    out: list[str] = []
    for c in codes:
        key = _fold(c)
        if key in lookup:
            found = lookup[key]
            if len(found) > 1 and _ambiguous(found):
                names = region_names(found)
                parents = region_names([_parent_of(f) for f in found])
                listed = ", ".join(f"{f} ({names[f]}, in {parents[_parent_of(f)]})" for f in found[:8])
                raise NetworkInputError(
                    f"region {c!r} means several regions: {listed}; give the code, or the name "
                    f"with its parent region (e.g. 'Daegu Jung-gu')")
            new = [found[0]]
        elif key in groups:
            new = groups[key]
        elif _NUTS_LIKE.fullmatch(str(c).strip()) and str(c).strip()[:2] in _nuts_countries():
            new = [str(c).strip()]  # a NUTS code of another version: nests by its prefix
        else:
            near = difflib.get_close_matches(key, list(lookup) + list(groups), n=6, cutoff=0.6)
            hint = f"closest known: {', '.join(repr(n) for n in near)}" if near else "no close match"
            raise NetworkInputError(
                f"region {c!r} is not a known code or name ({hint}); searched the schemes "
                f"{', '.join(SCHEME_ORDER)}, the Korean administrative codes and the groupings "
                f"{', '.join(sorted(groups))}; add your own scheme with --regions FILE")
        out.extend(n for n in new if n not in out)
    return out


def _ambiguous(found: list[str]) -> bool:
    """Several codes of the same scheme and level: a name that repeats (Jung-gu)."""
    t = _combined().set_index("code")
    kinds = list(zip(t["scheme"].reindex(found), t["level"].reindex(found), strict=True))
    return kinds[0] in kinds[1:]


@lru_cache(maxsize=1)
def _nuts_countries() -> frozenset[str]:
    t = _combined()
    return frozenset(t.loc[t["scheme"] == "nuts", "code"].str[:2])


def macro_region(
    region: pd.Series,
    grouping: str | Mapping[str, str] | pd.DataFrame = "5+3",
) -> pd.Series:
    """Group regions of any level into macro-regions through their level-1 region.

    Parameters
    ----------
    region : pandas.Series of str
        Region codes (empty for unknown).
    grouping : {"5+3", "capital"} or mapping or DataFrame
        ``"5+3"``: Korea's capital, chungcheong, honam, daegyeong, dongnam + the special
        provinces gangwon, jeonbuk, jeju.  ``"capital"``: capital vs non_capital (any
        country's core region vs the rest of Korea).  A mapping ``code -> group`` or a
        DataFrame with columns ``region, group`` replaces the built-in table; its codes may
        be of any level (the finest match wins).

    Returns
    -------
    pandas.Series of str
        The group, ``""`` where the region is empty or not in the grouping.

    Examples
    --------
    >>> macro_region(pd.Series(["KR-27", "KR-47-Gumi-si", "KR-11", ""])).tolist()
    ['daegyeong', 'daegyeong', 'capital', '']
    >>> macro_region(pd.Series(["KR-27", "KR-41"]), "capital").tolist()
    ['non_capital', 'capital']
    """
    t = _combined()
    if isinstance(grouping, str):
        if grouping == "5+3":
            mapping = dict(zip(t["code"], t["macro_region"], strict=True))
            mapping = {k: v for k, v in mapping.items() if v}
        elif grouping == "capital":
            kr = t[t["country"] == "KR"]
            mapping = {c: ("capital" if core else "non_capital")
                       for c, core in zip(kr["code"], kr["core"], strict=True)}
        else:
            raise NetworkInputError(
                f"grouping={grouping!r} is not a built-in grouping; use '5+3', 'capital', "
                "a dict {region code: group} or a DataFrame with columns region, group")
    elif isinstance(grouping, pd.DataFrame):
        missing = {"region", "group"} - set(grouping.columns)
        if missing:
            raise NetworkInputError(
                f"grouping table lacks column(s) {sorted(missing)}; expected columns region, group")
        mapping = dict(zip(grouping["region"], grouping["group"], strict=True))
    else:
        mapping = dict(grouping)

    def group(c: str) -> str:
        return next((str(mapping[a]) for a in lineage(c) if a in mapping), "")

    return _per_code(region, group).astype(str)


def core_regions(core: Mapping[str, Iterable[str]] | None = None) -> dict[str, list[str]]:
    """Each country's core region: built in for Korea (the capital area), else as given.

    Parameters
    ----------
    core : mapping, optional
        ``{country: codes or names}``, e.g. ``{"FR": ["FR1"], "IT": ["Lombardia"]}``;
        it replaces the built-in entry of a country it names.

    Returns
    -------
    dict
        ``{country: [canonical codes]}``.

    Examples
    --------
    >>> core_regions({"IT": ["Lombardia"]})
    {'KR': ['KR-11', 'KR-28', 'KR-41'], 'IT': ['ITC4']}
    """
    t = _combined()
    built = t[t["core"] & (t["level"] == 1)]
    out: dict[str, list[str]] = {str(c): list(g) for c, g in built.groupby("country")["code"]}
    for country, codes in (core or {}).items():
        out[str(country).upper()] = parse_region_codes(list(codes) if not isinstance(codes, str) else codes)
    return out


def is_capital_area(region: pd.Series) -> pd.Series:
    """True where the region lies in Seoul, Incheon or Gyeonggi (Korea's core region).

    Parameters
    ----------
    region : pandas.Series of str
        Region codes of any level.

    Returns
    -------
    pandas.Series of bool

    Examples
    --------
    >>> is_capital_area(pd.Series(["KR-41", "KR-27", "KR-41-Suwon-si"])).tolist()
    [True, False, True]
    """
    return within(region, core_regions()["KR"])


def _resolve_one(hint: str, country: str) -> str:
    text = str(hint).strip()
    if not text:
        return ""
    lookup = _lookup()
    keys = [_fold(text)] + ([_fold(f"{country}-{text}")] if country else [])
    found = [c for k in keys for c in lookup.get(k, [])]
    if country:
        found = [c for c in found if (lineage(c) or [""])[-1] in (country, *[k for k, v in NUTS_COUNTRY.items()
                                                                              if v == country])]
    if found:
        return found[0]
    upper = text.upper()
    if _NUTS_LIKE.fullmatch(upper) and upper[:2] in _nuts_countries():
        return upper  # NUTS of another version
    if _ISO_LIKE.fullmatch(upper) and upper[:2] == (country or upper[:2]):
        return upper
    return ""


def regions_from_hints(hint: pd.Series, country: pd.Series | None = None) -> pd.Series:
    """Regions a source gives (codes or names), read with the record's country when known.

    Parameters
    ----------
    hint : pandas.Series of str
        What the source's region or state column holds: ``ITF33``, ``DE-BY``, ``KR-27``,
        ``27``, ``CA`` (with country ``US``), ``California``, ``Lombardia`` …
    country : pandas.Series of str, optional
        ISO 3166-1 alpha-2 per row; narrows names and short codes to that country.

    Returns
    -------
    pandas.Series of str
        Canonical codes; ``""`` where the hint is empty or names no known region (the
        caller counts those: unknown is never dropped).

    Examples
    --------
    >>> regions_from_hints(pd.Series(["CA", "Texas", "ITF33", "27", "nowhere"]),
    ...                    pd.Series(["US", "US", "", "KR", "FR"])).tolist()
    ['US-CA', 'US-TX', 'ITF33', 'KR-27', '']
    """
    text = hint.astype("string").fillna("").str.strip()
    ctry = (pd.Series("", index=hint.index) if country is None
            else country.astype("string").fillna("").str.strip().str.upper())
    # each distinct (hint, country) pair read once, on integer codes (a national table: millions of
    # rows, a few hundred pairs)
    t_code, t_vals = pd.factorize(text)
    c_code, c_vals = pd.factorize(ctry)
    width = max(len(c_vals), 1)
    p_code, pairs = pd.factorize(t_code.astype(np.int64) * width + c_code)
    t_text, c_text = [str(t) for t in t_vals], [str(c) for c in c_vals]
    read = np.empty(len(pairs), dtype=object)
    read[:] = [_resolve_one(t_text[int(p) // width], c_text[int(p) % width]) for p in pairs]
    return pd.Series(read[p_code] if len(pairs) else np.array([], dtype=object), index=hint.index,
                     dtype=object).astype(str)
