"""The report's instrument sentences (issue 31, item 5) on SYNTHETIC result tables: the numbers quoted
are the tables' numbers, direction words follow the interval, and what cannot be computed is said."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netanalysis.metrics import knowledge_complexity, rca, relatedness_density
from netanalysis.metrics.bursts import kleinberg_bursts
from netanalysis.report.instruments import burst_sentences, specialisation_sentences, triple_helix_sentences


def _bursts(r, years=None):
    years = years or list(range(2001, 2001 + len(r)))
    return kleinberg_bursts(pd.DataFrame([r], index=["acme"], columns=years), pd.Series(10, index=years))


def test_burst_sentence_quotes_the_table():
    # r = 1, 1, 5, 5, 1, 1 of 10: R = 14, D = 60, p0 = 23%; the burst 2003-2004 holds 10 of 20 (50%)
    table = _bursts([1, 1, 5, 5, 1, 1])
    text = burst_sentences(table, names={"acme": "ACME Ltd"})
    assert text[0].startswith("1 of the 1 applicants tested shows a burst")
    strength = f"{table.loc[0, 'strength']:.1f}"
    assert (f"ACME Ltd in 2003–2004 (strength {strength}; 10 of the 20 applications of those years, 50% against 23% "
            "over the whole period)") in text[0]
    assert not any(t.startswith("Caveat") for t in text)  # six years: no few-years caveat


def test_burst_sentence_caveats_and_empty():
    few = burst_sentences(_bursts([1, 9, 1]))
    assert any("only 3 years" in t for t in few)
    one = burst_sentences(None, None, _bursts([4], years=[2015]))
    assert one[0].startswith("No technology class burst was found: bursts cannot be detected: the data span one year")
    assert burst_sentences() == []


def _helix() -> pd.DataFrame:
    t = pd.DataFrame({"region": ["ITC4", "ITH3", "ITH5", "ITF1"], "period": "all", "n_patents": [630, 200, 25, 1],
                      "share_university": [0.69, 0.5, 0.4, 1.0], "share_industry": [0.33, 0.5, 0.6, 0.0],
                      "share_government": [0.41, 0.2, 0.3, 0.0], "t_uig": [-0.020, -0.030, 0.010, np.nan],
                      "ci_low": [-0.041, -0.050, -0.010, np.nan], "ci_high": [-0.006, 0.002, 0.030, np.nan],
                      "note": ["", "", "", "cannot be computed: one patent"]})
    t.attrs["ci"] = 0.9
    return t


def test_triple_helix_sentences():
    text = triple_helix_sentences(_helix(), "ITC4")
    assert text[0] == ("Lombardia (ITC4): T(UIG) = −0.020 bits (90% CI −0.041 to −0.006) over 630 patents: negative "
                       "throughout the interval, so university, industry and government participation reduce "
                       "uncertainty together (synergy).")
    assert "69%" in text[1] and "33%" in text[1] and "41%" in text[1]
    # defined for 3 regions; ordered -0.030, -0.020, +0.010: ITC4 second; median of the others (-0.030, +0.010) -0.010
    assert "Among the 3 regions where T is defined, Lombardia (ITC4) ranks 2" in text[2]
    assert "median of the others is −0.010 bits" in text[2] and text[2].index("Veneto") < text[2].index("Emilia")
    assert text[-1] == "T cannot be computed for 1 of 4 regions (one patent: 1)."
    veneto = triple_helix_sentences(_helix(), "ITH3")[0]
    assert "the interval includes 0, so synergy is not shown" in veneto
    small = triple_helix_sentences(_helix(), "ITH5")
    assert any("rests on only 25 patents" in t for t in small)
    assert "computed: cannot" not in triple_helix_sentences(_helix(), "ITF1")[0]  # the note is not doubled
    assert triple_helix_sentences(_helix(), "ITF1")[0].endswith("T(UIG) cannot be computed: one patent.")
    assert "not in the table" in triple_helix_sentences(_helix(), "ITC1")[0]


def test_specialisation_sentences():
    # SYNTHETIC counts: r1 holds A and B, r2 B and C, r3 only C (a single-technology region)
    x = pd.DataFrame({"A": [3.0, 1.0, 0.0], "B": [2.0, 2.0, 0.0], "C": [0.0, 2.0, 3.0]}, index=["r1", "r2", "r3"])
    r = rca(x)
    # RCA r1: A = (3/5)/(4/13) = 1.95, B = (2/5)/(4/13) = 1.30, C = 0
    text = specialisation_sentences(r, "r1", density=relatedness_density(x), complexity=knowledge_complexity(x))
    # the others: r2 (RCA B = (2/5)/(4/13) = 1.30, C = (2/5)/(5/13) = 1.04: 2), r3 (only C: 1) → median 1.5
    assert text[0] == ("r1 is specialised (RCA ≥ 1) in 2 of 3 technology classes: A (RCA 1.95) and B (RCA 1.30); "
                       "the other 2 regions are specialised in a median of 1.5.")
    # C is the one class r1 lacks; its density comes from relatedness_density (checked by hand in
    # test_specialisation.py): the sentence must quote that number
    rd = relatedness_density(x).loc["r1", "C"]
    assert text[1] == ("Of the technology classes r1 is not yet specialised in, the closest to what it is specialised in "
                       f"(relatedness density, 0–100): C ({rd:.0f}).")
    k = knowledge_complexity(x)["complexity"]
    assert text[2] == (f"r1's knowledge complexity is +{k['r1']:.2f} standard deviations from the mean of 3 regions "
                       f"(rank 1, diversity 2 classes); the most complex other regions: r2 (−{-k['r2']:.2f}) and r3 "
                       f"(−{-k['r3']:.2f}, one technology class only).")
    assert k["r1"] > 0 > k["r2"] > k["r3"]
    assert any("single-technology" in t and "r3" in t for t in text)
    assert "cannot be computed" in specialisation_sentences(r, "r9")[0]


def test_specialisation_none():
    x = pd.DataFrame({"A": [1.0, 1.0], "B": [1.0, 1.0]}, index=["r1", "r2"])
    assert specialisation_sentences(rca(x), "r1")[0] == "r1 is specialised (RCA ≥ 1) in 2 of 2 technology classes: " \
        "A (RCA 1.00) and B (RCA 1.00)."  # one other region: no median
    y = pd.DataFrame({"A": [1.0, 3.0], "B": [3.0, 1.0]}, index=["r1", "r2"])
    assert "specialised (RCA ≥ 1) in 1 of 2" in specialisation_sentences(rca(y), "r1")[0]


def _region_apps() -> tuple[pd.DataFrame, pd.DataFrame]:
    """SYNTHETIC: three Italian NUTS-2 regions, 40 patents each over 2001-2010, mixed U/I/G teams and IPC."""
    rng = np.random.default_rng(7)
    kinds = {"u": "university", "f": "sme", "g": "government"}
    rows, actors = [], []
    for region in ("ITC4", "ITH3", "ITI1"):
        for k in kinds:
            actors.append((f"{k}-{region}", f"{kinds[k]} of {region}", kinds[k], region))
        for i in range(40):
            team = [k for k in kinds if rng.random() < 0.6] or ["f"]
            ipc = rng.choice(["H01L 21/00", "A61K 9/00", "G06F 3/00"], size=2, replace=False)
            for k in team:
                rows.append((f"{region}-{i}", 2001 + i % 10, f"{k}-{region}", "; ".join(ipc)))
    apps = pd.DataFrame(rows, columns=["patent_id", "year", "applicant_id", "ipc"])
    act = pd.DataFrame(actors, columns=["applicant_id", "name", "actor_type", "region"])
    return apps, act


def test_instrument_sections_join_the_measures():
    from netanalysis.metrics import triple_helix
    from netanalysis.network import edges_from_applications
    from netanalysis.report.instruments import instrument_sections

    apps, act = _region_apps()
    edges = edges_from_applications(apps.merge(act[["applicant_id", "region"]]), region="ITC4")
    sec = instrument_sections(apps, act, edges, ["ITC4"], (2001, 2010), level=2, n_boot=50, seed=3)
    assert list(sec) == ["Bursts", "Triple helix", "Specialisation"]
    th = triple_helix(apps, act, level=2, regions=["ITC4", "ITH3", "ITI1"], n_boot=50, seed=3).set_index("region")
    t = th.loc["ITC4", "t_uig"]
    assert f"T(UIG) = {t:+.3f}".replace("-", "−") in sec["Triple helix"][0]
    assert "Among the 3 regions where T is defined" in " ".join(sec["Triple helix"])
    assert sec["Specialisation"][0].startswith("Counted over the 3 NUTS-2 regions of Italy with an applicant, "
                                               "2001–2010, in IPC subclasses; fractional counts")
    assert sec["Specialisation"][1].startswith("Lombardia (ITC4) is specialised (RCA ≥ 1) in")
    assert "of 3 IPC subclasses" in sec["Specialisation"][1]
    # the focus's class bursts are said before every region's
    lead = [t.split(":")[0] for t in sec["Bursts"] if t.startswith("In ")]
    assert lead == ["In Lombardia (ITC4)'s applications", "In all the applications (every region)"]
    # no class column: the specialisation section says why instead of failing, naming both keys
    bare = instrument_sections(apps.drop(columns="ipc"), act, edges, ["ITC4"], (2001, 2010), level=2, n_boot=0)
    assert bare["Specialisation"][0].startswith("Specialisation, relatedness and complexity cannot be computed: "
                                                "no technology classes to count: applications lack an 'ipc' and a "
                                                "'technology' column; map IPC codes with --columns ipc=COL, or")
    assert bare["Bursts"][-1].startswith("No technology class burst was found: no technology classes to count")


# --- the report's sentences -------------------------------------------------------------------

def test_inventor_sentences_quote_the_tables():
    from metrics.test_inventor_regions import _inv

    from netanalysis.metrics import invention_vs_ownership
    from netanalysis.report.instruments import inventor_section, inventor_sentences

    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p3"], "applicant_id": ["A", "B", "C", "D"],
                         "year": 2015, "region": ["ITC4C", "ITI43", "ITC4C", ""]})
    inv = _inv([("p1", 1, "ITC4C", 1.0), ("p1", 2, "DE212", 1.0), ("p2", 1, "ITI43", 1.0), ("p3", 1, "", np.nan)])
    text = inventor_section(apps, inv, ["ITC4C"], level=3)
    # ITC4C invents 1/2 of p1 (1/2 of the 2.0 located inventions: p1 and p2; p3's inventor has no region)
    # and owns 1/2 of p1 + p2 = 1.5
    assert text[0] == ("Milano (ITC4C): 0.5 patents invented there (by inventor address, fractional counts as OECD "
                       "REGPAT), 25% of the located inventions; 1.5 owned by applicants there.")
    # invented in ITC4C and owned outside: p1 1/2 x (1 - 1/2) = 1/4 of 1/2 -> 50%; the other located regions:
    # ITI43 (p2 owned in ITC4C: 100%), DE212 (p1: 1/2 x 1 owned elsewhere -> 100%): median 100%.
    # owned in ITC4C, invented outside: p1 1/2 x (1 - 1/2) + p2 1 x 1 = 5/4 of 3/2 -> 83%; others: ITI43 owns
    # 1/2 of p1, invented in ITC4C and DE212 -> 100% (DE212 owns nothing: not defined)
    assert text[1] == ("Of what is invented in Milano (ITC4C), 50% is owned by applicants in other regions; the median "
                       "of the other 2 regions is 100%; of what Milano (ITC4C)'s applicants own, 83% was invented in "
                       "other regions; in the one other region where it is defined, 100%.")
    # p1: one pair ITC4C - DE212 (weight 1)
    assert text[2] == ("Milano (ITC4C)'s inventors co-invent with inventors of 1 other region (pairs of one patent's "
                       "inventors, each patent counting 1 over its pairs: 1.0 in all); with München, Kreisfreie Stadt "
                       "(DE212) (1.0).")
    assert text[3].startswith("Caveat: 1.0 of 3 patents (33%) have inventors of unknown region")
    assert "KIPRIS" in text[3]
    # a source without inventor addresses: said, with the sources that have them
    none = inventor_section(apps, inv.iloc[:0], ["ITC4C"], level=3)
    assert none[0].startswith("Inventor regions cannot be computed: inventors: the inventors table is empty")
    assert "REGPAT" in none[0] and len(none) == 1
    # a focus with no patent, and no focus
    assert inventor_sentences(invention_vs_ownership(apps, inv), "ITH36")[0].endswith(
        "(ITH36): no patent in these data is invented or owned there.")
    assert inventor_section(apps, inv, None) == ["No focal region was given: inventor regions are reported for a "
                                                 "region."]


def test_instrument_sections_on_wipo_fields_by_hand():
    # SYNTHETIC: the two sector exports of tests/ingest/test_generic.py, no IPC; counts and RCA worked by hand in
    # tests/metrics/test_specialisation.py (RCA ITC4 Pharmaceuticals 7/4 = 1.75, ITI4 Optics 2)
    from metrics.test_specialisation import TECH

    from netanalysis.network import edges_from_applications
    from netanalysis.report.instruments import comparison_regions, focus_patents, instrument_sections

    act = pd.DataFrame({"applicant_id": ["UNI A", "FIRM B"], "name": ["Uni A", "Firm B"],
                        "actor_type": ["university", "firm"], "region": ["ITC4C", "ITI43"]})
    assert comparison_regions(act, ["ITC4"]) == (["ITC4"], ["ITC4", "ITI4"], 2)
    assert sorted(set(focus_patents(TECH, act, ["ITC4"])["patent_id"])) == ["P1", "P2"]
    edges = edges_from_applications(TECH.merge(act[["applicant_id", "region"]]), region="ITC4")
    sec = instrument_sections(TECH, act, edges, ["ITC4"], (2010, 2012), level=2, n_boot=0)
    spec = sec["Specialisation"]
    assert spec[0].startswith("Counted over the 2 NUTS-2 regions of Italy with an applicant, 2010–2012, in WIPO "
                              "technology fields (Schmoch 2008; column 'technology'); fractional counts: each application counts 1, split "
                              "equally over its applicants and then over its WIPO technology fields.")
    # ITC4: Pharmaceuticals 1.75, Biotechnology (1/6 / 1.5) / (1/3 / 3) = 1, Semiconductors (1/6 / 1.5) / (5/6 / 3)
    # = 0.4, Optics 0 → 2 of 4 fields
    assert spec[1] == ("Lombardia (ITC4) is specialised (RCA ≥ 1) in 2 of 4 WIPO technology fields: Pharmaceuticals "
                       "(RCA 1.75) and Biotechnology (RCA 1.00).")
    assert any(t.startswith("Note: the classes are WIPO technology fields (Schmoch 2008; column 'technology'), not "
                            "IPC: 4 of the 35 fields occur") for t in spec)
    assert any("WIPO technology field" in t for t in sec["Bursts"])


def test_comparison_regions_focus_patents_and_method():
    from netanalysis.report.instruments import comparison_regions, focus_patents, specialisation_method

    act = pd.DataFrame({"applicant_id": ["a", "b", "c", "d"], "region": ["ITC4C", "ITI43", "FR101", ""]})
    # FR101 is another country; d has no region
    assert comparison_regions(act, ["ITC4C"], level=2) == (["ITC4"], ["ITC4", "ITI4"], 2)
    apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p3"], "applicant_id": ["c", "a", "b", "d"]})
    assert focus_patents(apps, act, ["ITC4"])["patent_id"].tolist() == ["p1", "p1"]
    x = pd.DataFrame({"A": [1.0]}, index=["ITC4"])
    x.attrs.update(classification="IPC subclasses", column="ipc", counting="whole")
    text = specialisation_method(x, "the 1 NUTS-2 regions of Italy")
    assert text.startswith("Counted over the 1 NUTS-2 regions of Italy with an applicant, in IPC subclasses; whole "
                           "counts")
