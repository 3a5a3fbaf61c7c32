"""Actor classification by transparent name rules in many languages.

Every applicant gets one of :data:`netanalysis.schema.ACTOR_TYPES` and a ``type_reason``
naming the rule or table that decided.  Names are matched upper-case with mojibake repaired
(``ftfy``), accents and invisible characters removed (:func:`fold_name`).  The rules run in this order; the first
that fires wins:

============================  =========================================================
``lookup:user``               the user's alias/override table gave a type
``lookup:builtin``            the shipped alias table (``_data/aliases.csv``) gave a type
``rule:empty_name``           no letter or digit: ``other``
``rule:hospital``             hospital words of ``_data/actor_keywords.csv`` (병원, 암센터, HOSPITAL, CANCER CENTER,
                              OSPEDALE, IRCCS, ISTITUTO ORTOPEDICO, HÔPITAL, KLINIK …); a
                              leading acronym the name spells out is its own (CEA COSTRUZIONI
                              ELETTROMECCANICHE …): its keyword hit counts for no type
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
``rule:firm_founder``         a firm named after its founders: F.LLI, FRATELLI, & FIGLI, & SÖHNE,
                              GEBR., ET FILS, & CIE, AND SONS, BROS, HERMANOS, E C., DITTA, E.K. …
``rule:person_*``             positive evidence of a person and no organisation cue:
                              ``person_comma`` (``SURNAME, GIVEN`` / ``SURNAME; GIVEN``),
                              ``person_korean`` (2–4 syllables starting with a Korean
                              surname), ``person_given_name`` (a given name of
                              ``nomquamgender``'s multilingual lists, a patronymic, a
                              capitalised surname, initials or a title; particles DE, VAN …
                              and a trailing tax number ignored)
``rule:nonprofit_form``       Korean 재단법인, 사단법인 with no other cue: ``other``
``rule:default_firm``         nothing else: a firm whose legal form the source stripped
                              (the commonest case in patent data)
``evidence:inventor``         the applicant is an inventor of the same application (with
                              ``inventors``): a person on every row of its ``applicant_id``,
                              unless its name holds an organisation cue
============================  =========================================================

Firm size is a separate step, from evidence only, recorded in ``size_source`` (strongest
first): ``user_table`` (the user's firm-size table, :func:`load_firm_sizes`), ``source``
(the export's own field, e.g. a 대기업 / 중소기업 class or PATSTAT-style labels mapped by
:func:`load_source_types`), ``group_list`` (a large business group of
``_data/large_groups.csv`` or a firm of the shipped alias table), ``patent_count`` (more
patents in the data than an SME files, :func:`apply_patent_counts`). A name alone is no
evidence of an SME, and no legal form has been measured to carry size, so a firm with no
evidence is typed ``firm`` (size unknown, ``size_source = unknown``), never ``sme``.

Legal forms come from the table here and from ``cleanco`` (maintained lists of legal
forms by country); the keyword table and the table of organisation words and abbreviations
ship as package data (:func:`keyword_table`, :func:`org_words`); the given names come from the
``nomquamgender`` package (:func:`given_names`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ._codes import as_text, factorized, on_distinct_rows, text_codes
from ._errors import IngestError
from ._io import read_text_table
from ._paths import PACKAGE_DATA
from ._regex import arrow_text, re_contains, re_match, re_replace, words_without_digit
from .entities import clean_name, fold_accents, fold_accents_all, on_distinct, org_words, tight_key
from .schema import ACTOR_TYPES, ActorType

FIRM_LEGAL = (
    r"주식회사|\(주\)|^주\)|\(유\)|유한회사|유한책임회사|합자회사|株式会社|有限公司|\(株\)|"
    r"\bCO\.?,?\s*LTD\b|\bLTD\b|\bLIMITED\b|\bINC\b|\bINCORPORATED\b|\bCORP\b|\bCORPORATION\b|"
    r"\bCOMPANY\b|\bGMBH\b|\bAG$|\bAG\b,|\bS\.?A\.?$|\bS\.?P\.?A\.?$|\bSPA$|\bLLC\b|\bL\.L\.C\b|"
    r"\bPLC\b|\bB\.?V\.?$|\bN\.?V\.?$|\bK\.?K\.?$|\bSE$|\bSAS$|\bSRL$|\bS\.R\.L\b|\bPTY\b|\bAB$|\bOY$|"
    r"\bS\.?C\.?P\.?A\.?$|\bS\.?N\.?C\.?$|\bSARL$|\bA/S$|\bAPS$|\bKG$|\bLTDA\b|\bS\.L\.?$|\bAKTIENGESELLSCHAFT\b|"
    # Swedish and Finnish forms written before the name (AB VOLVO PENTA, OY …); the US and
    # Canadian limited company after a comma or with its dots (…, LC; L.C.; … ULC)
    r"^AB\s|^OY\s|,\s*L\.?C\.?$|\bL\.C\.?$|\bULC$|"
    # "… a r.l.": limited liability, which Italian consortia and social cooperatives take too
    # (so not a for-profit form: research and university words win over it)
    r"\bA\.? ?R\.?L\.?$|\bSOCIETA\b.*\bR\.L\.?$|"
    # Russian forms as Lens and Derwent transliterate them, first or last: OOO (limited liability),
    # ZAO / OAO / PAO / AOOT / AOZT (joint-stock), (F)GUP (state unitary enterprise); written out
    # (… S OGRANICHENNOJ OTVETSTVENNOSTJU, AKTSIONERNOE OBSHCHESTVO)
    r"^(?:OOO|ZAO|OAO|PAO|AOOT|AOZT|F?GUP)\s|\s(?:OOO|ZAO|OAO|PAO|AOOT|AOZT|F?GUP)$|\bS OGRANICHENNO|\bAK[TC]S?IONERNO|"
    # forms written with spaces for dots (TELE PIZZA S A, SASIB HOLLAND N V), after two or more words
    # not led by a surname particle: one surname with two initials (SMITH S A, DE VRIES N V) is a
    # person's shape
    r"^(?!(?:DE|DA|DI|DO|DOS|DAS|DEL|DELLA|DU|VAN|VON|DER|DEN|TER|TEN|LE|LA|MC|MAC|AL|EL|BEN|ST|SAN|SANTA)\s)"
    r"\S+ \S+.* (?:S A|S L|N V|B V|S P A|S R L)$"
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
    r"\bLABORATORI\b|\bLABORATORIES\b|\bENERG(?:Y|IES|IE|IA)\b|\bFARMACEUTIC|\bMECCANICA\b|\bTESSIL[EI]\b|FABRIK\b|\bVERLAG\b|"
    # German compounds end in their trade or form (ZAHNRADFABRIK, MESSTECHNIK, PATENTGESELLSCHAFT)
    r"\wTECHNIK\b|\wGESELLSCHAFT\b|\wWERK\b|"
    # trade nouns no person's name holds (DELTA DRONE, NISSAN MOTOR, LAWRENCE EQUIPMENT …)
    r"\bDRONES?\b|\bMOTOR\b|\bSTORES\b|\bEQUIPMENT\b|\bASSOCIATES\b|\bAERONAUTIC|\bAEROSPACE\b|\bOPTICS\b|"
    r"\bLICENSING\b|\bSISTEMI\b"
)
#: Firms named after their founders: the family words and abbreviations that say so (F.LLI,
#: FRATELLI, & FIGLI, & SÖHNE, GEBR., ET FILS, FRÈRES, & CIE, ETS, AND SONS, BROS, HERMANOS,
#: HIJOS, FILHOS, EN ZONEN, E C., DITTA, VEUVE, WWE.) and the German sole trader's form (E.K.,
#: INH.). They mark a firm however person-like the rest of the name is (ROSSI MARIO E C.,
#: HANS MULLER SOHNE): an organisation cue always wins over a person's name shape. A family
#: word that is also a surname (SOHN, FILS) counts only after & / UND / ET.
FOUNDER_FIRM = (
    r"\bF\.? ?LLI\b|\bFRATELLI\b|\bFIGLI\b|(?:&|\bUND|\+) SOHNE?\b|\bSOE?HNE\b|\bGEBR\b|\bGEBRUE?DER\b|"
    r"(?:\bET|&) FILS\b|\bFRERES\b|\bCIE\b|\bETABLISSEMENTS?\b|^ETS\b|\bSONS\b|\bBROS\b|\bBROTHERS\b|"
    r"\bHERMANOS\b|\bHNOS\b|\bHIJOS\b|\bFILHOS\b|\bIRMAOS\b|\bZONEN\b|\bE C\.(?=\s|$)|\bDITTA\b|\bIMPRESA\b|"
    r"\bVEUVE\b|\bWWE\b|\bE\.\s?K(?:FM)?\.?$|\bINH\.\s"
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
    r"INTERNATIONAL|INTERNAZIONALE|GLOBAL|WORLDWIDE|HOLDING)\b|"
    # a trade glued to a country name (FARMITALIA, TRENITALIA, DAINIPPON): Italian and Japanese
    # firms coin such names, no surname ends in one (FRANCE left out: LAFRANCE, DEFRANCE are surnames)
    r"\w(?:ITALIA|ITALY|EUROPA|EUROPE|AMERICA|NIPPON)\b|"
    # plural abstract nouns (APPLICATIONS, INNOVAZIONI, COMUNICACIONES) and technical roots inside
    # a word (ELETTROMECCANICA, TERMOELETTRICA, BIOTECHNOLOGY, CHIMICA): words no person's name holds
    r"\w{3}(?:TIONS|ZIONI|CIONES|COES)\b|ELECTRI|ELECTRO|ELETTRI|ELETTRO|ELEKTRO|ELEKTRI|TECHN|TECNO|TEKNO|"
    r"MECCANIC|MECHANI[CK]|CHIMIC|CHEMIC|FARMAC|PHARMAC"
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
#: A leading acronym of two to six letters, dotted or not (CEA, C.E.A., I.C.G.E.B.), before the words of a name.
LEAD_ACRONYM = r"^(?:[A-Z]\.){2,6}(?=[\s\-]|$)|^[A-Z]{2,6}(?=[\s\-]+[A-Z])"
#: Connectives an acronym may skip (ISTITUTO DI …, INSTITUTE OF …, … AND …).
_ACRONYM_SKIP = frozenset("DI DE DEL DELLA DELLE DEI DEGLI DELLO PER E ED IL LA LE LO GLI L D AND OF FOR THE ET DES DU "
                          "UND FUR FUER DER DIE DAS Y".split())


def _own_acronym(folded: pd.Series) -> pd.Series:
    """The rest of each name whose leading acronym is spelled out by the words that follow it
    (CEA COSTRUZIONI ELETTROMECCANICHE ANNETTONI → COSTRUZIONI ELETTROMECCANICHE ANNETTONI), an
    empty string elsewhere. Such an acronym is the name's own, not the body a keyword of the same
    letters names (CEA: Commissariat à l'énergie atomique); the initials are read with and
    without the connectives (DI, OF, AND …)."""
    found: dict[int, str] = {}
    lead = re_contains(folded, LEAD_ACRONYM).to_numpy(dtype=bool, copy=True)
    if lead.any():  # the acronym is the first word: fewer words after it than its letters spell out none
        names = folded[lead]
        first = re_replace(names, r"[\s\-][\s\S]*", "")

        def count(values: pd.Series, pattern: str) -> np.ndarray:
            return np.asarray(values.str.count(pattern).to_numpy(dtype=np.int64))

        after = count(names, r"[A-Z]+") - count(first, r"[A-Z]+")
        lead[np.flatnonzero(lead)[after < count(first, r"[A-Z]")]] = False
    for i, name in zip(np.flatnonzero(lead), folded[lead], strict=True):
        m = re.match(LEAD_ACRONYM, name)
        if m is None:
            continue
        letters = m.group(0).replace(".", "")
        rest = name[m.end():].strip(" -")
        words = re.findall(r"[A-Z]+", rest)
        for ws in (words, [w for w in words if w not in _ACRONYM_SKIP]):
            if len(ws) >= len(letters) and "".join(w[0] for w in ws[:len(letters)]) == letters:
                found[int(i)] = rest
                break
    out = np.full(len(folded), "", dtype=object)
    out[list(found)] = list(found.values())
    return pd.Series(out, index=folded.index, dtype=object)


#: Evaluation order of the keyword types; the first that fires wins (after the legal form).
KEYWORD_ORDER = ("university", "research_institute", "government")
#: The firm types: large (not an SME, with evidence), SME (with evidence), firm (size unknown).
FIRM_TYPES = ("large_firm", "sme", "firm")


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


#: Bump when the derivation of :func:`given_names` from nomquamgender's table changes, so that
#: cached lists made by an older rule are not read.
_NAMES_RULE = 1


def _names_cache_file() -> Path | None:
    """Where the derived given-name list is cached: ``names`` in the user's cache folder
    (``~/.cache/netanalysis`` on Linux, ``platformdirs``), keyed on nomquamgender's version, the
    source threshold and the rule; None when the folder cannot be written."""
    from importlib.metadata import PackageNotFoundError, version

    from platformdirs import user_cache_dir

    try:
        nqg = version("nomquamgender")
    except PackageNotFoundError:
        return None
    folder = Path(user_cache_dir("netanalysis", appauthor=False)) / "names"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    return folder / f"given_names-nomquamgender{nqg}-min{MIN_NAME_SOURCES}-rule{_NAMES_RULE}.txt"


def _given_names_from_table() -> frozenset[str]:
    import importlib.util
    import json

    spec = importlib.util.find_spec("nomquamgender")  # read its data without importing it (it loads numpy)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("netanalysis needs the nomquamgender package (pip install nomquamgender)")
    data = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    table = json.loads(data.read_text(encoding="utf-8"))
    return frozenset(fold_accents(w.upper()) for w, v in table.items() if v[0] >= MIN_NAME_SOURCES and w.isalpha())


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names of many languages, evidence for persons (upper case, accents folded).

    The words listed as a given name by at least :data:`MIN_NAME_SOURCES` of the sources
    of the ``nomquamgender`` package (Van Buskirk et al., 2023: a consensus of 36 name
    registers, censuses and bibliographic data sets of many countries; MIT licence), about
    22,000 names. Deriving them reads the package's 22 MB table (seconds), so the list is
    cached in the user's cache folder (:func:`_names_cache_file`, keyed on the package's
    version) and read from there by later processes (milliseconds); where that folder cannot
    be written or read, the table is read every time. Loaded once per process.

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
    cache = _names_cache_file()
    if cache is not None:
        try:
            words = cache.read_text(encoding="utf-8").split("\n")
            if words and words[-1] == "#end":  # a whole file, not one cut short
                return frozenset(words[:-1])
        except (OSError, UnicodeDecodeError):
            pass
    names = _given_names_from_table()
    if cache is not None:
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text("\n".join([*sorted(names), "#end"]), encoding="utf-8")
            os.replace(tmp, cache)  # atomic: a reader sees the old file or the whole new one
        except OSError:
            tmp.unlink(missing_ok=True)
    return names


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
    return fold_accents_all(clean_name(names))  # clean_name drops invisible characters


def _legal_form(folded: pd.Series) -> pd.Series:
    """A legal form in the name: the table above, or one of cleanco's (any country's) at the end."""
    from cleanco import basename

    hit = re_contains(folded, FIRM_LEGAL)
    latin = ~hit & re_contains(folded, r"[A-Z]") & ~re_contains(folded, r"[가-힣]")
    names = folded[latin]
    # cleanco (~190 µs a name) only where a form can end the name (see _suffix_free); elsewhere
    # what _suffix_free returns then, whole-column: strip_tail(" ".join(strip_tail(name).split()))
    tail = re_replace(names, _TAIL, "")
    last = re_replace(tail, r"^[\s\S]*\s", "").str.lower()  # the last word (ASCII rows: str.lower)
    can_end = ~names.str.isascii() | re_replace(last, r"[.,\-]", "").isin(_cleanco_last_words())
    stripped = re_replace(re_replace(tail, r"\s+", " ").str.strip(" "), _TAIL, "")
    if can_end.any():
        slow = names[can_end].map(lambda s: _suffix_free(s, basename).upper().strip())
        stripped = stripped.astype(object).mask(can_end, slow).astype(names.dtype)
    plain = re_replace(re_replace(names, r"[^\w ]", " "), r"\s+", " ").str.strip()
    trimmed = re_replace(re_replace(stripped, r"[^\w ]", " "), r"\s+", " ").str.strip()
    return hit | (trimmed.ne(plain) & trimmed.ne("")).reindex(folded.index, fill_value=False)


#: cleanco's ``strip_tail``: the trailing run of characters other than letters, digits, ``_`` and ``.``.
_TAIL = r"[^\.\w]+$"


@lru_cache(maxsize=1)
def _cleanco_last_words() -> frozenset[str]:
    """The last word of every legal form cleanco strips (normalised as cleanco compares them)."""
    from cleanco.clean import prepare_default_terms

    return frozenset(parts[-1] for _, parts in prepare_default_terms() if parts)


def _suffix_free(name: str, basename: Callable[..., str]) -> str:
    """``cleanco.basename(name, suffix=True, prefix=False, middle=False)``, without its scan of
    every legal form when none can match: cleanco strips a form only when the name's last word
    (after its own trimming, case folding and punctuation removal) ends one, so an ASCII name
    whose last word ends none comes back trimmed only (checked against cleanco on the real
    exports' names in ``tests/test_ingest_fast_same.py``)."""
    from cleanco.clean import strip_tail

    if not name.isascii():
        return basename(name, suffix=True, prefix=False, middle=False)
    parts = strip_tail(name).split()
    if parts and parts[-1].lower().replace(".", "").replace(",", "").replace("-", "") in _cleanco_last_words():
        return basename(name, suffix=True, prefix=False, middle=False)
    return strip_tail(" ".join(parts))


def _person(folded: pd.Series, nospace: pd.Series, cue: pd.Series, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Positive evidence that a name is a person's; never where an organisation cue is present.

    The evidence, in the order a reason is reported: a Korean name (2–4 syllables starting
    with a Korean surname); ``SURNAME, GIVEN`` / ``SURNAME; GIVEN``; two to four words (family-
    name particles DE, DA, VAN, VON … not counted) holding a known given name (:func:`given_names`:
    or a Slavic patronymic …OVICH, …OVNA), ``SURNAME G P`` initials,
    ``SURNAME Given`` case, a title-case name or a title (PROF, DR …).  A trailing tax number is
    ignored.  The organisation cue (legal form, keyword, firm word, :func:`org_words` …) always wins.
    """
    folded = re_replace(folded, TRAILING_ID, "").str.strip()
    raw = re_replace(raw, TRAILING_ID, "").str.strip()
    cue = cue | re_contains(folded, _org_word_pattern())
    ko = re_match(nospace, PERSON_KO) & (nospace.str[:1].isin(KO_SURNAMES) | nospace.str[:2].isin(KO_SURNAMES))
    comma = re_match(folded, PERSON_COMMA)
    shaped = re_match(folded, PERSON_WORDS).to_numpy(dtype=bool)
    words = pd.Series(shaped, index=folded.index)
    words[shaped] = _given_evidence(folded[shaped])
    # USPTO / Thomson style: SURNAME in capitals, then Given name(s) in title case; or initials
    cased = re_match(raw, r"^[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)? [A-Z][a-z]+(?:-[a-z]+)?(?:[ \-][A-Z][a-z]*\.?){0,2}$")
    initial = re_match(folded, r"^[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)? [A-Z]\.?(?: ?[A-Z]\.?)?$|"
                               r"^[A-Z][A-Z'\-]+ [A-Z][A-Z'\-]+ [A-Z]\.$")
    # a title-case name of two or three plain words (Hampikian Greg, Xu Hanpeng), or a title
    titled = re_match(raw, r"^[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,2}$") | re_contains(folded, PERSON_TITLE)
    words = words | cased | initial | titled
    why = pd.Series("", index=folded.index, dtype=object)
    why[words] = "rule:person_given_name"
    why[comma] = "rule:person_comma"
    why[ko] = "rule:person_korean"
    return (ko | comma | words) & ~cue, why


def _given_evidence(names: pd.Series) -> np.ndarray:
    """Two to four words (split at spaces, commas, semicolons; dots around a word dropped; particles
    not counted), one a given name (:func:`given_names`, or each part of a hyphenated word) or a
    Slavic patronymic. Whole-column: the words of every name in one Arrow array, each distinct word
    judged once, counted per name with ``bincount``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if names.empty:
        return np.zeros(0, dtype=bool)
    known_names = given_names()
    lists = pc.split_pattern_regex(pa.array(names.to_numpy(dtype=object), type=pa.large_string()), "[ ,;]+")
    row = np.asarray(pc.list_parent_indices(lists).to_numpy(zero_copy_only=False), dtype=np.int64)
    encoded = pc.dictionary_encode(pc.list_flatten(lists))
    code = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    bare = [w.strip(".") for w in encoded.dictionary.to_pylist()]
    counted = np.array([bool(w) and w not in PARTICLES for w in bare], dtype=bool)
    known = np.array([w in known_names or all(p in known_names for p in w.split("-")) or bool(PATRONYMIC.search(w))
                      for w in bare], dtype=bool) & counted
    n_words = np.bincount(row, weights=counted[code], minlength=len(names))
    n_known = np.bincount(row, weights=known[code], minlength=len(names))
    return (n_words >= 2) & (n_words <= 4) & (n_known >= 1)


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


#: Words a firm-size table may use for a size (case, spaces, ``_`` and ``-`` ignored), and what
#: they mean: ``large`` (not an SME: a large or a mid-sized firm, e.g. Korea's 중견기업, which
#: the Framework Act on SMEs excludes) or ``sme``.
SIZE_WORDS: dict[str, str] = {
    "large": "large", "large firm": "large", "large enterprise": "large", "non sme": "large",
    "mid sized": "large", "대기업": "large", "중견기업": "large",
    "sme": "sme", "small": "sme", "medium": "sme", "micro": "sme", "small firm": "sme",
    "small and medium": "sme", "small and medium sized enterprise": "sme", "small and medium enterprise": "sme",
    "중소기업": "sme", "중기업": "sme", "소기업": "sme", "소상공인": "sme",
}
#: Above this many patents a year (over its first to last filing year in the data) a firm is not an SME
#: (:func:`apply_patent_counts`): the EU headcount ceiling of an SME (fewer than 250 persons,
#: Commission Recommendation 2003/361/EC) times one patent per person and year, a rate no whole
#: firm sustains (see the README's actor-type section for the measurements behind it).
SME_MAX_PATENTS_PER_YEAR = 250


def load_firm_sizes(path: str | os.PathLike) -> pd.DataFrame:
    """Read a user firm-size table (an Orbis extract, a national business register …).

    Columns: ``size`` and either ``applicant_id`` (the package's id) or ``name`` (a name as
    the register spells it, matched after the package's name harmonisation). Sizes are
    words of :data:`SIZE_WORDS` (``large``, ``sme``, ``중소기업`` …).

    Parameters
    ----------
    path : path
        The CSV (UTF-8).

    Returns
    -------
    pandas.DataFrame
        ``applicant_id`` (as given), ``key`` (its harmonised form), ``size`` (``large`` or
        ``sme``) and ``row`` (the file's row number, for messages).

    Raises
    ------
    IngestError
        Naming the row: a missing column, an empty name, a size word not in
        :data:`SIZE_WORDS`, or one firm listed twice with different sizes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "sizes.csv"
    >>> _ = f.write_text("name,size\\nACME Inc.,Large\\nBeta GmbH,중소기업\\n")
    >>> load_firm_sizes(f)[["key", "size"]].values.tolist()
    [['ACME', 'large'], ['BETA', 'sme']]
    """
    return _check_firm_sizes(read_text_table(path, "firm-size table"), str(path))


def _check_firm_sizes(t: pd.DataFrame, where: str = "firm_sizes") -> pd.DataFrame:
    from .entities import harmonise

    if "size" not in t.columns or not {"applicant_id", "name"} & set(t.columns):
        raise IngestError("firm-size table needs columns size and applicant_id (or name)", path=where)
    if "row" in t.columns and {"key", "applicant_id"} <= set(t.columns):  # already checked
        return t
    col = "applicant_id" if "applicant_id" in t.columns else "name"
    given = t[col].astype("string").fillna("").str.strip().reset_index(drop=True)
    words = t["size"].astype("string").fillna("").reset_index(drop=True)
    row = pd.Series(range(2, len(t) + 2))  # the header is row 1
    size = _fold_label(words).map(SIZE_WORDS)
    bad = size.isna()
    if bad.any():
        i = int(bad.to_numpy().argmax())
        raise IngestError(
            f"size {words.iloc[i]!r} is not a size word; expected large or sme (or one of "
            f"{', '.join(sorted(SIZE_WORDS))})", path=where, row=int(row.iloc[i]), column="size",
        )
    empty = given == ""
    if empty.any():
        raise IngestError(f"empty {col}: every row must name a firm", path=where,
                          row=int(row[empty].iloc[0]), column=col)
    key = harmonise(given)["applicant_id"].astype(str)  # as the data's ids are made (alias table included)
    out = pd.DataFrame({"applicant_id": given.astype(str), "key": key, "size": size.astype(str), "row": row})
    sizes_per_key = out.groupby("key")["size"].transform("nunique")
    clash = sizes_per_key > 1
    if clash.any():
        k = out.loc[clash, "key"].iloc[0]
        rows = out.loc[out["key"] == k, "row"].tolist()
        raise IngestError(
            f"{col} {out.loc[out['key'] == k, 'applicant_id'].iloc[0]!r} is listed with different sizes "
            f"(rows {', '.join(map(str, rows))}); give each firm one size", path=where, row=rows[1], column=col,
        )
    dup = out["key"].duplicated()
    out.attrs["notes"] = [
        f"firm-size table {where}: rows {', '.join(map(str, out.loc[dup, 'row'].head(5)))} repeat a firm "
        "listed above with the same size (kept once)"
    ] if dup.any() else []
    out.attrs["where"] = where
    return out


def _strip_family(ids: pd.Series) -> pd.Series:
    """An applicant id without the legal-family tag harmonisation adds (``DAEWOO (INC)`` -> ``DAEWOO``)."""
    return ids.str.replace(r" \([A-Z]+\)$", "", regex=True)


def match_firm_sizes(sizes: pd.DataFrame, applicant_ids: pd.Series) -> tuple[pd.Series, list[str]]:
    """Which actor each row of a firm-size table names, and its size.

    A row names the actor whose ``applicant_id`` it gives exactly; else the actor whose id is
    the row's harmonised name; else the one actor whose id differs from it only by a legal-form
    tag (``DAEWOO ELECTRONICS (INC)``) or by connectives (``UNIVERSITY CHICAGO``: which spelling
    a key takes depends on the names read together).

    Parameters
    ----------
    sizes : pandas.DataFrame
        :func:`load_firm_sizes` output.
    applicant_ids : pandas.Series of str
        The data's applicant ids.

    Returns
    -------
    (pandas.Series, list of str)
        ``size`` indexed by applicant id, and notes (rows naming no actor).

    Raises
    ------
    IngestError
        Naming the row: a name that matches several actors, or two rows naming one actor
        with different sizes.

    Examples
    --------
    >>> t = _check_firm_sizes(pd.DataFrame({"name": ["Boeing Co", "Acme"], "size": ["large", "sme"]}))
    >>> s, notes = match_firm_sizes(t, pd.Series(["BOEING", "ZETA"]))
    >>> s.to_dict(), notes[0].split(":")[1].strip()[:30]
    ({'BOEING': 'large'}, '1 of its 2 rows name no applic')
    """
    where = str(sizes.attrs.get("where", "firm_sizes"))
    ids = pd.Series(pd.unique(applicant_ids.astype("string").dropna().astype(str)))
    known = set(ids)
    by_key = sizes["key"].where(sizes["key"].isin(known))
    target = sizes["applicant_id"].where(sizes["applicant_id"].isin(known), by_key)
    base = tight_key(_strip_family(ids))  # connectives too: UNIVERSITY CHICAGO = UNIVERSITY OF CHICAGO
    by_base = ids.groupby(base.to_numpy()).agg(list)
    rest = target.isna()
    cands = tight_key(sizes.loc[rest, "key"]).map(by_base)
    several = cands.map(lambda c: isinstance(c, list) and len(c) > 1)
    if several.any():
        first = sizes.loc[several[several].index[0]]
        raise IngestError(
            f"{first['applicant_id']!r} matches several actors ({', '.join(cands[first.name][:5])}); give their "
            "applicant_id values one per row", path=where, row=int(first["row"]),
        )
    one = cands.map(lambda c: c[0] if isinstance(c, list) else None).dropna()
    target = target.astype(object)
    target[one.index] = one
    hit = sizes.assign(target=target).dropna(subset=["target"])
    clash = hit.groupby("target")["size"].transform("nunique") > 1
    if clash.any():
        t = hit.loc[clash, "target"].iloc[0]
        rows = hit.loc[hit["target"] == t, "row"].tolist()
        raise IngestError(f"rows {', '.join(map(str, rows))} name the same actor {t!r} with different sizes",
                          path=where, row=rows[1])
    notes = list(sizes.attrs.get("notes", []))
    missing = int(target.isna().sum())
    if missing:
        examples = ", ".join(repr(x) for x in sizes.loc[target.isna(), "applicant_id"].head(3))
        notes.append(f"firm-size table {where}: {missing} of its {len(sizes)} rows name no applicant "
                     f"in the data (e.g. {examples})")
    return hit.drop_duplicates("target").set_index("target")["size"].rename_axis("applicant_id"), notes


#: What a source's own type label may map to, besides the actor types themselves.
SOURCE_TARGETS = ("firm", "public", "organisation", "rules")


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
        actor type (``sme`` and ``large_firm`` are evidence of size), ``firm`` (a firm whose
        size other evidence decides, else unknown), ``public``
        (government unless the name says research institute, university or hospital),
        ``organisation`` (not a person: the name rules tell which body, and a name they took
        for a person's is a firm of unknown size) or ``rules`` (the name rules decide).

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
    targets = list(dict.fromkeys([*ACTOR_TYPES, *SOURCE_TARGETS]))
    bad = ~table["maps_to"].isin(targets)
    if bad.any():
        raise IngestError(
            f"source-type table maps {table['value'][bad].iloc[0]!r} to {table['maps_to'][bad].iloc[0]!r}; "
            f"expected one of {', '.join(targets)}",
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
    ['research_institute', 'firm', 'individual', 'other']
    >>> out["type_reason"].tolist()[-1]
    'source:ALIEN'
    """
    table = load_source_types(source_types).set_index("value")["maps_to"]
    if not labels.notna().any():
        return _source_types_applied(classes, labels, table)
    # a row's outcome depends on its own label and verdict alone: worked out once per distinct
    # (label, type, reason, size source) (a national table: a few hundred on millions of rows)
    key = classes.assign(_label=labels.array)
    out = on_distinct_rows(key, lambda d: _source_types_applied(d.drop(columns="_label"), d["_label"], table))
    out.attrs["notes"] = list(classes.attrs.get("notes", []))
    return out


def _source_types_applied(classes: pd.DataFrame, labels: pd.Series, table: pd.Series) -> pd.DataFrame:
    """:func:`apply_source_types` with the source-type ``table`` loaded (label → type), row by row."""
    out = classes.copy()
    given = pd.Series(False, index=labels.index)
    if labels.notna().any():
        raw = on_distinct(labels.astype("string").fillna(""), lambda u: u.str.strip())  # (labels repeat)
        folded = on_distinct(raw, _fold_label)
        given = (folded != "") & ~classes["type_reason"].astype(str).str.startswith("lookup:user")
    if not given.any():  # no label to apply (most rows of most sources): the rules' verdict stands
        out["actor_type"] = out["actor_type"].astype(ActorType)
        out.attrs["notes"] = list(classes.attrs.get("notes", []))
        return out
    target = on_distinct(folded, lambda u: u.map(table))
    out["actor_type"] = out["actor_type"].astype(str)
    rule_type = out["actor_type"].copy()
    user_size = out["size_source"].astype(str).eq("user_table") & rule_type.isin(FIRM_TYPES)
    reason = "source:" + raw
    known_type = given & target.isin(ACTOR_TYPES) & target.ne("firm")
    sized = known_type & target.isin(["sme", "large_firm"])
    firm = given & (target == "firm")
    public = given & (target == "public")
    organisation = given & (target == "organisation")
    unknown = given & target.isna()
    # an actor type: taken as given (a size the user's size table gave still wins)
    out.loc[known_type & ~(sized & user_size), "actor_type"] = target[known_type & ~(sized & user_size)]
    out.loc[known_type & ~sized, "size_source"] = ""
    out.loc[sized & ~user_size, "size_source"] = "source"
    # a firm of no stated size: the size evidence the name rules found (size table, large-group
    # list) stands; without any the size is unknown
    evidence = rule_type.isin(["large_firm", "sme"])
    out.loc[firm & ~evidence, "actor_type"] = "firm"
    out.loc[firm & ~evidence, "size_source"] = "unknown"
    # public: the name tells research institute, university or hospital from government
    named_public = public & rule_type.isin(["research_institute", "university", "hospital", "government"])
    out.loc[public & ~named_public, "actor_type"] = "government"
    out.loc[public, "size_source"] = ""
    # an organisation: the name's body type stands, but never a person (PatentsView's companies)
    org_person = organisation & rule_type.eq("individual")
    out.loc[org_person, "actor_type"] = "firm"
    out.loc[org_person, "size_source"] = "unknown"
    out.loc[unknown, "actor_type"] = "other"
    out.loc[unknown, "size_source"] = ""
    decided = known_type | firm | unknown | (public & ~named_public) | org_person
    refined = named_public | (organisation & ~org_person)
    out.loc[decided, "type_reason"] = reason[decided]
    out.loc[refined, "type_reason"] = reason[refined] + "+" + out.loc[refined, "type_reason"].astype(str)
    out["actor_type"] = out["actor_type"].astype(ActorType)
    out.attrs["notes"] = list(classes.attrs.get("notes", []))
    return out


def _name_tokens(names: pd.Series) -> pd.Series:
    """A name's words, sorted: ``ROSSI, MARIO`` and ``Mario Rossi`` give one key; parenthesised parts
    and words with digits (a country code, a person number, a postcode) are left out. Each distinct
    name is tokenised once."""
    return on_distinct(names, _name_tokens_distinct)


def _name_tokens_distinct(names: pd.Series) -> pd.Series:
    """Whole-column ``" ".join(sorted(words without a digit))`` of each name: the words of every
    name in one flat Arrow array, each distinct word tested for a digit and ranked in Python's
    sort order once, the words sorted within their name by rank and joined back by a string
    reduce over each name's run."""
    import pyarrow as pa
    import pyarrow.compute as pc

    folded = re_replace(fold_name(names), r"\([^)]*\)", " ")
    spaced = re_replace(folded, r"[^\w]+", " ")  # only spaces are left between words
    lists = pc.split_pattern(pa.array(spaced.to_numpy(dtype=object), type=pa.large_string()), " ")
    row = np.asarray(pc.list_parent_indices(lists).to_numpy(zero_copy_only=False), dtype=np.int64)
    encoded = pc.dictionary_encode(pc.list_flatten(lists))
    code = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    distinct = encoded.dictionary.to_pylist()
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[sorted(range(len(distinct)), key=distinct.__getitem__)] = np.arange(len(distinct))
    keep = words_without_digit(encoded.dictionary)
    words = np.array([w + " " for w in distinct], dtype=object)
    ok = keep[code] if len(code) else np.zeros(0, dtype=bool)
    row, code = row[ok], code[ok]
    order = np.lexsort((rank[code], row))
    row, parts = row[order], words[code[order]]
    out = np.full(len(names), "", dtype=object)
    if len(row):
        starts = np.flatnonzero(np.r_[True, row[1:] != row[:-1]])
        out[row[starts]] = [s[:-1] for s in np.add.reduceat(parts, starts)]
    return pd.Series(out, index=names.index, dtype=object)


def inventor_evidence(names: pd.Series, inventors: pd.Series) -> pd.Series:
    """Whether each applicant is also an inventor of the same application (the same words,
    in any order, after mojibake repair, upper-casing and accent folding).

    Whole-column, per distinct value: each distinct inventors cell is split once, each distinct
    applicant and inventor name tokenised once, and each row's (cell, name key) pair looked up
    among its cell's as one integer (:func:`_inventor_seen`); no string is made per row.

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
    codes, distinct = pd.factorize(names.astype("string").fillna(""))  # each distinct name folded once
    seen = _inventor_seen(codes, fold_name(pd.Series(distinct, dtype="string")), inventors.reindex(names.index))
    return pd.Series(seen, index=names.index) & names.notna()


def _word_keys(folded: pd.Series) -> np.ndarray:
    """An integer per name standing for its key of :func:`_name_tokens_distinct` (its words
    without a digit, parenthesised parts left out, in any order): equal integers for equal keys,
    -1 for the empty key. Two keys are equal when their sorted words are, so each name's words
    are numbered (one Arrow dictionary), their numbers sorted within the name and the runs of
    numbers, read as bytes, numbered again (a second dictionary): no Python string per name.

    Parameters
    ----------
    folded : pandas.Series of str
        :func:`fold_name` of the names.

    Returns
    -------
    numpy.ndarray of int64
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(folded)
    spaced = re_replace(re_replace(folded, r"\([^)]*\)", " "), r"[^\w]+", " ")  # only spaces between words
    lists = pc.split_pattern(_arrow_text(spaced), " ")
    del spaced
    row = np.asarray(pc.list_parent_indices(lists).to_numpy(zero_copy_only=False), dtype=np.int64)
    encoded = pc.dictionary_encode(pc.list_flatten(lists))
    del lists
    code = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    keep = words_without_digit(encoded.dictionary)
    del encoded
    ok = keep[code] if len(code) else np.zeros(0, dtype=bool)
    width = max(len(keep), 1)
    pair = np.sort(row[ok] * width + code[ok])  # by name, then by word number
    del row, code, ok
    count = np.bincount(pair // width, minlength=n)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(count * 4, out=offsets[1:])
    numbers = (pair % width).astype(np.int32)
    runs = pa.Array.from_buffers(pa.large_binary(), n, [None, pa.py_buffer(offsets), pa.py_buffer(numbers)])
    key = np.asarray(pc.dictionary_encode(runs).indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    key[count == 0] = -1
    return key


#: Rows whose inventor cells :func:`_inventor_seen` splits and numbers at a time (a national table's
#: 10 M rows in five blocks).
INVENTOR_BLOCK = 2_000_000


class _InventorNames(NamedTuple):
    """The inventor side of :func:`_inventor_seen`, worked out without the applicants' names."""

    cell: np.ndarray  #: per row, its inventors cell's number (-1: none)
    owner: np.ndarray  #: per inventor mention (int32), its cell's number
    code: np.ndarray  #: per inventor mention (int32), its distinct name's number
    folded: pd.Series  #: the distinct inventor names, folded (:func:`fold_name`)


def _inventor_names(inventors: pd.Series) -> _InventorNames:
    """Each distinct inventors cell split once and each distinct inventor name folded once (the
    inventor side of :func:`_inventor_seen`: it reads no applicant name, so the ingest works it out
    beside the name rules).

    Parameters
    ----------
    inventors : pandas.Series of str
        Per row, its inventors, ``"; "``-joined (missing: none known).

    Returns
    -------
    _InventorNames
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    cell, start, arr = _runs(inventors)  # an application's cell repeats on its rows
    if not start.any():
        return _InventorNames(cell, np.zeros(0, np.int32), np.zeros(0, np.int32), pd.Series([], dtype="string"))
    # split at each ";" as it is: the blanks around a name are no part of its folded form or its
    # words (fold_name strips them), so they need no regular expression here
    # (a national table's 20 M inventor mentions: their codes held as int32, each freed once read, the
    # pairs built in place; this runs beside the pipeline's own peak.) The rows a block at a time: the
    # block's cells (each run's first) taken, split and numbered, then let go, so that neither the cells
    # nor the 20 M names' text are ever held whole (2 GB of a national table's peak); the blocks'
    # distinct names numbered together after
    owners, codes, distinct, n_distinct, n_cells = [], [], [], 0, 0
    for at in range(0, len(cell), INVENTOR_BLOCK):
        heads = start[at: at + INVENTOR_BLOCK]
        block = arr.slice(at, INVENTOR_BLOCK).filter(pa.array(heads))
        lists = pc.split_pattern(block.combine_chunks() if isinstance(block, pa.ChunkedArray) else block, ";")
        del block
        owners.append(_int32(pc.list_parent_indices(lists)) + np.int32(n_cells))
        n_cells += int(heads.sum())
        # " B" (after "A; ") and "B" are one name: trimmed before they are numbered, so that each is
        # numbered and folded once (half as many distinct names in a "; "-joined column)
        names = pc.utf8_trim_whitespace(pc.list_flatten(lists))
        del lists
        encoded = pc.dictionary_encode(names)  # each distinct inventor name of the block once
        del names
        codes.append(_int32(encoded.indices) + np.int32(n_distinct))
        distinct.append(encoded.dictionary)
        n_distinct += len(encoded.dictionary)
        del encoded
    del arr
    owner = np.concatenate(owners)
    del owners
    # the blocks' distinct names numbered together
    trimmed = pc.dictionary_encode(pa.concat_arrays(distinct))
    del distinct
    inv_code = _int32(trimmed.indices)[np.concatenate(codes)]
    del codes
    inv_folded = fold_name(pd.Series(pd.array(trimmed.dictionary, dtype="string")))
    del trimmed
    return _InventorNames(cell, owner, inv_code, inv_folded)


class InventorLists(NamedTuple):
    """Each row's inventors as codes, for a reader that holds them (PATSTAT's and REGPAT's own tables:
    the inventor links are rows there), so that :func:`name_evidence` need not split the ``"; "``-joined
    cells the reader wrote from them.

    ``cell`` numbers each row's application (-1: no inventors), ``owner`` gives each inventor link's
    application in the same numbering, ``code`` the link's position in ``names`` (-1: unknown), and
    ``names`` the inventor names (text; repeats, blanks and missing values allowed: a blank or missing
    name is no one's).
    """

    cell: np.ndarray  #: per row, its application's number (-1: no inventors)
    owner: np.ndarray  #: per inventor link, its application's number
    code: np.ndarray  #: per inventor link, its name's position in ``names`` (-1: unknown)
    names: pd.Series  #: the inventor names


def _inventor_names_of_lists(lists: InventorLists) -> _InventorNames:
    """:func:`_inventor_names` of inventors given as codes: the names stripped and folded once each
    (as the split cells' names are), the links of blank or missing names left out."""
    names = lists.names.astype("string").str.strip().reset_index(drop=True)
    code = np.asarray(lists.code, dtype=np.int64)
    blank = np.r_[(names.isna() | names.eq("")).to_numpy(dtype=bool, na_value=True), True]  # (-1: the last)
    keep = ~blank[code]
    return _InventorNames(np.asarray(lists.cell, dtype=np.int64), np.asarray(lists.owner, dtype=np.int32)[keep],
                          code[keep].astype(np.int32), fold_name(names.fillna("")))


def _inventor_seen(name_code: np.ndarray, folded: pd.Series, inventors: pd.Series | _InventorNames) -> np.ndarray:
    """Per row, whether its applicant is one of the row's inventors, in integer codes only.

    ``name_code`` gives each row's distinct applicant name, ``folded`` the :func:`fold_name`
    of each distinct name. Each distinct inventors cell is split once and each distinct
    inventor name folded once; the words of both sides are keyed together (:func:`_word_keys`)
    and a row's (cell, key) pair is looked up among its cell's (cell, key) pairs as one int64
    each. A name with no word left (digits only) is no one's inventor.

    Parameters
    ----------
    name_code : numpy.ndarray of int
        Per row, the position of its name in ``folded``.
    folded : pandas.Series of str
        The distinct applicant names, folded.
    inventors : pandas.Series of str or _InventorNames
        Per row, its inventors, ``"; "``-joined (missing: none known), or their
        :func:`_inventor_names` worked out already.

    Returns
    -------
    numpy.ndarray of bool
    """
    side = inventors if isinstance(inventors, _InventorNames) else _inventor_names(inventors)
    cell, owner, inv_code, inv_folded = side
    del side
    found = np.zeros(len(cell), dtype=bool)
    if not len(owner) or not len(folded):
        return found
    key = _word_keys(pd.concat([folded.astype(str), inv_folded], ignore_index=True))
    width = int(key.max()) + 1
    key = key.astype(np.int32) if width < 2**31 else key
    name_key, inv_key = key[:len(folded)][name_code], key[len(folded):][inv_code]
    del inv_code
    ok = (cell >= 0) & (name_key >= 0)
    mine = cell[ok].astype(np.int64) * width + name_key[ok]
    has = inv_key >= 0
    theirs = owner[has].astype(np.int64)
    del owner
    theirs *= width
    theirs += inv_key[has]
    del inv_key, has
    theirs.sort()
    if len(theirs):  # the pairs looked up by binary search
        found[ok] = theirs[np.minimum(np.searchsorted(theirs, mine), len(theirs) - 1)] == mine
    return found


def _int32(values: Any) -> np.ndarray:
    """An Arrow integer array of values below 2³¹ (positions, codes) as int32 NumPy values."""
    return np.asarray(values.to_numpy(zero_copy_only=False), dtype=np.int32)


def _arrow_text(values: pd.Series, chunked: bool = False) -> Any:
    """A column as text in one Arrow ``large_string`` array (no Python string made; missing: null):
    the regex kernel's :func:`~netanalysis._regex.arrow_text` of it as pandas text, which here must
    take it; ``chunked``: a column of several chunks as the ``ChunkedArray`` it is (not copied)."""
    arr = arrow_text(values.astype("string"), chunked=chunked)
    if arr is None:  # (only text Arrow refuses: a lone surrogate in Python-stored text)
        raise ValueError("text Arrow cannot hold (a lone surrogate?) in the names or inventors")
    return arr


def _runs(values: pd.Series) -> tuple[np.ndarray, np.ndarray, Any]:
    """Rows grouped by runs of one text repeated on consecutive rows (an application's cell on its
    rows): per row its run's number (-1 where the text is missing), whether it is its run's first
    row, and the column in Arrow as it is (chunked, not copied: the runs' text is ``filter`` of it by
    the first rows). A partition of rows with equal texts, found without hashing any text."""
    import pyarrow.compute as pc

    arr = _arrow_text(values, chunked=True)
    n = len(arr)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool), arr
    same = pc.fill_null(pc.equal(arr.slice(1), arr.slice(0, n - 1)), False)
    start = np.r_[True, ~np.asarray(same.to_numpy(zero_copy_only=False), dtype=bool)]
    run = np.cumsum(start, dtype=np.int64) - 1
    run[np.asarray(arr.is_null().to_numpy(zero_copy_only=False), dtype=bool)] = -1
    return run, start, arr


def _rule_types(uniq: pd.Series, large_groups: pd.DataFrame | None,
                evidence: bool) -> tuple[pd.DataFrame, pd.Series | None]:
    """The name rules on distinct names: ``actor_type``, ``type_reason`` and ``size_source`` of each,
    and where ``evidence`` (inventors given) ``org`` (an organisation cue, which inventor evidence
    does not overrule) and the names folded (:func:`fold_name`, for :func:`_inventor_seen`; else
    None). Only these outlive the call: the rules' intermediate columns are freed before the
    inventor evidence is computed."""
    clean = clean_name(uniq)
    folded = fold_accents_all(clean)  # fold_name(uniq), the names cleaned once
    bare = re_replace(clean, r"주식회사|\(주\)|\(유\)|유한회사", " ")
    bare = re_replace(bare, r"\s+", " ").str.strip()
    nospace = bare.str.replace(" ", "", regex=False)

    kind = pd.Series(pd.NA, index=uniq.index, dtype="string")
    reason = pd.Series(pd.NA, index=uniq.index, dtype="string")
    empty = ~re_contains(folded, r"\w")
    kind[empty], reason[empty] = "other", "rule:empty_name"
    long = folded.str.len() > 500
    kind[long & kind.isna()], reason[long & kind.isna()] = "other", "rule:name_over_500_characters"
    legal = _legal_form(folded)
    matched = {k: re_contains(folded, _type_pattern(k)) for k in ("hospital", *KEYWORD_ORDER)}
    # a leading acronym that the name spells out is its own (CEA COSTRUZIONI ELETTROMECCANICHE …):
    # where the spelled-out words hold no keyword, a keyword hit of the acronym alone is dropped
    rest = _own_acronym(folded)
    own = rest.ne("")
    named_body = re_contains(folded, NAMED_RESEARCH)
    if own.any():
        spelled = pd.Series(rest[own].to_numpy(dtype=object), index=rest.index[own], dtype="string")
        none_left = ~pd.concat({k: re_contains(spelled, _type_pattern(k)) for k in matched}, axis=1).any(axis=1)
        none_left &= ~re_contains(spelled, NAMED_RESEARCH)
        drop = pd.Series(False, index=folded.index)
        drop[none_left.index[none_left.to_numpy(dtype=bool)]] = True
        matched = {k: v & ~drop for k, v in matched.items()}
        named_body = named_body & ~drop
    hit = kind.isna() & matched["hospital"]
    kind[hit], reason[hit] = "hospital", "rule:hospital"
    hit = kind.isna() & re_contains(folded, MINISTRY)
    kind[hit], reason[hit] = "government", "rule:government"
    hit = kind.isna() & named_body
    kind[hit], reason[hit] = "research_institute", "rule:research_institute"
    hit = kind.isna() & re_contains(folded, FOR_PROFIT)
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
    is_group = re_contains(bare, group_pat) | re_contains(nospace, group_pat)
    hit = kind.isna() & is_group
    kind[hit], reason[hit] = "firm", "rule:large_group"
    firm_word = re_contains(folded, FIRM_WORD)
    hit = kind.isna() & firm_word
    kind[hit], reason[hit] = "firm", "rule:firm_word"
    founder = re_contains(folded, FOUNDER_FIRM)
    hit = kind.isna() & founder
    kind[hit], reason[hit] = "firm", "rule:firm_founder"
    other_cue = firm_word | founder | is_group | pd.concat(matched, axis=1).any(axis=1) | re_contains(
        re_replace(folded, TRAILING_ID, ""), ORG_CUE)
    cue = legal | other_cue
    person, why = _person(folded, nospace, cue, uniq.str.strip())
    hit = kind.isna() & person
    kind[hit], reason[hit] = "individual", why[hit]
    hit = kind.isna() & re_contains(folded, NONPROFIT)
    kind[hit], reason[hit] = "other", "rule:nonprofit_form"
    # no cue at all: a firm whose legal form the source stripped (PATSTAT, Lens) is the
    # most common case in patent data
    hit = kind.isna()
    kind[hit], reason[hit] = "firm", "rule:default_firm"
    kind = kind.fillna("other")
    reason = reason.fillna("rule:none")

    # size, per unique name: a large group is evidence of a large firm; nothing else in a name
    # is evidence of an SME, so the rest stay `firm` (size unknown) until a table or the data says
    firm = kind == "firm"
    size_source = pd.Series("", index=uniq.index, dtype=object)
    kind = kind.mask(firm & is_group, "large_firm")
    reason = reason.mask(firm & is_group, "rule:large_group")
    size_source[firm & is_group] = "group_list"
    size_source[firm & ~is_group] = "unknown"

    out = pd.DataFrame({"actor_type": kind, "type_reason": reason, "size_source": size_source})
    if not evidence:
        return out, None
    # against inventor evidence, a legal form of one or two letters that only cleanco knows (OE, OK,
    # AS …) is no cue: it is also a syllable of a romanised name (BAE JONG OE, SUNG YOUNG OK, Lens:
    # each an inventor of their own application)
    weak = legal & ~re_contains(folded, FIRM_LEGAL) & re_contains(folded, r"\s[A-Z]{1,2}$")
    out["org"] = other_cue | (legal & ~weak) | re_contains(folded, _org_word_pattern())
    return out, folded


class NameEvidence(NamedTuple):
    """What the names alone say about the rows (:func:`name_evidence`): worked out once, before any
    row is set aside, and read by :func:`_classify_actors` for the rows kept (:meth:`take`)."""

    codes: np.ndarray  #: per row, the number of its distinct name (a row of ``rules``)
    rules: pd.DataFrame  #: per distinct name, the name rules' verdict (:func:`_rule_types`)
    seen: np.ndarray | None  #: per row, whether its applicant is one of its inventors (None: none given)

    def take(self, rows: np.ndarray) -> NameEvidence:
        """The evidence of the rows at positions ``rows`` (the same rules, read by the rows' codes)."""
        return NameEvidence(self.codes[rows], self.rules, None if self.seen is None else self.seen[rows])


def name_evidence(names: pd.Series, inventors: pd.Series | None = None, large_groups: pd.DataFrame | None = None,
                  inventor_lists: InventorLists | None = None) -> NameEvidence:
    """The name rules on each distinct name and, where inventors are given, the inventor evidence
    of each row: the part of :func:`classify_actors` that reads only a row's own name and inventors.

    The answer for a row depends on nothing but that row, so it can be worked out on every row
    of a table before some are set aside (the ingest does, beside its record checks) and taken
    for the rows kept; :func:`_classify_actors` then gives what it gives from the kept rows alone.

    Parameters
    ----------
    names : pandas.Series of str
        Raw applicant names (missing: read as ``""``), or a categorical of them: its categories are
        then the distinct names as they are (numbered once for several steps).
    inventors : pandas.Series of str, optional
        Each row's inventors, ``"; "``-joined, on the index of ``names``.
    large_groups : DataFrame, optional
        Replaces the shipped large-group list.
    inventor_lists : InventorLists, optional
        The rows' inventors as codes (a reader that holds them): read instead of splitting
        ``inventors``.

    Returns
    -------
    NameEvidence

    Examples
    --------
    >>> ev = name_evidence(pd.Series(["ROSSI MARIO", "ACME SPA", "ROSSI MARIO"]),
    ...                    pd.Series(["ROSSI MARIO", "ROSSI MARIO", None]))
    >>> ev.codes.tolist(), ev.rules["actor_type"].tolist(), ev.seen.tolist()
    ([0, 1, 0], ['individual', 'firm'], [True, False, False])
    """
    codes, distinct = text_codes(names)  # the rules run once per distinct name (a categorical's: as numbered)
    if (inventors is None and inventor_lists is None) or not len(names):
        return NameEvidence(codes, _rule_types(pd.Series(distinct).astype(str), large_groups, False)[0], None)
    # the inventors' side (split, numbered, folded) reads no applicant name: worked out in a thread
    # beside the name rules (Arrow and RE2 let go of the interpreter)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="netanalysis-inventors") as pool:
        if inventor_lists is not None:
            side = pool.submit(_inventor_names_of_lists, inventor_lists)
        else:
            assert inventors is not None
            side = pool.submit(_inventor_names, inventors.reindex(names.index))
        rules, folded = _rule_types(pd.Series(distinct).astype(str), large_groups, True)
        inv = side.result()
        del side
    assert folded is not None  # (asked for: evidence=True)
    return NameEvidence(codes, rules, _inventor_seen(codes, folded, inv))


class _Ids(NamedTuple):
    """An id column as integer codes, computed once for the steps that group rows by id."""

    code: np.ndarray  #: per row, the number of its id (-1: missing)
    uniques: np.ndarray  #: the distinct ids (object)


def _ids(applicant_id: pd.Series, index: pd.Index) -> _Ids:
    """The ids of the rows of ``index`` (:class:`_Ids`); pandas numbers the strings once (a
    categorical's codes as they are: any numbering, each id one code)."""
    ids = applicant_id if applicant_id.index.equals(index) else applicant_id.reindex(index)
    code, uniques = factorized(ids)
    return _Ids(code, np.asarray(uniques, dtype=object))


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
        User firm-size table (see :func:`load_firm_sizes`); wins over every other evidence.
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
        ``size_source`` (``user_table``, ``group_list``, ``unknown`` for a ``firm`` of unknown
        size; empty for non-firms); ``attrs["notes"]`` holds the size table's remarks.

    Examples
    --------
    >>> classify_actors(pd.Series(["경북대학교 산학협력단", "(주)대경정밀", "삼성전자(주)",
    ...     "한국전자통신연구원", "홍길동"])).actor_type.tolist()
    ['university', 'firm', 'large_firm', 'research_institute', 'individual']
    """
    return _classify_actors(names, applicant_id, alias_type, alias_source, firm_sizes, large_groups, inventors)


def _classify_actors(
    names: pd.Series,
    applicant_id: pd.Series | None = None,
    alias_type: pd.Series | None = None,
    alias_source: pd.Series | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
    large_groups: pd.DataFrame | None = None,
    inventors: pd.Series | None = None,
    id_codes: _Ids | None = None,
    evidence: NameEvidence | None = None,
) -> pd.DataFrame:
    """:func:`classify_actors`; ``id_codes``: the codes of ``applicant_id`` when the caller has them;
    ``evidence``: :func:`name_evidence` of these rows (of ``names`` and ``inventors``) when the caller
    has it."""
    idx = names.index
    if evidence is None:
        evidence = name_evidence(names, inventors, large_groups)
    codes, rules, seen = evidence
    # each column as its few distinct values and a code per row (no string per row: the rows' text is
    # taken by code in Arrow at the end, as_text)
    cols: dict[str, tuple[np.ndarray, pd.Index]] = {}
    for col in ("actor_type", "type_reason", "size_source"):
        value, values = pd.factorize(rules[col])
        cols[col] = (value[codes], pd.Index(values))
    if seen is not None:
        seen = seen.copy()  # (the caller's evidence is left as it was)
        if applicant_id is not None:  # evidence on one application types the actor on all of them
            id_code, id_named = id_codes if id_codes is not None else _ids(applicant_id, idx)
            has_id = id_code >= 0  # (a missing or empty id is no actor's)
            marked = np.zeros(len(id_named) + 1, dtype=bool)  # (the last: the missing id)
            marked[id_code[seen & has_id]] = True
            marked[:-1] &= id_named != ""
            seen |= marked[np.where(has_id, id_code, len(id_named))]
        seen &= ~rules["org"].to_numpy(dtype=bool)[codes]  # an organisation's name is no inventor's
        for col, text in (("actor_type", "individual"), ("type_reason", "evidence:inventor"), ("size_source", "")):
            code, values = cols[col]
            if text not in values:
                values = values.append(pd.Index([text], dtype=values.dtype))
            code[seen] = values.get_loc(text)
            cols[col] = (code, values)
    del rules, evidence
    if len(idx):  # back to the rows by the names' codes (the type straight to its categorical dtype; the
        # codes are factorize's, or a value appended's position: in range, not checked again)
        out = pd.DataFrame({col: (_actor_types(code, values, idx) if col == "actor_type" else
                                  as_text(pd.Series(pd.Categorical.from_codes(code, values, validate=False),
                                                    index=idx)))
                            for col, (code, values) in cols.items()}, index=idx)
    else:
        out = pd.DataFrame(columns=["actor_type", "type_reason", "size_source"], index=idx)

    if alias_type is not None:
        forced = as_text(alias_type.reindex(idx).fillna(""))
        src = (
            as_text(alias_source.reindex(idx).fillna("builtin"))
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
        if f.any():  # (a national table's names are mostly in no alias table)
            out.loc[f, "actor_type"] = forced[f]
            out.loc[f, "type_reason"] = "lookup:" + src[f]
            is_firm = forced.isin(["large_firm", "sme"])
            out.loc[f & is_firm, "size_source"] = src[f & is_firm].map(
                {"builtin": "group_list", "user": "user_table"}
            )
            out.loc[f & forced.eq("firm"), "size_source"] = "unknown"
            out.loc[f & ~is_firm & forced.ne("firm"), "size_source"] = ""

    notes: list[str] = []
    if firm_sizes is not None and applicant_id is not None:
        sizes = (
            _check_firm_sizes(firm_sizes)
            if isinstance(firm_sizes, pd.DataFrame)
            else load_firm_sizes(firm_sizes)
        )
        ids = applicant_id.reindex(idx).astype("string")
        smap, notes = match_firm_sizes(sizes, ids)
        s = ids.map(smap)
        is_firm = out["actor_type"].isin(FIRM_TYPES) | s.notna() & out["type_reason"].eq("rule:none")
        hit = s.notna() & is_firm
        out.loc[hit, "actor_type"] = s[hit].map({"large": "large_firm", "sme": "sme"})
        out.loc[hit, "size_source"] = "user_table"
        skipped = s.notna() & ~is_firm
        if skipped.any():
            named = pd.unique(ids[skipped].astype(str))
            notes.append(f"firm-size table: {len(named)} of the actors it names are not firms by their type "
                         f"(e.g. {', '.join(repr(x) for x in named[:3])}); their size is not applied")
    out["actor_type"] = out["actor_type"].astype(ActorType)
    out.attrs["notes"] = notes
    return out


def _actor_types(code: np.ndarray, values: pd.Index, index: pd.Index) -> pd.Series:
    """Types given as codes of a few ``values``, as an :data:`~netanalysis.schema.ActorType` Series:
    ``Series(values[code]).astype(ActorType)`` by code, without a text per row (a value that is not
    a type, or a missing code, gives a missing type, as there).

    >>> _actor_types(np.array([1, 0, 1, -1]), pd.Index(["firm", "university"]), pd.RangeIndex(4)).tolist()
    ['university', 'firm', 'university', nan]
    """
    to_type = ActorType.categories.get_indexer(pd.Index(values).astype(object))
    codes = np.where(code >= 0, to_type[np.maximum(code, 0)], -1) if len(to_type) else np.full(len(code), -1)
    return pd.Series(pd.Categorical.from_codes(codes, dtype=ActorType), index=index)


def _evidence_rank(reason: pd.Series) -> np.ndarray:
    """How strong the evidence behind a ``type_reason`` is, 0 the strongest: the user's alias table,
    the source's own label, an organisation's cue (a rule or the shipped alias table), an inventor
    row, a person's name shape, the default rule, no name."""
    r = reason.astype(str)
    rank = np.full(len(r), 2, dtype=np.int8)
    for value, prefixes in ((0, ("lookup:user",)), (1, ("source:",)), (3, ("evidence:",)),
                            (4, ("rule:person",)), (5, ("rule:default_firm", "rule:none")),
                            (6, ("rule:empty_name",))):
        rank[r.str.startswith(prefixes).to_numpy(dtype=bool)] = value
    return rank


def unify_actor_types(classes: pd.DataFrame, applicant_id: pd.Series) -> pd.DataFrame:
    """One type per actor: every row of an ``applicant_id`` takes the type (and reason) of its strongest evidence.

    Harmonisation joins spellings of one body (``PARROT SA``, ``PARROT S A``, ``PARROT``;
    ``TUFTS UNIVERSITY``, ``TUFTS UNVERSITY``), but the name rules read each spelling. Where the
    spellings of one id were typed differently, the row whose evidence is strongest decides for all:
    the user's alias table, then the source's own label, then an organisation's cue (so an
    organisation cue on one spelling wins over a person's name shape on another, as it does within
    one name), then inventor evidence, a person's name shape, the default rule and an empty name;
    among equals the type the id itself reads as (the harmonised name: typos of organisation words
    corrected, abbreviations written out), then the type most rows have, then the type's name.
    ``type_reason`` and ``size_source`` come with the type.

    Parameters
    ----------
    classes : pandas.DataFrame
        ``actor_type``, ``type_reason``, ``size_source`` per row (:func:`classify_actors`,
        :func:`apply_source_types`).
    applicant_id : pandas.Series of str
        The rows' ids, on the index of ``classes``; a missing id leaves its row as it is.

    Returns
    -------
    pandas.DataFrame
        ``classes`` with one ``actor_type``, ``type_reason`` and ``size_source`` per id.

    Examples
    --------
    >>> cls = classify_actors(pd.Series(["TUFTS UNIVERSITY", "TUFTS UNVERSITY", "TUFTS UNIVERSITY"]))
    >>> cls["actor_type"].astype(str).tolist()
    ['university', 'firm', 'university']
    >>> out = unify_actor_types(cls, pd.Series(["TUFTS UNIVERSITY"] * 3))
    >>> out["actor_type"].astype(str).tolist(), out["type_reason"].tolist()[1]
    (['university', 'university', 'university'], 'rule:university')
    """
    return _unify_actor_types(classes, _ids(applicant_id, classes.index))


def _unify_actor_types(classes: pd.DataFrame, ids: _Ids) -> pd.DataFrame:
    """:func:`unify_actor_types` on the ids' codes."""
    id_code, distinct = ids  # -1: no id
    has_id = id_code >= 0
    if not has_id.any():
        return classes
    # the ids typed more than one way, on integer codes (a missing value counts as a value of its own)
    t_code = pd.factorize(classes["actor_type"], use_na_sentinel=False)[0].astype(np.int64)
    r_code = pd.factorize(classes["type_reason"], use_na_sentinel=False)[0].astype(np.int64)
    n_reasons = int(r_code.max(initial=0)) + 1
    width = (int(t_code.max(initial=0)) + 1) * n_reasons
    ways = np.sort(id_code[has_id].astype(np.int64) * width + t_code[has_id] * n_reasons + r_code[has_id])
    ways = ways[np.r_[True, ways[1:] != ways[:-1]]]  # distinct (id, type, reason)
    n_ways = np.bincount(ways // width, minlength=len(distinct))
    mixed = has_id & (n_ways[np.maximum(id_code, 0)] > 1)
    if not mixed.any():  # every id typed one way, for one reason (nearly always): nothing to choose
        return classes
    at = np.flatnonzero(mixed)
    rows = pd.DataFrame({"id": id_code[at], **{k: classes[col].iloc[at].astype(str).to_numpy() for k, col in
                                               (("type", "actor_type"), ("reason", "type_reason"),
                                                ("size", "size_source"))}})
    n_rows = rows.groupby(["id", "type"]).size().rename("n_type")
    cand = rows.drop_duplicates(["id", "type", "reason", "size"]).join(n_rows, on=["id", "type"])
    cand["rank"] = _evidence_rank(cand["reason"])
    mixed_ids = np.unique(rows["id"].to_numpy())
    # the ids read as names (only the ids typed more than one way)
    own = classify_actors(pd.Series(distinct[mixed_ids]))["actor_type"].astype(str)
    cand["own"] = cand["type"].to_numpy() == pd.Series(own.to_numpy(), index=mixed_ids).reindex(cand["id"]).to_numpy()
    best = cand.sort_values(["id", "rank", "own", "n_type", "type", "reason"],
                            ascending=[True, True, False, False, True, True],
                            kind="stable").drop_duplicates("id").set_index("id")
    out = classes.copy()
    pick = rows["id"].to_numpy()
    for col, source in (("actor_type", "type"), ("type_reason", "reason"), ("size_source", "size")):
        chosen = np.empty(len(out), dtype=object)  # by position: an index may repeat; only the mixed rows read
        chosen[mixed] = best[source].reindex(pick).to_numpy()
        if col == "actor_type":  # (a type that is no category, "nan" of a missing one, stays missing)
            out[col] = out[col].astype(ActorType).where(~mixed, pd.Series(chosen, index=out.index, dtype=ActorType))
        else:
            out[col] = out[col].where(~mixed, pd.Series(chosen, index=out.index)).astype(classes[col].dtype)
    out.attrs["notes"] = list(classes.attrs.get("notes", []))
    return out


def apply_patent_counts(
    classes: pd.DataFrame,
    applicant_id: pd.Series,
    patent_id: pd.Series,
    year: pd.Series,
    per_year: float = SME_MAX_PATENTS_PER_YEAR,
) -> pd.DataFrame:
    """Type as large a firm of unknown size whose patents in the data no SME could file.

    A firm typed ``firm`` (no other evidence of its size) with more distinct patents than
    ``per_year`` times the length of its period in the data (its first to its last filing
    year, inclusive) becomes ``large_firm`` with ``size_source = patent_count``. Stronger
    evidence (a size table, the source's own field, the large-group list) is never overruled.
    The count is a lower bound of the firm's filings (an export is usually a slice of its
    portfolio), so the rule only errs towards ``firm``.

    Parameters
    ----------
    classes : pandas.DataFrame
        ``actor_type``, ``type_reason``, ``size_source`` (one row per mention).
    applicant_id, patent_id, year : pandas.Series
        The mentions' applicant ids, patent ids and filing years (same index).
    per_year : float
        Patents per year above which no firm is an SME (:data:`SME_MAX_PATENTS_PER_YEAR`).

    Returns
    -------
    pandas.DataFrame
        ``classes`` with those firms retyped; ``attrs["notes"]`` says how many and the rate.

    Examples
    --------
    >>> cls = pd.DataFrame({"actor_type": ["firm"] * 4, "type_reason": "rule:default_firm",
    ...                     "size_source": "unknown"})
    >>> out = apply_patent_counts(cls, pd.Series(["A", "A", "A", "B"]), pd.Series(["1", "2", "3", "1"]),
    ...                           pd.Series([2010, 2010, 2011, 2011]), per_year=1)
    >>> out["actor_type"].astype(str).tolist(), out["size_source"].tolist()
    (['large_firm', 'large_firm', 'large_firm', 'firm'], ['patent_count', 'patent_count', 'patent_count', 'unknown'])
    """
    return _apply_patent_counts(classes, _ids(applicant_id, applicant_id.index), patent_id, year, per_year)


def _apply_patent_counts(classes: pd.DataFrame, ids: _Ids, patent_id: pd.Series, year: pd.Series,
                         per_year: float = SME_MAX_PATENTS_PER_YEAR) -> pd.DataFrame:
    """:func:`apply_patent_counts` on the ids' codes (rows in the order of ``classes``)."""
    out = classes.copy()
    notes = list(classes.attrs.get("notes", []))
    # by integer codes, on the rows of the actors typed firm somewhere (only they can change): each
    # one's distinct patents counted from the distinct (actor, patent) pairs
    firm = as_text(out["actor_type"]).eq("firm").to_numpy(dtype=bool)
    actor, named = ids
    if (actor < 0).any():  # a missing id counts as the empty one (one actor of its own where there is none)
        empty = np.flatnonzero(named == "")
        named = named if len(empty) else np.append(named, "")
        actor = np.where(actor < 0, empty[0] if len(empty) else len(named) - 1, actor)
    has_firm = np.zeros(len(named), dtype=bool)
    has_firm[actor[firm]] = True
    rows = has_firm[actor]
    pid = patent_id[rows]  # (a missing id: -1, counted for no one; a categorical's codes as they are)
    patent = factorized(pid if isinstance(pid.dtype, pd.CategoricalDtype) else pid.astype("string"))[0]
    mine = actor[rows]
    years = pd.Series(pd.to_numeric(year, errors="coerce").to_numpy(dtype=float, na_value=np.nan)[rows]).groupby(mine)
    span = (years.max() - years.min() + 1).reindex(range(len(named))).to_numpy(dtype=float)
    width = int(patent.max()) + 1 if len(patent) else 1
    pairs = pd.unique(mine[patent >= 0].astype(np.int64) * width + patent[patent >= 0])
    n_patents = np.bincount(pairs // width, minlength=len(named))
    over = n_patents > per_year * np.where(np.isnan(span), 1.0, span)
    hit = firm & over[actor]
    if hit.any():
        if out["actor_type"].dtype != ActorType:  # (on ActorType: set on the codes, no text per row)
            out["actor_type"] = out["actor_type"].astype(str)
        out.loc[hit, "actor_type"] = "large_firm"
        out["actor_type"] = out["actor_type"].astype(ActorType)
        out.loc[hit, "size_source"] = "patent_count"
        notes.append(f"{len(np.unique(actor[hit])):,} firm(s) of unknown size have more than {per_year:g} patents "
                     "a year over their years in the data, more than an SME files: typed large_firm "
                     "(size_source patent_count)")
    out.attrs["notes"] = notes
    return out


def classify_applicants(
    names: pd.Series,
    applicant_id: pd.Series,
    patent_id: pd.Series,
    year: pd.Series,
    alias_type: pd.Series | None = None,
    alias_source: pd.Series | None = None,
    labels: pd.Series | None = None,
    source_types: pd.DataFrame | str | os.PathLike[str] | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
    inventors: pd.Series | None = None,
    evidence: NameEvidence | None = None,
) -> pd.DataFrame:
    """Every kind of type evidence, in the order ingest applies it, with one type per actor.

    :func:`classify_actors` (name rules, alias and firm-size tables, inventor evidence), then
    :func:`apply_source_types` (the source's own labels), :func:`unify_actor_types` (one type per
    ``applicant_id``) and :func:`apply_patent_counts` (a firm of unknown size with more patents
    than an SME files is large). The same as calling the four in turn; the ids are numbered once
    for the three steps that group the rows by them (a national table's 10 M ids take seconds to
    number each time).

    Parameters
    ----------
    names, applicant_id, patent_id, year : pandas.Series
        Per mention (same index, same order): the raw applicant name, its harmonised id, the
        patent and the filing year.
    alias_type, alias_source : pandas.Series of str, optional
        As for :func:`classify_actors`.
    labels : pandas.Series of str, optional
        The source's own type label per row (:func:`apply_source_types`); none: no label.
    source_types, firm_sizes : DataFrame or path, optional
        As for :func:`apply_source_types` and :func:`classify_actors`.
    inventors : pandas.Series of str, optional
        Each row's inventors, ``"; "``-joined (:func:`classify_actors`).
    evidence : NameEvidence, optional
        :func:`name_evidence` of ``names`` and ``inventors``, when the caller has worked it out
        already (the ingest does, beside its record checks); the same answer as without it.

    Returns
    -------
    pandas.DataFrame
        ``actor_type``, ``type_reason``, ``size_source`` on the index of ``names``;
        ``attrs["notes"]`` as the steps leave them.

    Examples
    --------
    >>> names = pd.Series(["TUFTS UNIVERSITY", "TUFTS UNVERSITY", "ROSSI MARIO"])
    >>> ids = pd.Series(["TUFTS UNIVERSITY", "TUFTS UNIVERSITY", "ROSSI MARIO"])
    >>> out = classify_applicants(names, ids, pd.Series(["P1", "P2", "P2"]), pd.Series([2010, 2011, 2011]),
    ...                           inventors=pd.Series([None, "ROSSI MARIO", "ROSSI MARIO"]))
    >>> out["actor_type"].astype(str).tolist(), out["type_reason"].tolist()[2]
    (['university', 'university', 'individual'], 'evidence:inventor')
    """
    ids = _ids(applicant_id, names.index)
    cls = _classify_actors(names, applicant_id, alias_type, alias_source, firm_sizes=firm_sizes, inventors=inventors,
                           id_codes=ids, evidence=evidence)
    if labels is not None:
        cls = apply_source_types(cls, labels, source_types)
    cls = _unify_actor_types(cls, ids)
    return _apply_patent_counts(cls, ids, patent_id, year)


__all__ = [
    "NameEvidence",
    "apply_patent_counts",
    "apply_source_types",
    "classify_actors",
    "classify_applicants",
    "fold_name",
    "given_names",
    "inventor_evidence",
    "keyword_table",
    "load_firm_sizes",
    "load_large_groups",
    "load_source_types",
    "match_firm_sizes",
    "name_evidence",
    "org_words",
    "unify_actor_types",
]
