"""Inventor regions (issue 31 item 1): REGPAT-style fractional counts by inventor region,
inter-regional co-inventor flows, and where the invention happens against where the owner sits.

Every expected value is worked out by hand in the comments, on tiny tables written here
(SYNTHETIC) and on the SYNTHETIC PATSTAT / REGPAT fixtures (tests/fixtures/patstat_native).
The flows are also checked against an independent brute-force count over inventor pairs.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np
import pandas as pd
import pytest
from _hyp import TESTS

from netanalysis._errors import NetworkInputError
from netanalysis.metrics.inventor_regions import co_inventor_flows, invention_vs_ownership, inventor_region_shares

FIXTURES = TESTS / "fixtures" / "patstat_native"


def _inv(rows: list[tuple]) -> pd.DataFrame:
    """(patent, seq, region, region_share) rows as an inventors table (SYNTHETIC)."""
    return pd.DataFrame(rows, columns=["patent_id", "inventor_seq", "region", "region_share"])


# p1: three inventors: ITC4C, ITI43, and one split DE212 0.5 / DE213 0.5
# p2: one inventor in ITC4C
# p3: two inventors: one of unknown region, one in ITC4C
TINY = _inv([("p1", 1, "ITC4C", 1.0), ("p1", 2, "ITI43", 1.0), ("p1", 3, "DE212", 0.5), ("p1", 3, "DE213", 0.5),
             ("p2", 1, "ITC4C", 1.0),
             ("p3", 1, "", np.nan), ("p3", 2, "ITC4C", 1.0)])
APPS = pd.DataFrame({"patent_id": ["p1", "p2", "p3", "p4"], "applicant_id": ["A", "A", "B", "C"],
                     "year": [2015, 2015, 2017, 2016], "region": ["ITC4C", "ITC4C", "ITI43", "ITC4C"]})


def _as_dict(t: pd.DataFrame, key: str = "region", value: str = "patents") -> dict:
    return {k: round(float(v), 9) for k, v in zip(t[key], t[value], strict=True)}


# --- inventor_region_shares ------------------------------------------------------------------

def test_shares_by_hand():
    t = inventor_region_shares(TINY)
    # p1: 1/3 each inventor -> ITC4C 1/3, ITI43 1/3, DE212 1/6, DE213 1/6
    # p2: ITC4C 1;  p3: "" 1/2, ITC4C 1/2
    # ITC4C = 1/3 + 1 + 1/2 = 11/6; total = 3 patents
    assert _as_dict(t) == {"ITC4C": round(11 / 6, 9), "": 0.5, "ITI43": round(1 / 3, 9), "DE212": round(1 / 6, 9),
                           "DE213": round(1 / 6, 9)}
    assert t["region"].tolist() == ["ITC4C", "", "ITI43", "DE212", "DE213"]  # largest first
    assert t["patents"].sum() == pytest.approx(3.0)          # each patent counts 1
    assert t["share"].sum() == pytest.approx(1.0)
    assert t.set_index("region").loc["ITC4C", "share"] == pytest.approx(11 / 18)
    # ITC4C: inventors on p1, p2, p3 -> 3 patents, 3 inventor-patent pairs
    assert t.set_index("region").loc["ITC4C", ["n_patents", "n_inventors"]].tolist() == [3, 3]
    assert t.attrs["n_patents"] == 3 and t.attrs["unknown"] == pytest.approx(0.5)
    assert any("unknown region" in n for n in t.attrs["notes"])


def test_shares_at_levels():
    # NUTS 2: DE212 and DE213 are both DE21 -> 1/6 + 1/6 = 1/3; NUTS 1: ITC, ITI, DE2
    assert _as_dict(inventor_region_shares(TINY, level=2)) == {
        "ITC4": round(11 / 6, 9), "": 0.5, "DE21": round(1 / 3, 9), "ITI4": round(1 / 3, 9)}
    assert _as_dict(inventor_region_shares(TINY, level=1)) == {
        "ITC": round(11 / 6, 9), "": 0.5, "DE2": round(1 / 3, 9), "ITI": round(1 / 3, 9)}
    # country level: IT = 11/6 + 1/3 = 13/6, DE = 1/3
    assert _as_dict(inventor_region_shares(TINY, level=0)) == {"IT": round(13 / 6, 9), "": 0.5,
                                                               "DE": round(1 / 3, 9)}


def test_shares_by_year_with_applications():
    t = inventor_region_shares(TINY, APPS, by_year=True)
    # 2015: p1 and p2 -> ITC4C 1/3 + 1 = 4/3, ITI43 1/3, DE212 1/6, DE213 1/6 (2 patents)
    # 2016: p4 has no inventor -> 1 in the unknown region
    # 2017: p3 -> "" 1/2, ITC4C 1/2
    by = {y: _as_dict(g) for y, g in t.groupby("year")}
    assert by == {2015: {"ITC4C": round(4 / 3, 9), "ITI43": round(1 / 3, 9), "DE212": round(1 / 6, 9),
                         "DE213": round(1 / 6, 9)},
                  2016: {"": 1.0}, 2017: {"": 0.5, "ITC4C": 0.5}}
    assert t.groupby("year")["share"].sum().round(9).tolist() == [1.0, 1.0, 1.0]
    assert any("1 of 4 patents have no inventor" in n for n in t.attrs["notes"])
    assert t.attrs["n_patents"] == 4


def test_years_without_patents_are_stated():
    t = inventor_region_shares(TINY, APPS, years=(2014, 2015))
    # only p1, p2 filed in 2014-2015: 2 patents; 2014 has none, said in the notes
    assert t["patents"].sum() == pytest.approx(2.0)
    assert "no patent filed in 2014: those years have no row" in t.attrs["notes"]
    with pytest.raises(NetworkInputError, match="no patent was filed in 2000–2001"):
        inventor_region_shares(TINY, APPS, years=(2000, 2001))
    with pytest.raises(NetworkInputError, match="need the applications table"):
        inventor_region_shares(TINY, years=(2015, 2016))


def test_region_shares_rescaled_and_defaulted():
    # p9: one inventor in two regions with shares 0.3 + 0.3 (not 1): rescaled to 0.5 / 0.5;
    # p8: one inventor in two regions, no share given: split equally
    inv = _inv([("p9", 1, "ITC4C", 0.3), ("p9", 1, "ITI43", 0.3),
                ("p8", 1, "ITC4C", np.nan), ("p8", 1, "ITH36", np.nan)])
    t = inventor_region_shares(inv)
    assert _as_dict(t) == {"ITC4C": 1.0, "ITH36": 0.5, "ITI43": 0.5}
    assert "1 inventor's region shares do not sum to 1: rescaled to 1" in t.attrs["notes"]


def test_region_with_no_patent_is_absent():
    t = inventor_region_shares(TINY)
    assert "ITH36" not in set(t["region"])       # no inventor there: no row, never a zero
    assert (t["patents"] > 0).all()


def test_no_inventor_regions_is_one_clear_error():
    for bad in (None, TINY.iloc[:0], TINY.assign(region="")):
        with pytest.raises(NetworkInputError, match=r"PATSTAT.*REGPAT"):
            inventor_region_shares(bad)
    with pytest.raises(NetworkInputError, match=r"inventors lack column\(s\) \['region'\]"):
        inventor_region_shares(TINY.drop(columns="region"))
    with pytest.raises(NetworkInputError, match="no inventor region reaches level 3"):
        inventor_region_shares(_inv([("p1", 1, "IT", 1.0)]), level=3)


# --- the fixtures (SYNTHETIC PATSTAT and REGPAT) ----------------------------------------------

def test_patstat_fixture_by_hand():
    from netanalysis.ingest.patstat import read_patstat_native

    res = read_patstat_native(FIXTURES / "patstat")
    t = inventor_region_shares(res.inventors, res.applications)
    # kept applications 1001, 1002, 1004.  1001: Bianchi ITI43, Verdi DE212 (1/2 each);
    # 1002: Rossi ITC42, Bianchi ITI43 (1/2 each); 1004: Ferrari, no NUTS -> "" 1
    assert _as_dict(t) == {"": 1.0, "ITI43": 1.0, "DE212": 0.5, "ITC42": 0.5}
    v = invention_vs_ownership(res.applications, res.inventors).set_index("region")
    # owners: 1001 POLIMI ITC4C 1/2, ENI ITI43 1/2; 1002 ROSSI ITC42 1/2, CNR ITI43 1/2;
    # 1004 FERRARI "" 1/2, BOLOGNA ITH55 1/2.
    # ITI43 invents 1/2 (1001) + 1/2 (1002) and owns 1/2 + 1/2; of its inventions owned outside:
    # 1001: 1/2 x (1 - 1/2 owned in ITI43) = 1/4; 1002: 1/2 x 1/2 = 1/4 -> 1/2 of 1
    assert v.loc["ITI43", ["invented", "owned", "invented_owned_outside"]].tolist() == [1.0, 1.0, 0.5]
    # DE212 invents 1/2 and owns nothing: all of it owned outside (by ITC4C and ITI43)
    assert v.loc["DE212", ["invented", "owned", "invented_owned_outside"]].tolist() == [0.5, 0.0, 1.0]
    assert np.isnan(v.loc["DE212", "owned_invented_outside"])  # owns nothing: not defined
    # ITH55 (Bologna) owns 1/2 of 1004, whose only inventor has no region: all unknown
    assert v.loc["ITH55", ["owned", "owned_invented_outside", "owned_inventor_unknown"]].tolist() == [0.5, 0.0, 1.0]
    # ITC4C owns 1/2 of 1001, invented by ITI43 and DE212: all invented outside
    assert v.loc["ITC4C", "owned_invented_outside"] == 1.0
    assert v["invented"].sum() == pytest.approx(3.0) and v["owned"].sum() == pytest.approx(3.0)
    f = co_inventor_flows(res.inventors)
    # 1001: Bianchi ITI43 - Verdi DE212, one pair; 1002: Rossi ITC42 - Bianchi ITI43
    assert f[["region_a", "region_b", "weight"]].values.tolist() == [["DE212", "ITI43", 1.0],
                                                                    ["ITC42", "ITI43", 1.0]]
    # NUTS 1: ITC42 -> ITC, ITI43 -> ITI, DE212 -> DE2
    f1 = co_inventor_flows(res.inventors, level=1)
    assert f1[["region_a", "region_b", "weight"]].values.tolist() == [["DE2", "ITI", 1.0], ["ITC", "ITI", 1.0]]


def test_regpat_fixture_by_hand():
    from netanalysis.ingest.regpat import read_regpat

    res = read_regpat(FIXTURES / "regpat")
    # kept applications 5001, 5002 (5003 has no year).  5001: NERI ITC11, GIALLI ITC4C (inv_share 1/2);
    # 5002: MUELLER alone, DE213 1/2 and DE21H 1/2 (reg_share)
    t = inventor_region_shares(res.inventors, res.applications)
    assert _as_dict(t) == {"DE213": 0.5, "DE21H": 0.5, "ITC11": 0.5, "ITC4C": 0.5}
    # NUTS 2: DE213, DE21H -> DE21 (1); ITC11 -> ITC1, ITC4C -> ITC4
    assert _as_dict(inventor_region_shares(res.inventors, level=2)) == {"DE21": 1.0, "ITC1": 0.5, "ITC4": 0.5}
    f = co_inventor_flows(res.inventors)
    # 5001: one pair across ITC11 - ITC4C; 5002: one inventor in two regions is no pair
    assert f[["region_a", "region_b", "weight"]].values.tolist() == [["ITC11", "ITC4C", 1.0]]
    assert f.attrs["within"] == 0.0
    v = invention_vs_ownership(res.applications, res.inventors).set_index("region")
    # owners: 5001 POLITO ITC11 1/2 + FIAT ITC11 1/2 = ITC11 1; 5002 SIEMENS placed in DE21H (largest reg_share)
    # DE21H: invents 1/2, owns 1: of what it owns, 1 x (1 - 1/2 invented there) = 1/2 invented outside (DE213)
    assert v.loc["DE21H", ["invented", "owned", "invented_owned_outside", "owned_invented_outside"]].tolist() == \
        [0.5, 1.0, 0.0, 0.5]
    # ITC4C invents 1/2 of 5001, owned in ITC11: all owned outside
    assert v.loc["ITC4C", "invented_owned_outside"] == 1.0


# --- co_inventor_flows ---------------------------------------------------------------------------

FLOWS = _inv([("p1", 1, "ITC4C", 1.0), ("p1", 2, "ITC4C", 1.0), ("p1", 3, "ITI43", 1.0), ("p1", 4, "", np.nan),
              ("p2", 1, "ITC4C", 0.5), ("p2", 1, "ITI43", 0.5), ("p2", 2, "DE212", 1.0),
              ("p3", 1, "ITC4C", 1.0)])


def test_flows_by_hand():
    f = co_inventor_flows(FLOWS)
    # p1: 4 inventors, 6 pairs of weight 1/6: (1,2) within ITC4C; (1,3), (2,3) ITC4C-ITI43 -> 2/6;
    #     (1,4), (2,4), (3,4) with the unknown inventor -> 3/6
    # p2: 2 inventors, 1 pair: inventor 1 half ITC4C half ITI43, inventor 2 DE212 -> DE212-ITC4C 1/2,
    #     DE212-ITI43 1/2; inventor 1's own two regions are no pair
    # p3: one inventor, no pair
    assert f[["region_a", "region_b"]].values.tolist() == [["DE212", "ITC4C"], ["DE212", "ITI43"], ["ITC4C", "ITI43"]]
    assert f["weight"].tolist() == pytest.approx([0.5, 0.5, 1 / 3])
    assert f["n_patents"].tolist() == [1, 1, 1]
    a = f.attrs
    assert (a["within"], a["unknown"], a["between"]) == pytest.approx((1 / 6, 0.5, 4 / 3))
    assert a["patents_with_pairs"] == 2
    assert a["within"] + a["unknown"] + a["between"] == pytest.approx(2.0)   # each patent with a pair counts 1
    assert "1 of 3 patents has one inventor: no pair" in a["notes"]


def test_flows_at_country_level():
    f = co_inventor_flows(FLOWS, level=0)
    # p1: ITC4C, ITC4C, ITI43 are all IT: 3 pairs within (3/6), 3 with the unknown one (3/6)
    # p2: inventor 1 wholly in IT (1/2 + 1/2), inventor 2 in DE -> DE-IT 1
    assert f[["region_a", "region_b", "weight"]].values.tolist() == [["DE", "IT", 1.0]]
    assert (f.attrs["within"], f.attrs["unknown"]) == pytest.approx((0.5, 0.5))


def _brute_force_flows(inv: pd.DataFrame) -> dict[tuple[str, str], float]:
    """Independent count: every unordered pair of a patent's inventors, every pair of their regions."""
    out: dict[tuple[str, str], float] = defaultdict(float)
    for _, rows in inv.groupby("patent_id"):
        people: dict = {}
        for r in rows.itertuples():
            people.setdefault(r.inventor_seq, []).append((r.region, r.region_share))
        if len(people) < 2:
            continue
        pairs = len(people) * (len(people) - 1) / 2
        for x, y in itertools.combinations(people.values(), 2):
            tx, ty = sum(s for _, s in x), sum(s for _, s in y)
            for (ra, sa), (rb, sb) in itertools.product(x, y):
                if ra and rb and ra != rb:
                    out[tuple(sorted((ra, rb)))] += (sa / tx) * (sb / ty) / pairs
    return dict(out)


def test_flows_match_a_brute_force_count():
    rng = np.random.default_rng(31)
    regions = ["ITC4C", "ITI43", "DE212", "FR101", ""]
    rows = []
    for p in range(60):
        for i in range(int(rng.integers(1, 6))):
            k = int(rng.integers(1, 3))            # an inventor in one or two regions
            shares = rng.dirichlet(np.ones(k))
            for r, s in zip(rng.choice(regions, size=k, replace=False), shares, strict=True):
                rows.append((f"p{p}", i, str(r), float(s)))
    inv = _inv(rows)
    got = {(a, b): w for a, b, w in co_inventor_flows(inv)[["region_a", "region_b", "weight"]].values}
    want = _brute_force_flows(inv)
    assert set(got) == {k for k, v in want.items() if v > 1e-12}
    for k, v in got.items():
        assert v == pytest.approx(want[k], rel=1e-9)


# --- invention_vs_ownership -------------------------------------------------------------------

def test_invention_vs_ownership_by_hand():
    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p3"], "applicant_id": ["A", "B", "C", "D"],
                         "region": ["ITC4C", "ITI43", "ITC4C", ""]})
    inv = _inv([("p1", 1, "ITC4C", 1.0), ("p1", 2, "DE212", 1.0), ("p2", 1, "ITI43", 1.0), ("p3", 1, "ITC4C", 1.0)])
    v = invention_vs_ownership(apps, inv)
    # inventor weights: p1 ITC4C 1/2, DE212 1/2; p2 ITI43 1; p3 ITC4C 1
    # owner weights:    p1 ITC4C 1/2, ITI43 1/2; p2 ITC4C 1;  p3 "" 1
    assert v["region"].tolist() == ["ITC4C", "ITI43", "DE212", ""]   # by invented, largest first
    t = v.set_index("region")
    # ITC4C invents 1/2 + 1 = 3/2 and owns 1/2 + 1 = 3/2.
    #   owned outside: p1 1/2 x (1 - 1/2) = 1/4; p3 1 x (1 - 0 - 1 unknown) = 0 -> (1/4) / (3/2) = 1/6
    #   owner unknown: p3 1 x 1 = 1 -> 2/3
    #   owned here, invented outside: p1 1/2 x (1 - 1/2) = 1/4; p2 1 x 1 = 1 -> (5/4) / (3/2) = 5/6
    assert t.loc["ITC4C"][["invented", "owned", "invented_owned_outside", "invented_owner_unknown",
                           "owned_invented_outside", "owned_inventor_unknown"]].tolist() == \
        pytest.approx([1.5, 1.5, 1 / 6, 2 / 3, 5 / 6, 0.0])
    # ITI43 invents p2 (owned in ITC4C) and owns 1/2 of p1 (invented in ITC4C and DE212): both wholly outside
    assert t.loc["ITI43"][["invented", "owned", "invented_owned_outside", "owned_invented_outside"]].tolist() == \
        pytest.approx([1.0, 0.5, 1.0, 1.0])
    assert t.loc["ITC4C", ["n_invented", "n_owned"]].tolist() == [2, 2]
    # the unknown region keeps its mass (p3's owner) but has no shares
    assert t.loc["", "owned"] == 1.0 and t.loc[""].iloc[4:].isna().all()
    assert v["invented"].sum() == pytest.approx(3.0) and v["owned"].sum() == pytest.approx(3.0)
    assert any("invent patents but own none" in n or "invents patents but owns none" in n for n in v.attrs["notes"])


def test_invention_vs_ownership_at_nuts2_and_bad_input():
    apps = pd.DataFrame({"patent_id": ["p1", "p2"], "applicant_id": ["A", "B"], "region": ["ITC4C", "ITC45"]})
    inv = _inv([("p1", 1, "ITC45", 1.0), ("p2", 1, "ITC4C", 1.0)])
    # NUTS 3: each region invents what the other owns (all outside); NUTS 2: both are ITC4 (nothing outside)
    assert invention_vs_ownership(apps, inv)["invented_owned_outside"].tolist() == [1.0, 1.0]
    v2 = invention_vs_ownership(apps, inv, level=2)
    assert v2[["region", "invented", "owned", "invented_owned_outside", "owned_invented_outside"]].values.tolist() \
        == [["ITC4", 2.0, 2.0, 0.0, 0.0]]
    with pytest.raises(NetworkInputError, match="PATSTAT"):
        invention_vs_ownership(apps, None)
    with pytest.raises(NetworkInputError, match="lack a 'region' column"):
        invention_vs_ownership(apps.drop(columns="region"), inv)
    with pytest.raises(NetworkInputError, match="no applicant has a region"):
        invention_vs_ownership(apps.assign(region=""), inv)


# --- real data: PATSTAT Italy lists applicants only -------------------------------------------

def test_patstat_italy_extract_has_no_inventor_regions(shared_data, tmp_path):
    """ItUniv2 (real PATSTAT query result) has nb_inventors but no inventor persons: read as PATSTAT's
    native tables it gives an empty inventors table, and the measures say why they cannot be computed."""
    from netanalysis.ingest.patstat import read_patstat_native

    d = pd.read_excel(shared_data / "patstat-it" / "ItUniv2.xlsx", dtype=str).fillna("")
    assert (pd.to_numeric(d["nb_inventors"]) > 0).any()  # the applications do have inventors ...
    assert not any("inv" in c.lower() and c != "nb_inventors" for c in d.columns)  # ... but none is listed
    d = d.drop_duplicates(["appln_id", "psn_name"])
    person = d[["psn_name", "NUTS", "person_ctry_code"]].drop_duplicates("psn_name").reset_index(drop=True)
    person["person_id"] = range(1, len(person) + 1)
    d = d.merge(person[["psn_name", "person_id"]], on="psn_name")
    d.assign(applt_seq_nr=d.groupby("appln_id").cumcount() + 1, invt_seq_nr=0)[
        ["person_id", "appln_id", "applt_seq_nr", "invt_seq_nr"]].to_csv(tmp_path / "tls207.csv", index=False)
    person.rename(columns={"psn_name": "person_name", "NUTS": "nuts"}).to_csv(tmp_path / "tls206.csv", index=False)
    d[["appln_id", "appln_filing_year"]].drop_duplicates("appln_id").to_csv(tmp_path / "tls201.csv", index=False)
    res = read_patstat_native(tmp_path, names="person_name")
    assert len(res.applications) > 0 and res.inventors.empty
    with pytest.raises(NetworkInputError, match=r"inventors table is empty.*PATSTAT.*REGPAT"):
        invention_vs_ownership(res.applications, res.inventors, level=2)
