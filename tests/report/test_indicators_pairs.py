"""Which typed dyads the SME findings compare."""

from __future__ import annotations

import pandas as pd

from netanalysis.report.indicators import sme_comparable


def test_sme_comparable_drops_untyped_ends_and_firms_of_unknown_size():
    d = pd.DataFrame({"type_u": ["university", "university", "sme", "large_firm"],
                      "type_v": ["sme", "firm", "", "university"],
                      "type_pair": ["university–sme", "university–firm", "", "large_firm–university"]})
    assert sme_comparable(d)["type_pair"].tolist() == ["university–sme", "large_firm–university"]
