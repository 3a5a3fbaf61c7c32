"""Korean applicant cells whose names were joined by plain spaces (crawls that lost the ``|``).

``경북대학교 산학협력단 주식회사 대경정밀 홍길동`` is three applicants.  A name ends at a
word that closes an organisation name (산학협력단, 대학교, 연구원, 병원 …) or at a legal
form written after the name (``대경정밀 주식회사``); a legal form written before a name
(주식회사, 재단법인 …) opens the next one; a lone 2–4 syllable word is a person.  A cell
is split only when every piece is such a name; otherwise it is *ambiguous*: the reader
rejects the record with a reason (so it is listed and counted) rather than gluing the names
into one nonsense actor.
"""

from __future__ import annotations

import re

import pandas as pd

#: Words that open a name (a legal form written first).
OPENERS = frozenset({"주식회사", "(주)", "㈜", "재단법인", "사단법인", "학교법인", "의료법인", "유한회사",
                     "(재)", "(사)", "농업회사법인", "사회복지법인", "(유)"})
#: Legal forms that may also close a name written before them.
BOTH_WAYS = frozenset({"주식회사", "(주)", "㈜", "유한회사", "(유)"})
#: Words that complete the name written before them.
SUFFIXES = frozenset({"산학협력단", "산학협력재단", "주식회사", "(주)", "㈜", "유한회사", "(유)", "병원", "의료원",
                      "기술지주회사", "연구소"})
#: A word that ends an organisation name.
_CLOSER = re.compile(
    r"(?:산학협력단|산학협력재단|기술지주회사|연구원|연구소|연구센터|진흥원|진흥재단|테크노파크|병원|의료원|"
    r"공사|공단|재단|협회|조합|대학교|대학|과학기술원|청|부|주식회사|\(주\)|㈜)$"
)
#: Words that continue a name after 대학교 / 대학 (병원, 산학협력단 …).
_CONTINUES_UNIVERSITY = re.compile(r"^(?:산학협력단|산학협력재단|병원|의료원|기술지주회사|연구소|연구원)")
_PERSON = re.compile(r"^[가-힣]{2,4}$")
_MARKERS = re.compile(r"산학협력단|대학교|연구원|주식회사|\(주\)|㈜|재단법인|사단법인|병원|공사|공단|진흥원")


def _closes(token: str, following: str | None) -> bool:
    if not _CLOSER.search(token):
        return False
    if re.search(r"(?:대학교|대학)$", token) and following is not None and _CONTINUES_UNIVERSITY.match(following):
        return False
    return True


def split_joined_names(cell: str) -> tuple[list[str], bool]:
    """Split one cell of space-joined Korean applicant names.

    Parameters
    ----------
    cell : str
        The applicant cell.

    Returns
    -------
    (list of str, bool)
        The names, and whether the split is ambiguous (then the list is ``[cell]``).  A
        cell that holds one name comes back as ``([cell], False)``.

    Examples
    --------
    >>> split_joined_names("경북대학교 산학협력단 주식회사 대경정밀 홍길동")
    (['경북대학교 산학협력단', '주식회사 대경정밀', '홍길동'], False)
    >>> split_joined_names("삼성전자 주식회사")
    (['삼성전자 주식회사'], False)
    >>> split_joined_names("주식회사 대경 정밀 경북대학교 산학협력단")  # is 정밀 the firm's or the university's?
    (['주식회사 대경 정밀 경북대학교 산학협력단'], True)
    """
    tokens = cell.split()
    names: list[list[str]] = []
    current: list[str] = []
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok in OPENERS and not (tok in BOTH_WAYS and current):
            if current:
                names.append(current)
            current = [tok]
            continue
        current.append(tok)
        if _closes(tok, nxt) and not (len(current) == 1 and tok in BOTH_WAYS):
            names.append(current)
            current = []
        elif len(current) == 2 and current[0] in OPENERS:  # 주식회사 대경정밀: opener + one word
            names.append(current)
            current = []
    if current:
        names.append(current)
    if len(names) <= 1:
        return [cell], False
    pieces = [" ".join(n) for n in names]
    return (pieces, False) if all(_clean_piece(n) for n in names) else ([cell], True)


def _clean_piece(words: list[str]) -> bool:
    """A piece whose extent is certain: one marked word or a person, an opener and one word,
    or one word and a suffix (산학협력단, 주식회사 …).  Anything longer could have taken a
    word from its neighbour."""
    if len(words) == 1:
        return bool(_MARKERS.search(words[0]) or _CLOSER.search(words[0]) or _PERSON.match(words[0]))
    if len(words) == 2:
        return words[0] in OPENERS or words[1] in SUFFIXES
    return False


_ADDRESS = r"\([^()]{3,}\)"


def _split_cell(cell: str) -> tuple[list[str], bool]:
    """Each name with its own ``(address)``: split after the parentheses; else by words."""
    n_addresses = len(re.findall(_ADDRESS, cell))
    if n_addresses == 0:
        return split_joined_names(cell)
    pieces = re.split(r"(?<=\))\s+(?=\S)", cell.strip())
    if len(pieces) == n_addresses and all(re.search(_ADDRESS + r"$", p) for p in pieces):
        return pieces, False
    return [cell], True


def split_space_joined(names: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Split the cells of ``names`` that hold several space-joined Korean names.

    Parameters
    ----------
    names : pandas.Series of str
        Applicant cells (already free of the usual ``|`` separators).

    Returns
    -------
    (pandas.Series, pandas.Series)
        The cells with ``|`` between the names found, and a boolean Series marking the
        cells that look joined but cannot be split with confidence.

    Examples
    --------
    >>> out, ambiguous = split_space_joined(pd.Series(["서울대학교 산학협력단 삼성전자 주식회사", "홍길동"]))
    >>> out.tolist(), ambiguous.tolist()
    (['서울대학교 산학협력단|삼성전자 주식회사', '홍길동'], [False, False])
    """
    text = names.astype("string")
    # addresses in parentheses (KIPRIS web exports: 이름(경기 용인시 …)) are not names
    bare = text.str.replace(_ADDRESS, "", regex=True)
    # only cells with no separator and at least two name markers outside addresses are looked at
    candidate = (text.notna() & ~text.str.contains(r"[|;]", regex=True).fillna(False)
                 & bare.str.count(_MARKERS.pattern).fillna(0).ge(2))
    cells = text[candidate]
    verdict = {value: _split_cell(str(value)) for value in pd.unique(cells)}  # each distinct cell once
    out = text.copy()
    out[candidate] = cells.map(lambda value: "|".join(verdict[value][0]))  # an unsure cell stays whole
    ambiguous = pd.Series(False, index=names.index)
    ambiguous[candidate] = cells.map(lambda value: verdict[value][1]).astype(bool)
    return out, ambiguous
