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
