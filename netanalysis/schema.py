"""The table contracts (the columns every stage reads and writes) and the checks every stage uses on them.

One module owns the canonical column names, the category lists and the argument checks
that several stages share, so that a table is checked the same way wherever it enters:

* column lists: :data:`APPLICATION_COLUMNS`, :data:`ACTOR_COLUMNS`, :data:`EDGE_COLUMNS`,
  :data:`REJECT_COLUMNS`;
* category lists: :data:`ACTOR_TYPES`, :data:`SIZE_SOURCES`, :data:`OPENNESS_CATEGORIES`,
  :data:`BROKERAGE_ROLES`, :data:`WEIGHTINGS`, :data:`CLASS_COLUMNS`, :data:`WIPO_FIELDS` (and
  :data:`WIPO_SECTORS`);
* checks: :func:`require_columns`, :func:`parse_years`, :func:`require_years`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ._errors import NetanalysisError, NetworkInputError

ACTOR_TYPES: tuple[str, ...] = (
    "university",
    "research_institute",
    "large_firm",
    "sme",
    "firm",
    "government",
    "hospital",
    "individual",
    "other",
)
ActorType = pd.CategoricalDtype(list(ACTOR_TYPES), ordered=False)
#: Where a firm's size came from (``actors.size_source``), strongest evidence first; ``unknown``:
#: a firm with no evidence either way (typed ``firm``, never counted as an SME); empty for non-firms.
SIZE_SOURCES: tuple[str, ...] = ("user_table", "source", "group_list", "patent_count", "unknown")

APPLICATION_COLUMNS: tuple[str, ...] = (
    "patent_id",
    "year",
    "applicant_raw",
    "applicant_id",
    "applicant_name",
    "actor_type",
    "country",
    "region",
    "source_row",
)
ACTOR_COLUMNS: tuple[str, ...] = (
    "applicant_id",
    "name",
    "actor_type",
    "country",
    "region",
    "macro_region",
    "capital_area",
    "n_patents",
    "first_year",
    "last_year",
    "type_reason",
    "size_source",
)
EDGE_COLUMNS: tuple[str, ...] = ("u", "v", "year", "n_patents", "weight")
REJECT_COLUMNS: tuple[str, ...] = ("source_file", "source_row", "reason", "raw")

#: Optional applications columns holding each patent's technology classes (``"; "``-joined): IPC codes,
#: and another classification's labels (e.g. PATSTAT's WIPO technology fields), in the order the
#: specialisation and burst measures look for them (see :func:`netanalysis.metrics.class_column`).
CLASS_COLUMNS: tuple[str, ...] = ("ipc", "technology")
#: WIPO's 35 technology fields (Schmoch 2008; PATSTAT ``tls901``'s ``techn_field``), by field number
#: 1–35, and the sector of each (Electrical engineering 1–8, Instruments 9–13, Chemistry 14–24,
#: Mechanical engineering 25–32, Other fields 33–35).
WIPO_FIELDS: tuple[str, ...] = (
    "Electrical machinery, apparatus, energy", "Audio-visual technology", "Telecommunications",
    "Digital communication", "Basic communication processes", "Computer technology", "IT methods for management",
    "Semiconductors", "Optics", "Measurement", "Analysis of biological materials", "Control", "Medical technology",
    "Organic fine chemistry", "Biotechnology", "Pharmaceuticals", "Macromolecular chemistry, polymers",
    "Food chemistry", "Basic materials chemistry", "Materials, metallurgy", "Surface technology, coating",
    "Micro-structural and nano-technology", "Chemical engineering", "Environmental technology", "Handling",
    "Machine tools", "Engines, pumps, turbines", "Textile and paper machines", "Other special machines",
    "Thermal processes and apparatus", "Mechanical elements", "Transport", "Furniture, games",
    "Other consumer goods", "Civil engineering",
)
WIPO_SECTORS: dict[str, str] = {f: s for f, s in zip(WIPO_FIELDS, ["Electrical engineering"] * 8 + ["Instruments"] * 5
                                                     + ["Chemistry"] * 11 + ["Mechanical engineering"] * 8
                                                     + ["Other fields"] * 3, strict=True)}

#: How edge weights are counted (see :func:`netanalysis.network.edges_from_applications`).
WEIGHTINGS: tuple[str, ...] = ("count", "fractional")
#: Where the partner of a focal region's actor is (see :func:`netanalysis.metrics.regional_openness`).
OPENNESS_CATEGORIES: tuple[str, ...] = ("internal", "core_region", "rest_of_country", "abroad", "unknown")
#: Gould–Fernandez roles for undirected ties (see :func:`netanalysis.metrics.brokerage`).
BROKERAGE_ROLES: tuple[str, ...] = ("coordinator", "itinerant", "gatekeeper_representative", "liaison")


def require_columns(
    table: pd.DataFrame,
    columns: Iterable[str],
    what: str,
    *,
    error: type[NetanalysisError] = NetworkInputError,
    hint: str = "expected the canonical columns (netanalysis.schema lists them)",
    nonempty: bool = False,
) -> None:
    """Raise one clear error unless ``table`` has every column in ``columns``.

    Parameters
    ----------
    table : pandas.DataFrame
        The table to check (a dask DataFrame works too: only ``.columns`` is read).
    columns : iterable of str
        Required column names.
    what : str
        The argument's name, for the message (``"edges"``, ``"actors"`` …).
    error : type
        Exception class to raise (the calling stage's own).
    hint : str
        What the caller should pass instead.
    nonempty : bool
        Also refuse a table without rows.

    Raises
    ------
    NetanalysisError
        Of class ``error``, naming the missing columns.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"u": [], "v": []}), ["u", "v", "weight"], "edges")
    Traceback (most recent call last):
    ...
    netanalysis._errors.NetworkInputError: edges lacks column(s) ['weight']; expected the ...
    """
    needed = list(columns)
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise error(f"{what} lacks column(s) {missing}; {hint}")
    if nonempty and len(table) == 0:
        raise error(f"{what} is empty; nothing to compute or draw")


def parse_years(years: str | Sequence[int] | None) -> tuple[int, int] | None:
    """Read an inclusive year range: ``"2004-2020"``, ``"2004–2020"``, ``"2010"`` or ``(2004, 2020)``.

    Parameters
    ----------
    years : str, pair of int, or None
        The range; ``None`` means no restriction.

    Returns
    -------
    tuple of int or None
        ``(first, last)``.

    Raises
    ------
    NetworkInputError
        For anything that is not one or two whole years in order (``"2004-2010-2030"``,
        ``"20O4"``, ``(2020, 2004)``).

    Examples
    --------
    >>> parse_years("2004-2020"), parse_years((2010, 2012)), parse_years("2015")
    ((2004, 2020), (2010, 2012), (2015, 2015))
    """
    if years is None:
        return None
    if isinstance(years, str):
        parts = [p.strip() for p in re.split(r"\s*[-–—:]\s*", years.strip())]
        if not 1 <= len(parts) <= 2 or not all(re.fullmatch(r"\d{4}", p) for p in parts):
            raise NetworkInputError(
                f"years={years!r} is not a range like '2004-2020' (or one year like '2015')"
            )
        lo, hi = int(parts[0]), int(parts[-1])
    else:
        seq = list(years)
        if not 1 <= len(seq) <= 2:
            raise NetworkInputError(f"years={years!r}; expected (first, last)")
        try:
            lo, hi = (int(seq[0]), int(seq[-1]))
        except (TypeError, ValueError, OverflowError) as e:
            raise NetworkInputError(f"years={years!r}; expected whole years") from e
        if any(isinstance(x, float) and not float(x).is_integer() for x in seq):
            raise NetworkInputError(f"years={years!r}; expected whole years")
    if lo > hi:
        raise NetworkInputError(f"years={years!r} is an empty range (start {lo} > end {hi})")
    return lo, hi


def require_years(edges: pd.DataFrame) -> None:
    """Refuse an edge table whose ``year`` has gaps: time-based metrics would drop rows.

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table.

    Raises
    ------
    NetworkInputError
        If a ``year`` is missing or not finite.

    Examples
    --------
    >>> require_years(pd.DataFrame({"year": [2010, 2011]}))  # fine: returns None
    """
    if "year" not in edges.columns:
        return
    year = pd.to_numeric(edges["year"], errors="coerce")
    bad = year.isna() | ~np.isfinite(year.astype(float))
    if bad.any():
        raise NetworkInputError(
            f"edges have {int(bad.sum())} row(s) with a missing year; build them with "
            "network.edges_from_applications() from ingested applications (ingest rejects undated rows)"
        )


__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_TYPES",
    "APPLICATION_COLUMNS",
    "BROKERAGE_ROLES",
    "CLASS_COLUMNS",
    "EDGE_COLUMNS",
    "OPENNESS_CATEGORIES",
    "REJECT_COLUMNS",
    "SIZE_SOURCES",
    "WEIGHTINGS",
    "WIPO_FIELDS",
    "WIPO_SECTORS",
    "ActorType",
    "parse_years",
    "require_columns",
    "require_years",
]
