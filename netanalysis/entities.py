"""Applicant name harmonisation: one organisation, one ``applicant_id``.

The key of a name is built in four transparent steps, all vectorised over the unique
names of a table:

1. Unicode NFKC, upper case, ``㈜`` → ``(주)``, ``&`` kept, whitespace collapsed;
   zero-width characters and soft hyphens dropped; accents folded (``É`` → ``E``);
   leading articles (THE, L', LE, LA, IL, DER, DIE …) and Italian ``DEGLI STUDI`` dropped.
2. Legal forms removed: 주식회사, (주), 유한회사, 재단법인, 사단법인, 학교법인, 의료법인,
   Co., Ltd., Inc., Corp., GmbH, AG, S.A., S.p.A., LLC, PLC, B.V., N.V., K.K. …
   Names left with one key but legal forms of different families (``GENERAL CO LTD``,
   ``THE GENERAL INC``: a Ltd and an Inc) are different firms and get the family as a
   suffix (``GENERAL (LTD)``, ``GENERAL (INC)``); an alias of the bare key joins them.
3. University vehicles folded into the university: ``…대학교 산학협력단``,
   ``… Industry-Academic Cooperation Foundation``, ``… R&DB Foundation``, ``Univ.`` →
   ``University``.  A Korean ``X대학교`` is keyed by the Revised Romanisation of ``X``
   (``대구대학교`` → ``DAEGU UNIVERSITY``), so Korean and English forms meet.
4. The alias table: the shipped ``_data/aliases.csv`` (official English names of
   universities and institutes whose names do not romanise, e.g. 경북대학교 →
   KYUNGPOOK NATIONAL UNIVERSITY, displayed "Kyungpook National University", ETRI; its
   source is ``_data/aliases.SOURCE.txt``) and then the user's table, which always wins.

Punctuation is dropped; in names written in Hangul all spaces are dropped, so
``서울대학교 산학협력단`` and ``서울대학교산학협력단`` meet; Latin keys that differ only in
spaces (``AGRO PARIS TECH``, ``AGROPARISTECH``) take the spelling most names have.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

import pandas as pd
from korean_romanizer.romanizer import Romanizer

from ._errors import IngestError
from ._io import read_text_table
from ._paths import PACKAGE_DATA
from ._safe_text import clean_text

_KO_LEGAL = (
    r"주식회사|\(주\)|주\)|\(유\)|유한책임회사|유한회사|합자회사|합명회사|재단법인|\(재\)|"
    r"사단법인|\(사\)|학교법인|\(학\)|사회복지법인|의료법인|농업회사법인|어업회사법인|영농조합법인|"
    r"株式会社|有限会社|\(株\)"
)
_EN_LEGAL = (
    r"CO\.?,?\s*LTD\.?|CO\.?\s*,?\s*LIMITED|COMPANY\s+LIMITED|LIMITED|LTD\.?|INCORPORATED|INC\.?|"
    r"CORPORATION|CORP\.?|COMPANY|CO\.|GMBH(?:\s*&\s*CO\.?\s*KG)?|AKTIENGESELLSCHAFT|AG|"
    r"S\.?\s?A\.?\s?S\.?|S\.?\s?P\.?\s?A\.?|S\.?\s?A\.?|S\.?\s?R\.?\s?L\.?|L\.?\s?L\.?\s?C\.?|"
    r"P\.?\s?L\.?\s?C\.?|B\.?\s?V\.?|N\.?\s?V\.?|K\.?\s?K\.?|PTY|AB|OY|KG|SE|CO"
)
# English legal forms only count as whole words at the end or before a comma.
# (a run of blanks is entered at its start only: tried from every blank, the search was quadratic)
_EN_LEGAL_RE = re.compile(rf"(?:,\s*|(?<!\s)\s+)(?:{_EN_LEGAL})(?=\s*(?:,|$|\s))")
_KO_LEGAL_RE = re.compile(_KO_LEGAL)
_UNIV_VEHICLE_RE = re.compile(
    r"(?:연구\s*)?산학협력단|산학협력재단|산학협력|기술지주회사(?=$)|"
    r"INDUSTRY[\s-]*(?:ACADEMIC|ACADEMIA|ACADEMY|UNIVERSITY|UNIV)[\s-]*(?:COOPERATION|CORPORATION)"
    r"(?:\s*(?:FOUNDATION|GROUP|CORPS))?|"
    r"(?:UNIVERSITY[\s-]*)?INDUSTRY[\s-]*(?:COOPERATION[\s-]*)?FOUNDATION|"
    r"ACADEMY[\s-]*INDUSTRY[\s-]*FOUNDATION|"
    r"R\s*&\s*DB\s*FOUND(?:ATION)?\b|RES(?:EARCH)?\s*(?:&|AND)\s*BUS(?:INESS)?(?:\s*DEV(?:ELOPMENT)?)?\s*FOUND(?:ATION)?\b|"
    r"(?:,\s*)?(?:THE\s+)?REGENTS\s+OF\s+(?:THE\s+)?"
)
_UNIV_ABBR_RE = re.compile(r"\bUNIV\b\.?")
_PUNCT_RE = re.compile(r"[^\w&가-힣]+")
_KO_UNIV_RE = re.compile(r"^(?:국립)?([가-힣]+?)(?:대학교|대학)$")
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060\u00ad\ufeff]")
#: Articles at the start of a name, and Italian universities' "degli studi (di)", carry no identity.
_ARTICLE_RE = re.compile(r"^(?:THE|L'|LE|LA|LES|IL|LO|GLI|DER|DIE|DAS|EL|LOS|LAS|HET)\s+|^L'")
_DEGLI_STUDI_RE = re.compile(r"\bDEGLI STUDI\s+")


def _fold_accents(s: str) -> str:
    """É → E, ü → U …; Hangul syllables are recomposed whole."""
    d = unicodedata.normalize("NFKD", s.replace("ß", "SS"))
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def clean_name(names: pd.Series) -> pd.Series:
    """Unicode-normalise, upper-case and collapse whitespace; drop control characters.

    This is the *display* form of a raw name: legal forms are kept.

    Parameters
    ----------
    names : pandas.Series of str
        Raw names.

    Returns
    -------
    pandas.Series of str
        The display forms.

    Examples
    --------
    >>> clean_name(pd.Series(["  ㈜한국 전자 ", "Pizza  Hut, inc."])).tolist()
    ['(주)한국 전자', 'PIZZA HUT, INC.']
    """
    s = names.astype("string").fillna("")
    s = s.str.replace(_INVISIBLE_RE, "", regex=True)  # zero-width spaces, soft hyphens, BOMs
    s = s.map(clean_text, na_action="ignore")  # control and bidi characters: never part of a name
    s = s.map(lambda x: unicodedata.normalize("NFKC", x), na_action="ignore")
    s = s.str.replace("㈜", "(주)", regex=False).str.upper()
    s = s.str.replace(r"[\s\u00a0\u3000]+", " ", regex=True).str.strip()
    return s.astype(str)


@lru_cache(maxsize=4096)
def _romanise(stem: str) -> str:
    return Romanizer(stem).romanize().upper()


def romanise_hangul(names: pd.Series) -> pd.Series:
    """Replace every run of Hangul in each name by its Revised Romanisation, title-cased.

    Parameters
    ----------
    names : pandas.Series of str
        Names in any script.

    Returns
    -------
    pandas.Series of str
        The names with Hangul romanised; Latin text is left as it is.

    Examples
    --------
    >>> romanise_hangul(pd.Series(["대구 전자", "ACME"])).tolist()
    ['Daegu Jeonja', 'ACME']
    """
    return names.astype(str).map(lambda s: re.sub(r"[가-힣]+", lambda m: _romanise(m.group(0)).title(), s))


def _key_from_clean(clean: pd.Series) -> pd.Series:
    s = clean.map(_fold_accents).str.replace(_ARTICLE_RE, "", regex=True)
    s = s.str.replace(_DEGLI_STUDI_RE, "", regex=True)
    s = s.str.replace(_KO_LEGAL_RE, " ", regex=True)
    s = s.str.replace(_UNIV_VEHICLE_RE, " ", regex=True)
    s = s.str.replace(_UNIV_ABBR_RE, "UNIVERSITY", regex=True)
    # English legal forms: strip repeatedly from the end ("X CO., LTD.", "X, INC.")
    for _ in range(3):
        s = (" " + s).str.replace(_EN_LEGAL_RE, " ", regex=True).str.strip()
    s = s.str.replace(_PUNCT_RE, " ", regex=True).str.replace(r"\s+", " ", regex=True)
    s = s.str.replace(r"^THE\s+", "", regex=True).str.strip()
    hangul = s.str.contains(r"[가-힣]", regex=True)
    s = s.mask(hangul, s.str.replace(" ", "", regex=False))
    # 대구대학교 -> DAEGU UNIVERSITY (romanised stem); the alias table fixes official names
    stem = s.str.extract(_KO_UNIV_RE, expand=False)
    has_stem = stem.notna()
    if has_stem.any():
        roman = stem[has_stem].map(_romanise) + " UNIVERSITY"
        s = s.mask(has_stem, roman)
    return s


def name_key(names: pd.Series) -> pd.Series:
    """Return the harmonisation key of each raw name (before alias tables).

    Parameters
    ----------
    names : pandas.Series of str
        Raw applicant names.

    Returns
    -------
    pandas.Series of str
        The key; an empty string where nothing is left (e.g. the name was only ``(주)``).

    Examples
    --------
    >>> name_key(pd.Series([
    ...     "대구대학교 산학협력단",
    ...     "DAEGU UNIVERSITY INDUSTRY-ACADEMIC COOPERATION FOUNDATION",
    ...     "주식회사 한국전자", "(주) 한국 전자", "Samsung Electronics Co., Ltd.",
    ... ])).tolist()
    ['DAEGU UNIVERSITY', 'DAEGU UNIVERSITY', '한국전자', '한국전자', 'SAMSUNG ELECTRONICS']
    """
    uniq = pd.Series(pd.unique(names.astype("string").fillna("")))
    clean = clean_name(uniq)
    keys = _split_legal_families(_merge_spacing_variants(_key_from_clean(clean)), clean)
    mapping = dict(zip(uniq, keys, strict=True))
    return names.astype("string").fillna("").map(mapping).astype(str)


#: Legal-form families (by the law they come from).  Two names with one key but legal forms
#: of different families (GENERAL CO LTD, THE GENERAL INC) are different firms; CO/COMPANY
#: alone and no form at all fit any family.
_FAMILIES = {
    "INC": r"\b(?:INC|INCORPORATED|CORP|CORPORATION|LLC|L\.L\.C)\.?$",
    "LTD": r"\b(?:LTD|LIMITED|PLC|PTY)\.?$",
    "GMBH": r"\b(?:GMBH|AG|AKTIENGESELLSCHAFT|KG)\.?$",
    "SA": r"\b(?:S\.?A\.?S?|SARL)\.?$",
    "SPA": r"\b(?:S\.?P\.?A|S\.?R\.?L)\.?$",
    "BV": r"\b(?:B\.?V|N\.?V)\.?$",
    "KK": r"\bK\.?K\.?$|株式会社",
    "AB": r"\b(?:AB|OYJ?|A/S|ASA)\.?$",
    "주": r"주식회사|\(주\)|유한회사",
}
_FAMILY_SUFFIX_RE = re.compile(r" \((?:" + "|".join(_FAMILIES) + r")\)$")


def _legal_family(clean: pd.Series) -> pd.Series:
    """The family of the legal form a cleaned name ends with (``""`` for none)."""
    fam = pd.Series("", index=clean.index, dtype=object)
    trimmed = clean.str.replace(r"(?<![\s,.])[\s,.]+$", "", regex=True)  # from a run's start only: linear
    for name, pattern in reversed(_FAMILIES.items()):  # the first family listed wins
        fam = fam.mask(trimmed.str.contains(pattern, regex=True), name)
    return fam


def _split_legal_families(keys: pd.Series, clean: pd.Series) -> pd.Series:
    """Keys shared by names with legal forms of two or more families get the family as a
    suffix (``GENERAL (LTD)``, ``GENERAL (INC)``); names without a form keep the bare key."""
    fam = _legal_family(clean)
    n_fam = fam[fam != ""].groupby(keys[fam != ""]).nunique()
    clash = keys.map(n_fam).fillna(0).gt(1) & fam.ne("") & keys.ne("")
    return keys.mask(clash, keys + " (" + fam + ")")


def _merge_spacing_variants(keys: pd.Series) -> pd.Series:
    """Keys that differ only in spaces (AGRO PARIS TECH, AGROPARISTECH) take one spelling:
    the one most names have (ties: the first in sort order), so ids stay readable."""
    tight = keys.str.replace(" ", "", regex=False)
    counts = pd.DataFrame({"tight": tight, "key": keys}).value_counts().reset_index(name="n")
    best = counts.sort_values(["tight", "n", "key"], ascending=[True, False, True]).drop_duplicates("tight")
    return tight.map(best.set_index("tight")["key"]).fillna(keys)


#: Columns of an alias table; only the first two are required.
ALIAS_COLUMNS = ("alias", "applicant_id", "name", "name_local", "actor_type", "region")


def load_alias_table(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read an alias/override table (CSV, UTF-8).

    Columns: ``alias`` (any raw spelling), ``applicant_id`` (the id it must get) and,
    optionally, ``name`` (display name; the shipped table gives official English names),
    ``name_local`` (the name in the local script, used with ``local_names=True``),
    ``actor_type`` (forces the type) and ``region``
    (a region code of the institution's main site, used when the source gives no address:
    ``region_source = institution_table``).  With no path, the shipped table is returned.

    Parameters
    ----------
    path : path, optional
        The user's CSV; the shipped table when omitted.

    Returns
    -------
    pandas.DataFrame
        ``alias, applicant_id, name, name_local, actor_type, region``.

    Raises
    ------
    IngestError
        If the file cannot be read or lacks ``alias`` / ``applicant_id``.

    Examples
    --------
    >>> load_alias_table().query("alias == 'ETRI'")[["applicant_id", "actor_type"]].values.tolist()
    [['ETRI', 'research_institute']]
    """
    src = PACKAGE_DATA / "aliases.csv" if path is None else path
    t = read_text_table(src, "alias table")
    missing = {"alias", "applicant_id"} - set(t.columns)
    if missing:
        raise IngestError(
            f"alias table lacks column(s) {sorted(missing)}; expected alias, applicant_id"
            " and optionally name, actor_type",
            path=str(src),
        )
    for col in ALIAS_COLUMNS[2:]:
        if col not in t.columns:
            t[col] = ""
    return t[list(ALIAS_COLUMNS)]


def _alias_map(table: pd.DataFrame) -> pd.DataFrame:
    t = table.copy()
    t["key"] = name_key(t["alias"])
    return t.drop_duplicates("key", keep="last").set_index("key")


def harmonise(
    names: pd.Series,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    local_names: bool = False,
) -> pd.DataFrame:
    """Give every raw applicant name a stable ``applicant_id`` and a display name.

    Parameters
    ----------
    names : pandas.Series of str
        Raw applicant names (one per application row).
    aliases : DataFrame or path, optional
        The user's alias/override table (see :func:`load_alias_table`); it is applied
        after the shipped table and always wins.
    local_names : bool, default False
        Display an alias table's ``name_local`` (e.g. 경북대학교) instead of its ``name``
        (the official English name, e.g. Kyungpook National University) where it has one.

    Returns
    -------
    pandas.DataFrame
        On the index of ``names``: ``applicant_id``; ``applicant_name`` (the alias-table
        name, else the most frequent cleaned spelling of that id, ties broken
        alphabetically); ``alias_type`` (actor type forced by an alias table, or ``""``);
        ``alias_source`` (``builtin``, ``user`` or ``""``); ``alias_region`` (the region the
        table gives for the institution — its main campus or headquarters — or ``""``).

    Notes
    -----
    The id is the harmonised key itself (readable, deterministic, stable across runs and
    datasets).  An empty key (a name that is only a legal form) gives an empty id; the
    ingest step rejects such rows with a reason.

    Examples
    --------
    >>> h = harmonise(pd.Series(["경북대학교 산학협력단", "Kyungpook National University"]))
    >>> h["applicant_id"].tolist()
    ['KYUNGPOOK NATIONAL UNIVERSITY', 'KYUNGPOOK NATIONAL UNIVERSITY']
    >>> h["applicant_name"].tolist()
    ['Kyungpook National University', 'Kyungpook National University']
    >>> harmonise(pd.Series(["건국대학교 산학협력단"]), local_names=True)["applicant_name"].tolist()
    ['건국대학교']
    """
    key = name_key(names)
    bare = key.str.replace(_FAMILY_SUFFIX_RE, "", regex=True)  # an alias of the bare key covers every family
    out = pd.DataFrame(
        {"applicant_id": key, "name_alias": "", "alias_type": "", "alias_source": "", "alias_region": ""},
        index=names.index,
    )
    tables = [("builtin", load_alias_table())]
    if aliases is not None:
        if isinstance(aliases, pd.DataFrame):
            missing = {"alias", "applicant_id"} - set(aliases.columns)
            if missing:
                raise IngestError(f"alias table lacks column(s) {sorted(missing)}; expected alias, applicant_id"
                                  " and optionally name, actor_type, region")
            user = aliases.reindex(columns=list(ALIAS_COLUMNS)).astype(object).fillna("")
        else:
            user = load_alias_table(aliases)
        tables.append(("user", user))
    for source, table in tables:
        amap = _alias_map(table)
        hit = out["applicant_id"].isin(amap.index) | key.isin(amap.index) | bare.isin(amap.index)
        # look up on the current id first (so a user alias can target a built-in id), then raw key
        look = out["applicant_id"].where(out["applicant_id"].isin(amap.index), key.where(key.isin(amap.index), bare))
        rows = amap.reindex(look[hit])
        out.loc[hit, "applicant_id"] = rows["applicant_id"].to_numpy()
        shown = rows["name"].fillna("")
        if local_names:
            shown = rows["name_local"].fillna("").mask(lambda x: x == "", shown)
        out.loc[hit, "name_alias"] = shown.to_numpy()
        out.loc[hit, "alias_type"] = rows["actor_type"].fillna("").to_numpy()
        out.loc[hit, "alias_source"] = source
        out.loc[hit, "alias_region"] = rows["region"].fillna("").to_numpy()
    display = clean_name(names)
    freq = (
        pd.DataFrame({"id": out["applicant_id"], "display": display})
        .value_counts()
        .reset_index(name="n")
        .sort_values(["id", "n", "display"], ascending=[True, False, True])
        .drop_duplicates("id")
        .set_index("id")["display"]
    )
    name = out["applicant_id"].map(freq)
    out["applicant_name"] = name.where(out["name_alias"] == "", out["name_alias"])
    return out[["applicant_id", "applicant_name", "alias_type", "alias_source", "alias_region"]]


__all__ = ["clean_name", "harmonise", "load_alias_table", "name_key", "romanise_hangul"]
