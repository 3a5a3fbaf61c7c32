"""Name cleaning steps of harmonisation, each on hand-written names."""

from __future__ import annotations

import pandas as pd

from netanalysis.entities import clean_name, expand_abbreviations, romanise_hangul, variant_suggestions


def test_clean_name_upper_cases_collapses_spaces_and_unfolds_compatibility_characters():
    got = clean_name(pd.Series(["  acme\t\tco ", "㈜가온", "Ｆｕｌｌ width"])).tolist()
    assert got == ["ACME CO", "(주)가온", "FULL WIDTH"]


def test_expand_abbreviations_whole_words_only():
    got = expand_abbreviations(pd.Series(["ACME LAB", "LABRADOR CORP", "KOREA ADV INST SCI"])).tolist()
    assert got[0] == "ACME LABORATORIES"
    assert got[1] == "LABRADOR CORP"  # LAB inside a word is not an abbreviation
    assert got[2] == "KOREA ADV INSTITUTE SCIENCE"  # ADV is not in the list: left as written


def test_romanise_hangul_revised_romanisation_and_other_text_kept():
    assert romanise_hangul(pd.Series(["서울", "부산 ACME", "ACME"])).tolist() == ["Seoul", "Busan ACME", "ACME"]


def test_variant_suggestions_lists_one_edit_pairs_and_never_distant_names():
    ids = pd.Series(["KOREA ROBOTICS", "KOREA ROBOTIC", "DAEGU MOTORS", "BUSAN FOODS"])
    s = variant_suggestions(ids)
    assert s[["id_a", "id_b"]].values.tolist() == [["KOREA ROBOTIC", "KOREA ROBOTICS"]]
    assert variant_suggestions(pd.Series(["ALPHA", "OMEGA"])).empty


def test_fold_accents_and_tight_key_by_hand():
    from netanalysis.entities import fold_accents, tight_key

    # É → E, ß → SS, ü → U; Hangul syllables are recomposed whole (NFKD then NFC)
    assert fold_accents("ÉCOLE STRAßE MÜNCHEN") == "ECOLE STRASSE MUNCHEN"
    assert fold_accents("경북대학교") == "경북대학교"
    # connectives and spaces dropped; word order kept; a key of connectives only is kept whole
    got = tight_key(pd.Series(["UNIVERSITY OF WASHINGTON", "WASHINGTON UNIVERSITY", "AT&T", "OF THE"]))
    assert got.tolist() == ["UNIVERSITYWASHINGTON", "WASHINGTONUNIVERSITY", "AT&T", "OF THE"]


def test_fold_accents_all_keeps_positions_when_the_index_repeats():
    from netanalysis.entities import fold_accents_all

    # an exploded list column repeats its index (Lens inventors, one row per name): folded by position
    names = pd.Series(["MILIĆEVIĆ IVAN", "RADER JEFF", "SCHAER ANDRÉ"], index=[7, 7, 8])
    out = fold_accents_all(names)
    assert out.tolist() == ["MILICEVIC IVAN", "RADER JEFF", "SCHAER ANDRE"]
    assert out.index.tolist() == [7, 7, 8]


def test_marks_that_spell_a_word_are_kept_in_keys():
    from netanalysis.entities import fold_accents, name_key

    # Devanagari and Thai vowel signs and viramas are letters of the word, not accents: before,
    # राम शर्मा (Ram Sharma) became "र म शरम", the same key as रीम शर्मा (Reem Sharma), and the Thai
    # บริษัท (company) fell apart into "บร ษ ท"
    assert fold_accents("राम शर्मा") == "राम शर्मा"
    keys = name_key(pd.Series(["राम शर्मा", "रीम शर्मा", "สมชาย ใจดี", "บริษัท ไทย"])).tolist()
    assert keys == ["राम शर्मा", "रीम शर्मा", "สมชาย ใจดี", "บริษัท ไทย"]
    # on a Latin, Greek or Cyrillic letter a mark is an accent, folded as before
    assert fold_accents("Ἀριστοτέλης Йошкар Crème") == "Αριστοτελης Иошкар Creme"


def test_a_mark_on_no_letter_is_dropped():
    from netanalysis.entities import fold_accents

    # Lens pizza: mojibake leaves combining marks after spaces ("Ì •Ë_ ́Ê__"); they were dropped
    # before the script rule and still are: only a letter of Devanagari, Thai … keeps its marks
    assert fold_accents("E ́E") == "E E"
    assert fold_accents("- ̃x") == "- x"
