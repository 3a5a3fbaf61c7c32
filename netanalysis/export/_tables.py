"""The node and tie lists every export writes, prepared the same way for every tool.

Names are written the same way everywhere (:func:`export_labels`): control characters and
lone surrogates replaced, white space collapsed, empty names replaced by the applicant id,
names longer than :data:`MAX_LABEL` characters cut (ending ``…``) with the whole name kept
as ``full_name`` where the format has attributes.  Applicant ids that become equal once
cleaned are refused with one error before anything is written (:func:`check_ids`).
"""

from __future__ import annotations

import pandas as pd

from .. import metrics as m
from .. import network as nw
from .._errors import NetworkInputError
from .._escape import neutralise_formulas
from .._safe_text import clean_text, has_unsafe, terminal_text

#: Longest label written; a longer name is cut to this many characters (the last one ``…``)
#: and kept whole as the ``full_name`` attribute (GEXF, GraphML, VOSviewer JSON).
MAX_LABEL = 200


def one_line(s: pd.Series) -> pd.Series:
    """Text cleaned of control characters (:func:`clean_text`), white space collapsed."""
    # cleaned before any conversion to a string dtype: Arrow strings cannot hold a lone surrogate
    text = s.astype(object).map(lambda x: "" if pd.isna(x) else clean_text(str(x)))
    return text.astype(str).str.replace(r"\s+", " ", regex=True).str.strip()


def spreadsheet_safe(s: pd.Series) -> pd.Series:
    """Text a spreadsheet cannot run as a formula (the package's one CSV neutralisation)."""
    return neutralise_formulas(s.to_frame())[s.name]


def check_ids(edges: pd.DataFrame) -> None:
    """Refuse applicant ids that are empty, or equal once cleaned, before anything is written.

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (``u, v``).

    Raises
    ------
    NetworkInputError
        Naming the ids at fault (escaped, so the terminal shows them as they are).

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["A\\x01B"], "v": ["A\\x02B"]})
    >>> check_ids(e)
    Traceback (most recent call last):
    ...
    netanalysis._errors.NetworkInputError: applicant ids 'A\\x01B', 'A\\x02B' are all written as 'A B' ...
    """
    ids = pd.Series(pd.unique(pd.concat([edges["u"], edges["v"]]).astype(str)))
    cleaned = one_line(ids)
    if (cleaned == "").any():
        bad = ids[cleaned == ""].map(lambda x: f"'{terminal_text(x)}'")
        raise NetworkInputError(f"applicant ids {', '.join(bad.head(5))} are empty once control characters and "
                                "white space are removed; give every actor a visible id")
    dup = cleaned.duplicated(keep=False)
    if dup.any():
        first = cleaned[dup].iloc[0]
        same = ids[cleaned == first].map(lambda x: f"'{terminal_text(x)}'")
        raise NetworkInputError(
            f"applicant ids {', '.join(same.head(5))} are all written as {first!r} in the exported files "
            f"(control characters and white space cleaned; {int(dup.sum())} ids collide in all); "
            "merge them or make them differ in visible characters, then export again")


def prepare(edges: pd.DataFrame, actors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The edge and actor tables as every export writes them, or one clear error first.

    Ids are checked (:func:`check_ids`) and written cleaned (control characters and lone
    surrogates replaced, white space collapsed); every text column of ``actors`` holding a
    character XML cannot carry is cleaned (:func:`netanalysis._safe_text.clean_text`).
    Tables from :func:`netanalysis.read_patents` are clean already and come back unchanged.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a\\x01"], "v": ["b"], "year": [2010], "n_patents": [1], "weight": [1.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a\\x01", "b"], "name": ["A\\ud800", "B"]}, dtype=object)
    >>> e2, a2 = prepare(e, act)
    >>> e2["u"].tolist(), a2["applicant_id"].tolist(), a2["name"].tolist()
    (['a'], ['a', 'b'], ['A ', 'B'])
    """
    check_ids(edges)
    ids = pd.Series(pd.unique(pd.concat([edges["u"], edges["v"]]).astype(object)))
    clean = one_line(ids)
    moved = dict(zip(ids[ids != clean], clean[ids != clean], strict=True))
    if moved:
        edges = edges.assign(u=edges["u"].replace(moved), v=edges["v"].replace(moved))
    out = actors.copy()
    if moved and "applicant_id" in out:
        out["applicant_id"] = out["applicant_id"].astype(object).replace(moved)
    for col in out.columns:
        s = out[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            bad = s.map(lambda x: isinstance(x, str) and has_unsafe(x))
            if bad.any():
                out[col] = s.astype(object).where(~bad, s[bad].map(clean_text)).astype(object)
    return edges, out


def export_labels(ids: pd.Series, names: pd.Series | None = None) -> pd.DataFrame:
    """The id, label and full name every export writes for each actor.

    Parameters
    ----------
    ids : pandas.Series
        Applicant ids.
    names : pandas.Series, optional
        Display names aligned with ``ids`` (the actor table's ``name``); the id when absent
        or empty.

    Returns
    -------
    pandas.DataFrame
        ``applicant_id`` (cleaned), ``label`` (one line, at most :data:`MAX_LABEL`
        characters) and ``full_name`` (the whole cleaned name), index of ``ids``.

    Examples
    --------
    >>> t = export_labels(pd.Series(["a", "b"]), pd.Series(["ACME\\x01 Co.", ""]))
    >>> t["label"].tolist()
    ['ACME Co.', 'b']
    >>> export_labels(pd.Series(["c"]), pd.Series(["x" * 500]))["label"].str.len().tolist()
    [200]
    """
    aid = one_line(ids)
    full = one_line(names) if names is not None else aid
    full = full.where(full != "", aid)
    label = full.where(full.str.len() <= MAX_LABEL, full.str.slice(0, MAX_LABEL - 1) + "…")
    return pd.DataFrame({"applicant_id": aid, "label": label, "full_name": full}, index=ids.index)


def nodes_with_metrics(edges: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Actors in the edges with their attributes and centrality (the node list of exports).

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (per year or collapsed).
    actors : pandas.DataFrame
        Actor table.

    Returns
    -------
    pandas.DataFrame
        One row per actor with a tie: :func:`netanalysis.metrics.centrality` output,
        sorted by ``applicant_id``.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [1], "weight": [1.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> nodes_with_metrics(e, act)[["applicant_id", "label", "degree"]].values.tolist()
    [['a', 'A', 1], ['b', 'B', 1]]
    """
    g = nw.to_igraph(edges, actors)
    c = m.centrality(g)
    return c.sort_values("applicant_id").reset_index(drop=True)


__all__ = ["MAX_LABEL", "check_ids", "export_labels", "nodes_with_metrics", "one_line", "prepare", "spreadsheet_safe"]
