"""Where the package's own data files are (read with importlib.resources).

Outputs never go here: every default output path is relative to the folder the user runs
the command from (``./figures``, ``./data/processed``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE_DATA = Path(str(resources.files("netanalysis") / "_data"))
SAMPLE_DIR = PACKAGE_DATA / "sample"
