"""netanalysis._regex: Python's regular expressions over a column, run in RE2 where that is exact.

Every answer must be Python's ``re``: the hand-made cases are the places where RE2 alone would
differ (a word boundary next to Hangul, ``$`` before a final line feed, whitespace RE2 does not
know, look-arounds, Unicode digits and letters); the property test draws patterns and texts;
the real-data test runs every pattern of the actor-type rules on the distinct names of the real
exports (the old per-name rule is Python's ``re`` on each name).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from _hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis import classify as C
from netanalysis import entities as E
from netanalysis._regex import (
    _needs,
    _possible,
    _translation,
    arrow_text,
    re_contains,
    re_fullmatch,
    re_match,
    re_replace,
    words_without_digit,
)


def _python(values: list[str], pattern: str | re.Pattern[str], how: str) -> list[bool]:
    p = re.compile(pattern)
    return [getattr(p, how)(v) is not None for v in values]


@pytest.mark.parametrize(("pattern", "text", "expected"), [
    (r"\bLTD\b", "가LTD", False),  # Hangul is a word character for Python (RE2: ASCII only)
    (r"\bLTD\b", "가 LTD", True),
    (r"\bLTD\b", "ÉLTD", False),
    (r"AG$", "ACME AG\n", True),  # Python's $ also matches before a final line feed
    (r"AG$", "ACME AG\nX", False),
    (r"A\sB", "A\x0bB", True),  # vertical tab, file separator, no-break space: whitespace in Python
    (r"A\sB", "A\x1cB", True),
    (r"A\sB", "A\xa0B", True),
    (r"A\SB", "A\x0bB", False),
    (r"(?<!G)GMBH", "GGMBH", False),  # look-behind: RE2 has none, Python confirms
    (r"(?<!G)GMBH", "X GMBH", True),
    (r"\bE C\.(?=\s|$)", "ROSSI E C.", True),
    (r"\bE C\.(?=\s|$)", "ROSSI E C.X", False),
    (r"^\w+$", "ÉCOLE", True),
    (r"\d", "٣", True),  # an Arabic-Indic digit is a digit for Python
    (r"[^\w ]", "가 나", False),
    (r"[^\w ]", "가-나", True),
])
def test_python_answer_where_re2_differs(pattern, text, expected):
    s = pd.Series([text, "plain ascii"])
    assert re_contains(s, pattern).tolist()[0] is expected
    assert _python([text], pattern, "search") == [expected]


def test_match_fullmatch_and_replace_by_hand():
    s = pd.Series(["ROSSI, MARIO", "가나다", "KIM\x0bCHUL SU", "A  B\n"])
    assert re_match(s, r"[A-Z]+,").tolist() == [True, False, False, False]
    assert re_fullmatch(s, r"[가-힣]{3}").tolist() == [False, True, False, False]
    # "KIM\vCHUL SU": \s+ takes the vertical tab too; "A  B\n": both runs of whitespace
    assert re_replace(s, r"\s+", " ").tolist() == ["ROSSI, MARIO", "가나다", "KIM CHUL SU", "A B "]
    assert re_replace(s, r"(?<=,) ", "_").tolist() == ["ROSSI,_MARIO", "가나다", "KIM\x0bCHUL SU", "A  B\n"]


def test_dtypes_missing_values_and_names_are_pandas():
    for dtype in ("str", "string", object):
        values = ["ACME  GMBH", "경북대학교 산학협력단", "가LTD", "X\x0bLTD"]
        for with_na in (False, True):
            s = pd.Series(values + ([None] if with_na else []), dtype=dtype, name="applicant_raw")
            s.index = s.index * 3 + 1
            for got, want in ((re_contains(s, r"\bLTD\s*$"), s.str.contains(r"\bLTD\s*$", regex=True)),
                              (re_match(s, r"\w+\s"), s.str.match(r"\w+\s")),
                              (re_fullmatch(s, r"[^\d]+"), s.str.fullmatch(r"[^\d]+")),
                              (re_replace(s, r"\s+", "_"), s.str.replace(r"\s+", "_", regex=True)),
                              (re_replace(s, r"(?<=\w)\s", "|"), s.str.replace(r"(?<=\w)\s", "|", regex=True))):
                pd.testing.assert_series_equal(got, want)
    # a linear spelling of the pattern for Python's part (here with the same matches by hand)
    s = pd.Series(["a ; b", "가 ;; 나", None], dtype="string")
    linear = r"(?:(?<!\s)|(?!\s))(?:\s*(?:;;|;)\s*)"
    pd.testing.assert_series_equal(re_replace(s, r"\s*(?:;;|;)\s*", "|", python=linear),
                                   pd.Series(["a|b", "가|나", None], dtype="string"))
    pd.testing.assert_series_equal(re_contains(s, r"\s*(?:;;|;)\s*", python=linear),
                                   pd.Series([True, True, None], dtype="boolean"))
    with_na = pd.Series(["ACME GMBH", None], dtype="string")  # a missing value: pandas decides
    pd.testing.assert_series_equal(re_contains(with_na, r"\bGMBH"), with_na.str.contains(r"\bGMBH", regex=True))
    flags = re.compile(r"gmbh", re.IGNORECASE)  # flags: not translated, pandas runs it
    assert _translation(flags, "search") is None
    assert re_contains(pd.Series(["Acme GmbH"]), flags).tolist() == [True]
    assert _translation(r"(A)\1", "search") is None  # a back-reference
    odd = pd.Series(["A\ud800B GMBH"], dtype=object)  # a lone surrogate: Arrow cannot hold it
    assert re_contains(odd, r"\bGMBH").tolist() == [True]


PIECES = [r"\b", r"\B", "$", "^", r"\s", r"\S", r"\w", r"\W", r"\d", r"\D", ".", "A", "B", " ", "가", "É", ",",
          r"\.", "[A-C]", r"[^\w ]", r"[\w\-]", r"(?<!A)", r"(?=\s|$)", r"(?!B)", "(?:A|AB)", "\n"]
ALPHABET = [*"AB C,.-_1\n\t\x0b\x1c", "가", "É", "ü", "٣", "\xa0", "\u3000", "株"]


@st.composite
def patterns(draw):
    parts = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6))
    out = []
    for p in parts:
        q = draw(st.sampled_from(["", "", "+", "*", "?", "{1,2}", "+?"]))
        atomic = p.startswith(("\\b", "\\B", "$", "^", "(?<", "(?=", "(?!"))
        out.append(p if atomic or not q else f"(?:{p}){q}")
    alternatives = draw(st.integers(1, 2))
    return "|".join(["".join(out)] * (alternatives - 1) + ["".join(out[::-1])])


@settings(max_examples=examples(150), deadline=None)
@given(patterns(), st.lists(st.text(alphabet=ALPHABET, max_size=8), min_size=1, max_size=12))
def test_any_pattern_gives_pythons_answer(pattern, texts):
    s = pd.Series(texts, dtype=object)
    for how, fn in (("search", re_contains), ("match", re_match), ("fullmatch", re_fullmatch)):
        assert fn(s, pattern).tolist() == _python(texts, pattern, how), (how, pattern)
    for repl in (" ", ""):
        assert re_replace(s, pattern, repl).tolist() == [re.sub(pattern, repl, t) for t in texts], (pattern, repl)


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=8), min_size=1, max_size=12), st.booleans())
def test_space_runs_fast_path_is_pythons(texts, with_na):
    # \s+ -> " " is replaced only on the rows it changes: the result is re.sub's on every row,
    # with pandas' dtype, index (repeated labels too), name and missing values
    for dtype in ("str", "string", object):
        s = pd.Series(texts + ([None] if with_na else []), dtype=dtype, name="n")
        s.index = [7] * len(s)
        got = re_replace(s, r"\s+", " ")
        pd.testing.assert_series_equal(got, s.str.replace(r"\s+", " ", regex=True))
        assert got[s.notna().to_numpy()].tolist() == [re.sub(r"\s+", " ", t) for t in texts]


def test_space_runs_fast_path_by_hand():
    s = pd.Series(["A B", "A  B", "A\tB", "가\u3000나", "A\xa0B", "AB", " A ", "A\n"], dtype="str")
    assert re_replace(s, r"\s+", " ").tolist() == ["A B", "A B", "A B", "가 나", "A B", "AB", " A ", "A "]
    assert s.tolist()[1] == "A  B"  # the input is left alone


def _rule_patterns() -> dict[str, str | re.Pattern[str]]:
    pats: dict[str, str | re.Pattern[str]] = {n: getattr(C, n) for n in (
        "FIRM_LEGAL", "FIRM_WORD", "FOUNDER_FIRM", "FOR_PROFIT", "NAMED_RESEARCH", "MINISTRY", "ORG_CUE",
        "NONPROFIT", "PERSON_TITLE", "PERSON_COMMA", "PERSON_WORDS", "TRAILING_ID", "PERSON_KO")}
    pats.update({k: C._type_pattern(k) for k in ("hospital", *C.KEYWORD_ORDER)})
    pats["org_words"] = C._org_word_pattern()
    pats.update({"punct": r"[^\w ]", "spaces": r"\s+", "non_word": r"[^\w]+", "parenthesis": r"\([^)]*\)"})
    return pats


def _real_names(shared_data) -> pd.Series:
    from netanalysis.ingest import read_kipris_xml, read_lens

    names = []
    for res in (read_kipris_xml(shared_data / "kipris-plus-xml"),
                read_lens(shared_data / "lens-exports" / "pizza_lens_1000_raw.csv"),
                read_lens(shared_data / "lens-exports" / "drones_tac_1606_families.csv")):
        names += res.applications["applicant_raw"].astype(str).tolist()
    for f in sorted((shared_data / "patstat-it").glob("*.xlsx")):
        names += pd.read_excel(f, dtype=str)["psn_name"].dropna().astype(str).tolist()
    return pd.Series(sorted(set(names)), dtype=object)


@pytest.mark.slow  # every actor-type pattern on some 3,300 real names, three forms, four ways (about a minute)
def test_rule_patterns_on_real_names_are_pythons(shared_data):
    raw = _real_names(shared_data)
    assert len(raw) > 3000
    folded = C.fold_name(raw)
    for form, s in (("raw", raw), ("folded", folded), ("no spaces", folded.str.replace(" ", "", regex=False))):
        texts = s.tolist()
        for name, p in _rule_patterns().items():
            for how, fn in (("search", re_contains), ("match", re_match), ("fullmatch", re_fullmatch)):
                assert fn(s, p).tolist() == _python(texts, p, how), (form, name, how)
            assert re_replace(s, p, " ").tolist() == [re.sub(p, " ", t) for t in texts], (form, name)


def test_entities_patterns_translate():
    # the name-key patterns of entities.py are taken by the kernel (none falls back to pandas)
    compiled = {n: getattr(E, n) for n in dir(E) if n.endswith("_RE") and isinstance(getattr(E, n), re.Pattern)}
    assert compiled
    untranslated = [n for n, p in compiled.items() if _translation(p, "search") is None]
    assert untranslated == []
    assert all(_translation(p, "search") is not None for p in _rule_patterns().values())
    assert np.array_equal(re_contains(pd.Series(["UNIV. OF X"]), E._UNIV_ABBR_RE).to_numpy(),
                          np.array([E._UNIV_ABBR_RE.search("UNIV. OF X") is not None]))


def test_a_long_column_split_between_two_threads_gives_the_one_call_answer(monkeypatch):
    # past PARALLEL_ROWS each RE2 pass runs on the column's two halves in two threads: the answers,
    # joined in order, are Python's row for row (a column of 2,001 names, split at row 1,000)
    import netanalysis._regex as R

    monkeypatch.setattr(R, "PARALLEL_ROWS", 10)
    rng = np.random.default_rng(30)
    words = np.array(["ACME", "Ltd.", "가나", "UNIV", "OF", "Seoul", "  ", "GmbH", "ÉCOLE", "co"])
    values = pd.Series([" ".join(rng.choice(words, rng.integers(1, 6))) for _ in range(2_001)], dtype="str")
    for pattern in (r"\b(?:LTD|GMBH|CO)\b\.?", r"\s+", r"(?i)univ"):
        expected = [re.sub(pattern, "_", v) for v in values]
        assert re_replace(values, pattern, "_").tolist() == expected
        assert re_contains(values, pattern).tolist() == _python(list(values), pattern, "search")
    halves = R._in_halves(lambda a: a, R.arrow_text(values))
    assert halves.to_pylist() == values.tolist()


def test_replacement_runs_only_where_the_pattern_is_found():
    # RE2 rewrites only the values the pattern is found in when they are fewer than half (a search
    # writes nothing): none, a few and most values hit, with missing values, give Python's answers
    import netanalysis._regex as R

    for texts in (["BR 1", "BR2", None, "BR3", "BR4", "BR5"], ["BR1", "BR2", None], ["A-1", "B/2", "C 3", None, "D4"]):
        s = pd.Series(texts, dtype="string")
        want = [None if t is None else re.sub(r"[\s\-/]+", "", t) for t in texts]
        assert re_replace(s, r"[\s\-/]+", "").tolist() == [pd.NA if w is None else w for w in want]
    arr = R.arrow_text(pd.Series(["x1", "y", "z"], dtype="string"))
    assert R._replaced(arr, "[0-9]", "").to_pylist() == ["x", "y", "z"]
    assert R._replaced(arr, "Q", "") is arr  # found nowhere: the same array, not rewritten


# --- the prefilter: what every match needs, from Python's parse ----------------------------------------

@pytest.mark.parametrize(("pattern", "lo", "hi", "chars"), [
    (r"\d+\)", 2, None, {")"}),
    (r"a|b", 1, 1, {"a", "b"}),
    (r"a?b*", 0, None, None),  # nothing required
    (r"a*", 0, None, None),
    (r"(?i)x", 1, 1, {"x", "X"}),
    (r"(?i)k", 1, 1, {"k", "K", "\u212a"}),  # the Kelvin sign is a K for Python
    (r"(?i)i", 1, 1, {"i", "I", "\u0130", "\u0131"}),  # dotted capital I, dotless i
    (r"(?i:s)T", 2, 2, {"T"}),  # scoped flags: the case-blind s is bigger than the T
    (r"(?i:ab)|c", 1, 2, {"a", "A", "c"}),
    (r"(?:ab|c)+d?", 1, None, {"a", "c"}),
    (r"x{0,3}y", 1, 4, {"y"}),
    (r"[^a]b", 2, 2, {"b"}),  # a negated class gives nothing, the b does
    (r"[^a]|b", 1, 1, None),  # a branch without a required character: no set
    (r"\bLTD\b", 3, 3, {"L"}),
    (r"(?<=\()x", 1, 1, {"x"}),  # an assertion gives nothing (and no width)
    (r"\w+|\d", 1, None, None),  # categories: not enumerated
    (r"(a)\1", 2, 2, {"a"}),
    (r"[가-힣]{2}", 2, 2, {chr(c) for c in range(0xAC00, 0xD7A4)}),
    (r"[a-c]x|[d-e]", 1, 2, {"x", "d", "e"}),  # per branch its smallest set: the x, not [a-c]
    (r"[\x00-\U0010ffff]", 1, 1, None),  # too many characters to rule anything out
])
def test_needs_by_hand(pattern, lo, hi, chars):
    need = _needs(pattern)
    assert (need.min_chars, need.max_chars, need.chars) == (lo, hi, None if chars is None else frozenset(chars))


def test_needs_of_the_call_sites_patterns():
    from netanalysis.entities import _KO_UNIV_RE
    from netanalysis.ingest._pipeline import _MISSING_MARKER, _SCIENTIFIC
    from netanalysis.ingest._split import _ADDRESS_IN_NAME

    # a missing-value marker is at most as long as its longest spelling ("-infinity"), and holds one
    # of the characters every spelling starts with (either case)
    marker = _needs(_MISSING_MARKER)
    spellings = _MISSING_MARKER.pattern.replace("\\", "").replace("/?", "/").split("|")
    assert (marker.min_chars, marker.max_chars) == (1, max(map(len, spellings))) == (1, 9)
    assert marker.chars == frozenset("nNuU#+-")
    assert _needs(_SCIENTIFIC).chars == frozenset("eE")
    assert _needs(_ADDRESS_IN_NAME).chars in (frozenset("("), frozenset(")"))
    assert _needs(_KO_UNIV_RE).chars == frozenset("대")


_FIXED = [r"^(?P<name>.*?\S)\s*\((?P<addr>[^()]*)\)\s*$", r"[+-]?\d(?:\.\d+)?[eE][+-]?\d+",
          r"^(?:국립)?([가-힣]+?)(?:대학교|대학)$", "e", r"\)", "[eE]", "[가-힣]", "a|B", "(?i)x", "(?i)k", "(?i)inf|s",
          "(?i:a)b", r"\bKS\b", r"(?i)\bnan\b", "a?", "a*", "a?b*", "(?:ab|c)+", r"\d+\)", "x{2,3}", r"(?<!a)b",
          r"(a)\1", "[^a]b", "(?i)[^a]b", "(?i)[a-c]+", "e$", "(?i)e$", r"\s*\(", "대학교|대학", "(?i)-inf|-", "(?x) a b  # c",
          "(?i)nan|null|none|n/?a|inf|-inf|\\+inf|infinity|-infinity|#n/a|#value!|#name\\?|-"]
_TEXT = [*"aAbBcxXkKsSeEiIn/#+-1.2()) \t\n", "\xa0", "\u3000", "\x0b", "가", "대", "학", "교", "국", "립", "\u0130", "\u0131",
         "\u017f", "\u212a", "١"]
_PATTERNS = st.one_of(st.sampled_from(_FIXED), patterns(), patterns().map(lambda p: "(?i)" + p))
_TEXTS = st.lists(st.one_of(st.none(), st.text(alphabet=_TEXT, max_size=9)), min_size=1, max_size=14)


@settings(max_examples=examples(300), deadline=None)
@given(_PATTERNS, _TEXTS)
def test_rows_ruled_out_hold_no_match(pattern, texts):
    # the prefilter's promise, tested on its own whatever path the kernel then takes: no row it
    # rules out holds a match (Python's re), for a search, a match at the start and a full match
    arr = arrow_text(pd.Series(texts, dtype="string"))
    compiled = re.compile(pattern)
    for how in ("search", "match", "fullmatch"):
        for in_python in (True, False):
            possible = _possible(arr, _needs(pattern), how, in_python)
            if possible is None:
                continue
            for text, keep in zip(texts, possible, strict=True):
                if text is not None and not keep:
                    assert getattr(compiled, how)(text) is None, (pattern, how, text)


@settings(max_examples=examples(200), deadline=None)
@given(_PATTERNS, _TEXTS)
def test_prefiltered_kernel_gives_pythons_answer_with_missing_values(pattern, texts):
    # Python's answer on every value (pandas' dtype, index and name; a missing value stays missing)
    # wherever the kernel takes the pattern: translated into RE2, or not but prefiltered (Python's re
    # on the rows left); a pattern it takes neither way goes to pandas as before (which may run RE2
    # itself on Arrow text: its answer is then pandas')
    import netanalysis._regex as R

    compiled = re.compile(pattern)
    for dtype in ("string", "str", object):
        values = texts if dtype is not object else [t for t in texts if t is not None] or ["x"]
        s = pd.Series(values, dtype=dtype, name="n")
        missing = s.isna().to_numpy()
        pandas_dtype = s.str.contains("x", regex=False).dtype
        for how, fn, by_pandas in (("search", re_contains, s.str.contains), ("match", re_match, s.str.match),
                                   ("fullmatch", re_fullmatch, s.str.fullmatch)):
            got = fn(s, pattern)
            assert got.dtype == pandas_dtype and got.index.equals(s.index) and got.name == "n"
            if _translation(pattern, how) is not None or R._rules_out(_needs(pattern), how, in_python=True):
                want = [getattr(compiled, how)(v) is not None for v in s[~missing]]
            else:
                want = by_pandas(pattern)[~missing].tolist()
            assert got[~missing].tolist() == want, (how, pattern)
            assert got[missing].isna().all() if pandas_dtype == "boolean" else not got[missing].any()
        got = re_replace(s, pattern, "_")
        if _translation(pattern, "search") is not None or R._rules_out(_needs(pattern), "search", in_python=True):
            want = [compiled.sub("_", v) for v in s[~missing]]
        else:
            want = s.str.replace(pattern, "_", regex=True)[~missing].tolist()
        assert got[~missing].tolist() == want, pattern
        assert got.dtype == s.dtype and got[missing].isna().all()


def _arrow_can_hold(text: str) -> bool:
    return not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


@settings(max_examples=examples(300), deadline=None)
@given(st.data())
def test_texts_holding_a_match_are_never_ruled_out(data):
    # texts drawn to match the pattern (every branch of an alternation, either case), whole, with
    # text after them or on both sides: the prefilter keeps each that Python's re matches, and the
    # kernel gives Python's answer
    pattern = data.draw(st.sampled_from(_FIXED))
    compiled = re.compile(pattern)
    whole = data.draw(st.lists(st.from_regex(compiled, fullmatch=True).filter(_arrow_can_hold), min_size=1, max_size=6))
    noise = st.text(alphabet=_TEXT, max_size=4)
    after = [t + data.draw(noise) for t in whole]
    around = [data.draw(noise) + t + data.draw(noise) for t in whole]
    for how, fn, texts in (("fullmatch", re_fullmatch, whole), ("match", re_match, after), ("search", re_contains, around)):
        want = [getattr(compiled, how)(t) is not None for t in texts]
        arr = arrow_text(pd.Series(texts, dtype="string"))
        for in_python in (True, False):
            possible = _possible(arr, _needs(pattern), how, in_python)
            assert possible is None or all(possible[want]), (pattern, how, texts)
        assert fn(pd.Series(texts, dtype=object), pattern).tolist() == want, (pattern, how, texts)


def test_prefilter_spares_the_rows_that_cannot_match(monkeypatch):
    # the expensive path sees only the rows holding what every match needs: RE2 the names with a
    # parenthesis (1 in 100), Python's re the short ids holding a marker's character (no long id)
    import netanalysis._regex as R
    from netanalysis.ingest._pipeline import _MISSING_MARKER
    from netanalysis.ingest._split import _ADDRESS_IN_NAME

    seen: list[int] = []
    candidates, texts = R._candidates, R._texts
    monkeypatch.setattr(R, "_candidates", lambda arr, *a, **k: seen.append(len(arr)) or candidates(arr, *a, **k))
    monkeypatch.setattr(R, "_texts", lambda arr, at: seen.append(len(at)) or texts(arr, at))
    names = pd.Series(["ACME GMBH", "삼성전자 주식회사"] * 990 + ["삼성 (서울 강남구)", "X (Y) Z"] * 10, dtype="string")
    assert re_contains(names, _ADDRESS_IN_NAME).sum() == 10
    assert seen[0] == 20  # RE2 on the 20 names with a parenthesis
    seen.clear()
    ids = pd.Series([str(10**11 + i) for i in range(2000)] + ["N/A", "ınf", "12"], dtype="string")
    assert re_fullmatch(ids, _MISSING_MARKER).tolist() == [False] * 2000 + [True, True, False]
    assert seen == [2]  # Python's re on the two short ids holding one (of 2,003)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from([*"AZ09 ", "²", "①", "٣", "\u0660", "É", "Ⅻ", "¼", "𝟙", "ß"]),
                        max_size=5), max_size=40))
def test_words_without_digit_is_python_isdigit(words):
    """Arrow's ASCII digit test plus Python on the non-ASCII words equals Python's rule on every word
    (superscripts, circled and Arabic-Indic digits are digits to ``str.isdigit``; Roman numerals and
    fractions are not)."""
    import pyarrow as pa

    got = words_without_digit(pa.array(words, type=pa.large_string()))
    assert got.tolist() == [w != "" and not any(c.isdigit() for c in w) for w in words]
