"""Issue 30: the actor-type steps made whole-column give what their per-name originals gave.

Each reference below is the rule as it was written per name (a Python call per name), kept here
verbatim; the package's whole-column version must return the same values on hand-made names
(answers worked out in the comments) and on every distinct applicant and inventor name of the
real exports in ../shared/data.
"""

from __future__ import annotations

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
    inventors = raw.sample(frac=1, random_state=30).reset_index(drop=True).str.cat(raw, sep="; ")
    sample = raw.index[::7]  # every 7th row: the per-row reference tokenises each cell on its own
    got = C.inventor_evidence(raw, inventors)[sample]
    assert got.tolist() == _inventor_evidence_per_row(raw[sample], inventors[sample])
    # each name is one of its own row's inventors: it is found unless no word of it is left (digits
    # only) or it holds the inventors' separator ";" (then its parts are the inventors)
    missed = raw[sample][~got.to_numpy()]
    keys = _name_tokens_per_name(missed.astype("string"))
    assert (keys.eq("").to_numpy() | missed.str.contains(";").to_numpy()).all()
