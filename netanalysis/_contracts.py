"""One validation entry for the tables and region arguments every public metric takes.

:func:`check_inputs` runs first in every public function that takes an edge table, an
actor table, an applications table or a region argument, so one malformed input gets the
same :class:`~netanalysis._errors.NetworkInputError`, with the same message, from all of
them.  The rules, in the order they are checked:

* a table is a pandas DataFrame (``None`` or anything else: refused, naming the argument);
* an edge table has ``u`` and ``v``; an actor table has ``applicant_id``; an applications
  table has ``patent_id`` and ``applicant_id`` (other columns are each function's own);
* an edge or actor table is not empty (a metric of no ties means a filter emptied it);
* ids are of one kind and present: no missing ``u``/``v``/``applicant_id``; not ``"a"``
  beside ``1`` in one table; and the edges' ids and the actors' ``applicant_id`` of the
  same kind (``int`` against ``str`` would type every actor unknown, or fail a merge);
* no self-pair ``(a, a)`` in an edge table: an actor is not its own partner (as
  :func:`netanalysis.network.to_igraph` refuses);
* a region argument is a code, a comma/semicolon-separated list of codes or a list;
  empty pieces are ignored (``'KR-27,,'`` is ``'KR-27'``), and nothing left (``None``,
  ``''``, ``',,'``, ``[]``) means *no region*: refused where a focal region is required,
  the whole network where the region is optional.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ._errors import NetworkInputError

#: Marks an argument the caller does not pass (``None`` is a value to check).
NOT_GIVEN: Any = object()

_HINTS = {
    "edges": "the edge table from network.edges_from_applications()",
    "actors": "the actors table from ingest (IngestResult.actors)",
    "applications": "the applications table from ingest (IngestResult.applications)",
}
_COLUMNS = {"edges": ("u", "v"), "actors": ("applicant_id",), "applications": ("patent_id", "applicant_id")}


def _frame(table: Any, what: str) -> pd.DataFrame:
    if what == "applications" and type(table).__module__.startswith("dask") and hasattr(table, "columns"):
        table = table._meta if hasattr(table, "_meta") else table  # a dask frame: its columns only
    if not isinstance(table, pd.DataFrame):
        raise NetworkInputError(f"{what}: expected a pandas DataFrame ({_HINTS[what]}), got {type(table).__name__}")
    missing = [c for c in _COLUMNS[what] if c not in table.columns]
    if missing:
        raise NetworkInputError(f"{what} lacks column(s) {missing}; expected {_HINTS[what]}")
    if what != "applications" and len(table) == 0:
        raise NetworkInputError(f"{what} is empty: no co-patenting ties to compute on (a year range, region or "
                                "type filter may have removed every row)")
    return table


def _id_kind(values: pd.Series, where: str) -> str:
    """``str``, ``int`` or ``float``: the one kind of the ids in ``values``."""
    n_missing = int(values.isna().sum())
    if n_missing:
        raise NetworkInputError(f"{where} holds {n_missing} missing id(s); every tie needs both actors' ids")
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = pd.Series(values.cat.categories)
    kind = pd.api.types.infer_dtype(values, skipna=True)
    kinds = {"string": "str", "integer": "int", "floating": "float", "empty": "", "boolean": "bool"}
    if kind not in kinds:
        examples = ", ".join(repr(x) for x in pd.unique(values)[:3])
        raise NetworkInputError(f"{where} mixes kinds of ids ({kind}: e.g. {examples}); give ids of one kind, e.g. "
                                "all text with .astype(str)")
    return kinds[kind]


def check_region(region: Any, required: bool = False) -> list[str] | None:
    """The region argument as a list of codes (not yet resolved), or ``None`` for no region.

    Parameters
    ----------
    region : str, iterable of str or None
        ``'KR-27'``, ``'KR-27,KR-47'``, ``['KR-27', 'KR-47']`` …
    required : bool
        Refuse *no region* (a focal region is needed).

    Returns
    -------
    list of str or None

    Raises
    ------
    NetworkInputError
        For no region where one is required, or an argument that is not text.

    Examples
    --------
    >>> check_region("KR-27,,"), check_region(""), check_region(None), check_region([" KR-27", ""])
    (['KR-27'], None, None, ['KR-27'])
    """
    if region is None:
        parts: list[str] = []
    elif isinstance(region, str):
        parts = re.split(r"\s*[,;|]\s*", region.strip())
    elif isinstance(region, Iterable):
        parts = list(region)
        bad = [p for p in parts if not isinstance(p, str)]
        if bad:
            raise NetworkInputError(f"region={region!r}: expected region codes as text (e.g. 'KR-27'), got {bad[0]!r}")
    else:
        raise NetworkInputError(f"region={region!r}: expected a region code, a comma-separated list or a list of codes")
    codes = [p.strip() for p in parts if p.strip()]
    if not codes:
        if required:
            raise NetworkInputError("region: none given (None, '' or only separators); expected one or more region "
                                    "codes, e.g. 'KR-27' or 'KR-27,KR-47'")
        return None
    return codes


def check_inputs(
    edges: Any = NOT_GIVEN,
    actors: Any = NOT_GIVEN,
    *,
    applications: Any = NOT_GIVEN,
    region: Any = NOT_GIVEN,
    region_required: bool = False,
    actors_optional: bool = False,
) -> list[str] | None:
    """Check the tables and the region argument of a public function, in one place.

    Parameters
    ----------
    edges, actors, applications : pandas.DataFrame, optional
        The tables the function was given (leave out what it does not take).
    region : str, iterable of str or None, optional
        Its region argument.
    region_required : bool
        The function needs a focal region.
    actors_optional : bool
        ``actors=None`` is allowed (the function works without types).

    Returns
    -------
    list of str or None
        The region's codes (``None`` for no region, or when no region was passed).

    Raises
    ------
    NetworkInputError
        One message per rule (see the module).

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "b"], "v": ["b", "b"], "year": 2010, "n_patents": 1, "weight": 1.0})
    >>> check_inputs(e)
    Traceback (most recent call last):
    ...
    netanalysis._errors.NetworkInputError: edges hold 1 self-pair(s) (u == v, e.g. 'b'); an actor is not its own ...
    """
    edge_kind = actor_kind = ""
    if edges is not NOT_GIVEN:
        e = _frame(edges, "edges")
        kinds = {_id_kind(e["u"], "edges.u"), _id_kind(e["v"], "edges.v")} - {""}
        if len(kinds) > 1:
            raise NetworkInputError(f"edges.u and edges.v hold ids of different kinds ({', '.join(sorted(kinds))}); "
                                    "give ids of one kind, e.g. all text with .astype(str)")
        edge_kind = next(iter(kinds), "")
        check_self_pairs(e)
    if actors is not NOT_GIVEN and not (actors is None and actors_optional):
        a = _frame(actors, "actors")
        actor_kind = _id_kind(a["applicant_id"], "actors.applicant_id")
    if edge_kind and actor_kind and edge_kind != actor_kind:
        raise NetworkInputError(f"edges hold {edge_kind} ids but actors.applicant_id holds {actor_kind} ids; give "
                                "both the same kind (e.g. edges.astype({'u': str, 'v': str}) and "
                                "actors.astype({'applicant_id': str}))")
    if applications is not NOT_GIVEN:
        _frame(applications, "applications")
    if region is NOT_GIVEN:
        return None
    return check_region(region, required=region_required)


def check_self_pairs(edges: pd.DataFrame) -> None:
    """Refuse an edge table with a self-pair ``(a, a)``: an actor is not its own partner.

    Raises
    ------
    NetworkInputError
        Counting the self-pairs and naming one.
    """
    same = (edges["u"] == edges["v"]).to_numpy(dtype=bool)
    if same.any():
        raise NetworkInputError(f"edges hold {int(same.sum())} self-pair(s) (u == v, e.g. "
                                f"{edges['u'].to_numpy()[same][0]!r}); an actor is not its own partner — build the "
                                "edges with network.edges_from_applications()")


__all__ = ["NOT_GIVEN", "check_inputs", "check_region", "check_self_pairs"]
