"""The bad-input corpus (tests/bad_inputs/): every hostile file gets exactly its expected outcome.

``expected.csv`` lists, per file, either the ``IngestError`` it must raise (a pattern the
message must match, which always names the file) or the exact row accounting and reject
reasons, plus a semantic check where one matters (no self-pairs, 200-applicant teams,
countries abroad, formulas neutralised in CSV output …).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from _hyp import TESTS

from netanalysis import network as nw
from netanalysis.export import save_network
from netanalysis.ingest import IngestError, read_patents, read_table, save_processed
from netanalysis.ingest import read_patents as ingest

HERE = TESTS / "bad_inputs"
EXPECTED = pd.read_csv(HERE / "expected.csv", dtype=str, keep_default_na=False)
GENERIC_COLUMNS = {"patent_id": "app_no", "year": "filed", "applicants": "owners"}


def read(row) -> object:
    path = HERE / row["file"]
    if row["reader"] == "read_table":
        return read_table(path, columns=GENERIC_COLUMNS)
    return read_patents(path)


def test_corpus_is_complete():
    files = {p.name for p in HERE.iterdir() if p.name not in ("expected.csv", "make_corpus.py", "__pycache__")}
    assert files == set(EXPECTED["file"])
    assert len(files) >= 120


@pytest.mark.parametrize("row", EXPECTED.to_dict("records"), ids=list(EXPECTED["file"]))
def test_bad_input_outcome(row):
    if row["outcome"] == "error":
        with pytest.raises(IngestError) as info:
            read(row)
        msg = str(info.value)
        assert row["file"] in msg, "the message must name the file"
        assert re.search(row["match"], msg), msg
        return
    res = read(row)
    rep = res.report
    assert (rep.rows_read, rep.rows_kept, rep.rows_rejected) == (
        int(row["rows_read"]), int(row["rows_kept"]), int(row["rows_rejected"]))
    assert rep.rows_read == rep.rows_kept + rep.rows_rejected
    assert len(res.applications) == int(row["applications"])
    want = [r for r in row["reject_reasons"].split("|") if r]
    got = res.rejects.sort_values("source_row")["reason"].tolist()
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g.startswith(w), (g, w)
    # every kept row and every reject is traceable to a raw row
    kept = set(res.applications["source_row"])
    assert not kept & set(res.rejects["source_row"])
    assert len(kept) == rep.rows_kept
    check(row["check"], res)


def check(spec: str, res) -> None:
    apps = res.applications
    if not spec:
        return
    key, _, val = spec.partition("=")
    if key == "years":
        assert sorted(apps.drop_duplicates("patent_id")["year"].astype(int)) == [int(x) for x in val.split("|")]
    elif key == "no_self_pairs":
        assert not apps.duplicated(["patent_id", "applicant_id"]).any()
        e = nw.edges_from_applications(apps)
        assert len(e) == 1 and (e["u"] != e["v"]).all()
    elif key == "pairs":
        assert len(nw.edges_from_applications(apps)) == int(val)
    elif key == "countries":
        assert sorted(apps["country"].unique()) == val.split("|")
        assert apps.loc[apps["country"] != "KR", "region"].eq("").all()
    elif key == "unknown_region":
        assert int(apps["region"].eq("").sum()) == int(val)
    elif key == "applicants":
        assert apps.loc[apps["patent_id"] == apps["patent_id"].iloc[0], "applicant_id"].nunique() == 1
        assert apps["applicant_id"].nunique() == int(val)
    elif key == "regions":
        assert sorted(apps["region"]) == val.split("|")
    elif key == "clean_ids":  # no control or bidi character reaches an id or a display name
        from netanalysis._safe_text import clean_text

        shown = [*apps["applicant_id"], *res.actors["name"].astype(str)]
        assert shown and all(clean_text(x) == x for x in shown)
    elif key == "names":
        assert sorted(apps["applicant_id"].unique()) == sorted(val.split("|"))
    elif key == "csv_neutralised":
        pass  # see test_csv_outputs_neutralise_formulas
    else:
        raise AssertionError(f"unknown check {spec!r}")


def _cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [c for r in csv.reader(f) for c in r]


def test_csv_outputs_neutralise_formulas(tmp_path):
    """Names like ``=HYPERLINK(…)`` survive as data but can never run as formulas in Excel."""
    out = ingest(HERE / "csv_injection_cells.csv")
    assert out.applications["applicant_raw"].str.startswith(("=", "+", "-", "@")).sum() >= 3
    files = save_processed(out, tmp_path / "processed")
    written = save_network(nw.edges_from_applications(out.applications), out.actors, tmp_path / "export", formats=("csv",))
    cells = _cells(files["rejects"])
    for f in written:
        cells += _cells(f)
    assert any("HYPERLINK" in c for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
