"""Other networks from the same patents: co-inventors and IPC co-occurrence.

A *layer* replaces the applicants of each patent by another list the source gives for it:
its inventors (``inventors`` column, KIPRIS 발명자, Lens, PatentsView, ``--columns
inventors=COL``) or its IPC codes (``ipc``, at section, class, subclass or group level).
The result has the shape of the canonical long table (``patent_id, year, applicant_id``,
one row per patent × item), so the edge builder, the graphs and every metric work on it
unchanged.
"""

from __future__ import annotations

import pandas as pd

from .._errors import NetworkInputError

#: The networks one applications table gives.
LAYERS: tuple[str, ...] = ("applicants", "inventors", "ipc")
#: Characters of a compacted IPC code (no spaces) at each level: H, H01, H01L, H01L23.
IPC_LEVELS: dict[str, int] = {"section": 1, "class": 3, "subclass": 4, "group": -1}
_IPC = r"[A-H](?:\d\d(?:[A-Z](?:\d{1,4})?)?)?"


def ipc_at(codes: pd.Series, level: str) -> pd.Series:
    """IPC codes cut to ``level`` (``H01L 23/00`` → ``H01L``; main group ``H01L23``); invalid → NA."""
    compact = codes.astype("string").str.replace(r"\s+", "", regex=True).str.upper()
    cut = compact.str.split("/").str[0] if level == "group" else compact.str[: IPC_LEVELS[level]]
    return cut.where(cut.str.fullmatch(_IPC).fillna(False).astype(bool))


def layer_items(applications: pd.DataFrame, layer: str, ipc_level: str = "subclass") -> pd.DataFrame:
    """One row per patent and distinct item of ``layer`` (an inventor or an IPC code).

    Parameters
    ----------
    applications : pandas.DataFrame
        Canonical long table with ``patent_id``, ``year`` and the layer's column
        (``inventors`` or ``ipc``, ``"; "``-joined lists as the readers write them).
    layer : {"inventors", "ipc"}
        Which list.
    ipc_level : {"section", "class", "subclass", "group"}
        The IPC level of the ``ipc`` layer (default subclass, ``H01L``).

    Returns
    -------
    pandas.DataFrame
        ``patent_id, year, applicant_id`` (the item: an inventor's name as written, or an
        IPC code at ``ipc_level``); ``attrs["patents_without"]`` counts the patents with no
        item.

    Raises
    ------
    NetworkInputError
        For an unknown layer or level, or when the table has no such column.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2"], "year": [2010, 2010, 2011],
    ...     "applicant_id": ["A", "B", "A"], "inventors": ["Kim; Lee", "Kim; Lee", "Kim"],
    ...     "ipc": ["H01L 23/00; H01M 4/00", "H01L 23/00; H01M 4/00", "H01L 21/02"]})
    >>> layer_items(apps, "inventors").values.tolist()
    [['p1', 2010, 'Kim'], ['p1', 2010, 'Lee'], ['p2', 2011, 'Kim']]
    >>> layer_items(apps, "ipc")["applicant_id"].tolist()
    ['H01L', 'H01M', 'H01L']
    """
    if layer not in ("inventors", "ipc"):
        raise NetworkInputError(f"layer={layer!r}; expected one of {LAYERS}")
    if ipc_level not in IPC_LEVELS:
        raise NetworkInputError(f"ipc_level={ipc_level!r}; expected one of {tuple(IPC_LEVELS)}")
    if layer not in applications.columns:
        hint = "KIPRIS 발명자, Lens Inventors, PatentsView inventors" if layer == "inventors" else "an IPC column"
        raise NetworkInputError(f"applications lack an {layer!r} column: the source gave none ({hint}); "
                                f"map one with --columns {layer}=COL")
    per_patent = applications.drop_duplicates("patent_id")[["patent_id", "year", layer]]
    items = per_patent.assign(item=per_patent[layer].astype("string").str.split(r"\s*;\s*", regex=True))
    long = items.explode("item")
    long["item"] = long["item"].astype("string").str.strip()
    if layer == "ipc":
        long["item"] = ipc_at(long["item"], ipc_level)
    long = long[long["item"].fillna("") != ""].drop_duplicates(["patent_id", "item"])
    out = long[["patent_id", "year", "item"]].rename(columns={"item": "applicant_id"}).reset_index(drop=True)
    out["applicant_id"] = out["applicant_id"].astype(str)
    out.attrs["patents_without"] = int(per_patent["patent_id"].nunique() - out["patent_id"].nunique())
    out.attrs["layer"] = layer
    return out


def layer_nodes(items: pd.DataFrame) -> pd.DataFrame:
    """The node table of a layer: ``applicant_id``, ``name``, ``n_patents``, ``first_year``, ``last_year``.

    Parameters
    ----------
    items : pandas.DataFrame
        :func:`layer_items` output.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> items = pd.DataFrame({"patent_id": ["p1", "p1", "p2"], "year": [2010, 2010, 2012],
    ...                       "applicant_id": ["Kim", "Lee", "Kim"]})
    >>> layer_nodes(items).values.tolist()
    [['Kim', 'Kim', 2, 2010, 2012], ['Lee', 'Lee', 1, 2010, 2010]]
    """
    g = items.groupby("applicant_id", sort=True)
    out = pd.DataFrame({"n_patents": g["patent_id"].nunique(), "first_year": g["year"].min(),
                        "last_year": g["year"].max()}).reset_index()
    out.insert(1, "name", out["applicant_id"])
    return out


__all__ = ["IPC_LEVELS", "LAYERS", "layer_items", "layer_nodes"]
