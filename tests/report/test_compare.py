"""Comparing the focus with the other regions: which regions the data hold, where the focus ranks."""

from __future__ import annotations

import pandas as pd

from netanalysis.report.compare import regions_present


def test_regions_present_at_a_level_and_of_a_country():
    act = pd.DataFrame({"region": ["KR-27-Buk-gu", "KR-47", "ITC4C", "", "KR-27"]})
    assert regions_present(act, 1, "KR") == ["KR-27", "KR-47"]
    assert "ITC4" in regions_present(act, 2) and "KR-27-Buk-gu" in regions_present(act, 2)
