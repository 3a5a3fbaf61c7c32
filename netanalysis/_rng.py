"""Seeding igraph's random number generator for a block of code, then restoring it."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator

import igraph as ig


@contextlib.contextmanager
def igraph_seed(seed: int | None) -> Iterator[None]:
    """Run the block with igraph drawing from ``random.Random(seed)``; restore afterwards.

    igraph's layouts and rewiring use its global generator (by default Python's
    ``random`` module), so results repeat only when it is seeded.
    """
    previous = ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(previous if previous is not None else random)
