"""The words the report puts beside its null models."""

from __future__ import annotations

import pandas as pd

from netanalysis.report.uncertainty import null_draws_text


def test_null_draws_text_states_the_draws_and_the_smallest_p():
    assert null_draws_text(None, 999) == "mixing: 999 draws, smallest p 0.0010"
    null = pd.DataFrame({"x": [1]})
    null.attrs["null_model"] = {"n": 120, "max_draws": 1000, "sequential_h": 10}
    text = null_draws_text(null, 1000)
    assert text.startswith("betweenness: 120 draws run of at most 1,000") and "10th draw" in text
