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

import matplotlib.pyplot as plt
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


def new_axes(ax=None, figsize=(7.0, 4.5)):
    """Return ``(fig, ax)``: the given axes' figure, or a new figure."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, ax


def fit_title(fig: Any, ax: Any) -> None:
    """Wrap the axes title onto more lines until it lies inside the figure.

    Constrained layout makes room for extra lines but not for a line wider than the space
    beside the axes, which would be clipped.  Called last (by :func:`finish_figure`), so the
    layout it measures is the final one; a title that fits is left untouched.
    """
    title = ax.title
    text = title.get_text()
    width = len(text)
    renderer = fig.canvas.get_renderer()
    if title.get_window_extent(renderer).width < 0.55 * fig.bbox.width:
        return  # fits beside any axes position: no layout pass needed
    for _ in range(6):
        fig.canvas.draw()  # places the axes, so the title's extent is the final one
        box = title.get_window_extent(fig.canvas.get_renderer())
        if (box.x0 >= 0 and box.x1 <= fig.bbox.width) or width <= 12:
            return
        width = int(width * 0.75)
        title.set_text(textwrap.fill(text, width=width))


def add_credit(fig, text: str | None) -> None:
    """A small grey source/credit line at the bottom left of the figure."""
    if text:
        # a figure-level x label: constrained layout keeps room for it, so it never overlaps
        fig.supxlabel(text, x=0.01, ha="left", fontsize=6.5, color="#555555", wrap=True)


def finish_figure(fig, ax, *, show: bool = False, save: bool = False, filepath=None, dpi: int = 300):
    """Fit the title, then save (PNG/SVG by extension, no timestamps, so reruns give the same
    bytes) and/or show."""
    if ax.get_title():
        fit_title(fig, ax)
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
