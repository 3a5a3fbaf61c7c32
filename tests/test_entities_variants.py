"""Variant spellings of one organisation share an id; different organisations keep theirs
(issue 27, item 2): misspelt organisation words, connectives, capacity phrases, a trailing
acronym, USA written out.

Real names say where they came from: ``synbio`` (``../shared/data/lens-exports/synbio.xlsx``,
Thomson Innovation's ``patent_assignees_original_no_address`` or ``citing_patents_first_assignees``;
the curator's ``patent_assignees_cleaned`` joins each pair below that shares an id),
``patentsview`` (``../shared/data/patentsview-api``, ``assignee_organization``), ``patstat-it``
(``psn_name``). Names marked SYNTHETIC were written for the test.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from netanalysis.entities import (
    _is_acronym_of,
    correct_org_words,
    harmonise,
    name_key,
    name_variants,
    variant_suggestions,
)


@pytest.mark.parametrize(("a", "b", "source"), [
    ("UNIFERSITY OF FLORIDA RESEARCH FOUNDATION INC.", "UNIVERSITY OF FLORIDA RESEARCH FOUNDATION INC.", "synbio"),
    ("UNVERSITY OF GEORGIA RESEARCH FOUNDATION INC.", "University of Georgia Research Foundation Inc.", "synbio"),
    ("TUFTS UNVERSITY", "TUFTS UNIVERSITY", "synbio"),
    ("JOHNS HOPKINS UNIVERSTIY", "THE JOHNS HOPKINS UNIVERSITY", "synbio citing"),
    ("YEDA RESEARCH AND DEVELOMPMENT CO. LTD.", "YEDA RES & DEV CO LTD", "synbio"),
    ("CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE (CNRS)", "CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE", "synbio"),
    ("ISTITUTO NAZIONALE DI FISICA NUCLEARE (INFN)", "ISTITUTO NAZIONALE DI FISICA NUCLEARE", "patstat-it"),
    ("ARIZONA BOARD OF REGENTS FOR AND ON BEHALF OF ARIZONA STATE UNIVERSITY",
     "ARIZONA BOARD OF REGENTS A BODY CORPORATE OF THE STATE OF ARIZONA ACTING FOR AND ON BEHALF OF ARIZONA "
     "STATE UNIVERSITY", "synbio"),
    ("THE USA AS REPRESENTED BY THE SECRETARY OF THE ARMY ON BEHALF OF THE UNITED STATES ARMY MEDICAL RESEARCH",
     "The United States of America as represented by the Secretary of the Army", "synbio / patentsview"),
    ("UNIV CALIFORNIA", "The Regents of the University of California", "synbio citing / synbio"),
    ("UNIV CALIFORNIA A CALIFORNIA CORP", "UNIVERSITY OF CALIFORNIA", "synbio citing / synbio"),
    ("THE BRIGHAM AND WOMEN'S HOSPITAL INC.", "BRIGHAM & WOMENS HOSPITAL INC", "synbio / synbio cleaned"),
    ("UNIVERSITY OF WASHINGTON THROUGH ITS CENTER FOR COMMERCIALIZATION", "University of Washington", "synbio"),
    ("FONDAZIONE IRCCS ISTITUTO NAZIONALE DEL TUMORI", "FONDAZIONE IRCCS ISTITUTO NAZIONALE DEI TUMORI",
     "patstat-it"),
])
def test_variants_share_an_id(a, b, source):
    ka, kb = harmonise(pd.Series([a, b]))["applicant_id"].tolist()
    assert ka == kb, source


@pytest.mark.parametrize(("a", "b", "why"), [
    # different organisations (real names; the first two the synbio curator joined, wrongly)
    ("Washington University", "UNIVERSITY OF WASHINGTON", "St. Louis and Seattle: same words, other order"),
    ("FLORIDA STATE UNIVERSITY RESEARCH FOUNDATION", "UNIVERSITY OF FLORIDA RESEARCH FOUNDATION INC.", "two universities"),
    ("UNIVERSITA DI BERGAMO", "UNIVERSITA DI TERAMO", "patstat-it: a typo-level distance, two universities"),
    ("ACRONIS INTERNATIONAL", "MACRONIX INTERNATIONAL", "patentsview/lens: two firms"),
    # a university's board files for several universities: the bare board is not one of them
    ("ARIZONA BOARD OF REGENTS", "ARIZONA BOARD OF REGENTS FOR AND ON BEHALF OF ARIZONA STATE UNIVERSITY", "synbio"),
])
def test_different_organisations_keep_their_ids(a, b, why):
    ka, kb = harmonise(pd.Series([a, b]))["applicant_id"].tolist()
    assert ka != kb, why


def test_correct_org_words_hand_worked():
    keys = pd.Series([
        "UNIFERSITY OF FLORIDA",  # one letter changed
        "UNVERSITY OF GEORGIA",  # one dropped
        "JOHNS HOPKINS UNIVERSTIY",  # two neighbours swapped
        "YEDA RESEARCH AND DEVELOMPMENT",  # one added
        "UNIVERSITA DI PISA",  # a language variant: last letter differs, kept
        "INSTITUT PASTEUR",  # French: kept (INSTITUTE has another last letter)
        "RATIONAL",  # a word of its own: one edit from NATIONAL but another first letter
        "MASSACHUSEITS INSTITUTE",  # a typo in a distinctive word: never corrected here
        "DIVERSITY ARRAYS",  # two edits from UNIVERSITY
    ])
    assert correct_org_words(keys).tolist() == [
        "UNIVERSITY OF FLORIDA", "UNIVERSITY OF GEORGIA", "JOHNS HOPKINS UNIVERSITY",
        "YEDA RESEARCH AND DEVELOPMENT", "UNIVERSITA DI PISA", "INSTITUT PASTEUR", "RATIONAL",
        "MASSACHUSEITS INSTITUTE", "DIVERSITY ARRAYS",
    ]


@pytest.mark.parametrize(("acronym", "words", "expected"), [
    ("CNRS", "CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE", True),  # DE, LA skipped
    ("EPFL", "ECOLE POLYTECHNIQUE FEDERALE DE LAUSANNE", True),
    ("UPMC", "UNIV PIERRE ET MARIE CURIE", True),
    ("NY", "PE CORPORATION", False),  # a place, not the name's initials
    ("PUBL", "SCANIA CV AB", False),  # Swedish (publ): not an acronym of the name
    ("IGR", "INSTITUT GUSTAVE", False),  # one initial more than the words
])
def test_is_acronym_of_hand_worked(acronym, words, expected):
    assert _is_acronym_of(acronym, words) is expected


def test_connective_variants_take_the_written_out_spelling():
    # one name each way: the tie goes to the longer, written-out key (readable ids)
    ids = harmonise(pd.Series(["UNIV CHICAGO", "THE UNIVERSITY OF CHICAGO"]))["applicant_id"].tolist()
    assert ids == ["UNIVERSITY OF CHICAGO", "UNIVERSITY OF CHICAGO"]
    # two names the short way against one the long way: the commoner spelling wins
    keys = name_key(pd.Series(["UNIV CHICAGO", "UNIV. CHICAGO", "UNIVERSITY OF CHICAGO"])).tolist()
    assert keys == ["UNIVERSITY CHICAGO"] * 3


def test_name_variants_names_the_new_rules():
    raw = pd.Series(["TUFTS UNVERSITY", "TUFTS UNIVERSITY", "UNIV CHICAGO", "THE UNIVERSITY OF CHICAGO",
                     "INSTITUT GUSTAVE ROUSSY (IGR)", "INSTITUT GUSTAVE ROUSSY"])  # synbio / patstat-it
    v = name_variants(raw, harmonise(raw)["applicant_id"]).set_index("raw")["rule"]
    assert v["TUFTS UNVERSITY"] == "spelling"
    assert v["UNIV CHICAGO"] == "cleaning+connectives"  # UNIV written out, then OF added by the merge
    assert v["INSTITUT GUSTAVE ROUSSY (IGR)"] == "cleaning"  # the acronym dropped while cleaning
    assert v["TUFTS UNIVERSITY"] == "exact"


def test_typo_in_the_first_word_is_suggested_not_merged():
    ids = harmonise(pd.Series(["MASSACHUSEITS INSTITUTE OF TECHNOLOGY",  # synbio
                               "MASSACHUSETTS INSTITUTE OF TECHNOLOGY"]))["applicant_id"]
    assert ids.nunique() == 2
    s = variant_suggestions(ids)
    assert s[["id_a", "id_b"]].values.tolist() == [["MASSACHUSEITS INSTITUTE OF TECHNOLOGY",
                                                    "MASSACHUSETTS INSTITUTE OF TECHNOLOGY"]]


def test_suggestion_blocks_stay_bounded():
    # SYNTHETIC: 6,000 ids with one first and one last word: both blocks over the limit, skipped
    ids = pd.Series([f"ACME {i:05d} WIDGETS" for i in range(6000)])
    s = variant_suggestions(ids, max_block=5000)
    assert len(s) == 0 and s.attrs["skipped_ids"] == 6000


def test_tables_match_whichever_connective_spelling_the_data_took():
    from netanalysis.classify import _check_firm_sizes, match_firm_sizes

    # the data has UNIV CHICAGO twice (synbio citing spelling) and the full name once: their key is
    # UNIVERSITY CHICAGO; an alias table written the long way still applies (SYNTHETIC table)
    data = pd.Series(["UNIV CHICAGO", "UNIV CHICAGO", "THE UNIVERSITY OF CHICAGO"])
    table = pd.DataFrame({"alias": ["University of Chicago"], "applicant_id": ["UCHICAGO"]})
    assert harmonise(data, aliases=table)["applicant_id"].tolist() == ["UCHICAGO"] * 3
    # a firm-size row names the actor whatever the connective (SYNTHETIC table, real names:
    # 'Becton, Dickinson and Company' / 'BECTON, DICKINSON & COMPANY', synbio)
    ids = harmonise(pd.Series(["BECTON, DICKINSON & COMPANY"] * 2 + ["Becton, Dickinson and Company"]))["applicant_id"]
    sizes = _check_firm_sizes(pd.DataFrame({"name": ["Becton Dickinson and Company"], "size": ["large"]}))
    matched, _ = match_firm_sizes(sizes, ids)
    assert matched.to_dict() == {ids.iloc[0]: "large"}


# ---- one organisation word written with one edit more or less (word_variant), a space left after an
# abbreviation is written out, a university's governing body before its name (issue 27, item 2).
# Every pair these rules join on the organisation strings of all the real exports is listed, with a
# verdict, in tests/labels/export_name_pairs.csv.

@pytest.mark.parametrize(("a", "b", "source"), [
    ("Massachusetts Institutes of Technology", "MASSACHUSETTS INSTITUTE OF TECHNOLOGY", "synbio"),
    ("THE TEXAS A&M UNIVERSITY SYSTEM", "THE TEXAS A&M UNIVERSITY SYSTEMS", "patentsview / synbio"),
    ("AIX MARSEILLE UNIVERSITE", "AIX-MARSEILLE UNIVERSITY", "lens-drones / patstat-it"),
    ("MEAD JOHNSON NUTRITION ASIA PACIFCI PTE LTD", "MEAD JOHNSON NUTRITION ASIA PACIFIC PTE LTD", "synbio citing"),
    ("SYNTHETIC GENOMIC INC", "SYNTHETIC GENOMICS INC.", "synbio citing / synbio"),
    ("INSTITUTO NAZIONALE DIFISICA NUCLEARE", "ISTITUTO NAZIONALE DI FISICA NUCLEARE", "patstat-it"),
    ("PRESIDENT & FELLOWS OF HARVARD COLLEGE", "HARVARD COLLEGE", "synbio / synbio citing"),
    ("THE UNIVERSITY COURT OF THE UNIVERSITY OF EDINBURGH", "UNIV EDINBURGH", "synbio / synbio citing"),
    ("THE TRUSTEES OF THE UNIVERSITY OF PENNSYLVANIA", "UNIV PENNSYLVANIA", "synbio / synbio citing"),
    ("BOARD OF REGENTS THE UNIVERSITY OF TEXAS SYSTEM", "THE BOARD OF REGENTS OF THE UNIVERSITY OF TEXAS SYSTEM",
     "synbio"),
])
def test_word_variants_and_governing_bodies_share_an_id(a, b, source):
    ka, kb = harmonise(pd.Series([a, b]))["applicant_id"].tolist()
    assert ka == kb, source


@pytest.mark.parametrize(("a", "b", "why"), [
    # two provincial companies of State Grid (public knowledge; CNIPA applicants, not in the exports):
    # a one-letter difference in a distinctive word is never merged
    ("STATE GRID HUNAN ELECTRIC POWER COMPANY", "STATE GRID HENAN ELECTRIC POWER COMPANY", "Hunan / Henan"),
    # SYNTHETIC: nothing distinctive beside the organisation word
    ("NATIONAL INSTITUTE", "NATIONAL INSTITUTES", "no distinctive word left"),
    # SYNTHETIC: one edit, but another first letter (RATIONAL is a word of its own)
    ("RATIONAL SOFTWARE", "NATIONAL SOFTWARE", "first letter"),
    # SYNTHETIC person shape: a plural of a word no table lists is not an organisation word
    ("SMITH JOHN", "SMITH JOHNS", "persons"),
    # SYNTHETIC: digits tell units apart
    ("ACME SYSTEM 1", "ACME SYSTEM 2", "digits"),
])
def test_distinctive_words_keep_their_ids(a, b, why):
    ka, kb = harmonise(pd.Series([a, b]))["applicant_id"].tolist()
    assert ka != kb, why


def test_typo_in_a_distinctive_word_is_suggested_not_merged():
    # synbio: ABBOTT BIOLOGIALS B.V. is ABBOTT BIOLOGICALS B.V; the typo is in a distinctive word,
    # a position where one edit also separates real bodies (Hunan / Henan), so it is listed only
    ids = harmonise(pd.Series(["ABBOTT BIOLOGIALS B.V.", "ABBOTT BIOLOGICALS B.V"]))["applicant_id"]
    assert ids.nunique() == 2
    assert variant_suggestions(ids)[["id_a", "id_b"]].values.tolist() == [["ABBOTT BIOLOGIALS", "ABBOTT BIOLOGICALS"]]


@pytest.mark.parametrize(("name", "key"), [
    ("ARIZONA BOARD OF REGENTS", "ARIZONA BOARD OF REGENTS"),  # synbio: governs three universities
    ("SOUTH DAKOTA BOARD OF REGENTS", "SOUTH DAKOTA BOARD OF REGENTS"),  # synbio citing
    # public knowledge: the trustees of an estate (Kamehameha Schools), not of a university
    ("TRUSTEES OF THE ESTATE OF BERNICE PAUAHI BISHOP", "TRUSTEES OF THE ESTATE OF BERNICE PAUAHI BISHOP"),
    ("THE TRUSTEES OF COLUMBIA UNIVERSITY IN THE CITY OF NEW YORK",  # synbio
     "COLUMBIA UNIVERSITY IN THE CITY OF NEW YORK"),
    ("THE CHANCELLOR, MASTERS AND SCHOLARS OF THE UNIVERSITY OF OXFORD", "UNIVERSITY OF OXFORD"),  # Oxford's legal name
])
def test_governing_body_dropped_only_before_a_university(name, key):
    assert name_key(pd.Series([name])).tolist() == [key]


def test_merge_word_variants_hand_worked():
    from netanalysis.entities import _merge_word_variants

    # SYNTHETIC keys. Two names spell INSTITUTE, one INSTITUTES: the commoner spelling wins.
    # SYSTEM / SYSTEMS once each: the tie goes to the key with more organisation words (SYSTEMS is
    # a table word, SYSTEM is not). INSTITUTES and INSTITUE are each one edit from the table word
    # INSTITUTE, so the three OMEGA keys are one; INDUSTRIA is two edits from INDUSTRIES and one
    # from INDUSTRIE, which no table lists: it stays.
    keys = pd.Series(["ACME INSTITUTE", "ACME INSTITUTE", "ACME INSTITUTES", "ZETA SYSTEM", "ZETA SYSTEMS",
                      "OMEGA INSTITUTES", "OMEGA INSTITUE", "OMEGA INSTITUTE",
                      "OMEGA INDUSTRIE", "OMEGA INDUSTRIES", "OMEGA INDUSTRIA"])
    assert _merge_word_variants(keys).tolist() == [
        "ACME INSTITUTE", "ACME INSTITUTE", "ACME INSTITUTE", "ZETA SYSTEMS", "ZETA SYSTEMS",
        "OMEGA INSTITUTE", "OMEGA INSTITUTE", "OMEGA INSTITUTE",
        "OMEGA INDUSTRIES", "OMEGA INDUSTRIES", "OMEGA INDUSTRIA"]
    # a single word, no organisation word, an empty table: nothing to merge
    assert _merge_word_variants(pd.Series(["INSTITUTE", "INSTITUTES"])).tolist() == ["INSTITUTE", "INSTITUTES"]
    assert _merge_word_variants(pd.Series([], dtype=object)).tolist() == []


def test_name_variants_names_the_word_variant_rule():
    raw = pd.Series(["Massachusetts Institutes of Technology", "MASSACHUSETTS INSTITUTE OF TECHNOLOGY"])  # synbio
    v = name_variants(raw, harmonise(raw)["applicant_id"]).set_index("raw")["rule"]
    assert v["Massachusetts Institutes of Technology"] == "word_variant"
    assert v["MASSACHUSETTS INSTITUTE OF TECHNOLOGY"] == "exact"


LABELS = Path(__file__).resolve().parent / "labels"


def test_every_pair_the_enabled_rules_join_on_the_exports_was_judged_the_same_body():
    t = pd.read_csv(LABELS / "export_name_pairs.csv", dtype=str, keep_default_na=False)
    on = t[t["enabled"] == "yes"]
    # 10 joins of ids among the 3,512 organisation strings of all exports (5 word_variant,
    # 1 spacing after expansion, 4 governing bodies), each read: all one body
    assert len(on) == 10 and set(on["verdict"]) == {"same"}
    for a, b in zip(on["name_a"], on["name_b"], strict=True):
        ka, kb = harmonise(pd.Series([a, b]))["applicant_id"].tolist()
        assert ka == kb, (a, b)
    # the pairs of the rules left as suggestions that join two bodies stay apart
    off = t[(t["enabled"] == "no") & (t["verdict"] == "different")]
    assert len(off) == 4
    for a, b in zip(off["name_a"], off["name_b"], strict=True):
        ka, kb = harmonise(pd.Series([a, b]))["applicant_id"].tolist()
        assert ka != kb, (a, b)


def test_adjudicated_synbio_pairs_and_the_curators_groups():
    """The curator's pairs of the 231 synbio names, judged: the package joins every variant pair but
    two (a typo in the first, distinctive word; a legal name beside the common one) and keeps every
    pair of two bodies apart; with the curator's roll-ups as a group table, the roll-ups join and
    the curator's two mistakes (other institutions) still do not."""
    from netanalysis.entities import with_groups

    pairs = pd.read_csv(LABELS / "harmonisation_pairs_adjudicated.csv", dtype=str, keep_default_na=False)
    assert pairs["verdict"].value_counts().to_dict() == {"variant": 29, "different": 14}
    assert pairs["reason"].ne("").all() and pairs["kind"].ne("").all()
    names = pd.Series(sorted(set(pairs["name_a"]) | set(pairs["name_b"])))
    groups = pd.read_csv(LABELS / "synbio_groups.csv", dtype=str, keep_default_na=False)
    # the group table names each parent by the id the package gives it
    assert harmonise(groups["parent"])["applicant_id"].tolist() == groups["applicant_id"].tolist()
    for table, expect in ((None, {"variant": 27, "different": 0}),
                          (with_groups(None, groups[["alias", "applicant_id"]]), {"variant": 27, "different": 10})):
        ids = dict(zip(names, harmonise(names, aliases=table)["applicant_id"], strict=True))
        joined = pd.Series([ids[a] == ids[b] for a, b in zip(pairs["name_a"], pairs["name_b"], strict=True)],
                           index=pairs.index)
        got = pairs[joined]["verdict"].value_counts().to_dict()
        assert {k: got.get(k, 0) for k in expect} == expect
    missed = pairs[pairs["verdict"].eq("variant") & ~joined]
    assert sorted(missed["kind"]) == ["legal name vs common name", "misspelling (distinctive word)"]
    still_apart = pairs[pairs["verdict"].eq("different") & ~joined]
    assert set(still_apart["kind"]) == {"different institution"} and len(still_apart) == 4


def test_merge_word_variants_in_blocks_as_at_once(monkeypatch):
    # the word distances are worked out a block of words at a time (a national table's names hold
    # 10⁵ distinct tokens); any block size gives the answer of the whole matrix. SYNTHETIC keys: the
    # hand-worked ones above, with leading, trailing and repeated spaces, and random words around them
    import numpy as np

    import netanalysis.entities as E

    rng = np.random.default_rng(30)
    letters = np.array(list("ABCDEFGHIJKLMNOPRSTU"))
    filler = ["".join(rng.choice(letters, int(rng.integers(3, 9)))) for _ in range(300)]
    words = [*filler, "INSTITUTES", "SYSTEM", "UNIVERSTIY", "LABORATORY", "LABORATRY"]
    keys = pd.Series(["ACME INSTITUTE", "ACME INSTITUTE", "ACME INSTITUTES", "ZETA SYSTEM", "ZETA SYSTEMS",
                      "OMEGA INSTITUTES", "OMEGA INSTITUE", "OMEGA INSTITUTE", " OMEGA  INDUSTRIE",
                      "OMEGA INDUSTRIES ", "OMEGA INDUSTRIA",
                      *(f"{a} {b} {c}" for a, b, c in rng.choice(words, (400, 3)))])
    whole = E._merge_word_variants(keys)
    assert whole[:8].tolist() == ["ACME INSTITUTE"] * 3 + ["ZETA SYSTEMS"] * 2 + ["OMEGA INSTITUTE"] * 3  # as by hand
    for cells in (1, 7, 1000):
        monkeypatch.setattr(E, "_DISTANCE_CELLS", cells)
        pd.testing.assert_series_equal(E._merge_word_variants(keys), whole)



def test_merge_word_variants_without_arrow_as_with(monkeypatch):
    # the names' distinct words by Arrow (no copy of pandas' Arrow strings) or, for text Arrow does
    # not take, by Python's split: the same merges either way. SYNTHETIC keys
    import netanalysis.entities as E

    keys = pd.Series(["ACME INSTITUTE", "ACME INSTITUTE", "ACME INSTITUTES", " OMEGA  INSTITUE",
                      "OMEGA INSTITUE ", "OMEGA INSTITUTE", "OMEGA INSTITUTE", "OMEGA INSTITUTE"])
    with_arrow = E._merge_word_variants(keys)
    assert with_arrow[[0, 1, 2, 5, 6, 7]].tolist() == ["ACME INSTITUTE"] * 3 + ["OMEGA INSTITUTE"] * 3
    monkeypatch.setattr(E, "arrow_text", lambda values: None)
    pd.testing.assert_series_equal(E._merge_word_variants(keys), with_arrow)


def test_merge_word_variants_finds_the_variant_at_any_place_in_a_name():
    # the names a variant spelling could be are looked for among the names holding a variant word
    # between spaces (not every name hashed): first, middle and last word, and a word that only
    # contains the variant (INSTITUTESX) is no variant. SYNTHETIC keys
    from netanalysis.entities import _merge_word_variants

    keys = pd.Series(["INSTITUTE ACME", "INSTITUTE ACME", "INSTITUTES ACME",
                      "OMEGA INSTITUTE ZETA", "OMEGA INSTITUTE ZETA", "OMEGA INSTITUTES ZETA",
                      "BETA INSTITUTE", "BETA INSTITUTE", "BETA INSTITUE",
                      "GAMMA INSTITUTE", "GAMMA INSTITUTESX"])
    assert _merge_word_variants(keys).tolist() == [
        "INSTITUTE ACME"] * 3 + ["OMEGA INSTITUTE ZETA"] * 3 + ["BETA INSTITUTE"] * 3 + [
        "GAMMA INSTITUTE", "GAMMA INSTITUTESX"]


@pytest.mark.parametrize("dtype", [object, "string"])
def test_distinct_words_are_pythons_split(dtype):
    # Arrow splits, Python splits each piece again: the words of str.split() in order of first
    # appearance, whatever blanks separate them (U+001C … are blanks to Python, not to Arrow).
    # SYNTHETIC names from random words and blanks
    import numpy as np

    from netanalysis.entities import _distinct_words

    rng = np.random.default_rng(7)
    blanks = [" ", "  ", "\t", "\u00a0", "\u3000", "\x1c", "\x1f", "\x85", "\u2028", "\n"]
    words = ["ACME", "É", "ÜBER", "大學", "X1", "A&M", "-", "X²", "٣Y"]
    names = ["".join(str(rng.choice(blanks)) + str(rng.choice(words)) for _ in range(int(rng.integers(0, 5))))
             + str(rng.choice(blanks)) for _ in range(300)]
    s = pd.Series([*names, None], dtype=dtype)
    expect = list(pd.unique(pd.Series([*names], dtype=object).str.split().explode().dropna()))
    assert _distinct_words(s) == expect
    assert set(expect) == set(words)
    # the words kept by length and digits: Python's rule on each word, the order kept
    for min_chars, digits in ((2, True), (3, False), (1, False), (5, True)):
        kept = [w for w in expect if len(w) >= min_chars and (digits or not any(c.isdigit() for c in w))]
        assert _distinct_words(s, min_chars=min_chars, digits=digits) == kept
    # words only found beside a blank Arrow does not split at (Python's words all the same)
    odd = pd.Series(["ZETA\x1cOMEGA", "ACME\x85BETA2 ACME"], dtype=dtype)
    assert _distinct_words(odd) == ["ZETA", "OMEGA", "ACME", "BETA2"]
    assert _distinct_words(odd, min_chars=5, digits=False) == ["OMEGA"]
