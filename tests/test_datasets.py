"""The bundled SYNTHETIC sample: reproducible, labelled, and showing the study's four patterns."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis.datasets import SYNTHETIC_NOTE, sample_csv_text, sample_firm_sizes_path, sample_path
from netanalysis.ingest import read_patents as ingest
from netanalysis.regions import at_level

DG = "KR-27,KR-47"


@pytest.fixture(scope="module")
def sample():
    return ingest(sample_path(), firm_sizes=sample_firm_sizes_path())


@pytest.fixture(scope="module")
def dg(sample):
    e = nw.edges_from_applications(sample.applications, years=(2004, 2020), region=DG)
    return e, nw.to_igraph(e, sample.actors)


def test_sample_file_is_the_generator_output_and_says_synthetic():
    text = sample_path().read_text(encoding="utf-8-sig")
    assert text == sample_csv_text()
    assert text.startswith(SYNTHETIC_NOTE) and "SYNTHETIC" in sample_path().name.upper()


def test_sample_size_years_and_all_sido(sample):
    r = sample.report
    assert 5000 <= r.rows_read <= 20000 and r.rows_rejected == 0
    assert sample.applications["year"].between(2004, 2020).all()
    assert sample.applications["year"].nunique() == 17
    assert at_level(sample.actors["region"], 1).replace("", pd.NA).dropna().nunique() == 17


def test_universities_are_hubs_and_bridges(dg):
    _e, g = dg
    c = m.centrality(g)
    deg = m.summarise_by(c, value="degree")
    btw = m.summarise_by(c, value="betweenness")
    assert deg["actor_type"].iloc[0] == "university"
    assert btw["actor_type"].iloc[0] == "university"
    assert (c.head(5)["actor_type"] == "university").all()


def test_university_sme_ties_mostly_one_time(dg, sample):
    e, _ = dg
    p = m.persistence_by_type_pair(m.dyad_persistence(e, sample.actors)).set_index("type_pair")
    assert p.loc["university–sme", "share_one_time"] > 0.6
    assert p.loc["university–sme", "share_repeated"] < 0.35


def test_large_collaborations_lean_on_outside_actors(dg, sample):
    e, _ = dg
    o = m.regional_openness(e, sample.actors, DG).set_index(["scope", "category"])
    internal_all = o.loc[("all", "internal"), "share_ties"]
    internal_large = o.loc[("large", "internal"), "share_ties"]
    assert internal_large < internal_all
    assert 1 - internal_large > 0.4


def test_few_university_university_ties(dg, sample):
    e, g = dg
    mix = m.type_mixing(e, sample.actors).set_index(["group_a", "group_b"])
    assert mix.loc[("university", "university"), "row_share_ties"] < 0.05
    assert m.assortativity(g) < 0
