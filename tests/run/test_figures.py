"""The figure script: every listed file, a complete manifest, identical reruns, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from netanalysis.run import run_figures

FIGURES = ["01_network", "02_centrality_ranking", "03_betweenness_by_type", "04_degree_by_type",
           "05_persistence_by_type_pair", "06_repeat_survival", "07_openness_by_region",
           "08_openness_large_collaborations", "09_type_mixing", "10_brokerage_by_type",
           "11_betweenness_null_model", "12_network_over_time", "13_region_map", "14_region_comparison",
           "16_timeline", "17_network_density", "18_network_mean_year", "20_specialisation",
           "21_relatedness_density"]  # 19 needs inventor regions, 22 a class burst (the sample has none): skipped
TABLES: list[str] = ["15_bursts.csv", "report.html", "report.md"]


def test_data_raw_is_never_modified(sample_figures):
    assert sample_figures.raw_before == sample_figures.raw_after
    assert any(k.endswith(".csv") for k in sample_figures.raw_before)


def test_every_file_written(sample_figures):
    out = sample_figures.out
    for name in FIGURES:
        for ext in ("png", "svg", "csv"):
            assert (out / f"{name}.{ext}").stat().st_size > 0, f"{name}.{ext}"
    for t in TABLES:
        assert (out / t).exists()
    assert (out / "manifest.json").exists()


def test_manifest_complete(sample_figures):
    out, manifest = sample_figures.out, sample_figures.manifest
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
    # how the network's actors were typed (issue 27): counted over the network figure's own table
    types = manifest["actor_types"]
    assert types["actors"] == len(pd.read_csv(out / "01_network.csv"))
    assert 0 <= types["typed_by_default"] <= types["actors"] and 0 <= types["persons_by_evidence"] <= types["actors"]
    note = (f"{types['typed_by_default']:,} of the {types['actors']:,} actors typed firm by default")
    for name in ("01_network", "09_type_mixing"):  # the figures that show types say how many, under the source
        assert note in (out / f"{name}.svg").read_text(encoding="utf-8"), name


@pytest.mark.slow  # a second whole figure run
def test_rerun_gives_identical_tables_and_figures(sample_figures, tmp_path):
    mb = run_figures(out=tmp_path / "again", **sample_figures.parameters)
    ma = sample_figures.manifest
    assert ({o["file"]: o["sha256"] for o in ma["outputs"] if "file" in o}
            == {o["file"]: o["sha256"] for o in mb["outputs"] if "file" in o})
    assert [o for o in ma["outputs"] if "skipped" in o] == [o for o in mb["outputs"] if "skipped" in o]
    # every figure three files, the tables, and two skipped steps (19: no inventor regions in the sample; 22: no
    # IPC subclass bursts)
    assert len(ma["outputs"]) == len(FIGURES) * 3 + len(TABLES) + 2


def test_tables_hold_the_findings(sample_figures):
    out = sample_figures.out
    bt = pd.read_csv(out / "03_betweenness_by_type.csv")
    assert bt["actor_type"].iloc[0] == "university"
    pers = pd.read_csv(out / "05_persistence_by_type_pair.csv").set_index("type_pair")
    assert pers.loc["university–sme", "share_one_time"] > 0.5


def test_figures_say_synthetic(sample_figures):
    out = sample_figures.out
    assert "SYNTHETIC" in (out / "01_network.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["--region", "KR-99"], "not a known code or name"),
    (["--years", "2020-2004"], "empty range"),
    (["--data", "/no/such/file.csv"], "no such file"),
    (["--years", "1990-1995"], "no application in the years"),
])
@pytest.mark.slow  # end-to-end: in CI's full set (-m "")
def test_bad_arguments_one_message_nonzero_exit(tmp_path, args, message):
    r = subprocess.run([sys.executable, "-m", "netanalysis", "figures", "--quiet", "--out", str(tmp_path), *args],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow  # end-to-end: in CI's full set (-m "")
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
