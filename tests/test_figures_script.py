"""The figure script: every listed file, a complete manifest, identical reruns, clear errors."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from netanalysis.datasets import sample_path
from netanalysis.figures import run_figures

FIGURES = ["01_network", "02_centrality_ranking", "03_betweenness_by_type", "04_degree_by_type",
           "05_persistence_by_type_pair", "06_repeat_survival", "07_openness_by_region",
           "08_openness_large_collaborations", "09_type_mixing", "10_brokerage_by_type",
           "11_betweenness_null_model", "12_network_over_time", "13_region_map", "14_region_comparison"]
TABLES: list[str] = ["report.html", "report.md"]


def raw_hashes() -> dict[str, str]:
    """sha256 and mtime of every file under data/raw and of the bundled sample (the immutable inputs)."""
    top = Path(__file__).resolve().parents[1]
    roots = [top / "data" / "raw", sample_path().parent]
    return {str(f): f"{hashlib.sha256(f.read_bytes()).hexdigest()}:{f.stat().st_mtime_ns}"
            for root in roots for f in sorted(root.rglob("*")) if f.is_file()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    a = tmp_path_factory.mktemp("figs_a")
    b = tmp_path_factory.mktemp("figs_b")
    before = raw_hashes()
    # the main job with 200 null-model draws (the default, checked in test_null_model_default)
    out = (a, run_figures(out=a, verbose=False, null_model_runs=200),
           b, run_figures(out=b, verbose=False, null_model_runs=200))
    RAW_AFTER.update(before=before, after=raw_hashes())
    return out


RAW_AFTER: dict = {}


def test_data_raw_is_never_modified(runs):
    assert RAW_AFTER["before"] == RAW_AFTER["after"]
    assert any(k.endswith(".csv") for k in RAW_AFTER["before"])


def test_every_file_written(runs):
    out, _manifest, _, _ = runs
    for name in FIGURES:
        for ext in ("png", "svg", "csv"):
            assert (out / f"{name}.{ext}").stat().st_size > 0, f"{name}.{ext}"
    for t in TABLES:
        assert (out / t).exists()
    assert (out / "manifest.json").exists()


def test_manifest_complete(runs):
    out, manifest, _, _ = runs
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == json.loads(json.dumps(manifest, default=str))
    assert manifest["synthetic_data"] is True
    assert manifest["package_version"]
    assert manifest["parameters"]["region"] == ["KR-27", "KR-47"]
    assert manifest["parameters"]["years"] == [2004, 2020]
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"]) and len(manifest["inputs"]) == 2
    listed = {o["file"] for o in manifest["outputs"] if "file" in o}
    assert listed == {f"{n}.{e}" for n in FIGURES for e in ("png", "svg", "csv")} | set(TABLES)
    assert manifest["ingest"]["rows_read"] == manifest["ingest"]["rows_kept"] + manifest["ingest"]["rows_rejected"]


def test_rerun_gives_identical_tables_and_figures(runs):
    _, ma, _, mb = runs
    assert {o["file"]: o["sha256"] for o in ma["outputs"]} == {o["file"]: o["sha256"] for o in mb["outputs"]}


def test_tables_hold_the_findings(runs):
    out = runs[0]
    bt = pd.read_csv(out / "03_betweenness_by_type.csv")
    assert bt["actor_type"].iloc[0] == "university"
    pers = pd.read_csv(out / "05_persistence_by_type_pair.csv").set_index("type_pair")
    assert pers.loc["university–sme", "share_one_time"] > 0.5


def test_figures_say_synthetic(runs):
    out = runs[0]
    assert "SYNTHETIC" in (out / "01_network.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["--region", "KR-99"], "not a known code or name"),
    (["--years", "2020-2004"], "empty range"),
    (["--data", "/no/such/file.csv"], "no such file"),
    (["--years", "1990-1995"], "no application in the years"),
])
def test_bad_arguments_one_message_nonzero_exit(tmp_path, args, message):
    r = subprocess.run([sys.executable, "-m", "netanalysis", "figures", "--quiet", "--out", str(tmp_path), *args],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr


def test_export_cli(tmp_path):
    import networkx as nx

    from netanalysis.cli import main

    assert main(["export", "--out", str(tmp_path)]) == 0
    G = nx.read_graphml(tmp_path / "synthetic_copatent_network.graphml")
    node = next(iter(G.nodes(data=True)))[1]
    assert {"actor_type", "region", "betweenness", "degree", "label"} <= set(node)
    nodes = pd.read_csv(tmp_path / "synthetic_copatent_network_nodes.csv")
    edges = pd.read_csv(tmp_path / "synthetic_copatent_network_edges.csv")
    assert list(nodes.columns[:2]) == ["id", "label"] and {"source", "target", "weight"} <= set(edges.columns)
    assert G.number_of_nodes() == len(nodes) and G.number_of_edges() == len(edges)
