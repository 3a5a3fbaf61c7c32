"""One spelling per patent id, so one application under two spellings is one patent.

The same application reaches users spelled several ways: ``10-2010-0000001`` (KIPRIS web
export) and ``1020100000001`` (KIPRIS Plus); ``EP1234567``, ``EP 1234567`` and
``ep1234567``; ``07654321``, ``7654321`` and ``7654321.0`` (a spreadsheet that stored the
number as a float).  Duplicates are judged on the normalised id; the id as the source
wrote it stays beside it in ``patent_id_raw``.

The rule, applied to every source (whole-column string operations):

1. Unicode NFKC (full-width ``１２３`` → ``123``), trimmed, upper case;
2. a float artefact — digits followed by ``.0`` (``7654321.0``) — loses its ``.0``;
3. spaces, dashes (``-`` and the Unicode dashes), slashes and commas are removed
   (``US 09/123,456`` → ``US09123456``);
4. leading zeros of the number are removed, after an office prefix of letters when there
   is one (``07654321`` → ``7654321``, ``EP01234567`` → ``EP1234567``; ``000`` → ``0``).

Per source: the KIPRIS readers (``kipris_export``, ``kipris_plus_xml``) hold Korean
applications only, so a leading office prefix ``KR`` is removed too
(``KR1020100000001`` → ``1020100000001``).  Other sources keep their office prefix: in a
Lens or PATSTAT table ``KR…`` and ``EP…`` are different applications.  Kind codes are
kept (``US 201213657122 A`` → ``US201213657122A``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._regex import re_fullmatch, re_replace

#: Readers whose ids are all Korean applications: a leading ``KR`` is dropped.
KOREAN_ONLY_SOURCES = ("kipris_export", "kipris_plus_xml")
_SEPARATORS = r"[\s\-\u2010-\u2015\u2212\uff0d/,]+"
#: An id the rule leaves as it is (outside the KIPRIS readers): capitals and digits only, and after the
#: office prefix's letters no zero followed by a digit (``EP1234567``, ``0``, ``US201213657122A``).
_NORMAL = r"[A-Z]*(?:0|0[A-Z][A-Z0-9]*|[1-9][A-Z0-9]*)?"


def normalise_patent_ids(raw: pd.Series, source: str = "") -> pd.Series:
    """The normalised spelling of each patent id (see the module's rule).

    Parameters
    ----------
    raw : pandas.Series
        Ids as the source wrote them (missing values stay missing).
    source : str
        The reader's name (``kipris_export``, ``lens``, ``generic`` …): the KIPRIS
        readers also drop a leading ``KR``.

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index.

    Examples
    --------
    >>> ids = pd.Series(["10-2010-0000001", "1020100000001", "EP 01234567", "ep1234567", "7654321.0", "07654321"])
    >>> normalise_patent_ids(ids).tolist()
    ['1020100000001', '1020100000001', 'EP1234567', 'EP1234567', '7654321', '7654321']
    >>> normalise_patent_ids(pd.Series(["KR 10-2010-0000001"]), "kipris_export").tolist()
    ['1020100000001']
    """
    s = raw.astype("string")
    if source in KOREAN_ONLY_SOURCES:  # (a plain "KR…" id loses its prefix there: every id goes through the rule)
        return _normalised(s, source)
    # an id already in its normal spelling (ASCII capitals and digits, no leading zero after the office
    # prefix: most of a national table's) is what the rule gives back: only the others go through it
    # (10 M ids: 7.7 s of the rule's passes, 1 s for this test)
    plain = re_fullmatch(s, _NORMAL).to_numpy(dtype=bool, na_value=False)
    if plain.all():
        return s
    if plain.sum() < len(s) // 2:  # (placing many ids back costs more than passing the plain ones too)
        return _normalised(s, source)
    rest = np.flatnonzero(~plain)  # (by position: an index may repeat)
    out = s.copy()
    out.iloc[rest] = _normalised(s.iloc[rest], source)  # (iloc places values by position, unaligned)
    return out


def _normalised(s: pd.Series, source: str) -> pd.Series:
    """The module's rule on ``string`` text, pass by pass."""
    odd = np.flatnonzero(~s.str.isascii().fillna(True).to_numpy(dtype=bool))  # NFKC leaves ASCII as it is
    if len(odd):  # (by position: an index may repeat)
        s = s.copy()
        s.iloc[odd] = s.iloc[odd].str.normalize("NFKC")  # (iloc places values by position, unaligned)
    s = s.str.strip().str.upper()
    s = re_replace(s, r"^(\d+)\.0+$", r"\1")
    s = re_replace(s, _SEPARATORS, "")
    if source in KOREAN_ONLY_SOURCES:
        s = re_replace(s, r"^KR(?=\d)", "")
    return re_replace(s, r"^([A-Z]*)0+(?=\d)", r"\1")


__all__ = ["KOREAN_ONLY_SOURCES", "normalise_patent_ids"]
