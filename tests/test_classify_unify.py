"""One type per actor (:func:`netanalysis.classify.unify_actor_types`): the spellings of one
``applicant_id`` typed differently by the name rules take the type of the strongest evidence."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.classify import apply_source_types, classify_actors, unify_actor_types


def _types(names, ids, labels=None):
    cls = classify_actors(pd.Series(names))
    if labels is not None:
        cls = apply_source_types(cls, pd.Series(labels))
    out = unify_actor_types(cls, pd.Series(ids))
    return out["actor_type"].astype(str).tolist(), out["type_reason"].tolist()


def test_an_organisation_cue_on_one_spelling_beats_a_person_shape_on_another():
    # Lens drones: PARROT S A (a given-name word and two letters: a person's shape), PARROT SA (a legal
    # form), PARROT (no cue): one id; the legal form is the strongest evidence among them
    types, reasons = _types(["PARROT S A", "PARROT SA", "PARROT"], ["PARROT"] * 3)
    assert types == ["firm"] * 3 and set(reasons) == {"rule:firm_legal_form"}


def test_a_typo_typed_by_default_takes_the_rule_of_the_right_spelling():
    # synbio: TUFTS UNVERSITY (no university word: a firm by default) is TUFTS UNIVERSITY
    types, reasons = _types(["TUFTS UNVERSITY", "TUFTS UNIVERSITY"], ["TUFTS UNIVERSITY"] * 2)
    assert types == ["university"] * 2 and reasons == ["rule:university"] * 2


def test_among_equal_rules_the_id_read_as_a_name_decides_before_the_majority():
    # synbio: UNVERSITY OF GEORGIA RESEARCH FOUNDATION INC. (the research rule) and University of Georgia
    # Research Foundation Inc. (the university rule), one row each; the id, spelled right, reads university
    ids = ["UNIVERSITY OF GEORGIA RESEARCH FOUNDATION"] * 3
    types, _ = _types(["UNVERSITY OF GEORGIA RESEARCH FOUNDATION INC.", "UNVERSITY OF GEORGIA RESEARCH FOUNDATION INC.",
                       "University of Georgia Research Foundation Inc."], ids)
    assert types == ["university"] * 3  # two rows said research institute: the id's reading wins


def test_the_majority_decides_where_the_id_reads_neither_way():
    # two rule types, neither the id's own reading (an id an alias table chose): the type of more rows
    types, _ = _types(["ACME UNIVERSITY", "ACME INSTITUTE", "ACME INSTITUTE"], ["ZZ"] * 3)
    assert types == ["research_institute"] * 3


def test_the_source_label_beats_the_rules_and_rows_without_an_id_stay():
    # PATSTAT labels one spelling COMPANY, the other GOV NON-PROFIT (ISTITUTO EUROPEO DI ONCOLOGIA):
    # both are the source's word, of equal rank; the id reads as a research institute
    names = ["ISTITUTO EUROPEO DI ONCOLOGIA", "ISTITUTO EUROPEO DI ONCOLOGIA (IEO)", "INSTITUTO EUROPEO DI ONCOLOGIA",
             "ROSSI MARIO"]
    ids = ["ISTITUTO EUROPEO DI ONCOLOGIA"] * 3 + [None]
    types, reasons = _types(names, ids, labels=["COMPANY", "GOV NON-PROFIT", "GOV NON-PROFIT", ""])
    assert types[:3] == ["research_institute"] * 3
    assert reasons[:3] == ["source:GOV NON-PROFIT+rule:research_institute"] * 3
    assert (types[3], reasons[3]) == ("individual", "rule:person_given_name")


def test_one_way_typed_ids_are_returned_as_they_are():
    cls = classify_actors(pd.Series(["KAIST", "ROSSI MARIO"]))
    out = unify_actor_types(cls, pd.Series(["KAIST", "ROSSI MARIO"]))
    pd.testing.assert_frame_equal(out, cls)


@pytest.mark.slow
@pytest.mark.parametrize("export", ["drones_tac_1606_families.csv", "pizza_lens_1000_raw.csv"])
def test_every_row_of_a_real_export_has_its_actors_type(shared_data, export):
    from netanalysis.ingest import read_patents

    res = read_patents(shared_data / "lens-exports" / export)
    a, actors = res.applications, res.actors.set_index("applicant_id")
    assert (a["actor_type"].astype(str) == a["applicant_id"].map(actors["actor_type"].astype(str))).all()
    assert (a["type_reason"] == a["applicant_id"].map(actors["type_reason"])).all()
