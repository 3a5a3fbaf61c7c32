"""The ``actors`` table: one row per ``applicant_id``, from the ``applications`` table."""

from __future__ import annotations

import pandas as pd

from ..regions import is_capital_area, macro_region
from ..schema import ACTOR_COLUMNS, ActorType


def usual_value(applications: pd.DataFrame, column: str = "region") -> pd.Series:
    """Each applicant's most frequent non-empty value of ``column`` (its *usual* region).

    This is the one region rule of the package: an actor is located where most of its
    applications place it (ties: the smallest code), in the actors table, in the focus of
    an edge build and in openness.

    Parameters
    ----------
    applications : pandas.DataFrame
        ``applicant_id`` and ``column``.
    column : str
        ``region`` or ``country``.

    Returns
    -------
    pandas.Series
        Indexed by ``applicant_id``; applicants with no non-empty value are absent.

    Examples
    --------
    >>> a = pd.DataFrame({"applicant_id": ["x", "x", "x", "y"],
    ...                   "region": ["KR-27", "KR-11", "KR-27", ""]})
    >>> usual_value(a).to_dict()
    {'x': 'KR-27'}
    """
    vals = applications.loc[applications[column].astype(str) != "", ["applicant_id", column]]
    return (
        vals.value_counts()
        .reset_index(name="n")
        .sort_values(["applicant_id", "n", column], ascending=[True, False, True])
        .drop_duplicates("applicant_id")
        .set_index("applicant_id")[column]
    )


def actors_from_applications(
    applications: pd.DataFrame, grouping: str | dict | pd.DataFrame = "5+3"
) -> pd.DataFrame:
    """Build the ``actors`` table: one row per ``applicant_id``.

    Parameters
    ----------
    applications : pandas.DataFrame
        The canonical long table.
    grouping : str, mapping or DataFrame
        Macro-region grouping, see :func:`netanalysis.regions.macro_region`.

    Returns
    -------
    pandas.DataFrame
        ``applicant_id, name, actor_type, country, region, macro_region, capital_area,
        n_patents, first_year, last_year, type_reason, size_source``.  The region and
        country are the actor's most frequent non-empty ones (ties: alphabetical).

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["1", "1", "2"], "year": [2010, 2010, 2012],
    ...     "applicant_id": ["A", "B", "A"], "applicant_name": ["A", "B", "A"],
    ...     "actor_type": ["university", "sme", "university"], "country": ["KR"] * 3,
    ...     "region": ["KR-27", "KR-11", "KR-27"]})
    >>> actors_from_applications(apps)[["applicant_id", "n_patents", "macro_region"]]
      applicant_id  n_patents macro_region
    0            A          2    daegyeong
    1            B          1      capital
    """
    a = applications
    g = a.groupby("applicant_id", sort=True)
    out = pd.DataFrame(
        {
            "name": g["applicant_name"].first(),
            "actor_type": g["actor_type"].first().astype(str),
            "n_patents": g["patent_id"].nunique(),
            "first_year": g["year"].min(),
            "last_year": g["year"].max(),
        }
    )
    for col in ("country", "region"):
        out[col] = usual_value(a, col).reindex(out.index).fillna("").astype(str)
    out["macro_region"] = macro_region(out["region"], grouping)
    out["capital_area"] = is_capital_area(out["region"])
    for col, default in (("type_reason", ""), ("size_source", "")):
        out[col] = g[col].first().astype(str) if col in a else default
    out["actor_type"] = out["actor_type"].astype(ActorType)
    return out.reset_index()[list(ACTOR_COLUMNS)]
