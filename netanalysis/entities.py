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

Also in step 1, phrases of legal capacity are dropped (``… ON BEHALF OF X``: a governing board
is keyed as the university it files for; ``A BODY CORPORATE …``, ``THROUGH ITS …``, ``A
CALIFORNIA CORP``; a university's governing body before its name, ``THE TRUSTEES OF PRINCETON
UNIVERSITY``), and a trailing acronym of the name (``… RECHERCHE SCIENTIFIQUE (CNRS)``).
After step 2, abbreviations are written out from ``_data/org_words.csv`` (INST, UNIV, LAB,
USA …), organisation words misspelt by one letter are corrected (:func:`correct_org_words`:
UNIFERSITY, DEVELOMPMENT), and keys that differ only in connectives (OF, THE, AND, & …: ``UNIV
CALIFORNIA`` = ``UNIVERSITY OF CALIFORNIA``) take the commonest spelling, as do keys that differ
only in one organisation word written with one edit more or less (``INSTITUTES`` /
``INSTITUTE``, ``UNIVERSITE`` / ``UNIVERSITY``, every other word the same); a typo in a
distinctive word is never merged, only listed (:func:`variant_suggestions`).

Punctuation is dropped; in names written in Hangul all spaces are dropped, so
``서울대학교 산학협력단`` and ``서울대학교산학협력단`` meet; Latin keys that differ only in
spaces (``AGRO PARIS TECH``, ``AGROPARISTECH``) take the spelling most names have.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pandas as pd
from korean_romanizer.romanizer import Romanizer

from ._codes import categorical_of_distinct, text_codes
from ._errors import IngestError
from ._io import read_text_table
from ._paths import PACKAGE_DATA
from ._regex import arrow_mask, arrow_text, python_blanks, re_contains, re_replace, words_without_digit
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
    r"P\.?\s?L\.?\s?C\.?|B\.?\s?V\.?|N\.?\s?V\.?|K\.?\s?K\.?|KABUSHIKI\s+KAISHA|PTY|AB|OYJ|OY|KG|SE|"
    r"PVT\.?|ASA|A/S|AS|APS|LTDA|SARL|GES\.?\s?M\.?\s?B\.?\s?H\.?|MBH|CO"
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
def _mark_class() -> str:
    """Ranges of every combining mark (Unicode categories Mn, Mc, Me) for a character class:
    Python's ``\\w`` leaves them out, yet in Devanagari or Thai they spell the word."""
    marks = [c for c in range(0x300, 0x20000) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")]
    starts = [c for i, c in enumerate(marks) if i == 0 or marks[i - 1] != c - 1]
    ends = [c for i, c in enumerate(marks) if i == len(marks) - 1 or marks[i + 1] != c + 1]
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a <= 0xFFFF and b <= 0xFFFF else f"\\U{a:08x}-\\U{b:08x}"
                   for a, b in zip(starts, ends, strict=True))


#: The scripts whose combining marks are accents (:func:`fold_accents`), as Unicode names start.
_ACCENTED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")
#: Runs of anything but word characters, combining marks, ``&`` and Hangul: a key's word breaks.
_PUNCT_RE = re.compile(r"[^\w&가-힣" + _mark_class() + r"]+")
_KO_UNIV_RE = re.compile(r"^(?:국립)?([가-힣]+?)(?:대학교|대학)$")
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060\u00ad\ufeff]")
#: Articles at the start of a name, and Italian universities' "degli studi (di)", carry no identity.
_ARTICLE_RE = re.compile(r"^(?:THE|L'|LE|LA|LES|IL|LO|GLI|DER|DIE|DAS|EL|LOS|LAS|HET)\s+|^L'")
_DEGLI_STUDI_RE = re.compile(r"\bDEGLI STUDI\s+")
#: A body that files for another (US university boards): ``X [ACTING] [FOR AND] ON BEHALF OF Y``
#: is keyed as ``Y`` where ``X`` is a governing board (BOARD OF REGENTS / TRUSTEES / GOVERNORS,
#: REGENTS, TRUSTEES), as ``REGENTS OF THE UNIVERSITY OF X`` is keyed as the university; otherwise
#: the applicant is ``X`` and the tail is dropped.
_ON_BEHALF_BOARD_RE = re.compile(
    r"^.*?\b(?:BOARD OF (?:REGENTS|TRUSTEES|GOVERNORS)|REGENTS|TRUSTEES)\b.*?[\s,]+(?:ACTING\s+)?"
    r"(?:FOR\s+AND\s+)?ON\s+BEHALF\s+OF\s+(?:THE\s+)?(?=\S)")
_ON_BEHALF_RE = re.compile(r"[\s,]+(?:ACTING\s+)?(?:FOR\s+AND\s+)?ON\s+BEHALF\s+OF\b.*$")
#: Phrases of legal capacity after the applicant, dropped: ``…, A BODY CORPORATE (OF THE STATE
#: OF X)``, ``… A CALIFORNIA CORPORATION``, ``… THROUGH ITS CENTER FOR COMMERCIALIZATION``.
_CAPACITY_RE = re.compile(
    r"[\s,]+(?:A BODY CORPORATE\b.*|THROUGH ITS\b.*|AN? (?:[A-Z]+ ){1,2}(?:NON-?PROFIT )?CORP(?:ORATION)?\.?)$")
#: A university's governing body named before it (``THE TRUSTEES OF PRINCETON UNIVERSITY``, ``THE BOARD
#: OF TRUSTEES OF THE LELAND STANFORD JUNIOR UNIVERSITY``, ``PRESIDENT AND FELLOWS OF HARVARD COLLEGE``,
#: ``THE UNIVERSITY COURT OF THE UNIVERSITY OF EDINBURGH``): the body is the university's legal
#: person, as ``REGENTS OF THE UNIVERSITY OF X`` is, so the name is keyed as the university. Only
#: when a UNIVERSITY or COLLEGE follows: a bare board (``ARIZONA BOARD OF REGENTS``, which governs
#: three universities) or a board of something else keeps its name.
_GOVERNING_BODY_RE = re.compile(
    r"^(?:THE\s+)?(?:BOARD\s+OF\s+(?:REGENTS|TRUSTEES|GOVERNORS|VISITORS)|TRUSTEES|PRESIDENT\s*(?:AND|&)\s*FELLOWS|"
    r"UNIVERSITY\s+COURT|GOVERNING\s+COUNCIL|RECTOR\s+AND\s+VISITORS|CHANCELLOR,?\s+MASTERS,?\s+AND\s+SCHOLARS)"
    r"\s+(?:OF\s+)?(?:THE\s+)?(?=.*\b(?:UNIVERSITY|COLLEGE)\b)")
#: A trailing parenthesised acronym of the name (``… RECHERCHE SCIENTIFIQUE (CNRS)``): dropped
#: when its letters are the initials of the name's words in order (short words such as DE, LA,
#: OF, ET may be skipped), so it adds nothing the name does not say.
_TRAILING_ACRONYM_RE = re.compile(r"\s*\(([A-Z]{2,8})\)$")


def fold_accents(s: str) -> str:
    """É → E, ü → U, ß → SS …; Hangul syllables are recomposed whole.

    Parameters
    ----------
    s : str
        A name.

    Returns
    -------
    str
        The name without combining accents (NFKD, then NFC).

    Notes
    -----
    Only marks on a Latin, Greek or Cyrillic letter are accents. In the Brahmic and Southeast
    Asian scripts (Devanagari, Thai, …) a combining mark is a vowel or a virama, part of the
    spelling: ``राम`` and ``रम`` are two names, so those marks are kept. A mark on no letter (after
    a space or a punctuation mark, as mojibake leaves them) is dropped.

    Examples
    --------
    >>> fold_accents("UNIVERSITÄT MÜNCHEN"), fold_accents("한국과학기술원")
    ('UNIVERSITAT MUNCHEN', '한국과학기술원')
    """
    d = unicodedata.normalize("NFKD", s.replace("ß", "SS"))
    kept = []
    spelled = False  # whether the last base character is a letter of a script whose marks spell
    for c in d:
        if not unicodedata.combining(c):
            spelled = unicodedata.category(c).startswith("L") and not unicodedata.name(c, "").startswith(
                _ACCENTED_SCRIPTS)
        elif not spelled:  # an accent, or a mark on no letter (mojibake, a stray key)
            continue
        kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept))




def repair_text(values: pd.Series) -> pd.Series:
    """Mojibake repaired with ``ftfy`` (text decoded in the wrong encoding: ``ANDRÃ‰`` → ``ANDRÉ``,
    ``ìµœëŒ€ê·œ`` → ``최대규``), once per distinct value that holds a character outside ASCII and
    Hangul or an ``&``; text that is right is left as it is.

    Parameters
    ----------
    values : pandas.Series of str

    Returns
    -------
    pandas.Series of str

    Examples
    --------
    >>> repair_text(pd.Series(["SCHAER ANDRÃ‰", "MILIÄ†EVIÄ† IVAN", "경북대학교"])).tolist()
    ['SCHAER ANDRÉ', 'MILIĆEVIĆ IVAN', '경북대학교']
    """
    from ftfy import fix_text

    s = values.astype("string")
    # only text with a character outside ASCII and Hangul (or an HTML entity) can need repair: only
    # those values become Python strings (a national inventors column would be gigabytes of them)
    suspect = re_contains(s, r"[^\x00-\x7f\uac00-\ud7a3]|&").fillna(False).to_numpy(dtype=bool)
    out = s.copy()
    if suspect.any():
        at = np.flatnonzero(suspect)
        text = s.iloc[at].to_numpy(dtype=object)
        fixed = {u: fix_text(u, normalization="NFC") for u in pd.unique(text)}
        repaired = pd.Series(text, dtype=object).map(fixed).to_numpy(dtype=object)
        changed = repaired != text  # (most suspect text is right: a column is rebuilt only for what changes)
        if changed.any():
            out.iloc[at[changed]] = repaired[changed]  # (iloc places by position: indexes may repeat)
    return out


def on_distinct(values: pd.Series, fn: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``fn`` run once per distinct value of ``values`` and mapped back to every row.

    For any ``fn`` that works value by value (its result for a value does not depend on the
    other values), this is ``fn(values)`` at the cost of the distinct values: a national table
    repeats each name, address and inventor on many rows. The result keeps ``fn``'s dtype and
    the index of ``values``; a missing value is passed to ``fn`` once, as itself.

    Parameters
    ----------
    values : pandas.Series
    fn : callable
        Series in, Series of the same length out (value by value).

    Returns
    -------
    pandas.Series

    Examples
    --------
    >>> on_distinct(pd.Series(["a", "b", "a"], index=[5, 6, 7]), lambda s: s.str.upper()).to_dict()
    {5: 'A', 6: 'B', 7: 'A'}
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    if len(uniques) == len(values):
        return fn(values)
    got = fn(pd.Series(uniques, dtype=values.dtype))
    return got.take(codes).set_axis(values.index)


def clean_name(names: pd.Series) -> pd.Series:
    """Mojibake repaired (:func:`repair_text`), Unicode-normalised, upper-cased, whitespace
    collapsed; control characters dropped.

    This is the *display* form of a raw name: legal forms are kept. Each distinct name is
    cleaned once (:func:`on_distinct`).

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
    return on_distinct(names.astype("string").fillna(""), _clean_distinct)


def _clean_distinct(names: pd.Series) -> pd.Series:
    s = repair_text(names)
    invisible = s.str.contains(_INVISIBLE_RE.pattern, regex=True).fillna(False).astype(bool)
    if invisible.any():  # zero-width spaces, soft hyphens, BOMs (looked for first: a rare case)
        s = s.mask(invisible, s[invisible].str.replace(_INVISIBLE_RE, "", regex=True))
    # control and bidi characters (never part of a name) and NFKC: text of printable ASCII has none to change
    plain = s.str.fullmatch(r"[\x20-\x7e]*").fillna(True).astype(bool)
    if not plain.all():
        odd = s[~plain].map(clean_text, na_action="ignore")
        odd = odd.map(lambda x: unicodedata.normalize("NFKC", x), na_action="ignore")
        s = s.mask(~plain, odd)
    s = s.str.replace("㈜", "(주)", regex=False).str.upper()
    s = re_replace(s, r"\s+", " ").str.strip()  # (Python's \s holds the no-break and ideographic spaces)
    return s.astype(str)


def fold_accents_all(values: pd.Series) -> pd.Series:
    """:func:`fold_accents` of each value, run only on the distinct values outside ASCII (an
    ASCII text has no accent to fold).

    Parameters
    ----------
    values : pandas.Series of str (no missing value)

    Returns
    -------
    pandas.Series of str

    Examples
    --------
    >>> fold_accents_all(pd.Series(["ÉCOLE", "ACME", "ÉCOLE"])).tolist()
    ['ECOLE', 'ACME', 'ECOLE']
    """
    s = values.astype(str)
    ascii_ = s.str.isascii().to_numpy(dtype=bool)
    if ascii_.all():
        return s
    arr = s.to_numpy(dtype=object).copy()
    odd = pd.Series(arr[~ascii_], dtype=object)  # by position: an index may repeat (an exploded list column)
    arr[~ascii_] = on_distinct(odd, lambda u: u.map(fold_accents).astype(str)).to_numpy()
    return pd.Series(arr, index=s.index, dtype=object).astype(str)


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


@lru_cache(maxsize=1)
def org_words() -> pd.DataFrame:
    """The table of organisation words and their abbreviations (``_data/org_words.csv``).

    Columns ``word`` (the full form, used in harmonisation keys), ``variants``
    (``|``-separated abbreviations and spellings of patent databases: INST, LAB, LABS,
    PHARM, MFG …), ``cue`` (``yes``: the word and its variants mark an organisation, so a
    name holding one is never typed a person), ``language`` and ``note``.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> t = org_words().set_index("word")
    >>> "INST" in t.loc["INSTITUTE", "variants"].split("|")
    True
    """
    return pd.read_csv(PACKAGE_DATA / "org_words.csv", dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _expansions() -> tuple[re.Pattern[str], dict[str, str]]:
    t = org_words()
    full = {v: r["word"] for _, r in t.iterrows() for v in r["variants"].split("|") if v}
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, full), key=len, reverse=True)) + r")\b"), full


def expand_abbreviations(keys: pd.Series) -> pd.Series:
    """Abbreviations of patent databases written out from :func:`org_words` (whole words only).

    Parameters
    ----------
    keys : pandas.Series of str
        Folded name keys (upper case, single spaces), as the harmonisation builds them.

    Returns
    -------
    pandas.Series of str
        The keys with every abbreviation of the table (INST, UNIV, LAB, CHEM …) written out.

    Examples
    --------
    >>> expand_abbreviations(pd.Series(["ABBOTT LAB", "BARUCH S BLUMBERG INST", "SUMITOMO CHEM IND"])).tolist()
    ['ABBOTT LABORATORIES', 'BARUCH S BLUMBERG INSTITUTE', 'SUMITOMO CHEMICAL INDUSTRIES']
    """
    pattern, full = _expansions()
    return _replace_where_found(keys, pattern, lambda m: full[m.group(0)])


def _replace_where_found(keys: pd.Series, pattern: re.Pattern[str],
                         repl: Callable[[re.Match[str]], str]) -> pd.Series:
    """``keys.str.replace(pattern, repl, regex=True)``, the Python call made only on the rows where
    the pattern is found (:func:`re_contains`, in RE2 where that is exact): the others are unchanged."""
    found = re_contains(keys, pattern).fillna(False).to_numpy(dtype=bool)
    if not found.any():
        return keys
    out = keys.copy()
    out.iloc[np.flatnonzero(found)] = keys[found].str.replace(pattern, repl, regex=True).to_numpy()
    return out


def _distinct_words(names: pd.Series, *, min_chars: int = 1, digits: bool = True) -> list[str]:
    """The words of the names as ``str.split()`` gives them, each once, in order of first appearance
    (``pd.unique(names.str.split().explode().dropna())``), split by Arrow: no Python string is made
    per word of every name; optionally only the words of ``min_chars`` characters or more, and
    without a digit (``digits=False``), chosen in Arrow before any Python string is made.

    Arrow's blanks are Python's or fewer (ASCII blanks and Unicode's space separators; Python also
    splits at U+001C … U+001F, U+0085): a distinct piece Arrow gives holding one of Python's blanks
    is split again by Python, which gives Python's words exactly, in the same order.

    Parameters
    ----------
    names : pandas.Series of str
        Missing values hold no word.
    min_chars : int
        Only words at least this long (in characters, as ``len``).
    digits : bool
        False: only words without a character ``str.isdigit`` calls a digit.

    Returns
    -------
    list of str

    Examples
    --------
    >>> _distinct_words(pd.Series(["ACME  CORP", None, " CORP\x1cX ACME"]))
    ['ACME', 'CORP', 'X']
    >>> _distinct_words(pd.Series(["ACME  CORP", None, " CORP\x1cX ACME2"]), min_chars=2, digits=False)
    ['ACME', 'CORP']
    """
    import pyarrow.compute as pc

    def wanted(word: str) -> bool:
        return len(word) >= min_chars and (digits or not any(c.isdigit() for c in word))

    present = names.dropna()
    arr = arrow_text(present)
    if arr is None:  # (text Arrow does not take, e.g. a lone surrogate: Python's split of every name)
        return [w for w in dict.fromkeys(w for name in present for w in str(name).split()) if wanted(w)]
    pieces = pc.unique(pc.list_flatten(pc.utf8_split_whitespace(arr)))
    whole = ~arrow_mask(pc.match_substring_regex(pieces, python_blanks()))  # a piece that is one word of Python's
    length = np.asarray(pc.utf8_length(pieces).to_numpy(zero_copy_only=False))
    keep = whole & (length >= max(min_chars, 1))
    if not digits:
        keep &= words_without_digit(pieces)
    read = np.flatnonzero(keep | ~whole)  # (the others: split by Python, their words tested there)
    words: list[str] = []
    for piece, one in zip(pieces.take(read).to_pylist(), whole[read].tolist(), strict=True):
        if one:
            words.append(piece)
        else:
            words.extend(w for w in piece.split() if wanted(w))
    return list(dict.fromkeys(words))


def _is_acronym_of(acronym: str, words: str) -> bool:
    """Whether ``acronym`` is the initials of ``words`` in order, short words allowed to be skipped.

    >>> _is_acronym_of("CNRS", "CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE"), _is_acronym_of("NY", "PE CORPORATION")
    (True, False)
    """
    ws = re.sub(r"[^\w]+", " ", words).split()
    i = 0
    for w in ws:
        if i < len(acronym) and w[0] == acronym[i]:
            i += 1
        elif len(w) > 3:  # a long word left out: not the name's acronym
            return False
    return i == len(acronym) and len(acronym) >= 2


def _drop_capacity(s: pd.Series) -> pd.Series:
    """Tails that name the applicant's capacity or its acronym, dropped (see the patterns above)."""
    # (in RE2 where that gives Python's answer, :func:`re_replace`; Python's ``re`` on the few rows
    # that may match a look-ahead)
    behalf = re_contains(s, r"\bON\s+BEHALF\s+OF\b")
    if behalf.any():
        b = s[behalf]
        board = b.str.replace(_ON_BEHALF_BOARD_RE, "", regex=True)
        beneficiary = board.ne(b) & board.str.contains(r"\w", regex=True)
        s = s.mask(behalf, board.where(beneficiary, b.str.replace(_ON_BEHALF_RE, "", regex=True)))
    s = re_replace(s, _CAPACITY_RE, "")
    s = re_replace(s, _GOVERNING_BODY_RE, "")
    acro = s[re_contains(s, _TRAILING_ACRONYM_RE).fillna(False).to_numpy(dtype=bool)].str.extract(
        _TRAILING_ACRONYM_RE, expand=False)  # (extracted where it matches: elsewhere it is missing)
    has = acro.notna().reindex(s.index, fill_value=False)
    if has.any():
        rest = s[has].str.replace(_TRAILING_ACRONYM_RE, "", regex=True)
        ok = pd.Series([_is_acronym_of(a, r) for a, r in zip(acro.loc[has[has].index], rest, strict=True)],
                       index=rest.index)
        s = s.mask(has & ok.reindex(s.index, fill_value=False), rest)
    return s


#: Organisation words at least this long are corrected when a name misspells them by one edit.
MIN_TYPO_WORD = 8


@lru_cache(maxsize=1)
def _org_vocabulary() -> tuple[str, ...]:
    t = org_words()
    words = {w for _, r in t.iterrows() for w in [r["word"], *r["variants"].split("|")] if w and " " not in w}
    return tuple(sorted(w for w in words if len(w) >= MIN_TYPO_WORD))


def correct_org_words(keys: pd.Series) -> pd.Series:
    """Misspelt organisation words of :func:`org_words` written right (``UNIFERSITY``, ``UNVERSITY``,
    ``UNIVERSTIY`` → ``UNIVERSITY``; ``DEVELOMPMENT`` → ``DEVELOPMENT``).

    A word is corrected where it is one edit (a letter changed, added, dropped, or two
    neighbours swapped: optimal string alignment, ``rapidfuzz``) from exactly one table word
    of at least :data:`MIN_TYPO_WORD` letters and has that word's first and last letter, so
    that language variants (``UNIVERSITA``, ``INSTITUT``, ``TECHNOLOGIE``) and other words
    (``RATIONAL`` is not ``NATIONAL``) are left alone. Only the table's generic words are
    corrected, never a distinctive one (a firm's or a place's name), so no two organisations
    are joined by a correction of what tells them apart.

    Parameters
    ----------
    keys : pandas.Series of str
        Folded name keys (upper case, single spaces).

    Returns
    -------
    pandas.Series of str

    Examples
    --------
    >>> correct_org_words(pd.Series(["UNIFERSITY OF FLORIDA", "YEDA RESEARCH AND DEVELOMPMENT",
    ...                              "UNIVERSITA DI PISA", "RATIONAL"])).tolist()
    ['UNIVERSITY OF FLORIDA', 'YEDA RESEARCH AND DEVELOPMENT', 'UNIVERSITA DI PISA', 'RATIONAL']
    """
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    vocab = _org_vocabulary()
    known = set(vocab)
    cand = np.array([w for w in _distinct_words(keys, min_chars=MIN_TYPO_WORD - 1) if w not in known],
                    dtype=object)
    if not len(cand) or not vocab:
        return keys
    d = process.cdist(cand, vocab, scorer=OSA.distance, score_cutoff=1, dtype=np.int32)
    vocab_arr = np.array(vocab, dtype=object)
    first = np.array([w[0] for w in vocab]) == np.array([w[0] for w in cand])[:, None]
    last = np.array([w[-1] for w in vocab]) == np.array([w[-1] for w in cand])[:, None]
    hit = (d <= 1) & first & last
    one = hit.sum(axis=1) == 1
    fix = dict(zip(cand[one], vocab_arr[hit[one].argmax(axis=1)], strict=True))
    if not fix:
        return keys
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(fix, key=len, reverse=True))) + r")\b")
    return _replace_where_found(keys, pattern, lambda m: fix[m.group(0)])


#: Connective words a name may hold or not (``UNIV CALIFORNIA`` = ``UNIVERSITY OF CALIFORNIA``,
#: ``JOHNSON & JOHNSON`` = ``JOHNSON AND JOHNSON``); the other words must be the same, in the same
#: order (``WASHINGTON UNIVERSITY`` stays apart from ``UNIVERSITY OF WASHINGTON``).
CONNECTIVES = frozenset("OF THE AND & FOR AT IN DE DI DEL DELLA DEI DEGLI DER DES DU LA LE UND ET".split())


_CONNECTIVE_WORD = " (?:" + "|".join(map(re.escape, sorted(CONNECTIVES))) + ") "


def tight_key(keys: pd.Series) -> pd.Series:
    """A key without its connective words (:data:`CONNECTIVES`) and spaces: the form two
    spellings of one name share (a key of connectives only is kept whole).

    Parameters
    ----------
    keys : pandas.Series
        Harmonised name keys (upper case, words separated by spaces).

    Returns
    -------
    pandas.Series
        The tight keys, index kept.

    Examples
    --------
    >>> tight_key(pd.Series(["UNIVERSITY OF CALIFORNIA", "UNIV CALIFORNIA", "OF THE"])).tolist()
    ['UNIVERSITYCALIFORNIA', 'UNIVCALIFORNIA', 'OF THE']
    """
    # whole-column: each word between its own two spaces, the connective words cut out, the spaces
    # dropped (the words of str.split(), joined without the connectives)
    spaced = " " + re_replace(keys.astype(str), r"\s+", "  ") + " "
    tight = re_replace(re_replace(spaced, _CONNECTIVE_WORD, ""), r"\s+", "")
    return tight.mask(tight.eq(""), keys)


def _merge_connective_variants(keys: pd.Series) -> pd.Series:
    """Keys that differ only in spaces (once more, after abbreviations are written out and
    words corrected: ``ISTITUTO NAZIONALE DIFISICA NUCLEARE``) or in connective words
    (:data:`CONNECTIVES`) and spaces take one spelling: the one most names have (ties: the
    longest, written-out one, then the first in sort order).  The spelling depends on the names
    read together, so alias tables and firm-size tables are matched on :func:`tight_key` as well."""
    keys = _merge_spacing_variants(keys)  # again: an expansion may leave keys that differ in spaces only
    return _one_spelling(keys, tight_key(keys), longest_first=True)


#: The shorter of two words an organisation-word variant may join (SYSTEM / SYSTEMS: 6 letters).
MIN_VARIANT_WORD = 5


@lru_cache(maxsize=1)
def _word_vocabulary() -> frozenset[str]:
    """Organisation words of :func:`org_words` (full forms and variants) and :data:`GENERIC_WORDS`:
    the words of a name that do not tell one organisation from another."""
    t = org_words()
    words = {w for _, r in t.iterrows() for w in [r["word"], *r["variants"].split("|")] if w and " " not in w}
    return frozenset(words | GENERIC_WORDS)


#: How many word distances :func:`_merge_word_variants` holds at once (int32 each: 16 MB).
_DISTANCE_CELLS = 2**22


def _merge_word_variants(keys: pd.Series) -> pd.Series:
    """Keys whose words are the same but one, where that one is an organisation word (of
    :func:`org_words` or :data:`GENERIC_WORDS`) written with one edit more or less (a letter
    changed, added, dropped, or two neighbours swapped; the same first letter; neither word
    shorter than :data:`MIN_VARIANT_WORD` letters nor holding a digit: ``MASSACHUSETTS
    INSTITUTES OF TECHNOLOGY``, ``TEXAS A&M UNIVERSITY SYSTEMS``, ``AIX MARSEILLE UNIVERSITE``,
    ``MEAD JOHNSON NUTRITION ASIA PACIFCI``), take one spelling: the one most names have (ties:
    the one with more organisation words, then the first in sort order).

    The other words must be the same, in the same order, and hold at least one word that is
    neither an organisation word nor a connective. A typo in a distinctive word (a firm's, a
    person's or a place's name: HUNAN / HENAN, BERGAMO / TERAMO) is never merged here, only
    listed (:func:`variant_suggestions`). Measured on every organisation string of the real
    exports (``tests/labels/export_name_pairs.csv``).

    >>> _merge_word_variants(pd.Series(["ACME INSTITUTES", "ACME INSTITUTE", "ACME INSTITUTE",
    ...                                 "NATIONAL INSTITUTES", "NATIONAL INSTITUTE", "RATIONAL SOFTWARE",
    ...                                 "NATIONAL SOFTWARE", "STATE GRID HUNAN", "STATE GRID HENAN"])).tolist()
    ['ACME INSTITUTE', 'ACME INSTITUTE', 'ACME INSTITUTE', 'NATIONAL INSTITUTES', 'NATIONAL INSTITUTE',
     'RATIONAL SOFTWARE', 'NATIONAL SOFTWARE', 'STATE GRID HUNAN', 'STATE GRID HENAN']
    """
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    vocab = _word_vocabulary()
    counts = keys.value_counts()
    uniq = pd.Series(counts.index, dtype=object).astype(str)
    multi = uniq[uniq.str.contains(" ", regex=False)]
    if multi.empty:
        return keys
    # each organisation word and the words of these names one edit from it (same first letter)
    tokens = np.array(_distinct_words(multi, min_chars=MIN_VARIANT_WORD, digits=False), dtype=object)
    words = np.array(sorted(w for w in vocab if len(w) >= MIN_VARIANT_WORD and w.isalpha()), dtype=object)
    if not len(tokens) or not len(words):
        return keys
    variants: dict[str, list[str]] = {}
    # the distances in blocks of words (a national table's names hold 10⁵ distinct tokens: the whole
    # matrix would be hundreds of MB at once); row-major order, as from the whole matrix
    step = max(1, _DISTANCE_CELLS // len(tokens))
    for start in range(0, len(words), step):
        block = words[start:start + step]
        d = process.cdist(block, tokens, scorer=OSA.distance, score_cutoff=1, dtype=np.int32)
        for i, j in zip(*np.nonzero(d <= 1), strict=True):
            if block[i] != tokens[j] and block[i][0] == tokens[j][0]:
                variants.setdefault(block[i], []).append(tokens[j])
        del d
    if not variants:
        return keys
    pattern = r"\b(?:" + "|".join(map(re.escape, sorted(variants, key=len, reverse=True))) + r")\b"
    # the names a variant can be: those holding one of the variant words between spaces (a national
    # table's 10⁶ names are not hashed for the few looked up)
    spelled = {v for vs in variants.values() for v in vs}
    held = "(?:^| )(?:" + "|".join(map(re.escape, sorted(spelled, key=len, reverse=True))) + ")(?: |$)"
    known = set(multi[re_contains(multi, held).to_numpy(dtype=bool)])
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    # from the organisation-word side: the same name with that word written as each of its variants
    for k in multi[multi.str.contains(pattern, regex=True)]:
        ws = k.split()
        for p, w in enumerate(ws):
            if w not in variants:
                continue
            if all(x in vocab or x in CONNECTIVES for i, x in enumerate(ws) if i != p):
                continue  # nothing distinctive left: NATIONAL INSTITUTE / NATIONAL INSTITUTES
            for v in variants[w]:
                other = " ".join([*ws[:p], v, *ws[p + 1:]])
                if other in known:
                    ra, rb = find(k), find(other)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    if not parent:
        return keys
    joined = sorted(set(parent) | {find(k) for k in parent})
    best = pd.DataFrame({"key": joined, "comp": [find(k) for k in joined]})
    best["n"] = best["key"].map(counts)
    best["org"] = best["key"].map(lambda k: sum(w in vocab for w in k.split()))
    best = best.sort_values(["comp", "n", "org", "key"], ascending=[True, False, False, True])
    choice = best.drop_duplicates("comp").set_index("comp")["key"]
    to = best.set_index("key")["comp"].map(choice)
    return keys.map(to).fillna(keys).astype(keys.dtype)


def _key_from_clean(clean: pd.Series) -> pd.Series:
    s = re_replace(fold_accents_all(clean), _ARTICLE_RE, "")  # ASCII names have no accent to fold
    s = re_replace(s, _DEGLI_STUDI_RE, "")
    s = _drop_capacity(s)
    s = re_replace(s, _KO_LEGAL_RE, " ")
    s = re_replace(s, _UNIV_VEHICLE_RE, " ")
    s = re_replace(s, _UNIV_ABBR_RE, "UNIVERSITY")
    # English legal forms: strip repeatedly from the end ("X CO., LTD.", "X, INC.")
    for _ in range(3):
        s = re_replace((" " + s), _EN_LEGAL_RE, " ").str.strip()
    s = re_replace(re_replace(s, _PUNCT_RE, " "), r"\s+", " ")
    s = re_replace(s, r"^THE\s+", "").str.strip()
    hangul = re_contains(s, r"[가-힣]")
    s = s.mask(hangul, s.str.replace(" ", "", regex=False))
    # 대구대학교 -> DAEGU UNIVERSITY (romanised stem); the alias table fixes official names
    # (the stem extracted from the names the pattern matches: the kernel tries it only on the names
    # holding a 대, which every match holds)
    has_stem = re_contains(s, _KO_UNIV_RE).fillna(False).to_numpy(dtype=bool)
    if has_stem.any():
        roman = s[has_stem].str.extract(_KO_UNIV_RE, expand=False).map(_romanise) + " UNIVERSITY"
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
    codes, distinct = pd.factorize(names.astype("string").fillna(""))
    keys, _ = _keys_of_distinct(pd.Series(distinct))
    return keys.astype(str).take(codes).set_axis(names.index)


def _keys_of_distinct(uniq: pd.Series) -> tuple[pd.Series, pd.Series]:
    """:func:`name_key` of distinct names (a ``string`` Series, no missing value), and their
    :func:`clean_name`, which the keys start from."""
    clean = _clean_distinct(uniq)  # (the names are distinct: no need to find the distinct ones)
    keys = _merge_word_variants(_merge_connective_variants(correct_org_words(expand_abbreviations(
        _merge_spacing_variants(_key_from_clean(clean))))))
    return _split_legal_families(keys, clean), clean


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
    "KK": r"\bK\.?K\.?$|KABUSHIKI KAISHA$|株式会社",
    "AB": r"\b(?:AB|OYJ?|A/S|ASA?)\.?$",
    "주": r"주식회사|\(주\)|유한회사",
}
_FAMILY_SUFFIX_RE = re.compile(r" \((?:" + "|".join(_FAMILIES) + r")\)$")


def _legal_family(clean: pd.Series) -> pd.Series:
    """The family of the legal form a cleaned name ends with (``""`` for none)."""
    fam = pd.Series("", index=clean.index, dtype=object)
    trimmed = re_replace(clean, r"(?<![\s,.])[\s,.]+$", "")  # from a run's start only: linear
    for name, pattern in reversed(_FAMILIES.items()):  # the first family listed wins
        fam = fam.mask(re_contains(trimmed, pattern), name)
    return fam


#: Words that make no firm distinctive: a key made only of them (GENERAL, UNITED TECHNOLOGY,
#: NATIONAL INSTRUMENTS is not one) keeps its legal form when forms of two families meet.
GENERIC_WORDS = frozenset(
    "GENERAL NATIONAL UNITED INTERNATIONAL AMERICAN STANDARD UNIVERSAL GLOBAL CONTINENTAL ROYAL "
    "IMPERIAL FIRST NEW MODERN ADVANCED CENTRAL EUROPEAN ASIA ASIAN PACIFIC WORLD ATLANTIC NORTHERN "
    "SOUTHERN EASTERN WESTERN ALLIED CONSOLIDATED ASSOCIATED TECHNOLOGY INDUSTRIES SYSTEMS PRODUCTS "
    "SERVICES HOLDINGS GROUP TRADING ENGINEERING ELECTRIC ELECTRONICS CHEMICAL MOTORS".split()
)


def _split_legal_families(keys: pd.Series, clean: pd.Series) -> pd.Series:
    """Keys made only of generic words (:data:`GENERIC_WORDS`) shared by names with legal forms
    of two or more families get the family as a suffix (``GENERAL (LTD)``, ``GENERAL (INC)``);
    a distinctive stem keeps one key whatever its legal form (``ABBVIE B.V.``, ``ABBVIE INC``:
    one firm, as in OECD HAN), and names without a form keep the bare key."""
    if keys.empty:  # no name (a table of header and blanks): an empty Series has no string dtype
        return keys.astype(object)
    fam = _legal_family(clean)
    n_fam = fam[fam != ""].groupby(keys[fam != ""]).nunique()
    clash = (keys.map(n_fam).fillna(0).gt(1) & fam.ne("") & keys.ne("")).to_numpy(dtype=bool)
    generic = np.zeros(len(keys), dtype=bool)  # judged on those few keys only
    generic[clash] = keys[clash].str.split().map(lambda ws: bool(ws) and all(w in GENERIC_WORDS for w in ws))
    clash = clash & generic
    return keys.mask(clash, keys + " (" + fam + ")")


def _merge_spacing_variants(keys: pd.Series) -> pd.Series:
    """Keys that differ only in spaces (AGRO PARIS TECH, AGROPARISTECH) take one spelling:
    the one most names have (ties: the first in sort order), so ids stay readable."""
    return _one_spelling(keys, keys.str.replace(" ", "", regex=False))


def _one_spelling(keys: pd.Series, group: pd.Series, longest_first: bool = False,
                  weight: np.ndarray | None = None) -> pd.Series:
    """Each key replaced by the spelling most rows of its group have (ties: the longest where
    ``longest_first``, then the first in sort order); groups of one spelling, nearly all of
    them, are left as they are. A row counts ``weight`` rows where given (a distinct name: the
    rows it stands for). On integer codes: only the groups of two or more spellings are
    sorted, by their spellings' row counts.

    >>> _one_spelling(pd.Series(["A B", "AB", "A B", "C"]), pd.Series(["AB", "AB", "AB", "C"])).tolist()
    ['A B', 'A B', 'A B', 'C']
    """
    key, spellings = pd.factorize(keys, use_na_sentinel=False)
    grp = pd.factorize(group, use_na_sentinel=False)[0].astype(np.int64)
    pair, inverse = np.unique(grp * len(spellings) + key, return_inverse=True)  # each (group, spelling)
    n = np.bincount(inverse.ravel(), weights=weight)  # and its rows
    pair_group, pair_key = pair // max(len(spellings), 1), pair % max(len(spellings), 1)
    varied = np.bincount(pair_group, minlength=int(grp.max(initial=-1)) + 1) > 1
    if not varied.any():
        return keys
    on = varied[pair_group]
    cand = pd.DataFrame({"group": pair_group[on], "key": pair_key[on], "n": n[on],
                         "spelling": np.asarray(spellings, dtype=object)[pair_key[on]]})
    order, ascending = ["group", "n", "spelling"], [True, False, True]
    if longest_first:
        cand["length"] = cand["spelling"].map(len)
        order, ascending = ["group", "n", "length", "spelling"], [True, False, False, True]
    best = cand.sort_values(order, ascending=ascending).drop_duplicates("group")
    chosen = np.arange(len(spellings))  # per spelling, the spelling it becomes
    chosen[cand["key"].to_numpy()] = pd.Series(best["key"].to_numpy(), index=best["group"].to_numpy()).reindex(
        cand["group"].to_numpy()).to_numpy()
    rows = np.flatnonzero(varied[grp])
    out = keys.copy()
    out.iloc[rows] = np.asarray(spellings, dtype=object)[chosen[key[rows]]]
    return out


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


def _alias_lookup(amap: pd.DataFrame, current: pd.Series, key: pd.Series, bare: pd.Series) -> pd.Series:
    """The alias-table key each name matches (``""`` for none): its current id, its key, its key
    without a legal-family tag, else the same without connectives (``UNIV CHICAGO`` read with
    other spellings may be keyed ``UNIVERSITY CHICAGO`` where the table says ``UNIVERSITY OF
    CHICAGO``)."""
    look = current.where(current.isin(amap.index), key.where(key.isin(amap.index), bare.where(
        bare.isin(amap.index), "")))
    tight_index = pd.Series(amap.index, index=tight_key(pd.Series(amap.index)).to_numpy())
    tight_index = tight_index[~tight_index.index.duplicated(keep="last")]
    by_tight = tight_key(bare).map(tight_index).fillna("")
    return look.mask(look.eq(""), by_tight)


def harmonise(
    names: pd.Series,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    local_names: bool = False,
    categorical: bool = False,
) -> pd.DataFrame:
    """Give every raw applicant name a stable ``applicant_id`` and a display name.

    Parameters
    ----------
    names : pandas.Series of str
        Raw applicant names (one per application row), or a categorical of them (its codes and
        categories read as they are: names numbered once for several steps).
    aliases : DataFrame or path, optional
        The user's alias/override table (see :func:`load_alias_table`); it is applied
        after the shipped table and always wins.
    local_names : bool, default False
        Display an alias table's ``name_local`` (e.g. 경북대학교) instead of its ``name``
        (the official English name, e.g. Kyungpook National University) where it has one.
    categorical : bool, default False
        Return every column as a categorical of the same values, the empty text among each one's
        categories: no text repeated per row (a national table's 10 M rows hold some 700 k names),
        and a later step that groups by a column reads its codes.

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
    >>> harmonise(pd.Series(["ACME INC", "Acme, Inc."]), categorical=True)["applicant_id"].cat.codes.tolist()
    [0, 0]
    """
    # every step below works name by name, except the choice of a display spelling, which counts
    # rows: run once per distinct name, with each name's number of rows as its weight
    codes, distinct = text_codes(names)  # (a categorical's codes and categories as they are)
    weight = np.bincount(codes, minlength=len(distinct))
    if not weight.all():  # a categorical's unused names: left out (no row holds them)
        used = np.flatnonzero(weight)
        renumber = np.zeros(len(distinct), dtype=np.int64)
        renumber[used] = np.arange(len(used))
        codes, distinct, weight = renumber[codes], distinct[used], weight[used]
    raw = pd.Series(distinct)
    key, clean = _keys_of_distinct(raw)
    key = key.astype(str)
    bare = re_replace(key, _FAMILY_SUFFIX_RE, "")  # an alias of the bare key covers every family
    out = pd.DataFrame(
        {"applicant_id": key, "name_alias": "", "alias_type": "", "alias_source": "", "alias_region": ""},
        index=raw.index,
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
        # look up on the current id first (so a user alias can target a built-in id), then raw key
        look = _alias_lookup(amap, out["applicant_id"], key, bare)
        hit = look.ne("")
        rows = amap.reindex(look[hit])
        out.loc[hit, "applicant_id"] = rows["applicant_id"].to_numpy()
        shown = rows["name"].fillna("")
        if local_names:
            shown = rows["name_local"].fillna("").mask(lambda x: x == "", shown)
        out.loc[hit, "name_alias"] = shown.to_numpy()
        out.loc[hit, "alias_type"] = rows["actor_type"].fillna("").to_numpy()
        out.loc[hit, "alias_source"] = source
        out.loc[hit, "alias_region"] = rows["region"].fillna("").to_numpy()
    # the display name of an id: the cleaned spelling most of its rows have (ties: the first in sort order)
    name = _one_spelling(clean, out["applicant_id"], weight=weight)
    out["applicant_name"] = name.where(out["name_alias"] == "", out["name_alias"])
    out = out[["applicant_id", "applicant_name", "alias_type", "alias_source", "alias_region"]]
    if categorical:  # each column numbered once per distinct name, the rows given codes (no text taken)
        return pd.DataFrame({col: _categorical(out[col], codes) for col in out.columns}, index=names.index)
    return out.take(codes).set_axis(names.index)


def _categorical(per_name: pd.Series, codes: np.ndarray) -> pd.Categorical:
    """Rows' values as a categorical: ``per_name`` holds a value per distinct name, ``codes`` each
    row's name; the empty text is one of the categories (a caller may fill missing values with it)."""
    value, values = pd.factorize(per_name)
    if not (values == "").any():
        values = values.append(pd.Index([""], dtype=values.dtype))
    return categorical_of_distinct(value[codes], values)  # (codes and values of factorize: not checked again)


def name_variants(raw: pd.Series, applicant_id: pd.Series) -> pd.DataFrame:
    """Every distinct raw spelling, the ``applicant_id`` it got and the rules that joined it.

    Parameters
    ----------
    raw : pandas.Series of str
        Raw applicant names (``applications.applicant_raw``).
    applicant_id : pandas.Series of str
        Their ids, on the same index.

    Returns
    -------
    pandas.DataFrame
        ``raw, applicant_id, rule, n_rows`` sorted by id and spelling. ``rule`` is ``+``-joined
        from ``mojibake`` (repaired by ftfy), ``cleaning`` (case, accents, punctuation, articles,
        legal forms, university vehicles, capacity phrases such as ``ON BEHALF OF`` and a
        trailing acronym), ``abbreviation`` (written out from ``_data/org_words.csv``),
        ``spelling`` (a misspelt organisation word corrected, :func:`correct_org_words`),
        ``connectives`` (a spelling that differs only in spaces or in OF, THE, AND, & … took the
        commonest one), ``word_variant`` (a spelling that differs only in one organisation word
        written with one edit more or less, INSTITUTES / INSTITUTE, took the commonest one:
        :func:`_merge_word_variants`), ``legal_family`` (a generic stem kept its legal form) and
        ``alias_table`` (an alias or group table gave the id); ``exact`` when none applied.

    Examples
    --------
    >>> raw = pd.Series(["ABBOTT LAB", "Abbott Laboratories Inc."])
    >>> name_variants(raw, harmonise(raw)["applicant_id"])[["raw", "rule"]].values.tolist()
    [['ABBOTT LAB', 'abbreviation'], ['Abbott Laboratories Inc.', 'cleaning']]
    """
    t = pd.DataFrame({"raw": raw.astype("string").fillna("").astype(str),
                      "applicant_id": applicant_id.astype("string").fillna("").astype(str)})
    t = t.value_counts().reset_index(name="n_rows")
    plain = clean_name(t["raw"]).map(fold_accents).str.replace(_PUNCT_RE, " ", regex=True)
    plain = plain.str.replace(r"\s+", " ", regex=True).str.strip()
    k1 = _merge_spacing_variants(_key_from_clean(clean_name(t["raw"])))
    k2 = expand_abbreviations(k1)
    k2s = correct_org_words(k2)
    k2c = _merge_connective_variants(k2s)
    k2w = _merge_word_variants(k2c)
    k3 = name_key(t["raw"])
    steps = {
        "mojibake": repair_text(t["raw"]).ne(t["raw"]),
        "cleaning": k1.ne(plain),
        "abbreviation": k2.ne(k1),
        "spelling": k2s.ne(k2),
        "connectives": k2c.ne(k2s),
        "word_variant": k2w.ne(k2c),
        "legal_family": k3.ne(k2w),
        "alias_table": t["applicant_id"].ne(k3),
    }
    rule = pd.Series("", index=t.index, dtype=object)
    for name, hit in steps.items():
        rule = rule.mask(hit, rule + "+" + name)
    t["rule"] = rule.str.lstrip("+").replace("", "exact")
    return t.sort_values(["applicant_id", "raw"]).reset_index(drop=True)[["raw", "applicant_id", "rule", "n_rows"]]


def variant_suggestions(applicant_id: pd.Series, country: pd.Series | None = None, min_score: float = 92.0,
                        max_edits: int = 2, max_block: int = 5000) -> pd.DataFrame:
    """Pairs of ids that may be typo-level variants of one name: listed, never merged.

    Two ids are suggested where ``rapidfuzz``'s normalised Indel similarity is at least
    ``min_score`` (0–100) and at most ``max_edits`` characters differ (Levenshtein: typos, not
    two long names that share a long prefix), compared only within a block of one first word
    and one country (and again within a block of one last word, so that a typo in the first word
    is compared too), so the work stays bounded; the two sides of a generic stem
    kept apart by its legal form (``GENERAL (LTD)`` / ``GENERAL (INC)``) are not suggested. No
    fuzzy rule reached a measured pairwise precision of 0.99 on the labelled sets
    (``benchmarks/eval_entities.py``), so these are suggestions for the user's alias table.

    Parameters
    ----------
    applicant_id : pandas.Series of str
    country : pandas.Series of str, optional
        On the same index; ids of different countries are never compared.
    min_score : float, default 92
    max_edits : int, default 2
    max_block : int, default 5000
        Blocks with more distinct ids are skipped (``attrs["skipped_ids"]`` counts the distinct ids
        of the skipped blocks; such an id may still be compared in its other block).

    Returns
    -------
    pandas.DataFrame
        ``id_a, id_b, score`` (``id_a < id_b``), best first.

    Examples
    --------
    >>> s = variant_suggestions(pd.Series(["AETERNA ZENTARIS", "AETERNA ZENTARIZ", "ACME"]))
    >>> s[["id_a", "id_b"]].values.tolist()
    [['AETERNA ZENTARIS', 'AETERNA ZENTARIZ']]
    """
    import numpy as np
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    t = pd.DataFrame({"id": applicant_id.astype("string").fillna("").astype(str)})
    if country is None:
        t["country"] = ""
    else:
        t["country"] = country.reindex(applicant_id.index).astype("string").fillna("").astype(str)
    t = t[t["id"] != ""].drop_duplicates()
    # two blockings, so that a typo in the first word (MASSACHUSEITS INSTITUTE OF TECHNOLOGY)
    # is still compared: by the first word and by the last word of a name of two or more words
    first = t.assign(block="F|" + t["id"].str.extract(r"^(\S*)", expand=False) + "|" + t["country"])
    last = t[t["id"].str.contains(" ", regex=False)]
    last = last.assign(block="L|" + last["id"].str.extract(r"(\S*)$", expand=False) + "|" + last["country"])
    t = pd.concat([first, last], ignore_index=True)
    sizes = t["block"].value_counts()
    skipped = set(t.loc[t["block"].map(sizes).gt(max_block), "id"])
    t = t[t["block"].map(sizes).between(2, max_block)]
    rows = []
    for _, g in t.groupby("block", sort=True):  # one loop per block, not per name
        ids = g["id"].to_numpy()
        scores = process.cdist(ids, ids, scorer=fuzz.ratio, score_cutoff=min_score, dtype=np.uint8)
        edits = process.cdist(ids, ids, scorer=Levenshtein.distance, score_cutoff=max_edits, dtype=np.int32)
        i, j = np.nonzero(np.triu((scores > 0) & (edits <= max_edits), k=1))
        rows.append(pd.DataFrame({"id_a": ids[i], "id_b": ids[j], "score": scores[i, j]}))
    out = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["id_a", "id_b", "score"])
    swap = out["id_a"] > out["id_b"]
    out.loc[swap, ["id_a", "id_b"]] = out.loc[swap, ["id_b", "id_a"]].to_numpy()
    bare_a, bare_b = (out[c].astype(str).str.replace(_FAMILY_SUFFIX_RE, "", regex=True) for c in ("id_a", "id_b"))
    out = out[bare_a != bare_b]
    out = out.drop_duplicates(["id_a", "id_b"]).sort_values(["score", "id_a"], ascending=[False, True])
    out = out.reset_index(drop=True)
    out.attrs["skipped_ids"] = len(skipped)
    return out


def with_groups(aliases: pd.DataFrame | str | os.PathLike | None,
                groups: pd.DataFrame | str | os.PathLike) -> pd.DataFrame:
    """The user's alias table with a group table after it: an optional roll-up of subsidiaries
    and renamed firms to a parent (``--groups FILE``; never applied by default).

    Parameters
    ----------
    aliases : DataFrame, path or None
        The user's alias table (:func:`load_alias_table`).
    groups : DataFrame or path
        The same columns (``alias, applicant_id[, name, …]``): ``alias`` a subsidiary's or an
        old name (or its id), ``applicant_id`` the parent's id. Its rows win over the aliases.

    Returns
    -------
    pandas.DataFrame
        One alias table, for :func:`harmonise`.

    Examples
    --------
    >>> g = pd.DataFrame({"alias": ["JANSSEN PHARMACEUTICA NV"], "applicant_id": ["JOHNSON & JOHNSON"]})
    >>> harmonise(pd.Series(["Janssen Pharmaceutica N.V."]), aliases=with_groups(None, g))["applicant_id"].tolist()
    ['JOHNSON & JOHNSON']
    """
    def table(t: pd.DataFrame | str | os.PathLike) -> pd.DataFrame:
        if isinstance(t, pd.DataFrame):
            return t.reindex(columns=list(ALIAS_COLUMNS)).astype(object).fillna("")
        return load_alias_table(t)

    parts = ([] if aliases is None else [table(aliases)]) + [table(groups)]
    return pd.concat(parts, ignore_index=True)


__all__ = [
    "clean_name",
    "correct_org_words",
    "expand_abbreviations",
    "fold_accents",
    "harmonise",
    "load_alias_table",
    "name_key",
    "name_variants",
    "org_words",
    "repair_text",
    "romanise_hangul",
    "tight_key",
    "variant_suggestions",
    "with_groups",
]
