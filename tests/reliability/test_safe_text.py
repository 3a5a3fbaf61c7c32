"""Control and bidi characters never reach ids, exports or the terminal (issue 15)."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pandas as pd

from netanalysis import network as nw
from netanalysis._safe_text import clean_text, terminal_text
from netanalysis.export import save_network
from netanalysis.ingest import read_table

COLS = {"patent_id": "patent_id", "year": "year", "applicants": "applicants"}


def table(tmp_path: Path, text: str, name: str = "t.csv", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


HOSTILE_NAMES = ["ACME\x01 CO", "BETA\x0bINC", "GAMMA\x1f", "DELTA\ufffe", "\u202eEVIL\u202c", "ZETA\x85"]


def test_control_and_bidi_characters_never_reach_ids_or_exports(tmp_path):
    cells = [f'"{HOSTILE_NAMES[i]};{HOSTILE_NAMES[i + 1]}"' for i in range(0, 6, 2)]
    p = table(tmp_path, "patent_id,year,applicants\n" + "".join(f"P{i},2004,{c}\n" for i, c in enumerate(cells)))
    res = read_table(p, columns=COLS, sep=";")
    ids = set(res.applications["applicant_id"]) | set(res.actors["name"].astype(str))
    assert ids and all(clean_text(x) == x for x in ids)
    written = save_network(nw.edges_from_applications(res.applications), res.actors, tmp_path / "out")
    for f in written:
        if f.suffix in (".gexf", ".graphml"):
            ET.parse(f)  # well-formed XML: Gephi can open it
            g = nx.read_gexf(f) if f.suffix == ".gexf" else nx.read_graphml(f)
            assert g.number_of_nodes() == 6
        else:
            with open(f, encoding="utf-8-sig", newline="") as fh:
                assert all(clean_text(c) == c for row in csv.reader(fh) for c in row)


def test_export_cleans_a_hand_built_table_too(tmp_path):
    e = pd.DataFrame({"u": ["a\x01"], "v": ["b\u202e"], "year": [2010], "n_patents": [1], "weight": [1.0]})
    act = pd.DataFrame({"applicant_id": ["a\x01", "b\u202e"], "name": ["A\x0b", "B\x1f"], "actor_type": ["sme"] * 2})
    for f in save_network(e, act, tmp_path, ["gexf", "graphml"]):
        ET.parse(f)


def test_terminal_text_escapes_what_a_terminal_would_obey():
    assert terminal_text("x\x1b[2Jy\u202e") == "x\\x1b[2Jy\\u202e"
    assert terminal_text("경북 OK") == "경북 OK"  # letters of any script pass
