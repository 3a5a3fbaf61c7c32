"""Bootstrap confidence intervals for the headline shares: patents resampled, or actors.

Two resampling units, each with its own question:

* ``unit="patents"``: the focus's patents drawn with replacement (each copy its own patent).
  The interval says how much a share depends on which patents happened to be filed, but
  it treats patents as independent, and one actor's patents are not (an actor with many
  patents moves many ties at once).
* ``unit="actors"``: the actors of the focal network drawn with replacement, every tie of
  a drawn actor kept with each copy of its partner (the vertex bootstrap of Snijders &
  Borgatti 1999, the resampling counterpart of dyadic-cluster variance, Aronow, Samii &
  Assenova 2015).  All the ties of one actor move together, so the dependence between
  ties that share an actor is in the interval; it is the one the report's sentences quote.

Both keep every actor's observed type and region (the rule of ``docs/methods.md``), count
the samples in which each share is defined (``n_valid``) and compute each interval from
those only, saying so when they are fewer than :data:`MIN_VALID_SHARE` of the samples.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import igraph as ig
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .. import metrics as m
from .. import network as nw
from .._errors import NetworkInputError
from .._parallel import map_batches, resolve_jobs
from ..ingest import usual_value
from ..regions import parse_region_codes, within
from .indicators import INDICATORS, SHARES, UNIV_SME, _by_type, headline_indicators, sme_comparable

#: Below this share of samples in which a share is defined, its interval carries a warning.
MIN_VALID_SHARE = 0.9

#: With fewer resampled units than this, the report calls the intervals unreliable: a bootstrap
#: from a handful of patents or actors can only recombine them, and its percentiles are coarse.
MIN_UNITS = 30

#: Most bootstrap samples of one unit: 10,000 pin a 99 % percentile interval's ends; more is an hour
#: of work for digits no report prints.
MAX_SAMPLES = 10_000


def check_samples(n: object) -> None:
    """Refuse a number of bootstrap samples that is not a whole number from 2 to :data:`MAX_SAMPLES`.

    Parameters
    ----------
    n : object
        The samples asked for (``--bootstrap N``, ``n_boot=``).

    Raises
    ------
    NetworkInputError
        Naming the number, what is expected and a usual value.

    Examples
    --------
    >>> check_samples(50)
    >>> check_samples(0)
    Traceback (most recent call last):
    ...
    netanalysis._errors.NetworkInputError: bootstrap samples = 0; expected a whole number from 2 to 10,000 ...
    """
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or not 2 <= n <= MAX_SAMPLES:
        shown = f"{n:,}" if isinstance(n, (int, np.integer)) and not isinstance(n, bool) else repr(n)
        raise NetworkInputError(f"bootstrap samples = {shown}; expected a whole number from 2 to {MAX_SAMPLES:,} "
                                "(e.g. --bootstrap 50; 1,000 for publication)")


#: The resampling units, and the words the report uses for each.
UNITS: dict[str, str] = {
    "patents": "the focus's patents (patents with an applicant placed in the focus), drawn with replacement",
    "actors": "the actors of the focal network, drawn with replacement within the focus and among its "
              "outside partners (vertex bootstrap; all ties of a drawn actor kept)",
}


@dataclass(frozen=True)
class _Ties:
    """The focus's observed ties (dyads over the period, in :func:`netanalysis.network.collapse`'s
    order) and what each adds to the shares; a sample weighs each by its copies, so no table is
    rebuilt per sample.  Each flag is computed once by the metric functions the shares are
    defined by (``dyad_persistence``, ``tie_openness``, ``type_mixing``'s rule)."""

    u: np.ndarray  # node codes of each tie's ends (u's id sorts before v's)
    v: np.ndarray
    nodes: np.ndarray  # ids of the nodes
    rank: np.ndarray  # each node's place in the ids sorted as text
    node_type: np.ndarray  # actor_type and region as the graph carries them (to_igraph's cleaning)
    node_region: np.ndarray
    univ_sme: np.ndarray  # one-time shares: a typed university–SME tie, another typed tie (firms of
    other: np.ndarray  # unknown size with a university left out of both), one-time
    one_time: np.ndarray
    placed: np.ndarray  # openness: the partner's place is known, outside the focus, a large firm,
    outside: np.ndarray  # the large scope as observed
    large_firm: np.ndarray
    large: np.ndarray
    univ_touch: np.ndarray  # univ–univ share: the tie touches the focus's universities, both ends
    univ_row: np.ndarray  # typed; the share's denominator (a university end) and numerator
    univ_univ: np.ndarray
    pair_tie: np.ndarray  # patents: each (tie, patent) of the focus's patents, and whether the patent
    pair_patent: np.ndarray  # has three or more applicants
    pair_big: np.ndarray


@dataclass(frozen=True)
class _BootState:
    unit: str
    applications: pd.DataFrame  # patents: the focus's rows, region = the actor's observed place
    patent_codes: np.ndarray  # patents: row -> patent code
    n_patents: int
    edges: pd.DataFrame  # actors: the observed per-year edge table
    u_code: np.ndarray  # actors: edge row -> node code of u, of v
    v_code: np.ndarray
    pair_u: np.ndarray  # actors: node codes of each distinct observed tie
    pair_v: np.ndarray
    nodes: np.ndarray  # actors: node labels
    strata: tuple[np.ndarray, ...]  # actors: node codes of each stratum (focus, outside)
    actors: pd.DataFrame
    region: list[str] | None
    end_year: int | None
    core: dict[str, list[str]] | None
    univ_sme: np.ndarray  # patents: per observed typed dyad, is it a university–SME tie
    one_time: np.ndarray  # patents: per observed typed dyad, is it one-time
    ties: _Ties | None = None  # the per-tie counts of the samples (None: rebuild the tables, the reference)


def _one_time_shares(state: _BootState, rng: np.random.Generator) -> tuple[float, float]:
    """University–SME and other one-time shares of one sample of the observed ties."""
    pick = rng.integers(0, len(state.one_time), len(state.one_time))
    us, once = state.univ_sme[pick], state.one_time[pick]
    mean = lambda x: float(x.mean()) if len(x) else float("nan")  # noqa: E731
    return mean(once[us]), mean(once[~us])


def _shares(state: _BootState, edges: pd.DataFrame, actors: pd.DataFrame,
            centrality: pd.DataFrame | None = None) -> np.ndarray:
    """The shares of one resampled network; all undefined when it has no tie or a metric
    finds nothing to measure (counted by the caller as an undefined sample)."""
    if edges.empty:
        return np.full(len(SHARES), np.nan)
    try:
        s = headline_indicators(edges, actors, state.region, centrality, end_year=state.end_year, core=state.core,
                                survival=False)  # the Kaplan–Meier shares are not resampled
    except NetworkInputError:  # e.g. no tie left touching the focus: nothing to measure
        return np.full(len(SHARES), np.nan)
    return s[list(SHARES)].to_numpy(dtype=float)


def _patent_sample(state: _BootState, rng: np.random.Generator) -> np.ndarray:
    """Patents drawn with replacement, each copy its own patent (ties drawn with replacement
    for the one-time shares, since a patent drawn twice would turn a one-time tie into two)."""
    one_time = _one_time_shares(state, rng) if len(state.one_time) else (float("nan"), float("nan"))
    draws = np.bincount(rng.integers(0, state.n_patents, state.n_patents), minlength=state.n_patents)
    times = draws[state.patent_codes]
    apps = state.applications.loc[state.applications.index.repeat(times)]
    copy = apps.groupby(level=0).cumcount().astype(str)
    apps = apps.assign(patent_id=apps["patent_id"].astype(str) + "#" + copy.to_numpy()).reset_index(drop=True)
    # the region column holds each actor's observed place, so the focus is the observed one
    edges = nw.edges_from_applications(apps, region=state.region) if state.region else \
        nw.edges_from_applications(apps)
    out = _shares(state, edges, state.actors)
    out[SHARES.index("univ_sme_one_time")], out[SHARES.index("other_one_time")] = one_time
    out[SHARES.index("one_time_gap")] = one_time[0] - one_time[1]
    return out


def _actor_sample(state: _BootState, rng: np.random.Generator) -> np.ndarray:
    """Actors drawn with replacement in each stratum; a tie between actors drawn ``k_u`` and
    ``k_v`` times appears ``k_u · k_v`` times, once between each pair of copies."""
    k = np.zeros(len(state.nodes), dtype=np.int64)
    for stratum in state.strata:
        k += np.bincount(stratum[rng.integers(0, len(stratum), len(stratum))], minlength=len(k))
    ku, kv = k[state.u_code], k[state.v_code]
    rep = ku * kv
    row = np.repeat(np.arange(len(rep)), rep)
    offset = np.arange(len(row)) - np.repeat(np.cumsum(rep) - rep, rep)
    cu, cv = offset // kv[row], offset % kv[row]
    e = state.edges.iloc[row].reset_index(drop=True)
    u = e["u"].astype(str).to_numpy(dtype=object) + "#" + cu.astype(str).astype(object)
    v = e["v"].astype(str).to_numpy(dtype=object) + "#" + cv.astype(str).astype(object)
    swap = u > v
    e["u"], e["v"] = np.where(swap, v, u), np.where(swap, u, v)
    drawn = np.flatnonzero(k)
    copies = np.repeat(drawn, k[drawn])
    number = np.arange(len(copies)) - np.repeat(np.cumsum(k[drawn]) - k[drawn], k[drawn])
    ids = pd.Series(state.nodes[copies], dtype=object)
    act = state.actors.set_index("applicant_id").reindex(ids.to_numpy()).reset_index()
    act["applicant_id"] = (ids + "#" + pd.Series(number.astype(str), dtype=object)).to_numpy()
    if e.empty:
        return _shares(state, e, act)
    cent = m.centrality(nw.to_igraph(e, act), normalized=False)
    original = pd.Index(state.nodes).get_indexer(cent["applicant_id"].astype(str).str.rsplit("#", n=1).str[0])
    between = cent["betweenness"].to_numpy(dtype=float) - _copy_pairs(state, k)[original]
    cent = cent.assign(betweenness=np.maximum(between, 0.0))
    return _shares(state, e, act, cent)


def _copy_pairs(state: _BootState, k: np.ndarray) -> np.ndarray:
    """Per copy of each actor, the betweenness that pairs of copies of one actor give it.

    Two copies of actor ``j`` are not tied and share every neighbour, so each of their
    ``C(k_j, 2)`` pairs is joined by exactly ``deg'(j)`` shortest paths of length 2, one
    through each neighbour copy (``deg'(j)`` = the sum of ``k`` over ``j``'s partners):
    every copy of a partner ``i`` of ``j`` gets ``C(k_j, 2) / deg'(j)``.  These pairs are
    not pairs of actors; their share is taken off so that betweenness counts pairs of
    distinct actors only, as on the observed network.
    """
    i, j = state.pair_u, state.pair_v
    deg = np.bincount(i, weights=k[j], minlength=len(k)) + np.bincount(j, weights=k[i], minlength=len(k))
    pairs = k * (k - 1) / 2.0
    with np.errstate(invalid="ignore", divide="ignore"):
        per = np.where(deg > 0, pairs / np.where(deg > 0, deg, 1), 0.0)
    return np.bincount(i, weights=per[j], minlength=len(k)) + np.bincount(j, weights=per[i], minlength=len(k))


def _batch(state: _BootState, seeds: list[np.random.SeedSequence]) -> np.ndarray:
    if state.ties is None:  # the definition: each sample's tables rebuilt and measured by the metrics
        draw = _patent_sample if state.unit == "patents" else _actor_sample
    else:
        draw = _patent_counts if state.unit == "patents" else _actor_counts
    return np.vstack([draw(state, np.random.default_rng(s)) for s in seeds])


# --- the samples by counts: each observed tie weighed by its copies ------------------------

def _ratio(num: float, den: float) -> float:
    """``num / den`` as the tables give it (a share of nothing undefined)."""
    return float(np.float64(num) / np.float64(den)) if den else float("nan")


def _count_shares(t: _Ties, w: np.ndarray, large: np.ndarray, focal: bool) -> dict[str, float]:
    """The shares other than betweenness, from each tie's number of copies ``w`` (0: not in the
    sample) and whether it counts in the large scope — the numbers of ``headline_indicators``
    on the sample's tables: ``persistence_by_type_pair``'s one-time shares, ``regional_openness``'s
    outside shares and ``type_mixing``'s university row."""
    total = lambda mask: float(w[mask].sum())  # noqa: E731  (integers: exact in any order)
    out = {"univ_sme_one_time": float("nan"), "other_one_time": float("nan")}
    if total(t.univ_sme | t.other):  # persistence_by_type_pair over the typed, comparable ties
        out["univ_sme_one_time"] = _ratio(total(t.univ_sme & t.one_time), total(t.univ_sme))
        out["other_one_time"] = _ratio(total(t.other & t.one_time), total(t.other))
    if focal:  # regional_openness: shares of the ties whose partner is placed
        out["outside_all"] = _ratio(total(t.outside), total(t.placed))
        out["outside_large"] = _ratio(total(t.outside & large), total(t.placed & large))
    else:
        out["outside_all"] = out["outside_large"] = float("nan")
    row = total(t.univ_row)  # type_mixing's university row on the ties of the focus's universities
    out["univ_univ_share"] = _ratio(total(t.univ_univ), row) if total(t.univ_touch) else float("nan")
    return out


def _shares_of(out: dict[str, float], between: float) -> np.ndarray:
    """The SHARES row from the counted shares and the betweenness share."""
    out = {**out, "univ_share_betweenness": between}
    out["one_time_gap"] = out["univ_sme_one_time"] - out["other_one_time"]
    out["outside_gap"] = out["outside_large"] - out["outside_all"]
    return np.array([out[k] for k in SHARES], dtype=float)


def _betweenness_share(state: _BootState, names: np.ndarray, node: np.ndarray, first: np.ndarray,
                       second: np.ndarray, normalized: bool, k: np.ndarray | None = None) -> float:
    """Universities' share of the betweenness of the focus's actors in the sample's network:
    vertices ``names`` (sorted, as ``to_igraph`` orders them; ``node`` their actor), ties
    ``(first, second)`` (vertex numbers, in ``collapse``'s order), measured by
    ``metrics.centrality`` as on the sample's tables (``k``: the actors' copies, whose pairs'
    betweenness is taken off as in the actor bootstrap)."""
    t = state.ties
    assert t is not None
    g = ig.Graph(n=len(names), edges=np.column_stack([first, second]).tolist(), directed=False)
    g.vs["name"] = names.tolist()
    g.vs["actor_type"] = t.node_type[node].tolist()
    g.vs["region"] = t.node_region[node].tolist()
    cent = m.centrality(g, normalized=normalized)
    if k is not None:
        original = pd.Series(np.arange(len(names)), index=names).reindex(cent["applicant_id"]).to_numpy()
        between = cent["betweenness"].to_numpy(dtype=float) - _copy_pairs(state, k)[node[original]]
        cent = cent.assign(betweenness=np.maximum(between, 0.0))
    if state.region:
        cent = cent[within(cent["region"].fillna("").astype(str), state.region)]
    return _by_type(cent, "betweenness")[0]


def _patent_counts(state: _BootState, rng: np.random.Generator) -> np.ndarray:
    """:func:`_patent_sample` by counts: a tie is in the sample when one of its patents is drawn,
    and in the large scope when a large firm is at an end or one of its patents of three or more
    applicants is drawn; the same numbers, the same random stream."""
    t = state.ties
    assert t is not None
    one_time = _one_time_shares(state, rng) if len(state.one_time) else (float("nan"), float("nan"))
    draws = np.bincount(rng.integers(0, state.n_patents, state.n_patents), minlength=state.n_patents)
    d = draws[t.pair_patent].astype(np.float64)
    w = (np.bincount(t.pair_tie, weights=d, minlength=len(t.u)) > 0).astype(np.int64)
    if not w.any():
        out = np.full(len(SHARES), np.nan)
    else:
        big = np.bincount(t.pair_tie[t.pair_big], weights=d[t.pair_big], minlength=len(t.u)) > 0
        shares = _count_shares(t, w, t.large_firm | big, bool(state.region))
        kept = np.flatnonzero(w)
        ru, rv = t.rank[t.u[kept]], t.rank[t.v[kept]]
        used = np.unique(np.concatenate([ru, rv]))  # the vertices, in the ids' sorted order
        first, second = np.searchsorted(used, ru), np.searchsorted(used, rv)
        order = np.lexsort((second, first))
        node = np.argsort(t.rank)[used]
        out = _shares_of(shares, _betweenness_share(state, t.nodes[node], node, first[order], second[order],
                                                    normalized=True))
    out[SHARES.index("univ_sme_one_time")], out[SHARES.index("other_one_time")] = one_time
    out[SHARES.index("one_time_gap")] = one_time[0] - one_time[1]
    return out


def _actor_sample_k(state: _BootState, rng: np.random.Generator) -> np.ndarray:
    """Copies of each actor in one actor sample (drawn with replacement in each stratum)."""
    k = np.zeros(len(state.nodes), dtype=np.int64)
    for stratum in state.strata:
        k += np.bincount(stratum[rng.integers(0, len(stratum), len(stratum))], minlength=len(k))
    return k


def _actor_counts(state: _BootState, rng: np.random.Generator) -> np.ndarray:
    """:func:`_actor_sample` by counts: a tie between actors drawn ``k_u`` and ``k_v`` times is
    ``k_u · k_v`` ties between copies, each with the tie's history, place and types; the network
    of copies is built from integer codes only for its betweenness.  The same numbers, the same
    random stream."""
    t = state.ties
    assert t is not None
    k = _actor_sample_k(state, rng)
    w = k[t.u] * k[t.v]
    if not w.any():
        return np.full(len(SHARES), np.nan)
    shares = _count_shares(t, w, t.large, bool(state.region))
    row = np.repeat(np.arange(len(w)), w)  # one row per tie between copies
    offset = np.arange(len(row)) - np.repeat(np.cumsum(w) - w, w)
    kv = k[t.v[row]]
    base = np.cumsum(k) - k  # copy c of actor j is copy number base[j] + c
    a, b = base[t.u[row]] + offset // kv, base[t.v[row]] + offset % kv
    used = np.unique(np.concatenate([a, b]))
    node = np.repeat(np.arange(len(k)), k)[used]
    names = (pd.Series(t.nodes[node], dtype=object) + "#"
             + pd.Series((used - base[node]).astype(str), dtype=object)).to_numpy(dtype=object)
    order = np.argsort(names, kind="stable")  # the vertices as to_igraph sorts them: by id as text
    place = np.empty(len(order), dtype=np.int64)
    place[order] = np.arange(len(order))
    pa, pb = place[np.searchsorted(used, a)], place[np.searchsorted(used, b)]
    first, second = np.minimum(pa, pb), np.maximum(pa, pb)
    ties = np.lexsort((second, first))
    return _shares_of(shares, _betweenness_share(state, names[order], node[order], first[ties], second[ties],
                                                 normalized=False, k=k))


def _ties(edges: pd.DataFrame, actors: pd.DataFrame, region: list[str] | None, core: dict[str, list[str]] | None,
          nodes: np.ndarray | None = None, located: pd.DataFrame | None = None,
          patent_codes: np.ndarray | None = None) -> _Ties:
    """The per-tie flags of the observed focal ties, from the metric functions (see :class:`_Ties`);
    ``nodes`` the node ids to code the ties by (their factorised order, which the actor draws use),
    ``located`` / ``patent_codes`` the focus's application rows and their patent codes (patents)."""
    ties = nw.collapse(edges)[["u", "v", "n_patents"]].reset_index(drop=True)
    ends = pd.concat([ties["u"], ties["v"]], ignore_index=True).astype(str)
    if nodes is None:
        nodes = np.asarray(pd.unique(ends), dtype=object)
    index = pd.Index(nodes)
    u, v = index.get_indexer(ties["u"].astype(str)), index.get_indexer(ties["v"].astype(str))
    rank = np.empty(len(nodes), dtype=np.int64)
    rank[np.argsort(nodes.astype(str), kind="stable")] = np.arange(len(nodes))
    acts = actors.drop_duplicates("applicant_id").set_index("applicant_id")
    attrs = acts.reindex(nodes)
    clean = lambda col: (attrs[col].astype(object).where(attrs[col].notna(), "").astype(str).to_numpy(dtype=object)  # noqa: E731
                         if col in attrs else np.full(len(nodes), "", dtype=object))
    key = pd.MultiIndex.from_frame(ties[["u", "v"]])
    # one-time shares: the typed dyads of dyad_persistence, as headline_indicators pools them
    dyads = sme_comparable(m.dyad_persistence(edges, actors)).set_index(["u", "v"])
    typed = key.isin(dyads.index)
    pair = dyads["type_pair"].reindex(key).to_numpy(dtype=object)
    univ_sme = typed & (pair == UNIV_SME)
    one_time = (ties["n_patents"] == 1).to_numpy()
    # openness: tie_openness, the table regional_openness counts
    if region:
        o = m.tie_openness(edges, actors, region, core=core).set_index(["u", "v"]).reindex(key)
        category = o["category"].to_numpy(dtype=object)
        placed, outside = category != "unknown", (category != "unknown") & (category != "internal")
        large_firm, large = o["large_firm"].to_numpy(dtype=bool), o["large"].to_numpy(dtype=bool)
    else:
        placed = outside = large_firm = large = np.zeros(len(ties), dtype=bool)
    # the university row of type_mixing over the ties of the focus's universities (_univ_univ)
    kind = acts["actor_type"].astype("string")
    ga = ties["u"].map(kind).fillna("").to_numpy(dtype=object)
    gb = ties["v"].map(kind).fillna("").to_numpy(dtype=object)
    known = (ga != "") & (gb != "")
    touch = np.ones(len(ties), dtype=bool)
    if region and "region" in actors.columns:
        a = actors.drop_duplicates("applicant_id")
        ours = a.loc[(a["actor_type"].astype(str) == "university")
                     & within(a["region"].fillna("").astype(str), region), "applicant_id"]
        touch = (ties["u"].isin(ours) | ties["v"].isin(ours)).to_numpy()
    univ_end = (ga == "university") | (gb == "university")
    pair_tie = pair_patent = np.zeros(0, dtype=np.int64)
    pair_big = np.zeros(0, dtype=bool)
    if located is not None and patent_codes is not None:
        pair_tie, pair_patent, pair_big = _patent_pairs(located, patent_codes, ties, region)
    return _Ties(np.asarray(u), np.asarray(v), nodes, rank, clean("actor_type"), clean("region"), univ_sme,
                 typed & ~univ_sme, one_time, placed, outside, large_firm, large, touch & known,
                 touch & known & univ_end, touch & known & (ga == "university") & (gb == "university"),
                 pair_tie, pair_patent, pair_big)


def _patent_pairs(located: pd.DataFrame, patent_codes: np.ndarray, ties: pd.DataFrame,
                  region: list[str] | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each (tie, patent) of the focus's patents — the pairs ``edges_from_applications`` counts:
    distinct applicants of a patent, both ends or one in the focus (``touching``) — and whether
    the patent has three or more distinct applicants."""
    ids = located["applicant_id"].astype(str)
    labels = np.sort(np.asarray(pd.unique(ids), dtype=object))
    code = np.searchsorted(labels, ids.to_numpy())  # codes in the ids' sorted order, as the kernel's
    n_u = len(labels)
    key = np.unique(patent_codes.astype(np.int64) * n_u + code)  # distinct (patent, applicant), by patent
    pid, uid = key // n_u, key % n_u
    start = np.flatnonzero(np.r_[True, pid[1:] != pid[:-1]])
    size = np.diff(np.r_[start, len(pid)])
    left, right = [], []
    for s in np.unique(size[size >= 2]):
        first = start[size == s]
        iu, ju = np.triu_indices(int(s), 1)
        left.append((first[:, None] + iu[None, :]).ravel())
        right.append((first[:, None] + ju[None, :]).ravel())
    if not left:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    i, j = np.concatenate(left), np.concatenate(right)
    team = np.repeat(size, size)
    if region:  # located's region is each actor's place, the rule that built the focal edges
        place = pd.Series(located["region"].to_numpy(dtype=object), index=ids.to_numpy())
        place = place[~place.index.duplicated()].reindex(labels).fillna("").astype(str).reset_index(drop=True)
        inside = within(place, region).to_numpy()
        keep = inside[uid[i]] | inside[uid[j]]
        i, j = i[keep], j[keep]
    tie_key = pd.MultiIndex.from_arrays([labels[uid[i]], labels[uid[j]]])
    tie = pd.MultiIndex.from_frame(ties[["u", "v"]].astype(str)).get_indexer(tie_key)
    if (tie < 0).any():
        raise NetworkInputError("bootstrap of patents: a pair of the focus's patents is not among its ties "
                                "(the edges and the applications disagree); nothing was resampled")
    return tie.astype(np.int64), pid[i].astype(np.int64), team[i] >= 3


def _state(applications: pd.DataFrame, actors: pd.DataFrame, region: list[str] | None,
           years: tuple[int, int] | None, core: dict[str, list[str]] | None, unit: str,
           edges: pd.DataFrame, by_counts: bool = True) -> tuple[_BootState, int]:
    """What every sample needs, and the number of units resampled (``by_counts``: the per-tie
    counts of :class:`_Ties`; False: each sample's tables rebuilt, the reference)."""
    apps = applications if years is None else applications[applications["year"].between(*years)]
    place = usual_value(applications, "region")  # the observed rule, over every year of the data
    end_year = None if years is None else years[1]
    acts = actors.drop_duplicates("applicant_id")
    empty = np.zeros(0)
    if unit == "patents":
        located = apps.assign(region=apps["applicant_id"].map(place).fillna("").astype(str).to_numpy())
        if region:
            focal = within(located["region"], region).to_numpy()
            keep = located["patent_id"].isin(located.loc[focal, "patent_id"]).to_numpy()
            located = located[keep]
        located = located.reset_index(drop=True)
        pcode, pids = pd.factorize(located["patent_id"])
        # as the observed shares: both ends typed, university ties with unknown-size firms left out
        dyads = sme_comparable(m.dyad_persistence(edges, actors))
        ties = _ties(edges, actors, region, core, located=located, patent_codes=np.asarray(pcode)) if by_counts \
            else None
        state = _BootState(unit, located, np.asarray(pcode), len(pids), edges.iloc[:0], empty, empty, empty, empty,
                           empty, (),
                           acts, region, end_year, core, (dyads["type_pair"] == UNIV_SME).to_numpy(),
                           dyads["one_time"].to_numpy(dtype=bool), ties)
        return state, len(pids)
    codes, nodes = pd.factorize(pd.concat([edges["u"], edges["v"]], ignore_index=True).astype(str))
    nodes_arr = np.asarray(nodes, dtype=object)
    if region:
        inside = within(pd.Series(nodes_arr).map(place).fillna("").astype(str), region).to_numpy()
        strata = tuple(s for s in (np.flatnonzero(inside), np.flatnonzero(~inside)) if len(s))
    else:
        strata = (np.arange(len(nodes_arr)),)
    u_code, v_code = np.asarray(codes[:len(edges)]), np.asarray(codes[len(edges):])
    pairs = np.unique(np.column_stack([np.minimum(u_code, v_code), np.maximum(u_code, v_code)]), axis=0)
    ties = _ties(edges, actors, region, core, nodes=nodes_arr) if by_counts else None
    state = _BootState(unit, apps.iloc[:0], empty, 0, edges.reset_index(drop=True), u_code, v_code,
                       pairs[:, 0], pairs[:, 1], nodes_arr, strata, acts, region, end_year, core, empty, empty, ties)
    return state, len(nodes_arr)


def _intervals(samples: np.ndarray, level: float, min_valid: float) -> pd.DataFrame:
    """Percentile interval, sd and mean of the defined samples of each share, with a note."""
    n = len(samples)
    alpha = (1 - level) / 2
    rows = []
    for name, col in zip(SHARES, samples.T, strict=True):
        ok = col[np.isfinite(col)]
        k = len(ok)
        lo, hi = (float(np.quantile(ok, alpha)), float(np.quantile(ok, 1 - alpha))) if k else (np.nan, np.nan)
        note = ("undefined in every sample" if k == 0 else
                f"defined in {k} of {n} samples (fewer than {MIN_VALID_SHARE:.0%}): interval from those only"
                if k < min_valid * n else "")
        rows.append({"indicator": name, "low": lo, "high": hi,
                     "se": float(ok.std(ddof=1)) if k > 1 else np.nan,
                     "boot_mean": float(ok.mean()) if k else np.nan, "n_valid": k, "note": note})
    return pd.DataFrame(rows)


def bootstrap_indicators(
    applications: pd.DataFrame,
    actors: pd.DataFrame,
    region: list[str] | None = None,
    years: tuple[int, int] | None = None,
    n: int = 200,
    seed: int = 0,
    level: float = 0.95,
    core: dict[str, list[str]] | None = None,
    n_jobs: int | None = 1,
    verbose: bool = False,
    observed: pd.Series | None = None,
    unit: str = "patents",
    min_valid: float = MIN_VALID_SHARE,
) -> pd.DataFrame:
    """Percentile bootstrap intervals of the headline shares, resampling patents or actors.

    Parameters
    ----------
    applications : pandas.DataFrame
        Canonical long table (``patent_id, applicant_id, year, region``), every year (an
        actor's place is its usual region over all of them, as in the observed network).
    actors : pandas.DataFrame
        Actor table.
    region : list of str, optional
        Focal region codes (ties touching them, as in the report); ``None``: every tie.
    years : (int, int), optional
        Filing years kept (inclusive).
    n : int
        Bootstrap samples (default 200).
    seed : int
        Seed; the same seed gives the same intervals for any ``n_jobs``.
    level : float
        Confidence level of the intervals (default 0.95).
    core : dict, optional
        Core regions by country (see :func:`netanalysis.metrics.regional_openness`).
    n_jobs : int or None
        Worker processes (``None`` / ``-1``: all cores).
    verbose : bool
        Progress bar.
    observed : pandas.Series, optional
        :func:`~netanalysis.report.indicators.headline_indicators` of the observed data when
        the caller has it already (the report does), so its betweenness is not computed again.
    unit : {"patents", "actors"}
        What is resampled (see Notes).
    min_valid : float
        Share of samples below which a share's interval carries a note and a warning
        (default :data:`MIN_VALID_SHARE`, 0.9).

    Returns
    -------
    pandas.DataFrame
        One row per share of :data:`~netanalysis.report.indicators.SHARES`:
        ``indicator, estimate`` (on the observed data), ``low, high`` (the percentile
        interval of the samples in which the share is defined), ``se`` (their sd),
        ``boot_mean`` (their mean: far from ``estimate``, the interval is shifted),
        ``n_valid`` (samples in which the share is defined) and ``note``.
        ``attrs["bootstrap"]``: ``n, seed, level, unit, n_units`` (units resampled),
        ``interval`` (``percentile``), ``min_valid`` and ``few_units`` (fewer than
        :data:`MIN_UNITS` units: the intervals are unreliable) and ``samples`` (each share's
        value in every sample, ``nan`` where undefined).

    Warns
    -----
    UserWarning
        When a share is defined in fewer than ``min_valid`` of the samples.

    Notes
    -----
    Every share is recomputed in each sample exactly as on the observed data, betweenness
    included — by counts: a sample holds copies of the observed ties (a tie between actors
    drawn ``k_u`` and ``k_v`` times, ``k_u k_v`` times; a tie whose patents are drawn, once),
    so each share is a ratio of counts of ties weighed by their copies, with each tie's
    class (one-time, university–SME, partner's place, large collaboration, university row)
    taken once from the metric functions on the observed ties; only the betweenness needs the
    sample's network, built from integer codes in the order ``to_igraph`` gives it.  The
    numbers are those of the metrics on each sample's rebuilt tables, to the last bit
    (``tests/report/test_uncertainty_bootstrap.py``), at about a ninth of the cost.  A
    sample in which a share is undefined (no university–SME tie drawn, no tie touching the
    focus) is left out of that share's interval and counted.  Actors
    keep their observed type and their observed region (their usual region over every
    year of ``applications``): which actors are in the focus does not change between
    samples.

    ``unit="patents"``: the focus's patents (those with an applicant placed in the
    focus; every patent without a focus) are drawn as many times as there are, with
    replacement, a patent drawn twice counting as two patents.  The one-time shares are
    means over ties, and a patent drawn twice would turn its tie from one-time into a
    two-patent tie, so for them the ties are drawn with replacement instead.  Patents
    are treated as independent.

    ``unit="actors"``: the actors of the observed focal network are drawn with
    replacement, as many as there are, separately among the actors placed in the focus
    and among their outside partners; a tie between two actors drawn ``k_u`` and
    ``k_v`` times appears ``k_u k_v`` times (between copies), with its years and
    patents; two copies of one actor are not tied, and the betweenness their pairs would
    give the actor's partners (paths between two copies of one actor) is taken off, so
    betweenness counts pairs of distinct actors as on the observed network.  This is Snijders & Borgatti's (1999)
    vertex bootstrap; for means over ties it is the dyadic (two-way) cluster bootstrap,
    whose variance is the dyadic-robust one of Aronow, Samii & Assenova (2015) and
    which Davezies, D'Haultfœuille & Guyonvarch (2021) show consistent for jointly
    exchangeable arrays; Cameron, Gelbach & Miller (2011) give the multiway-clustering
    argument.  Ties of one actor move together, so the interval is wider than the patent
    one when ties cluster on a few actors.  For the betweenness share no such theory
    exists: its actor interval is a heuristic.

    Intervals are plain percentile intervals (Efron & Tibshirani 1993, ch. 13), not
    bias-corrected: when ``boot_mean`` is far from ``estimate`` the interval is shifted
    and does not centre on the estimate.

    References
    ----------
    B. Efron, R. J. Tibshirani (1993). An Introduction to the Bootstrap. Chapman & Hall.
    T. A. B. Snijders, S. P. Borgatti (1999). Non-parametric standard errors and tests for
    network statistics. Connections 22(2), 161–170.
    P. M. Aronow, C. Samii, V. A. Assenova (2015). Cluster-robust variance estimation for
    dyadic data. Political Analysis 23(4), 564–577.
    A. C. Cameron, J. B. Gelbach, D. L. Miller (2011). Robust inference with multiway
    clustering. Journal of Business & Economic Statistics 29(2), 238–249.
    L. Davezies, X. D'Haultfœuille, Y. Guyonvarch (2021). Empirical process results for
    exchangeable arrays. Annals of Statistics 49(2), 845–862.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2", "p2", "p3", "p3"],
    ...     "applicant_id": ["U", "a", "U", "b", "a", "b"], "year": 2010, "region": "KR-27"})
    >>> act = pd.DataFrame({"applicant_id": ["U", "a", "b"], "actor_type": ["university", "sme", "sme"],
    ...                     "region": "KR-27", "country": "KR"})
    >>> ci = bootstrap_indicators(apps, act, ["KR-27"], n=20, seed=1, n_jobs=1).set_index("indicator")
    >>> float(ci.loc["outside_all", "high"])  # every tie is internal in every sample
    0.0
    >>> int(ci.loc["outside_all", "n_valid"]), ci.attrs["bootstrap"]["unit"]
    (20, 'patents')
    """
    check_samples(n)
    if not 0 < level < 1:
        raise NetworkInputError(f"level={level}; expected a confidence level between 0 and 1, e.g. 0.95")
    if unit not in UNITS:
        raise NetworkInputError(f"unit={unit!r}; expected one of {', '.join(UNITS)}")
    if not 0 <= min_valid <= 1:
        raise NetworkInputError(f"min_valid={min_valid}; expected a share between 0 and 1, e.g. 0.9")
    focal = parse_region_codes(region) if region else None
    period = applications if years is None else applications[applications["year"].between(*years)]
    if period.empty:
        raise NetworkInputError("no application in the years asked for; nothing to resample")
    edges = nw.edges_from_applications(applications, years=years, region=focal) if focal else \
        nw.edges_from_applications(applications, years=years)
    if edges.empty:
        raise NetworkInputError("no tie in the focus in the years asked for; nothing to resample")
    end_year = None if years is None else years[1]
    if observed is None:
        observed = headline_indicators(edges, actors, focal, end_year=end_year, core=core)
    observed = observed[list(SHARES)]
    state, n_units = _state(applications, actors, focal, years, core, unit, edges)
    seeds = np.random.SeedSequence(seed).spawn(n)
    batches = [seeds[i:i + 10] for i in range(0, n, 10)]
    with tqdm(total=n, disable=not verbose, desc=f"bootstrap ({unit})", unit="sample") as bar:
        # the bar advances as results arrive (over workers it used to show 100 % at submission)
        parts = map_batches(_batch, state, batches, resolve_jobs(n_jobs),
                            work=float(n) * max(len(edges), n_units) * 1e3, what=f"bootstrap of {unit}",
                            progress=lambda k: bar.update(min(10 * k, n - bar.n)))
    samples = np.vstack(parts)
    out = _intervals(samples, level, min_valid)
    out.insert(1, "estimate", observed.to_numpy(dtype=float))
    few = [str(r.indicator) for r in out.itertuples() if r.note]
    if few:
        warnings.warn(f"bootstrap of {unit}: {', '.join(few)} defined in fewer than {min_valid:.0%} of the {n} "
                      "samples; their intervals use the samples in which they are defined", stacklevel=2)
    out.attrs["bootstrap"] = {"n": n, "seed": seed, "level": level, "unit": unit, "n_units": n_units,
                              "interval": "percentile", "min_valid": min_valid, "few_units": n_units < MIN_UNITS,
                              "placement": "observed",
                              "samples": {k: samples[:, i].tolist() for i, k in enumerate(SHARES)}}
    return out



# --- the report's words and tables on uncertainty ------------------------------

def bootstrap_table(by_unit: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Both bootstraps side by side: estimate, each unit's interval, sd, mean and valid samples."""
    first = next(iter(by_unit.values()))
    level = round(100 * first.attrs["bootstrap"]["level"])
    out = pd.DataFrame({"share": first["indicator"].map(INDICATORS), "estimate": first["estimate"]})
    for unit, ci in by_unit.items():
        out[f"{unit}: {level}% low"] = ci["low"].to_numpy()
        out[f"{unit}: {level}% high"] = ci["high"].to_numpy()
        out[f"{unit}: sd"] = ci["se"].to_numpy()
        out[f"{unit}: mean"] = ci["boot_mean"].to_numpy()
        out[f"{unit}: valid samples"] = ci["n_valid"].to_numpy()
    return out


def bootstrap_text(by_unit: dict[str, pd.DataFrame], quoted: str, caught: list[str]) -> list[str]:
    """What was resampled, how often each share was defined, and when to distrust the intervals."""
    text = []
    for unit, ci in by_unit.items():
        b = ci.attrs["bootstrap"]
        valid = ci["n_valid"]
        word = unit if b["n_units"] != 1 else unit[:-1]
        text.append(f"Bootstrap of {unit} ({'quoted in the sentences' if unit == quoted else 'shown beside it'}): "
                    f"{b['n']} samples of {UNITS[unit]}; {b['n_units']:,} {word} resampled. "
                    f"{round(100 * b['level'])}% percentile intervals (not bias-corrected), each from the samples "
                    f"in which the share is defined: {int(valid.min())}–{int(valid.max())} of {b['n']} valid "
                    "samples per share (column 'valid samples').")
        if b.get("few_units"):
            text.append(f"The focus has only {b['n_units']:,} {word} (fewer than {MIN_UNITS}): the {unit} "
                        "bootstrap can only recombine these few, so its intervals are unreliable — read them "
                        "as a rough indication, not as confidence intervals.")
        for r in ci[ci["note"] != ""].itertuples():
            text.append(f"{INDICATORS[str(r.indicator)]} ({unit}): {r.note}.")
        shifted = ci[(ci["boot_mean"] - ci["estimate"]).abs() > 0.5 * ci["se"]]
        for r in shifted.itertuples():
            text.append(f"{INDICATORS[str(r.indicator)]} ({unit}): the samples' mean {r.boot_mean:.3g} is off the "
                        f"estimate {r.estimate:.3g} by more than half their sd, so the percentile interval is "
                        "shifted, not centred on the estimate.")
    n = min(ci.attrs["bootstrap"]["n"] for ci in by_unit.values())
    if n < 1000:
        text.append(f"{n} samples of each unit (the default is 50, so that the sample's main job takes about a "
                    "minute) estimate the spread well, but the ends of a 95% percentile interval rest on the few "
                    "most extreme samples: for publication ask for 1,000 (--bootstrap 1000, n_boot=1000).")
    text.extend(caught)
    return text


def null_draws_text(null: pd.DataFrame | None, most: int) -> str:
    """How many draws each null model used, and why (the betweenness null stops early)."""
    mixing = f"mixing: {most:,} draws, smallest p {1 / (most + 1):.4f}"
    info = {} if null is None else null.attrs.get("null_model", {})
    if not info:
        return mixing
    run, h = int(info.get("n", most)), info.get("sequential_h")
    rule = ("" if not h else f"; a group's p is settled at its {h}th draw at least as large as observed "
            "(Besag & Clifford 1991), column n_draws_p")
    return f"betweenness: {run:,} draws run of at most {info.get('max_draws', most):,}{rule}; {mixing}"


def uncertainty_tables(by_unit: dict[str, pd.DataFrame], null: pd.DataFrame | None,
                       mix: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The report's uncertainty tables: both bootstraps, the betweenness null and the universities' mixing null."""
    n = next(iter(by_unit.values())).attrs["bootstrap"]["n"]
    tables = {f"Bootstrap intervals ({n} samples each of {' and of '.join(by_unit)})": bootstrap_table(by_unit)}
    if null is not None:
        tables["Mean betweenness by type against the null model"] = null.drop(columns=["note"], errors="ignore")
    uu = mix[(mix["group_a"] == "university")]
    if len(uu):
        tables["Universities' partners against the null model (share of their ties)"] = uu
    return tables

__all__ = [
    "MAX_SAMPLES",
    "MIN_UNITS",
    "MIN_VALID_SHARE",
    "UNITS",
    "bootstrap_indicators",
    "bootstrap_table",
    "bootstrap_text",
    "check_samples",
    "null_draws_text",
    "uncertainty_tables",
]
