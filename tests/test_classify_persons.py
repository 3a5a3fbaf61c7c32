"""Who is a person (issue 27): persons by evidence and by name, organisation cues, given names."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.classify import classify_actors, given_names, inventor_evidence
from netanalysis.entities import repair_text

PERSONS = [
    ("LEONARDO ALVES DE ALMEIDA", "issue 27"),  # Brazilian: particle DE, one given name
    ("PAULO EDUARDO VASQUEZ LOVIZZARO", "issue 27"),
    ("KÁTIA EDLENA DE SOUZA PEGOS", "issue 27"),
    ("VENTIMEGLIA JOEL MICHAEL", "lens-pizza"),  # was rule:default_firm
    ("FISK, JR.; JAMES", "lens-pizza"),  # SURNAME, JR.; GIVEN
    ("CASPER; GARY D.", "lens-pizza"),  # SURNAME; GIVEN
    ("BORGOMANERO G P", "lens-pizza"),  # bare initials
    ("GUSTAVSEN WILLARD", "lens-pizza"),  # was a research institute (Czech USTAV inside the word)
    ("ANDREEVA ELENA STANISLAVOVNA", "lens-drones inventors"),  # patronymic
    ("KATAEV ANATOLIJ ALEKSANDROVICH", "lens-drones"),
    ("SCHAER ANDRÃ‰", "lens-drones"),  # mojibake of ANDRÉ
]


ORGANISATIONS = [
    ("ABBOTT LAB", "issue 27"),  # LAB: an abbreviation, an organisation cue
    ("BARUCH S BLUMBERG INST", "issue 27"),
    ("SCHIEBEL GES M B H", "lens-drones"),  # GES M B H
    ("Nektar Therapeutics", "patentsview"),
    ("Delphi Technologies", "patentsview"),
    ("GALILEO VACUUM TEC", "patstat-it"),
]


@pytest.mark.parametrize(("name", "source"), PERSONS)
def test_real_persons_are_individuals_from_the_name(name, source):
    out = classify_actors(pd.Series([name]))
    assert out["actor_type"].astype(str).iloc[0] == "individual", (name, source, out["type_reason"].iloc[0])
    assert out["type_reason"].iloc[0].startswith("rule:person_")


@pytest.mark.parametrize(("name", "source"), ORGANISATIONS)
def test_organisation_cue_always_wins(name, source):
    out = classify_actors(pd.Series([name]))
    assert out["actor_type"].astype(str).iloc[0] != "individual", (name, source)


def test_given_names_come_from_the_multilingual_resource():
    names = given_names()
    assert 15_000 < len(names) < 40_000  # nomquamgender, >= 10 of its sources
    assert {"PAULO", "LEONARDO", "KATIA", "ANDRE", "JOAO", "ELENA", "HIROSHI"} <= names
    assert not {"GENERAL", "APPLE", "ELECTRIC", "PIZZA"} & names  # words of firms, listed by few sources


def test_inventor_evidence_hand_computed():
    # names: lens-pizza (applicant and inventor of one record), issue 27, a firm
    names = pd.Series(["VENTIMEGLIA JAMIE JOSEPH", "LEONARDO ALVES DE ALMEIDA", "PIZZA HUT INC", "MONOV", "MONOV"])
    inventors = pd.Series(["VENTIMEGLIA JAMIE JOSEPH; VENTIMEGLIA THOMAS JOSEPH", "ALMEIDA, LEONARDO ALVES DE",
                           "RADER JEFF", "MONOV", None])
    assert inventor_evidence(names, inventors).tolist() == [True, True, False, True, False]
    out = classify_actors(names, applicant_id=names, inventors=inventors)
    # MONOV: evidence on one application types the actor on all its rows
    assert out["type_reason"].tolist() == ["evidence:inventor"] * 2 + ["rule:firm_legal_form"] + ["evidence:inventor"] * 2
    # an organisation cue wins over evidence (an inventor field holding a firm's name)
    firm = classify_actors(pd.Series(["ACME GMBH"]), inventors=pd.Series(["ACME GMBH"]))
    assert firm["actor_type"].astype(str).iloc[0] == "firm"  # a firm of unknown size (issue 37)


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
def test_lens_drones_persons_by_evidence(shared_data):
    from netanalysis.ingest.lens import read_lens

    a = read_lens(shared_data / "lens-exports" / "drones_tac_1606_families.csv").applications
    # independently: rows whose applicant's words (upper case, any order) are one inventor's
    def words(s: str) -> str:
        return " ".join(sorted(repair_text(pd.Series([s])).iloc[0].upper().replace(",", " ").split()))

    inv = {(p, words(n)) for p, cell in zip(a["patent_id"], a["inventors"], strict=True) if isinstance(cell, str)
           for n in cell.split("; ")}
    is_inv = pd.Series([(p, words(n)) in inv for p, n in zip(a["patent_id"], a["applicant_raw"], strict=True)])
    assert is_inv.sum() > 500
    typed = a["actor_type"].astype(str).reset_index(drop=True)
    assert typed[is_inv].eq("individual").mean() > 0.99
    by_evidence = a["type_reason"].reset_index(drop=True).eq("evidence:inventor")
    assert (by_evidence <= (typed == "individual")).all()
    assert by_evidence.sum() >= is_inv.sum() * 0.95


@pytest.mark.parametrize("name", ["12345", "---", "ПЕТРОВ ИВАН", "佐藤 太郎", "ACME " * 50])
def test_names_the_resources_do_not_cover_are_typed_with_a_reason(name):
    out = classify_actors(pd.Series([name, "ROSSI MARIO"]))
    assert len(out) == 2 and out["type_reason"].str.len().gt(0).all()
    assert out["actor_type"].astype(str).iloc[1] == "individual"


def test_long_table_inventors_column_gives_evidence_and_text_is_repaired(tmp_path):
    # PATSTAT-style long table (one row per patent x applicant) with an inventors column; the
    # names are lens-drones' (SCHAER ANDRÃ‰ as exported) and issue 27's; the title is made up
    from netanalysis.ingest.generic import read_table

    f = tmp_path / "long.csv"
    f.write_text("appln_id,year,psn_name,inventors,title\n"
                 "1,2010,SCHAER ANDRÃ‰,SCHAER ANDRÃ‰,CAFÃ‰ MACHINE\n"
                 "1,2010,ACME SPA,SCHAER ANDRÃ‰,CAFÃ‰ MACHINE\n"
                 "2,2011,MONOV,MONOV;KIM CHUL,ROTOR\n"
                 "2,2011,ACME SPA,MONOV;KIM CHUL,ROTOR\n", encoding="utf-8")
    res = read_table(f, {"patent_id": "appln_id", "year": "year", "applicants": "psn_name",
                         "inventors": "inventors", "title": "title"}, layout="long")
    a = res.applications.set_index(["patent_id", "applicant_raw"])
    assert a.loc[("1", "SCHAER ANDRÃ‰"), "type_reason"] == "evidence:inventor"
    assert a.loc[("2", "MONOV"), "type_reason"] == "evidence:inventor"  # a name no rule knows
    assert a.loc[("1", "ACME SPA"), "actor_type"] == "firm"  # a firm of unknown size (issue 37)
    assert a.loc[("1", "SCHAER ANDRÃ‰"), "title"] == "CAFÉ MACHINE"
    assert a.loc[("1", "SCHAER ANDRÃ‰"), "applicant_name"] == "SCHAER ANDRÉ"
    assert res.report.rows_read == 4 and res.report.rows_rejected == 0
