"""Issue 29: every export is valid against its format and read back by the tools people use.

* GEXF (static and dynamic) against the official GEXF 1.2draft XSD (``tests/schemas/gexf``,
  from gephi/gexf, CC BY 4.0) through ``xmllint``; read back by Gephi Lite's parser
  (``graphology-gexf``, run under Node from ``tests/node``) and by networkx;
* GraphML read back by igraph (libxml2) and networkx, node ids checked against NMTOKEN;
* Pajek read back by python-igraph and networkx;
* VOSviewer map / network / JSON against the manual's layout, with the same numbers in both forms.

Every read-back is compared with the package's own tables (``network.collapse`` of the edge
table, the actor table): node and tie counts, names and weights.  The fixture is SYNTHETIC:
made-up actors carrying the awkward names real exports hold (one-word applicants ``FOS``,
``ic``, ``bc`` — Pajek keywords —, spaces, Hangul, an apostrophe, a comma, a quote, a formula,
a 10,000-character name, an empty name, control characters and a lone surrogate).  The slow
tests run every format on every real export in ``../shared/data``.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import igraph as ig
import networkx as nx
import pandas as pd
import pytest
from _hyp import TESTS

from netanalysis import network as nw
from netanalysis._errors import NetworkInputError
from netanalysis.datasets import sample_path
from netanalysis.export import save_network
from netanalysis.export._tables import MAX_LABEL, export_labels
from netanalysis.ingest import read_patents

HERE = TESTS
XSD = HERE / "schemas" / "gexf" / "1.2draft" / "gexf.xsd"
NODE_DIR = HERE / "node"
FORMATS = ["gexf", "graphml", "csv", "vosviewer", "vosviewer-json", "pajek", "gexf-dynamic"]

# SYNTHETIC actors: (applicant_id, display name)
AWKWARD = [
    ("FOS", "FOS"), ("ic", "ic"), ("bc", "bc"), ("box", "box"),
    ("AJOU UNIVERSITY", "아주대학교 산학협력단"),
    ("O'BRIEN LTD", "O'Brien Ltd"),
    ("SMITH, JONES & CO", "Smith, Jones & Co"),
    ('THE "BEST" CO', 'The "Best" Co'),
    ("FORMULA", '=HYPERLINK("http://x","y")'),
    ("LONG NAME", "Very long name " * 700),  # 10,500 characters
    ("NO NAME", ""),
    ("CONTROL", "A\x01B\ud800C\u202eD"),
    ("TWIN 1", "Same Name"), ("TWIN 2", "Same Name"),
]
# SYNTHETIC ties: (u, v, year, co-patents); FOS–ic active 2010, 2011, 2013 (two runs)
TIES = [("FOS", "ic", 2010, 1), ("FOS", "ic", 2011, 3), ("FOS", "ic", 2013, 1), ("bc", "box", 2012, 2),
        ("AJOU UNIVERSITY", "O'BRIEN LTD", 2005, 1), ("AJOU UNIVERSITY", "O'BRIEN LTD", 2006, 1),
        ("AJOU UNIVERSITY", "O'BRIEN LTD", 2007, 2), ("AJOU UNIVERSITY", "SMITH, JONES & CO", 2008, 1),
        ('THE "BEST" CO', "FORMULA", 2009, 1), ("LONG NAME", "NO NAME", 2010, 4), ("CONTROL", "FOS", 2015, 1),
        ("TWIN 1", "TWIN 2", 2016, 1), ("FOS", "AJOU UNIVERSITY", 2016, 1), ("FOS", "AJOU UNIVERSITY", 2017, 1)]


def awkward_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The SYNTHETIC edge and actor tables (u < v, as the package builds them)."""
    rows = [(min(u, v), max(u, v), y, n) for u, v, y, n in TIES]
    e = pd.DataFrame(rows, columns=["u", "v", "year", "n_patents"])
    e["weight"] = e["n_patents"].astype(float)
    act = pd.DataFrame(AWKWARD, columns=["applicant_id", "name"], dtype=object)  # Arrow strings refuse surrogates
    act["actor_type"] = ["sme"] * len(act)
    act["n_patents"] = range(1, len(act) + 1)
    return e, act


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    e, act = awkward_tables()
    out = tmp_path_factory.mktemp("awkward")
    save_network(e, act, out, FORMATS)
    return e, act, out


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    res = read_patents(sample_path())
    e = nw.edges_from_applications(res.applications)
    out = tmp_path_factory.mktemp("sample")
    save_network(e, res.actors, out, FORMATS)
    return e, res.actors, out


# ---- the tools ------------------------------------------------------------------------------

def xmllint_errors(path: Path) -> str:
    """'' when ``path`` is valid against the GEXF 1.2draft XSD, else xmllint's messages."""
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (apt-get install libxml2-utils)")
    r = subprocess.run(["xmllint", "--noout", "--schema", str(XSD), str(path)], capture_output=True, text=True,
                       check=False)
    return "" if r.returncode == 0 else r.stderr[-3000:]


def graphology_read(path: Path) -> dict:
    """What Gephi Lite's parser (graphology-gexf under Node) reads from ``path``."""
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "graphology-gexf").is_dir():
        why = "node is not installed" if node is None else "tests/node/node_modules is missing (run: npm ci --prefix tests/node)"
        if os.environ.get("NETANALYSIS_REQUIRE_NODE") == "1":
            pytest.fail(f"{why}, and NETANALYSIS_REQUIRE_NODE=1")
        pytest.skip(why)
    r = subprocess.run([node, str(NODE_DIR / "read_gexf.cjs"), str(path)], capture_output=True, text=True,
                       check=False, encoding="utf-8")
    assert r.returncode == 0, f"graphology-gexf could not parse {path.name}: {r.stderr[-2000:]}"
    return json.loads(r.stdout)


# ---- what the package's own tables say -------------------------------------------------------

def expected(e: pd.DataFrame, act: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ties, labels): the collapsed ties and, per actor with a tie, the label every export writes."""
    ties = nw.collapse(e)
    ids = pd.Series(sorted(set(ties["u"]) | set(ties["v"])))
    names = dict(zip(act["applicant_id"], act["name"], strict=True)) if "name" in act else {}
    return ties, export_labels(ids, pd.Series([names.get(i) for i in ids], dtype=object)).set_index("applicant_id")


def tie_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def runs(years: list[int]) -> list[tuple[int, int]]:
    """Consecutive years merged, computed here independently of the package."""
    out: list[tuple[int, int]] = []
    for _, grp in itertools.groupby(enumerate(sorted(set(years))), key=lambda t: t[1] - t[0]):
        ys = [y for _, y in grp]
        out.append((ys[0], ys[-1]))
    return out


def check_gexf_static(path: Path, e: pd.DataFrame, act: pd.DataFrame) -> None:
    ties, labels = expected(e, act)
    assert xmllint_errors(path) == ""
    assert 'name=""' not in path.read_text(encoding="utf-8")[:2000]
    G = nx.read_gexf(path)
    assert G.number_of_nodes() == len(labels) and G.number_of_edges() == len(ties)
    assert {n: d["label"] for n, d in G.nodes(data=True)} == labels["label"].to_dict()
    cut = labels[labels["full_name"] != labels["label"]]
    assert {n: G.nodes[n]["full_name"] for n in cut.index} == cut["full_name"].to_dict()
    got = {tie_key(u, v): (d["weight"], d["n_patents"]) for u, v, d in G.edges(data=True)}
    want = {tie_key(u, v): (pytest.approx(w), n) for u, v, w, n in ties[["u", "v", "weight", "n_patents"]].itertuples(index=False)}
    assert got == want
    lite = graphology_read(path)
    assert lite["type"] == "undirected" and lite["order"] == len(labels) and lite["size"] == len(ties)
    assert {k: a["label"] for k, a in lite["nodes"].items()} == labels["label"].to_dict()
    assert {tie_key(s, t): a["n_patents"] for s, t, a in lite["edges"]} == {
        tie_key(u, v): n for u, v, n in ties[["u", "v", "n_patents"]].itertuples(index=False)}


def check_gexf_dynamic(path: Path, e: pd.DataFrame, act: pd.DataFrame) -> None:
    ties, labels = expected(e, act)
    assert xmllint_errors(path) == ""
    text = path.read_text(encoding="utf-8")
    assert 'timeformat="integer"' in text[:2000]
    G = nx.read_gexf(path)
    assert G.graph["mode"] == "dynamic"
    assert G.number_of_nodes() == len(labels) and G.number_of_edges() == len(ties)
    per_year = e.groupby(["u", "v", "year"])["n_patents"].sum()
    for (u, v), grp in per_year.groupby(level=[0, 1]):
        d = G.edges[u, v]
        years = grp.index.get_level_values(2).astype(int).tolist()
        assert d["spells"] == runs(years)  # consecutive years merged, nothing lost
        assert sorted((int(y), w) for w, y, _ in d["weight"]) == sorted(zip(years, grp.astype(float), strict=True))
    node_years: dict[str, list[int]] = {}
    for u, v, y in e[["u", "v", "year"]].itertuples(index=False):
        node_years.setdefault(u, []).append(int(y))
        node_years.setdefault(v, []).append(int(y))
    assert {n: d["spells"] for n, d in G.nodes(data=True)} == {n: runs(ys) for n, ys in node_years.items()}
    assert {n: d["label"] for n, d in G.nodes(data=True)} == labels["label"].to_dict()
    lite = graphology_read(path)
    assert lite["order"] == len(labels) and lite["size"] == len(ties)


def check_graphml(path: Path, e: pd.DataFrame, act: pd.DataFrame) -> None:
    ties, labels = expected(e, act)
    text = path.read_text(encoding="utf-8")
    ids = re.findall(r'<node id="([^"]*)"', text)
    assert ids == [f"n{i}" for i in range(len(labels))]  # neutral NMTOKEN ids
    keys = re.findall(r"<key [^>]*>", text)
    assert keys and all("attr.type=" in k for k in keys)  # every attribute typed
    names = [(re.search(r'for="(\w+)"', k).group(1), re.search(r'attr.name="([^"]*)"', k).group(1)) for k in keys]
    assert len(names) == len(set(names))  # one type per attribute
    # the GraphML schema's key.name.type and key.type.type: attr.name an NMTOKEN, attr.type one of six
    assert all(re.fullmatch(r"[\w.:-]+", name) for _, name in names)
    assert set(re.findall(r'attr.type="([^"]*)"', text)) <= {"boolean", "int", "long", "float", "double", "string"}
    assert 'attr.name="applicant_id" attr.type="string"' in text
    g = ig.Graph.Read_GraphML(str(path))
    G = nx.read_graphml(path)
    for got in (dict(zip(g.vs["applicant_id"], g.vs["label"], strict=True)),
                {d["applicant_id"]: d["label"] for _, d in G.nodes(data=True)}):
        assert got == labels["label"].to_dict()
    assert g.ecount() == G.number_of_edges() == len(ties)
    aid = g.vs["applicant_id"]
    got_w = {tie_key(aid[a.source], aid[a.target]): a["n_patents"] for a in g.es}
    assert got_w == {tie_key(u, v): n for u, v, n in ties[["u", "v", "n_patents"]].itertuples(index=False)}


def check_pajek(path: Path, e: pd.DataFrame, act: pd.DataFrame) -> None:
    ties, labels = expected(e, act)
    raw = path.read_bytes()
    raw.decode("ascii")  # non-ASCII as &#dddd;: every reader and Pajek read the same text
    lines = raw.decode("ascii").splitlines()
    assert lines[0] == f"*Vertices {len(labels)}"
    vertex = lines[1:1 + len(labels)]
    assert all(re.fullmatch(r'\d+ "[^"]*"', ln) for ln in vertex)  # quoted, no fake coordinates
    label = labels["label"]
    shared = label.duplicated(keep=False)
    want = label.where(~shared, label + " [" + labels.index + "]")
    g = ig.Graph.Read_Pajek(str(path))
    G = nx.read_pajek(path)
    assert [html.unescape(x) for x in g.vs["name"]] == want.tolist()
    assert sorted(html.unescape(str(n)) for n in G.nodes) == sorted(want)
    assert g.vcount() == len(labels) and g.ecount() == len(ties) and G.number_of_edges() == len(ties)
    by_label = dict(zip(want.index, want, strict=True))
    want_w = {tie_key(by_label[u], by_label[v]): float(n)
              for u, v, n in ties[["u", "v", "n_patents"]].itertuples(index=False)}
    names = [html.unescape(x) for x in g.vs["name"]]
    assert {tie_key(names[a.source], names[a.target]): a["weight"] for a in g.es} == want_w
    assert {tie_key(html.unescape(u), html.unescape(v)): w for u, v, w in G.edges(data="weight")} == want_w


def check_vosviewer(folder: Path, stem: str, e: pd.DataFrame, act: pd.DataFrame) -> None:
    ties, labels = expected(e, act)
    mp = pd.read_csv(folder / f"{stem}_vosviewer_map.txt", sep="\t", dtype={"label": str}, keep_default_na=False,
                     quoting=3)
    net = pd.read_csv(folder / f"{stem}_vosviewer_network.txt", sep="\t", header=None, names=["a", "b", "s"])
    doc = json.loads((folder / f"{stem}_vosviewer.json").read_text(encoding="utf-8"))
    assert list(mp.columns) == ["id", "label", "cluster", "weight<Links>", "weight<Total link strength>",
                                "weight<Documents>", "score<Betweenness>", "score<First year>", "score<Avg. year>"]
    assert mp["id"].tolist() == list(range(1, len(labels) + 1)) and len(net) == len(ties)
    aid = dict(zip(mp["id"], labels.index, strict=True))  # items are numbered in applicant_id order
    # labels: the export label, formulas neutralised, quoted when holding , ; or "
    def unquote(s: str) -> str:
        return s[1:-1].replace('""', '"') if s.startswith('"') and s.endswith('"') and len(s) > 1 else s
    shown = mp["label"].map(unquote)
    want = labels["label"].where(~labels["label"].str.match(r"[=+\-@\t\r]"), "'" + labels["label"])
    assert shown.tolist() == want.tolist()
    # scores: first year and mean tie year (weighted by co-patents), computed here from the edges
    both = pd.concat([e[["u", "year", "n_patents"]].rename(columns={"u": "id"}),
                      e[["v", "year", "n_patents"]].rename(columns={"v": "id"})])
    first = both.groupby("id")["year"].min()
    mean = (both["year"] * both["n_patents"]).groupby(both["id"]).sum() / both.groupby("id")["n_patents"].sum()
    ids = mp["id"].map(aid)
    assert (mp["score<First year>"].to_numpy() == ids.map(first).to_numpy()).all()
    assert mp["score<Avg. year>"].to_numpy() == pytest.approx(ids.map(mean).to_numpy(), abs=0.006)
    strength = pd.concat([ties[["u", "n_patents"]].rename(columns={"u": "id"}),
                          ties[["v", "n_patents"]].rename(columns={"v": "id"})]).groupby("id")["n_patents"].sum()
    assert (mp["weight<Total link strength>"].to_numpy() == ids.map(strength).to_numpy()).all()
    assert net["s"].sum() == ties["n_patents"].sum()
    # the JSON holds the same items, weights and scores as the map file
    items = {i["id"]: i for i in doc["network"]["items"]}
    for r in mp.to_dict("records"):
        it = items[r["id"]]
        assert it["label"] == labels["label"].iloc[r["id"] - 1]
        assert it["weights"] == {"Links": r["weight<Links>"], "Total link strength": r["weight<Total link strength>"],
                                 "Documents": r["weight<Documents>"]}
        assert it["scores"]["First year"] == r["score<First year>"]
        assert it["scores"]["Avg. year"] == pytest.approx(r["score<Avg. year>"])
        assert it["scores"]["Betweenness"] == pytest.approx(r["score<Betweenness>"], abs=1e-6)
    links = {(x["source_id"], x["target_id"]): x["strength"] for x in doc["network"]["links"]}
    assert links == {(a, b): s for a, b, s in net.itertuples(index=False)}


def check_all(folder: Path, stem: str, e: pd.DataFrame, act: pd.DataFrame) -> None:
    check_gexf_static(folder / f"{stem}.gexf", e, act)
    check_gexf_dynamic(folder / f"{stem}_dynamic.gexf", e, act)
    check_graphml(folder / f"{stem}.graphml", e, act)
    check_pajek(folder / f"{stem}.net", e, act)
    check_vosviewer(folder, stem, e, act)


# ---- the SYNTHETIC awkward names ------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["gexf", "gexf-dynamic", "graphml", "pajek", "vosviewer"])
def test_awkward_names_every_format(awkward, fmt):
    e, act, out = awkward
    stem = "copatent_network"
    {"gexf": lambda: check_gexf_static(out / f"{stem}.gexf", e, act),
     "gexf-dynamic": lambda: check_gexf_dynamic(out / f"{stem}_dynamic.gexf", e, act),
     "graphml": lambda: check_graphml(out / f"{stem}.graphml", e, act),
     "pajek": lambda: check_pajek(out / f"{stem}.net", e, act),
     "vosviewer": lambda: check_vosviewer(out, stem, e, act)}[fmt]()


def test_awkward_names_as_written(awkward):
    """Hand-checked values: keywords quoted, Hangul escaped, long name cut, empty name = id."""
    _, _, out = awkward
    net = (out / "copatent_network.net").read_text(encoding="ascii")
    assert '"FOS"' in net and '"ic"' in net and '"bc"' in net and '"box"' in net
    assert '"&#50500;&#51452;&#45824;&#54617;&#44368; &#49328;&#54617;&#54801;&#47141;&#45800;"' in net  # 아주대학교 산학협력단
    assert '"The &#34;Best&#34; Co"' in net
    assert '"Same Name [TWIN 1]"' in net and '"Same Name [TWIN 2]"' in net
    G = nx.read_gexf(out / "copatent_network.gexf")
    assert G.nodes["NO NAME"]["label"] == "NO NAME"
    assert G.nodes["CONTROL"]["label"] == "A B CD"  # control character and lone surrogate replaced, bidi dropped
    long = G.nodes["LONG NAME"]
    assert len(long["label"]) == MAX_LABEL and long["label"].endswith("…")
    assert long["full_name"] == ("Very long name " * 700).strip()
    assert "full_name" not in G.nodes["FOS"]
    mp = (out / "copatent_network_vosviewer_map.txt").read_text(encoding="utf-8")
    assert "\t\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\t" in mp  # neutralised, then quoted (it holds a comma)
    assert "\t\"Smith, Jones & Co\"\t" in mp


def test_ids_that_collide_once_cleaned_stop_before_anything_is_written(tmp_path):
    e = pd.DataFrame({"u": ["A\x01B", "A\x02B"], "v": ["C", "C"], "year": [2010, 2010], "n_patents": [1, 1],
                      "weight": [1.0, 1.0]})
    act = pd.DataFrame({"applicant_id": ["A\x01B", "A\x02B", "C"], "name": ["x", "y", "z"]})
    with pytest.raises(NetworkInputError, match=r"A\\x01B.*A\\x02B.*'A B'"):
        save_network(e, act, tmp_path / "out", FORMATS)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_id_empty_once_cleaned_is_one_clear_error(tmp_path):
    e = pd.DataFrame({"u": ["\x01"], "v": ["C"], "year": [2010], "n_patents": [1], "weight": [1.0]})
    with pytest.raises(NetworkInputError, match="empty"):
        save_network(e, pd.DataFrame({"applicant_id": ["\x01", "C"]}), tmp_path / "out", ["pajek"])


# ---- the SYNTHETIC sample -------------------------------------------------------------------

@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
@pytest.mark.parametrize("fmt", ["gexf", "gexf-dynamic", "graphml", "pajek", "vosviewer"])
def test_sample_every_format(sample, fmt):
    e, act, out = sample
    stem = "copatent_network"
    {"gexf": lambda: check_gexf_static(out / f"{stem}.gexf", e, act),
     "gexf-dynamic": lambda: check_gexf_dynamic(out / f"{stem}_dynamic.gexf", e, act),
     "graphml": lambda: check_graphml(out / f"{stem}.graphml", e, act),
     "pajek": lambda: check_pajek(out / f"{stem}.net", e, act),
     "vosviewer": lambda: check_vosviewer(out, stem, e, act)}[fmt]()


def test_sample_dynamic_gexf_merges_consecutive_years(sample):
    """The issue counted 16,532 one-year spells for 1,301 actors; runs are far fewer."""
    e, _, out = sample
    text = (out / "copatent_network_dynamic.gexf").read_text(encoding="utf-8")
    spells = len(re.findall(r"<spell ", text))
    want = sum(len(runs(list(ys))) for _, ys in e.groupby(["u", "v"])["year"])
    node_years = pd.concat([e[["u", "year"]].rename(columns={"u": "id"}), e[["v", "year"]].rename(columns={"v": "id"})])
    want += sum(len(runs(list(ys))) for _, ys in node_years.groupby("id")["year"])
    one_year = e.groupby(["u", "v"])["year"].nunique().sum() + node_years.groupby("id")["year"].nunique().sum()
    assert spells == want < one_year


# ---- every real export in ../shared/data (slow) ---------------------------------------------

PV = "patentsview-api"
PATSTAT = ("patent_id=appln_id,year=appln_filing_year,applicants=psn_name,region=NUTS,"
           "country=person_ctry_code,actor_type=psn_sector")
SYNBIO = "patent_id=publication_number,year=application_dates,applicants=patent_assignees_original_no_address"
REAL = {
    "kipris-plus-xml": (lambda d: [d / "kipris-plus-xml"], []),
    "lens-pizza": (lambda d: [d / "lens-exports" / "pizza_lens_1000_raw.csv"], []),
    "lens-drones": (lambda d: [d / "lens-exports" / "drones_tac_1606_families.csv"], []),
    "thomson-synbio": (lambda d: [d / "lens-exports" / "synbio.xlsx"], ["--columns", SYNBIO, "--sep", ";"]),
    "patstat-it": (lambda d: sorted((d / "patstat-it").glob("*.xlsx")), ["--columns", PATSTAT]),
    "patentsview-all-fields": (lambda d: [d / PV / "patent-all-fields.yml"], []),
    "patentsview-and-operator": (lambda d: [d / PV / "and-operator.yml"], ["--fallback-year", "2010"]),
    "patentsview-eq-message": (lambda d: [d / PV / "eq-message.yml"], ["--fallback-year", "2007"]),
    "patentsview-after-paging": (lambda d: [d / PV / "after-paging.yml"], ["--fallback-year", "2000"]),
    "patentsview-dsl-query": (lambda d: [d / PV / "dsl-query.yml"], ["--fallback-year", "2014"]),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(REAL))
def test_real_export_every_format(shared_data, tmp_path, monkeypatch, case):
    from netanalysis.cli import main

    files, flags = REAL[case]
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", *map(str, files(shared_data)), *flags, "--out", "processed"]) == 0
    assert main(["export", "processed", "--out", "export", "--format", *FORMATS]) == 0
    apps = pd.read_parquet(tmp_path / "processed" / "applications.parquet")
    act = pd.read_parquet(tmp_path / "processed" / "actors.parquet")
    e = nw.edges_from_applications(apps)
    assert len(e), f"{case}: no co-applicant tie"
    check_all(tmp_path / "export", "copatent_network", e, act)
