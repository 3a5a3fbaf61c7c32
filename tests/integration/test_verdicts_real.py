"""Verdicts on real exports agree with the numbers printed beside them (slow: whole reports).

Small bootstrap and null-model runs keep these cheap; the checks read the printed sentence,
not the verdict's own evidence, so a verdict that contradicts its sentence fails.
"""

from __future__ import annotations

import re

import pytest

from netanalysis.run import ReadOptions
from netanalysis.run.report import build_report

pytestmark = pytest.mark.slow

AGAINST = ("cannot tell from none", "less than their numbers", "about as often as chance", "not more than",
           "less often than the")
DEGENERATE = re.compile(r"CI (0–100%|100–100%|0–0%|0 to 0 points)")


def _consistent(rep) -> None:
    for f in rep.findings:
        assert not DEGENERATE.search(f.sentence), f.sentence
        if f.holds is True:
            assert not any(a in f.sentence for a in AGAINST), f.sentence
        if f.holds is None and f.numbers:
            assert f.reason or "cannot be answered" in f.sentence or "not measured" in f.sentence
        # no p-value without the null mean it is computed against
        if re.search(r"\bp [=≤]", f.sentence):
            assert "mean" in f.sentence or "against" in f.sentence, f.sentence


def test_seoul_without_addresses_is_said_first_and_never_held(shared_data):
    # KIPRIS Plus XML has no address: only institutions in the built-in table get a region,
    # so the Seoul focus holds 17 table-placed actors and 72% of the network has no region.
    rep = build_report(data=[shared_data / "kipris-plus-xml" / "res"], region="Seoul", years=None, n_boot=10,
                       null_model_runs=20)
    assert rep.warnings and "institution table" in rep.warnings[0] and "no known region" in rep.warnings[0]
    assert all(f.holds is None for f in rep.findings)
    _consistent(rep)
    md = rep.to_markdown()
    assert md.index("Read first") < md.index("## The four questions")
    html = rep.to_html()
    assert html.index("Read first") < html.index("The four questions") and "Why not held:" in html


def test_patstat_lombardy_verdicts_follow_their_sentences(shared_data):
    files = sorted((shared_data / "patstat-it").glob("ItUniv1.xlsx"))
    cols = {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name", "region": "NUTS",
            "country": "person_ctry_code", "actor_type": "psn_sector"}
    rep = build_report(data=files, region="ITC4", years=None, n_boot=10, null_model_runs=20,
                       read=ReadOptions(columns=cols))
    assert not rep.warnings  # NUTS codes from the source: the focus is located
    _consistent(rep)
    # figure 13 needs a boundary file outside Korea: skipped, and then not cited
    for f in rep.findings:
        assert not set(f.evidence) & set(rep.skipped)
