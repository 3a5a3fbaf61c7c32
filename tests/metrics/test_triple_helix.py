"""Triple-helix synergy T(UIG) (issue 31, item 2): hand-worked cases, bootstrap, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from netanalysis import NetworkInputError
from netanalysis.metrics import triple_helix, uig_mutual_information
from netanalysis.metrics.triple_helix import HELIX


def _presence(rows):
    return pd.DataFrame(rows, columns=["university", "industry", "government"])


def test_t_uig_by_hand():
    # G = U xor I over four equiprobable patents (1,1,0), (1,0,1), (0,1,1), (0,0,0):
    # H_U = H_I = H_G = 1 bit; every pair takes 4 values equally: H_UI = H_UG = H_IG = 2;
    # the triple takes 4 values: H_UIG = 2.  T = 3 − 6 + 2 = −1 bit (synergy).
    assert uig_mutual_information(_presence([(1, 1, 0), (1, 0, 1), (0, 1, 1), (0, 0, 0)])) == pytest.approx(-1.0)
    # all together or none, twice each: marginals 1 bit, pairs 1 bit, triple 1 bit: T = 3 − 3 + 1 = +1 bit
    assert uig_mutual_information(_presence([(1, 1, 1), (1, 1, 1), (0, 0, 0), (0, 0, 0)])) == pytest.approx(1.0)
    # G copies U, I independent: H = 1, 1, 1; H_UI = 2, H_UG = 1, H_IG = 2; H_UIG = 2: T = 3 − 5 + 2 = 0
    assert uig_mutual_information(_presence([(0, 0, 0), (0, 1, 0), (1, 0, 1), (1, 1, 1)])) == pytest.approx(0.0)


def test_t_uig_unequal_shares_by_hand():
    # six patents: (1,1,0) ×3, (1,0,1) ×1, (0,1,1) ×1, (0,0,0) ×1
    # U: 4/6 present; I: 4/6; G: 2/6 → H_U = H_I = H_G = h(1/3) = 0.918296 bits
    # UI: (1,1) 3/6, (1,0) 1/6, (0,1) 1/6, (0,0) 1/6 → H = 1.5·1 + 3·(1/6)·log2 6 = 0.5 + 1.292481 = 1.792481
    # UG: (1,0) 3/6, (1,1) 1/6, (0,1) 1/6, (0,0) 1/6 → 1.792481; IG the same
    # UIG: the four cells 3/6, 1/6, 1/6, 1/6 → 1.792481
    # T = 3·0.918296 − 3·1.792481 + 1.792481 = 2.754888 − 3.584963 = −0.830075
    h13 = -(1 / 3) * np.log2(1 / 3) - (2 / 3) * np.log2(2 / 3)
    h4 = 0.5 * 1 + 3 * (1 / 6) * np.log2(6)
    rows = [(1, 1, 0)] * 3 + [(1, 0, 1), (0, 1, 1), (0, 0, 0)]
    assert uig_mutual_information(_presence(rows)) == pytest.approx(3 * h13 - 2 * h4, abs=1e-12)
    assert 3 * h13 - 2 * h4 == pytest.approx(-0.830075, abs=1e-6)


def _apps():
    # region X: the four patents of the −1-bit case (U/I/G from the types); region Y: two patents,
    # both university-only; p5 has one applicant in X and one in Y (it is a patent of both regions).
    rows = [
        ("p1", "uni", "university", "X"), ("p1", "firm", "sme", "X"),
        ("p2", "uni", "university", "X"), ("p2", "gov", "government", "X"),
        ("p3", "bigco", "large_firm", "X"), ("p3", "inst", "research_institute", "X"),
        ("p4", "person", "individual", "X"),
        ("p5", "uni2", "university", "Y"), ("p6", "uni2", "university", "Y"),
    ]
    a = pd.DataFrame(rows, columns=["patent_id", "applicant_id", "actor_type", "region"])
    return a.assign(year=[2001, 2001, 2002, 2002, 2011, 2011, 2012, 2003, 2013])


def test_triple_helix_per_region_side_by_side():
    out = triple_helix(_apps(), n_boot=0).set_index("region")
    assert out.loc["X", "n_patents"] == 4 and out.loc["X", "t_uig"] == pytest.approx(-1.0)
    assert out.loc["X", ["share_university", "share_industry", "share_government"]].tolist() == [0.5, 0.5, 0.5]
    # Y: every patent has a university, none a firm → T is 0 by construction: NaN with the reason
    assert np.isnan(out.loc["Y", "t_uig"])
    assert "every patent has a university applicant" in out.loc["Y", "note"]
    assert "no patent has a firm applicant" in out.loc["Y", "note"]


def test_the_actors_table_gives_types_and_usual_regions_at_a_level():
    apps = _apps().drop(columns=["actor_type", "region"])
    actors = (_apps().drop_duplicates("applicant_id")[["applicant_id", "actor_type", "region"]]
              .assign(region=lambda d: d["region"].map({"X": "ITC4C", "Y": "ITI43"})))
    out = triple_helix(apps, actors, level=2, n_boot=0).set_index("region")
    assert out.index.tolist() == ["ITC4", "ITI4"]
    assert out.loc["ITC4", "t_uig"] == pytest.approx(-1.0)


def test_periods_and_a_region_with_no_patents_in_a_period():
    out = triple_helix(_apps(), periods=[(2000, 2005), (2010, 2015)], regions=["X", "Y", "Z"], n_boot=0)
    out = out.set_index(["region", "period"])
    # X 2000–2005: p1 (U, I), p2 (U, G) → U always present → NaN with reason
    assert out.loc[("X", "2000-2005"), "n_patents"] == 2 and np.isnan(out.loc[("X", "2000-2005"), "t_uig"])
    assert "every patent has a university applicant" in out.loc[("X", "2000-2005"), "note"]
    # Z never occurs: a row per period, NaN, said
    assert out.loc[("Z", "2010-2015"), "n_patents"] == 0
    assert np.isnan(out.loc[("Z", "2010-2015"), "t_uig"])
    assert out.loc[("Z", "2010-2015"), "note"] == "cannot be computed: no patents in this region and period"
    with pytest.raises(NetworkInputError, match="overlaps"):
        triple_helix(_apps(), periods=[(2000, 2005), (2004, 2010)])


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    rng = np.random.default_rng(1)
    n = 300  # SYNTHETIC: random U/I/G participation on 300 patents of one region
    types = rng.choice(["university", "sme", "government", "individual"], size=(n, 2))
    apps = pd.DataFrame({"patent_id": np.repeat([f"p{i}" for i in range(n)], 2),
                         "applicant_id": [f"{t}{i % 7}" for i, t in enumerate(types.ravel())],
                         "actor_type": types.ravel(), "region": "X", "year": 2010})
    apps = apps.drop_duplicates(["patent_id", "applicant_id"])
    a = triple_helix(apps, n_boot=400, seed=3)
    b = triple_helix(apps, n_boot=400, seed=3)
    pd.testing.assert_frame_equal(a, b)
    row = a.iloc[0]
    assert row["ci_low"] < row["t_uig"] < row["ci_high"]
    # the same statistic recomputed from the per-patent presence table
    helix = apps["actor_type"].map(HELIX)
    pres = pd.DataFrame({"university": helix.eq("U"), "industry": helix.eq("I"), "government": helix.eq("G"),
                         "patent_id": apps["patent_id"]}).groupby("patent_id").any()
    assert row["t_uig"] == pytest.approx(uig_mutual_information(pres), abs=1e-12)
    # a different seed moves the interval a little, never the estimate
    c = triple_helix(apps, n_boot=400, seed=4).iloc[0]
    assert c["t_uig"] == row["t_uig"] and (c["ci_low"], c["ci_high"]) != (row["ci_low"], row["ci_high"])


def test_bad_input_is_one_clear_error():
    with pytest.raises(NetworkInputError, match="actor_type"):
        triple_helix(_apps().drop(columns="actor_type"))
    with pytest.raises(NetworkInputError, match="no applicant has a region"):
        triple_helix(_apps().assign(region=""))
    with pytest.raises(NetworkInputError, match="university, industry, government"):
        uig_mutual_information(pd.DataFrame({"university": [1, 0]}))
