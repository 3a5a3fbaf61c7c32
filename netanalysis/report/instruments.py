"""The regional report's instrument sections in words (pure; no I/O, no run context).

Each ``*_sentences`` function takes the result tables of one instrument and returns a short
list of sentences: the number, its interval where the measure has one, the comparison
regions, and the caveats (too few years, a measure that cannot be computed and why).

=================================  ===============================================================
function                           reads
=================================  ===============================================================
:func:`burst_sentences`            :func:`~netanalysis.metrics.bursts.actor_bursts`, ``tie_bursts``,
                                   ``class_bursts``
:func:`triple_helix_sentences`     :func:`~netanalysis.metrics.triple_helix`
:func:`specialisation_sentences`   :func:`~netanalysis.metrics.rca`, ``relatedness_density``,
                                   ``knowledge_complexity``
=================================  ===============================================================
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, cast

import numpy as np
import pandas as pd

from ..regions import region_names
from .findings import pct

#: Fewer years than this and a burst is called hard to tell from noise.
MIN_BURST_YEARS = 5
#: Fewer patents than this and T(UIG) is said to rest on few patents.
MIN_HELIX_PATENTS = 30

_WHAT = {"actors": ("applicant", "applicants", "applications"), "ties": ("tie", "ties", "co-patents"),
         "classes": ("technology class", "technology classes", "applications")}


def _years(a: int, b: int) -> str:
    return str(a) if a == b else f"{a}–{b}"


def _name(x: object, names: Mapping[str, str] | None) -> str:
    return str(names.get(str(x), x)) if names else str(x)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _one_burst_family(table: pd.DataFrame, what: str, names: Mapping[str, str] | None, most: int,
                      scope: str | None = None) -> list[str]:
    one, many, unit = _WHAT.get(what, ("item", "items", "events"))
    if what == "classes" and table.attrs.get("class_name"):  # IPC subclass, WIPO technology field …
        one, many = str(table.attrs["class_name"]), str(table.attrs["class_names"])
    notes = [str(n) for n in table.attrs.get("notes", [])]
    span = table.attrs.get("years")
    n_years = int(table.attrs.get("n_years", 0) or 0)
    lead = f"{scope}: " if scope else ""
    if table.empty:
        why = notes[0].removeprefix("no burst: ").replace("no item's rate", f"no {one}'s share") if notes \
            else "the table is empty"
        out = [f"{lead}{'n' if scope else 'N'}o {one} burst was found: {why}."]
        return out + [f"Note on {many}: {n}." for n in notes[1:]]
    n_items = int(table["id"].nunique())
    tested = int(table.attrs.get("items", 0) or 0)
    model = (f"Kleinberg's two-state model, γ = {table.attrs.get('gamma', 1):g}, s = {table.attrs.get('s', 2):g}, "
             f"on yearly counts {_years(*span)}" if span else "Kleinberg's two-state model")
    parts = []
    for row in table.head(most).to_dict("records"):
        share = (f"{int(row['count']):,} of the {int(row['total']):,} {unit} of those years, "
                 f"{pct(float(row['burst_rate']))} against {pct(float(row['baseline']))} over the whole period")
        parts.append(f"{_name(row['id'], names)} in {_years(int(row['start']), int(row['end']))} "
                     f"(strength {float(row['strength']):.1f}; {share})")
    verb = "shows" if n_items == 1 else "show"
    whom = f"{n_items:,} of the {tested:,} {many} tested" if tested else f"{n_items:,} {many}"
    strongest = "the strongest: " if len(parts) > 1 else ""
    out = [f"{lead}{whom} {verb} a burst ({model}): {strongest}{_and(parts)}."]
    if n_years and n_years < MIN_BURST_YEARS:
        out.append(f"Caveat: the data span only {n_years} years, too few to tell a burst from a one-year swing.")
    out += [f"Note on {many}: {n}." for n in notes]
    return out


def burst_sentences(
    actors: pd.DataFrame | None = None,
    ties: pd.DataFrame | None = None,
    classes: pd.DataFrame | None = None,
    *,
    names: Mapping[str, str] | None = None,
    most: int = 3,
    focus_classes: pd.DataFrame | None = None,
    focus: str = "the focus",
) -> list[str]:
    """The bursts section: how many applicants, ties and classes burst, and the strongest, in words.

    Parameters
    ----------
    actors, ties, classes : pandas.DataFrame, optional
        :func:`~netanalysis.metrics.bursts.actor_bursts`, ``tie_bursts``, ``class_bursts``
        output (those not given are left out).  The classes are named as the table says
        (``attrs["class_name"]``: IPC subclass, WIPO technology field …).
    names : mapping, optional
        Display names of ids (e.g. the actors table's ``name`` by ``applicant_id``).
    most : int
        Bursts named per family.
    focus_classes : pandas.DataFrame, optional
        ``class_bursts`` of the focus's applications alone; said before ``classes``, which is
        then said as the bursts of all the applications (the comparison).
    focus : str
        The focus's name in that sentence.

    Returns
    -------
    list of str
        One sentence per family, then its caveats (too few years; the tables' notes, such
        as codes that do not parse).  A family with no burst says why.

    Notes
    -----
    A burst's strength is Kleinberg's weight (the log-likelihood the burst state gains, in
    nats); it has no sampling interval, so none is quoted.

    Examples
    --------
    >>> from netanalysis.metrics.bursts import kleinberg_bursts
    >>> t = kleinberg_bursts(pd.DataFrame([[1, 1, 5, 5, 1]], index=["ACME"], columns=range(2001, 2006)),
    ...                      pd.Series(10, index=range(2001, 2006)))
    >>> t.attrs.update(what="actors")
    >>> burst_sentences(t)[0]
    "1 of the 1 applicants tested shows a burst (Kleinberg's ... 2001–2005): ACME in 2003–2004
    (strength 2.6; 10 of the 20 applications of those years, 50% against 26% over the whole period)."
    """
    out: list[str] = []
    for table, what in ((actors, "actors"), (ties, "ties")):
        if table is not None:
            out += _one_burst_family(table, what, names, most)
    if focus_classes is not None:
        out += _one_burst_family(focus_classes, "classes", names, most, scope=f"In {focus}'s applications")
    if classes is not None:
        scope = "In all the applications (every region)" if focus_classes is not None else None
        out += _one_burst_family(classes, "classes", names, most, scope=scope)
    return out


def _label(code: str, names: Mapping[str, str] | None) -> str:
    if names and code in names:
        return str(names[code])
    name = region_names([code]).get(code, code)
    return code if name == code else f"{name} ({code})"


def _sd(x: float) -> str:
    """A signed number with a true minus sign: ``+1.31``, ``−0.19``."""
    return f"{x:+.2f}".replace("-", "−")


def _bits(x: float) -> str:
    return "n/a" if not math.isfinite(x) else f"{x:+.3f}".replace("+-", "−").replace("-", "−")


def triple_helix_sentences(
    table: pd.DataFrame,
    focus: str | Sequence[str],
    *,
    names: Mapping[str, str] | None = None,
    most: int = 3,
) -> list[str]:
    """The triple-helix section: the focus's T(UIG) with its interval, against the other regions.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`~netanalysis.metrics.triple_helix` output (every region of a level, per period).
    focus : str or sequence of str
        The focal region code(s) (a row each).
    names : mapping, optional
        Display names of region codes (default: the package's region names).
    most : int
        Most synergetic other regions named.

    Returns
    -------
    list of str
        Per focus and period: T in bits with its bootstrap interval and what its sign says;
        the shares of patents with a university, a firm, a government body; its rank among
        the regions where T is defined and the most synergetic of them; caveats (few patents,
        regions where T cannot be computed and why).

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["A", "B", "C"], "period": "all", "n_patents": [120, 80, 40],
    ...     "share_university": [.3, .2, .5], "share_industry": [.8, .9, .6], "share_government": [.1, .2, .3],
    ...     "t_uig": [-0.05, -0.01, float("nan")], "ci_low": [-0.08, -0.03, float("nan")],
    ...     "ci_high": [-0.02, 0.01, float("nan")], "note": ["", "", "cannot be computed: one patent"]})
    >>> t.attrs["ci"] = 0.95
    >>> triple_helix_sentences(t, "A")[0]
    'A: T(UIG) = −0.050 bits (95% CI −0.080 to −0.020) over 120 patents: negative throughout the interval, ...
    (synergy).'
    """
    foci = [focus] if isinstance(focus, str) else list(focus)
    level = round(100 * float(table.attrs.get("ci", 0.95)))
    out: list[str] = []
    for period, rows in table.groupby("period", sort=False):
        when = "" if period == "all" else f" in {period}"
        rows = rows.set_index("region")
        ok = rows[np.isfinite(rows["t_uig"].astype(float))].sort_values("t_uig", kind="stable")
        for code in foci:
            who = _label(code, names)
            if code not in rows.index:
                out.append(f"{who}: T(UIG) is not in the table{when} (no applicant located there).")
                continue
            r: dict[Any, Any] = rows.loc[code].to_dict()
            t = float(r["t_uig"])
            if not math.isfinite(t):
                why = str(r["note"]).replace("cannot be computed: ", "")
                out.append(f"{who}: T(UIG) cannot be computed{when}: {why}.")
                continue
            lo, hi = float(r["ci_low"]), float(r["ci_high"])
            ci = f" ({level}% CI {_bits(lo)} to {_bits(hi)})" if math.isfinite(lo) and math.isfinite(hi) else ""
            if ci and hi < 0:
                sign = ("negative throughout the interval, so university, industry and government participation "
                        "reduce uncertainty together (synergy)")
            elif ci and lo > 0:
                sign = "positive throughout the interval: no synergy among the three"
            elif ci:
                sign = "the interval includes 0, so synergy is not shown"
            else:
                sign = "no bootstrap interval was computed" if t else "exactly 0"
            out.append(f"{who}: T(UIG) = {_bits(t)} bits{ci} over {int(r['n_patents']):,} patents{when}: {sign}.")
            out.append(f"A university is among the applicants of {pct(float(r['share_university']))} of them, a firm "
                       f"of {pct(float(r['share_industry']))}, a government or public-research body of "
                       f"{pct(float(r['share_government']))}.")
            others = ok.drop(index=code, errors="ignore")
            if len(others):
                rank = int((ok["t_uig"] < t).sum()) + 1
                top = [f"{_label(str(c), names)} ({_bits(float(v))})" for c, v in others["t_uig"].head(most).items()]
                median = _bits(float(others["t_uig"].median()))
                out.append(f"Among the {len(ok):,} regions where T is defined{when}, {who} ranks {rank} "
                           f"(most synergetic first); the median of the others is {median} bits; the most "
                           f"synergetic: {_and(top)}.")
            if int(r["n_patents"]) < MIN_HELIX_PATENTS:
                out.append(f"Caveat: {who}'s T rests on only {int(r['n_patents'])} patents.")
            if str(r["note"]):
                out.append(f"Note: {r['note']}.")
        missing = rows[~np.isfinite(rows["t_uig"].astype(float))]
        if len(missing):
            reasons = missing["note"].astype(str).str.replace(r"^cannot be computed: ", "", regex=True).value_counts()
            out.append(f"T cannot be computed for {len(missing):,} of {len(rows):,} regions{when} ("
                       + "; ".join(f"{k}: {v:,}" for k, v in reasons.head(3).items()) + ").")
    return out


def specialisation_sentences(
    rca: pd.DataFrame,
    focus: str,
    *,
    density: pd.DataFrame | None = None,
    complexity: pd.DataFrame | None = None,
    names: Mapping[str, str] | None = None,
    class_names: Mapping[str, str] | None = None,
    most: int = 3,
    sizes: pd.Series | None = None,
) -> list[str]:
    """The specialisation section: what the focus is specialised in, what is close, how complex it is.

    Parameters
    ----------
    rca : pandas.DataFrame
        :func:`~netanalysis.metrics.rca` output (region × class).
    focus : str
        The focal region code (a row of ``rca``).
    density : pandas.DataFrame, optional
        :func:`~netanalysis.metrics.relatedness_density` output.
    complexity : pandas.DataFrame, optional
        :func:`~netanalysis.metrics.knowledge_complexity` output for regions.
    names, class_names : mapping, optional
        Display names of regions and classes.
    most : int
        Classes and regions named.
    sizes : pandas.Series, optional
        Each region's applications (the count table's row sums): a region named among the
        most complex with fewer than 5 is said to rest on them.

    Returns
    -------
    list of str
        The classes with RCA ≥ 1 (how many, the strongest) against the median of the other
        regions; the classes not yet specialised in with the highest relatedness density
        (Balland et al. 2019: the likeliest diversifications); the focus's knowledge
        complexity as a rank among the regions and the most complex regions; the tables'
        notes as caveats.  The classes are named as the table says (``attrs["class_names"]``:
        IPC subclasses, WIPO technology fields …).  These indices are exact functions of the
        counts: no sampling interval is quoted.

    Examples
    --------
    >>> r = pd.DataFrame({"A": [1.5, 0.5], "B": [0.5, 1.5]}, index=["r1", "r2"])
    >>> specialisation_sentences(r, "r1")[0]
    'r1 is specialised (RCA ≥ 1) in 1 of 2 technology classes: A (RCA 1.50).'
    """
    who = _label(focus, names)
    if focus not in rca.index:
        return [f"{who} has no patent with a technology class and a located applicant: specialisation cannot be "
                "computed for it."]
    from ..metrics.specialisation import TIE

    row = cast(pd.Series, rca.loc[focus]).astype(float).dropna()
    cname = (lambda c: str(class_names.get(c, c))) if class_names else str
    kinds = str(rca.attrs.get("class_names", "technology classes"))
    spec = row[row >= 1 - TIE].sort_values(ascending=False, kind="stable")
    others = (rca.drop(index=focus) >= 1 - TIE).where(rca.drop(index=focus).notna()).sum(axis=1, min_count=1).dropna()
    versus = (f"; the other {len(others):,} regions are specialised in a median of {others.median():g}"
              if len(others) > 1 else "")
    out = []
    if row.empty:
        out.append(f"{who} has no patents in the count table: its RCA is not defined.")
    elif spec.empty:
        out.append(f"{who} is specialised (RCA ≥ 1) in none of {len(row):,} {kinds}{versus}.")
    else:
        top = [f"{cname(c)} (RCA {v:.2f})" for c, v in spec.head(most).items()]
        out.append(f"{who} is specialised (RCA ≥ 1) in {len(spec):,} of {len(row):,} {kinds}: "
                   f"{_and(top)}{versus}.")
    notes = list(rca.attrs.get("notes", []))
    if density is not None and focus in density.index:
        d = cast(pd.Series, density.loc[focus]).astype(float)
        lacking = cast(pd.Series, rca.loc[focus]).reindex(d.index) < 1 - TIE
        candidates = d[lacking & d.notna()].sort_values(ascending=False, kind="stable")
        if len(candidates):
            top = [f"{cname(c)} ({v:.0f})" for c, v in candidates.head(most).items()]
            median = (f"; the median over those {len(candidates):,} {kinds} is {candidates.median():.0f}"
                      if len(candidates) > 1 else "")
            out.append(f"Of the {kinds} {who} is not yet specialised in, the closest to what it is specialised in "
                       f"(relatedness density, 0–100): {_and(top)}{median}.")
        notes += [n for n in density.attrs.get("notes", []) if n not in notes]
    if complexity is not None:
        k = complexity["complexity"].astype(float)
        if focus in complexity.index and math.isfinite(float(k.get(focus, np.nan))):
            ranked = k.dropna().sort_values(ascending=False, kind="stable")
            rank = int((ranked > float(k[focus])).sum()) + 1
            single = set(rca.index[(rca.fillna(0) > 0).sum(axis=1) == 1])
            one = str(rca.attrs.get("class_name", "technology class"))
            def few(c: object) -> str:
                n = float(sizes.get(c, np.nan)) if sizes is not None else math.nan
                return f", {n:.1f} applications" if math.isfinite(n) and n < 5 else ""

            top_k = [f"{_label(str(c), names)} ({_sd(v)}{f', one {one} only' if c in single else ''}{few(c)})"
                     for c, v in ranked.drop(index=focus).head(most).items()]
            div = float(complexity["diversity"].get(focus, np.nan)) if "diversity" in complexity else math.nan
            div_words = (f", diversity {int(div)} {'classes' if kinds == 'technology classes' else kinds}"
                         if math.isfinite(div) else "")
            if top_k:
                out.append(f"{who}'s knowledge complexity is {_sd(float(k[focus]))} standard deviations from the mean "
                           f"of {len(ranked):,} regions (rank {rank}{div_words}); the most complex other regions: "
                           f"{_and(top_k)}.")
        else:
            why = "; ".join(complexity.attrs.get("notes", [])) or "its specialisations do not allow it"
            out.append(f"{who}'s knowledge complexity cannot be computed: {why}.")
        notes += [n for n in complexity.attrs.get("notes", []) if n not in notes]
    out += [f"Note: {n}." for n in notes]
    return out


def comparison_regions(
    actors: pd.DataFrame,
    focus: Sequence[str],
    level: int | None = None,
) -> tuple[list[str], list[str], int]:
    """The focus at its level and the regions it is compared with: every region of its country at
    that level holding an applicant.

    Parameters
    ----------
    actors : pandas.DataFrame
        The actors table (``region``: each applicant's usual region).
    focus : sequence of str
        The focal region codes.
    level : int, optional
        The level compared at (default: the focus's coarsest code's level).

    Returns
    -------
    (foci, peers, level)
        The focal codes at ``level``, the comparison regions (the foci among them) and the level.

    Examples
    --------
    >>> act = pd.DataFrame({"applicant_id": ["a", "b", "c"], "region": ["ITC4C", "ITI43", "FR101"]})
    >>> comparison_regions(act, ["ITC4"])
    (['ITC4'], ['ITC4', 'ITI4'], 2)
    """
    from ..regions import at_level, country_of, level_of

    lvl = level if level is not None else max(1, min(level_of(c) for c in focus))
    foci = sorted(set(at_level(pd.Series(list(focus)), lvl)))
    countries = sorted(set(country_of(pd.Series(foci))) - {""})
    a = actors.drop_duplicates("applicant_id")
    located = a["region"].fillna("").astype(str) if "region" in a else pd.Series(dtype=str)
    peers = sorted(set(at_level(located[country_of(located).isin(countries)], lvl)) - {""})
    return foci, peers, lvl


def focus_patents(applications: pd.DataFrame, actors: pd.DataFrame, focus: Sequence[str]) -> pd.DataFrame:
    """The applications of patents with an applicant whose usual region is in the focus (all their rows).

    Parameters
    ----------
    applications, actors : pandas.DataFrame
        The ingested tables.
    focus : sequence of str
        Focal region codes (a region inside one counts).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2"], "applicant_id": ["a", "b", "b"]})
    >>> act = pd.DataFrame({"applicant_id": ["a", "b"], "region": ["ITC4C", "ITI43"]})
    >>> focus_patents(apps, act, ["ITC4"])["applicant_id"].tolist()
    ['a', 'b']
    """
    from ..regions import within

    where = actors.drop_duplicates("applicant_id").set_index("applicant_id")["region"].fillna("").astype(str)
    inside = within(applications["applicant_id"].map(where).fillna("").astype(str), list(focus))
    return applications[applications["patent_id"].isin(set(applications.loc[inside, "patent_id"]))]


def _regions_word(code: str, level: int) -> str:
    """``NUTS-2 regions`` for a NUTS code, ``sido`` / ``si-gun-gu`` for Korea, else ``level-N regions``."""
    import re

    if re.fullmatch(r"[A-Z]{2}[0-9A-Z]{1,3}", code) and not code.startswith("KR"):
        return f"NUTS-{level} regions"
    if code.startswith("KR-") and level in (1, 2):
        return "sido" if level == 1 else "si-gun-gu"
    return f"level-{level} regions"


def specialisation_method(counts: pd.DataFrame, regions: str, period: str = "") -> str:
    """The sentence saying what the specialisation section counts: regions, counting, classification.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`~netanalysis.metrics.region_technology_counts` output (restricted to the regions compared).
    regions : str
        The regions compared, in words (``"the 21 NUTS-2 regions of Italy"``).
    period : str
        The years, in words.

    Returns
    -------
    str

    Examples
    --------
    >>> x = pd.DataFrame({"A": [1.0], "B": [2.0]}, index=["ITC4"])
    >>> x.attrs.update(classification="WIPO technology fields (Schmoch 2008)", column="technology",
    ...                counting="fractional")
    >>> specialisation_method(x, "the 2 NUTS-2 regions of Italy", "2001–2010")
    "Counted over the 2 NUTS-2 regions of Italy with an applicant, 2001–2010, in WIPO technology fields (Schmoch 2008;
    column 'technology'); fractional counts: ... not to all patenting."
    """
    a = counts.attrs
    when = f", {period}" if period else ""
    what = str(a.get("classification", "technology classes"))
    if a.get("column") not in (None, "ipc"):  # WIPO technology fields (Schmoch 2008; column 'technology')
        what = (what[:-1] + f"; column {a['column']!r})" if what.endswith(")")
                else f"{what} (column {a['column']!r})")
    kinds = str(a.get("class_names", "classes"))
    how = (f"fractional counts: each application counts 1, split equally over its applicants and then over its "
           f"{kinds}" if a.get("counting", "fractional") == "fractional"
           else f"whole counts: a region counts each application once in each of its {kinds}")
    return (f"Counted over {regions} with an applicant{when}, in {what}; {how}. RCA, the Balassa index or "
            "location quotient, is a region's share of a class over that class's share in these regions together, "
            "so it is relative to the applications in these data (e.g. one query's extract), not to all patenting.")


def instrument_sections(
    applications: pd.DataFrame,
    actors: pd.DataFrame,
    edges: pd.DataFrame,
    focus: Sequence[str] | None,
    years: tuple[int, int] | None = None,
    level: int | None = None,
    bursts: Mapping[str, pd.DataFrame] | None = None,
    class_column: str = "auto",
    n_boot: int = 200,
    seed: int = 1,
) -> dict[str, list[str]]:
    """Every instrument's section of the regional report, from the run's tables.

    Parameters
    ----------
    applications, actors : pandas.DataFrame
        The ingested tables.
    edges : pandas.DataFrame
        Per-year ties of the network (touching the focus).
    focus : sequence of str or None
        The focal region codes; ``None``: the whole network (no regional instrument).
    years : (int, int), optional
        The filing years of the run.
    level : int, optional
        The level the focus is compared at (default: the focus's coarsest code's level).
    bursts : mapping, optional
        :func:`~netanalysis.metrics.bursts.all_bursts` output already computed (else computed
        here), with ``classes_focus`` (the focus's own class bursts) when already computed.
    class_column : str
        The technology class column: ``"auto"`` (default: ``ipc`` when the applications have
        IPC codes, else ``technology``, e.g. WIPO fields), or a column name.
    n_boot, seed : int
        Bootstrap resamples and seed of T(UIG)'s interval.

    Returns
    -------
    dict
        ``{"Bursts": [...], "Triple helix": [...], "Specialisation": [...]}`` (the last two only
        with a focus); an instrument that cannot be computed says why in its list.  With a
        focus, the class bursts of the focus's applications are said beside those of all
        applications.

    Notes
    -----
    The comparison regions are every region of the focus's country at ``level`` that holds an
    applicant (for PATSTAT Italy by NUTS 2: the 21 Italian NUTS-2 regions).

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1", "p1", "p2"], "applicant_id": ["a", "b", "a"],
    ...                      "year": [2001, 2001, 2002]})
    >>> e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2001], "n_patents": [1], "weight": [1.0]})
    >>> list(instrument_sections(apps, pd.DataFrame({"applicant_id": ["a", "b"]}), e, None))
    ['Bursts']
    """
    from .._errors import NetworkInputError
    from ..metrics import knowledge_complexity, rca, region_technology_counts, relatedness_density, triple_helix
    from ..metrics.bursts import all_bursts, class_bursts

    a = actors.drop_duplicates("applicant_id").set_index("applicant_id")
    names = {str(k): str(v) for k, v in a["name"].items()} if "name" in a else None
    found = dict(bursts) if bursts is not None else all_bursts(applications, edges, years=years, column=class_column)
    if not focus:
        return {"Bursts": burst_sentences(found.get("actors"), found.get("ties"), found.get("classes"), names=names)}
    foci, peers, lvl = comparison_regions(actors, focus, level)
    who = _and([_label(f, None) for f in foci])
    national = found.get("classes")
    if "classes_focus" not in found and national is not None and "class_name" in national.attrs:
        try:
            found["classes_focus"] = class_bursts(focus_patents(applications, actors, foci), column=class_column,
                                                  years=years)
        except NetworkInputError as e:
            found["classes_focus"] = national.iloc[0:0].copy()
            found["classes_focus"].attrs = {**national.attrs, "notes": [str(e)]}
    sections = {"Bursts": burst_sentences(found.get("actors"), found.get("ties"), found.get("classes"), names=names,
                                          focus_classes=found.get("classes_focus"), focus=who)}
    apps = applications if years is None else applications[applications["year"].between(*years)]
    try:
        th = triple_helix(apps, actors, level=lvl, regions=peers or foci, n_boot=n_boot, seed=seed)
        sections["Triple helix"] = triple_helix_sentences(th, foci)
    except NetworkInputError as e:
        sections["Triple helix"] = [f"T(UIG) cannot be computed: {e}."]
    try:
        counts = region_technology_counts(apps, actors, level=lvl, column=class_column)
        counts = counts.loc[counts.index.isin(peers)] if peers else counts
        r, dens, kci = rca(counts), relatedness_density(counts), knowledge_complexity(counts)
        said = [t for f in foci for t in specialisation_sentences(r, f, density=dens, complexity=kci,
                                                                 sizes=counts.sum(axis=1))]
        from ..regions import country_of

        codes = sorted(set(country_of(pd.Series(foci))) - {""})
        country = _and([region_names([c]).get(c, c) for c in codes]) if codes else "the focus's country"
        period = "" if years is None else _years(*years)
        regions = f"the {len(counts):,} {_regions_word(foci[0], lvl)} of {country}"
        method = specialisation_method(counts, regions, period)
        sections["Specialisation"] = [method, *dict.fromkeys(said)]  # a note shared by two foci said once
    except NetworkInputError as e:
        sections["Specialisation"] = [f"Specialisation, relatedness and complexity cannot be computed: {e}."]
    return sections


#: Sources whose readers give no inventor address (said when inventor regions are missing).
NO_INVENTOR_ADDRESSES = ("KIPRIS and KIPRIS Plus XML, Lens CSV exports and PATSTAT query extracts that list applicants "
                         "only")


def _flow_words(flows: pd.DataFrame, foci: list[str], who: str, names: Mapping[str, str] | None, most: int) -> str:
    from ..regions import within

    a, b = flows["region_a"].astype(str), flows["region_b"].astype(str)
    in_a, in_b = within(a, foci), within(b, foci)
    mine = flows[in_a ^ in_b]  # one end in the focus, the other outside it
    if mine.empty:
        return (f"No patent has an inventor in {who} and a co-inventor in another located region (no inter-regional "
                "co-inventor flow).")
    other = np.where(in_a[in_a ^ in_b], b[in_a ^ in_b], a[in_a ^ in_b])
    per = pd.Series(mine["weight"].to_numpy(float), index=other).groupby(level=0).sum().sort_values(
        ascending=False, kind="stable")
    top = [f"{_label(str(c), names)} ({v:.1f})" for c, v in per.head(most).items()]
    total = float(per.sum())
    lead = "the strongest with " if len(per) > 1 else "with "
    return (f"{who}'s inventors co-invent with inventors of {len(per):,} other region{'s' if len(per) != 1 else ''} "
            f"(pairs of one patent's inventors, each patent counting 1 over its pairs: {total:.1f} in all); "
            f"{lead}{_and(top)}.")


def inventor_sentences(
    table: pd.DataFrame | None,
    focus: str | Sequence[str],
    *,
    flows: pd.DataFrame | None = None,
    names: Mapping[str, str] | None = None,
    most: int = 3,
    reason: str | None = None,
) -> list[str]:
    """The inventor-regions section: where the focus's inventions happen, who owns them, and its flows.

    Parameters
    ----------
    table : pandas.DataFrame or None
        :func:`~netanalysis.metrics.inventor_regions.invention_vs_ownership` output (every region
        of one level); ``None`` when it could not be computed (give ``reason``).
    focus : str or sequence of str
        The focal region code(s), at the table's level.
    flows : pandas.DataFrame, optional
        :func:`~netanalysis.metrics.inventor_regions.co_inventor_flows` output at the same level.
    names : mapping, optional
        Display names of region codes (default: the package's region names).
    most : int
        Flows named.
    reason : str, optional
        Why the table could not be computed (e.g. the source has no inventor addresses).

    Returns
    -------
    list of str
        The focus's patents by inventor address (REGPAT's fractional count) and its share of all
        located inventions; the patents its applicants own; the share of its inventions owned
        elsewhere and of its owned patents invented elsewhere, against the median of the other
        regions; its strongest co-inventor flows; caveats (patents whose inventors have no
        region, and the sources that give none).  These are counts, with no sampling interval.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["ITC4", "ITI4"], "invented": [3.0, 1.0], "owned": [2.0, 2.0],
    ...     "invented_owned_outside": [0.5, 0.0], "invented_owner_unknown": [0.0, 0.0],
    ...     "owned_invented_outside": [0.25, 0.5], "owned_inventor_unknown": [0.0, 0.0]})
    >>> inventor_sentences(t, "ITC4")[0]
    'Lombardia (ITC4): 3.0 patents invented there (by inventor address, fractional counts as OECD REGPAT), 75% of
    the located inventions; 2.0 owned by applicants there.'
    """
    foci = [focus] if isinstance(focus, str) else list(focus)
    caveat = (f"Inventor addresses come only from PATSTAT, OECD REGPAT, the PatentsView API and Lens API JSON; "
              f"{NO_INVENTOR_ADDRESSES} give none.")
    if table is None:
        why = reason or "no inventors table"
        return [f"Inventor regions cannot be computed: {why.rstrip('.')}."] + ([] if "REGPAT" in why else [caveat])
    from ..regions import within

    region = table["region"].astype(str)
    located = table[region != ""]
    mine = located[within(located["region"].astype(str), foci)]
    who = _and([_label(c, names) for c in foci])
    out: list[str] = []
    if mine.empty:
        out.append(f"{who}: no patent in these data is invented or owned there.")
    else:
        inv, own = float(mine["invented"].sum()), float(mine["owned"].sum())
        total = float(located["invented"].sum())
        out.append(f"{who}: {inv:.1f} patents invented there (by inventor address, fractional counts as OECD REGPAT), "
                   f"{pct(inv / total) if total else 'n/a'} of the located inventions; {own:.1f} owned by applicants "
                   "there.")

        def weighted(col: str, base: str) -> float:
            w = mine[base].astype(float)
            return float((mine[col].astype(float) * w).sum() / w.sum()) if w.sum() > 0 else math.nan

        others = located[~within(located["region"].astype(str), foci)]
        parts = []
        for col, base, words in (("invented_owned_outside", "invented", "of what is invented in {who}, {x} is owned "
                                  "by applicants in other regions"),
                                 ("owned_invented_outside", "owned", "of what {who}'s applicants own, {x} was "
                                  "invented in other regions")):
            x = weighted(col, base)
            if not math.isfinite(x):
                parts.append(("nothing is invented in {who}" if base == "invented" else "{who}'s applicants own "
                              "nothing").format(who=who))
                continue
            unknown = weighted(col.replace("outside", "unknown").replace("invented_owned", "invented_owner")
                               .replace("owned_invented", "owned_inventor"), base)
            text = words.format(who=who, x=pct(x))
            if math.isfinite(unknown) and unknown > 0:
                text += f" ({pct(unknown)} of unknown region)"
            peers = others[col].astype(float).dropna()
            if len(peers):
                text += (f"; the median of the other {len(peers):,} regions is {pct(float(peers.median()))}"
                         if len(peers) > 1 else f"; in the one other region where it is defined, {pct(peers.iloc[0])}")
            parts.append(text)
        out.append(parts[0][0].upper() + parts[0][1:] + "; " + parts[1] + ".")
    if flows is not None:
        out.append(_flow_words(flows, foci, who, names, most))
        out += [f"Note on flows: {n}." for n in flows.attrs.get("notes", []) if "one inventor" not in n]
    u = float(table.loc[region == "", "invented"].sum())
    n_patents = int(table.attrs.get("n_patents", 0) or 0)
    if u > 0:
        share = f" ({pct(u / n_patents)})" if n_patents else ""
        out.append(f"Caveat: {u:.1f} of {n_patents:,} patents{share} have inventors of unknown region and are left "
                   f"out of the shares above. {caveat}")
    out += [f"Note: {n}." for n in table.attrs.get("notes", []) if "unknown region" not in n]
    return out


def inventor_section(
    applications: pd.DataFrame,
    inventors: pd.DataFrame | None,
    focus: Sequence[str] | None,
    years: tuple[int, int] | None = None,
    level: int | None = None,
    names: Mapping[str, str] | None = None,
) -> list[str]:
    """The inventor-regions section of the regional report, from the run's tables.

    Parameters
    ----------
    applications : pandas.DataFrame
        The ingested applications (their ``region``: where the owners sit).
    inventors : pandas.DataFrame or None
        ``NativeResult.inventors`` (``None`` for a source whose reader keeps none).
    focus : sequence of str or None
        The focal region codes; ``None``: the whole network (nothing regional to say).
    years : (int, int), optional
        The run's filing years.
    level : int, optional
        The level the focus is compared at (default: the focus's coarsest code's level).
    names : mapping, optional
        Display names of region codes.

    Returns
    -------
    list of str
        :func:`inventor_sentences` of the tables computed here, or why they cannot be.

    Examples
    --------
    >>> apps = pd.DataFrame({"patent_id": ["p1"], "applicant_id": ["A"], "year": [2015], "region": ["ITC4C"]})
    >>> print(inventor_section(apps, None, ["ITC4"])[0])
    Inventor regions cannot be computed: inventors: no inventors table was given ... no inventor address.
    """
    from .._errors import NetworkInputError
    from ..metrics.inventor_regions import co_inventor_flows, invention_vs_ownership
    from ..regions import at_level, level_of

    if not focus:
        return ["No focal region was given: inventor regions are reported for a region."]
    lvl = level if level is not None else max(1, min(level_of(c) for c in focus))
    foci = sorted(set(at_level(pd.Series(list(focus)), lvl)) - {""}) or list(focus)
    apps = applications if years is None else applications[applications["year"].between(*years)]
    kept = inventors
    if isinstance(inventors, pd.DataFrame) and "patent_id" in inventors and years is not None:
        kept = inventors[inventors["patent_id"].astype(str).isin(set(apps["patent_id"].astype(str)))]
    try:
        table = invention_vs_ownership(apps, kept, level=lvl)
        flows = co_inventor_flows(kept, level=lvl)
    except NetworkInputError as e:
        return inventor_sentences(None, foci, names=names, reason=str(e))
    flows.attrs["notes"] = [n for n in flows.attrs.get("notes", []) if n not in table.attrs.get("notes", [])]
    return inventor_sentences(table, foci, flows=flows, names=names)


__all__ = ["burst_sentences", "comparison_regions", "focus_patents", "instrument_sections", "inventor_section",
           "inventor_sentences", "specialisation_method", "specialisation_sentences", "triple_helix_sentences"]
