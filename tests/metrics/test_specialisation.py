"""Specialisation, relatedness and knowledge complexity (issue 31, item 3): hand-worked cases,
bad input, and a cross-check against the Growth Lab's ``ecomplexity`` package."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from netanalysis import NetworkInputError
from netanalysis.metrics import (
    class_column,
    knowledge_complexity,
    rca,
    region_technology_counts,
    relatedness,
    relatedness_density,
)

# --- counting ------------------------------------------------------------------------------------

APPS = pd.DataFrame({
    "patent_id": ["p1", "p1", "p1", "p2", "p3", "p3"],
    "applicant_id": ["a", "b", "c", "a", "b", "c"],
    "year": 2010,
    "region": ["X", "Y", "", "X", "Y", ""],
    # p1: two subclasses; p2: one valid and one unparsable code; p3: only an unparsable code
    "ipc": ["H01L 21/00; A61K 9/00"] * 3 + ["H01L 23/00; 12XY"] + ["Q99"] * 2,
})


def test_fractional_counts_by_hand():
    # p1: 3 applicants (X, Y, unknown) × 2 classes → each (applicant, class) 1/6:
    #   X: H01L 1/6, A61K 1/6; Y: H01L 1/6, A61K 1/6; the unknown applicant's 2/6 go to no one.
    # p2: 1 applicant (X), 1 parsable class (H01L) → X H01L + 1.
    # p3: no parsable code → left out (and counted).
    x = region_technology_counts(APPS)
    assert x.loc["X", "H01L"] == pytest.approx(1 / 6 + 1)
    assert x.loc["X", "A61K"] == pytest.approx(1 / 6)
    assert x.loc["Y", "H01L"] == pytest.approx(1 / 6)
    assert x.loc["Y", "A61K"] == pytest.approx(1 / 6)
    assert x.attrs["unlocated_share"] == pytest.approx(1 / 3)
    assert x.attrs["patents_without_class"] == 1
    assert x.attrs["unparsable_codes"] == 2  # "12XY" on p2, "Q99" on p3 (one code per patent)
    assert set(x.attrs["unparsable_examples"]) == {"12XY", "Q99"}
    # total = patents with a class (2) − unlocated share (1/3)
    assert x.to_numpy().sum() == pytest.approx(2 - 1 / 3)


def test_whole_counts_by_hand():
    # whole: each region on a patent counts it once per class: X: p1 (H01L, A61K), p2 (H01L); Y: p1
    x = region_technology_counts(APPS, counting="whole")
    assert x.to_dict("index") == {"X": {"A61K": 1.0, "H01L": 2.0}, "Y": {"A61K": 1.0, "H01L": 1.0}}


def test_counts_use_the_actors_usual_region_and_a_level():
    actors = pd.DataFrame({"applicant_id": ["a", "b", "c"], "region": ["ITC4C", "ITC41", "ITI43"]})
    x = region_technology_counts(APPS, actors, level=2, ipc_level="section")
    # p1: 3 located applicants × 2 sections (H, A) → 1/6 each: ITC4 (a, b) H 2/6, A 2/6; ITI4 (c) 1/6 each
    # p2: a → ITC4 H + 1; p3 has no valid code
    assert x.loc["ITC4", "H"] == pytest.approx(2 / 6 + 1)
    assert x.loc["ITC4", "A"] == pytest.approx(2 / 6)
    assert x.loc["ITI4", "H"] == pytest.approx(1 / 6)
    assert x.attrs["unlocated_share"] == 0


def test_other_class_columns_are_taken_as_they_are():
    apps = APPS.assign(techn_field=["Optics; Transport"] * 3 + ["Optics"] + [""] * 2)
    x = region_technology_counts(apps, column="techn_field")
    assert x.loc["X", "Optics"] == pytest.approx(1 / 6 + 1)
    assert x.attrs["patents_without_class"] == 1


# The applications of tests/ingest/test_generic.py's two sector exports (SYNTHETIC), as ingest gives them
TECH = pd.DataFrame({
    "patent_id": ["P1", "P1", "P2", "P3"], "applicant_id": ["UNI A", "FIRM B", "UNI A", "FIRM B"],
    "year": [2010, 2010, 2011, 2012], "region": ["ITC4C", "ITI43", "ITC4C", "ITI43"],
    "technology": ["Pharmaceuticals; Biotechnology; Semiconductors"] * 2 + ["Pharmaceuticals",
                                                                           "Semiconductors; Optics"],
})


def test_technology_column_by_hand():
    # no IPC: "auto" reads the technology column.  Fractional counts by NUTS 2:
    #   P1: 2 applicants (ITC4, ITI4) × 3 fields → 1/6 each; P2: ITC4 Pharmaceuticals + 1;
    #   P3: ITI4, 2 fields → 1/2 each.
    #   ITC4: Pharma 7/6, Bio 1/6, Semi 1/6, Optics 0 (row 1.5); ITI4: Pharma 1/6, Bio 1/6, Semi 2/3, Optics 1/2
    #   (row 1.5); column totals Pharma 4/3, Bio 1/3, Semi 5/6, Optics 1/2 of 3.
    # RCA(ITC4, Pharma) = (7/6 / 1.5) / (4/3 / 3) = 7/4; RCA(ITI4, Optics) = (1/2 / 1.5) / (1/2 / 3) = 2
    assert class_column(TECH) == "technology"
    x = region_technology_counts(TECH, level=2)
    assert x.loc["ITC4", "Pharmaceuticals"] == pytest.approx(7 / 6)
    assert x.loc["ITI4", "Semiconductors"] == pytest.approx(2 / 3)
    r = rca(x)
    assert r.loc["ITC4", "Pharmaceuticals"] == pytest.approx(7 / 4)
    assert r.loc["ITI4", "Optics"] == pytest.approx(2.0) and r.loc["ITC4", "Optics"] == 0
    # the tables say which classification they count, and its caveat travels to every measure
    assert x.attrs["column"] == "technology" and x.attrs["class_names"] == "WIPO technology fields"
    note = x.attrs["notes"][0]
    # Pharmaceuticals, Biotechnology (Chemistry), Semiconductors (Electrical engineering), Optics (Instruments)
    assert note.startswith("the classes are WIPO technology fields (Schmoch 2008; column 'technology'), not IPC: "
                           "4 of the 35 fields occur (none in the Mechanical engineering and Other fields sectors")
    assert "not comparable with values computed on IPC" in note
    for out in (r, relatedness_density(x), knowledge_complexity(x)):
        assert out.attrs["classification"] == "WIPO technology fields (Schmoch 2008)" and note in out.attrs["notes"]
    # with IPC codes too, "auto" prefers them; labels that are not WIPO's are named as the column's own
    assert region_technology_counts(TECH.assign(ipc="H01L 21/00"), level=2).attrs["classification"] == \
        "IPC subclasses"
    own = region_technology_counts(TECH.assign(technology=["x; y", "x; y", "x", "y"]), level=2)
    assert own.attrs["classification"] == "technology classes of column 'technology' (not IPC)"


# --- RCA, relatedness, density: hand-worked -------------------------------------------------------

# rows r1, r2, r3; totals 6, 4, 8; class totals 6, 6, 6 of 18 → each class's share 1/3
X3 = pd.DataFrame({"A": [3.0, 1.0, 2.0], "B": [1.0, 3.0, 2.0], "C": [2.0, 0.0, 4.0]}, index=["r1", "r2", "r3"])


def test_rca_by_hand():
    # r1: A (3/6)/(1/3) = 1.5, B (1/6)·3 = 0.5, C (2/6)·3 = 1.0
    # r2: A 0.75, B 2.25, C 0;  r3: A 0.75, B 0.75, C 1.5
    assert rca(X3).to_numpy() == pytest.approx(np.array([[1.5, 0.5, 1.0], [0.75, 2.25, 0.0], [0.75, 0.75, 1.5]]))


def test_relatedness_by_hand():
    # M (RCA ≥ 1): r1 {A, C}, r2 {B}, r3 {C}; ubiquity A 1, B 1, C 2
    # φ(A, C) = co-occurrences 1 / max(1, 2) = 0.5; φ(A, B) = φ(B, C) = 0; diagonal 1
    phi = relatedness(X3)
    assert phi.to_numpy() == pytest.approx(np.array([[1, 0, 0.5], [0, 1, 0], [0.5, 0, 1]]))


def test_relatedness_density_by_hand():
    # counts: r1 (3, 2, 0), r2 (1, 1, 2), r3 (1, 0, 3); totals 5, 4, 4; classes 5, 3, 5 of 13
    # RCA: r1 A 1.56 B 1.73 C 0 → {A, B}; r2 A .65 B 1.08 C 1.3 → {B, C}; r3 A .65 B 0 C 1.95 → {C}
    # ubiquity A 1, B 2, C 2; φ(A,B) = 1/2, φ(B,C) = 1/2, φ(A,C) = 0
    # RD_{r,i} = 100 Σ_{j≠i} M_rj φ_ij / Σ_{j≠i} φ_ij:
    #   r1: A = φAB/φAB = 100; B = (φBA·1 + φBC·0)/1 = 50; C = φCB·1/φCB = 100
    #   r2: A = 100 (has B); B = (0 + 1/2)/1 = 50; C = 100 (has B)
    #   r3: A = 0; B = (0 + 1/2)/1 = 50; C = 0
    x = pd.DataFrame({"A": [3.0, 1.0, 1.0], "B": [2.0, 1.0, 0.0], "C": [0.0, 2.0, 3.0]}, index=["r1", "r2", "r3"])
    rd = relatedness_density(x)
    assert rd.to_numpy() == pytest.approx(np.array([[100, 50, 100], [100, 50, 100], [0, 50, 0]]))


# --- knowledge complexity: hand-worked ------------------------------------------------------------

# counts = M: r1 {A, B}, r2 {B, C}, r3 {C} (RCA r1: A 2.5, B 1.25; r2: B 1.25, C 1.25; r3: C 2.5)
XK = pd.DataFrame({"A": [1.0, 0.0, 0.0], "B": [1.0, 1.0, 0.0], "C": [0.0, 1.0, 1.0]}, index=["r1", "r2", "r3"])


def _z(v):
    v = np.asarray(v, float)
    return (v - v.mean()) / v.std()


def test_complexity_eigenvector_by_hand():
    # diversity (2, 2, 1), ubiquity (1, 2, 2).  M̃ = D_r⁻¹ M D_c⁻¹ Mᵀ =
    #   [[3/4, 1/4, 0], [1/4, 1/2, 1/4], [0, 1/2, 1/2]]
    # trace 7/4, det = det(M)²/(Πk_r Πk_c) = 1/16 → λ2 + λ3 = 3/4, λ2 λ3 = 1/16
    # → λ = (3 ± √5)/8; λ2 = (3 + √5)/8.  Row 1: (3/4 − λ2) v1 + v2/4 = 0 → v2 = (4λ2 − 3) v1 = (√5 − 3)/2;
    # row 3: v2/2 + (1/2 − λ2) v3 = 0 → v3 = v2 (√5 + 1) = 1 − √5.  v = (1, (√5−3)/2, 1−√5),
    # positively correlated with diversity; KCI = v standardised (population sd).
    s5 = math.sqrt(5)
    v = np.array([1.0, (s5 - 3) / 2, 1 - s5])
    k = knowledge_complexity(XK)
    assert k["diversity"].tolist() == [2, 2, 1]
    assert k["complexity"].to_numpy() == pytest.approx(_z(v), abs=1e-12)
    assert k.attrs["eigenvalues"] == pytest.approx([1.0, (3 + s5) / 8])
    # classes: one reflection D_c⁻¹ Mᵀ v: A = v1, B = (v1 + v2)/2, C = (v2 + v3)/2, standardised
    tci = knowledge_complexity(XK, of="classes")
    assert tci["ubiquity"].tolist() == [1, 2, 2]
    assert tci["complexity"].to_numpy() == pytest.approx(_z([v[0], (v[0] + v[1]) / 2, (v[1] + v[2]) / 2]), abs=1e-12)


def test_reflections_converge_to_the_eigenvector():
    # λ3/λ2 = (3−√5)/(3+√5) ≈ 0.146 per two steps: 20 steps leave an error below 0.146**10 ≈ 4e-9
    eig = knowledge_complexity(XK)["complexity"]
    ref = knowledge_complexity(XK, method="reflections", steps=20)
    assert ref["complexity"].to_numpy() == pytest.approx(eig.to_numpy(), abs=1e-7)
    assert ref.attrs["steps"] == 20
    assert not any("not converged" in n for n in ref.attrs["notes"])
    # on a larger (SYNTHETIC) table two steps are far from converged, and the note says so
    short = knowledge_complexity(_synthetic_counts(), method="reflections", steps=2)
    assert any("not converged" in n for n in short.attrs["notes"])
    with pytest.raises(NetworkInputError, match="even"):
        knowledge_complexity(XK, method="reflections", steps=3)


# --- bad input -----------------------------------------------------------------------------------

def test_no_ipc_column_or_no_parsable_code_is_one_clear_error():
    # neither class column: the message names both keys of --columns
    with pytest.raises(NetworkInputError, match=r"lack an 'ipc' and a 'technology' column.*--columns ipc=COL.*"
                                                r"--columns technology=COL"):
        region_technology_counts(APPS.drop(columns="ipc"))
    with pytest.raises(NetworkInputError, match="the 'ipc' and 'technology' columns are empty"):
        region_technology_counts(APPS.assign(ipc="", technology=None))
    with pytest.raises(NetworkInputError, match="lack a 'techn_field' column.*--columns technology=COL"):
        region_technology_counts(APPS, column="techn_field")
    with pytest.raises(NetworkInputError, match=r"do not parse as IPC.*12XY"):
        region_technology_counts(APPS.assign(ipc="12XY; Q99"))


def test_single_technology_data_cannot_be_specialised():
    one = pd.DataFrame({"A": [2.0, 3.0]}, index=["r1", "r2"])
    with pytest.raises(NetworkInputError, match="two technology classes"):
        rca(one)


def test_a_region_with_no_patents_is_nan_with_a_note_never_zero():
    x = pd.concat([X3, pd.DataFrame({"A": [0.0], "B": [0.0], "C": [0.0]}, index=["empty"])])
    r = rca(x)
    assert r.loc["empty"].isna().all() and r.loc[["r1", "r2", "r3"]].notna().all().all()
    assert any("no patents" in n and "empty" in n for n in r.attrs["notes"])
    rd = relatedness_density(x)
    assert rd.loc["empty"].isna().all()
    # complexity: the hand-worked case with an empty region added keeps its values, the empty one is NaN
    k = knowledge_complexity(pd.concat([XK, x.loc[["empty"]]]))
    assert np.isnan(k.loc["empty", "complexity"])
    assert k.loc[["r1", "r2", "r3"], "complexity"].to_numpy() == pytest.approx(
        knowledge_complexity(XK)["complexity"].to_numpy(), abs=1e-12)


def test_a_single_technology_region_is_named():
    x = pd.concat([X3, pd.DataFrame({"A": [0.0], "B": [0.0], "C": [5.0]}, index=["mono"])])
    notes = rca(x).attrs["notes"]
    assert any("single-technology" in n and "mono" in n for n in notes)


def test_a_network_in_pieces_has_no_complexity():
    # r1 {A, B}, r2/r3 {C}: two components → second eigenvalue 1, complexity undefined
    x = pd.DataFrame({"A": [5.0, 1.0, 1.0], "B": [5.0, 1.0, 0.0], "C": [5.0, 5.0, 5.0]}, index=["r1", "r2", "r3"])
    k = knowledge_complexity(x)
    assert k["complexity"].isna().all()
    assert any("pieces" in n for n in k.attrs["notes"])


def test_a_repeated_second_eigenvalue_has_no_unique_complexity():
    # a cycle: shares (2, 1, 0), (0, 2, 1), (1, 0, 2), every total 3 of 9 → RCA r1 A = (2/3)/(1/3) = 2,
    # r1 B = (1/3)/(1/3) = 1 (≥ 1), r1 C = 0: M = r1 {A, B}, r2 {B, C}, r3 {C, A};
    # M̃ = circulant (1/2, 1/4, 1/4): eigenvalues 1, 1/4, 1/4 → the second is repeated, any vector
    # of its plane is "the" eigenvector: NaN, said (both methods)
    x = pd.DataFrame({"A": [2.0, 0.0, 1.0], "B": [1.0, 2.0, 0.0], "C": [0.0, 1.0, 2.0]}, index=["r1", "r2", "r3"])
    for method in ("eigenvector", "reflections"):
        k = knowledge_complexity(x, method=method)
        assert k["complexity"].isna().all()
        assert any("repeated" in n for n in k.attrs["notes"])
    assert knowledge_complexity(x).attrs["eigenvalues"] == pytest.approx([1.0, 0.25])


# --- cross-check against an independent implementation ---------------------------------------------

def _synthetic_counts(seed: int = 7, n_regions: int = 14, n_classes: int = 18) -> pd.DataFrame:
    """SYNTHETIC region × class counts (negative binomial, region sizes and class sizes varied)."""
    rng = np.random.default_rng(seed)
    size = rng.gamma(1.5, 20, size=(n_regions, 1)) * rng.gamma(1.5, 1, size=(1, n_classes))
    x = rng.poisson(size * rng.gamma(0.7, 1 / 0.7, size=size.shape)).astype(float)
    return pd.DataFrame(x, index=[f"R{i:02d}" for i in range(n_regions)],
                        columns=[f"C{j:02d}" for j in range(n_classes)])


def _ecomplexity_long(x: pd.DataFrame) -> pd.DataFrame:
    return x.rename_axis("loc").reset_index().melt(id_vars="loc", var_name="prod", value_name="val").assign(time=0)


COLS = {"time": "time", "loc": "loc", "prod": "prod", "val": "val"}


@pytest.fixture
def ecx():
    return pytest.importorskip("ecomplexity", reason="the cross-check needs the 'ecomplexity' package "
                                                     "(pip install ecomplexity; in the test extra)")


def test_cross_check_with_ecomplexity(ecx):
    x = _synthetic_counts()
    assert (x.sum(axis=1) > 0).all() and (x.sum(axis=0) > 0).all()
    with _quiet():
        out = ecx.ecomplexity(_ecomplexity_long(x), COLS, verbose=False, check_logsupermodularity=False)
        prox = ecx.proximity(_ecomplexity_long(x), COLS)
    out = out.set_index(["loc", "prod"])
    # RCA: the same Balassa ratio
    mine = rca(x).stack()
    assert out.loc[mine.index, "rca"].to_numpy() == pytest.approx(mine.to_numpy(), rel=1e-12)
    # proximity (Hidalgo et al. 2007): same minimum of conditional probabilities
    phi = relatedness(x)
    theirs = prox.pivot(index="prod_1", columns="prod_2", values="proximity").loc[phi.index, phi.columns]
    off = ~np.eye(len(phi), dtype=bool)
    assert theirs.to_numpy()[off] == pytest.approx(phi.to_numpy()[off], abs=1e-12)
    # density: theirs keeps j = i (φ_ii = 1) and has no factor 100:
    #   theirs = (RD/100 · Σ_{j≠i} φ_ij + M_ri) / (Σ_{j≠i} φ_ij + 1)
    rd = relatedness_density(x)
    m = (rca(x) >= 1).astype(float)
    den = phi.to_numpy().sum(axis=0) - 1.0
    expect = (rd.to_numpy() / 100 * den + m.to_numpy()) / (den + 1)
    dens = out["density"].unstack().loc[x.index, x.columns].to_numpy()
    assert dens == pytest.approx(expect, abs=1e-12)
    # ECI / PCI: eigenvector formulation, standardised (ECI by its own mean and sd)
    kci = knowledge_complexity(x)
    eci = out["eci"].groupby(level="loc").first().loc[x.index]
    assert eci.to_numpy() == pytest.approx(kci["complexity"].to_numpy(), abs=1e-9)
    pci = out["pci"].groupby(level="prod").first().loc[x.columns]
    tci = knowledge_complexity(x, of="classes")
    assert _z(pci) == pytest.approx(tci["complexity"].to_numpy(), abs=1e-9)
    # reflections reach the same ranking (and values to the convergence the spectrum allows)
    ref = knowledge_complexity(x, method="reflections", steps=200)
    assert ref["complexity"].to_numpy() == pytest.approx(eci.to_numpy(), abs=1e-6)


class _quiet:
    """Silence ecomplexity's own warnings and prints about its inputs (not ours to judge here)."""

    def __enter__(self):
        import contextlib
        import io
        import warnings

        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore")
        self._o = contextlib.redirect_stdout(io.StringIO())
        self._o.__enter__()
        return self

    def __exit__(self, *exc):
        self._o.__exit__(*exc)
        return self._w.__exit__(*exc)
