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


def test_invariants_on_random_tables_with_a_repeated_index_and_missing_reasons():
    # whole-column codes (a national table): on random tables, each id ends with one type and reason,
    # with a size, taken from one of its own rows; ids typed one way keep every row as it was; rows without an id
    # are left alone; the index (repeated here) and the dtypes are kept
    import numpy as np

    from netanalysis.schema import ActorType

    rng = np.random.default_rng(11)
    types = ["university", "firm", "individual", "research_institute"]
    reasons = ["rule:university", "evidence:inventor", "source:assignee_type", "rule:default_firm", None]
    for _ in range(20):
        n = int(rng.integers(1, 300))
        cls = pd.DataFrame({"actor_type": pd.Series(rng.choice(types, n)).astype(ActorType),
                            "type_reason": pd.Series(rng.choice(reasons, n), dtype="string"),
                            "size_source": pd.Series(rng.choice(["unknown", "source"], n), dtype="string")},
                           index=rng.integers(0, max(1, n // 3), n))
        ids = pd.Series(rng.choice([f"ID{i}" for i in range(int(rng.integers(1, 30)))] + [None], n), index=cls.index)
        out = unify_actor_types(cls, ids)
        assert list(out.index) == list(cls.index) and out.dtypes.equals(cls.dtypes)
        def txt(col: pd.Series) -> np.ndarray:
            return col.astype("string").fillna("<NA>").to_numpy()

        pos = pd.DataFrame({"id": ids.to_numpy(), "t": txt(cls["actor_type"]), "r": txt(cls["type_reason"]),
                            "s": txt(cls["size_source"]), "t2": txt(out["actor_type"]),
                            "r2": txt(out["type_reason"]), "s2": txt(out["size_source"])})
        for key, g in pos[pos["id"].notna()].groupby("id"):
            assert g[["t2", "r2"]].drop_duplicates().shape[0] == 1, key  # one type, for one reason, per id
            assert tuple(g.iloc[0][["t2", "r2", "s2"]]) in set(map(tuple, g[["t", "r", "s"]].to_numpy())), key
            if g[["t", "r"]].drop_duplicates().shape[0] == 1:
                assert (g["t"] == g["t2"]).all() and (g["r"] == g["r2"]).all() and (g["s"] == g["s2"]).all()
        none = pos["id"].isna()
        assert (pos.loc[none, "t"] == pos.loc[none, "t2"]).all() and (pos.loc[none, "r"] == pos.loc[none, "r2"]).all()
