"""The report job: answers and sections, self-contained HTML, Markdown with its figures, suffixes, real data."""

from __future__ import annotations

import re

import pytest

import netanalysis as na
from netanalysis.report.indicators import headline_indicators
from netanalysis.run import ReadOptions, RunSettings, build_context
from netanalysis.run.report import build_report, report_from_context


@pytest.fixture(scope="module")
def sample_ctx():
    return build_context(RunSettings(null_model_runs=30))


@pytest.fixture(scope="module")
def sample_report(sample_ctx):
    return report_from_context(sample_ctx, n_boot=20, seed=1, n_jobs=1)


def test_report_answers_and_sections(sample_report):
    rep = sample_report
    assert [f.key for f in rep.findings] == ["hubs_bridges", "one_time", "outside", "univ_univ"]
    assert rep.synthetic and any("SYNTHETIC" in c for c in rep.caveats)
    assert rep.comparison is not None and rep.comparison["focal"].sum() == 1
    assert len(rep.comparison) == 16  # Daegu–Gyeongbuk and the other 15 sido
    assert {"01_network", "02_centrality_ranking", "14_region_comparison"} <= set(rep.figures)
    assert rep.inputs and all(re.fullmatch(r"[0-9a-f]{64}", h) for _, h in rep.inputs)


def test_report_html_is_self_contained(sample_report, tmp_path):
    (path,) = sample_report.save(tmp_path / "r.html")
    text = path.read_text(encoding="utf-8")
    assert "<script" not in text and "<link" not in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert text.count('src="data:image/png;base64,') == len(sample_report.figures)
    for f in sample_report.findings:
        assert f.sentence.replace("'", "&#x27;") in text


def test_report_markdown_links_its_figures(sample_report, tmp_path):
    files = sample_report.save(tmp_path / "r.md")
    md = files[0].read_text(encoding="utf-8")
    for link in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md):
        assert (tmp_path / link).is_file()
    assert "## Reproducibility" in md and sample_report.findings[0].sentence in md


def test_report_rejects_other_suffixes(sample_report, tmp_path):
    with pytest.raises(na.NetanalysisError, match=r"\.html or \.md"):
        sample_report.save(tmp_path / "r.pdf")


@pytest.mark.slow  # the whole report of a real export
def test_build_report_on_real_patstat_data(shared_data, tmp_path):
    files = sorted((shared_data / "patstat-it").glob("It*1.xlsx"))
    cols = {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name", "region": "NUTS",
            "country": "person_ctry_code", "actor_type": "psn_sector"}
    rep = build_report(data=files, region="ITC4", years=None, n_boot=10, null_model_runs=50,
                       read=ReadOptions(columns=cols),
                       out=tmp_path / "it.html")
    data = na.read_patents(files, columns=cols)
    e = na.edges_from_applications(data.applications, region="ITC4")
    ind = headline_indicators(e, data.actors, ["ITC4"], end_year=int(data.applications["year"].max()))
    for f in rep.findings:
        for k, v in f.numbers.items():
            if k in ind.index and isinstance(ind[k], float):
                assert v == pytest.approx(ind[k], nan_ok=True), k
    assert (tmp_path / "it.html").is_file()
    # Italy has no built-in core region: the outside sentence names none
    assert "core region" not in rep.findings[2].sentence
