"""One region rule (issue 19): an actor is where most of its applications place it — in the
edge focus, in openness and in the figures — so openness is the same for any edge table that
holds the focus's ties."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis.ingest import actors_from_applications


def _apps():
    # X files p1 with Z (both Daegu), p2 with Y from a Seoul address (Y in Seoul), and p3, p4
    # alone from Daegu: X's usual region is Daegu (3 of its 4 applications).
    rows = [("p1", "X", "KR-27"), ("p1", "Z", "KR-27"), ("p2", "X", "KR-11"), ("p2", "Y", "KR-11"),
            ("p3", "X", "KR-27"), ("p4", "X", "KR-27-Buk-gu")]
    a = pd.DataFrame(rows, columns=["patent_id", "applicant_id", "region"])
    return a.assign(year=2010, actor_type="sme", country="KR", applicant_name=a["applicant_id"],
                    applicant_raw=a["applicant_id"])


def test_tiny_case_same_shares_from_either_edge_table():
    apps = _apps()
    actors = actors_from_applications(apps)
    assert actors.set_index("applicant_id").loc["X", "region"] == "KR-27"
    touching = nw.edges_from_applications(apps, region="KR-27")
    every = nw.edges_from_applications(apps)
    # by the usual-region rule X is a Daegu actor on every patent: both of its ties touch Daegu
    assert sorted(zip(touching["u"], touching["v"], strict=True)) == [("X", "Y"), ("X", "Z")]
    a = m.regional_openness(touching, actors, "KR-27")
    b = m.regional_openness(every, actors, "KR-27")
    pd.testing.assert_frame_equal(a, b)
    shares = a[a.scope == "all"].set_index("category")["share_ties"]
    # X-Z internal, X-Y to the capital area (Seoul): one half each
    assert shares["internal"] == pytest.approx(0.5) and shares["core_region"] == pytest.approx(0.5)


def test_internal_mode_uses_the_same_rule():
    apps = _apps()
    internal = nw.edges_from_applications(apps, region="KR-27", region_mode="internal")
    assert list(zip(internal["u"], internal["v"], strict=True)) == [("X", "Z")]


def test_focus_every_actor_outside_still_has_ties_when_a_usual_region_is_inside():
    # Y's only application is from Seoul; the focus Seoul holds Y, and X (usually Daegu) is its partner
    apps = _apps()
    t = nw.edges_from_applications(apps, region="KR-11")
    assert list(zip(t["u"], t["v"], strict=True)) == [("X", "Y")]
    o = m.regional_openness(t, actors_from_applications(apps), "KR-11")
    assert o[(o.scope == "all") & (o.category == "rest_of_country")]["n_ties"].item() == 1


def test_large_collaborations_by_patent_weight_or_whole_dyad():
    # X (Daegu) and Y (Seoul) file ten patents together; one of them also names W (Busan)
    rows = [(f"p{i}", a) for i in range(10) for a in ("X", "Y")] + [("p0", "W")]
    apps = pd.DataFrame(rows, columns=["patent_id", "applicant_id"]).assign(
        year=2010, actor_type="university", country="KR")
    apps["region"] = apps["applicant_id"].map({"X": "KR-27", "Y": "KR-11", "W": "KR-26"})
    apps["applicant_name"] = apps["applicant_raw"] = apps["applicant_id"]
    actors = actors_from_applications(apps)
    e = nw.edges_from_applications(apps, region="KR-27")
    xy = e[(e.u == "X") & (e.v == "Y")].iloc[0]
    assert (xy["n_patents"], xy["n_patents_3plus"], xy["weight_3plus"]) == (10, 1, 1.0)
    by_patent = m.regional_openness(e, actors, "KR-27").set_index(["scope", "category"])
    by_dyad = m.regional_openness(e, actors, "KR-27", large="dyads").set_index(["scope", "category"])
    # X-Y: 1 of its 10 patents is large (patent weight 1) against its whole weight 10; X-W: 1 either way
    assert by_patent.loc[("large", "core_region"), "weight"] == 1.0
    assert by_dyad.loc[("large", "core_region"), "weight"] == 10.0
    assert by_patent.loc[("large", "rest_of_country"), "weight"] == by_dyad.loc[("large", "rest_of_country"),
                                                                                "weight"] == 1.0
    # fractional weighting: the three-applicant patent adds 1/2 to each of its pairs
    f = nw.edges_from_applications(apps, region="KR-27", weighting="fractional")
    assert f[(f.u == "X") & (f.v == "Y")]["weight_3plus"].item() == pytest.approx(0.5)


def test_institution_table_places_known_institutions_without_an_address(tmp_path):
    from netanalysis.ingest.generic import read_table

    f = tmp_path / "t.csv"
    f.write_text("id,year,who,addr\n"
                 "1,2010,KYUNGPOOK NATIONAL UNIVERSITY;ACME INC;경북대학교 산학협력단,\n"
                 "2,2011,KYUNGPOOK NATIONAL UNIVERSITY;ACME INC,서울특별시 관악구;\n", encoding="utf-8")
    a = read_table(f, {"patent_id": "id", "year": "year", "applicants": "who", "address": "addr"}).applications
    knu = a[a["applicant_id"] == "KYUNGPOOK NATIONAL UNIVERSITY"].set_index("patent_id")
    # no address: the table's main campus (Buk-gu, Daegu), said so; an address always wins
    first = knu.loc[["1"]]
    assert set(first["region"]) == {"KR-27-Buk-gu"} and set(first["region_source"]) == {"institution_table"}
    assert knu.loc["2", "region"] == "KR-11-Gwanak-gu" and knu.loc["2", "region_source"] == "address"
    acme = a[a["applicant_id"] == "ACME"]
    assert (acme["region"] == "").all() and (acme["region_source"] == "").all()


def test_user_alias_table_can_place_a_firm(tmp_path):
    from netanalysis.ingest.generic import read_table

    f = tmp_path / "t.csv"
    f.write_text("id,year,who\n1,2010,ACME INC;BETA LTD\n", encoding="utf-8")
    aliases = pd.DataFrame({"alias": ["ACME INC"], "applicant_id": ["ACME"], "region": ["KR-47-Gumi-si"]})
    a = read_table(f, {"patent_id": "id", "year": "year", "applicants": "who"}, aliases=aliases).applications
    row = a.set_index("applicant_id").loc["ACME"]
    assert (row["region"], row["region_source"]) == ("KR-47-Gumi-si", "institution_table")
