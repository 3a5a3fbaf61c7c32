"""Drill-down to the documents behind every number: patents of a tie or an actor, technology profiles (issue 16)."""

from __future__ import annotations

import re

import pytest

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis.datasets import sample_path
from netanalysis.ingest import read_patents


@pytest.fixture(scope="module")
def sample():
    res = read_patents(sample_path())
    return res, nw.edges_from_applications(res.applications)


def test_patents_between_and_of_count_independently(sample):
    res, e = sample
    apps = res.applications
    d = nw.collapse(e).sort_values("n_patents", ascending=False).iloc[0]
    docs = m.patents_between(apps, d["u"], d["v"])
    assert len(docs) == d["n_patents"]  # every co-patent of the tie, and only those
    assert docs["applicants"].str.contains(d["u"], regex=False).all()
    of = m.patents_of(apps, d["u"])
    assert len(of) == apps.loc[apps["applicant_id"] == d["u"], "patent_id"].nunique()
    assert set(docs["patent_id"]) <= set(of["patent_id"])
    assert m.patents_between(apps, d["u"], "no such actor").empty


def test_technology_profile_counts_each_actors_patents_once_per_subclass(sample):
    res, _ = sample
    apps = res.applications
    t = m.technology_profile(apps, level="subclass")
    pairs = apps.drop_duplicates(["patent_id", "applicant_id"])
    # independently: the distinct valid subclasses of each (patent, applicant)
    per_pair = [{c.replace(" ", "").upper()[:4] for c in str(cell).split(";") if c.strip()}
                if isinstance(cell, str) else set() for cell in pairs["ipc"]]
    per_pair = [{c for c in codes if re.fullmatch(r"[A-H]\d\d[A-Z]", c)} for codes in per_pair]
    assert t.to_numpy().sum() == sum(len(c) for c in per_pair)
    top = pairs["applicant_id"].value_counts().index[0]
    assert t.loc[top].sum() == sum(len(c) for c, who in zip(per_pair, pairs["applicant_id"], strict=True) if who == top)
    assert all(len(c) == 4 for c in t.columns)
    profile = m.technology_profile(apps, level="section", share=True)
    assert profile.sum(axis=1).to_numpy() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="level"):
        m.technology_profile(apps, level="division")
