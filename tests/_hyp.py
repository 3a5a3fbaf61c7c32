"""Example budgets for the property tests.

The suite runs each property test with its own small budget and derandomised (see
``conftest.py``), so a run is reproducible.  To hunt for new failures, draw fresh random
examples and many more of them::

    HYPOTHESIS_PROFILE=explore NETANALYSIS_FUZZ_SCALE=25 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os

SCALE = max(1, int(os.environ.get("NETANALYSIS_FUZZ_SCALE", "1")))


def examples(n: int) -> int:
    """``n`` times ``NETANALYSIS_FUZZ_SCALE`` (default 1)."""
    return n * SCALE
