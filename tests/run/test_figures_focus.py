"""Issue 12: the figures job for one sido alone, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from netanalysis import regions
from netanalysis.run import run_figures


def _outputs(out: Path) -> tuple[dict, set[str]]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = {o["file"] for o in manifest["outputs"] if "file" in o}
    assert files == {p.name for p in out.iterdir()} - {"manifest.json"}  # the folder is one complete run
    return manifest, files


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
