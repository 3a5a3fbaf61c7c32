"""Pajek labels are unique when display names are shared."""

from __future__ import annotations

import pandas as pd

from netanalysis.export import export_labels
from netanalysis.export.pajek import pajek_labels


def test_pajek_labels_are_unique_when_names_are_shared():
    labels = pajek_labels(export_labels(pd.Series(["b", "c"]), pd.Series(["Beta", "Beta"])))
    assert labels.tolist() == ["Beta [b]", "Beta [c]"]
