"""An organisation cue always wins over a person's name shape (issue 27): founder-named firms,
legal forms before the name or after a comma, German compound trades, trade words.

Real names say where they came from: ``lens-pizza`` / ``lens-drones``
(``../shared/data/lens-exports/pizza_lens_1000_raw.csv`` / ``drones_tac_1606_families.csv``,
Applicants), ``patentsview`` (``../shared/data/patentsview-api`` cassettes,
``assignee_organization``), ``patstat-it`` (``../shared/data/patstat-it``, ``psn_name`` with
its ``psn_sector``). Names marked SYNTHETIC were written for this test, in the shapes of the
commercial registers of each language (e.g. Italy's "Rossi Mario & C. S.a.s.").
"""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.classify import classify_actors


def _typed(names: list[str]) -> list[tuple[str, str]]:
    out = classify_actors(pd.Series(names))
    return list(zip(out["actor_type"].astype(str), out["type_reason"], strict=True))


# Real organisations that the rules typed individual before (reason in the comment), now firms.
REAL_ORGANISATIONS = [
    ("AB VOLVO PENTA", "patentsview", "rule:firm_legal_form"),  # Swedish AB before the name; was person_given_name
    ("OPEN TEXT SA ULC", "patentsview", "rule:firm_legal_form"),  # Canadian ULC; was person_given_name
    ("YOUNG LIVING ESSENTIAL OILS, LC", "patentsview", "rule:firm_legal_form"),  # was person_comma
    ("Merck Patentgesellschaft", "patentsview", "rule:firm_word"),  # German compound; was person_given_name
    ("ION BEAM APPLICATIONS", "patstat-it", "rule:default_firm"),  # COMPANY; plural abstract noun
    ("EDISON TERMOELETTRICA", "patstat-it", "rule:default_firm"),  # COMPANY; ELETTR inside a word
    ("PIERRE FABRE MEDICAMENT", "patstat-it", "rule:default_firm"),  # COMPANY; trade word (fr)
    # a trade glued to a country name (issue 27): ItGovNon1.xlsx row 81, COMPANY; was person_given_name (CARLO)
    ("FARMITALIA CARLO ERBA", "patstat-it", "rule:default_firm"),
]
# Real founder-named firms: typed firm before (by other cues or the default), now by their founder words.
REAL_FOUNDER_FIRMS = [
    ("BARILLA FLLI G & R", "lens-pizza"),
    ("SHORT BROTHERS AND HARLAND LIM", "lens-drones"),
    ("A. RAYMOND & Cie", "patentsview"),
    ("FRATELLI LAMBERTI", "patstat-it"),  # COMPANY
]


@pytest.mark.parametrize(("name", "source", "reason"), REAL_ORGANISATIONS)
def test_real_organisations_with_a_person_like_name_are_firms(name, source, reason):
    assert _typed([name]) == [("firm", reason)], source


@pytest.mark.parametrize(("name", "source"), REAL_FOUNDER_FIRMS)
def test_real_founder_named_firms(name, source):
    assert _typed([name]) == [("firm", "rule:firm_founder")], source


@pytest.mark.parametrize("name", [
    # SYNTHETIC, one per language's founder words; every one of them was typed individual
    # before (a given name among two to four words, no cue)
    "FRATELLI ROSSI", "ROSSI MARIO E C.", "ROSSI E FIGLI", "MARIO ROSSI DITTA",
    "ROSSI MARIO IMPRESA INDIVIDUALE",  # it
    "HANS MULLER SOHNE", "MULLER HANS E.K.",  # de
    "PIERRE DUPONT ET FILS",  # fr
    "JAN JANSEN EN ZONEN",  # nl
    "SMITH BROTHERS", "SMITH BROS",  # en
    "GARCIA HERMANOS", "JOSE GARCIA E HIJOS",  # es
])
def test_founder_words_win_over_a_given_name(name):
    assert _typed([name]) == [("firm", "rule:firm_founder")]


def test_founder_words_that_are_also_surnames_count_only_after_a_connective():
    # SOHN is a Korean surname (손) and FILS a French one: alone they are no cue (SYNTHETIC names)
    assert _typed(["SOHN KYUNG HO"])[0][0] == "individual"
    assert _typed(["MULLER & SOHN", "PIERRE DUPONT & FILS"]) == [("firm", "rule:firm_founder")] * 2


def test_a_research_word_still_wins_over_a_founder_word():
    # a foundation named after two brothers is a foundation (SYNTHETIC)
    assert _typed(["FONDAZIONE FRATELLI ROSSI"])[0][0] == "research_institute"


@pytest.mark.parametrize(("name", "source"), [
    ("STAZIONE ZOOLOGICA ANTON DOHRN", "patstat-it"),  # was individual (ANTON a given name)
    ("LABORATOIRES PIERRE FABRE", "SYNTHETIC (the French word for laboratories)"),
])
def test_organisation_words_in_other_languages(name, source):
    assert _typed([name])[0][0] != "individual", source


def test_legal_forms_do_not_fire_inside_a_name():
    # ULC only at the end; AB only before the name (real: patstat-it; SYNTHETIC person)
    assert _typed(["ISTITUTO NAZIONALE DI GEOFISICA E V ULCANOLOGIA"])[0][0] == "research_institute"
    assert _typed(["ABBA MARIO"])[0][0] == "individual"


def test_a_trade_glued_to_a_country_name_is_an_organisation_cue():
    # TRENITALIA: patstat-it ItUniv3.xlsx row 399, COMPANY; LAFRANCE PIERRE (SYNTHETIC): FRANCE is left out of
    # the glued names because LAFRANCE and DEFRANCE are surnames
    assert _typed(["TRENITALIA", "FARMITALIA CARLO ERBA"]) == [("firm", "rule:default_firm")] * 2
    assert _typed(["LAFRANCE PIERRE"]) == [("individual", "rule:person_given_name")]
