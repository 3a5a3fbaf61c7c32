"""Inventors placed by region, for the readers whose source gives inventor addresses or countries.

PATSTAT and REGPAT carry region codes of their own (``patstat.py``, ``regpat.py``).  The
PatentsView API (``inventor_city``, ``inventor_state``, ``inventor_country``) and Lens API JSON
(``residence``, ``extracted_address``) give an address or a state and a country: their inventors
are placed here by the same rules as applicants (``_pipeline.locate_mentions``): the address
parsed by :func:`netanalysis.regions.region_from_address` (a Korean region where one is named),
a country given by the source winning over the address's, and a state or region the source gives
filling an unknown region through :func:`netanalysis.regions.regions_from_hints`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..regions import country_of, region_from_address, regions_from_hints
from ._ids import normalise_patent_ids
from .patstat import INVENTOR_COLUMNS

#: What a reader hands :func:`inventors_table`: one row per inventor of a record.
RAW_COLUMNS = ("source_file", "source_row", "patent_id", "person_id", "inventor_name", "inventor_seq", "address",
               "country", "region_hint")


def inventors_table(raw: pd.DataFrame, source: str) -> pd.DataFrame:
    """The inventors table (:data:`~netanalysis.ingest.patstat.INVENTOR_COLUMNS`) of a reader's
    inventor rows, each placed by the region rules applicants follow.

    Parameters
    ----------
    raw : pandas.DataFrame
        :data:`RAW_COLUMNS` (``None`` where the source has no value).
    source : str
        The reader's name (patent ids are normalised by its rule, as the applications' are).

    Returns
    -------
    pandas.DataFrame
        One row per inventor: ``person_id`` the source's id where it is a number (PATSTAT's
        ``person_id`` is numeric and the tables of several sources are joined; a text id such
        as PatentsView's ``inventor_id`` is left empty), ``region`` the canonical code (``""``
        unknown), ``region_share`` 1 where the region is known (NaN otherwise),
        ``inventor_share`` 1 / the record's inventors, ``region_source`` ``address`` (parsed
        from the address), ``source`` (the source's state or region) or ``""``.

    Examples
    --------
    >>> raw = pd.DataFrame([["f", 1, "7", "x1", "Ann Lee", 1, "Boston, MA", "US", "MA"],
    ...                     ["f", 1, "7", "x2", "Kim Min", 2, "Daegu", "KR", None]], columns=RAW_COLUMNS)
    >>> inventors_table(raw, "patentsview_api")[["region", "region_source", "inventor_share"]].values.tolist()
    [['US-MA', 'source', 0.5], ['KR-27', 'address', 0.5]]
    """
    if raw.empty:
        return pd.DataFrame(columns=list(INVENTOR_COLUMNS))
    r = raw.reset_index(drop=True)
    address = r["address"].astype("string").str.strip()
    address = address.mask(address == "")
    loc = region_from_address(address)
    given = r["country"].astype("string").str.strip().str.upper().fillna("")
    country = loc["country"].astype(str).where(given == "", given)
    region = loc["region"].astype(str).where((country == "KR") | (country == ""), "")
    how = pd.Series(np.where(region != "", "address", ""), index=r.index, dtype=object)
    hint = r["region_hint"].astype("string").str.strip().fillna("")
    if (hint != "").any():
        hinted = regions_from_hints(hint, country).astype(str)
        how = how.where((region != "") | (hinted == ""), "source")
        region = region.where(region != "", hinted)
    country = country.mask((region != "") & (country == ""), country_of(region.astype(str)))
    patent = normalise_patent_ids(r["patent_id"].astype("string"), source)
    record = r["source_file"].astype(str) + "\x00" + r["source_row"].astype(str)
    n_inv = record.groupby(record).transform("size")
    return pd.DataFrame({
        "patent_id": patent.astype(object).to_numpy(),
        "person_id": pd.to_numeric(r["person_id"], errors="coerce").astype("Int64").to_numpy(),
        "inventor_name": r["inventor_name"].astype("string").to_numpy(dtype=object),
        "inventor_seq": r["inventor_seq"].astype("int64").to_numpy(),
        "country": country.astype(str).to_numpy(),
        "region": region.astype(str).to_numpy(),
        "region_code_raw": hint.astype(str).to_numpy(),
        "region_share": np.where(region != "", 1.0, np.nan),
        "inventor_share": (1.0 / n_inv.astype(float)).to_numpy(),
        "address": address.astype(object).to_numpy(),
        "region_source": how.to_numpy(),
        "source_file": r["source_file"].astype(str).to_numpy(),
        "source_row": r["source_row"].astype("int64").to_numpy(),
    }, columns=list(INVENTOR_COLUMNS))


def kept_inventors(inventors: pd.DataFrame, applications: pd.DataFrame) -> pd.DataFrame:
    """The inventors of the records that became applications (a repeated record of a patent,
    rejected as a duplicate, leaves no second set of inventors).

    Examples
    --------
    >>> inv = pd.DataFrame({"patent_id": ["1", "1"], "source_file": "f", "source_row": [1, 2]})
    >>> apps = pd.DataFrame({"patent_id": ["1"], "source_file": ["f"], "source_row": [1]})
    >>> kept_inventors(inv, apps)["source_row"].tolist()
    [1]
    """
    key = ["patent_id", "source_file", "source_row"]
    if inventors.empty:
        return inventors.reset_index(drop=True)
    records = applications[key].drop_duplicates().astype({"patent_id": str, "source_file": str,
                                                          "source_row": "int64"})
    keys = pd.MultiIndex.from_frame(records)
    mine = pd.MultiIndex.from_frame(inventors[key].astype({"patent_id": str, "source_file": str,
                                                           "source_row": "int64"}))
    return inventors[mine.isin(keys)].reset_index(drop=True)


__all__ = ["RAW_COLUMNS", "inventors_table", "kept_inventors"]
