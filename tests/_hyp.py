"""Example budgets for the property tests, and the test tree's fixed paths.

The suite runs each property test with its own small budget and derandomised (see
``conftest.py``), so a run is reproducible.  To hunt for new failures, draw fresh random
examples and many more of them::

    HYPOTHESIS_PROFILE=explore NETANALYSIS_FUZZ_SCALE=25 python -m pytest tests/reliability/test_fuzz.py

``TESTS`` is the ``tests/`` folder (its data: ``bad_inputs/``, ``labels/``, ``schemas/``,
``baseline/``, ``node/``) and ``ROOT`` the repository, whatever folder a test file sits in.
"""

from __future__ import annotations

import os
from pathlib import Path

SCALE = max(1, int(os.environ.get("NETANALYSIS_FUZZ_SCALE", "1")))
TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def examples(n: int) -> int:
    """``n`` times ``NETANALYSIS_FUZZ_SCALE`` (default 1)."""
    return n * SCALE
