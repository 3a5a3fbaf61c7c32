"""Acceptance: every real export in ../shared/data runs through the command line end to end.

For each file: ``netanalysis ingest`` (auto-detected, or with the mapping stated here),
then ``figures`` and ``export`` on the folder ingest wrote.  The counts are computed in this
test straight from the raw file, independently of the package: distinct patents, patents
with two or more applicants, and the distinct co-applicant dyads (``itertools.combinations``
over the raw names of each patent).  The only differences allowed are the ones the package
lists: rejected rows (``rejects.csv``, with their reasons) and name merges (several raw
names with one ``applicant_id`` in ``applications``).
"""

from __future__ import annotations

import io
import itertools
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from netanalysis.cli import main

PATSTAT_MAPPING = ("patent_id=appln_id,year=appln_filing_year,applicants=psn_name,region=NUTS,"
                   "country=person_ctry_code,actor_type=psn_sector")
SYNBIO_MAPPING = "patent_id=publication_number,year=application_dates,applicants=patent_assignees_original_no_address"


def _kipris_xml(folder: Path) -> list[tuple[str, int, str, list[str]]]:
    records = []
    for f in sorted(folder.rglob("*.xml")):
        for pos, item in enumerate(ET.parse(f).getroot().iter("PatentUtilityInfo"), start=1):
            names = [n.strip() for n in (item.findtext("Applicant") or "").split("|") if n.strip()]
            records.append((str(f), pos, (item.findtext("ApplicationNumber") or "").strip(), names))
    return records


def _decode_lines(raw: bytes) -> str:
    """These Lens files are Mac Roman, with some UTF-8 lines (CR line ends): decode line by line."""
    out = []
    for line in raw.split(b"\r"):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode("mac_roman"))
    return "\r".join(out)


def _lens(f: Path) -> list[tuple[str, int, str, list[str]]]:
    raw = pd.read_csv(io.StringIO(_decode_lines(f.read_bytes()), newline=""), dtype=str, keep_default_na=False)
    ids = raw["Application Number"].where(raw["Application Number"] != "", raw.get("Publication Number", ""))
    return [(str(f), i + 2, pid.strip(), [n.strip() for n in names.split(";;") if n.strip()])
            for i, (pid, names) in enumerate(zip(ids, raw["Applicants"], strict=True))]


def _table(f: Path, pid: str, names: str, sep: str | None) -> list[tuple[str, int, str, list[str]]]:
    raw = pd.read_excel(f, dtype=str).fillna("")
    out = []
    for i, (p, cell) in enumerate(zip(raw[pid], raw[names], strict=True)):
        parts = [n.strip() for n in (cell.split(sep) if sep else [cell]) if n.strip()]
        out.append((str(f), i + 2, p.strip(), parts))
    return out


def _cassette(f: Path) -> list[tuple[str, int, str, list[str]]]:
    import yaml

    doc = yaml.safe_load(f.read_text(encoding="utf-8"))
    patents = [p for it in doc["http_interactions"] for p in json.loads(it["response"]["body"]["string"])["patents"]]
    out = []
    for i, p in enumerate(patents, start=1):
        names = []
        for a in p.get("assignees") or []:
            org = (a.get("assignee_organization") or "").strip()
            person = " ".join(x.strip() for x in (a.get("assignee_individual_name_first") or "",
                                                   a.get("assignee_individual_name_last") or "") if x.strip())
            if org or person:
                names.append(org or person)
        out.append((str(f), i, str(p.get("patent_id", "")).strip(), names))
    return out


PV = "patentsview-api"
CASES = {
    "patentsview-eq-message": (lambda d: [d / PV / "eq-message.yml"], ["--fallback-year", "2007"],
                               lambda d: _cassette(d / PV / "eq-message.yml")),
    "patentsview-after-paging": (lambda d: [d / PV / "after-paging.yml"], ["--fallback-year", "2000"],
                                 lambda d: _cassette(d / PV / "after-paging.yml")),
    # a query by grant date returns no dates: the year is the one the query selects (stated here)
    "patentsview-dsl-query": (lambda d: [d / PV / "dsl-query.yml"], ["--fallback-year", "2014"],
                              lambda d: _cassette(d / PV / "dsl-query.yml")),
    "patentsview-and-operator": (lambda d: [d / PV / "and-operator.yml"], ["--fallback-year", "2010"],
                                 lambda d: _cassette(d / PV / "and-operator.yml")),
    "patentsview-all-fields": (lambda d: [d / PV / "patent-all-fields.yml"], [],
                               lambda d: _cassette(d / PV / "patent-all-fields.yml")),
    "kipris-plus-xml": (lambda d: [d / "kipris-plus-xml"], [], lambda d: _kipris_xml(d / "kipris-plus-xml")),
    "lens-pizza": (lambda d: [d / "lens-exports" / "pizza_lens_1000_raw.csv"], [],
                   lambda d: _lens(d / "lens-exports" / "pizza_lens_1000_raw.csv")),
    "lens-drones": (lambda d: [d / "lens-exports" / "drones_tac_1606_families.csv"], [],
                    lambda d: _lens(d / "lens-exports" / "drones_tac_1606_families.csv")),
    "thomson-synbio": (lambda d: [d / "lens-exports" / "synbio.xlsx"], ["--columns", SYNBIO_MAPPING, "--sep", ";"],
                       lambda d: _table(d / "lens-exports" / "synbio.xlsx", "publication_number",
                                        "patent_assignees_original_no_address", ";")),
    "patstat-it": (lambda d: sorted((d / "patstat-it").glob("*.xlsx")), ["--columns", PATSTAT_MAPPING],
                   lambda d: [r for f in sorted((d / "patstat-it").glob("*.xlsx"))
                              for r in _table(f, "appln_id", "psn_name", None)]),
}


def _expected(records, rejects: pd.DataFrame, apps: pd.DataFrame):
    """Patents, multi-applicant patents and dyads from the raw records, minus the listed rejects and merges."""
    rejected = set(zip(rejects["source_file"].map(lambda p: Path(p).resolve()), rejects["source_row"].astype(int),
                       strict=True))
    kept = [(pid, names) for f, row, pid, names in records if (Path(f).resolve(), row) not in rejected]
    to_id = dict(zip(apps["applicant_raw"], apps["applicant_id"], strict=True))  # the merges, as listed
    names_of: dict[str, set[str]] = {}
    raw_names: dict[str, set[str]] = {}
    for pid, names in kept:  # a long table gives a patent's names over several rows
        names_of.setdefault(pid, set()).update(to_id[n] for n in names if n in to_id)
        raw_names.setdefault(pid, set()).update(names)
    dyads = {pair for ids in names_of.values() for pair in itertools.combinations(sorted(ids), 2)}
    multi = sum(1 for ids in names_of.values() if len(ids) >= 2)
    raw_multi = sum(1 for names in raw_names.values() if len(names) >= 2)
    return names_of, multi, dyads, raw_multi


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_real_export_through_the_command_line(shared_data, tmp_path, monkeypatch, capsys, case):
    inputs, flags, raw_records = CASES[case]
    monkeypatch.chdir(tmp_path)
    files = [str(p) for p in inputs(shared_data)]
    assert main(["ingest", *files, *flags, "--out", "processed"]) == 0
    printed = capsys.readouterr().out
    assert "read as" in printed and "rows read" in printed
    processed = tmp_path / "processed"
    report = json.loads((processed / "ingest_report.json").read_text(encoding="utf-8"))
    apps = pd.read_parquet(processed / "applications.parquet")
    rejects = pd.read_csv(processed / "rejects.csv", dtype=str, keep_default_na=False)
    records = raw_records(shared_data)

    assert report["rows_read"] == len(records) == report["rows_kept"] + report["rows_rejected"]
    assert len(rejects) == report["rows_rejected"]
    assert set(rejects["reason"].str.split(":").str[0]) <= {"duplicate", "duplicate with conflict", "year", "applicant",
                                                          "patent_id"}
    names_of, multi, dyads, raw_multi = _expected(records, rejects, apps)
    assert report["patents"] == len(names_of) == apps["patent_id"].nunique()
    # a multi-applicant patent stays one unless its names were merged (listed in applications)
    assert multi <= raw_multi
    got_multi = int(apps.groupby("patent_id")["applicant_id"].nunique().ge(2).sum())
    assert got_multi == multi

    assert main(["export", "processed", "--out", "export", "--format", "csv"]) == 0
    edges = pd.read_csv(tmp_path / "export" / "copatent_network_edges.csv", dtype=str, keep_default_na=False)
    assert set(zip(edges["source"], edges["target"], strict=True)) == dyads

    # the null model at 100 rewirings: this test checks the data path, not the null model
    assert main(["figures", "processed", "--out", "figs", "--quiet", "--null-model-runs", "100",
                 "--bootstrap", "10"]) == 0
    manifest = json.loads((tmp_path / "figs" / "manifest.json").read_text(encoding="utf-8"))
    pngs = [o["file"] for o in manifest["outputs"] if o.get("file", "").endswith(".png")]
    assert "01_network.png" in pngs and all((tmp_path / "figs" / p).stat().st_size > 10_000 for p in pngs)
    assert manifest["parameters"]["region"] is None  # --data without --region: the whole network
    assert set(manifest["versions"]) == {"netanalysis", "igraph", "networkx", "pandas", "matplotlib"}
