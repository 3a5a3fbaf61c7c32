"""The report's uncertainty at every size (issue 34): the bootstrap never crashes and counts
its undefined samples, keeps every actor's observed place, resamples actors beside patents;
null models leave undefined draws out and never make unknown a group; fallbacks are stated.

Every hand-made case has its answer worked out in a comment; the sample cases use the
bundled SYNTHETIC data (fictional applicants)."""

from __future__ import annotations

import math
import warnings

import igraph as ig
import numpy as np
import pandas as pd
import pytest

import netanalysis as na
from netanalysis import metrics as m
from netanalysis.report.indicators import SHARES, headline_indicators
from netanalysis.report.uncertainty import MIN_UNITS, _state, bootstrap_indicators
from netanalysis.run import RunSettings, build_context
from netanalysis.run.report import build_report, report_from_context

B = "KR-27-Buk-gu"


def make(patents, actors):
    """(applications, actors) from patents ``(id, [(applicant, row region)], year)`` and
    actors ``id -> (type, region of the actor table)``."""
    apps = pd.DataFrame([{"patent_id": p, "applicant_id": a, "year": y, "region": r}
                         for p, who, y in patents for a, r in who])
    act = pd.DataFrame({"applicant_id": list(actors), "actor_type": [t for t, _ in actors.values()],
                        "region": [r for _, r in actors.values()], "country": "KR", "name": list(actors)})
    return apps, act


def quiet_bootstrap(*args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return bootstrap_indicators(*args, **kw)


# --- point 2: observed places kept inside every resample -------------------------------------

def test_patent_bootstrap_keeps_the_observed_place():
    # x files p1 and p3 from Buk-gu (Daegu) and p2 from Seoul: its usual region is Buk-gu, so it is
    # in the focus KR-27.  Ties: x–a internal (p1), x–b outside (p2), x–c outside (p3);
    # outside_all = 2/3.  A sample of 3 patents drawn with replacement holds the distinct patents S
    # and, x staying in the focus, outside_all = |S ∩ {p2, p3}| / |S| in every sample.  Re-placing
    # x from the sample instead would put it in Seoul whenever p2 is drawn at least twice
    # (1 Seoul row against at most 1 Daegu row; a tie goes to the smaller code KR-11), leaving no
    # tie in the focus: P = 3·(1/3)²·(2/3) + (1/3)³ = 7/27 of the samples undefined.
    apps, act = make([("p1", [("x", B), ("a", B)], 2010), ("p2", [("x", "KR-11"), ("b", "KR-11")], 2010),
                      ("p3", [("x", B), ("c", "KR-11")], 2010)],
                     {"x": ("university", B), "a": ("sme", B), "b": ("sme", "KR-11"), "c": ("sme", "KR-11")})
    n, seed = 30, 3
    ci = quiet_bootstrap(apps, act, ["KR-27"], n=n, seed=seed, unit="patents").set_index("indicator")
    assert ci.loc["outside_all", "estimate"] == pytest.approx(2 / 3)
    assert ci.loc["outside_all", "n_valid"] == n  # never undefined under the observed place
    got = ci.attrs["bootstrap"]["samples"]["outside_all"]
    expected, seoul_twice = [], 0
    for s in np.random.SeedSequence(seed).spawn(n):  # the same draws, replayed: ties first, then patents
        rng = np.random.default_rng(s)
        rng.integers(0, 3, 3)  # the one-time shares' draw of the 3 typed ties
        drawn = np.bincount(rng.integers(0, 3, 3), minlength=3)  # p1, p2, p3 in order of appearance
        present = drawn > 0
        expected.append(present[1:].sum() / present.sum())
        seoul_twice += drawn[1] >= 2
    assert got == pytest.approx(expected)
    assert seoul_twice > 0  # the draws include samples the recomputed rule would leave undefined


# --- point 3: the actor (vertex) bootstrap, worked by hand -----------------------------------

STAR = ([("p1", [("U", B), ("a", B)], 2010), ("p2", [("U", B), ("b", B)], 2010),
         ("p3", [("U", B), ("c", B)], 2010), ("p4", [("U", B), ("c", B)], 2011)],
        {"U": ("university", B), "a": ("sme", B), "b": ("sme", B), "c": ("sme", B)})


def test_actor_bootstrap_by_hand():
    # A star: U (university) tied to a and b once and to c twice; all four in Daegu (one stratum).
    # A sample draws 4 actors with replacement: k_U, k_a, k_b, k_c copies.  Each U–partner tie
    # appears k_U·k_partner times, so
    #   univ_sme_one_time = (k_a + k_b) / (k_a + k_b + k_c)   (k_U and that sum > 0; else undefined);
    #   betweenness: only U's copies broker, between copies of two *different* partners; pairs of
    #   copies of one actor are not pairs of actors and are taken off, so the universities' share
    #   is 1 when k_U > 0 and at least two distinct partners are drawn, undefined otherwise (with a
    #   single partner drawn twice, U would otherwise get the betweenness of the pair a#0–a#1).
    apps, act = make(*STAR)
    n, seed = 30, 5
    ci = quiet_bootstrap(apps, act, ["KR-27"], n=n, seed=seed, unit="actors")
    got = ci.attrs["bootstrap"]["samples"]
    edges = na.edges_from_applications(apps, region=["KR-27"])
    state, n_units = _state(apps, act, ["KR-27"], None, None, "actors", edges)
    assert n_units == 4 and len(state.strata) == 1
    idx = {name: i for i, name in enumerate(state.nodes)}
    one_time, share, single_partner = [], [], 0
    for s in np.random.SeedSequence(seed).spawn(n):
        rng = np.random.default_rng(s)
        k = np.bincount(state.strata[0][rng.integers(0, 4, 4)], minlength=4)
        ku, ka, kb, kc = (k[idx[x]] for x in "Uabc")
        partners, distinct = ka + kb + kc, int(ka > 0) + int(kb > 0) + int(kc > 0)
        one_time.append((ka + kb) / partners if ku and partners else math.nan)
        share.append(1.0 if ku and distinct >= 2 else math.nan)
        single_partner += bool(ku and distinct == 1 and partners >= 2)
    assert np.allclose(got["univ_sme_one_time"], one_time, equal_nan=True)
    assert np.allclose(got["univ_share_betweenness"], share, equal_nan=True)
    assert single_partner > 0  # a sample where uncorrected copies would have made U a broker
    t = ci.set_index("indicator")
    assert t.loc["univ_sme_one_time", "n_valid"] == int(np.isfinite(one_time).sum())
    assert t.loc["univ_sme_one_time", "estimate"] == pytest.approx(2 / 3)


def test_undefined_samples_are_counted_and_warned():
    # In the star, U is left out of a sample with chance (3/4)^4 = 0.32: univ_sme_one_time is then
    # undefined, so fewer than 90% of the samples define it (a warning and a note), and its
    # interval is the percentile interval of the defined samples only.
    apps, act = make(*STAR)
    with pytest.warns(UserWarning, match="univ_sme_one_time"):
        ci = bootstrap_indicators(apps, act, ["KR-27"], n=30, seed=5, unit="actors")
    t = ci.set_index("indicator")
    k = int(t.loc["univ_sme_one_time", "n_valid"])
    assert k < 27 and f"defined in {k} of 30" in t.loc["univ_sme_one_time", "note"]
    ok = np.asarray(ci.attrs["bootstrap"]["samples"]["univ_sme_one_time"])
    ok = ok[np.isfinite(ok)]
    assert t.loc["univ_sme_one_time", "low"] == pytest.approx(np.quantile(ok, 0.025))
    assert t.loc["univ_sme_one_time", "high"] == pytest.approx(np.quantile(ok, 0.975))
    assert t.loc["univ_sme_one_time", "boot_mean"] == pytest.approx(ok.mean())
    assert ci.attrs["bootstrap"] | {"samples": None} == {
        "n": 30, "seed": 5, "level": 0.95, "unit": "actors", "n_units": 4, "interval": "percentile",
        "min_valid": 0.9, "few_units": True, "placement": "observed", "samples": None}
    with pytest.raises(na.NetworkInputError, match="unit="):
        bootstrap_indicators(apps, act, ["KR-27"], n=5, unit="ties")


# --- point 1: tiny foci of the sample never crash ---------------------------------------------

# Foci of the SYNTHETIC sample with 3, 4 … 10 patents in one year (chosen from the sample regenerated
# in issue 35; the test counts each focus's patents itself, with plain pandas)
TINY = [("KR-45-Jeonju-si", 2005), ("KR-28-Namdong-gu", 2004), ("KR-26-Haeundae-gu", 2008),
        ("KR-26-Geumjeong-gu", 2008), ("KR-26-Haeundae-gu", 2005), ("KR-26-Haeundae-gu", 2014),
        ("KR-26-Haeundae-gu", 2006), ("KR-26-Haeundae-gu", 2011)]


@pytest.fixture(scope="module")
def sample():
    ctx = build_context(RunSettings(null_model_runs=5))
    return ctx.processed.applications, ctx.actors


def _focal_patents(apps: pd.DataFrame, region: str, year: int) -> int:
    """Patents of ``year`` with an applicant whose most frequent region (over every year; ties:
    the smaller code) lies in ``region`` — counted here with plain pandas."""
    counts = apps[apps["region"].astype(str) != ""].groupby(["applicant_id", "region"]).size().reset_index(name="n")
    usual = counts.sort_values(["applicant_id", "n", "region"], ascending=[True, False, True]) \
        .drop_duplicates("applicant_id").set_index("applicant_id")["region"]
    placed = apps["applicant_id"].map(usual).fillna("")
    inside = (placed == region) | placed.str.startswith(region + "-")
    return apps.loc[inside & (apps["year"] == year), "patent_id"].nunique()


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
def test_bootstrap_on_foci_of_3_to_10_patents(sample):
    # The case was a focus of 3 patents: drawing the period's 430 patents left the focus
    # empty in e^-3 = 5% of the samples and crashed.  Now the focus's patents are
    # drawn, each share's undefined samples are counted, and nothing fails.
    apps, act = sample
    sizes = []
    for region, year in TINY:
        for unit in ("patents", "actors"):
            ci = quiet_bootstrap(apps, act, [region], (year, year), n=4, seed=1, unit=unit)
            b = ci.attrs["bootstrap"]
            if unit == "patents":
                assert b["n_units"] == _focal_patents(apps, region, year)
                sizes.append(b["n_units"])
            assert b["few_units"] == (b["n_units"] < MIN_UNITS)
            assert ((ci["n_valid"] >= 0) & (ci["n_valid"] <= 4)).all()
            assert ((ci["note"] != "") == (ci["n_valid"] < 0.9 * 4)).all()
            defined = ci["n_valid"] > 0
            assert (ci.loc[defined, "low"] <= ci.loc[defined, "high"]).all()
            assert ci.loc[~defined, ["low", "high"]].isna().all().all()
    assert sizes == [3, 4, 5, 6, 7, 8, 9, 10]


@pytest.mark.slow
@pytest.mark.parametrize(("region", "year"), [TINY[0], TINY[2], TINY[7]])
def test_report_on_tiny_sample_foci(region, year):
    rep = build_report(region=region, years=(year, year), n_boot=4, null_model_runs=5)
    text = " ".join(rep.uncertainty_text)
    assert "patents resampled" in text and "actors resampled" in text and "valid samples" in text
    assert "unreliable" in text  # fewer than 30 patents: said in a sentence
    (table,) = [t for k, t in rep.uncertainty_tables.items() if k.startswith("Bootstrap")]
    for unit in ("actors", "patents"):
        assert table[f"{unit}: valid samples"].between(0, 4).all()
    assert rep.to_markdown().count("valid samples") >= 2


@pytest.mark.slow
def test_report_on_a_one_patent_focus_states_the_openness_fallback(tmp_path):
    # Hand-made KIPRIS-style export (SYNTHETIC, fictional names): one patent touches Daegu.
    raw = tmp_path / "tiny.csv"
    raw.write_text(
        "순번,출원번호,출원일자,발명의명칭,IPC분류,출원인,등록번호,등록일자\n"
        "1,10-2010-0000001,2010.03.01,로봇 관절,H01L 23/00,가온대학교 산학협력단(대구광역시 북구)|"
        "(주)빛결로보틱스(서울 강남구),,\n"
        "2,10-2010-0000002,2010.04.01,합금,C22C 21/00,새길대학교 산학협력단(서울 관악구)|(주)빛결로보틱스(서울 강남구),,\n"
        "3,10-2011-0000003,2011.05.01,발효 장치,B25J 17/00,타들인더스트리 주식회사(서울특별시 강남구)|"
        "가온화학 주식회사(서울특별시 성동구),,\n", encoding="utf-8")
    ctx = build_context(RunSettings(data=(str(raw),), region="KR-27", years=None, null_model_runs=5))
    ctx.edges = ctx.edges.drop(columns=["weight_3plus"])  # an edge table from elsewhere
    rep = report_from_context(ctx, n_boot=4, seed=1, n_jobs=1)
    text = " ".join(rep.uncertainty_text)
    assert "1 patent resampled" in text and "unreliable" in text
    assert any("weight_3plus" in c for c in rep.caveats)  # the fallback is stated


# --- point 4: null models ---------------------------------------------------------------------

def test_bipartite_null_leaves_undefined_draws_out():
    # Rows U,a | U,b | c,d permuted across the three patents.  Whenever U's two rows land on two
    # patents, U ties two partners and brokers 1 pair of the 5 tied actors: 2/(4·3) = 1/6, the
    # observed value.  When both land on one patent (3 of the C(6,2) = 15 placements: 1/5), U has
    # no tie and the universities' mean is undefined.  Left out, every defined draw equals the
    # observed, so p = (1 + n_valid)/(n_valid + 1) = 1; counted as "below" it was (1 + n_valid)/(n + 1).
    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3"],
                         "applicant_id": ["U", "a", "U", "b", "c", "d"], "year": 2010, "region": ""})
    act = pd.DataFrame({"applicant_id": list("Uabcd"), "actor_type": ["university"] + ["sme"] * 4})
    n = 200  # stub matching (curveball never puts U twice on a patent), every draw (no early stop)
    r = m.bipartite_null_model(apps, act, n=n, seed=1, method="stub", sequential=None).set_index("actor_type")
    draws = np.asarray(r.attrs["null_model"]["draws"]["university"])
    k = int(r.loc["university", "n_valid"])
    assert k == int(np.isfinite(draws).sum()) < n
    assert np.allclose(draws[np.isfinite(draws)], 1 / 6)
    assert r.loc["university", "p_greater"] == 1.0 and r.loc["university", "p_min"] == pytest.approx(1 / (k + 1))
    assert abs((n - k) / n - 1 / 5) < 0.1
    assert f"{n - k} randomisations" in r.loc["university", "note"]


def test_unknown_type_is_never_a_group():
    # x has type "", y is missing from the actor table, o is of the classifier's type "other".
    # Known groups: university (U), sme (a), other (o); x and y stay in the networks but are no group.
    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4", "p4"],
                         "applicant_id": ["U", "a", "U", "x", "a", "y", "o", "U"], "year": 2010, "region": ""})
    act = pd.DataFrame({"applicant_id": ["U", "a", "x", "o"], "actor_type": ["university", "sme", "", "other"]})
    bip = m.bipartite_null_model(apps, act, n=20, seed=1)
    assert sorted(bip["actor_type"]) == ["other", "sme", "university"]
    assert bip["n_actors"].tolist() == [1, 1, 1] and bip.attrs["null_model"]["unknown_actors"] == 2
    mix = m.mixing_null_model(apps, act, n=20, seed=1)
    assert set(mix["group_a"]) | set(mix["group_b"]) == {"other", "sme", "university"}
    # U–a, U–o: the university's known ties are 2 (U–x is left out); a–y is left out
    assert mix.set_index(["group_a", "group_b"]).loc[("university", "sme"), "observed"] == pytest.approx(1 / 2)
    g = ig.Graph([(0, 1), (0, 2), (1, 3), (4, 0)])
    g.vs["actor_type"] = ["university", "sme", "", None, "other"]
    rew = m.betweenness_null_model(g, n=5, seed=1)
    assert sorted(rew["actor_type"]) == ["other", "sme", "university"]
    assert rew.attrs["null_model"]["unknown_actors"] == 2


# --- point 5: fallbacks stated ----------------------------------------------------------------

def test_openness_states_its_fallback():
    # One tie a (Daegu) – b (Seoul) with 3 patents, one of them with 3 applicants: weight 3,
    # weight_3plus 1.  large="patents" counts 1 for it; without weight_3plus it falls back to the
    # whole weight 3 (as large="dyads") and says so in attrs["notes"].
    e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [3], "weight": [3.0],
                      "n_patents_3plus": [1], "weight_3plus": [1.0]})
    act = pd.DataFrame({"applicant_id": ["a", "b"], "actor_type": ["sme", "sme"], "region": [B, "KR-11"],
                        "country": "KR"})
    full = m.regional_openness(e, act, "KR-27")
    assert full.attrs["notes"] == []
    assert full.set_index(["scope", "category"]).loc[("large", "core_region"), "weight"] == 1.0
    thin = m.regional_openness(e.drop(columns="weight_3plus"), act, "KR-27")
    assert thin.set_index(["scope", "category"]).loc[("large", "core_region"), "weight"] == 3.0
    assert len(thin.attrs["notes"]) == 1 and "weight_3plus" in thin.attrs["notes"][0]
    bare = m.regional_openness(e.drop(columns=["weight_3plus", "n_patents_3plus"]), act, "KR-27")
    assert bare.set_index(["scope", "category"]).loc[("large", "core_region"), "n_ties"] == 0
    assert "n_patents_3plus" in bare.attrs["notes"][0]
    ind = headline_indicators(e.drop(columns="weight_3plus"), act, ["KR-27"])
    assert any("weight_3plus" in t for t in ind.attrs["notes"])


def test_shares_of_nothing_are_undefined():
    # A single tie U–a: nobody brokers, so the universities' share of betweenness is 0/0 — undefined,
    # not 0; with no tie of two typed ends the university–university share is undefined, not an error.
    apps, act = make([("p1", [("U", B), ("a", B)], 2010)], {"U": ("university", B), "a": ("", B)})
    ind = headline_indicators(na.edges_from_applications(apps, region=["KR-27"]), act, ["KR-27"])
    assert math.isnan(ind["univ_share_betweenness"]) and math.isnan(ind["univ_univ_share"])
    assert set(SHARES) <= set(ind.index)


# --- a worker's error keeps its own message ---------------------------------------------------

def _bad_input(state, batch):
    raise na.NetworkInputError(f"nothing to measure in batch {batch}")


def _broken(state, batch):
    raise ZeroDivisionError("boom")


def test_worker_errors_are_not_blamed_on_betweenness():
    # The crash reached the user as "parallel betweenness ... in a worker" from the
    # bootstrap; a package error now passes through as it is, any other names the work.
    from netanalysis._parallel import map_batches

    with pytest.raises(na.NetworkInputError, match="^nothing to measure in batch"):
        map_batches(_bad_input, None, [1, 2], n_jobs=2, work=1e12, what="bootstrap of patents")
    with pytest.raises(na.NetworkInputError, match="parallel bootstrap of patents failed in a worker"):
        map_batches(_broken, None, [1, 2], n_jobs=2, work=1e12, what="bootstrap of patents")
