"""Regions of any scheme: Korea's sido and si/gun/gu, ISO 3166, NUTS, US states, your own.

One region table (:func:`region_table`) drives everything: parsing addresses and codes,
the focus of an analysis (``region=`` / ``--region``), openness and the maps.  Codes nest
through their parent (``KR-47-Gumi-si`` → ``KR-47`` → ``KR``; ``DE212`` → ``DE21`` →
``DE2`` → ``DE``), so a region of any level can be asked about data recorded at any finer
level.

Examples
--------
>>> import pandas as pd
>>> from netanalysis import regions
>>> regions.parse_region_codes("Gyeongbuk")
['KR-47']
>>> regions.within(pd.Series(["KR-47-Gumi-si", "KR-27-Buk-gu"]), ["KR-47"]).tolist()
[True, False]
"""

from __future__ import annotations

import pandas as pd

from .._deprecation import renamed_attributes
from ._address import GUNWI_MOVE_YEAR, region_from_address
from ._codes import (
    at_level,
    core_regions,
    country_of,
    is_capital_area,
    level_of,
    lineage,
    macro_region,
    parse_region_codes,
    region_names,
    regions_from_hints,
    within,
)
from ._table import add_region_table, clear_region_tables, region_table, sido_frame

#: Korea's core region (the capital area): Seoul, Incheon, Gyeonggi.
CAPITAL_AREA: frozenset[str] = frozenset({"KR-11", "KR-28", "KR-41"})


def sido_table() -> pd.DataFrame:
    """Return the shipped table of the 17 Korean sido (a fresh copy on every call).

    Returns
    -------
    pandas.DataFrame
        One row per ISO 3166-2:KR code with ``name_en``, ``name_ko``, ``capital_area``,
        ``macro_region``, ``lat``, ``lon`` and ``aliases`` (a list of spellings).
        Changing it does not change later lookups.

    Examples
    --------
    >>> t = sido_table()
    >>> len(t), t.loc[t.code == "KR-27", "name_ko"].item()
    (17, '대구')
    """
    t = sido_frame().copy(deep=True)
    for col in ("aliases", "admin_codes"):  # lists inside cells are objects: copy them too
        t[col] = t[col].map(list)
    return t


__getattr__ = renamed_attributes(
    __name__, {"normalise_region_code": ("netanalysis.regions.parse_region_codes", parse_region_codes)}
)

__all__ = [
    "CAPITAL_AREA",
    "GUNWI_MOVE_YEAR",
    "add_region_table",
    "at_level",
    "clear_region_tables",
    "core_regions",
    "country_of",
    "is_capital_area",
    "level_of",
    "lineage",
    "macro_region",
    "parse_region_codes",
    "region_from_address",
    "region_names",
    "region_table",
    "regions_from_hints",
    "sido_table",
    "within",
]
