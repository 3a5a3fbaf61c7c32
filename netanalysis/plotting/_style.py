"""Shared look of every figure: palette, Hangul font handling, credit line, saving."""

from __future__ import annotations

import os
import re
import textwrap
import warnings
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager

from .._io import atomic_path
from ..entities import romanise_hangul
from ..schema import ACTOR_TYPES

#: Okabe–Ito colour-blind-safe palette, one colour per actor type (fixed across figures); firms of
#: unknown size get a neutral colour of their own, never the SME colour.
TYPE_COLORS: dict[str, str] = {
    "university": "#0072B2",
    "research_institute": "#009E73",
    "large_firm": "#D55E00",
    "sme": "#E69F00",
    "firm": "#6B5E4F",  # size unknown: a neutral dark taupe, apart from both firm colours and other's grey
    "government": "#CC79A7",
    "hospital": "#56B4E9",
    "individual": "#F0E442",
    "other": "#999999",
}
TYPE_LABELS: dict[str, str] = {
    "university": "University", "research_institute": "Research institute", "large_firm": "Large firm",
    "sme": "SME", "firm": "Firm (size unknown)", "government": "Government", "hospital": "Hospital",
    "individual": "Individual", "other": "Other",
}
OPENNESS_COLORS: dict[str, str] = {
    "internal": "#0072B2", "core_region": "#D55E00", "rest_of_country": "#E69F00", "abroad": "#009E73",
    "unknown": "#BBBBBB",
}
HANGUL_FONTS = ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "NanumBarunGothic", "Malgun Gothic",
                "AppleGothic", "Apple SD Gothic Neo", "UnDotum", "Baekmuk Gulim")
_HANGUL = re.compile(r"[가-힣]")
_warned = {"hangul": False}


_HANGUL_FILE = re.compile(r"nanum|notosanscjk|notosanskr|noto-cjk|malgun|applegothic|undotum|baekmuk", re.I)


def _register_system_hangul_fonts() -> None:
    """Add Hangul font files installed after matplotlib built its font cache.

    Matplotlib lists fonts once and caches the list; a font installed later (e.g.
    ``apt-get install fonts-nanum``) is invisible until the cache is rebuilt.  Registering
    the files with the font manager makes them usable at once, without touching the cache.
    """
    known = {Path(f.fname).resolve() for f in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if _HANGUL_FILE.search(Path(path).name) and Path(path).resolve() not in known:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # an unreadable font file is skipped
                continue


@lru_cache(maxsize=1)
def hangul_font() -> str | None:
    """The first installed Hangul-capable font family, or None (fonts installed after
    matplotlib built its cache are found too)."""
    if os.environ.get("NETANALYSIS_NO_HANGUL_FONT"):  # lets tests exercise the fallback
        return None
    installed = {f.name for f in font_manager.fontManager.ttflist}
    found = next((f for f in HANGUL_FONTS if f in installed), None)
    if found is None:
        _register_system_hangul_fonts()
        installed = {f.name for f in font_manager.fontManager.ttflist}
        found = next((f for f in HANGUL_FONTS if f in installed), None)
    return found


def use_hangul() -> bool:
    """True when Hangul can be drawn; otherwise warn once and return False."""
    if hangul_font() is not None:
        return True
    if not _warned["hangul"]:
        warnings.warn(
            "no Hangul-capable font is installed (looked for " + ", ".join(HANGUL_FONTS) + "); Korean "
            "labels are drawn romanised. Install one (Debian/Ubuntu: `sudo apt-get install fonts-nanum`; "
            "macOS and Windows ship AppleGothic / Malgun Gothic) and restart Python.",
            UserWarning,
            stacklevel=3,
        )
        _warned["hangul"] = True
    return False


def rc() -> dict:
    """Matplotlib settings for publication figures (used as ``with plt.rc_context(rc())``)."""
    family = [hangul_font()] if hangul_font() else []
    return {
        # a list of families: a glyph the Hangul font lacks (Greek, Cyrillic …) comes from DejaVu
        "font.family": [*family, "DejaVu Sans"],
        "font.sans-serif": [*family, "DejaVu Sans"],
        "font.size": 9,
        "axes.titlesize": 11,
        "axes.labelsize": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.frameon": False,
        "legend.fontsize": 8,
        "svg.hashsalt": "netanalysis",
        "svg.fonttype": "none",
        "axes.unicode_minus": False,
        # names and classes come from the data: a '$' is drawn as written, never parsed as mathtext
        # (two '$' in a name would typeset it, and an unbalanced TeX command raises at draw time)
        "text.parse_math": False,
    }


def style_context() -> Any:
    """The package's figure style as a context manager (``with style_context(): fig, ax = ...``).

    Returns
    -------
    contextlib.AbstractContextManager
        :func:`matplotlib.pyplot.rc_context` with the settings of :func:`rc`.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with style_context():
    ...     plt.rcParams["axes.spines.top"]
    False
    """
    return plt.rc_context(rc())


def font_kwargs() -> dict:
    """Text keyword arguments that pin the Hangul font on text drawn after the rc context
    has closed (tick labels are created lazily, e.g. when a notebook renders the figure)."""
    f = hangul_font()
    return {"fontfamily": [f, "DejaVu Sans"]} if f else {}


def display_labels(names: pd.Series, ids: pd.Series | None = None) -> pd.Series:
    """Labels to draw: Korean names when Hangul can be drawn, else English/romanised ones.

    The fallback uses the harmonised ``applicant_id`` when it is Latin (e.g. ``DAEGU
    UNIVERSITY``), else the Revised Romanisation of the Korean name.

    Parameters
    ----------
    names : pandas.Series of str
        Display names.
    ids : pandas.Series of str, optional
        Harmonised ids on the same index (preferred fallback when Latin).

    Returns
    -------
    pandas.Series of str
        The labels to draw.

    Examples
    --------
    >>> import pandas as pd
    >>> display_labels(pd.Series(["ACME"])).tolist()
    ['ACME']
    """
    names = names.astype(str)
    if use_hangul() or not names.str.contains(_HANGUL).any():
        return names
    ids = names if ids is None else ids.astype(str)
    latin_id = ~ids.str.contains(_HANGUL)
    roman = romanise_hangul(names)
    out = names.where(~names.str.contains(_HANGUL), ids.where(latin_id, roman).str.title())
    return out


#: Abbreviations tried, in order, before a long label is cut (Seoul National Univ. rather than
#: Seoul National Univer…).
_ABBREVIATIONS = (("University", "Univ."), ("UNIVERSITY", "UNIV."), ("Institute", "Inst."),
                  ("INSTITUTE", "INST."), ("National", "Nat."), ("NATIONAL", "NAT."), ("Foundation", "Found."),
                  ("Technology", "Tech."), ("TECHNOLOGY", "TECH."))


def short_label(s: str, n: int = 22) -> str:
    """A label that fits: vehicle words dropped, common words abbreviated, then cut.

    Examples
    --------
    >>> short_label("Seoul National University"), short_label("Korea Advanced Institute of Science and Technology")
    ('Seoul National Univ.', 'Korea Advanced Inst. …')
    """
    for cut in (" 산학협력단", " INDUSTRY", " 주식회사"):
        s = s.replace(cut, "")
    for long, abbr in _ABBREVIATIONS:
        if len(s) <= n:
            break
        s = s.replace(long, abbr)
    return s if len(s) <= n else s[: n - 1] + "…"


def distinct_labels(labels: list[str], n: int = 22) -> list[str]:
    """Labels that fit and still tell apart the actors they name.

    Each label is first shortened by :func:`short_label`.  Labels that the cut makes equal
    (``UNIVERSITA' DEGLI STU…`` four times) keep instead their first word and, from the
    first word where each differs from the others, as many words as fit
    (``UNIVERSITA' … MILANO``, ``UNIVERSITA' … PADOVA``; ``… MILANO-BICOCCA`` when the first
    word and the differing one do not fit together); labels equal in full stay equal.

    Examples
    --------
    >>> distinct_labels(["UNIVERSITA' DEGLI STUDI DI MILANO", "UNIVERSITA' DEGLI STUDI DI PADOVA",
    ...                  "POLITECNICO DI MILANO"])
    ["UNIVERSITA' … MILANO", "UNIVERSITA' … PADOVA", 'POLITECNICO DI MILANO']
    """
    short = [short_label(x, n) for x in labels]
    groups: dict[str, list[int]] = {}
    for i, s in enumerate(short):
        groups.setdefault(s, []).append(i)

    def shared(a: list[str], b: list[str]) -> int:
        k = 0
        while k < min(len(a), len(b)) and a[k] == b[k]:
            k += 1
        return k

    def from_word(w: list[str], k: int) -> str:
        k = min(k, len(w) - 1)
        while k < len(w) - 1 and not any(ch.isalnum() for ch in w[k]):  # "MILANO - BICOCCA": skip the dash
            k += 1
        heads = [w[0] + " … ", "… "] if k > 0 else [""]  # the first word, unless the differing one won't fit
        text = next((h for h in heads if len(h) + len(w[k]) <= n), heads[-1])
        for word in w[k:]:
            if len(text) + len(word) + (0 if text.endswith(" ") or not text else 1) > n:
                return (text.rstrip() + " " + word)[: n - 1].rstrip() + "…"
            text += ("" if text.endswith(" ") or not text else " ") + word
        return text

    for members in groups.values():
        if len({labels[i] for i in members}) < 2:
            continue
        words = {i: short_label(labels[i], 10 ** 6).split() for i in members}
        for i in members:  # from the first word where it differs from its closest sibling
            short[i] = from_word(words[i], max(shared(words[i], words[j]) for j in members if labels[j] != labels[i]))
        seen: dict[str, set[str]] = {}
        for i in members:
            seen.setdefault(short[i], set()).add(labels[i])
        common = min(shared(words[i], words[j]) for i in members for j in members if labels[i] != labels[j])
        for i in members:  # still equal to another's: from where the whole group starts to differ
            if len(seen[short[i]]) > 1:
                short[i] = from_word(words[i], common)
    return short


#: A journal's double-column width (183 mm) and the tallest figure a page holds (with its
#: caption), in inches; the widest and the tallest shape a figure is given (width / height).
PAGE_WIDTH, PAGE_HEIGHT = 7.2, 9.2
WIDEST, TALLEST = 2.1, 0.55


def page_size(width: float, height: float) -> tuple[float, float]:
    """A figure size a journal can print: at most a double column wide and a page tall, and
    between 2.1:1 (wide) and 1:1.8 (tall) in shape — a one-row chart is made taller, not
    printed as a strip.

    Examples
    --------
    >>> page_size(11.1, 5.7), page_size(6.0, 1.55), page_size(6.5, 20.0)
    ((7.2, 5.7), (6.0, 2.857), (6.5, 9.2))
    """
    w = min(float(width), PAGE_WIDTH)
    h = min(max(float(height), w / WIDEST), w / TALLEST, PAGE_HEIGHT)
    return round(w, 3), round(h, 3)


def new_axes(ax=None, figsize=(7.0, 4.5)):
    """Return ``(fig, ax)``: the given axes' figure, or a new figure of a printable size
    (:func:`page_size` of ``figsize``)."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=page_size(*figsize), layout="constrained")
    return fig, ax


def pad_rows(ax: Any, n: int, fewest: int = 4) -> None:
    """Room for ``fewest`` rows on an axis of ``n`` horizontal bars or rows at 0 … n − 1, so one
    or two rows are drawn as bars, not slabs filling the figure."""
    pad = max(0.0, (fewest - n) / 2)
    ax.set_ylim(-0.5 - pad, n - 0.5 + pad)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def tick_number(v: float, _pos: Any = None) -> str:
    """A log-axis tick as a reader writes it: ``0.002``, ``50``, ``20,000``; beyond that range
    a power of ten with Unicode superscripts (``10⁻⁵``, ``2×10⁶``; no mathtext, whose minus
    sign the Hangul fonts lack).

    Examples
    --------
    >>> [tick_number(v) for v in (0.002, 1, 50, 20000, 1e-5, 2e6)]
    ['0.002', '1', '50', '20,000', '10⁻⁵', '2×10⁶']
    """
    if v <= 0 or not np.isfinite(v):
        return "0" if v == 0 else ""
    if 1e-3 <= v < 1e5:
        return f"{v:,.6g}" if v >= 1 else f"{v:.6g}"
    exp = int(np.floor(np.log10(v) + 1e-9))
    mant = v / 10.0 ** exp
    power = "10" + str(exp).translate(_SUPERSCRIPT)
    return power if abs(mant - 1) < 1e-6 else f"{mant:.3g}×{power}"


#: Tick multiples between powers of ten, from the densest set a log axis is given to the
#: sparsest (:func:`log_ticks`, :func:`legible_ticks`).
_LOG_SUBS: tuple[tuple[float, ...], ...] = ((1.0, 2.0, 5.0), (1.0, 3.0), (1.0,))


def log_ticks(axis: Any, lo: float, hi: float, subs: tuple[float, ...] | None = None) -> None:
    """Legible ticks on a logarithmic ``axis`` spanning ``lo`` … ``hi`` (both > 0).

    Major ticks at 1, 2, 5 × 10ⁿ over two decades or less, 1, 3 × 10ⁿ up to four, powers of
    ten beyond (:class:`matplotlib.ticker.LogLocator` thins those further on a long range),
    labelled by :func:`tick_number`; minor ticks unlabelled.  :func:`legible_ticks` moves to
    a sparser set when the labels still touch at the drawn size.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax.set_yscale("log"); _ = ax.set_ylim(0.5, 30); log_ticks(ax.yaxis, 0.5, 30)
    >>> [t.get_text() for t in ax.get_yticklabels() if 0.5 <= t.get_position()[1] <= 30]
    ['0.5', '1', '2', '5', '10', '20']
    >>> plt.close(fig)
    """
    decades = np.log10(hi / lo) if lo > 0 and hi > lo else 0.0
    if subs is None:
        subs = _LOG_SUBS[0] if decades <= 2 else _LOG_SUBS[1] if decades <= 4 else _LOG_SUBS[2]
    axis.set_major_locator(mpl.ticker.LogLocator(base=10, subs=subs))
    axis.set_major_formatter(mpl.ticker.FuncFormatter(tick_number))
    axis.set_minor_locator(mpl.ticker.LogLocator(base=10, subs="auto"))
    axis.set_minor_formatter(mpl.ticker.NullFormatter())


def legible_ticks(fig: Any, tries: int = 4, drawn: bool = False) -> bool:
    """Thin the tick labels of any axis whose labels are drawn over each other.

    A logarithmic axis moves to the next sparser multiples (1-2-5, 1-3, powers of ten, then
    fewer powers); a linear axis with automatic ticks gets fewer bins.  Fixed ticks (category
    names) are left as they are: their figure makes room for them.  ``drawn``: the figure
    was drawn at its final layout just before (saves a draw).  Returns whether anything changed.
    """
    from ._layout import overlapping_ticks

    done: set[int] = set()  # axes at their sparsest ticks
    changed_any = False
    for _ in range(tries):
        if not drawn:
            fig.canvas.draw()
        drawn = False
        renderer = fig.canvas.get_renderer()
        changed = False
        for ax in fig.axes:
            for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
                if id(axis) in done or not overlapping_ticks(axis, renderer, name, ""):
                    continue
                locator = axis.get_major_locator()
                if isinstance(locator, mpl.ticker.LogLocator):
                    lo, hi = sorted(axis.get_view_interval())
                    locs = np.asarray([v for v in axis.get_majorticklocs() if lo <= v <= hi and v > 0])
                    mantissas = set(np.round(locs / 10.0 ** np.floor(np.log10(locs) + 1e-9), 6))
                    sparser = next((sub for sub in _LOG_SUBS if len(sub) < len(mantissas)), None)
                    if sparser is not None:
                        log_ticks(axis, lo, hi, subs=sparser)
                    else:  # powers of ten still touch: fewer of them
                        axis.set_major_locator(mpl.ticker.LogLocator(base=10, subs=(1.0,), numticks=3))
                        done.add(id(axis))
                    changed = True
                elif isinstance(locator, mpl.ticker.MaxNLocator):  # AutoLocator is one
                    shown = len(axis.get_majorticklocs())
                    axis.set_major_locator(mpl.ticker.MaxNLocator(nbins=max(2, shown // 2),
                                                                  steps=[1, 2, 2.5, 5, 10]))
                    if shown // 2 <= 2:
                        done.add(id(axis))
                    changed = True
        changed_any |= changed
        if not changed:
            break
    return changed_any


def ranking_title(n: int, value: str = "betweenness") -> str:
    """``Top 12 actors by betweenness``; ``Top actor by betweenness`` for one.

    Parameters
    ----------
    n : int
        Actors ranked.
    value : str
        The score they are ranked by.

    Returns
    -------
    str

    Examples
    --------
    >>> ranking_title(1), ranking_title(12, "degree")
    ('Top actor by betweenness', 'Top 12 actors by degree')
    """
    return f"Top actor by {value}" if n == 1 else f"Top {n:,} actors by {value}"


def fit_axis_labels(fig: Any) -> bool:
    """Wrap an axis label longer than its side of the figure onto two lines (a y label taller
    than a short figure is otherwise cut at the top and bottom); the figure has just been
    drawn.  Returns whether a label was wrapped."""
    renderer = fig.canvas.get_renderer()
    wrapped = False
    for ax in fig.axes:
        for label, side in ((ax.yaxis.label, fig.bbox.height), (ax.xaxis.label, fig.bbox.width)):
            text = label.get_text()
            if not text or "\n" in text:
                continue
            box = label.get_window_extent(renderer)
            if max(box.width, box.height) > 0.92 * side:
                words = text.split()
                cut = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(text) / 2),
                          default=None)
                if cut is not None:
                    label.set_text(" ".join(words[:cut]) + "\n" + " ".join(words[cut:]))
                    wrapped = True
    return wrapped


def fit_title(fig: Any, ax: Any, drawn: bool = False) -> None:
    """Wrap the axes title onto more lines until it lies inside the figure.

    Constrained layout makes room for extra lines but not for a line wider than the space
    beside the axes, which would be clipped — a short title too, when long tick labels push
    the axes right.  Called last (by :func:`finish_figure`), so the layout it measures is the
    final one (``drawn``: the figure was just drawn at it); a title that fits is left untouched.
    """
    title = ax.title
    text = title.get_text()
    width = len(text)
    for _ in range(6):
        if not drawn:
            fig.canvas.draw()  # places the axes, so the title's extent is the final one
        drawn = False
        box = title.get_window_extent(fig.canvas.get_renderer())
        if (box.x0 >= 0 and box.x1 <= fig.bbox.width) or width <= 12:
            return
        width = int(width * 0.75)
        title.set_text(textwrap.fill(text, width=width))


CREDIT_SIZE = 6.5


def wrap_to_width(fig, text: str, fontsize: float, share: float = 0.97) -> str:
    """``text`` broken at spaces into lines no wider than ``share`` of the figure's width,
    measured in the figure's own font (a word wider than a line keeps its own line).

    Matplotlib's ``wrap=True`` fills a left-aligned line up to the figure's very edge; this
    leaves the same margin on the right as on the left.
    """
    renderer = fig.canvas.get_renderer()
    props = font_manager.FontProperties(size=fontsize)
    limit = share * fig.bbox.width

    def width(s: str) -> float:
        return float(renderer.get_text_width_height_descent(s, props, ismath=False)[0])

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and width(candidate) > limit:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def add_credit(fig, text: str | None) -> None:
    """A small grey source/credit line at the bottom left of the figure, wrapped to its width."""
    if text:
        # a figure-level x label: constrained layout keeps room for it, so it never overlaps
        fig.supxlabel(wrap_to_width(fig, text, CREDIT_SIZE, share=0.97), x=0.01, ha="left",
                      fontsize=CREDIT_SIZE, color="#555555")


def finish_figure(fig, ax, *, show: bool = False, save: bool = False, filepath=None, dpi: int = 300):
    """Fit the title, then save (PNG/SVG by extension, no timestamps, so reruns give the same
    bytes) and/or show."""
    fig.canvas.draw()  # the layout a reader sees: every check below measures it
    wrapped = fit_axis_labels(fig)
    thinned = legible_ticks(fig, drawn=not wrapped)
    if ax.get_title():
        fit_title(fig, ax, drawn=not (wrapped or thinned))
    if save:
        if filepath is None:
            raise ValueError("save=True needs filepath=")
        path = Path(filepath)
        meta = {"Date": None} if path.suffix.lower() in (".svg", ".pdf") else {"Software": None}
        with atomic_path(path) as tmp:  # a new file renamed onto ``path``: a link there is replaced, not followed
            fig.savefig(tmp, dpi=dpi, metadata=meta, format=path.suffix.lstrip(".").lower() or "png")
    if show:
        plt.show()
    return fig, ax


#: The keyword arguments every ``plot_*`` function shares, documented once.
FIGURE_OPTIONS = """\
title : str, optional
    Figure title (a default describing the content when omitted).
credit : str, optional
    Source line at the bottom left (say SYNTHETIC when the data is).
ax : matplotlib.axes.Axes, optional
    Draw into these axes; a new figure is made when omitted.
show : bool
    Call ``plt.show()`` after drawing.
save : bool
    Save to ``filepath`` (PNG or SVG by extension, no timestamps).
filepath : str or path, optional
    Where to save when ``save=True``.
dpi : int
    Resolution of a saved raster file."""

_F = TypeVar("_F", bound=Callable[..., Any])


def figure_doc(func: _F) -> _F:
    """Fill the ``{figure_options}`` line of a plot function's docstring with :data:`FIGURE_OPTIONS`."""
    if func.__doc__:
        options = textwrap.indent(FIGURE_OPTIONS, "    ")
        func.__doc__ = func.__doc__.replace("    {figure_options}", options)
    return func


def type_handles(types) -> list:
    """Legend handles for the given actor types, in the fixed type order."""
    from matplotlib.lines import Line2D

    present = [t for t in ACTOR_TYPES if t in set(types)]
    return [Line2D([], [], marker="o", ls="", markersize=7, markerfacecolor=TYPE_COLORS[t],
                   markeredgecolor="white", label=TYPE_LABELS[t]) for t in present]


__all__ = ["OPENNESS_COLORS", "TYPE_COLORS", "TYPE_LABELS"]
