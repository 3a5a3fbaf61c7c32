"""Legibility of a drawn figure, measured on the renderer: what a journal reader would see.

:func:`layout_problems` lists, in words, every fault this module can measure on a figure
after it is drawn: tick labels drawn over each other, text outside the figure (cut when
printed), a title or axis label under a legend, a bar on a logarithmic axis (a bar's
length means nothing without a zero baseline) and a page shape a journal cannot print.
The figure steps call the fixes in :mod:`netanalysis.plotting._style`; the tests call this.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from matplotlib.container import BarContainer
from matplotlib.legend import Legend
from matplotlib.text import Text

#: Widest figure a journal prints (a double column: 183 mm ≈ 7.2 in) and the tallest (a page
#: less its caption: 9.5 in), in inches.
MAX_WIDTH_IN = 7.25
MAX_HEIGHT_IN = 9.5
#: Width over height of a printable figure: from a tall portrait (1:2) to a wide strip (2.2:1).
ASPECT_RANGE = (0.5, 2.2)
_SLACK = 1.0  # pixels of rounding tolerated at an edge


def _visible(t: Text) -> bool:
    return bool(t.get_visible() and t.get_text().strip())


def _tick_labels(axis: Any) -> list[Text]:
    """The tick labels of one axis (major and minor) that are drawn: visible, non-empty and
    at a tick inside the view limits (matplotlib keeps labels for ticks beyond them, undrawn)."""
    if not (axis.axes.axison and axis.get_visible()):
        return []
    lo, hi = sorted(axis.get_view_interval())
    span = (hi - lo) * 1e-9
    labels = []
    for ticks, locs in ((axis.get_major_ticks(), axis.get_majorticklocs()),
                        (axis.get_minor_ticks(), axis.get_minorticklocs())):
        for tick, loc in zip(ticks, locs, strict=False):
            if lo - span <= loc <= hi + span:
                labels += [t for t in (tick.label1, tick.label2) if _visible(t)]
    return labels


def overlapping_ticks(axis: Any, renderer: Any, name: str, where: str) -> list[str]:
    """Neighbouring tick labels of ``axis`` that are drawn over each other."""
    labels = _tick_labels(axis)
    if len(labels) < 2:
        return []
    boxes = [t.get_window_extent(renderer) for t in labels]
    horizontal = name == "x"
    order = sorted(range(len(labels)), key=lambda i: boxes[i].x0 if horizontal else boxes[i].y0)
    problems = []
    for a, b in itertools.pairwise(order):
        angle = labels[a].get_rotation() % 180
        if horizontal and 5 < angle < 175:  # slanted labels: their boxes overlap, their text need not
            line = labels[a].get_fontsize() * renderer.points_to_pixels(1.0) * 1.15
            gap = abs(boxes[b].x1 - boxes[a].x1) if angle < 90 else abs(boxes[b].x0 - boxes[a].x0)
            if gap < line / math.sin(math.radians(angle)) - _SLACK:
                problems.append(f"{where}: {name} tick labels {labels[a].get_text()!r} and "
                                f"{labels[b].get_text()!r} are drawn over each other")
        elif boxes[a].overlaps(boxes[b]):
            problems.append(f"{where}: {name} tick labels {labels[a].get_text()!r} and {labels[b].get_text()!r} "
                            "are drawn over each other")
    return problems


def _texts(fig: Any) -> list[tuple[str, Text]]:
    """Every visible text of the figure with a name for the message."""
    out: list[tuple[str, Text]] = []
    for name in ("_suptitle", "_supxlabel", "_supylabel"):
        t = getattr(fig, name, None)
        if t is not None and _visible(t):
            out.append((name.strip("_"), t))
    for i, ax in enumerate(fig.axes):
        where = f"axes {i}"
        for t in (ax.title, getattr(ax, "_left_title", None), getattr(ax, "_right_title", None)):
            if t is not None and _visible(t):
                out.append((f"{where} title", t))
        for axis, n in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            if _visible(axis.label):
                out.append((f"{where} {n} label", axis.label))
            out.extend((f"{where} {n} tick label", t) for t in _tick_labels(axis))
        out.extend((f"{where} text", t) for t in ax.texts if _visible(t))
        for leg in ax.findobj(Legend):
            out.extend((f"{where} legend", t) for t in leg.get_texts() if _visible(t))
    for leg in fig.legends:
        out.extend(("figure legend", t) for t in leg.get_texts() if _visible(t))
    return out


def _legends(fig: Any) -> list[Legend]:
    legends = [leg for ax in fig.axes for leg in ax.findobj(Legend)] + list(fig.legends)
    return list(dict.fromkeys(legends))


def layout_problems(fig: Any) -> list[str]:
    """Faults a reader would see in a drawn figure, each in words (empty: none found).

    Checks, on the renderer's bounding boxes after ``fig.canvas.draw()``:

    - tick labels of one axis drawn over each other (slanted labels by their spacing);
    - titles, axis labels, tick labels, texts and legend entries outside the figure;
    - a title, an axis label, a text or the source line under a legend;
    - a bar on a logarithmic axis;
    - a figure wider than a journal's double column (7.25 in), taller than 9.5 in, or
      with a width / height outside 0.5–2.2.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A finished figure (it is drawn here).

    Returns
    -------
    list of str
        One sentence per fault.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(9, 2), layout="constrained")
    >>> _ = ax.bar([1, 2], [10, 1000]); ax.set_yscale("log")
    >>> [p.split(":")[0] for p in layout_problems(fig)]
    ['figure', 'figure', 'axes 0']
    >>> plt.close(fig)
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    problems: list[str] = []
    w, h = fig.get_size_inches()
    if w > MAX_WIDTH_IN or h > MAX_HEIGHT_IN:
        problems.append(f"figure: {w:.2f} × {h:.2f} in is larger than a journal page "
                        f"({MAX_WIDTH_IN} × {MAX_HEIGHT_IN} in)")
    if not ASPECT_RANGE[0] <= w / h <= ASPECT_RANGE[1]:
        problems.append(f"figure: aspect {w / h:.2f}:1 is outside {ASPECT_RANGE[0]}–{ASPECT_RANGE[1]}")
    page = fig.bbox
    for i, ax in enumerate(fig.axes):
        for axis, n in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            problems += overlapping_ticks(axis, renderer, n, f"axes {i}")
        if any(isinstance(c, BarContainer)
               and (ax.get_yscale() if c.orientation == "vertical" else ax.get_xscale()) == "log"
               for c in ax.containers):
            problems.append(f"axes {i}: bars on a logarithmic axis (a bar needs a zero baseline)")
    for name, t in _texts(fig):
        box = t.get_window_extent(renderer)
        if (box.x0 < page.x0 - _SLACK or box.x1 > page.x1 + _SLACK or box.y0 < page.y0 - _SLACK
                or box.y1 > page.y1 + _SLACK):
            problems.append(f"{name} {t.get_text()!r} is cut at the figure's edge")
    solid = [(name, t) for name, t in _texts(fig) if not name.endswith("tick label") and "legend" not in name]
    for k, (name, t) in enumerate(solid):
        box = t.get_window_extent(renderer)
        for other, u in solid[:k]:
            if box.overlaps(u.get_window_extent(renderer)):
                problems.append(f"{name} {t.get_text()!r} and {other} {u.get_text()!r} are drawn over each other")
    legends = _legends(fig)
    blocks = [(name, t) for name, t in _texts(fig) if "legend" not in name]
    for leg in legends:
        lbox = leg.get_window_extent(renderer)
        own = set(map(id, leg.get_texts())) | {id(leg.get_title())}
        for name, t in blocks:
            if id(t) not in own and t.get_window_extent(renderer).overlaps(lbox):
                problems.append(f"{name} {t.get_text()!r} sits under a legend")
    return problems


__all__ = ["ASPECT_RANGE", "MAX_HEIGHT_IN", "MAX_WIDTH_IN", "layout_problems"]
