"""Issue 12 on real exports: a NUTS-2 region of PATSTAT data and the whole network of a Lens export."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from netanalysis.cli import main

PATSTAT_MAPPING = ("patent_id=appln_id,year=appln_filing_year,applicants=psn_name,region=NUTS,"
                   "country=person_ctry_code,actor_type=psn_sector")


def _outputs(out: Path) -> tuple[dict, set[str]]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = {o["file"] for o in manifest["outputs"] if "file" in o}
    assert files == {p.name for p in out.iterdir()} - {"manifest.json"}  # the folder is one complete run
    return manifest, files


@pytest.mark.slow  # a whole figure run of a real export
def test_nuts2_region_of_real_patstat_data(shared_data, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = [str(p) for p in sorted((shared_data / "patstat-it").glob("*.xlsx"))]
    assert main(["figures", *files, "--columns", PATSTAT_MAPPING, "--region", "ITC4",
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
