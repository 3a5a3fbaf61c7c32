"""Shared look of every figure: palette, Hangul font handling, credit line, saving."""

from __future__ import annotations

import os
import re
import warnings
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager

from ..schema import ACTOR_TYPES

#: Okabe–Ito colour-blind-safe palette, one colour per actor type (fixed across figures).
TYPE_COLORS: dict[str, str] = {
    "university": "#0072B2",
    "research_institute": "#009E73",
    "large_firm": "#D55E00",
    "sme": "#E69F00",
    "government": "#CC79A7",
    "hospital": "#56B4E9",
    "individual": "#F0E442",
    "other": "#999999",
}
TYPE_LABELS: dict[str, str] = {
    "university": "University", "research_institute": "Research institute", "large_firm": "Large firm",
    "sme": "SME", "government": "Government", "hospital": "Hospital", "individual": "Individual",
    "other": "Other",
}
OPENNESS_COLORS: dict[str, str] = {
    "internal": "#0072B2", "capital_area": "#D55E00", "other_korea": "#E69F00", "abroad": "#009E73",
    "unknown": "#BBBBBB",
}
HANGUL_FONTS = ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "NanumBarunGothic", "Malgun Gothic",
                "AppleGothic", "Apple SD Gothic Neo", "UnDotum", "Baekmuk Gulim")
_HANGUL = re.compile(r"[가-힣]")
_warned = {"hangul": False}
assert set(TYPE_COLORS) == set(ACTOR_TYPES)


@lru_cache(maxsize=1)
def hangul_font() -> str | None:
    """The first installed Hangul-capable font family, or None."""
    if os.environ.get("NETANALYSIS_NO_HANGUL_FONT"):  # lets tests exercise the fallback
        return None
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in HANGUL_FONTS if f in installed), None)


def use_hangul() -> bool:
    """True when Hangul can be drawn; otherwise warn once and return False."""
    if hangul_font() is not None:
        return True
    if not _warned["hangul"]:
        warnings.warn(
            "no Hangul-capable font is installed (looked for " + ", ".join(HANGUL_FONTS) + "); Korean "
            "labels are drawn romanised. Install one, e.g. `apt-get install fonts-nanum`.",
            UserWarning,
            stacklevel=3,
        )
        _warned["hangul"] = True
    return False


def rc() -> dict:
    """Matplotlib settings for publication figures (used as ``with plt.rc_context(rc())``)."""
    family = [hangul_font()] if hangul_font() else []
    return {
        "font.family": "sans-serif",
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


def font_kwargs() -> dict:
    """Text keyword arguments that pin the Hangul font on text drawn after the rc context
    has closed (tick labels are created lazily, e.g. when a notebook renders the figure)."""
    f = hangul_font()
    return {"fontfamily": [f, "DejaVu Sans"]} if f else {}


def display_labels(names: pd.Series, ids: pd.Series | None = None) -> pd.Series:
    """Labels to draw: Korean names when Hangul can be drawn, else English/romanised ones.

    The fallback uses the harmonised ``applicant_id`` when it is Latin (e.g. ``DAEGU
    UNIVERSITY``), else the Revised Romanisation of the Korean name.
    """
    names = names.astype(str)
    if use_hangul() or not names.str.contains(_HANGUL).any():
        return names
    from ..entities import _romanise

    ids = names if ids is None else ids.astype(str)
    latin_id = ~ids.str.contains(_HANGUL)
    roman = names.map(lambda s: re.sub(r"[가-힣]+", lambda m: _romanise(m.group(0)).title(), s))
    out = names.where(~names.str.contains(_HANGUL), ids.where(latin_id, roman).str.title())
    return out


def new_axes(ax=None, figsize=(7.0, 4.5)):
    """Return ``(fig, ax)``: the given axes' figure, or a new figure."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, ax


def add_credit(fig, text: str | None) -> None:
    """A small grey source/credit line at the bottom left of the figure."""
    if text:
        # a figure-level x label: constrained layout keeps room for it, so it never overlaps
        fig.supxlabel(text, x=0.01, ha="left", fontsize=6.5, color="#555555", wrap=True)


def finish(fig, ax, *, show: bool = False, save: bool = False, filepath=None, dpi: int = 300):
    """Save (PNG/SVG by extension, no timestamps, so reruns give the same bytes) and/or show."""
    if save:
        if filepath is None:
            raise ValueError("save=True needs filepath=")
        path = Path(filepath)
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"Date": None} if path.suffix.lower() in (".svg", ".pdf") else {"Software": None}
        fig.savefig(path, dpi=dpi, metadata=meta)
    if show:
        plt.show()
    return fig, ax


def type_handles(types) -> list:
    """Legend handles for the given actor types, in the fixed type order."""
    from matplotlib.lines import Line2D

    present = [t for t in ACTOR_TYPES if t in set(types)]
    return [Line2D([], [], marker="o", ls="", markersize=7, markerfacecolor=TYPE_COLORS[t],
                   markeredgecolor="white", label=TYPE_LABELS[t]) for t in present]


__all__ = ["OPENNESS_COLORS", "TYPE_COLORS", "TYPE_LABELS", "mpl"]
