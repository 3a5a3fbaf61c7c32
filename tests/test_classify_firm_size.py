"""Firm size from evidence (issue 37): unknown is not small.

Real lists used: ../shared/data/lens-exports (pizza_lens_1000_raw.csv, drones_tac_1606_families.csv),
../shared/data/patstat-it (ItUniv*, ItGovNon*), ../shared/data/kipris-plus-xml, with the size labels of
tests/labels/firm_sizes_real.csv.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _hyp import TESTS

from netanalysis import metrics as m
from netanalysis import network as nw
from netanalysis._codes import numbered
from netanalysis._errors import IngestError
from netanalysis.classify import (
    SME_MAX_PATENTS_PER_YEAR,
    _check_firm_sizes,
    apply_patent_counts,
    apply_source_types,
    classify_actors,
    load_firm_sizes,
    match_firm_sizes,
)
from netanalysis.datasets import SEED, _actors, sample_firm_sizes_path, sample_path, synthetic_firm_sizes
from netanalysis.entities import harmonise
from netanalysis.ingest import read_patents, read_table
from netanalysis.plotting import TYPE_COLORS, TYPE_LABELS
from netanalysis.plotting._style import type_handles
from netanalysis.report.findings import answer_one_time
from netanalysis.report.indicators import headline_indicators
from netanalysis.schema import ACTOR_TYPES, SIZE_SOURCES

LABELS = pd.read_csv(TESTS / "labels" / "firm_sizes_real.csv", dtype=str, keep_default_na=False)


def classify(names, sizes=None):
    s = pd.Series(names)
    h = harmonise(s)
    return classify_actors(s, h["applicant_id"], h["alias_type"], h["alias_source"], firm_sizes=sizes)


# --- unknown is not small ------------------------------------------------------------------

def test_firm_without_evidence_is_firm_of_unknown_size():
    out = classify(["(주)대경정밀", "PIZZA HUT INC", "BOEING CO", "삼성전자(주)", "경북대학교 산학협력단"])
    assert out["actor_type"].astype(str).tolist() == ["firm", "firm", "firm", "large_firm", "university"]
    assert out["size_source"].tolist() == ["unknown", "unknown", "unknown", "group_list", ""]
    assert "firm" in ACTOR_TYPES and set(out["size_source"]) - {""} <= set(SIZE_SOURCES)


# --- the user's size table -------------------------------------------------------------------

def test_size_table_by_name_or_id_with_size_words(tmp_path):
    f = tmp_path / "sizes.csv"
    f.write_text("name,size\nBoeing Company,Large\n(주)대경정밀,중소기업\n한빛소재 주식회사,중견기업\n", encoding="utf-8")
    out = classify(["BOEING CO", "대경정밀 주식회사", "(주)한빛소재", "ACME GMBH"], f)
    assert out["actor_type"].astype(str).tolist() == ["large_firm", "sme", "large_firm", "firm"]
    assert out["size_source"].tolist() == ["user_table", "user_table", "user_table", "unknown"]


def test_size_table_wins_over_group_list_and_source_field():
    names = pd.Series(["SAMSUNG ELECTRONICS CO LTD", "ENI SPA", "ACME SRL"])
    h = harmonise(names)
    sizes = pd.DataFrame({"applicant_id": ["SAMSUNG ELECTRONICS", "ENI"], "size": ["sme", "large"]})
    cls = classify_actors(names, h["applicant_id"], h["alias_type"], h["alias_source"], firm_sizes=sizes)
    out = apply_source_types(cls, pd.Series(["COMPANY", "SME", "中小企業"]))  # the last: a label no table knows
    assert out["actor_type"].astype(str).tolist() == ["sme", "large_firm", "other"]
    assert out["size_source"].tolist() == ["user_table", "user_table", ""]


def test_source_field_gives_size_korean_applicant_class(tmp_path):
    f = tmp_path / "k.csv"
    f.write_text("id,filed,applicant,class\nP1,2015,(주)가나정밀,중소기업\nP1,2015,(주)다라전자,대기업\n"
                 "P2,2016,(주)마바테크,중견기업\nP2,2016,(주)사아식품,\n", encoding="utf-8")
    res = read_table(f, {"patent_id": "id", "year": "filed", "applicants": "applicant", "actor_type": "class"},
                     layout="long")
    a = res.actors.set_index("applicant_id")
    assert a.loc[["가나정밀", "다라전자", "마바테크", "사아식품"], "actor_type"].astype(str).tolist() == [
        "sme", "large_firm", "large_firm", "firm"]
    assert a.loc[["가나정밀", "다라전자", "사아식품"], "size_source"].tolist() == ["source", "source", "unknown"]


def test_source_company_label_keeps_group_evidence_else_unknown():
    cls = classify_actors(pd.Series(["SIEMENS AG", "ROSSI SRL"]))
    out = apply_source_types(cls, pd.Series(["COMPANY", "COMPANY"]))
    assert out["actor_type"].astype(str).tolist() == ["large_firm", "firm"]
    assert out["size_source"].tolist() == ["group_list", "unknown"]


@pytest.mark.parametrize(("text", "message"), [
    ("name,size\nACME,large\nBETA,huge\n", r"row 3.*'size'.*'huge' is not a size word"),
    ("name,size\nACME Inc,large\nBETA,sme\nAcme,sme\n", r"row 4.*'ACME Inc' is listed with different sizes \(rows 2, 4\)"),
    ("name,size\nACME,large\n,sme\n", r"row 3.*empty name"),
    ("firm,size\nACME,large\n", r"needs columns size and applicant_id \(or name\)"),
])
def test_bad_size_table_names_the_row(tmp_path, text, message):
    f = tmp_path / "sizes.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError, match=message) as e:
        load_firm_sizes(f)
    assert str(f) in str(e.value)


def test_size_table_name_matching_several_actors_is_an_error():
    # harmonisation keeps a generic stem's legal forms apart (UNITED GMBH, UNITED INC: two firms),
    # so a bare name is ambiguous; a distinctive stem (DAEWOO ELECTRONICS CORP / CO LTD) is one firm
    sizes = pd.DataFrame({"name": ["Acme", "United"], "size": ["sme", "large"]})
    with pytest.raises(IngestError, match=r"row 3.*'United' matches several actors "
                                          r"\(UNITED \(GMBH\), UNITED \(INC\)\)"):
        classify(["UNITED GMBH", "UNITED INC", "ACME"], sizes)


def test_size_table_two_rows_one_actor_different_sizes_is_an_error():
    # one firm under two spellings that harmonise alike: caught when the table is read
    sizes = pd.DataFrame({"name": ["Boeing Co", "The Boeing Company"], "size": ["large", "sme"]})
    with pytest.raises(IngestError, match=r"row 3.*'Boeing Co' is listed with different sizes \(rows 2, 3\)"):
        classify(["BOEING CO"], sizes)
    # an exact id and a name that resolve to the same actor: caught when the rows are matched
    t = _check_firm_sizes(pd.DataFrame({"applicant_id": ["DAEWOO ELECTRONICS (INC)", "Daewoo Electronics Corp."],
                                        "size": ["large", "sme"]}))
    with pytest.raises(IngestError, match=r"row 3.*rows 2, 3 name the same actor 'DAEWOO ELECTRONICS \(INC\)'"):
        match_firm_sizes(t, pd.Series(["DAEWOO ELECTRONICS (INC)", "ACME"]))


def test_size_table_notes_repeats_unmatched_rows_and_non_firms():
    sizes = pd.DataFrame({"name": ["Boeing Co", "BOEING", "Nobody Ltd", "경북대학교"], "size": ["large"] * 3 + ["sme"]})
    out = classify(["BOEING CO", "경북대학교 산학협력단"], sizes)
    notes = " | ".join(out.attrs["notes"])
    assert "rows 3 repeat a firm listed above with the same size" in notes
    assert "1 of its 4 rows name no applicant in the data (e.g. 'Nobody Ltd')" in notes
    assert "1 of the actors it names are not firms" in notes
    assert out["actor_type"].astype(str).tolist() == ["large_firm", "university"]


# --- the patent count -------------------------------------------------------------------------

def _mentions(counts: dict[str, int], years: tuple[int, int]):
    ids, pids, yrs = [], [], []
    for a, n in counts.items():
        ids += [a] * n
        pids += [f"{a}{i}" for i in range(n)]
        yrs += [years[0] + i % (years[1] - years[0] + 1) for i in range(n)]
    return pd.Series(ids), pd.Series(pids), pd.Series(yrs)


def test_patent_count_threshold_scales_with_the_period():
    counts = {"BIG": 2 * SME_MAX_PATENTS_PER_YEAR + 1, "EDGE": 2 * SME_MAX_PATENTS_PER_YEAR, "SMALL": 3}
    ids, pids, yrs = _mentions(counts, (2010, 2011))  # every firm files in both years: threshold 500
    cls = pd.DataFrame({"actor_type": "firm", "type_reason": "rule:default_firm", "size_source": "unknown"},
                       index=ids.index)
    out = apply_patent_counts(cls, ids, pids, yrs)
    typed = out.assign(a=ids).groupby("a")["actor_type"].first().astype(str).to_dict()
    assert typed == {"BIG": "large_firm", "EDGE": "firm", "SMALL": "firm"}
    assert set(out.loc[ids == "BIG", "size_source"]) == {"patent_count"}
    assert "1 firm(s) of unknown size have more than 250 patents a year" in out.attrs["notes"][0]
    # the same counts spread over three years (threshold 750): no firm is above it
    ids3, pids3, yrs3 = _mentions(counts, (2010, 2012))
    assert apply_patent_counts(cls, ids3, pids3, yrs3)["actor_type"].astype(str).eq("firm").all()


def test_patent_count_reads_numbered_ids_as_the_text():
    # the pipeline hands the patent ids numbered once (a categorical; codes of a larger column, not in
    # order of appearance here, with a missing id): the same types as from the ids as text
    ids, pids, yrs = _mentions({"BIG": 2 * SME_MAX_PATENTS_PER_YEAR + 20, "EDGE": 2 * SME_MAX_PATENTS_PER_YEAR},
                               (2010, 2011))
    pids = pids.astype("str")
    pids.iloc[::97] = None
    more = numbered(pd.concat([pd.Series(["Q", *pids.iloc[::-1]], dtype="str"), pids], ignore_index=True))
    coded = more.iloc[len(pids) + 1:].set_axis(pids.index)
    cls = pd.DataFrame({"actor_type": "firm", "type_reason": "rule:default_firm", "size_source": "unknown"},
                       index=ids.index)
    as_text = apply_patent_counts(cls, ids, pids, yrs)
    pd.testing.assert_frame_equal(apply_patent_counts(cls, ids, coded, yrs), as_text)
    assert set(as_text.loc[ids == "BIG", "actor_type"].astype(str)) == {"large_firm"}  # 520 less 6 missing > 500
    assert set(as_text.loc[ids == "EDGE", "actor_type"].astype(str)) == {"firm"}


def test_patent_count_never_overrules_stronger_evidence():
    ids, pids, yrs = _mentions({"A": 300, "B": 300}, (2010, 2010))
    cls = pd.DataFrame({"actor_type": np.where(ids == "A", "sme", "firm"), "type_reason": "x",
                        "size_source": np.where(ids == "A", "user_table", "unknown")}, index=ids.index)
    out = apply_patent_counts(cls, ids, pids, yrs)
    assert out.assign(a=ids).groupby("a")["actor_type"].first().astype(str).to_dict() == {"A": "sme", "B": "large_firm"}


def test_patent_count_over_several_files(tmp_path):
    # 251 patents in one year: each file alone holds 126 / 125 (under 250), together they are over it
    n = SME_MAX_PATENTS_PER_YEAR + 1
    rows = [f"P{i},2015,MEGACORP INC" for i in range(n)]
    half = n // 2 + 1
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("id,filed,owner\n" + "\n".join(rows[:half]) + "\n", encoding="utf-8")
    b.write_text("id,filed,owner\n" + "\n".join(rows[half:]) + "\n", encoding="utf-8")
    cols = {"patent_id": "id", "year": "filed", "applicants": "owner"}
    assert read_patents(a, columns=cols).actors["actor_type"].astype(str).tolist() == ["firm"]
    both = read_patents([a, b], columns=cols)
    assert both.actors[["actor_type", "size_source", "n_patents"]].astype(str).values.tolist() == [
        ["large_firm", "patent_count", str(n)]]
    assert any("more than 250 patents a year" in note for note in both.report.notes)


# --- the synthetic sample ------------------------------------------------------------------------

def test_sample_size_table_is_the_generator_register():
    shipped = pd.read_csv(sample_firm_sizes_path(), dtype=str, keep_default_na=False)
    assert shipped.equals(synthetic_firm_sizes())
    a = _actors(np.random.default_rng(SEED))
    assert int((shipped["size"] == "large").sum()) == int((a["kind"] == "large_firm").sum()) + 3  # + 3 foreign firms
    assert 0 < int((shipped["size"] == "sme").sum()) <= int((a["kind"] == "sme").sum())


@pytest.mark.slow
def test_sample_smes_have_evidence():
    res = read_patents(sample_path(), firm_sizes=sample_firm_sizes_path())
    firms = res.actors[res.actors["actor_type"].astype(str).isin(["sme", "large_firm", "firm"])]
    assert set(firms["size_source"]) == {"user_table"}
    assert (firms["actor_type"].astype(str) == "sme").sum() == (
        pd.read_csv(sample_firm_sizes_path())["size"] == "sme").sum()
    assert not res.report.notes  # every row of the size table names a firm of the sample


# --- findings: unknown-size firms left out, and the sensitivity line ---------------------------

def _univ_net():
    # U with SME s1 (one patent), SME s2 (two years), firms f1, f2 (one patent each); s1 with s2 (one patent)
    rows = [("p1", 2010, ["U", "s1"]), ("p2", 2010, ["U", "s2"]), ("p3", 2012, ["U", "s2"]),
            ("p4", 2011, ["U", "f1"]), ("p5", 2011, ["U", "f2"]), ("p6", 2011, ["s1", "s2"])]
    apps = pd.DataFrame([(p, y, a, "KR-27") for p, y, team in rows for a in team],
                        columns=["patent_id", "year", "applicant_id", "region"])
    act = pd.DataFrame({"applicant_id": ["U", "s1", "s2", "f1", "f2"],
                        "actor_type": ["university", "sme", "sme", "firm", "firm"], "region": "KR-27", "country": "KR"})
    return nw.edges_from_applications(apps), act


def test_one_time_share_leaves_unknown_size_out_and_says_what_counting_them_changes():
    e, act = _univ_net()
    ind = headline_indicators(e, act, ["KR-27"])
    # with evidence: U–s1 one-time, U–s2 repeated -> 1/2; other pairs: s1–s2 one-time -> 1/1
    assert float(ind["univ_sme_one_time"]) == 0.5 and float(ind["univ_sme_n"]) == 2
    assert float(ind["other_one_time"]) == 1.0 and float(ind["other_n"]) == 1
    # counting f1, f2 as SMEs: 3 of 4 university–SME ties are one-time
    assert float(ind["univ_firm_n"]) == 2 and float(ind["univ_sme_one_time_if_sme"]) == 0.75
    assert float(ind["univ_sme_n_if_sme"]) == 4
    f = answer_one_time(ind)
    assert "2 university ties with firms of unknown size are left out; counting those firms as SMEs, 75% of the 4" \
        in f.sentence
    assert f.numbers["univ_sme_one_time_if_sme"] == 0.75


def test_no_sme_with_evidence_still_gives_the_sensitivity():
    e, act = _univ_net()
    act = act.assign(actor_type=act["actor_type"].replace("sme", "firm"))
    f = answer_one_time(headline_indicators(e, act, ["KR-27"]))
    assert f.holds is None and "cannot be answered" in f.sentence
    assert "4 university ties with firms of unknown size are left out" in f.sentence
    assert f.numbers["univ_sme_one_time_if_sme"] == 0.75


def test_type_pair_tables_show_unknown_size_firms():
    e, act = _univ_net()
    p = m.persistence_by_type_pair(m.dyad_persistence(e, act)).set_index("type_pair")
    assert p.loc["university–firm", "n_dyads"] == 2 and p.loc["university–sme", "n_dyads"] == 2


def test_unknown_size_has_its_own_neutral_colour_and_legend_entry():
    assert TYPE_LABELS["firm"] == "Firm (size unknown)"
    assert TYPE_COLORS["firm"] not in {TYPE_COLORS[t] for t in ACTOR_TYPES if t != "firm"}
    rgb = [int(TYPE_COLORS["firm"][i:i + 2], 16) for i in (1, 3, 5)]
    assert max(rgb) - min(rgb) < 40  # neutral: close to grey, not one of the hues
    labels = [h.get_label() for h in type_handles(["sme", "firm", "large_firm"])]
    assert labels == ["Large firm", "SME", "Firm (size unknown)"]


# --- real lists ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_real_lists_type_no_large_organisation_sme(shared_data):
    """Lens pizza/drones, PATSTAT Italy, KIPRIS Plus: no labelled large organisation is an SME, and the
    former rule (every firm not in the large-group list an SME) typed most of them SME."""
    sets = {
        "lens-pizza": read_patents(shared_data / "lens-exports" / "pizza_lens_1000_raw.csv"),
        "lens-drones": read_patents(shared_data / "lens-exports" / "drones_tac_1606_families.csv"),
        "patstat-it": read_patents(sorted((shared_data / "patstat-it").glob("*.xlsx")), columns={
            "patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name",
            "actor_type": "psn_sector"}),
        "kipris-plus": read_patents(shared_data / "kipris-plus-xml"),
    }
    checked = 0
    for name, res in sets.items():
        actors = res.actors.set_index("applicant_id")
        lab = LABELS[LABELS["set"] == name]
        ids = harmonise(lab["name"])["applicant_id"]
        assert ids.isin(actors.index).all(), (name, lab["name"][~ids.isin(actors.index).to_numpy()].tolist())
        got = actors.loc[ids, ["actor_type", "size_source"]].astype(str).assign(label=lab["label"].to_numpy())
        large, small = got[got["label"] == "large"], got[got["label"] == "sme"]
        assert not (large["actor_type"] == "sme").any(), (name, large)
        assert not (small["actor_type"] == "large_firm").any(), (name, small)
        legacy = large["actor_type"].eq("firm") | large["size_source"].eq("patent_count")
        assert legacy.sum() >= len(large) // 2  # what the former rule typed SME
        # every firm typed large has its evidence recorded
        firms = actors[actors["actor_type"].astype(str) == "large_firm"]
        assert firms["size_source"].isin(["user_table", "source", "group_list", "patent_count"]).all()
        assert not (actors["actor_type"].astype(str) == "sme").any()  # no size evidence of SMEs in these exports
        checked += len(got)
    assert checked == int(LABELS["set"].isin(list(sets)).sum())
    boeing = sets["lens-drones"].actors.set_index("applicant_id").loc["BOEING"]
    assert (str(boeing["actor_type"]), boeing["size_source"]) == ("firm", "unknown")
    st = sets["patstat-it"].actors.set_index("applicant_id").loc["STMICROELECTRONICS"]
    assert (str(st["actor_type"]), st["size_source"]) == ("firm", "unknown")


def test_size_table_notes_reach_the_ingest_report(tmp_path):
    data = tmp_path / "t.csv"
    data.write_text("id,filed,owner\nP1,2015,ACME INC\nP2,2016,BETA GMBH\n", encoding="utf-8")
    sizes = tmp_path / "sizes.csv"
    sizes.write_text("name,size\nAcme Inc.,sme\nGamma SpA,large\n", encoding="utf-8")
    res = read_patents(data, columns={"patent_id": "id", "year": "filed", "applicants": "owner"}, firm_sizes=sizes)
    assert res.actors.set_index("applicant_id")["actor_type"].astype(str).to_dict() == {"ACME": "sme", "BETA": "firm"}
    assert any("1 of its 2 rows name no applicant in the data (e.g. 'Gamma SpA')" in n for n in res.report.notes)


def test_repeat_survival_gives_unknown_size_firms_their_own_curve():
    e, act = _univ_net()
    s = m.repeat_survival(e, act, end_year=2013)
    assert s.attrs["n_dyads"] == {"university–sme": 2, "university–firm": 2, "all other pairs": 1}


def test_patent_counts_take_a_missing_id_as_the_empty_one():
    # the rows of no id and of the empty id are one actor: 3 patents in one year, over 1 a year
    from netanalysis.classify import apply_patent_counts

    cls = pd.DataFrame({"actor_type": ["firm"] * 4, "type_reason": "rule:default_firm", "size_source": "unknown"})
    out = apply_patent_counts(cls, pd.Series(["A", None, "", None], dtype="string"), pd.Series(["p1", "p2", "p3", "p4"]),
                              pd.Series([2010] * 4), per_year=1)
    assert out["actor_type"].astype(str).tolist() == ["firm", "large_firm", "large_firm", "large_firm"]
    assert out.attrs["notes"][0].startswith("1 firm(s) of unknown size")
