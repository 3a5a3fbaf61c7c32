"""The bundled SYNTHETIC sample: reproducible, labelled, and showing the study's four patterns."""

from __future__ import annotations

import igraph as ig
import numpy as np
import pandas as pd
import pytest

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis.datasets import SYNTHETIC_NOTE, sample_csv_text, sample_firm_sizes_path, sample_path
from netanalysis.ingest import read_patents as ingest
from netanalysis.regions import at_level
from netanalysis.report.indicators import headline_indicators

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


# --- the four patterns, counted independently of the package's metrics (issue 35) ------------
#
# Q2 is counted with pandas from the raw CSV (the applicant cells split by hand, types from the
# name forms and the sample's firm-size table, places from the address); Q1, Q3 and Q4 from the
# ingested long table (patent, applicant, type, place: the data) with igraph and pandas directly,
# never through netanalysis.metrics or netanalysis.network.

FOCUS_SIDO = {"대구": "KR-27", "대구광역시": "KR-27", "경북": "KR-47", "경상북도": "KR-47"}
FOCUS = ("KR-27", "KR-47")


@pytest.fixture(scope="module")
def raw_dyads():
    """Every co-applicant pair of the raw sample CSV touching Daegu–Gyeongbuk: the two types,
    the number of distinct joint patents, the first and second filing years."""
    raw = pd.read_csv(sample_path(), skiprows=2, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    cells = raw.assign(who=raw["출원인"].str.split("|"), year=raw["출원일자"].str[:4].astype(int)).explode("who")
    parts = cells["who"].str.extract(r"^(?P<name>.+)\((?P<addr>[^()]*)\)$")
    assert parts.notna().all().all()  # every applicant is written 'name(address)'
    key = parts["name"].str.replace(r"\(주\)|주식회사", "", regex=True).str.strip()  # (주)X, 주식회사 X, X 주식회사
    sizes = pd.read_csv(sample_firm_sizes_path(), dtype=str).set_index("applicant_id")["size"]
    kind = pd.Series("individual", index=parts.index)
    kind[key.isin(sizes[sizes == "sme"].index)] = "sme"
    kind[key.isin(sizes[sizes == "large"].index) | key.map(str.isascii)] = "large_firm"  # foreign firms too
    kind[parts["name"].str.contains("병원")] = "hospital"
    kind[parts["name"].str.contains("연구원")] = "research_institute"
    kind[parts["name"].str.endswith("대학교 산학협력단")] = "university"
    assert parts.loc[kind == "individual", "name"].str.fullmatch("[가-힣]{3}").all()  # persons' names only
    rows = pd.DataFrame({"patent": cells["출원번호"], "year": cells["year"], "key": key, "kind": kind,
                         "sido": parts["addr"].str.split().str[0]}).drop_duplicates(["patent", "key"])
    place = rows.groupby("key")["sido"].agg(lambda s: s.value_counts().index[0])  # the usual address
    focal = place.map(FOCUS_SIDO).notna()
    pairs = rows.merge(rows, on=["patent", "year"], suffixes=("_u", "_v")).query("key_u < key_v")
    pairs = pairs[pairs["key_u"].map(focal) | pairs["key_v"].map(focal)]
    years = pairs.groupby(["key_u", "key_v"])["year"]
    d = pd.DataFrame({"n": pairs.groupby(["key_u", "key_v"])["patent"].nunique(), "first": years.min(),
                      "second": years.apply(lambda y: sorted(y)[1] if len(y) > 1 else pd.NA)}).reset_index()
    kinds = rows.drop_duplicates("key").set_index("key")["kind"]
    d["kinds"] = [frozenset(p) for p in zip(d["key_u"].map(kinds), d["key_v"].map(kinds), strict=True)]
    return d


def test_univ_sme_ties_more_often_one_time_than_other_ties_in_the_raw_csv(raw_dyads, dg, sample):
    d = raw_dyads
    us = d["kinds"] == frozenset({"university", "sme"})
    once = d["n"] == 1
    share, other = once[us].mean(), once[~us].mean()
    assert us.sum() >= 300 and (~us).sum() >= 300
    assert share > 0.6  # mostly one-time
    assert share - other > 0.15  # and clearly more often than the other ties (the report's sd is ~0.05)
    # the generator's mechanism: firms keep their firm and institute partners, universities not their SMEs
    firm_ties = d["kinds"].isin([frozenset({"sme"}), frozenset({"sme", "large_firm"}),
                                 frozenset({"sme", "research_institute"})])
    assert firm_ties.sum() >= 100 and once[firm_ties].mean() < share - 0.05
    # censoring-aware: of the university–SME ties first seen by 2017, most did not repeat within 3 years
    seen = us & (d["first"] <= 2017)
    repeated = d["second"].notna() & (d["second"].fillna(9999).astype(int) - d["first"] <= 3)
    assert (~repeated[seen]).mean() > 0.5
    # the same counts as the package's own (its name rule may merge a few more applicants)
    e, _ = dg
    ind = headline_indicators(e, sample.actors, list(FOCUS), end_year=2020)
    assert ind["univ_sme_one_time"] == pytest.approx(share, abs=0.03)
    assert ind["other_one_time"] == pytest.approx(other, abs=0.03)


def _focal_ties(apps: pd.DataFrame, focal: set[str]) -> pd.DataFrame:
    """Distinct co-applicant pairs touching the focus, with their largest team and whether any of
    their patents has three or more applicants."""
    size = apps.groupby("patent_id")["applicant_id"].transform("size")
    a = apps.assign(size=size)[["patent_id", "applicant_id", "size"]]
    p = a.merge(a, on=["patent_id", "size"], suffixes=("_u", "_v")).query("applicant_id_u < applicant_id_v")
    p = p[p["applicant_id_u"].isin(focal) | p["applicant_id_v"].isin(focal)]
    return p.groupby(["applicant_id_u", "applicant_id_v"])["size"].max().rename("largest").reset_index()


@pytest.fixture(scope="module")
def data(sample):
    apps = sample.applications
    apps = apps[apps["year"].between(2004, 2020)].drop_duplicates(["patent_id", "applicant_id"])
    act = sample.actors.set_index("applicant_id")
    focal = set(act.index[act["region"].fillna("").str.startswith(FOCUS)])
    return apps, act, focal


def _betweenness_and_uu(ties: pd.DataFrame, nodes: list[str], act: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """Degree and betweenness (normalised by the actors with a tie) of the network of ``ties`` on
    ``nodes``, and the share of the universities' ties that join two universities."""
    g = ig.Graph()
    g.add_vertices(nodes)
    g.add_edges(list(zip(ties["applicant_id_u"], ties["applicant_id_v"], strict=True)))
    deg = np.asarray(g.degree())
    tied = int((deg > 0).sum())
    t = pd.DataFrame({"degree": deg, "betweenness": np.asarray(g.betweenness(directed=False))
                      * 2 / ((tied - 1) * (tied - 2)), "tied": deg > 0}, index=nodes)
    t["type"] = act.loc[nodes, "actor_type"].to_numpy()
    kind_u = act.loc[ties["applicant_id_u"], "actor_type"].to_numpy()
    kind_v = act.loc[ties["applicant_id_v"], "actor_type"].to_numpy()
    univ = (kind_u == "university") | (kind_v == "university")
    return t, float(((kind_u == "university") & (kind_v == "university")).sum() / univ.sum())


def test_universities_are_hubs_and_bridges_counted_with_igraph(data):
    apps, act, focal = data
    ties = _focal_ties(apps, focal)
    nodes = sorted(set(ties["applicant_id_u"]) | set(ties["applicant_id_v"]))
    t, _ = _betweenness_and_uu(ties, nodes, act)
    f = t[t.index.isin(focal)]
    by_type = f.groupby("type")[["degree", "betweenness"]].mean()
    assert by_type["degree"].idxmax() == "university" and by_type["betweenness"].idxmax() == "university"
    univ = f["type"] == "university"
    assert univ.sum() >= 6
    assert f.loc[univ, "betweenness"].sum() / f["betweenness"].sum() > 10 * univ.mean()  # bridges far beyond their number


def _swap_null(apps: pd.DataFrame, rng: np.random.Generator, rounds: int = 10) -> pd.DataFrame:
    """The patent–applicant table with applicants swapped between patents at random, each patent
    keeping its number of applicants and each applicant its number of patents (no applicant twice
    on a patent): a draw of the bipartite configuration null model, written here by hand."""
    pat, who = apps["patent_id"].to_numpy(), apps["applicant_id"].to_numpy().copy()
    on = {}
    for p, w in zip(pat, who, strict=True):
        on.setdefault(p, set()).add(w)
    for i, j in rng.integers(0, len(pat), (rounds * len(pat), 2)):
        a, b = who[i], who[j]
        if pat[i] != pat[j] and a != b and b not in on[pat[i]] and a not in on[pat[j]]:
            on[pat[i]].remove(a), on[pat[j]].remove(b), on[pat[i]].add(b), on[pat[j]].add(a)
            who[i], who[j] = b, a
    return pd.DataFrame({"patent_id": pat, "applicant_id": who})


@pytest.mark.slow
def test_universities_bridge_and_avoid_each_other_beyond_the_null_model(data):
    # The null model of docs/methods.md: the period's patent–applicant table randomised (patent
    # sizes and applicant counts kept), the ties touching the focus projected as observed.  The
    # population compared is fixed: the focus's universities (in a draw, other universities touch
    # the focus too).  19 draws: observed beyond every draw is p <= 1/20 = 0.05, one-sided.
    apps, act, focal = data
    inc = apps[["patent_id", "applicant_id"]]
    nodes = sorted(set(inc["applicant_id"]))
    ours = (act.loc[nodes, "actor_type"].to_numpy() == "university") & np.isin(nodes, sorted(focal))
    assert ours.sum() >= 6
    t, uu = _betweenness_and_uu(_focal_ties(inc, focal), nodes, act)
    observed = t["betweenness"].to_numpy()[ours].mean()
    rng = np.random.default_rng(35)
    null_b, null_uu = [], []
    for _ in range(19):
        tn, uun = _betweenness_and_uu(_focal_ties(_swap_null(inc, rng, rounds=5), focal), nodes, act)
        null_b.append(tn["betweenness"].to_numpy()[ours].mean())
        null_uu.append(uun)
    assert observed > max(null_b)  # Q1: bridges beyond what their patents and partners predict
    assert uu < 0.05 and uu < min(null_uu)  # Q4: fewer university–university ties than chance


def test_large_collaborations_reach_outside_more_counted_with_pandas(data):
    apps, act, focal = data
    ties = _focal_ties(apps, focal)
    u_in = ties["applicant_id_u"].isin(focal).to_numpy()  # the partner is v when u is in the focus
    ends = [act.loc[ties[c], ["region", "country", "actor_type"]].fillna("").to_numpy()
            for c in ("applicant_id_u", "applicant_id_v")]
    region = np.where(u_in, ends[1][:, 0], ends[0][:, 0])
    country = np.where(u_in, ends[1][:, 1], ends[0][:, 1])
    inside = pd.Series(region).str.startswith(FOCUS).to_numpy()
    placed = (region != "") | ((country != "") & (country != "KR"))  # a foreign partner is abroad
    outside = placed & ~inside
    large = (ties["largest"] >= 3).to_numpy() | (ends[0][:, 2] == "large_firm") | (ends[1][:, 2] == "large_firm")
    share_all, share_large = outside[placed].mean(), outside[placed & large].mean()
    assert (placed & large).sum() >= 100
    assert share_large > 0.35 and share_large - share_all > 0.1


@pytest.mark.slow  # the whole report with the command line's defaults (200 null draws, 50 bootstrap samples)
def test_sample_report_says_all_four_findings_hold_and_each_follows_from_its_numbers():
    from netanalysis.report import build_report
    from netanalysis.report.findings import ALPHA

    rep = build_report(n_boot=50)  # `netanalysis report`: the sample, Daegu–Gyeongbuk, 2004–2020
    f = {x.key: x for x in rep.findings}
    assert [x.holds for x in rep.findings] == [True, True, True, True], [x.reason for x in rep.findings]
    hubs, once, out, uu = (f[k].numbers for k in ("hubs_bridges", "one_time", "outside", "univ_univ"))
    assert hubs["univ_share_betweenness_low"] > hubs["univ_share_actors"] and hubs["null_p"] < ALPHA
    assert hubs["null_observed"] > hubs["null_mean"]
    assert once["univ_sme_one_time"] > 0.5 and once["univ_sme_km_once"] > 0.5
    assert once["one_time_gap_low"] > 0 and once["univ_sme_one_time"] > once["other_one_time"]
    assert out["outside_large"] > out["outside_all"] and out["outside_gap_low"] > 0
    assert uu["univ_univ_share_high"] < uu["null_mean"] and uu["null_p_less"] < ALPHA
    assert "more often than the" in f["one_time"].sentence and "cannot tell" not in f["one_time"].sentence
