"""Top actors and group summaries of a metric, hand-worked."""

from __future__ import annotations

import pandas as pd
import pytest

from netanalysis.metrics.summaries import summarise_by, top_actors


def test_top_actors_overall_and_per_group():
    t = pd.DataFrame({"applicant_id": list("abcd"), "actor_type": ["u", "u", "s", "s"],
                      "betweenness": [0.1, 0.5, 0.3, 0.2]})
    assert top_actors(t, k=2)["applicant_id"].tolist() == ["b", "c"]
    per = top_actors(t, k=1, by="actor_type")
    assert sorted(per["applicant_id"]) == ["b", "c"]


def test_summarise_by_means_and_shares_by_hand():
    t = pd.DataFrame({"applicant_id": list("abcd"), "actor_type": ["u", "u", "s", "s"],
                      "betweenness": [0.6, 0.2, 0.2, 0.0]})
    s = summarise_by(t, top_k=1).set_index("actor_type")
    assert s.loc["u", "mean"] == pytest.approx(0.4) and s.loc["s", "mean"] == pytest.approx(0.1)
    assert s.loc["u", "share_of_total"] == pytest.approx(0.8) and s.loc["u", "n"] == 2
