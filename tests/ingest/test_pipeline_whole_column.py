"""Issue 30: the whole-column steps of the ingest (one pass per distinct value) keep each rule's
meaning: hand-worked cases and cross-checks against the row-by-row definitions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from cleanco import basename
from hypothesis import given
from hypothesis import strategies as st

from netanalysis.classify import _suffix_free, fold_name, inventor_evidence
from netanalysis.entities import clean_name, harmonise, on_distinct
from netanalysis.ingest._pipeline import (
    _harmonised,
    _locate,
    _named,
    _stripped,
    check_records,
    harmonise_mentions,
    kept_mentions,
    locate_mentions,
    prepare_mentions,
    record_codes,
    resolve_duplicates,
)
from netanalysis.regions import region_from_address


def test_display_name_counts_rows_not_distinct_spellings():
    # two spellings of one id: the one on more rows is shown (distinct spellings tie 1-1)
    h = harmonise(pd.Series(["Acme, Inc.", "Acme, Inc.", "ACME INC"]))
    assert h["applicant_id"].nunique() == 1
    assert h["applicant_name"].tolist() == ["ACME, INC."] * 3
    h = harmonise(pd.Series(["Acme, Inc.", "ACME INC", "ACME INC"], index=[10, 10, 3]))
    assert h["applicant_name"].tolist() == ["ACME INC"] * 3 and list(h.index) == [10, 10, 3]


def test_on_distinct_keeps_index_and_missing_values():
    s = pd.Series(["b", None, "b", "a"], index=[3, 3, 1, 0], dtype="string")
    out = on_distinct(s, lambda u: u.str.upper())
    assert list(out.index) == [3, 3, 1, 0]
    assert out.iloc[[0, 2, 3]].tolist() == ["B", "B", "A"] and pd.isna(out.iloc[1])
    # clean_name of repeated names: the same as cleaning each alone
    names = pd.Series(["  ㈜한국 전자 ", "Pizza  Hut, inc.", "  ㈜한국 전자 ", "ÉCOLE\u200b"])
    assert clean_name(names).tolist() == [clean_name(pd.Series([n])).iloc[0] for n in names]
    assert fold_name(names).tolist() == ["(주)한국 전자", "PIZZA HUT, INC.", "(주)한국 전자", "ECOLE"]


def _evidence_by_rows(names: pd.Series, inventors: pd.Series) -> list[bool]:
    """The definition, row by row: the applicant's sorted words equal one inventor's."""
    def words(x: str) -> str:
        return " ".join(sorted(w for w in fold_name(pd.Series([x])).str.replace(r"\([^)]*\)", " ", regex=True)
                               .str.replace(r"[^\w]+", " ", regex=True).iloc[0].split()
                               if not any(c.isdigit() for c in w)))
    out = []
    for name, inv in zip(names, inventors, strict=True):
        if pd.isna(name) or pd.isna(inv) or words(name) == "":
            out.append(False)
            continue
        out.append(words(name) in {words(i) for i in str(inv).split(";") if i.strip()})
    return out


def test_inventor_evidence_matches_the_row_by_row_definition():
    names = pd.Series(["ROSSI MARIO", "Mario Rossi", "ACME SPA", "KIM, CHUL SU", None, "BIANCHI ANNA", "홍길동", "X 12"],
                      index=[7, 7, 2, 3, 4, 5, 6, 8])
    inventors = pd.Series(["Mario Rossi; Anna Bianchi", "Mario Rossi; Anna Bianchi", "Mario Rossi", "Chul Su Kim",
                           "Mario Rossi", None, "홍길동(419980012345)", " ; X"], index=[7, 7, 2, 3, 4, 5, 6, 8])
    got = inventor_evidence(names, inventors)
    assert got.tolist() == [True, True, False, True, False, False, True, True]
    assert got.tolist() == _evidence_by_rows(names, inventors)
    assert list(got.index) == list(names.index)


def test_inventor_evidence_is_per_application_not_per_name():
    # the same person is an inventor of application 1 only: evidence on that row alone
    names = pd.Series(["LIMA ANA", "LIMA ANA"])
    assert inventor_evidence(names, pd.Series(["ANA LIMA", "JOAO SILVA"])).tolist() == [True, False]


def test_only_some_addresses_parsed_but_the_two_letter_convention_read_from_all():
    text = pd.Series(["Tokyo, JP", "Paris, FR", "Toronto, CA"])
    full = region_from_address(text)
    assert full["country"].tolist() == ["JP", "FR", "CA"]  # most codes are countries: CA is Canada
    part = region_from_address(text, only=[False, False, True])
    assert part["country"].tolist() == ["", "", "CA"] and part["region"].tolist() == ["", "", ""]
    assert region_from_address(text.iloc[[2]])["country"].tolist() == ["US"]  # alone, CA reads as California


def test_gunwi_by_each_rows_year_with_repeated_addresses():
    text = pd.Series(["대구광역시 군위군 군위읍"] * 3 + ["경상북도 군위군"], index=[5, 6, 7, 8])
    out = region_from_address(text, year=pd.Series([2020, 2024, None, 2022], index=[5, 6, 7, 8]))
    assert out["region"].tolist() == ["KR-47-Gunwi-gun", "KR-27-Gunwi-gun", "KR-27-Gunwi-gun", "KR-47-Gunwi-gun"]
    assert list(out.index) == [5, 6, 7, 8] and (out["country"] == "KR").all()


FORMS = ["LTD", "LTD.", "INC", "S.P.A.", "SPA", "GMBH", "CO", "CO.,", "AG", "S.A.", "LLC", "KG", "OY", "AB", "BV",
         "SRL", "S.R.L.", "PLC", "CORP.", "&", "-", ",", "ACME", "ROSSI", "MARIO", "UNIVERSITY", "ÉCOLE", "Ü"]


@given(st.lists(st.sampled_from(FORMS), min_size=0, max_size=5), st.sampled_from(["", " ", ".", " -", ", "]))
def test_suffix_free_is_cleanco_basename(words, tail):
    name = " ".join(words) + tail
    assert _suffix_free(name, basename) == basename(name, suffix=True, prefix=False, middle=False)


def test_record_codes_number_records_as_the_string_groupby():
    """Issue 30: the record steps join on integer record codes; they number the records as
    ``groupby([source_file, source_row], sort=False).ngroup()`` does (by first appearance)."""
    import random

    import numpy as np

    from netanalysis._codes import numbered
    from netanalysis.ingest._conflicts import judge_records

    # by hand: (b, 7) first, then (a, 7) (same row, another file), then (b, 2): 0, 0, 1, 2
    m = pd.DataFrame({"source_file": ["b", "b", "a", "b"], "source_row": [7, 7, 7, 2]})
    assert record_codes(m).tolist() == [0, 0, 1, 2]
    # one file, its rows in reading order (numbered by the steps between rows) or not
    one = pd.DataFrame({"source_file": "f", "source_row": [2, 2, 3, 5, 5, 5, 9]})
    assert record_codes(one).tolist() == [0, 0, 1, 2, 2, 2, 3]
    assert record_codes(one.iloc[::-1]).tolist() == [0, 1, 1, 1, 2, 3, 3]
    rng = random.Random(30)
    for i in range(80):
        n = rng.randint(1, 60)
        files = ["x.csv", "dir/y.csv", "z"] if i % 2 else ["x.csv"]
        rows = [rng.randint(2, 9) for _ in range(n)]
        m = pd.DataFrame({"source_file": [rng.choice(files) for _ in range(n)],
                          "source_row": sorted(rows) if i % 4 == 0 else rows,
                          "patent_id": [rng.choice(["P1", "P2", "P3"]) for _ in range(n)],
                          "applicant_id": [rng.choice(["A", "B", "가", "É"]) for _ in range(n)],
                          "year": [rng.choice([2010, 2011]) for _ in range(n)], "month": 1})
        codes = m.groupby(["source_file", "source_row"], sort=False).ngroup().to_numpy()
        assert np.array_equal(record_codes(m), codes)
        # judged on the codes or on the string pairs, the file as text or categorical (as the pipeline
        # holds it): the same reasons, years and conflicts
        m_cat = m.assign(source_file=m["source_file"].astype("category"))
        # and the patent ids numbered once over a larger column (the pipeline's: codes of ids absent
        # here, not in order of appearance here)
        more = numbered(pd.Series(["Q9", "P3", *m["patent_id"]], dtype="str")).iloc[2:].reset_index(drop=True)
        m_num = m_cat.assign(patent_id=more)
        for per_record in (True, False):
            a = judge_records(m, per_record)
            for b in (judge_records(m, per_record, codes=codes), judge_records(m_cat, per_record, codes=codes),
                      judge_records(m_num, per_record, codes=codes)):
                pd.testing.assert_series_equal(a.reasons, b.reasons)
                pd.testing.assert_frame_equal(a.years, b.years)
                pd.testing.assert_frame_equal(a.conflicts, b.conflicts)


def test_records_per_patent_counts_distinct_patent_record_pairs():
    # the duplicate judgement counts a patent's records without hashing (patent, record) pairs when
    # every record names one patent; the count is the distinct pairs' (the definition) on random
    # mentions, with missing patents (-1), records absent from the codes and records naming several
    from netanalysis.ingest._conflicts import _records_per_patent

    rng = np.random.default_rng(7)
    for trial in range(60):
        n_rec, n_pat = int(rng.integers(1, 30)), int(rng.integers(1, 12))
        rec_patent = rng.integers(-1, n_pat, n_rec)  # each record's patent (-1: none)
        code = rng.integers(0, n_rec, int(rng.integers(1, 80)))
        pcode = rec_patent[code]
        if trial % 3 == 0:  # some records name several patents
            flip = rng.random(len(code)) < 0.2
            pcode = np.where(flip, rng.integers(-1, n_pat, len(code)), pcode)
        pairs = {(p, r) for p, r in zip(pcode.tolist(), code.tolist(), strict=True) if p >= 0}
        want = np.bincount([p for p, _ in pairs], minlength=n_pat) if pairs else np.zeros(n_pat, dtype=np.int64)
        got = _records_per_patent(pcode, code, n_rec, n_pat)
        assert got.tolist() == want.tolist()


def test_kept_mentions_consuming_the_frame_gives_the_same_table():
    # the pipeline hands its own mentions over (consume=True: each column freed once taken); a
    # long table with a repeated (patent, applicant), a rejected record, disagreeing years and a
    # technology per row: the same kept table as the pure call, whose input is left unchanged

    raw = pd.DataFrame({
        "source_file": "f.csv", "source_row": [2, 3, 4, 5, 6, 7],
        "patent_id": ["P1", "P1", "P1", "P2", "", "P3"],
        "date_raw": ["2011-05-01", "2010-03-01", "2011-05-01", "2012", "2013", "2014"],
        "applicant_raw": ["ACME INC", "KIM CHUL SU", "ACME INC", "UNIV OF X", "NOBODY", "ACME INC"],
        "technology": ["Optics", "Transport", "Computer technology", None, None, "Optics"],
    })
    m = prepare_mentions(raw)
    records = check_records(m)
    m = harmonise_mentions(m, records, None)
    resolve_duplicates(m, records, "long")
    before = m.copy()
    pure = kept_mentions(m, records, "long")
    pd.testing.assert_frame_equal(m, before)  # the pure call leaves its input alone
    owned = kept_mentions(m, records, "long", consume=True)
    pd.testing.assert_frame_equal(pure.mentions, owned.mentions)
    assert (pure.n_empty_name, pure.n_merged) == (owned.n_empty_name, owned.n_merged) == (0, 1)
    assert "applicant_id" not in m and "patent_id" not in m  # taken and freed
    k = pure.mentions
    assert k["patent_id"].tolist() == ["P1", "P1", "P2", "P3"]  # the repeated ACME row of P1 merged, "" rejected
    assert k["year"].tolist() == [2010, 2010, 2012, 2014]  # P1: the earliest year on both of its rows
    assert k["technology"].tolist()[:2] == ["Optics; Transport; Computer technology"] * 2  # the repeated row's too


def test_kept_mentions_merges_exactly_the_repeated_pairs_on_random_long_tables():
    # kept_mentions hashes the (patent, applicant) pairs of patents with two rows or more only; the
    # rows kept are the first of each distinct pair among the kept records (the definition, by
    # drop_duplicates on the texts) on random long tables with single-row patents, repeats and rejects
    rng = np.random.default_rng(30)
    for _ in range(40):
        n = int(rng.integers(1, 60))
        raw = pd.DataFrame({
            "source_file": "f.csv", "source_row": np.arange(2, n + 2),
            "patent_id": [f"P{k}" if k else "" for k in rng.integers(0, max(2, n // 2), n)],
            "date_raw": "2015",
            "applicant_raw": [["ACME INC", "KIM CHUL SU", "UNIV OF X", "BETA SPA"][k] for k in rng.integers(0, 4, n)],
        })
        m = prepare_mentions(raw)
        records = check_records(m)
        m = harmonise_mentions(m, records, None)
        resolve_duplicates(m, records, "long")
        kept = kept_mentions(m, records, "long")
        ok = (records["reason"] == "").to_numpy()[record_codes(m)] & m["applicant_id"].ne("").to_numpy()
        pairs = pd.DataFrame({"p": m["patent_id"].astype(str), "a": m["applicant_id"].astype(str)})[ok]
        want = pairs.drop_duplicates()
        assert kept.rows.tolist() == want.index.tolist()
        assert kept.n_merged == len(pairs) - len(want)
        assert kept.mentions["source_row"].tolist() == m["source_row"].to_numpy()[want.index].tolist()


def test_names_numbered_once_give_the_same_harmonisation_and_evidence():
    # the pipeline numbers the names once (a categorical) for the harmonisation and the name evidence:
    # the same ids, names and classes as from the text, also with a missing name, unused categories
    # (harmonise leaves them out) and the empty name among the categories
    from netanalysis._codes import numbered, text_codes
    from netanalysis.classify import name_evidence

    names = pd.Series(["Acme, Inc.", None, "ACME INC", "KIM CHUL SU", "Acme, Inc.", "(주)"], dtype="string")
    inventors = pd.Series(["X", None, "Y", "Kim Chul Su; Z", None, "W"], dtype="string")
    cat = numbered(names)
    codes, uniques = text_codes(cat)
    assert uniques.take(codes).tolist() == names.fillna("").tolist()
    a = harmonise(names.dropna())
    b = harmonise(cat.dropna())
    c = harmonise(pd.Series(pd.Categorical(names.dropna(), categories=["ZZZ UNUSED", *cat.cat.categories]),
                            index=names.dropna().index))
    for other in (b, c):
        pd.testing.assert_frame_equal(a, other)
    ea, eb = name_evidence(names, inventors), name_evidence(cat, inventors)
    rules_a = ea.rules["actor_type"].to_numpy()[ea.codes]
    rules_b = eb.rules["actor_type"].to_numpy()[eb.codes]
    assert rules_a.tolist() == rules_b.tolist()
    assert ea.seen.tolist() == eb.seen.tolist() == [False, False, False, True, False, False]


def test_harmonise_mentions_given_the_threads_harmonisation_is_the_same():
    # the pipeline strips the names and harmonises them in a thread before the mentions are prepared
    # (names_stripped=True, harmonised=...): the same mentions and record verdicts as the steps called
    # one after the other; a missing name, a name of legal forms only and padded spellings included

    raw = pd.DataFrame({
        "source_file": "f.csv", "source_row": [2, 2, 3, 4, 5, 6],
        "patent_id": ["P1", "P1", "P2", "P3", "P4", "P5"],
        "date_raw": ["2011", "2011", "2012", "2013", "2014", "2015"],
        "applicant_raw": ["  ACME INC ", "KIM CHUL SU", None, "(주)", "ACME INC", "Univ of X  "],
    })
    m = prepare_mentions(raw)
    records = check_records(m)
    serial = harmonise_mentions(m, records, None)

    early = raw.reset_index(drop=True)
    early["applicant_raw"] = _stripped(early["applicant_raw"])
    h = _harmonised(_named(early))
    m2 = prepare_mentions(early, names_stripped=True)
    pd.testing.assert_frame_equal(m2, m)
    records2 = check_records(m2)
    threaded = harmonise_mentions(m2, records2, None, harmonised=h)
    pd.testing.assert_frame_equal(threaded, serial)
    pd.testing.assert_frame_equal(records2, records)
    assert serial["applicant_id"].tolist()[0] == serial["applicant_id"].tolist()[4] != ""  # padded ACME INC
    assert serial["applicant_id"].tolist()[3] == ""  # legal form only
    assert records.loc[("f.csv", 4), "reason"].startswith("applicant: names hold only legal forms")


def test_locate_mentions_once_per_distinct_inputs_gives_every_rows_answer():
    # a national table repeats a few places on many rows: the rules run once per distinct
    # combination of a row's location inputs and are mapped back; the result is the row-by-row
    # one (the private _locate on every row), and the note counts rows, not combinations

    base = pd.DataFrame({
        "year": pd.array([2010, 2010, 2015, 2015, 2020, None], dtype="Int64"),
        "month": [3.0, 9.0, None, 1.0, 12.0, None],
        "address_raw": ["대구광역시 북구 대학로 80", "대구광역시 북구 대학로 80", None, "Seoul", None, "경상북도 포항시"],
        "country_hint": pd.Categorical(["", "KR", "BR", None, "IT", "kr "]),
        "region_hint": pd.Categorical(["", "", "MG", "ZZ", "ITC4", "QQ"]),
    })
    rng = np.random.default_rng(30)
    many = base.iloc[rng.integers(0, len(base), 600)]
    many.index = pd.Index(rng.permutation(600) * 7, name="row")  # any index: the answer keeps it
    got = locate_mentions(many)
    want, unknown = _locate(many)
    pd.testing.assert_frame_equal(got, want.set_axis(many.index))
    assert got.loc[many.index[many["region_hint"].eq("MG").to_numpy()], "region"].eq("BR-MG").all()
    n_unknown = int(many["region_hint"].isin(["ZZ", "QQ"]).sum())
    assert len(unknown) == n_unknown > 0
    note = got.attrs["notes"][0]
    assert note.startswith(f"{n_unknown} region values given by the source name no known region")
    first = [h for h in many["region_hint"].astype(str) if h in ("ZZ", "QQ")]
    assert note.index(repr(first[0])) < note.index(repr(({"ZZ", "QQ"} - {first[0]}).pop()))  # first seen first
    # all rows distinct: the rules run on the rows themselves, the same answer
    pd.testing.assert_frame_equal(locate_mentions(base), _locate(base)[0])


LIST_TEXT = st.lists(st.sampled_from(["a", "b", " ", ";", "; ", ";;", "|", "\n", "\x1f", "\t", "\u00a0", "\u2028", "é", "가"]),
                     max_size=10).map("".join)


@given(st.lists(st.one_of(st.none(), LIST_TEXT), max_size=8), st.lists(st.integers(0, 9), min_size=8, max_size=8))
def test_list_cells_already_joined_skip_the_rules_with_the_same_answer(cells, index):
    # a cell already "A; B" is left as it is; every other cell goes through the separator rules
    from netanalysis.ingest._split import LIST_SEPARATOR, _joined_list, _rules

    s = pd.Series([*cells, "A; B", "가; 나 다"], index=[*index[: len(cells)], 0, 0], dtype="string")
    pd.testing.assert_series_equal(_joined_list(s, LIST_SEPARATOR), _rules(s, LIST_SEPARATOR))


def test_list_cells_by_hand():
    from netanalysis.ingest._split import LIST_SEPARATOR, joined_list

    s = pd.Series(["A; B", "A;B", " A ;; B ", "A; ; B", "A\x1fB", "A|B\nC", None, " ; "], dtype="string")
    assert joined_list(s, LIST_SEPARATOR).tolist() == ["A; B", "A; B", "A; B", "A; B", "A; B", "A; B; C", pd.NA, pd.NA]


def test_resolve_duplicates_with_numbered_ids_is_with_text_ids():
    # the pipeline's patent ids are numbered (categorical): the earliest year of each patent read
    # again is looked up by code; the same records (years, months, reasons) and conflicts as with
    # the ids as text, in a wide and a long table, with a rejected record and disagreeing years

    rng = np.random.default_rng(30)
    for layout in ("wide", "long"):
        for _ in range(20):
            n = int(rng.integers(2, 25))
            raw = pd.DataFrame({
                "source_file": "f.csv", "source_row": np.sort(rng.integers(2, 2 + n, n)),
                "patent_id": rng.choice(np.array(["P1", "P2", "P3", "", "P4"], dtype=object), n),
                "date_raw": rng.choice(["2011-05-01", "2010-03-01", "2012", "x"], n),
                "applicant_raw": rng.choice(["ACME INC", "KIM CHUL SU", "UNIV OF X"], n),
            })
            m = prepare_mentions(raw)
            assert isinstance(m["patent_id"].dtype, pd.CategoricalDtype)
            records = check_records(m)
            m = harmonise_mentions(m, records, None)
            as_text = records.assign(patent_id=records["patent_id"].astype(str))
            # (categories in another order than the mentions': the patents looked up by their text)
            other = records.assign(patent_id=records["patent_id"].cat.reorder_categories(
                records["patent_id"].cat.categories[::-1]))
            got = resolve_duplicates(m, records, layout)
            want = resolve_duplicates(m.assign(patent_id=m["patent_id"].astype(str)), as_text, layout)
            pd.testing.assert_frame_equal(got, want, check_dtype=False)  # (the ids' text: string or str)
            pd.testing.assert_frame_equal(resolve_duplicates(m, other, layout), got)
            pd.testing.assert_frame_equal(records[["year", "month", "reason"]], as_text[["year", "month", "reason"]])
            pd.testing.assert_frame_equal(other[["year", "month", "reason"]], as_text[["year", "month", "reason"]])


def test_judge_records_year_codes_name_the_years_patents():
    # each earliest-year row's patent as its code in the mentions' numbering, text ids or numbered
    from netanalysis._codes import factorized, numbered
    from netanalysis.ingest._conflicts import judge_records

    m = pd.DataFrame({"source_file": "f", "source_row": [2, 2, 3, 4, 5, 6],
                      "patent_id": ["P9", "P9", "P1", "P9", "P1", "P5"],
                      "applicant_id": ["A", "B", "A", "C", "D", "E"], "year": [2011, 2011, 2010, 2009, 2012, 2013],
                      "month": 1})
    for ids in (m["patent_id"], numbered(m["patent_id"])):
        j = judge_records(m.assign(patent_id=ids))
        assert j.years.index.tolist() == ["P9", "P1"] and j.years["year"].tolist() == [2009, 2010]
        assert factorized(ids)[1].take(j.year_codes).tolist() == ["P9", "P1"]


def test_judge_records_years_are_each_patents_earliest_with_its_first_records_month():
    # the year rule, worked out independently on random long tables (rows of a patent together, as
    # read_table's: judged without a sort; or scattered: the sort; never a year missing: check_records
    # rejects such a record before the duplicates are judged): each patent read
    # twice or more gets its least year and the month of its first record with that year, the patents
    # listed in order of first appearance; a record whose year differs from its patent's first is a
    # conflict naming that first record
    from netanalysis.ingest._conflicts import judge_records

    rng = np.random.default_rng(11)
    for i in range(90):
        n = int(rng.integers(2, 40))
        pids = rng.choice(["P1", "P2", "P3", "P4", "P5"], n)
        if i % 3:
            pids = np.sort(pids)
        m = pd.DataFrame({"source_file": "f.csv", "source_row": np.arange(2, n + 2), "patent_id": pids,
                          "applicant_id": "A", "year": rng.choice([2009, 2010, 2011], n),
                          "month": rng.integers(1, 13, n)}).astype({"year": "Int64", "month": "Int64"})
        j = judge_records(m, per_record=False)
        expect, conflicts = {}, set()
        for p in pd.unique(m["patent_id"]):
            g = m[m["patent_id"] == p]
            if len(g) < 2:
                continue
            least = g["year"].min()
            expect[p] = (least, g.loc[g["year"] == least, "month"].iloc[0])
            first = g.iloc[0]
            conflicts |= {(p, int(r.source_row), int(first.source_row)) for r in g.iloc[1:].itertuples()
                          if r.year != first.year}
        got = {p: (r["year"], r["month"]) for p, r in j.years.iterrows()}
        assert list(j.years.index) == list(expect) and got == expect, i
        y = j.conflicts[j.conflicts["field"] == "year"]
        assert set(zip(y["patent_id"], y["source_row"], y["first_row"], strict=True)) == conflicts, i


def test_first_rows_renumbering_and_record_index_are_pandas_answers():
    # the record steps find each record's first mention, renumber a subset of codes and index the
    # records by (file, row) without hashing where the codes are numbered by first appearance (and
    # the rows of one file increase): pandas' answers on random codes, so numbered or not
    from netanalysis._codes import first_of_codes, renumbered
    from netanalysis.ingest._pipeline import _by_record

    rng = np.random.default_rng(30)
    for trial in range(200):
        n = int(rng.integers(0, 40))
        raw = rng.integers(0, max(1, n // 2 + 1), n)
        ordered = pd.factorize(raw)[0]  # numbered by first appearance, as record_codes numbers
        for code in (raw, ordered, np.sort(raw), ordered[np.sort(rng.choice(n, n // 2, replace=False))] if n else raw):
            assert first_of_codes(code).tolist() == (~pd.Series(code).duplicated()).tolist()
            assert renumbered(code).tolist() == pd.factorize(code)[0].tolist()
        rows = np.cumsum(rng.integers(1, 3, n)) + 1 if trial % 2 else rng.integers(2, 9, n)
        files = ["f.csv"] * n if trial % 3 else list(rng.choice(["a.csv", "b.csv"], n))
        frame = pd.DataFrame({"source_file": pd.Series(files, dtype="str").astype("category"), "source_row": rows,
                              "x": np.arange(n)})
        pd.testing.assert_frame_equal(_by_record(frame), frame.set_index(["source_file", "source_row"]))


def test_inventor_evidence_is_the_same_whatever_the_block_of_cells(monkeypatch):
    # the inventor cells are split and numbered a block at a time (a national table's names never held
    # whole): any block size gives the one-block answer, names repeated across blocks, spacing and
    # order of words included, and a cell repeated on consecutive rows
    import netanalysis.classify as C

    rng = np.random.default_rng(30)
    people = ["ROSSI MARIO", "Mario Rossi", "KIM, CHUL SU", "BIANCHI ANNA", "ACME SPA", " Anna Bianchi "]
    names = pd.Series(rng.choice(people, 300), dtype="str")
    cells = ["; ".join(rng.choice(people, int(rng.integers(1, 4)))) for _ in range(150)]
    inventors = pd.Series(np.repeat(cells, 2), dtype="str").mask(pd.Series(rng.random(300) < 0.1))
    whole = inventor_evidence(names, inventors)
    assert 0 < whole.sum() < len(whole)
    for block in (1, 2, 7, 64):
        monkeypatch.setattr(C, "INVENTOR_BLOCK", block)
        pd.testing.assert_series_equal(inventor_evidence(names, inventors), whole)


def test_record_checks_give_pythons_verdicts_on_ids_of_every_kind():
    # the two id patterns go through the regex kernel, which tries them only on the ids that can
    # match (its width and required characters: tests/test_regex_kernel.py); ids of every kind, in
    # any case (Python's case-blind matching: the dotless i, the dotted capital I), get the
    # verdicts of Python's re on every id. SYNTHETIC ids
    import re

    from netanalysis.ingest._pipeline import _MISSING_MARKER, _SCIENTIFIC

    rng = np.random.default_rng(30)
    kinds = ["nan", "NULL", "N/A", "na", "-Infinity", "#DIV/0!", "undefined", " UNDEFINED ", "-", "--", "1.02E+12",
             "1.0e5", "2e-3", "E12", "EP1234567", "1.5E", "BR10000000001", "x" * 12, "Null1", "ſull", "1", "ınf",
             "İNF", "-INFİNİTY", "#name?", "１e5"]
    ids = pd.Series(rng.choice(kinds, 400), dtype="str")
    m = prepare_mentions(pd.DataFrame({"source_file": "f.csv", "source_row": np.arange(len(ids)) + 2,
                                       "patent_id": ids, "date_raw": "2010", "applicant_raw": "ACME SPA"}))
    reason = check_records(m)["reason"]
    pid = ids.str.strip().tolist()
    marker = np.array([_MISSING_MARKER.fullmatch(x) is not None for x in pid])
    rounded = ~marker & np.array([re.fullmatch(_SCIENTIFIC, x) is not None for x in pid])
    assert 0 < marker.sum() < len(ids) and 0 < rounded.sum() < len(ids)
    assert {"ınf", "İNF", "-INFİNİTY"} <= set(ids[marker])
    assert reason.str.contains("missing-value marker", regex=False).tolist() == marker.tolist()
    assert reason.str.contains("scientific notation", regex=False).tolist() == rounded.tolist()


def test_record_reasons_built_from_their_few_texts_as_from_every_row():
    from netanalysis.ingest._pipeline import _max_per_code, _text_of_few

    rng = np.random.default_rng(3)
    for n in (0, 1, 50):
        reason = np.array(rng.choice(["", "", "date: bad", "applicant: empty"], n), dtype=object)
        index = pd.MultiIndex.from_arrays([["f.csv"] * n, np.arange(n) + 2], names=["source_file", "source_row"])
        expect = pd.DataFrame(index=index)
        expect["reason"] = reason
        pd.testing.assert_series_equal(_text_of_few(reason, reason == "", index), expect["reason"], check_names=False)
        code, values = rng.integers(0, 7, n), rng.integers(0, 100, n)
        reference = np.zeros(7, dtype=np.int64)
        np.maximum.at(reference, code, values)
        for c in (code, np.sort(code)):
            at = np.zeros(7, dtype=np.int64)
            np.maximum.at(at, c, values)
            assert _max_per_code(c, values, 7).tolist() == at.tolist()


def test_inventor_lists_of_another_length_refused():
    # the codes a reader gives must be the mentions' own: one cell per mention, else a clear error
    from netanalysis.classify import InventorLists
    from netanalysis.ingest._pipeline import applications_from_mentions

    mentions = pd.DataFrame({"source_file": "f.csv", "source_row": [2, 3], "patent_id": ["P1", "P1"],
                             "date_raw": ["2010"] * 2, "applicant_raw": ["ACME SPA", "ROSSI MARIO"]})
    lists = InventorLists(np.zeros(3, np.int32), np.zeros(1, np.int32), np.zeros(1, np.int32), pd.Series(["X"]))
    with pytest.raises(ValueError, match="inventor_lists.cell has 3 rows; expected one per mention \\(2\\)"):
        applications_from_mentions(mentions, reader="demo", source_files=["f.csv"], inventor_lists=lists)


def test_records_of_one_row_each_are_the_groupby_of_their_rows():
    # _first_of_records takes a long table's rows as its records (every record one row, in order) instead of
    # grouping ten million one-row groups: the same frame as the groupby, missing months and an extra key too
    from netanalysis.ingest._conflicts import _first_of_records

    rng = np.random.default_rng(5)
    fields = ["patent_id", "source_file", "source_row", "year", "month"]
    for n, rows_per_record in ((1, 1), (9, 1), (300, 1), (300, 3)):
        rec = np.sort(rng.integers(0, n, n)) if rows_per_record > 1 else np.arange(n) * 2
        m = pd.DataFrame({"patent_id": rng.integers(0, 5, n), "source_file": np.zeros(n, dtype=np.int64),
                          "source_row": rng.integers(1, 99, n), "year": rng.integers(2000, 2003, n),
                          "month": np.where(rng.random(n) < 0.3, np.nan, rng.integers(1, 13, n)),
                          "office": rng.choice(["EP", "US"], n), "rec": rec})
        m["first_rec"] = m["rec"].groupby(m["patent_id"].to_numpy()).transform("min").to_numpy()
        keys = {"source_file": "source_file", "key_1": "office"}
        want = m.groupby("rec", sort=True).agg(**{f: (f, "first") for f in fields}, first_rec=("first_rec", "first"),
                                               key_1=("office", "first"))
        pd.testing.assert_frame_equal(_first_of_records(m, fields, keys), want)


def test_least_of_code_is_the_groupby_min():
    # kept_mentions' earliest year of a long table's patent: np.minimum.at for integers, the groupby otherwise
    from netanalysis._codes import least_of_code

    rng = np.random.default_rng(8)
    for n in (1, 5, 200):
        code = rng.integers(-1, 6, n)  # (-1: a group too, as the groupby takes it)
        years = rng.integers(1990, 2020, n)
        want = pd.Series(years).groupby(code).transform("min").to_numpy()
        got = least_of_code(code, years)
        assert got.dtype == want.dtype and got.tolist() == want.tolist()
        sparse = code * 10**9  # (pair codes: numbered first, no array of their span)
        assert least_of_code(sparse, years).tolist() == want.tolist()
        floats = np.where(rng.random(n) < 0.3, np.nan, years.astype(float))  # (missing skipped: the groupby's)
        np.testing.assert_array_equal(least_of_code(code, floats),
                                      pd.Series(floats).groupby(code).transform("min").to_numpy())
