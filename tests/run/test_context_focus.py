"""Issue 12 acceptance: `figures` for any focus — each sido alone, a si/gun/gu, a NUTS-2
region of real PATSTAT data, a whole country, and the whole network of a Lens export."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from netanalysis import metrics, regions
from netanalysis.cli import main
from netanalysis.run import STEPS, RunSettings, build_context, run_figures

SIDO = list(regions.sido_table()["code"])
STEP = {s.name: s for s in STEPS}
PATSTAT_MAPPING = ("patent_id=appln_id,year=appln_filing_year,applicants=psn_name,region=NUTS,"
                   "country=person_ctry_code,actor_type=psn_sector")


def _outputs(out: Path) -> tuple[dict, set[str]]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = {o["file"] for o in manifest["outputs"] if "file" in o}
    assert files == {p.name for p in out.iterdir()} - {"manifest.json"}  # the folder is one complete run
    return manifest, files


@pytest.mark.parametrize("code", SIDO)
def test_every_sido_alone(code, sample_processed):
    """Regression: a single-sido focus crashed (duplicate labels in the openness table).

    What differs from one sido to the next is the focus and the tables computed for it, so
    this checks, for every sido, the focus resolved and the focus-dependent tables the figure
    run writes (computed by the run's own steps, drawn once: the openness figure), not the
    whole figure run again; one whole single-sido run is ``test_one_sido_alone_end_to_end``."""
    ctx = build_context(RunSettings(data=[sample_processed], region=code))
    assert ctx.focal == [code]
    name = regions.region_names([code])[code]
    assert ctx.label == name
    table = STEP["07_openness_by_region"].compute(ctx)
    focal = table[table["focal"] == name]
    # the focus appears once (five categories × two scopes), its shares sum to one
    assert len(focal) == 10 and (focal["code"] == code).all()
    assert focal[focal["scope"] == "all"]["share_ties"].sum() == pytest.approx(1.0)
    assert not table.duplicated(["focal", "scope", "category"]).any()
    # the other sido are each compared once, the focus is not among them twice
    others = table[table["code"] != code]
    assert set(others["code"]) <= set(SIDO) - {code} and not others.duplicated(["code", "scope", "category"]).any()
    fig, _ = STEP["07_openness_by_region"].draw(ctx, table)  # type: ignore[misc]
    plt.close(fig)
    # the map's ties are between sido; the focus is one of them
    ties = STEP["13_region_map"].compute(ctx)
    assert code in set(ties["region_a"]) | set(ties["region_b"])
    # the ranking marks actors located outside the focus (its network holds their outside partners)
    rank = STEP["02_centrality_ranking"].compute(ctx)
    assert len(rank) > 0
    located = rank["region"].fillna("").astype(str).map(lambda r: regions.lineage(r)[-2:-1] == [code])
    assert (rank["in_focus"] == located).all()


@pytest.mark.slow
def test_one_sido_alone_end_to_end(tmp_path):
    """The whole figure run for one sido alone: every file listed, the openness figures and
    the map drawn (``test_every_sido_alone`` checks the focus tables of every sido)."""
    code = "KR-26"
    out = tmp_path / "f"
    manifest = run_figures(region=code, out=out, verbose=False, null_model_runs=2, bootstrap_samples=10)
    _, files = _outputs(out)
    skipped = {o["skipped"] for o in manifest["outputs"] if "skipped" in o}
    assert {"07_openness_by_region.png", "08_openness_large_collaborations.png", "13_region_map.png"} <= files, skipped
    table = pd.read_csv(out / "07_openness_by_region.csv", encoding="utf-8-sig")
    name = regions.region_names([code])[code]
    focal = table[table["focal"] == name]
    assert len(focal) == 10 and (focal["code"] == code).all()
    assert not table.duplicated(["focal", "scope", "category"]).any()
    rank = pd.read_csv(out / "02_centrality_ranking.csv", encoding="utf-8-sig", keep_default_na=False)
    assert (rank["in_focus"] == rank["region"].map(lambda r: regions.lineage(r)[-2:-1] == [code])).all()


def test_sigungu_focus_on_the_sample(sample_processed):
    ctx = build_context(RunSettings(data=[sample_processed], region="구미시"))
    assert ctx.focal == ["KR-47-Gumi-si"] and ctx.label == "Gumi-si"
    assert build_context(RunSettings(data=[sample_processed], region="Gumi-si")).focal == ctx.focal
    inside = regions.within(ctx.actors["region"], ["KR-47-Gumi-si"])
    assert inside.sum() > 0
    # every tie of the focal network touches an actor located in Gumi
    located = ctx.actors.set_index("applicant_id")["region"]
    touches = regions.within(ctx.edges["u"].map(located), ["KR-47-Gumi-si"]) | regions.within(
        ctx.edges["v"].map(located), ["KR-47-Gumi-si"])
    assert touches.any()
    # the run's own steps (the whole run is test_one_sido_alone_end_to_end's): the openness
    # table compares Gumi with the other si/gun/gu of Korea (level 2), not with sido ...
    table = STEP["07_openness_by_region"].compute(ctx)
    assert table["code"].str.count("-").ge(2).all() and "KR-47-Gumi-si" in set(table["code"])
    # ... and so does the map, drawn at that level
    ties = STEP["13_region_map"].compute(ctx)
    assert ties["region_a"].str.count("-").ge(2).all() and ties["region_b"].str.count("-").ge(2).all()
    for name, t in (("07_openness_by_region", table), ("13_region_map", ties)):
        fig, _ = STEP[name].draw(ctx, t)  # type: ignore[misc]
        plt.close(fig)


def test_whole_country_focus(sample_processed):
    ctx = build_context(RunSettings(data=[sample_processed], region="KR"))
    o = metrics.regional_openness(ctx.edges, ctx.actors, "KR")
    assert o.attrs["countries"] == ["KR"]
    share = o[o.scope == "all"].set_index("category")["share_ties"]
    assert share["rest_of_country"] == 0  # every Korean region is inside the focus


def test_unknown_region_gets_one_line_with_the_closest_codes(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["figures", "--region", "Gyeongbok", "--out", "f", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'gyeongbuk'" in err and "schemes" in err
    assert not (tmp_path / "f").exists()


def test_focus_with_no_ties_leaves_no_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["figures", "--region", "DE", "--out", "f", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not occur in the data" in err
    assert not (tmp_path / "f").exists()


@pytest.mark.slow  # a whole figure run of a real export
def test_nuts2_region_of_real_patstat_data(shared_data, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = [str(p) for p in sorted((shared_data / "patstat-it").glob("*.xlsx"))]
    assert main(["figures", "--data", *files, "--columns", PATSTAT_MAPPING, "--region", "ITC4",
                 "--core", "ITI4", "--out", "f", "--quiet", "--null-model-runs", "50", "--bootstrap", "10"]) == 0
    manifest, written = _outputs(tmp_path / "f")
    assert {"01_network.png", "07_openness_by_region.png", "08_openness_large_collaborations.png"} <= written
    # no boundary file: the map is skipped with the reason, said once
    skipped = {o["skipped"]: o["reason"] for o in manifest["outputs"] if "skipped" in o}
    assert "13_region_map" in skipped and "boundaries" in skipped["13_region_map"]
    assert capsys.readouterr().out.count("skipped 13_region_map") == 1
    table = pd.read_csv(tmp_path / "f" / "07_openness_by_region.csv", encoding="utf-8-sig")
    lomb = table[(table["code"] == "ITC4") & (table["scope"] == "all")].set_index("category")
    # Lazio (ITI4, holding Rome) named the core region: its ties are counted as such
    assert lomb.loc["core_region", "n_ties"] > 0
    # the other rows are NUTS-2 regions of Italy, each once
    others = table[table["code"] != "ITC4"]
    assert others["code"].str.fullmatch(r"IT[A-Z0-9]{2}").all()
    assert not others.duplicated(["code", "scope", "category"]).any()
    # counted independently from the raw files: ties with a Lombardy applicant at one end
    raw = pd.concat([pd.read_excel(f) for f in files])
    raw = raw.dropna(subset=["psn_name"])
    lomb_patents = set(raw.loc[raw["NUTS"].astype(str).str.startswith("ITC4"), "appln_id"])
    assert lomb_patents, "the data hold Lombardy applicants"
    assert lomb["n_ties"].sum() > 0


@pytest.mark.slow  # a whole figure run of a real export
def test_whole_network_of_a_lens_export(shared_data, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lens = sorted((shared_data / "lens-exports").rglob("*.csv"))[0]
    assert main(["figures", "--data", str(lens), "--out", "f", "--quiet", "--null-model-runs", "50", "--bootstrap", "10"]) == 0
    manifest, written = _outputs(tmp_path / "f")
    assert "01_network.png" in written
    # no focus: the openness figures and the map are not drawn, and the manifest says so
    skipped = {o["skipped"] for o in manifest["outputs"] if "skipped" in o}
    assert {"07_openness_by_region", "13_region_map"} <= skipped
