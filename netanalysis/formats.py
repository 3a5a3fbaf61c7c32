"""Network files other tools open: VOSviewer (map + network, JSON), Pajek, dynamic GEXF.

* **VOSviewer map and network files** follow the VOSviewer manual ("VOSviewer map and
  network files"): tab-delimited; the map file has a header with ``id`` (a positive
  integer), ``label``, ``cluster`` (an integer 1–1000), ``weight<…>`` and ``score<…>``
  columns; the network file has no header and three columns, two item ids and the link
  strength.
* **VOSviewer JSON** (VOSviewer Online's format): ``{"network": {"items": [...],
  "links": [...]}}`` with ``id, label, cluster, weights, scores`` per item and
  ``source_id, target_id, strength`` per link.
* **Pajek** ``.net`` through igraph's writer: every label quoted, the actors' display names,
  non-ASCII letters as ``&#dddd;`` (what Pajek itself writes and reads; the file is ASCII,
  so igraph, networkx and Pajek all read it), no coordinates (Pajek lays the network out).
* **Dynamic GEXF** (GEXF 1.2draft ``mode="dynamic"``, ``timeformat="integer"``: years):
  each actor and tie carries one spell per run of consecutive active years (closed
  intervals: ``start="2004" end="2006"`` = 2004, 2005 and 2006), and each tie's ``weight``
  is a dynamic attribute holding its co-patents of *that* year, so Gephi's timeline plays
  what happened.

Names are written the same way everywhere (:func:`export_labels`): control characters and
lone surrogates replaced, white space collapsed, empty names replaced by the applicant id,
names longer than :data:`MAX_LABEL` characters cut (ending ``…``) with the whole name kept
as ``full_name`` where the format has attributes.  Applicant ids that become equal once
cleaned are refused with one error before anything is written (:func:`check_ids`).
* **Interactive HTML** (:func:`netanalysis.plotting.save_interactive_html`, ipysigma): one
  offline file; actors coloured by type, sized by betweenness, with their cluster, and each
  tie listing its patents.

Every writer takes the per-year edge table and the actor table, writes atomically and
returns the path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, cast

import igraph as ig
import networkx as nx
import pandas as pd

from . import network as nw
from ._errors import NetworkInputError
from ._escape import neutralise_formulas
from ._io import atomic_path
from ._safe_text import clean_text, has_unsafe, terminal_text

#: Longest label written; a longer name is cut to this many characters (the last one ``…``)
#: and kept whole as the ``full_name`` attribute (GEXF, GraphML, VOSviewer JSON).
MAX_LABEL = 200


def _one_line(s: pd.Series) -> pd.Series:
    """Text cleaned of control characters (:func:`clean_text`), white space collapsed."""
    # cleaned before any conversion to a string dtype: Arrow strings cannot hold a lone surrogate
    text = s.astype(object).map(lambda x: "" if pd.isna(x) else clean_text(str(x)))
    return text.astype(str).str.replace(r"\s+", " ", regex=True).str.strip()


def _spreadsheet_safe(s: pd.Series) -> pd.Series:
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
    cleaned = _one_line(ids)
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
    clean = _one_line(ids)
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
    aid = _one_line(ids)
    full = _one_line(names) if names is not None else aid
    full = full.where(full != "", aid)
    label = full.where(full.str.len() <= MAX_LABEL, full.str.slice(0, MAX_LABEL - 1) + "…")
    return pd.DataFrame({"applicant_id": aid, "label": label, "full_name": full}, index=ids.index)


def _items(edges: pd.DataFrame, actors: pd.DataFrame, clusters: pd.DataFrame | None,
           graph: ig.Graph | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The actors with a tie — integer id (1 …, by applicant_id), label, cluster, degree,
    betweenness, link strength (co-patents), first and mean year of a tie — and the collapsed
    ties.  ``graph``: the network of ``edges`` when the caller has built it."""
    from .metrics import centrality, communities, mean_tie_year

    g = graph if graph is not None else nw.to_igraph(edges, actors)
    c = centrality(g).sort_values("applicant_id").reset_index(drop=True)
    c.insert(0, "vos_id", range(1, len(c) + 1))
    names = export_labels(c["applicant_id"], c["label"] if "label" in c else None)
    c["label"], c["full_name"] = names["label"], names["full_name"]
    part = clusters if clusters is not None else communities(g)
    c["cluster"] = c["applicant_id"].map(dict(zip(part["applicant_id"], part["cluster"], strict=True)))
    c["cluster"] = c["cluster"].fillna(0).astype(int).clip(upper=1000)
    ties = nw.collapse(edges)
    ends = pd.concat([ties[["u", "n_patents"]].rename(columns={"u": "id"}),
                      ties[["v", "n_patents"]].rename(columns={"v": "id"})])
    c["link_strength"] = c["applicant_id"].map(ends.groupby("id")["n_patents"].sum()).fillna(0).astype(int)
    years = mean_tie_year(edges).set_index("applicant_id")
    c["first_year"] = c["applicant_id"].map(years["first_year"])
    c["mean_year"] = c["applicant_id"].map(years["mean_year"]).round(2)
    docs = actors.drop_duplicates("applicant_id").set_index("applicant_id")["n_patents"] \
        if "n_patents" in actors else None
    c["documents"] = c["applicant_id"].map(docs).fillna(0).astype(int) if docs is not None else 0
    return c, ties


def _links(ties: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    ids = dict(zip(items["applicant_id"], items["vos_id"], strict=True))
    out = pd.DataFrame({"source_id": ties["u"].map(ids), "target_id": ties["v"].map(ids),
                        "strength": ties["n_patents"].astype(int)})
    return out.sort_values(["source_id", "target_id"]).reset_index(drop=True)


#: VOSviewer's weight and score columns: file column -> column of :func:`_items`.
VOS_WEIGHTS = {"Links": "degree", "Total link strength": "link_strength", "Documents": "documents"}
VOS_SCORES = {"Betweenness": "betweenness", "First year": "first_year", "Avg. year": "mean_year"}


def save_vosviewer(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
                   stem: str = "copatent_network", clusters: pd.DataFrame | None = None) -> list[Path]:
    """Write a VOSviewer map file and network file (``<stem>_vosviewer_map.txt``, ``…_network.txt``).

    Parameters
    ----------
    edges, actors : pandas.DataFrame
        Per-year edge table and actor table.
    out_dir : path
    stem : str
    clusters : pandas.DataFrame, optional
        :func:`netanalysis.metrics.communities` output; computed (Leiden, seed 0) when omitted.

    Returns
    -------
    list of pathlib.Path
        The map file and the network file.

    Notes
    -----
    Items are the actors with at least one tie, numbered 1 … n in ``applicant_id`` order.
    Map columns: ``id, label, cluster, weight<Links>`` (degree), ``weight<Total link strength>``
    (co-patents), ``weight<Documents>`` (the actor's patents), ``score<Betweenness>``,
    ``score<First year>`` (first year of a tie) and ``score<Avg. year>`` (mean year of its
    co-patents, weighted by co-patents: VOSviewer's overlay view).  Link strength = co-patents
    of the pair.  Labels are UTF-8, one line, formulas neutralised (a label starting with
    ``=``, ``+``, ``-`` or ``@`` gets a leading apostrophe) and quoted as the manual asks
    when they hold a comma, semicolon or double quote.  :func:`save_vosviewer_json` carries
    the same weights and scores.

    Examples
    --------
    >>> import tempfile
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [2], "weight": [2.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> m, n = save_vosviewer(e, act, tempfile.mkdtemp())
    >>> n.read_text().splitlines()
    ['1\\t2\\t2']
    """
    edges, actors = prepare(edges, actors)
    out = Path(out_dir)
    items, ties = _items(edges, actors, clusters)
    table = pd.DataFrame({"id": items["vos_id"], "label": items["label"], "cluster": items["cluster"]})
    for title, col in VOS_WEIGHTS.items():
        table[f"weight<{title}>"] = items[col]
    for title, col in VOS_SCORES.items():
        table[f"score<{title}>"] = items[col].round(6) if col == "betweenness" else items[col]
    map_path, net_path = out / f"{stem}_vosviewer_map.txt", out / f"{stem}_vosviewer_network.txt"
    # the manual: a label holding a comma or semicolon is enclosed in double quotes
    label = _spreadsheet_safe(table["label"])
    quoted = label.str.contains("[,;\"]", regex=True)
    table["label"] = label.where(~quoted, '"' + label.str.replace('"', '""', regex=False) + '"')
    lines = ["\t".join(table.columns)] + ["\t".join("" if pd.isna(x) else str(x) for x in row)
                                         for row in table.itertuples(index=False)]
    with atomic_path(map_path) as tmp:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with atomic_path(net_path) as tmp:
        _links(ties, items).to_csv(tmp, sep="\t", index=False, header=False, lineterminator="\n")
    return [map_path, net_path]


def save_vosviewer_json(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
                        stem: str = "copatent_network", clusters: pd.DataFrame | None = None) -> Path:
    """Write VOSviewer JSON (``<stem>_vosviewer.json``), as VOSviewer and VOSviewer Online read it.

    The same items, weights (``Links``, ``Total link strength``, ``Documents``) and scores
    (``Betweenness``, ``First year``, ``Avg. year``) as :func:`save_vosviewer`; the
    description holds the applicant id, the type and, for a name cut to :data:`MAX_LABEL`
    characters, the whole name.

    Examples
    --------
    >>> import tempfile, json
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [2], "weight": [2.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> doc = json.loads(save_vosviewer_json(e, act, tempfile.mkdtemp()).read_text())
    >>> doc["network"]["links"]
    [{'source_id': 1, 'target_id': 2, 'strength': 2}]
    >>> doc["network"]["items"][0]["weights"]
    {'Links': 1, 'Total link strength': 2, 'Documents': 0}
    """
    edges, actors = prepare(edges, actors)
    items, ties = _items(edges, actors, clusters)
    kind = actors.drop_duplicates("applicant_id").set_index("applicant_id")["actor_type"].astype(str) \
        if "actor_type" in actors else None
    desc = _one_line(items["applicant_id"])
    if kind is not None:
        desc = desc + " · " + _one_line(items["applicant_id"].map(kind))
    cut = items["full_name"] != items["label"]
    desc = desc.where(~cut, desc + " · " + items["full_name"])

    def num(x: Any, as_int: bool) -> Any:
        return None if pd.isna(x) else (int(x) if as_int else float(x))

    doc_items = [{"id": int(r["vos_id"]), "label": str(r["label"]), "description": d,
                  "cluster": int(r["cluster"]),
                  "weights": {t: num(r[c], True) for t, c in VOS_WEIGHTS.items()},
                  "scores": {t: num(r[c], c == "first_year") for t, c in VOS_SCORES.items()}}
                 for r, d in zip(items.to_dict("records"), desc, strict=True)]
    links = [{"source_id": int(a), "target_id": int(b), "strength": int(s)}
             for a, b, s in _links(ties, items).itertuples(index=False)]
    doc = {"config": {"terminology": {"item": "applicant", "items": "applicants", "link": "co-patent tie",
                                      "links": "co-patent ties", "link_strength": "co-patents"}},
           "network": {"items": doc_items, "links": links}}
    path = Path(out_dir) / f"{stem}_vosviewer.json"
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def pajek_labels(labels: pd.DataFrame) -> pd.Series:
    """Labels as written to Pajek: unique (a display name shared by several actors gets the
    applicant id in brackets, so readers keyed by label, like networkx, keep every actor),
    non-ASCII letters as ``&#dddd;`` (Pajek's own escape; the file is then plain ASCII).

    Examples
    --------
    >>> pajek_labels(export_labels(pd.Series(["x", "y"]), pd.Series(["대학", "대학"]))).tolist()
    ['&#45824;&#54617; [x]', '&#45824;&#54617; [y]']
    """
    label = labels["label"]
    dup = label.duplicated(keep=False)
    label = label.where(~dup, label + " [" + labels["applicant_id"] + "]")
    return label.map(lambda s: s.encode("ascii", "xmlcharrefreplace").decode("ascii"))


def save_pajek(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
               stem: str = "copatent_network") -> Path:
    """Write a Pajek ``.net`` file (display names, co-patent weights) with igraph's writer.

    Vertices are the actors with a tie in ``applicant_id`` order, each label quoted (so a
    one-word name such as ``FOS`` or ``ic`` is never read as a Pajek keyword), the display
    name as in every other export (:func:`pajek_labels`: non-ASCII as ``&#dddd;``, a quote
    as ``&#34;``); edge values are co-patents.  No coordinates are written: Pajek lays the
    network out itself.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [2], "weight": [2.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["FOS", "ic"], "actor_type": ["sme", "sme"]})
    >>> p = save_pajek(e, act, tempfile.mkdtemp())
    >>> p.read_text().splitlines()
    ['*Vertices 2', '1 "FOS"', '2 "ic"', '*Edges', '1 2 2']
    >>> G = nx.read_pajek(p)
    >>> sorted(G.nodes()), [d["weight"] for _, _, d in G.edges(data=True)]
    (['FOS', 'ic'], [2.0])
    """
    edges, actors = prepare(edges, actors)
    d = nw.collapse(edges)
    ids = pd.Series(sorted(set(d["u"]) | set(d["v"])))
    names = actors.drop_duplicates("applicant_id").set_index("applicant_id")["name"] if "name" in actors else None
    labels = export_labels(ids, ids.map(names) if names is not None else None)
    index = pd.Series(range(len(ids)), index=ids.to_numpy())
    h = ig.Graph(n=len(ids), edges=list(zip(index[d["u"]].to_numpy(), index[d["v"]].to_numpy(), strict=True)))
    h.vs["name"] = pajek_labels(labels).tolist()
    h.es["weight"] = d["n_patents"].astype(int).tolist()
    path = Path(out_dir) / f"{stem}.net"
    with atomic_path(path) as tmp:
        h.write_pajek(str(tmp))
    return path


def write_gexf(G: nx.Graph, path: str | os.PathLike[str], dynamic_titles: dict[str, str] | None = None) -> None:
    """Write ``G`` as GEXF 1.2draft with networkx's writer, made valid against the official XSD.

    networkx writes ``name=""`` on ``<graph>`` (the schema has no such attribute) and
    ``timeformat="long"`` for integer times (not one of ``integer, double, date,
    dateTime``); both are fixed here.  ``dynamic_titles`` renames dynamic attributes
    (networkx keeps ``weight`` for the edge's XML attribute, so the per-year weight is
    written under another key and titled ``weight`` here, as Gephi reads it).
    """
    from networkx.readwrite.gexf import GEXFWriter

    w = GEXFWriter(version="1.2draft")
    w.add_graph(G)
    w.graph_element.attrib.pop("name", None)
    if w.graph_element.get("timeformat") == "long":
        w.graph_element.set("timeformat", "integer")
    for old, new in (dynamic_titles or {}).items():
        for att in w.graph_element.iter("attribute"):
            if att.get("title") == old:
                att.set("title", new)
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        w.write(fh)


def _runs(years: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Consecutive years merged: ``keys…, start, end`` (one row per run of active years)."""
    years = years.assign(year=years["year"].astype(int))
    y = years.drop_duplicates([*keys, "year"]).sort_values([*keys, "year"]).reset_index(drop=True)
    new = (y[keys] != y[keys].shift()).any(axis=1) | (y["year"].diff() != 1)
    return (y.assign(run=new.cumsum()).groupby("run").agg(**{k: (k, "first") for k in keys},
                                                         start=("year", "min"), end=("year", "max"))
            .reset_index(drop=True))


def _pairs(df: pd.DataFrame, keys: list[str], cols: list[str]) -> pd.Series:
    """One list of tuples of ``cols`` per key (what networkx takes for spells and dynamic values)."""
    rows = pd.Series(list(zip(*(df[c].tolist() for c in cols), strict=True)), index=df.index)
    return rows.groupby([df[k] for k in keys], sort=False).agg(list)


def save_dynamic_gexf(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
                      stem: str = "copatent_network") -> Path:
    """Write a dynamic GEXF: each actor and tie active in the years it co-patents.

    GEXF 1.2draft, ``timeformat="integer"`` (years).  Spells are closed intervals, one per
    run of consecutive active years; each tie's dynamic ``weight`` is its co-patents of each
    year (Gephi's timeline shows the tie at that strength in that year); the whole period's
    totals are in the static GEXF.  Edges carry no static attribute: Gephi Lite's parser
    (graphology-gexf) reads one ``<attributes>`` block per class, so a static and a dynamic
    block for edges would leave it with one of them.  Valid against the official GEXF
    1.2draft XSD.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> e = pd.DataFrame({"u": ["a", "a", "a"], "v": ["b", "b", "b"], "year": [2010, 2011, 2013],
    ...                   "n_patents": [1, 3, 1], "weight": [1.0, 3.0, 1.0]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["A", "B"], "actor_type": ["sme", "sme"]})
    >>> G = nx.read_gexf(save_dynamic_gexf(e, act, tempfile.mkdtemp()))
    >>> G.graph["mode"], G.edges["a", "b"]["spells"]
    ('dynamic', [(2010, 2011), (2013, 2013)])
    >>> G.edges["a", "b"]["weight"]
    [(1.0, 2010, 2010), (3.0, 2011, 2011), (1.0, 2013, 2013)]
    """
    edges, actors = prepare(edges, actors)
    e = edges.groupby(["u", "v", "year"])["n_patents"].sum().reset_index()
    e["year"] = e["year"].astype(int)
    node_years = pd.concat([e[["u", "year"]].rename(columns={"u": "id"}), e[["v", "year"]].rename(columns={"v": "id"})])
    node_spells = _pairs(_runs(node_years, ["id"]), ["id"], ["start", "end"])
    edge_spells = _pairs(_runs(e[["u", "v", "year"]], ["u", "v"]), ["u", "v"], ["start", "end"])
    per_year = _pairs(e.assign(w=e["n_patents"].astype(float), end=e["year"]), ["u", "v"], ["w", "year", "end"])

    act = actors.drop_duplicates("applicant_id").set_index("applicant_id")
    ids = pd.Series(node_spells.index.astype(str), index=node_spells.index)
    labels = export_labels(ids, ids.map(act["name"]) if "name" in act else None)
    nodes = pd.DataFrame({"label": labels["label"]})
    for col in ("actor_type", "region", "country"):
        if col in act:
            nodes[col] = _one_line(ids.map(act[col]))
    cut = labels["full_name"] != labels["label"]
    G = nx.Graph(mode="dynamic")
    for nid, row, spells, full, is_cut in zip(labels["applicant_id"], nodes.to_dict("records"), node_spells,
                                              labels["full_name"], cut, strict=True):
        attrs: dict[str, Any] = {str(k): x for k, x in row.items()}
        G.add_node(nid, **attrs, spells=spells, **({"full_name": full} if is_cut else {}))
    for key, spells in edge_spells.items():  # ids are clean already (prepare)
        u, v = cast(tuple[str, str], key)
        G.add_edge(u, v, spells=spells, weight_per_year=per_year[(u, v)])
    path = Path(out_dir) / f"{stem}_dynamic.gexf"
    write_gexf(G, path, dynamic_titles={"weight_per_year": "weight"})
    return path


__all__ = ["MAX_LABEL", "check_ids", "export_labels", "pajek_labels", "prepare", "save_dynamic_gexf", "save_pajek",
           "save_vosviewer", "save_vosviewer_json", "write_gexf"]


def save_html(edges: pd.DataFrame, actors: pd.DataFrame, out_dir: str | os.PathLike[str],
              stem: str = "copatent_network", applications: pd.DataFrame | None = None,
              clusters: pd.DataFrame | None = None, credit: str | None = None,
              color_by: str = "actor_type", size_by: str = "betweenness") -> Path:
    """Write ``<stem>.html``: the interactive view (search, hover cards, colour by type).

    Parameters
    ----------
    edges : pandas.DataFrame
        Per-year edge table.
    actors : pandas.DataFrame
        Actor table.
    out_dir : path
        Output folder (exists).
    stem : str
        File name without extension.
    applications : pandas.DataFrame, optional
        The canonical long table: each tie then lists its patents.
    clusters : pandas.DataFrame, optional
        :func:`netanalysis.metrics.communities` output (computed when omitted).
    credit : str, optional
        Source line under the view.
    color_by : str
        Node colour: ``actor_type``, ``cluster``, ``region``, ``country`` …
    size_by : str
        Node size: ``betweenness``, ``degree``, ``link_strength`` …

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "c"], "year": [2010, 2011], "n_patents": [1, 2],
    ...                   "weight": [1.0, 2.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abc"), "name": ["A", "B", "C"],
    ...                     "actor_type": ["university", "sme", "sme"]})
    >>> save_html(e, act, tempfile.mkdtemp()).name  # doctest: +SKIP
    'copatent_network.html'
    """
    from .plotting.viewer import save_interactive_html

    g = nw.to_igraph(edges, actors)
    items, _ = _items(edges, actors, clusters, g)
    table = items.drop(columns=["vos_id"])
    return save_interactive_html(g, Path(out_dir) / f"{stem}.html", table,
                                 applications=applications, title="Co-patent network", credit=credit,
                                 color_by=color_by, size_by=size_by)
