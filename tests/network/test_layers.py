"""Co-inventor and IPC co-occurrence layers: the readers keep every inventor and code, the
layers are built by the same edge kernel, and counts match the raw files."""

from __future__ import annotations

import csv
import itertools
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
import pytest

import netanalysis as na
from netanalysis.entities import repair_text
from netanalysis.network import layer_items, layer_nodes

APPS = pd.DataFrame({
    "patent_id": ["p1", "p1", "p2", "p3", "p3"],
    "year": [2010, 2010, 2011, 2012, 2012],
    "applicant_id": ["U", "F", "U", "F", "G"],
    "inventors": ["Kim; Lee; Park", "Kim; Lee; Park", "Kim; Choi", "Lee", "Lee"],
    "ipc": ["H01L 23/00; H01L 21/02; H01M 4/00", "H01L 23/00; H01L 21/02; H01M 4/00", "A61K 9/00; bad",
            None, None],
})


def test_co_inventor_edges_hand_worked():
    e = na.edges_from_applications(APPS, layer="inventors")
    got = {(r.u, r.v, r.year): r.n_patents for r in e.itertuples()}
    # p1: three inventors -> three pairs; p2: Kim-Choi; p3: one inventor -> none
    assert got == {("Kim", "Lee", 2010): 1, ("Kim", "Park", 2010): 1, ("Lee", "Park", 2010): 1,
                   ("Choi", "Kim", 2011): 1}
    frac = na.edges_from_applications(APPS, layer="inventors", weighting="fractional")
    assert frac.loc[(frac.u == "Kim") & (frac.v == "Lee"), "weight"].item() == pytest.approx(0.5)


def test_ipc_cooccurrence_hand_worked():
    sub = na.collapse(na.edges_from_applications(APPS, layer="ipc"))
    assert sub[["u", "v", "n_patents"]].values.tolist() == [["H01L", "H01M", 1]]  # H01L counted once on p1
    grp = na.collapse(na.edges_from_applications(APPS, layer="ipc", ipc_level="group"))
    assert {(r.u, r.v) for r in grp.itertuples()} == {("H01L21", "H01L23"), ("H01L21", "H01M4"), ("H01L23", "H01M4")}
    items = layer_items(APPS, "ipc")
    assert items.attrs["patents_without"] == 1  # p3 has no code ("bad" is not one either)
    assert sorted(items["applicant_id"]) == ["A61K", "H01L", "H01M"]


def test_layer_nodes_and_metrics_agree_between_backends():
    items = layer_items(APPS, "inventors")
    nodes = layer_nodes(items).set_index("applicant_id")
    assert nodes.loc["Kim", "n_patents"] == 2 and nodes.loc["Lee", "last_year"] == 2012
    e = na.edges_from_applications(APPS, layer="inventors")
    g = na.to_igraph(e, layer_nodes(items))
    cent = na.centrality(g).set_index("applicant_id")["betweenness"]
    ref = nx.betweenness_centrality(na.to_networkx(e, layer_nodes(items)), normalized=True)
    for k, v in ref.items():
        assert cent[k] == pytest.approx(v, abs=1e-9)
    assert cent["Kim"] > 0  # Kim joins Choi to the rest


def test_layer_errors_are_clear():
    with pytest.raises(na.NetworkInputError, match="region"):
        na.edges_from_applications(APPS, layer="inventors", region="KR-27")
    with pytest.raises(na.NetworkInputError, match="inventors=COL"):
        na.edges_from_applications(APPS.drop(columns="inventors"), layer="inventors")
    with pytest.raises(na.NetworkInputError, match="layer="):
        layer_items(APPS, "cpc")


def test_lens_export_keeps_every_inventor_and_code(shared_data):
    path = shared_data / "lens-exports" / "pizza_lens_1000_raw.csv"
    res = na.read_patents(path)
    apps = res.applications.drop_duplicates("patent_id").set_index("patent_id_raw")  # as the export spells it
    with path.open(encoding=res.report.encoding, newline="") as f:  # the export is Mac Roman, CR-only
        raw = {row["Application Number"]: row for row in csv.DictReader(f)}
    pairs = set()
    for pid, row in apps.iterrows():
        people = [x.strip() for x in raw[pid]["Inventors"].split(";;") if x.strip()]
        # mojibake in the export repaired (ftfy, issue 27): GOÅÅÄ˜BIOWSKI -> GOÅÅĘBIOWSKI
        joined = repair_text(pd.Series(["; ".join(people)])).iloc[0]
        people = joined.split("; ") if people else []
        assert (row["inventors"] if isinstance(row["inventors"], str) else "") == "; ".join(people)
        codes = [x.strip() for x in raw[pid]["IPCR Classifications"].split(";;") if x.strip()]
        assert (row["ipc"] if isinstance(row["ipc"], str) else "") == "; ".join(codes)
        pairs |= {tuple(sorted(p)) for p in itertools.combinations(set(people), 2)}
    ties = na.collapse(na.edges_from_applications(res.applications, layer="inventors"))
    assert set(zip(ties["u"], ties["v"], strict=True)) == pairs


def test_kipris_xml_keeps_every_code(shared_data):
    files = sorted((shared_data / "kipris-plus-xml" / "res" / "dummy" / "enterprise" / "patent").glob("*/1.xml"))[:6]
    res = na.read_patents(files)
    got = res.applications.drop_duplicates("patent_id").set_index("patent_id")["ipc"]
    for f in files:
        for it in ET.parse(f).getroot().iter("PatentUtilityInfo"):
            pid = (it.findtext("ApplicationNumber") or "").strip()
            if pid in got.index:
                codes = [c.strip() for c in (it.findtext("InternationalpatentclassificationNumber") or "").split("|")
                         if c.strip()]
                assert (got[pid] if isinstance(got[pid], str) else "") == "; ".join(codes)


def test_patentsview_api_keeps_inventors(shared_data):
    from netanalysis.ingest.patentsview import _pages_from_cassette

    path = shared_data / "patentsview-api" / "after-paging.yml"
    res = na.read_patents(path, fallback_year=2007)
    got = res.applications.drop_duplicates("patent_id").set_index("patent_id")["inventors"]
    checked = 0
    for page in _pages_from_cassette(path):
        for pt in page["patents"]:
            if pt["patent_id"] in got.index:
                names = [" ".join(x for x in (p.get("inventor_name_first"), p.get("inventor_name_last")) if x)
                         for p in pt.get("inventors") or []]
                assert got[pt["patent_id"]] == "; ".join(n for n in names if n)
                checked += 1
    assert checked > 10
    assert not re.search(r";\s*;", json.dumps(got.dropna().tolist()))
