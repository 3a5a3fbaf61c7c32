"""Vectorised year parsing for the date formats patent offices and spreadsheets use."""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from .._safe_text import ascii_digits

MIN_YEAR = 1900
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _max_year() -> int:
    return _dt.date.today().year + 1


def parse_year(raw: pd.Series) -> pd.DataFrame:
    """Parse dates or years into ``year`` and ``month`` (nullable Int64) plus a reason.

    Accepted: ``2022.03.25``, ``2022-03-25``, ``2022/03/25`` (also with a time),
    ``20221223``, ``2022``, ``25/04/13`` and ``25/04/2013`` (day first, as Lens.org
    writes them; two-digit years pivot on the current year), datetimes, and Excel serial
    day numbers, with or without a time fraction (``38353`` and ``38353.5`` = 2005-01-01).

    Returns
    -------
    pandas.DataFrame
        ``year``, ``month`` (``<NA>`` when not parsed) and ``reason`` (``""`` when
        parsed, else what was expected and what was found).

    Examples
    --------
    >>> out = parse_year(pd.Series(["2022.03.25", "20O4", "25/04/13", 38353]))
    >>> out["year"].tolist()
    [2022, <NA>, 2013, 2005]
    >>> out["reason"].iloc[1]
    "year: expected a date such as 2004.03.25, 20040325, 2004-03-25 or a year 2004, got '20O4'"
    """
    if isinstance(raw.dtype, pd.StringDtype):  # text: each distinct date parsed once (a date repeats on many rows)
        codes, distinct = pd.factorize(raw, use_na_sentinel=False)
        if len(distinct) < len(raw):
            return _parse_year(pd.Series(distinct, dtype=raw.dtype)).iloc[codes].set_axis(raw.index)
    return _parse_year(raw)


def _parse_year(raw: pd.Series) -> pd.DataFrame:
    idx = raw.index
    year = pd.Series(pd.NA, index=idx, dtype="Int64")
    month = pd.Series(pd.NA, index=idx, dtype="Int64")
    if pd.api.types.is_datetime64_any_dtype(raw):
        dt = pd.to_datetime(raw, errors="coerce")
        year = dt.dt.year.astype("Int64")
        month = dt.dt.month.astype("Int64")
    else:
        is_ts = raw.map(lambda v: isinstance(v, (_dt.date, pd.Timestamp)), na_action="ignore")
        is_ts = is_ts.fillna(False).astype(bool)
        if is_ts.any():
            dt = pd.to_datetime(raw[is_ts], errors="coerce")
            year[is_ts] = dt.dt.year.astype("Int64")
            month[is_ts] = dt.dt.month.astype("Int64")
        s = raw.where(~is_ts).astype("string").str.strip()
        s = s.str.replace(r"\.0$", "", regex=True)  # 2004.0 from a float column
        wide = s.str.contains(r"[^\x00-\x7f]", regex=True).fillna(False).astype(bool)
        if wide.any():  # full-width (２００４) or Arabic-Indic (٢٠٠٤) digits and punctuation
            s[wide] = s[wide].map(ascii_digits)
            # 2010년 3월 2일, 2010年3月2日 -> 2010.3.2
            s[wide] = (s[wide].str.replace(r"\s*[년年]\s*", ".", regex=True)
                       .str.replace(r"\s*[월月]\s*", ".", regex=True)
                       .str.replace(r"\s*[일日]\s*$", "", regex=True))
        # 2011. 4. 5. (a Korean way of writing dates): no spaces, no final dot
        spaced = s.str.fullmatch(r"\d{4}\.\s*\d{1,2}\.\s*\d{1,2}\.?").fillna(False).astype(bool)
        if spaced.any():
            s[spaced] = s[spaced].str.replace(r"\s+", "", regex=True).str.rstrip(".")
        ymd = s.str.extract(r"^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})(?:[ T].*)?$")
        compact = s.str.extract(r"^(\d{4})(\d{2})(\d{2})$")
        only_year = s.str.extract(r"^(\d{4})$")[0]
        dmy = s.str.extract(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{2}|\d{4})$")
        serial = pd.to_numeric(s.where(s.str.fullmatch(r"\d{2,5}(?:\.\d+)?")), errors="coerce").floordiv(1)
        serial = serial.where((serial > 0) & (serial < 73051) & only_year.isna())

        def fill(y: pd.Series, m: pd.Series | None) -> None:
            ok = year.isna() & y.notna()
            year[ok] = pd.to_numeric(y[ok]).astype("Int64")
            if m is not None:
                month[ok] = pd.to_numeric(m[ok]).astype("Int64")

        fill(ymd[0], ymd[1])
        fill(compact[0], compact[1])
        fill(only_year, None)
        yy = pd.to_numeric(dmy[2], errors="coerce").astype("float64")
        pivot = _dt.date.today().year % 100
        yy = yy.where(yy >= 100, pd.Series(np.where(yy <= pivot, 2000 + yy, 1900 + yy), index=yy.index))
        # day first (Lens: 25/04/13); a second number over 12 can only be a day: month first (12/31/2011)
        d1, d2 = pd.to_numeric(dmy[0], errors="coerce"), pd.to_numeric(dmy[1], errors="coerce")
        month_dmy = dmy[1].where(~((d2 > 12) & (d1 <= 12)), dmy[0])
        fill(yy.astype("Int64").astype("string"), month_dmy)
        if serial.notna().any():
            d = _EXCEL_EPOCH + pd.to_timedelta(serial.dropna(), unit="D")
            fill(d.dt.year.astype("string").reindex(idx), d.dt.month.astype("string").reindex(idx))
    bad_month = month.notna() & ((month < 1) | (month > 12))
    shown = raw.astype("string").fillna("").str.slice(0, 40)
    reason = pd.Series("", index=idx, dtype=object)
    missing = raw.isna() | raw.astype("string").str.strip().fillna("").eq("")
    unparsed = year.isna() & ~missing
    reason[missing] = "year: empty date; expected a filing date or year"
    reason[unparsed] = (
        "year: expected a date such as 2004.03.25, 20040325, 2004-03-25 or a year 2004, got '"
        + shown[unparsed]
        + "'"
    )
    out_of_range = year.notna() & ((year < MIN_YEAR) | (year > _max_year()))
    reason[out_of_range] = (
        f"year: {''}expected a year between {MIN_YEAR} and {_max_year()}, got "
        + year[out_of_range].astype("string")
    )
    reason[bad_month & ~out_of_range] = "year: month out of range 1-12 in '" + shown + "'"
    good = reason == ""
    return pd.DataFrame(
        {"year": year.where(good), "month": month.where(good), "reason": reason}, index=idx
    )
