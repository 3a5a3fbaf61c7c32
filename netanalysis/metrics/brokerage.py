"""Gould–Fernandez brokerage roles in an undirected co-patenting network."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError
from ..network import collapse
from ..schema import BROKERAGE_ROLES, require_columns


def brokerage(edges: pd.DataFrame, actors: pd.DataFrame, group: str = "actor_type") -> pd.DataFrame:
    """Count the open two-paths each actor brokers, by the groups of the three actors.

    Parameters
    ----------
    edges : pandas.DataFrame
        Edge table (per year or collapsed).
    actors : pandas.DataFrame
        Actor table with the ``group`` column (``actor_type``, ``region`` …).
    group : str
        Attribute defining the groups.

    Returns
    -------
    pandas.DataFrame
        One row per actor in the edges: ``applicant_id``, ``group``, the counts
        ``coordinator``, ``itinerant``, ``gatekeeper_representative``, ``liaison`` and
        ``total``; ``unknown`` (open two-paths with an end of unknown group: counted apart,
        never as a role); and for each role ``expected_<role>`` (its count under random
        assignment of the groups, see Notes) and ``ratio_<role>`` (observed / expected,
        missing where nothing is expected).

    Notes
    -----
    For every broker *b* and every unordered pair of its partners *a*, *c* that are not
    tied to each other (an open two-path a – b – c), with groups :math:`g(\\cdot)`:
    coordinator if :math:`g(a)=g(b)=g(c)`; itinerant if :math:`g(a)=g(c)\\ne g(b)`;
    gatekeeper/representative if *b* shares its group with exactly one of *a*, *c*
    (the two directed roles cannot be told apart without direction); liaison if all
    three differ.  Wedges are enumerated with a self-join of the edge list, not a loop.

    An end whose group is unknown (``""`` or missing, e.g. a region that could not be
    told) makes the two-path ``unknown``: unknown is not a group.

    Expectation (Gould & Fernandez 1989): keep each broker's group and its number of
    open two-paths :math:`T_b`, and draw the groups of *a* and *c* at random, without
    replacement, from the other :math:`N - 1` actors of known group (group sizes
    :math:`n_G` as observed).  With :math:`D = (N-1)(N-2)` and *B* the broker's group:
    :math:`p_{coord} = (n_B-1)(n_B-2)/D`, :math:`p_{itin} = \\sum_{G \\ne B} n_G(n_G-1)/D`,
    :math:`p_{gate/rep} = 2(n_B-1)(N-n_B)/D`, and :math:`p_{liaison}` the rest; the
    expected count is :math:`T_b \\, p_{role}`.  A ratio above 1 says the actor brokers in
    that role more than its number of two-paths alone would give — raw counts grow
    with degree, the ratio does not.

    References
    ----------
    R. V. Gould and R. M. Fernandez, "Structures of mediation: A formal approach to
    brokerage in transaction networks", Sociological Methodology 19 (1989) 89–126.

    Examples
    --------
    >>> e = pd.DataFrame({"u": ["a", "b"], "v": ["b", "c"], "n_patents": [1, 1], "weight": [1.0, 1.0]})
    >>> act = pd.DataFrame({"applicant_id": list("abc"), "actor_type": ["sme", "university", "research_institute"]})
    >>> brokerage(e, act).set_index("applicant_id").loc["b", list(BROKERAGE_ROLES)].tolist()
    [0, 0, 0, 1]
    """
    check_inputs(edges, actors)
    require_columns(actors, ["applicant_id", group], "actors")
    if edges.empty:
        raise NetworkInputError("the edge table is empty: no brokers")
    e = collapse(edges) if "year" in edges.columns else edges
    ids, uniq = pd.factorize(pd.concat([e["u"], e["v"]], ignore_index=True), sort=True)
    m = len(e)
    u, v = ids[:m].astype(np.int64), ids[m:].astype(np.int64)
    n = len(uniq)
    grp = pd.Series(uniq).map(actors.drop_duplicates("applicant_id").set_index("applicant_id")[group]
                               .astype("string")).fillna("").replace({"nan": ""}).to_numpy(dtype=object)
    adj = pd.DataFrame({"b": np.concatenate([u, v]), "x": np.concatenate([v, u])})
    w = adj.merge(adj, on="b", suffixes=("_a", "_c"))
    w = w[w["x_a"] < w["x_c"]]
    tied = set((u * n + v).tolist()) | set((v * n + u).tolist())
    closed = np.isin(w["x_a"].to_numpy() * n + w["x_c"].to_numpy(), np.fromiter(tied, dtype=np.int64))
    w = w[~closed]
    ga, gb, gc = grp[w["x_a"].to_numpy()], grp[w["b"].to_numpy()], grp[w["x_c"].to_numpy()]
    unknown = (ga == "") | (gb == "") | (gc == "")
    role = np.select(
        [unknown, (ga == gb) & (gb == gc), (ga == gc) & (ga != gb), (gb == ga) ^ (gb == gc)],
        ["unknown", "coordinator", "itinerant", "gatekeeper_representative"],
        default="liaison",
    )
    cols = [*BROKERAGE_ROLES, "unknown"]
    counts = pd.crosstab(w["b"].to_numpy(), role).reindex(index=range(n), columns=cols, fill_value=0)
    counts.columns.name = None  # crosstab's "col_0" is no column name of the output
    out = counts.astype("int64")
    out.insert(0, "applicant_id", uniq)
    out.insert(1, "group", grp)
    out.insert(len(BROKERAGE_ROLES) + 2, "total", out[list(BROKERAGE_ROLES)].sum(axis=1))
    expected = _expected_roles(grp, out["total"].to_numpy())
    for role_name in BROKERAGE_ROLES:
        out[f"expected_{role_name}"] = expected[role_name]
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"ratio_{role_name}"] = np.where(expected[role_name] > 0,
                                                 out[role_name] / expected[role_name], np.nan)
    return out.reset_index(drop=True)


def _expected_roles(grp: np.ndarray, total: np.ndarray) -> dict[str, np.ndarray]:
    """Gould–Fernandez expected counts: the broker's two-paths times each role's chance when
    the groups of its two partners are drawn without replacement from the other actors."""
    known = grp != ""
    sizes = pd.Series(grp[known]).value_counts()
    big_n = int(known.sum())
    d = (big_n - 1) * (big_n - 2)
    n_b = pd.Series(grp).map(sizes).fillna(0).to_numpy(float)
    pairs_all = float((sizes * (sizes - 1)).sum())
    if d <= 0:
        zero = np.zeros(len(grp))
        return {r: zero for r in BROKERAGE_ROLES}
    p = {
        "coordinator": (n_b - 1) * (n_b - 2) / d,
        "itinerant": (pairs_all - n_b * (n_b - 1)) / d,
        "gatekeeper_representative": 2 * (n_b - 1) * (big_n - n_b) / d,
    }
    p["liaison"] = 1 - p["coordinator"] - p["itinerant"] - p["gatekeeper_representative"]
    return {r: np.where(known, total * np.clip(p[r], 0, 1), np.nan) for r in BROKERAGE_ROLES}


def brokerage_by_group(table: pd.DataFrame) -> pd.DataFrame:
    """Mean brokerage counts per actor of each group, and each group's share of all roles.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`brokerage` output.

    Returns
    -------
    pandas.DataFrame
        ``group, n, mean_<role> …, mean_total, share_of_total`` and, when the table has
        expectations, ``ratio_<role>`` (the group's observed count over its expected
        count, summed over its actors), highest mean first.  Actors of unknown group
        (``""``) are not a group: they are left out.

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["u", "s"], "coordinator": [0, 0], "itinerant": [2, 0],
    ...     "gatekeeper_representative": [1, 0], "liaison": [1, 0], "total": [4, 0]})
    >>> brokerage_by_group(t)[["group", "n", "mean_total", "share_of_total"]]
      group  n  mean_total  share_of_total
    0     u  1         4.0             1.0
    1     s  1         0.0             0.0
    """
    table = table[table["group"].fillna("").astype(str) != ""]
    g = table.groupby("group", sort=False)
    out = g[[*BROKERAGE_ROLES, "total"]].mean().add_prefix("mean_")
    out.insert(0, "n", g.size())
    tot = table["total"].sum()
    out["share_of_total"] = g["total"].sum() / tot if tot else 0.0
    for role in BROKERAGE_ROLES:
        if f"expected_{role}" in table:
            exp = g[f"expected_{role}"].sum()
            out[f"ratio_{role}"] = (g[role].sum() / exp).where(exp > 0)
    return out.reset_index().sort_values("mean_total", ascending=False, kind="stable").reset_index(drop=True)
