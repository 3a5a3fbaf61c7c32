"""Actor classification by transparent name rules in many languages.

Every applicant gets one of :data:`netanalysis.schema.ACTOR_TYPES` and a ``type_reason``
naming the rule or table that decided.  Names are matched upper-case with mojibake repaired
(``ftfy``), accents and invisible characters removed (:func:`fold_name`).  The rules run in this order; the first
that fires wins:

============================  =========================================================
``lookup:user``               the user's alias/override table gave a type
``lookup:builtin``            the shipped alias table (``_data/aliases.csv``) gave a type
``rule:empty_name``           no letter or digit: ``other``
``rule:hospital``             hospital words of ``_data/actor_keywords.csv`` (병원, HOSPITAL,
                              OSPEDALE, IRCCS, HÔPITAL, KLINIK …)
``rule:government``           a ministry (MINISTRY, MINISTERO, MINISTÈRE …)
``rule:research_institute``   a public research organisation known by name (FRAUNHOFER,
                              FORSCHUNGSZENTRUM, CNRS, TNO …): many carry a GMBH or AS
``rule:firm_legal_form``      a for-profit legal form (주식회사, (주), S.P.A., GMBH, CO. LTD, AG,
                              K.K., B.V., SOCIETÀ A RESPONSABILITÀ LIMITATA, S.C.R.L. …)
``rule:university``           university words (대학교, 산학협력단, UNIVERSITY, UNIVERSITÀ,
                              HOCHSCHULE, POLITECNICO, ETH, MIT, KAIST …)
``rule:research_institute``   research words (연구원, INSTITUTE, ISTITUTO, FORSCHUNG, CNRS,
                              FONDAZIONE, STIFTUNG, CENTRO …)
``rule:firm_legal_form``      any other legal form (INC, LLC, E.V. …, and cleanco's forms of
                              every country)
``rule:government``           government words (대한민국, 공사, GOVERNMENT, REGIONE, ÉTAT FRANÇAIS …)
``rule:large_group``          a large business group (``_data/large_groups.csv``)
``rule:firm_word``            전자, 산업, ELECTRONICS, INDUSTRIES, COSTRUZIONI …
``rule:person_*``             positive evidence of a person and no organisation cue:
                              ``person_comma`` (``SURNAME, GIVEN`` / ``SURNAME; GIVEN``),
                              ``person_korean`` (2–4 syllables starting with a Korean
                              surname), ``person_given_name`` (a given name of
                              ``nomquamgender``'s multilingual lists, a patronymic, a
                              capitalised surname, initials or a title; particles DE, VAN …
                              and a trailing tax number ignored)
``rule:nonprofit_form``       Korean 재단법인, 사단법인 with no other cue: ``other``
``rule:default_firm``         nothing else: a firm whose legal form the source stripped
                              (the commonest case in patent data), ``size_source = assumed``
``evidence:inventor``         the applicant is an inventor of the same application (with
                              ``inventors``): a person on every row of its ``applicant_id``,
                              unless its name holds an organisation cue
============================  =========================================================

A firm is ``large_firm`` when it matches the large-group list (``size_source =
group_list``) or the user's firm-size table says so (``user_table``, which wins);
otherwise it is ``sme`` with ``size_source = assumed`` — a name alone cannot prove an SME.
Legal forms come from the table here and from ``cleanco`` (maintained lists of legal
forms by country); the keyword table and the table of organisation words and abbreviations
ship as package data (:func:`keyword_table`, :func:`org_words`); the given names come from the
``nomquamgender`` package (:func:`given_names`).
"""

from __future__ import annotations

import os
import re
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from ._errors import IngestError
from ._io import read_text_table
from ._paths import PACKAGE_DATA
from .entities import _fold_accents, clean_name, org_words
from .schema import ACTOR_TYPES, ActorType

FIRM_LEGAL = (
    r"주식회사|\(주\)|^주\)|\(유\)|유한회사|유한책임회사|합자회사|株式会社|有限公司|\(株\)|"
    r"\bCO\.?,?\s*LTD\b|\bLTD\b|\bLIMITED\b|\bINC\b|\bINCORPORATED\b|\bCORP\b|\bCORPORATION\b|"
    r"\bCOMPANY\b|\bGMBH\b|\bAG$|\bAG\b,|\bS\.?A\.?$|\bS\.?P\.?A\.?$|\bSPA$|\bLLC\b|\bL\.L\.C\b|"
    r"\bPLC\b|\bB\.?V\.?$|\bN\.?V\.?$|\bK\.?K\.?$|\bSE$|\bSAS$|\bSRL$|\bS\.R\.L\b|\bPTY\b|\bAB$|\bOY$|"
    r"\bS\.?C\.?P\.?A\.?$|\bS\.?N\.?C\.?$|\bSARL$|\bA/S$|\bAPS$|\bKG$|\bLTDA\b|\bS\.L\.?$|\bAKTIENGESELLSCHAFT\b"
)
FIRM_WORD = (
    r"전자|산업|테크|텍$|시스템|솔루션|바이오|제약|화학|건설|엔지니어링|중공업|물산|상사$|코리아|"
    r"케미칼|소재|정밀|기계|에너지|반도체|메디칼|메디컬|헬스케어|푸드|식품|모터스|네트웍스|"
    r"디스플레이|로보틱스|랩스$|인터내셔널|홀딩스|그룹$|컴퍼니|통신|제철|자동차|"
    r"INDUSTRIES|INDUSTRIAL|ELECTRONIC|SYSTEMS|SOLUTIONS|PHARMA|CHEMICAL|MOTORS|"
    r"HOLDINGS|ENTERPRISES|\bGROUP\b|\bLABS\b|NETWORKS|ENGINEERING|"
    r"MANUFACTURING|SEMICONDUCTOR|FOODS|\bPRODUCTS\b|\bBRANDS\b|\bSERVICES\b|\bDEVICES\b|"
    r"\bIMPIANTI\b|\bCOSTRUZIONI\b|\bINDUSTRIE\b|\bSERVIZI\b|WERKE\b|\bTECHNIK\b|\bBIOTECH|"
    # trades and business forms without a legal suffix: consortia, cooperatives, workshops
    r"\bCONSORZIO\b|\bCONSORTIUM\b|COOPERATIV|\bCONCERIA\b|\bOFFICIN[AE]\b|\bMANIFATTURA\b|"
    r"\bLABORATORI\b|\bLABORATORIES\b|\bENERG(?:Y|IES|IE|IA)\b|\bFARMACEUTIC|\bMECCANICA\b|\bTESSIL[EI]\b|\bFABRIK\b|\bVERLAG\b"
)
#: Legal forms only for-profit companies take: they win over research words
#: (주식회사 케이디중앙연구소, IDIM S.P.A. - ISTITUTO …); INC, LLC, E.V. do not (foundations use them).
FOR_PROFIT = (
    r"주식회사|\(주\)|^주\)|株式会社|\bS\.?P\.?A\.?$|\bS\.?P\.?A\.? |\bSPA\b|\bS\.?R\.?L\.?$|(?<!G)GMBH\b|"
    r"\bAG$|\bCO\.?,?\s*LTD\b|\bK\.?K\.?$|\bB\.?V\.?$|\bN\.?V\.?$|\bAKTIENGESELLSCHAFT\b|\bS\.?A\.?S\.?$|"
    # the same forms spelled out or glued (PATSTAT keeps them): società a responsabilità
    # limitata / per azioni / consortile, sociedad anónima, société anonyme, S.C.R.L.
    r"SOCIETA'? (?:A RESPONSABILITA'? LIMITATA|PER AZIONI|CONSORTILE|COOPERATIVA)|"
    r"SOCIEDAD(?:E)? (?:ANONIMA|LIMITADA)|SOCIETE (?:ANONYME|PAR ACTIONS)|"
    r"GESELLSCHAFT MIT BESCHRANKTER HAFTUNG|S\.?C\.?A?\.?R\.?L\.?$|\bS\.?C\.?P\.?A\.?$"
)
#: Public research organisations known by name: they win over a firm's legal form, which many
#: of them carry (FORSCHUNGSZENTRUM JUELICH GMBH, IHP GMBH - LEIBNIZ-INSTITUT, FRAUNHOFER …).
NAMED_RESEARCH = (
    r"FORSCHUNGSZENTRUM|FRAUNHOFER|MAX[- ]PLANCK|HELMHOLTZ|LEIBNIZ[- ]INSTITUT|\bCNRS\b|\bINSERM\b|"
    r"COMMISSARIAT A L.?ENERGIE|CONSIGLIO NAZIONALE DELLE RICERCHE|NATIONAL LABORATORY|\bTNO\b|"
    r"\bVTT\b|\bSINTEF\b|\bCSIC\b|\bA\*STAR\b|\bRIKEN\b|\bCSIRO\b"
)
#: Ministries first: a ministry of universities or research is a ministry.
MINISTRY = r"\bMINIST(?:RY|ERO|ERE|ERIO|ERIUM)\b|\bMINISTER\b"
#: Words no person's name holds: digits, connectives, places that subsidiaries carry
#: (ARKEMA FRANCE, TEXAS INSTRUMENTS DEUTSCHLAND).
ORG_CUE = (
    r"\d|&|\b(?:AND|OF|FOR|FUR|FUER|UND|PER|POUR|PARA)\b|"
    r"\b(?:FRANCE|ITALIA|ITALY|DEUTSCHLAND|GERMANY|EUROPE|EUROPA|AMERICA|USA|JAPAN|NIPPON|KOREA|CHINA|"
    r"ESPANA|SPAIN|SCHWEIZ|SUISSE|AUSTRIA|NEDERLAND|BENELUX|NORDIC|SCANDINAVIA|ASIA|PACIFIC|"
    r"INTERNATIONAL|INTERNAZIONALE|GLOBAL|WORLDWIDE|HOLDING)\b"
)
#: Titles that only persons carry.
PERSON_TITLE = r"\b(?:PROF|DR|DIPL|ING|MD|PHD)\b\.?"
#: Korean non-profit forms with no other cue: foundations, associations, cooperatives.
NONPROFIT = r"재단법인|사단법인|\(재\)|\(사\)|협동조합|조합$|재단$"
PERSON_KO = r"^[가-힣]{2,4}$"
#: The 100 most frequent Korean surnames (one syllable; 남궁, 황보 … are two).
KO_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현"
    "함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예봉경사부가복태목형계피두감음빈동온호범좌팽승간상갈"
) | {"남궁", "황보", "제갈", "선우", "독고", "사공", "서문"}
#: ``SURNAME, GIVEN`` or ``SURNAME; GIVEN`` (PATSTAT, Thomson, USPTO, Lens): one comma or
#: semicolon between two short word groups; a JR, SR, II … after the surname is allowed.
PERSON_COMMA = (r"^[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,3}(?:,? (?:JR|SR|II|III|IV)\.?)?[,;] ?"
                r"[A-Z][A-Z'\-\.]*(?: [A-Z][A-Z'\-\.]*){0,3}$")
PERSON_WORDS = r"^[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-\.]*){1,6}$"
#: Particles of family names (DE, DA, DOS, VAN, VON, DI …): part of a person's name, never counted
#: as one of its words.
PARTICLES = frozenset("DE DA DO DOS DAS DI DEL DELLA DELLE DEGLI DU DES VAN VON DER DEN TER TEN LE LA "
                      "BIN BEN AL EL Y E ST".split())
#: A Slavic patronymic (ALEKSANDROVICH, NIKOLAEVNA …): only persons carry one.
PATRONYMIC = re.compile(r"(?:OVICH|EVICH|OVNA|EVNA|ICHNA)$")
#: A trailing tax or registration number (… 123.456.789-00, … CPF 12345678): stripped before the
#: person rules, so its digits are no organisation cue.
TRAILING_ID = r"[\s,;\-]*\(?(?:CPF|NIF|DNI|SSN|TAX ID|ID)?[\s:.#]*\d[\d./\- ]{5,}\)?$"
#: Evaluation order of the keyword types; the first that fires wins (after the legal form).
KEYWORD_ORDER = ("university", "research_institute", "government")


@lru_cache(maxsize=1)
def keyword_table() -> pd.DataFrame:
    """The shipped keyword table (``_data/actor_keywords.csv``): ``type, language, pattern, note``.

    Patterns are regular expressions on the upper-case, accent-folded name; each row is one
    language (ko, en, de, fr, it, es-pt, nl-nordic, ru-cs-ro, zh-ja).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> sorted(set(keyword_table()["type"]))
    ['government', 'hospital', 'research_institute', 'university']
    """
    return pd.read_csv(PACKAGE_DATA / "actor_keywords.csv", dtype=str, keep_default_na=False)


@cache
def _type_pattern(kind: str) -> re.Pattern[str]:
    t = keyword_table()
    return re.compile("|".join(f"(?:{p})" for p in t.loc[t["type"] == kind, "pattern"]))


#: Minimum number of nomquamgender's sources (of 36 national name registers, censuses and
#: bibliographic sets) that must list a word as a given name for it to count as one; fewer
#: admits words such as GENERAL or APPLE (measured in benchmarks/eval_entities.py).
MIN_NAME_SOURCES = 10


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names of many languages, evidence for persons (upper case, accents folded).

    The words listed as a given name by at least :data:`MIN_NAME_SOURCES` of the sources
    of the ``nomquamgender`` package (Van Buskirk et al., 2023: a consensus of 36 name
    registers, censuses and bibliographic data sets of many countries; MIT licence), about
    22,000 names. Loaded once per process (about 3 s).

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> {"MARIO", "ANNA", "PAULO", "LEONARDO", "KATIA"} <= given_names()
    True
    >>> "GENERAL" in given_names()
    False
    """
    import importlib.util
    import json

    spec = importlib.util.find_spec("nomquamgender")  # read its data without importing it (it loads numpy)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("netanalysis needs the nomquamgender package (pip install nomquamgender)")
    data = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    table = json.loads(data.read_text(encoding="utf-8"))
    return frozenset(_fold_accents(w.upper()) for w, v in table.items() if v[0] >= MIN_NAME_SOURCES and w.isalpha())


@lru_cache(maxsize=1)
def _org_word_pattern() -> re.Pattern[str]:
    t = org_words()
    t = t[t["cue"] == "yes"]
    words = sorted({w for _, r in t.iterrows() for w in [r["word"], *r["variants"].split("|")] if w}, key=len,
                   reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


def fold_name(names: pd.Series) -> pd.Series:
    """Upper case, NFKC, accents removed (Hangul kept whole), zero-width characters dropped.

    Parameters
    ----------
    names : pandas.Series of str

    Returns
    -------
    pandas.Series of str

    Examples
    --------
    >>> fold_name(pd.Series(["Université Paris-Saclay", "ETH Zürich", "경북대학교\u200b"])).tolist()
    ['UNIVERSITE PARIS-SACLAY', 'ETH ZURICH', '경북대학교']
    """
    return clean_name(names).map(_fold_accents).astype(str)  # clean_name drops invisible characters


def _legal_form(folded: pd.Series) -> pd.Series:
    """A legal form in the name: the table above, or one of cleanco's (any country's) at the end."""
    from cleanco import basename

    hit = folded.str.contains(FIRM_LEGAL, regex=True)
    latin = ~hit & folded.str.contains(r"[A-Z]", regex=True) & ~folded.str.contains(r"[가-힣]", regex=True)
    stripped = folded[latin].map(lambda s: basename(s, suffix=True, prefix=False, middle=False).upper().strip())
    plain = folded[latin].str.replace(r"[^\w ]", " ", regex=True).str.replace(r"\s+", " ", regex=True).str.strip()
    trimmed = stripped.str.replace(r"[^\w ]", " ", regex=True).str.replace(r"\s+", " ", regex=True).str.strip()
    return hit | (trimmed.ne(plain) & trimmed.ne("")).reindex(folded.index, fill_value=False)


def _person(folded: pd.Series, nospace: pd.Series, cue: pd.Series, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Positive evidence that a name is a person's; never where an organisation cue is present.

    The evidence, in the order a reason is reported: a Korean name (2–4 syllables starting
    with a Korean surname); ``SURNAME, GIVEN`` / ``SURNAME; GIVEN``; two to four words (family-
    name particles DE, DA, VAN, VON … not counted) holding a known given name (:func:`given_names`:
    or a Slavic patronymic …OVICH, …OVNA), ``SURNAME G P`` initials,
    ``SURNAME Given`` case, a title-case name or a title (PROF, DR …).  A trailing tax number is
    ignored.  The organisation cue (legal form, keyword, firm word, :func:`org_words` …) always wins.
    """
    folded = folded.str.replace(TRAILING_ID, "", regex=True).str.strip()
    raw = raw.str.replace(TRAILING_ID, "", regex=True).str.strip()
    cue = cue | folded.str.contains(_org_word_pattern(), regex=True)
    ko = nospace.str.match(PERSON_KO) & (nospace.str[:1].isin(KO_SURNAMES) | nospace.str[:2].isin(KO_SURNAMES))
    comma = folded.str.match(PERSON_COMMA)
    names = given_names()
    tokens = folded.str.split(r"[ ,;]+")

    def given_evidence(ws: list[str]) -> bool:
        """Two to four words (particles not counted), one a given name or a patronymic."""
        ws = [w.strip(".") for w in ws if w.strip(".") and w.strip(".") not in PARTICLES]
        if not 2 <= len(ws) <= 4:
            return False
        known = sum(w in names or all(p in names for p in w.split("-")) or bool(PATRONYMIC.search(w)) for w in ws)
        return known >= 1

    words = folded.str.match(PERSON_WORDS) & tokens.map(given_evidence)
    # USPTO / Thomson style: SURNAME in capitals, then Given name(s) in title case; or initials
    cased = raw.str.match(r"^[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)? [A-Z][a-z]+(?:-[a-z]+)?(?:[ \-][A-Z][a-z]*\.?){0,2}$")
    initial = folded.str.match(r"^[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)? [A-Z]\.?(?: ?[A-Z]\.?)?$|"
                               r"^[A-Z][A-Z'\-]+ [A-Z][A-Z'\-]+ [A-Z]\.$")
    # a title-case name of two or three plain words (Hampikian Greg, Xu Hanpeng), or a title
    titled = raw.str.match(r"^[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,2}$") | folded.str.contains(PERSON_TITLE, regex=True)
    words = words | cased | initial | titled
    why = pd.Series("", index=folded.index, dtype=object)
    why[words] = "rule:person_given_name"
    why[comma] = "rule:person_comma"
    why[ko] = "rule:person_korean"
    return (ko | comma | words) & ~cue, why


def load_large_groups(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read the list of large business groups (columns ``group``, ``pattern``).

    ``pattern`` is a regular expression matched against the upper-cased display name
    with Korean legal forms removed.  The shipped list covers the Korean chaebol
    (Samsung, LG, SK, Hyundai, POSCO, Lotte, Hanwha, GS …, in Hangul and Latin) and a
    few multinationals; edit it or pass your own.

    Parameters
    ----------
    path : path, optional
        A CSV with ``group, pattern``; the shipped list when omitted.

    Returns
    -------
    pandas.DataFrame
        ``group`` and ``pattern``.

    Examples
    --------
    >>> "Samsung" in set(load_large_groups()["group"])
    True
    """
    src = PACKAGE_DATA / "large_groups.csv" if path is None else path
    t = read_text_table(src, "large-group list")
    if not {"group", "pattern"} <= set(t.columns):
        raise IngestError("large-group list needs columns group, pattern", path=str(src))
    return t


def load_firm_sizes(path: str | os.PathLike) -> pd.DataFrame:
    """Read a user firm-size table: columns ``applicant_id`` and ``size`` (large or sme).

    Parameters
    ----------
    path : path
        The CSV (UTF-8).

    Returns
    -------
    pandas.DataFrame
        ``applicant_id`` and ``size`` (lower case).

    Raises
    ------
    IngestError
        If a column is missing or a size is not ``large`` / ``sme``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "sizes.csv"
    >>> _ = f.write_text("applicant_id,size\\nACME,Large\\n")
    >>> load_firm_sizes(f)["size"].tolist()
    ['large']
    """
    return _check_firm_sizes(read_text_table(path, "firm-size table"), str(path))


def _check_firm_sizes(t: pd.DataFrame, where: str = "firm_sizes") -> pd.DataFrame:
    if not {"applicant_id", "size"} <= set(t.columns):
        raise IngestError("firm-size table needs columns applicant_id, size", path=where)
    size = t["size"].str.strip().str.lower()
    bad = ~size.isin(["large", "sme"])
    if bad.any():
        i = int(bad.to_numpy().argmax())
        raise IngestError(
            f"size {t['size'].iloc[i]!r} is not 'large' or 'sme'", path=where, row=i + 2,
            column="size",
        )
    return pd.DataFrame({"applicant_id": t["applicant_id"], "size": size})


#: What a source's own type label may map to, besides the actor types themselves.
SOURCE_TARGETS = ("firm", "public", "rules")


def load_source_types(path: str | os.PathLike[str] | pd.DataFrame | None = None) -> pd.DataFrame:
    """The table mapping a source's own type labels to actor types.

    Parameters
    ----------
    path : path or DataFrame, optional
        A CSV (or table) with columns ``value`` and ``maps_to``; its rows are added to, and
        win over, the shipped table (``_data/source_types.csv``: PATSTAT ``psn_sector``,
        Thomson Innovation sectors, PatentsView and common free text).

    Returns
    -------
    pandas.DataFrame
        ``value`` (case-folded, spaces collapsed, ``_``/``-`` as spaces) and ``maps_to``: an
        actor type, ``firm`` (SME or large firm by the large-group list), ``public``
        (government unless the name says research institute, university or hospital) or
        ``rules`` (the name rules decide).

    Raises
    ------
    IngestError
        If a column is missing or a target is not one of the above.

    Examples
    --------
    >>> t = load_source_types().set_index("value")["maps_to"]
    >>> t["gov non profit"], t["company"], t["academic"]
    ('public', 'firm', 'university')
    """
    shipped = read_text_table(PACKAGE_DATA / "source_types.csv", "source-type table")
    tables = [shipped]
    if path is not None:
        user = path if isinstance(path, pd.DataFrame) else read_text_table(path, "source-type table")
        if not {"value", "maps_to"} <= set(user.columns):
            raise IngestError("source-type table needs columns value, maps_to", path=str(path))
        tables.append(user.astype(str))
    table = pd.concat(tables, ignore_index=True)[["value", "maps_to"]]
    table["value"] = _fold_label(table["value"])
    table["maps_to"] = table["maps_to"].str.strip().str.lower()
    bad = ~table["maps_to"].isin([*ACTOR_TYPES, *SOURCE_TARGETS])
    if bad.any():
        raise IngestError(
            f"source-type table maps {table['value'][bad].iloc[0]!r} to {table['maps_to'][bad].iloc[0]!r}; "
            f"expected one of {', '.join([*ACTOR_TYPES, *SOURCE_TARGETS])}",
            path=str(path), column="maps_to",
        )
    return table.drop_duplicates("value", keep="last").reset_index(drop=True)


def _fold_label(values: pd.Series) -> pd.Series:
    return values.astype("string").fillna("").str.casefold().str.replace(r"[\s_\-]+", " ", regex=True).str.strip()


def apply_source_types(
    classes: pd.DataFrame, labels: pd.Series, source_types: pd.DataFrame | str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Let the type a source gives (PATSTAT ``psn_sector``, a ``sector`` column …) decide.

    Parameters
    ----------
    classes : pandas.DataFrame
        :func:`classify_actors` output (the name rules' verdict).
    labels : pandas.Series of str
        The source's label per row (same index); empty or missing means no label.
    source_types : DataFrame or path, optional
        Extra mappings (see :func:`load_source_types`).

    Returns
    -------
    pandas.DataFrame
        ``classes`` with the source's type applied: ``type_reason`` becomes
        ``source:<label>`` (plus the rule where the name refined it); a label the table does
        not know gives ``other`` with ``source:<label>`` (never an error). The user's alias
        table (``lookup:user``) still wins.

    Examples
    --------
    >>> names = pd.Series(["FRAUNHOFER GESELLSCHAFT", "ENI SPA", "ROSSI MARIO", "X"])
    >>> cls = classify_actors(names)
    >>> out = apply_source_types(cls, pd.Series(["GOV NON-PROFIT", "COMPANY", "INDIVIDUAL", "ALIEN"]))
    >>> out["actor_type"].astype(str).tolist()
    ['research_institute', 'sme', 'individual', 'other']
    >>> out["type_reason"].tolist()[-1]
    'source:ALIEN'
    """
    table = load_source_types(source_types).set_index("value")["maps_to"]
    raw = labels.astype("string").fillna("").str.strip()
    folded = _fold_label(raw)
    given = (folded != "") & ~classes["type_reason"].astype(str).str.startswith("lookup:user")
    target = folded.map(table)
    out = classes.copy()
    out["actor_type"] = out["actor_type"].astype(str)
    rule_type = out["actor_type"]
    reason = "source:" + raw
    known_type = given & target.isin(ACTOR_TYPES)
    firm = given & (target == "firm")
    public = given & (target == "public")
    unknown = given & target.isna()
    # an actor type: taken as given
    out.loc[known_type, "actor_type"] = target[known_type]
    out.loc[known_type, "size_source"] = target[known_type].map({"sme": "source", "large_firm": "source"}).fillna("")
    # a firm: the large-group list tells large from SME, as for names
    is_large = firm & (rule_type == "large_firm")
    out.loc[firm, "actor_type"] = "sme"
    out.loc[is_large, "actor_type"] = "large_firm"
    out.loc[firm, "size_source"] = "assumed"
    out.loc[is_large, "size_source"] = "group_list"
    # public: the name tells research institute, university or hospital from government
    named_public = public & rule_type.isin(["research_institute", "university", "hospital", "government"])
    out.loc[public & ~named_public, "actor_type"] = "government"
    out.loc[public, "size_source"] = ""
    out.loc[unknown, "actor_type"] = "other"
    out.loc[unknown, "size_source"] = ""
    decided = known_type | firm | unknown | (public & ~named_public)
    out.loc[decided, "type_reason"] = reason[decided]
    out.loc[named_public, "type_reason"] = reason[named_public] + "+" + out.loc[named_public, "type_reason"].astype(str)
    out["actor_type"] = out["actor_type"].astype(ActorType)
    return out


def _name_tokens(names: pd.Series) -> pd.Series:
    """A name's words, sorted: ``ROSSI, MARIO`` and ``Mario Rossi`` give one key; parenthesised parts
    and words with digits (a country code, a person number, a postcode) are left out."""
    folded = fold_name(names).str.replace(r"\([^)]*\)", " ", regex=True)
    words = folded.str.replace(r"[^\w]+", " ", regex=True).str.split()
    return words.map(lambda ws: " ".join(sorted(w for w in ws if not any(c.isdigit() for c in w))))


def inventor_evidence(names: pd.Series, inventors: pd.Series) -> pd.Series:
    """Whether each applicant is also an inventor of the same application (the same words,
    in any order, after mojibake repair, upper-casing and accent folding).

    Parameters
    ----------
    names : pandas.Series of str
        Applicant names, one per application row.
    inventors : pandas.Series of str
        The same rows' inventors, ``"; "``-joined (missing: none known).

    Returns
    -------
    pandas.Series of bool
        On the index of ``names``.

    Examples
    --------
    >>> inventor_evidence(pd.Series(["ROSSI MARIO", "ACME SPA", "KIM, CHUL SU", "홍길동"]), pd.Series(
    ...     ["Mario Rossi; Anna Bianchi", "Mario Rossi", None, "홍길동(419980012345)"])).tolist()
    [True, False, False, True]
    """
    inv = inventors.reindex(names.index).astype("string").str.split(r"\s*;\s*").explode().dropna()
    inv = inv[inv.str.strip() != ""]
    pairs = pd.MultiIndex.from_arrays([inv.index, _name_tokens(inv).to_numpy()])
    keys = _name_tokens(names.astype("string").fillna(""))
    mine = pd.MultiIndex.from_arrays([names.index, keys.to_numpy()])
    return pd.Series(mine.isin(pairs), index=names.index) & names.notna() & keys.ne("")


def classify_actors(
    names: pd.Series,
    applicant_id: pd.Series | None = None,
    alias_type: pd.Series | None = None,
    alias_source: pd.Series | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
    large_groups: pd.DataFrame | None = None,
    inventors: pd.Series | None = None,
) -> pd.DataFrame:
    """Classify applicants into actor types, saying why.

    Parameters
    ----------
    names : pandas.Series of str
        Raw (or display) applicant names.
    applicant_id : pandas.Series of str, optional
        Harmonised ids on the same index; used to match the firm-size table.
    alias_type, alias_source : pandas.Series of str, optional
        Types forced by alias tables and which table (``builtin`` / ``user``), as
        returned by :func:`netanalysis.entities.harmonise`.
    firm_sizes : DataFrame or path, optional
        User firm-size table (``applicant_id``, ``size`` in {large, sme}); wins over the
        large-group list.
    large_groups : DataFrame, optional
        Replaces the shipped large-group list.
    inventors : pandas.Series of str, optional
        Each row's inventors (``"; "``-joined, as the readers write them). An applicant who is
        also an inventor of the same application is a person (``evidence:inventor``), on every
        row of its ``applicant_id``, unless its name holds an organisation cue; alias tables
        still win.

    Returns
    -------
    pandas.DataFrame
        On the index of ``names``: ``actor_type`` (categorical), ``type_reason`` and
        ``size_source`` (``group_list``, ``user_table``, ``assumed``; empty for non-firms).

    Examples
    --------
    >>> classify_actors(pd.Series(["경북대학교 산학협력단", "(주)대경정밀", "삼성전자(주)",
    ...     "한국전자통신연구원", "홍길동"])).actor_type.tolist()
    ['university', 'sme', 'large_firm', 'research_institute', 'individual']
    """
    idx = names.index
    uniq = pd.Series(pd.unique(names.astype("string").fillna(""))).astype(str)
    clean = clean_name(uniq)
    folded = fold_name(uniq)
    bare = clean.str.replace(r"주식회사|\(주\)|\(유\)|유한회사", " ", regex=True)
    bare = bare.str.replace(r"\s+", " ", regex=True).str.strip()
    nospace = bare.str.replace(" ", "", regex=False)

    kind = pd.Series(pd.NA, index=uniq.index, dtype="string")
    reason = pd.Series(pd.NA, index=uniq.index, dtype="string")
    empty = ~folded.str.contains(r"\w", regex=True)
    kind[empty], reason[empty] = "other", "rule:empty_name"
    long = folded.str.len() > 500
    kind[long & kind.isna()], reason[long & kind.isna()] = "other", "rule:name_over_500_characters"
    legal = _legal_form(folded)
    matched = {k: folded.str.contains(_type_pattern(k), regex=True) for k in ("hospital", *KEYWORD_ORDER)}
    hit = kind.isna() & matched["hospital"]
    kind[hit], reason[hit] = "hospital", "rule:hospital"
    hit = kind.isna() & folded.str.contains(MINISTRY, regex=True)
    kind[hit], reason[hit] = "government", "rule:government"
    hit = kind.isna() & folded.str.contains(NAMED_RESEARCH, regex=True)
    kind[hit], reason[hit] = "research_institute", "rule:research_institute"
    hit = kind.isna() & folded.str.contains(FOR_PROFIT, regex=True)
    kind[hit], reason[hit] = "firm", "rule:firm_legal_form"
    # universities and research bodies first: their foundations and societies often carry a
    # firm's legal form (… FOUNDATION INC., … GESELLSCHAFT … E.V., ASSOCIAZIONE … A.P.S.)
    for what in ("university", "research_institute"):
        hit = kind.isna() & matched[what]
        kind[hit], reason[hit] = what, f"rule:{what}"
    hit = kind.isna() & legal
    kind[hit], reason[hit] = "firm", "rule:firm_legal_form"
    hit = kind.isna() & matched["government"]
    kind[hit], reason[hit] = "government", "rule:government"
    groups = load_large_groups() if large_groups is None else large_groups
    group_pat = "|".join(f"(?:{re.sub(r'[(](?![?])', '(?:', p)})" for p in groups["pattern"])
    is_group = bare.str.contains(group_pat, regex=True) | nospace.str.contains(
        group_pat, regex=True
    )
    hit = kind.isna() & is_group
    kind[hit], reason[hit] = "firm", "rule:large_group"
    firm_word = folded.str.contains(FIRM_WORD, regex=True)
    hit = kind.isna() & firm_word
    kind[hit], reason[hit] = "firm", "rule:firm_word"
    cue = legal | firm_word | is_group | pd.concat(matched, axis=1).any(axis=1) | folded.str.replace(
        TRAILING_ID, "", regex=True).str.contains(ORG_CUE, regex=True)
    person, why = _person(folded, nospace, cue, uniq.str.strip())
    hit = kind.isna() & person
    kind[hit], reason[hit] = "individual", why[hit]
    hit = kind.isna() & folded.str.contains(NONPROFIT, regex=True)
    kind[hit], reason[hit] = "other", "rule:nonprofit_form"
    # no cue at all: a firm whose legal form the source stripped (PATSTAT, Lens) is the
    # most common case in patent data; marked as assumed like every name-only SME
    hit = kind.isna()
    kind[hit], reason[hit] = "firm", "rule:default_firm"
    kind = kind.fillna("other")
    reason = reason.fillna("rule:none")

    # SME vs large firm, per unique name
    firm = kind == "firm"
    size_source = pd.Series("", index=uniq.index, dtype=object)
    kind = kind.mask(firm & is_group, "large_firm").mask(firm & ~is_group, "sme")
    reason = reason.mask(firm & is_group, "rule:large_group")
    size_source[firm & is_group] = "group_list"
    size_source[firm & ~is_group] = "assumed"

    per_row = pd.DataFrame({"u": names.astype("string").fillna("").astype(str)}, index=idx)
    m = dict(zip(uniq, zip(kind, reason, size_source, strict=True), strict=True))
    vals = per_row["u"].map(m)
    out = pd.DataFrame(vals.tolist(), index=idx, columns=["actor_type", "type_reason", "size_source"])
    if len(out) == 0:
        out = pd.DataFrame(columns=["actor_type", "type_reason", "size_source"], index=idx)
    if inventors is not None and len(out):
        seen = inventor_evidence(names, inventors)
        if applicant_id is not None:  # evidence on one application types the actor on all of them
            ids = applicant_id.reindex(idx).astype("string").fillna("")
            seen = seen | (ids.isin(set(ids[seen])) & ids.ne(""))
        org = cue | folded.str.contains(_org_word_pattern(), regex=True)
        seen = seen & ~per_row["u"].map(dict(zip(uniq, org, strict=True))).fillna(True).astype(bool)
        out.loc[seen, ["actor_type", "type_reason", "size_source"]] = ["individual", "evidence:inventor", ""]

    if alias_type is not None:
        forced = alias_type.reindex(idx).fillna("").astype(str)
        src = (
            alias_source.reindex(idx).fillna("builtin").astype(str)
            if alias_source is not None
            else pd.Series("builtin", index=idx)
        )
        bad = forced.ne("") & ~forced.isin(ACTOR_TYPES)
        if bad.any():
            raise IngestError(
                f"alias table gives actor_type {forced[bad].iloc[0]!r}; expected one of "
                f"{', '.join(ACTOR_TYPES)}",
                column="actor_type",
            )
        f = forced.ne("")
        out.loc[f, "actor_type"] = forced[f]
        out.loc[f, "type_reason"] = "lookup:" + src[f]
        is_firm = forced.isin(["large_firm", "sme"])
        out.loc[f & is_firm, "size_source"] = src[f & is_firm].map(
            {"builtin": "group_list", "user": "user_table"}
        )
        out.loc[f & ~is_firm, "size_source"] = ""

    if firm_sizes is not None and applicant_id is not None:
        sizes = (
            _check_firm_sizes(firm_sizes)
            if isinstance(firm_sizes, pd.DataFrame)
            else load_firm_sizes(firm_sizes)
        )
        smap = dict(zip(sizes["applicant_id"], sizes["size"], strict=True))
        s = applicant_id.reindex(idx).map(smap)
        is_firm = out["actor_type"].isin(["large_firm", "sme"]) | s.notna() & out[
            "type_reason"
        ].eq("rule:none")
        hit = s.notna() & is_firm
        out.loc[hit, "actor_type"] = s[hit].map({"large": "large_firm", "sme": "sme"})
        out.loc[hit, "size_source"] = "user_table"
    out["actor_type"] = out["actor_type"].astype(ActorType)
    return out


__all__ = [
    "apply_source_types",
    "classify_actors",
    "fold_name",
    "given_names",
    "inventor_evidence",
    "keyword_table",
    "load_firm_sizes",
    "load_large_groups",
    "load_source_types",
    "org_words",
]
