"""Issue 30: the actor-type steps made whole-column give what their per-name originals gave.

Each reference below is the rule as it was written per name (a Python call per name), kept here
verbatim; the package's whole-column version must return the same values on hand-made names
(answers worked out in the comments) and on every distinct applicant and inventor name of the
real exports in ../shared/data.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from netanalysis import classify as C


def _name_tokens_per_name(names: pd.Series) -> pd.Series:
    folded = C.fold_name(names).str.replace(r"\([^)]*\)", " ", regex=True)
    words = folded.str.replace(r"[^\w]+", " ", regex=True).str.split()
    return words.map(lambda ws: " ".join(sorted(w for w in ws if not any(c.isdigit() for c in w))))


def _given_evidence_per_name(folded: pd.Series) -> np.ndarray:
    names = C.given_names()

    def given_evidence(ws: list[str]) -> bool:
        ws = [w.strip(".") for w in ws if w.strip(".") and w.strip(".") not in C.PARTICLES]
        if not 2 <= len(ws) <= 4:
            return False
        known = sum(w in names or all(p in names for p in w.split("-")) or bool(C.PATRONYMIC.search(w)) for w in ws)
        return known >= 1

    return folded.str.split(r"[ ,;]+").map(given_evidence).to_numpy(dtype=bool)


def _legal_form_per_name(folded: pd.Series) -> pd.Series:
    from cleanco import basename

    hit = folded.str.contains(C.FIRM_LEGAL, regex=True)
    latin = ~hit & folded.str.contains(r"[A-Z]", regex=True) & ~folded.str.contains(r"[가-힣]", regex=True)
    stripped = folded[latin].map(lambda s: C._suffix_free(s, basename).upper().strip())
    plain = folded[latin].str.replace(r"[^\w ]", " ", regex=True).str.replace(r"\s+", " ", regex=True).str.strip()
    trimmed = stripped.str.replace(r"[^\w ]", " ", regex=True).str.replace(r"\s+", " ", regex=True).str.strip()
    return hit | (trimmed.ne(plain) & trimmed.ne("")).reindex(folded.index, fill_value=False)


def _own_acronym_per_name(folded: pd.Series) -> pd.Series:
    found: dict[int, str] = {}
    for i, name in enumerate(folded):
        m = re.match(C.LEAD_ACRONYM, name)
        if m is None:
            continue
        letters = m.group(0).replace(".", "")
        rest = name[m.end():].strip(" -")
        words = re.findall(r"[A-Z]+", rest)
        for ws in (words, [w for w in words if w not in C._ACRONYM_SKIP]):
            if len(ws) >= len(letters) and "".join(w[0] for w in ws[:len(letters)]) == letters:
                found[i] = rest
                break
    out = np.full(len(folded), "", dtype=object)
    out[list(found)] = list(found.values())
    return pd.Series(out, index=folded.index, dtype=object)


def _inventor_evidence_per_row(names: pd.Series, inventors: pd.Series) -> list[bool]:
    """An applicant is an inventor of its row when its sorted words are an inventor's."""
    keys = _name_tokens_per_name(names.astype("string").fillna(""))
    out = []
    for key, cell, name in zip(keys, inventors, names, strict=True):
        if pd.isna(cell) or pd.isna(name) or key == "":
            out.append(False)
            continue
        parts = [p for p in pd.Series(cell).str.split(r"\s*;\s*").iloc[0] if p.strip() != ""]
        out.append(key in set(_name_tokens_per_name(pd.Series(parts, dtype="string"))))
    return out


HAND = pd.Series(["ROSSI, MARIO", "Mario Rossi", "KIM CHUL-SU (KR) 12345", "홍길동(419980012345)", "", "  ",
                  "B2 A1 C", "ZOË  ÅBERG", "x²y ab", "(only parenthesis)", "Ab ab AB", "É E", "ACME GMBH.",
                  "ACME INC.,", "ACME, S.A.", "MULLER ÜBER AG", "IVANOV SERGEY NIKOLAEVICH", "DE LA CRUZ MARIA",
                  "J. P. SMITH", "ANNA-MARIA DE", "ACME -", "SOCIETE ANONYME", "KABUSHIKI KAISHA TOSHIBA"])


def test_name_tokens_by_hand_and_as_before():
    got = C._name_tokens_distinct(HAND)
    # words sorted as Python sorts them; words with a digit (2, ², 12345) and parentheses left out
    assert got.tolist()[:4] == ["MARIO ROSSI", "MARIO ROSSI", "CHUL KIM SU", "홍길동"]
    assert got.tolist()[6] == "C"  # B2 and A1 hold digits
    assert got.tolist() == _name_tokens_per_name(HAND).tolist()


def test_given_evidence_by_hand_and_as_before():
    folded = C.fold_name(HAND)
    got = C._given_evidence(folded)
    by_name = dict(zip(HAND, got, strict=True))
    # MARIO is a given name; three words with a patronymic; DE and LA are particles: CRUZ MARIA counts 2
    assert by_name["Mario Rossi"] and by_name["IVANOV SERGEY NIKOLAEVICH"] and by_name["DE LA CRUZ MARIA"]
    assert not by_name[""] and not by_name["ANNA-MARIA DE"]  # one word once DE is left out
    assert got.tolist() == _given_evidence_per_name(folded).tolist()


def test_legal_form_as_before():
    folded = C.fold_name(HAND)
    got = C._legal_form(folded)
    by_name = dict(zip(HAND, got, strict=True))
    assert by_name["ACME GMBH."] and by_name["ACME, S.A."] and not by_name["Mario Rossi"]
    pd.testing.assert_series_equal(got, _legal_form_per_name(folded))


def test_inventor_evidence_as_before():
    names = pd.Series(["ROSSI MARIO", "ACME SPA", "KIM, CHUL SU", "홍길동", None, "X Y", "ANNA BIANCHI"])
    inventors = pd.Series(["Mario Rossi; Anna Bianchi", "Mario Rossi", None, "홍길동(419980012345)", "A B",
                           " ; ;", "Anna Bianchi ;Mario Rossi"])
    got = C.inventor_evidence(names, inventors)
    # by hand: rows 0, 3 and 6 name an inventor of their own row; row 2 has no inventors
    assert got.tolist() == [True, False, False, True, False, False, True]
    assert got.tolist() == _inventor_evidence_per_row(names, inventors)


def test_inventor_evidence_per_distinct_value_by_hand():
    # one cell on rows 10, 11 and again on row 17 (not next to them), a missing cell, a name of
    # digits only, a missing name, the same person written two ways
    names = pd.Series(["ROSSI MARIO", "ACME", "Mario Rossi", "12345", None, "ANNA BIANCHI", "BIANCHI, ANNA",
                       "ROSSI MARIO"], index=range(10, 18))
    inventors = pd.Series(["MARIO ROSSI; ANNA BIANCHI", "MARIO ROSSI; ANNA BIANCHI", None, "12345", "A B",
                           "Anna Bianchi", "X Y", "MARIO ROSSI; ANNA BIANCHI"], index=range(10, 18))
    got = C.inventor_evidence(names, inventors)
    # by hand: 10 and 17 name an inventor of their cell, 15 too (case and order aside); 11 (ACME),
    # 12 (no inventors), 13 (no word without a digit), 14 (no name), 16 (X Y only) do not
    assert got.tolist() == [True, False, False, False, False, True, False, True]
    assert got.index.tolist() == list(range(10, 18))
    assert got.tolist() == _inventor_evidence_per_row(names, inventors)
    # the rows in another order: each row's answer is its own (runs of one cell are only a shortcut)
    order = [17, 12, 10, 15, 11, 16, 13, 14]
    assert C.inventor_evidence(names[order], inventors[order]).tolist() == got[order].tolist()


ACRONYMS = pd.Series(["CEA COSTRUZIONI ELETTROMECCANICHE ANNETTONI", "C.E.A. COSTRUZIONI ELETTROMECCANICHE A",
                      "C.E.A.-COSTRUZIONI E ANNETTONI", "IIT ISTITUTO ITALIANO DI TECNOLOGIA", "ENEA AGENZIA NAZIONALE",
                      "ICGEB INTERNATIONAL CENTRE FOR GENETIC ENGINEERING AND BIOTECHNOLOGY", "AB-CD EF", "AB CD",
                      "C.E.A.", "XY X1 Y2", "AB A B", "ABCDEFG A B C D E F G", "JOAO DA SILVA SANTOS", "MARIO ROSSI"])


def test_own_acronym_by_hand_and_as_before():
    got = C._own_acronym(C.fold_name(ACRONYMS))
    # spelled out: CEA (three words), C.E.A. (dotted), IIT (DI skipped), ICGEB (FOR, AND skipped);
    # XY by X1 Y2 (the letters of each word); not: ENEA (three words for four letters), AB-CD EF (C, E),
    # AB CD (one word), a lone acronym, a first word of seven letters, persons' names
    assert got.tolist()[:4] == ["COSTRUZIONI ELETTROMECCANICHE ANNETTONI", "COSTRUZIONI ELETTROMECCANICHE A",
                                "COSTRUZIONI E ANNETTONI", "ISTITUTO ITALIANO DI TECNOLOGIA"]
    assert got.tolist()[4] == "" and got.tolist()[5].startswith("INTERNATIONAL") and got.tolist()[6:9] == [""] * 3
    assert got.tolist()[9:] == ["X1 Y2", "A B", "", "", ""]
    pd.testing.assert_series_equal(got, _own_acronym_per_name(C.fold_name(ACRONYMS)))
    pd.testing.assert_series_equal(C._own_acronym(C.fold_name(HAND)), _own_acronym_per_name(C.fold_name(HAND)))


def _same_partition(a: pd.Series, b: np.ndarray) -> bool:
    """Whether two labellings group the same values together (a bijection between their labels)."""
    pairs = set(zip(a.tolist(), b.tolist(), strict=True))
    return len(pairs) == a.nunique() == len(set(b.tolist()))


def test_word_keys_group_names_as_their_tokens_do():
    folded = C.fold_name(HAND)
    keys = C._word_keys(folded)
    tokens = C._name_tokens_distinct(HAND)
    # ROSSI, MARIO and Mario Rossi: one key; the empty name, blanks and (only parenthesis): none (-1)
    assert keys[0] == keys[1] and keys[0] >= 0
    assert (keys[tokens.eq("").to_numpy()] == -1).all() and (keys[tokens.ne("").to_numpy()] >= 0).all()
    assert _same_partition(tokens, keys)


def _patent_counts_by_groupby(classes, applicant_id, patent_id, year, per_year):
    """``apply_patent_counts`` as it was written with string groupbys (before issue 30), verbatim."""
    out = classes.copy()
    notes = list(classes.attrs.get("notes", []))
    ids = applicant_id.astype("string").fillna("")
    t = pd.DataFrame({"a": ids, "p": patent_id.astype("string"), "y": pd.to_numeric(year, errors="coerce")})
    g = t.groupby("a")
    span = g["y"].max() - g["y"].min() + 1
    over = g["p"].nunique() > per_year * span.fillna(1)
    hit = out["actor_type"].astype(str).eq("firm") & ids.map(over).fillna(False).astype(bool).to_numpy()
    if hit.any():
        out["actor_type"] = out["actor_type"].astype(str)
        out.loc[hit, "actor_type"] = "large_firm"
        out.loc[hit, "size_source"] = "patent_count"
        out["actor_type"] = out["actor_type"].astype(C.ActorType)
        notes.append(f"{ids[hit].nunique():,} firm(s) of unknown size have more than {per_year:g} patents a year "
                     "over their years in the data, more than an SME files: typed large_firm "
                     "(size_source patent_count)")
    out.attrs["notes"] = notes
    return out


def test_patent_counts_as_before():
    # SYNTHETIC: 12 actors of very different sizes (A files most), missing ids, patents and years,
    # an actor whose years are all missing (span 1), actors typed firm on some rows only
    rng = np.random.default_rng(30)
    n = 4000
    ids = pd.Series(rng.choice(list("ABCDEFGHIJKL"), n, p=[.4, .2, .1, .1, .05, .05, .03, .03, .01, .01, .01, .01]))
    ids[rng.random(n) < 0.02] = None
    patents = pd.Series([f"P{k}" for k in rng.integers(0, 1500, n)], dtype="string")
    patents[rng.random(n) < 0.03] = None
    years = pd.Series(2000.0 + rng.integers(0, 6, n))
    years[rng.random(n) < 0.05] = np.nan
    years[ids.eq("L").fillna(False).to_numpy()] = np.nan
    types = pd.Series(rng.choice(["firm", "individual", "university"], n, p=[.7, .2, .1])).astype(C.ActorType)
    classes = pd.DataFrame({"actor_type": types, "type_reason": "rule:default_firm", "size_source": "unknown"})
    classes.attrs["notes"] = ["earlier note"]
    retyped = []
    for per_year in (1, 20, 60, 150, 1000):
        got = C.apply_patent_counts(classes, ids, patents, years, per_year=per_year)
        want = _patent_counts_by_groupby(classes, ids, patents, years, per_year)
        pd.testing.assert_frame_equal(got, want)
        assert got.attrs == want.attrs
        retyped.append(int(got["actor_type"].eq("large_firm").sum()))
    # a higher rate retypes fewer: every firm row at 1 patent a year (each actor files more), then
    # fewer as only the larger actors stay over it, none at 1,000 (A, the largest, has
    # at most 955 patents, some with a missing id, over 6 years)
    assert retyped[0] == int(types.eq("firm").sum())
    assert retyped == sorted(retyped, reverse=True) and retyped[-1] == 0 and 0 < retyped[3] < retyped[1]


def _real_names(shared_data) -> pd.Series:
    from netanalysis.ingest import read_kipris_xml, read_lens

    names: list[str] = []
    for res in (read_kipris_xml(shared_data / "kipris-plus-xml"),
                read_lens(shared_data / "lens-exports" / "pizza_lens_1000_raw.csv"),
                read_lens(shared_data / "lens-exports" / "drones_tac_1606_families.csv")):
        a = res.applications
        names += a["applicant_raw"].astype(str).tolist()
        if "inventors" in a:
            names += a["inventors"].dropna().astype(str).str.split(r"\s*;\s*").explode().dropna().tolist()
    for f in sorted((shared_data / "patstat-it").glob("*.xlsx")):
        names += pd.read_excel(f, dtype=str)["psn_name"].dropna().astype(str).tolist()
    return pd.Series(sorted(set(names)), dtype=object)


@pytest.mark.slow  # the real exports are read first (about half a minute)
def test_whole_column_steps_on_real_names(shared_data):
    raw = _real_names(shared_data)
    assert len(raw) > 3000
    pd.testing.assert_series_equal(C._name_tokens_distinct(raw), _name_tokens_per_name(raw), check_dtype=False)
    folded = C.fold_name(raw)
    assert C._given_evidence(folded).tolist() == _given_evidence_per_name(folded).tolist()
    pd.testing.assert_series_equal(C._legal_form(folded), _legal_form_per_name(folded))
    pd.testing.assert_series_equal(C._own_acronym(folded), _own_acronym_per_name(folded))
    inventors = raw.sample(frac=1, random_state=30).reset_index(drop=True).str.cat(raw, sep="; ")
    sample = raw.index[::7]  # every 7th row: the per-row reference tokenises each cell on its own
    got = C.inventor_evidence(raw, inventors)[sample]
    assert got.tolist() == _inventor_evidence_per_row(raw[sample], inventors[sample])
    # each name is one of its own row's inventors: it is found unless no word of it is left (digits
    # only) or it holds the inventors' separator ";" (then its parts are the inventors)
    missed = raw[sample][~got.to_numpy()]
    keys = _name_tokens_per_name(missed.astype("string"))
    assert (keys.eq("").to_numpy() | missed.str.contains(";").to_numpy()).all()


@pytest.mark.slow  # the two Lens exports are read first (a few seconds), and the reference is per row
def test_inventor_evidence_per_distinct_name_on_real_rows(shared_data):
    """The rows of two real Lens exports (``lens-exports/pizza_lens_1000_raw.csv`` and
    ``lens-exports/drones_tac_1606_families.csv``, columns ``Applicants`` and ``Inventors``, read
    by ``read_lens``: one row per applicant of a patent, the patent's inventors on each): the
    evidence computed per distinct name, inventor and cell is the per-row definition's."""
    from netanalysis.ingest import read_lens

    found = []
    for name in ("pizza_lens_1000_raw.csv", "drones_tac_1606_families.csv"):
        a = read_lens(shared_data / "lens-exports" / name).applications
        names, inventors = a["applicant_raw"], a["inventors"]
        got = C.inventor_evidence(names, inventors)
        assert got.tolist() == _inventor_evidence_per_row(names, inventors)
        order = np.random.default_rng(30).permutation(len(a))  # the cells' runs broken up
        assert C.inventor_evidence(names.iloc[order], inventors.iloc[order]).tolist() == got.iloc[order].tolist()
        # the word keys group these names (applicants and inventors) as their token strings do
        every = pd.concat([names, inventors.dropna().str.split(r"\s*;\s*").explode()], ignore_index=True)
        every = pd.Series(pd.unique(every.astype(str)), dtype=object)
        assert _same_partition(C._name_tokens_distinct(every), C._word_keys(C.fold_name(every)))
        found.append(int(got.sum()))
    assert found == [643, 656]  # counted when this test was written (many Lens applicants are their inventors)


def test_classify_applicants_is_the_four_steps_in_turn():
    # the ids numbered once for three steps: the same answer as the four public steps one after another,
    # with missing, empty and repeated ids, inventors, source labels and a firm over the patent-count rate
    from netanalysis.classify import (
        apply_patent_counts,
        apply_source_types,
        classify_actors,
        classify_applicants,
        unify_actor_types,
    )

    rng = np.random.default_rng(3)
    pool = np.array(["JOAO SILVA", "ACME LTDA", "UNIVERSIDADE FEDERAL DE MINAS", "MARIA SOUZA", "BETA", "", "JOSE LIMA"],
                    dtype=object)
    for _ in range(60):
        n = int(rng.integers(1, 14))
        idx = pd.Index(rng.integers(0, 3, n))  # repeated labels: the steps work by position
        names = pd.Series(rng.choice(pool, n), index=idx)
        ids = pd.Series(rng.choice(np.array(["A", "B", "", None], dtype=object), n), index=idx)
        pat = pd.Series(rng.choice(["p1", "p2", "p3", "p4"], n), index=idx)
        year = pd.Series(rng.integers(2010, 2012, n), index=idx)
        labels = pd.Series(rng.choice(np.array(["COMPANY", "INDIVIDUAL", None], dtype=object), n), index=idx)
        inventors = pd.Series(rng.choice(np.array(["JOAO SILVA; X", "MARIA SOUZA", None], dtype=object), n), index=idx)
        got = classify_applicants(names, ids, pat, year, labels=labels, inventors=inventors)
        cls = classify_actors(names, ids, inventors=inventors)
        want = apply_patent_counts(unify_actor_types(apply_source_types(cls, labels), ids), ids, pat, year)
        pd.testing.assert_frame_equal(got, want)
        assert got.attrs["notes"] == want.attrs["notes"]


def test_classify_applicants_by_hand():
    from netanalysis.classify import classify_applicants

    names = pd.Series(["TUFTS UNIVERSITY", "TUFTS UNVERSITY", "ROSSI MARIO", "ACME"])
    ids = pd.Series(["TUFTS UNIVERSITY", "TUFTS UNIVERSITY", "ROSSI MARIO", "ACME"])
    out = classify_applicants(names, ids, pd.Series(["P1", "P2", "P2", "P3"]), pd.Series([2010, 2011, 2011, 2011]),
                              labels=pd.Series([None, None, None, "COMPANY"]),
                              inventors=pd.Series([None, "ROSSI MARIO", "ROSSI MARIO", None]))
    # a misspelt spelling takes its id's type; an applicant who is an inventor is a person; the source's label
    assert out["actor_type"].astype(str).tolist() == ["university", "university", "individual", "firm"]
    assert out["type_reason"].tolist()[2:] == ["evidence:inventor", "source:COMPANY"]


def test_name_evidence_of_every_row_taken_for_some_is_theirs_alone():
    # the ingest works out the name rules and inventor evidence on every row (in a second thread)
    # before some rows are rejected, then takes the kept rows' part: the same types as from the kept
    # rows alone, on random subsets of rows with repeated, missing and empty names and inventors
    from netanalysis.classify import classify_applicants, name_evidence

    rng = np.random.default_rng(30)
    pool = np.array(["JOAO SILVA", "ACME LTDA", "UNIVERSIDADE FEDERAL DE MINAS", "MARIA SOUZA", "BETA", "",
                     None, "JOSE LIMA", "ROSSI MARIO"], dtype=object)
    cells = np.array(["JOAO SILVA; X", "MARIA SOUZA", None, "ROSSI MARIO; JOSE LIMA", ""], dtype=object)
    for _ in range(40):
        n = int(rng.integers(1, 30))
        names = pd.Series(rng.choice(pool, n))
        inventors = pd.Series(rng.choice(cells, n))
        ids = names.fillna("").str.upper()
        pat = pd.Series(rng.choice(["p1", "p2", "p3"], n))
        year = pd.Series(rng.integers(2010, 2013, n))
        every = name_evidence(names, inventors)
        seen_before = every.seen.copy()
        rows = np.flatnonzero(rng.random(n) < 0.6)
        sub = [s.iloc[rows].reset_index(drop=True) for s in (names, ids, pat, year, inventors)]
        want = classify_applicants(*sub[:4], inventors=sub[4])
        got = classify_applicants(*sub[:4], inventors=sub[4], evidence=every.take(rows))
        pd.testing.assert_frame_equal(got, want)
        # and the whole: evidence given as it is, left unchanged by the call
        pd.testing.assert_frame_equal(classify_applicants(names, ids, pat, year, inventors=inventors, evidence=every),
                                      classify_applicants(names, ids, pat, year, inventors=inventors))
        assert every.seen.tolist() == seen_before.tolist()
    # without inventors: the rules only
    ev = name_evidence(pd.Series(["ROSSI MARIO", "ACME SPA"]))
    assert ev.seen is None and ev.rules["actor_type"].tolist() == ["individual", "firm"]


def test_source_types_worked_out_per_distinct_row_are_the_rule_on_every_row():
    # apply_source_types runs its rule once per distinct (label, type, reason, size source) and takes the
    # answer back to each row: the same frame as the rule run on every row (repeated index labels, missing
    # and unknown labels, a user's size and a user's alias, which the label must not override)
    from netanalysis.classify import apply_source_types, load_source_types
    from netanalysis.schema import ActorType

    rng = np.random.default_rng(11)
    table = load_source_types(None).set_index("value")["maps_to"]
    labels_pool = np.array(["COMPANY", "company ", "INDIVIDUAL", "GOV NON-PROFIT", "UNIVERSITY", "HOSPITAL",
                            "SME", "ALIEN", "", None], dtype=object)
    types = np.array(["firm", "sme", "large_firm", "individual", "university", "research_institute", "other"])
    reasons = np.array(["rule:legal_form", "lookup:user", "evidence:inventor", "", "lookup:user:alias"])
    sizes = np.array(["", "user_table", "large_group_list", "unknown"])
    for n, k in ((1, 1), (7, 7), (40, 5), (400, 30)):  # n rows drawn from k combinations
        combos = [(rng.choice(types), rng.choice(reasons), rng.choice(sizes), rng.choice(labels_pool)) for _ in range(k)]
        pick = rng.integers(0, k, n)
        idx = pd.Index(rng.integers(0, 5, n))
        cls = pd.DataFrame({"actor_type": pd.Series([combos[i][0] for i in pick], index=idx).astype(ActorType),
                            "type_reason": pd.Series([combos[i][1] for i in pick], index=idx, dtype=str),
                            "size_source": pd.Series([combos[i][2] for i in pick], index=idx, dtype=str)})
        cls.attrs["notes"] = ["a note"]
        labels = pd.Series([combos[i][3] for i in pick], index=idx, dtype=object)
        got = apply_source_types(cls, labels)
        want = C._source_types_applied(cls, labels, table)
        pd.testing.assert_frame_equal(got, want)
        assert got.attrs["notes"] == ["a note"]
    assert got["type_reason"].str.startswith("source:").sum() > 100  # (400 rows of 30 combinations: labels decided)


def test_name_evidence_from_inventor_codes_as_from_joined_cells():
    # PATSTAT's and REGPAT's readers give the inventors as codes (InventorLists) beside the "; "-joined
    # cells they write: the evidence is the same either way, on random applications whose inventors'
    # names repeat, differ in case, accents, blanks and punctuation, are empty or unknown (SYNTHETIC)
    from netanalysis.classify import InventorLists, name_evidence

    rng = np.random.default_rng(22)
    people = np.array(["ROSSI, Mario", "rossi mario", " Müller, Hans ", "MULLER HANS", "", None, "ACME SPA",
                       "José Lima", "JOSE LIMA", "Ana"], dtype=object)
    applicants = np.array(["ROSSI MARIO", "MULLER HANS", "JOSE LIMA", "ACME SPA", "ANA", "", None,
                           "UNIVERSITA DI PADOVA"], dtype=object)
    for _ in range(60):
        n_apps = int(rng.integers(1, 8))
        # each application's inventor links (person names), some applications with none
        links = [list(rng.choice(people, int(rng.integers(0, 4)))) for _ in range(n_apps)]
        owner = np.array([a for a, ls in enumerate(links) for _ in ls], dtype=np.int64)
        link_names = [x for ls in links for x in ls]
        code, names = pd.factorize(pd.Series(link_names, dtype=object))  # (a missing name: code -1)
        joined = [("; ".join(str(x).strip() for x in ls if x is not None and str(x).strip()) or None) for ls in links]
        rows_app = np.sort(rng.integers(0, n_apps, int(rng.integers(1, 12))))  # (an application's rows adjacent)
        names_of_rows = pd.Series(rng.choice(applicants, len(rows_app)))
        cells = pd.Series([joined[a] for a in rows_app], dtype=object)
        has = np.array([joined[a] is not None for a in rows_app])
        lists = InventorLists(np.where(has, rows_app, -1), owner, code, pd.Series(names, dtype=object))
        by_cells = name_evidence(names_of_rows, cells)
        by_codes = name_evidence(names_of_rows, None, inventor_lists=lists)
        assert by_codes.seen.tolist() == by_cells.seen.tolist(), (links, list(names_of_rows))
