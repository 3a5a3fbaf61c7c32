"""Regional technological specialisation, relatedness and knowledge complexity (region × class).

All measures start from one region × technology-class count table
(:func:`region_technology_counts`) built from the applications table: each applicant's region
(the actors table's usual region, or the applications' own ``region`` column), each patent's
classes from its IPC codes (split as :func:`~netanalysis.metrics.technology_profile` splits
them, cut to subclasses) or, when the applications carry no IPC code, from the ``technology``
column (another classification's labels, e.g. PATSTAT's WIPO technology fields): see
:func:`class_column`.  The tables say which (``attrs["classification"]``).

================================  ==========================================================
function                          measure
================================  ==========================================================
:func:`class_column`              which column holds the classes (``ipc``, else ``technology``)
:func:`region_technology_counts`  region × class counts (fractional or whole counting)
:func:`rca`                       revealed technological advantage / location quotient (Balassa)
:func:`relatedness`               class × class proximity (Hidalgo et al. 2007)
:func:`relatedness_density`       region × class relatedness density (Balland et al. 2019)
:func:`knowledge_complexity`      knowledge complexity of regions or classes (reflections /
                                  eigenvector; Hidalgo & Hausmann 2009, Balland & Rigby 2017)
================================  ==========================================================

Anything that cannot be computed is NaN with the reason in ``attrs["notes"]``, or one
:class:`~netanalysis.NetworkInputError` when nothing at all can be computed; never a silent 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._contracts import check_inputs
from .._errors import NetworkInputError
from ..regions import at_level
from ..schema import CLASS_COLUMNS, WIPO_FIELDS, WIPO_SECTORS

COUNTINGS = ("fractional", "whole")
METHODS = ("eigenvector", "reflections")
#: ``attrs`` a count table hands on to every measure computed from it.
CARRIED = ("column", "classification", "class_name", "class_names")
_IPC_PLURAL = {"section": "sections", "class": "classes", "subclass": "subclasses", "group": "groups"}
_WIPO = {f.casefold(): f for f in WIPO_FIELDS}


def _filled(values: pd.Series) -> bool:
    return bool(values.astype("string").str.strip().fillna("").ne("").any())


def class_column(applications: pd.DataFrame, column: str = "auto") -> str:
    """The applications column the technology classes are read from.

    Parameters
    ----------
    applications : pandas.DataFrame
        Applications table.
    column : str
        ``"auto"`` (default): ``"ipc"`` when some application has an IPC code, else
        ``"technology"`` (another classification, e.g. PATSTAT's WIPO technology fields,
        mapped with ``--columns technology=COL``) when some application has one; any
        other value is returned as given (an IPC column is read as IPC only when it is
        ``"ipc"``).

    Returns
    -------
    str

    Raises
    ------
    NetworkInputError
        ``"auto"`` and neither column holds a class; the message names both and how to map one.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1"], "applicant_id": ["a"], "technology": ["Optics"]})
    >>> class_column(apps), class_column(apps.assign(ipc="G02B 6/00")), class_column(apps, "techn_field")
    ('technology', 'ipc', 'techn_field')
    """
    if column != "auto":
        return column
    for c in CLASS_COLUMNS:
        if c in applications and _filled(applications[c]):
            return c
    have = [c for c in CLASS_COLUMNS if c in applications]
    what = (f"the {' and '.join(repr(c) for c in have)} column{'s are' if len(have) > 1 else ' is'} empty"
            if have else "applications lack an 'ipc' and a 'technology' column")
    raise NetworkInputError(f"no technology classes to count: {what}; map IPC codes with --columns ipc=COL, or "
                            "another classification (e.g. PATSTAT's WIPO techn_field) with --columns "
                            "technology=COL (Python: columns={'ipc': ...} or {'technology': ...})")


def _classification(column: str, ipc_level: str, labels: pd.Series) -> tuple[dict, list[str]]:
    """What the classes are, in words (``attrs``), and the caveats that go with them."""
    if column == "ipc":
        return {"classification": f"IPC {_IPC_PLURAL.get(ipc_level, ipc_level)}", "class_name": f"IPC {ipc_level}",
                "class_names": f"IPC {_IPC_PLURAL.get(ipc_level, ipc_level)}"}, []
    found = {str(x).strip() for x in labels}
    if found and all(x.casefold() in _WIPO for x in found):
        have = {_WIPO[x.casefold()] for x in found}
        gone = [f for f in WIPO_FIELDS if f not in have]
        lost = [sec for sec in dict.fromkeys(WIPO_SECTORS.values())
                if all(f in gone for f, s in WIPO_SECTORS.items() if s == sec)]
        absent = ""
        if gone:
            absent = (f" (none in the {' and '.join(lost)} sector{'s' if len(lost) > 1 else ''}: the data may have "
                      "been extracted for some sectors only)" if lost else f" (none in {', '.join(gone[:5])}"
                      + (" …)" if len(gone) > 5 else ")"))
        note = (f"the classes are WIPO technology fields (Schmoch 2008; column {column!r}), not IPC: {len(have)} of "
                f"the 35 fields occur{absent}; specialisation over these broad fields is coarser than over IPC "
                "subclasses and not comparable with values computed on IPC")
        return {"classification": "WIPO technology fields (Schmoch 2008)", "class_name": "WIPO technology field",
                "class_names": "WIPO technology fields"}, [note]
    return {"classification": f"technology classes of column {column!r} (not IPC)", "class_name": "technology class",
            "class_names": "technology classes"}, [
        f"the classes are the labels of column {column!r} as given, not IPC codes: values are not comparable with "
        "IPC-based ones"]


def _carried(counts: pd.DataFrame) -> dict:
    return {k: counts.attrs[k] for k in CARRIED if k in getattr(counts, "attrs", {})}


def _located(applications: pd.DataFrame, actors: pd.DataFrame | None, level: int | None) -> pd.DataFrame:
    """``patent_id, applicant_id, region`` (one row per patent and applicant; ``""`` unknown)."""
    a = applications.drop_duplicates(["patent_id", "applicant_id"])
    if actors is not None:
        if "region" not in actors:
            raise NetworkInputError("actors lack a 'region' column (the usual region of each applicant)")
        where = actors.drop_duplicates("applicant_id").set_index("applicant_id")["region"]
        region = a["applicant_id"].map(where)
    elif "region" in a:
        region = a["region"]
    else:
        raise NetworkInputError("applications lack a 'region' column and no actors table was given: "
                                "no applicant can be placed in a region")
    region = region.fillna("").astype(str)
    if level is not None:
        region = at_level(region, level)
    out = a[["patent_id", "applicant_id"]].assign(region=region.to_numpy())
    return out.reset_index(drop=True)


def _classes(applications: pd.DataFrame, column: str, ipc_level: str) -> tuple[pd.DataFrame, dict]:
    """One row per patent and distinct class; the parse failures counted; ``column`` may be ``"auto"``
    (:func:`class_column`); ``info`` holds the column read and what its classes are."""
    from ..network.layers import IPC_LEVELS, ipc_at, layer_items

    column = class_column(applications, column)
    if column not in applications:
        key = column if column in CLASS_COLUMNS else "technology"
        article = "an" if column[:1].lower() in "aeiou" else "a"
        raise NetworkInputError(f"applications lack {article} {column!r} column: no technology classes to count; "
                                f"map one with --columns {key}=COL")
    per_patent = applications.drop_duplicates("patent_id")
    raw = per_patent[column].astype("string").str.split(r"\s*;\s*", regex=True).explode().str.strip()
    raw = raw[raw.fillna("") != ""]
    info: dict = {"patents": int(per_patent["patent_id"].nunique())}
    if column == "ipc":
        if ipc_level not in IPC_LEVELS:
            raise NetworkInputError(f"ipc_level={ipc_level!r}; expected one of {tuple(IPC_LEVELS)}")
        bad = raw[ipc_at(raw, ipc_level).isna()]
        info["unparsable_codes"] = int(len(bad))
        info["unparsable_examples"] = sorted(set(bad.astype(str)))[:5]
        with_year = applications if "year" in applications else applications.assign(year=0)
        items = layer_items(with_year, "ipc", ipc_level).rename(columns={"applicant_id": "cls"})
        codes = items[["patent_id", "cls"]]
    else:
        info["unparsable_codes"] = 0
        info["unparsable_examples"] = []
        long = pd.DataFrame({"patent_id": per_patent.loc[raw.index, "patent_id"].to_numpy(),
                             "cls": raw.astype(str).to_numpy()})
        codes = long.drop_duplicates()
    info["patents_without_class"] = int(info["patents"] - codes["patent_id"].nunique())
    if codes.empty:
        why = (f"{info['unparsable_codes']} codes do not parse as IPC (e.g. {info['unparsable_examples']})"
               if info["unparsable_codes"] else "the column is empty")
        raise NetworkInputError(f"no patent carries a usable technology class in column {column!r}: {why}")
    words, info["class_notes"] = _classification(column, ipc_level, codes["cls"].drop_duplicates())
    info.update(words, column=column)
    return codes.reset_index(drop=True), info


def region_technology_counts(
    applications: pd.DataFrame,
    actors: pd.DataFrame | None = None,
    level: int | None = None,
    column: str = "auto",
    ipc_level: str = "subclass",
    counting: str = "fractional",
) -> pd.DataFrame:
    """Region × technology-class patent counts, the input of every specialisation measure.

    Parameters
    ----------
    applications : pandas.DataFrame
        Applications table (``patent_id, applicant_id``, the class column; ``region`` when
        no actors table is given).
    actors : pandas.DataFrame, optional
        Actor table; when given, each applicant is placed in its usual ``region`` from it.
    level : int, optional
        Count regions at this level (1: sido / NUTS 1, 2: si-gun-gu / NUTS 2 …); applicants
        known only at a coarser level count as unlocated.  Default: regions as recorded.
    column : str
        The class column: ``"auto"`` (default: ``"ipc"`` when the applications have IPC
        codes, else ``"technology"``; :func:`class_column`), ``"ipc"`` (codes parsed and cut
        to ``ipc_level``, as :func:`~netanalysis.metrics.technology_profile` does) or any
        other ``"; "``-joined list of class labels taken as they are (``"technology"``, e.g.
        PATSTAT's WIPO ``techn_field`` mapped with ``--columns technology=techn_field``).
    ipc_level : {"section", "class", "subclass", "group"}
        IPC level when ``column="ipc"``.
    counting : {"fractional", "whole"}
        ``fractional``: each patent counts 1 in all, split equally among its distinct
        applicants and then equally among its distinct classes (applicant *a* of *n*
        applicants, class *c* of *m* classes: 1/(n·m)); the shares of applicants of unknown
        region are not given to anyone (``attrs["unlocated_share"]``). ``whole``: each
        region with an applicant on the patent counts it once in each of its classes.

    Returns
    -------
    pandas.DataFrame
        Index ``region``, one float column per class.  ``attrs``: ``counting``, ``column``
        (the column read), ``classification`` (what the classes are, in words: ``"IPC
        subclasses"``, ``"WIPO technology fields (Schmoch 2008)"`` …; ``class_name`` and
        ``class_names`` singular and plural), ``notes`` (caveats of a classification other
        than IPC: which WIPO fields occur, that the values are not comparable with IPC-based
        ones), ``patents`` (with a class and a located applicant), ``patents_without_class``,
        ``unparsable_codes`` and ``unparsable_examples`` (codes that are not IPC; their
        patents keep their other codes), ``unlocated_share`` (patents' worth lost to
        applicants of unknown region, fractional counting).

    Raises
    ------
    NetworkInputError
        When the class column is missing (with ``"auto"``: neither ``ipc`` nor ``technology``
        holds a class) or no code parses, no applicant has a region, or ``counting`` is unknown.

    Notes
    -----
    Fractional counting: :math:`x_{rc} = \\sum_p \\sum_{a \\in A_p, r(a)=r} 1/(|A_p|\\,|C_p|)`
    for :math:`c \\in C_p`, so :math:`\\sum_{r,c} x_{rc}` is the number of patents minus
    the unlocated share (the OECD REGPAT convention, Maraut et al. 2008, applied to
    applicants).

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2"], "applicant_id": ["a", "b", "a"],
    ...                      "region": ["X", "Y", "X"], "ipc": ["H01L 21/00; A61K 9/00", "H01L 21/00; A61K 9/00",
    ...                                                         "H01L 23/00"]})
    >>> region_technology_counts(apps).to_dict("index")
    {'X': {'A61K': 0.25, 'H01L': 1.25}, 'Y': {'A61K': 0.25, 'H01L': 0.25}}
    """
    check_inputs(applications=applications)
    if counting not in COUNTINGS:
        raise NetworkInputError(f"counting={counting!r}; expected one of {COUNTINGS}")
    codes, info = _classes(applications, column, ipc_level)
    who = _located(applications, actors, level)
    n_app = who.groupby("patent_id")["applicant_id"].transform("size")
    who = who.assign(share=1.0 / n_app)
    n_cls = codes.groupby("patent_id")["cls"].transform("size")
    codes = codes.assign(cshare=1.0 / n_cls)
    with_class = who[who["patent_id"].isin(codes["patent_id"])]
    located = with_class[with_class["region"] != ""]
    if located.empty:
        raise NetworkInputError("no applicant of a patent with a technology class has a region"
                                + (f" at level {level}" if level is not None else ""))
    pairs = located.merge(codes, on="patent_id")
    if counting == "fractional":
        pairs = pairs.assign(w=pairs["share"] * pairs["cshare"])
    else:
        pairs = pairs.drop_duplicates(["patent_id", "region", "cls"]).assign(w=1.0)
    table = pairs.pivot_table(index="region", columns="cls", values="w", aggfunc="sum", fill_value=0.0)
    table = table.astype(float)
    table.columns.name = None
    table.attrs.update({"counting": counting, "column": info["column"], "level": level,
                        **{k: info[k] for k in CARRIED[1:]}, "notes": list(info["class_notes"]),
                        "patents": int(located["patent_id"].nunique()),
                        "patents_without_class": info["patents_without_class"],
                        "unparsable_codes": info["unparsable_codes"],
                        "unparsable_examples": info["unparsable_examples"],
                        "unlocated_share": float(with_class.loc[with_class["region"] == "", "share"].sum())})
    if info["column"] == "ipc":
        table.attrs["ipc_level"] = ipc_level
    return table


def _checked(counts: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Counts as floats; empty rows and columns noted; too little data raises."""
    if not isinstance(counts, pd.DataFrame):
        raise NetworkInputError(f"counts must be a region × class DataFrame, got {type(counts).__name__}")
    x = counts.astype(float)
    if (x < 0).to_numpy().any() or x.isna().to_numpy().any():
        raise NetworkInputError("counts must be non-negative numbers (a region × class table)")
    notes = [str(n) for n in counts.attrs.get("notes", [])]  # the classification's caveats
    empty_rows = x.index[x.sum(axis=1) == 0].tolist()
    if empty_rows:
        notes.append(f"regions with no patents (NaN: no share to compare): {empty_rows}")
    empty_cols = x.columns[x.sum(axis=0) == 0].tolist()
    if empty_cols:
        notes.append(f"classes with no patents (NaN): {empty_cols}")
    live = x.loc[x.sum(axis=1) > 0, x.sum(axis=0) > 0]
    if live.shape[0] < 2 or live.shape[1] < 2:
        raise NetworkInputError(
            f"specialisation needs at least two regions and two technology classes with patents; "
            f"the table has {live.shape[0]} region(s) and {live.shape[1]} class(es) "
            "(one region is the whole reference, one class makes every RCA 1)")
    single = live.index[(live > 0).sum(axis=1) == 1].tolist()
    if single:
        notes.append(f"single-technology regions (RCA is 1/share of that class; density and complexity "
                     f"rest on one class): {single}")
    return x, notes


def rca(counts: pd.DataFrame) -> pd.DataFrame:
    """Revealed technological advantage (Balassa index, location quotient) per region × class.

    Parameters
    ----------
    counts : pandas.DataFrame
        Region × class counts (:func:`region_technology_counts`).

    Returns
    -------
    pandas.DataFrame
        Same shape; NaN for a region or class with no patents; ``attrs["notes"]`` says
        which and why (and names single-technology regions).

    Raises
    ------
    NetworkInputError
        Fewer than two regions or two classes with patents, or negative / missing counts.

    Notes
    -----
    .. math:: RCA_{rc} = \\frac{x_{rc} / \\sum_{c'} x_{rc'}}{\\sum_{r'} x_{r'c} / \\sum_{r',c'} x_{r'c'}}

    the class's share in the region over its share in all regions; a region is
    specialised in *c* when :math:`RCA_{rc} \\ge 1` (the other measures take an RCA within
    ``1e-9`` below the threshold as reaching it: a tie that floating point misplaced).

    References
    ----------
    Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
    The Manchester School 33(2), 99–123.

    Examples
    --------
    >>> x = pd.DataFrame({"A": [3.0, 1.0], "B": [1.0, 3.0]}, index=["r1", "r2"])
    >>> rca(x).round(2).to_dict("index")
    {'r1': {'A': 1.5, 'B': 0.5}, 'r2': {'A': 0.5, 'B': 1.5}}
    """
    x, notes = _checked(counts)
    rows, cols, total = x.sum(axis=1), x.sum(axis=0), x.to_numpy().sum()
    out = x.div(rows.where(rows > 0), axis=0).div(cols.where(cols > 0) / total, axis=1)
    out.attrs = {"notes": notes, **_carried(counts)}
    return out


#: An RCA this close below the threshold reaches it: fractional counts make exact ties (1/6 / 1.5 over
#: 1/3 / 3 = 1) that floating point puts a hair either side.
TIE = 1e-9


def _presence(counts: pd.DataFrame, threshold: float) -> tuple[pd.DataFrame, list[str]]:
    r = rca(counts)
    m = (r >= threshold - TIE).astype(float).where(r.notna())
    return m, list(r.attrs["notes"])


def relatedness(counts: pd.DataFrame, threshold: float = 1.0) -> pd.DataFrame:
    """Class × class proximity: how often two classes are specialisations of the same regions.

    Parameters
    ----------
    counts : pandas.DataFrame
        Region × class counts (:func:`region_technology_counts`).
    threshold : float
        A region is specialised in a class when its RCA is at least this (default 1).

    Returns
    -------
    pandas.DataFrame
        Symmetric class × class table of proximities in [0, 1], diagonal 1; NaN for a
        class with no patents (``attrs["notes"]``).

    Raises
    ------
    NetworkInputError
        As :func:`rca`.

    Notes
    -----
    The outcome-based proximity of Hidalgo et al. (2007), with :math:`M_{rc} = [RCA_{rc}
    \\ge 1]` and ubiquity :math:`u_c = \\sum_r M_{rc}`:

    .. math:: \\varphi_{ij} = \\min\\{P(M_i \\mid M_j), P(M_j \\mid M_i)\\}
              = \\frac{\\sum_r M_{ri} M_{rj}}{\\max(u_i, u_j)}

    It is the measure EconGeo's ``relatedness`` and the Growth Lab's ``ecomplexity`` compute
    from co-specialisation; Balland et al. (2019) count co-occurrence of classes on the same
    patents instead, which needs patent-level data this table no longer holds.  Every class
    with patents has :math:`u_c \\ge 1` (the RCAs of a class average 1 over regions,
    weighted by region size), so the ratio is always defined.

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabási, A.-L., Hausmann, R. (2007). The product space
    conditions the development of nations. Science 317(5837), 482–487.

    Examples
    --------
    >>> x = pd.DataFrame({"A": [3.0, 1.0, 2.0], "B": [1.0, 3.0, 2.0], "C": [2.0, 0.0, 4.0]},
    ...                  index=["r1", "r2", "r3"])
    >>> relatedness(x).round(2).to_dict("index")
    {'A': {'A': 1.0, 'B': 0.0, 'C': 0.5}, 'B': {'A': 0.0, 'B': 1.0, 'C': 0.0}, 'C': {'A': 0.5, 'B': 0.0, 'C': 1.0}}
    """
    m, notes = _presence(counts, threshold)
    mv = m.fillna(0.0).to_numpy()
    co = mv.T @ mv
    u = np.diag(co).copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = co / np.maximum.outer(u, u)
    live = m.notna().any(axis=0).to_numpy()
    phi[~live, :] = np.nan
    phi[:, ~live] = np.nan
    np.fill_diagonal(phi, np.where(live, 1.0, np.nan))
    out = pd.DataFrame(phi, index=m.columns, columns=m.columns)
    out.attrs = {"notes": notes, "threshold": threshold, **_carried(counts)}
    return out


def relatedness_density(counts: pd.DataFrame, threshold: float = 1.0) -> pd.DataFrame:
    """Relatedness density: how close each class is to what the region is already specialised in.

    Parameters
    ----------
    counts : pandas.DataFrame
        Region × class counts (:func:`region_technology_counts`).
    threshold : float
        RCA threshold of specialisation (default 1).

    Returns
    -------
    pandas.DataFrame
        Region × class densities in [0, 100]; NaN for a region or class with no patents and
        for a class related to no other class (``attrs["notes"]`` says which).

    Raises
    ------
    NetworkInputError
        As :func:`rca`.

    Notes
    -----
    Balland et al. (2019), eq. 2, with the proximity :math:`\\varphi` of
    :func:`relatedness`, the class itself left out:

    .. math:: RD_{ri} = 100 \\; \\frac{\\sum_{j \\ne i} M_{rj}\\, \\varphi_{ij}}{\\sum_{j \\ne i} \\varphi_{ij}}

    (the Growth Lab's density keeps :math:`j = i` and omits the factor 100).

    References
    ----------
    Balland, P.-A., Boschma, R., Crespo, J., Rigby, D. L. (2019). Smart specialization
    policy in the European Union: relatedness, knowledge complexity and regional
    diversification. Regional Studies 53(9), 1252–1268.

    Examples
    --------
    >>> x = pd.DataFrame({"A": [3.0, 1.0, 1.0], "B": [2.0, 1.0, 0.0], "C": [0.0, 2.0, 3.0]},
    ...                  index=["r1", "r2", "r3"])
    >>> relatedness_density(x).round(1)
          A     B      C
    r1  100.0  50.0  100.0
    r2  100.0  50.0  100.0
    r3    0.0  50.0    0.0
    """
    phi = relatedness(counts, threshold)
    m, _ = _presence(counts, threshold)
    notes = list(phi.attrs["notes"])
    p = phi.to_numpy().copy()
    np.fill_diagonal(p, 0.0)
    den = np.nansum(p, axis=0)
    lonely = [c for c, d, ok in zip(phi.columns, den, phi.notna().any().to_numpy(), strict=True) if ok and d == 0]
    if lonely:
        notes.append(f"classes related to no other class (NaN: no neighbours to be dense in): {lonely}")
    with np.errstate(divide="ignore", invalid="ignore"):
        rd = 100.0 * (m.fillna(0.0).to_numpy() @ np.nan_to_num(p)) / np.where(den > 0, den, np.nan)
    out = pd.DataFrame(rd, index=m.index, columns=m.columns).where(m.notna())
    out.attrs = {"notes": notes, "threshold": threshold, **_carried(counts)}
    return out


def _zscore(v: np.ndarray) -> np.ndarray:
    sd = v.std()
    return (v - v.mean()) / sd if sd > 0 else np.full_like(v, np.nan)


def knowledge_complexity(
    counts: pd.DataFrame,
    of: str = "regions",
    method: str = "eigenvector",
    steps: int = 20,
    threshold: float = 1.0,
) -> pd.DataFrame:
    """Knowledge complexity of regions (KCI) or technology classes (TCI).

    Parameters
    ----------
    counts : pandas.DataFrame
        Region × class counts (:func:`region_technology_counts`).
    of : {"regions", "classes"}
        Whose complexity.
    method : {"eigenvector", "reflections"}
        The eigenvector formulation (Hidalgo & Hausmann 2009, supplement; the ``ecomplexity``
        package) or the method of reflections iterated ``steps`` times.
    steps : int
        Reflections (even, ≥ 2) when ``method="reflections"``.
    threshold : float
        RCA threshold of specialisation (default 1).

    Returns
    -------
    pandas.DataFrame
        Index region (or class); ``diversity`` (classes with RCA ≥ 1) or ``ubiquity``
        (regions with RCA ≥ 1) and ``complexity``, standardised (mean 0, population
        standard deviation 1), signed so that region complexity rises with diversity.
        NaN with ``attrs["notes"]`` when it cannot be computed; ``attrs["eigenvalues"]``
        holds the two largest eigenvalues of :math:`\\tilde M^{R}`; with reflections a note
        says how far the last two steps moved the index (convergence is at the rate
        :math:`(\\lambda_3/\\lambda_2)` per two steps, slow when they are close).

    Raises
    ------
    NetworkInputError
        Unknown ``of``/``method``, odd or too few ``steps``, or as :func:`rca`.

    Notes
    -----
    With :math:`M_{rc} = [RCA_{rc} \\ge 1]`, diversity :math:`k_{r,0} = \\sum_c M_{rc}`,
    ubiquity :math:`k_{c,0} = \\sum_r M_{rc}`, the reflections are

    .. math:: k_{r,N} = \\frac{1}{k_{r,0}} \\sum_c M_{rc}\\, k_{c,N-1}, \\qquad
              k_{c,N} = \\frac{1}{k_{c,0}} \\sum_r M_{rc}\\, k_{r,N-1}.

    Two reflections apply :math:`\\tilde M^{R} = D_r^{-1} M D_c^{-1} M^\\top`, whose
    leading eigenvector is constant (eigenvalue 1); standardised, :math:`k_{r,2n}`
    converges to its second eigenvector, which is the eigenvector KCI.  Each step here is
    standardised (a constant shift and a scale commute with :math:`\\tilde M^{R}`, so the
    result equals the standardised raw iterate without its loss of precision).  The
    eigenvector is taken from the symmetric :math:`D_r^{-1/2} M D_c^{-1} M^\\top
    D_r^{-1/2}`.  Class complexity is one more reflection of the region vector,
    :math:`D_c^{-1} M^\\top k_r`, standardised.  When the region–class network falls into
    pieces the second eigenvalue is 1 and the index is undefined (NaN, noted).

    References
    ----------
    Hidalgo, C. A., Hausmann, R. (2009). The building blocks of economic complexity.
    PNAS 106(26), 10570–10575.
    Balland, P.-A., Rigby, D. (2017). The geography of complex knowledge. Economic
    Geography 93(1), 1–23.

    Examples
    --------
    >>> x = pd.DataFrame({"A": [1.0, 0.0, 0.0], "B": [1.0, 1.0, 0.0], "C": [0.0, 1.0, 1.0]},
    ...                  index=["r1", "r2", "r3"])
    >>> knowledge_complexity(x).round(3)
        diversity  complexity
    r1        2.0       1.309
    r2        2.0      -0.191
    r3        1.0      -1.118
    """
    if of not in ("regions", "classes"):
        raise NetworkInputError(f"of={of!r}; expected 'regions' or 'classes'")
    if method not in METHODS:
        raise NetworkInputError(f"method={method!r}; expected one of {METHODS}")
    if method == "reflections" and (steps < 2 or steps % 2):
        raise NetworkInputError(f"steps={steps}; the method of reflections needs an even number ≥ 2")
    m, notes = _presence(counts, threshold)
    rows, cols = m.notna().any(axis=1).to_numpy(), m.notna().any(axis=0).to_numpy()
    mv = m.fillna(0.0).to_numpy()[rows][:, cols]
    kr0, kc0 = mv.sum(axis=1), mv.sum(axis=0)
    mr = mv / kr0[:, None]          # region rows average over their classes
    mc = (mv / kc0[None, :]).T      # class rows average over their regions
    s = np.diag(kr0 ** -0.5) @ mv @ np.diag(1.0 / kc0) @ mv.T @ np.diag(kr0 ** -0.5)
    vals, vecs = np.linalg.eigh((s + s.T) / 2)
    eig = [float(vals[-1]), float(vals[-2])]
    kr = np.full(len(kr0), np.nan)
    if eig[1] > 1.0 - 1e-9:
        notes.append(f"the region–class network falls into pieces (second eigenvalue {eig[1]:.6f} = 1): "
                     "complexity is not defined")
    elif len(vals) > 2 and eig[1] - float(vals[-3]) < 1e-9:
        notes.append(f"the second eigenvalue ({eig[1]:.6f}) is repeated: the complexity ranking is not unique")
    elif eig[1] < 1e-12:
        notes.append("the second eigenvalue is 0 (every region specialised alike): complexity is not defined")
    elif method == "eigenvector":
        kr = _zscore(vecs[:, -2] / np.sqrt(kr0))
    else:
        a, b = _zscore(kr0.astype(float)), _zscore(kc0.astype(float))
        before = a
        for i in range(steps):
            a, b = _zscore(mr @ b), _zscore(mc @ a)
            if i == steps - 3:
                before = a
        kr = a
        change = float(np.abs(a - before).max())
        if np.isfinite(change):
            notes.append(f"reflections: the last two steps moved the standardised index by up to {change:.2g}"
                         + (" (not converged: more steps, or the eigenvector method)" if change > 1e-3 else ""))
    if method == "reflections" and not any("defined" in n or "unique" in n for n in notes) and kr0.std() == 0:
        notes.append("every region has the same diversity: the reflections stay constant from the first "
                     "step (use the eigenvector method)")
    if not np.isfinite(kr).all() and not any(w in n for n in notes for w in ("defined", "stay", "unique")):
        kr = np.full(len(kr0), np.nan)
        notes.append("complexity has no variation across regions (every region specialised alike)")
    if np.isfinite(kr).all() and kr0.std() == 0:
        notes.append("every region has the same diversity: the sign of the index (which way is 'complex') "
                     "cannot be fixed by diversity and is arbitrary")
    sign = np.sign(np.corrcoef(kr0, kr)[0, 1]) if np.isfinite(kr).all() and kr0.std() > 0 else 1.0
    kr = kr * (sign if sign != 0 else 1.0)
    if of == "regions":
        out = pd.DataFrame({"diversity": np.nan, "complexity": np.nan}, index=m.index)
        out.loc[out.index[rows], "diversity"] = kr0
        out.loc[out.index[rows], "complexity"] = kr
    else:
        out = pd.DataFrame({"ubiquity": np.nan, "complexity": np.nan}, index=m.columns)
        out.loc[out.index[cols], "ubiquity"] = kc0
        out.loc[out.index[cols], "complexity"] = _zscore(mc @ kr) if np.isfinite(kr).all() else np.nan
    out.index.name = counts.index.name if of == "regions" else None
    out.attrs = {"notes": notes, "method": method, "eigenvalues": eig, "threshold": threshold, **_carried(counts)}
    if method == "reflections":
        out.attrs["steps"] = steps
    return out


__all__ = ["class_column", "knowledge_complexity", "rca", "region_technology_counts", "relatedness",
           "relatedness_density"]
