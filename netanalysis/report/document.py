"""The report as a document: its findings, text, tables and figures, rendered to HTML or Markdown.

What the report holds is built by a run (:mod:`netanalysis.run.report`); this module knows only
how a built report is shown and written.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .._errors import NetanalysisError
from .._io import write_linked_set, write_text
from .findings import Finding

#: The bootstrap the sentences quote (the dependence-aware one); the other is shown beside it.
QUOTED_UNIT = "actors"

#: The figures each answer shows (names of :data:`netanalysis.run.steps.STEPS`).
FIGURES_FOR: dict[str, list[str]] = {
    "hubs_bridges": ["02_centrality_ranking", "11_betweenness_null_model"],
    "one_time": ["05_persistence_by_type_pair", "06_repeat_survival"],
    "outside": ["08_openness_large_collaborations", "13_region_map"],
    "univ_univ": ["09_type_mixing"],
    "comparison": ["14_region_comparison"],
    # the instrument sections (keys: their headings)
    "Bursts": ["22_class_bursts"],
    "Specialisation": ["20_specialisation", "21_relatedness_density"],
}

#: Every figure the report embeds (a figures run keeps small PNGs of these for it), and their resolution.
REPORT_FIGURES: tuple[str, ...] = ("01_network", *(n for names in FIGURES_FOR.values() for n in names))
FIGURE_DPI = 110


@dataclass
class Report:
    """A built report: its findings, tables and figures (PNG bytes), ready to render.

    Render with :meth:`to_html` / :meth:`to_markdown`, write with :meth:`save`; in a
    notebook the object shows itself as HTML.
    """

    title: str
    subtitle: str
    synthetic: bool
    findings: list[Finding]
    data_text: list[str]
    data_tables: dict[str, pd.DataFrame]
    caveats: list[str]
    uncertainty_text: list[str]
    uncertainty_tables: dict[str, pd.DataFrame]
    comparison_text: list[str]
    comparison: pd.DataFrame | None
    figures: dict[str, bytes]
    skipped: dict[str, str]
    command: str
    versions: dict[str, str]
    inputs: list[tuple[str, str]]
    parameters: dict[str, Any]
    indicators: pd.Series = field(default_factory=pd.Series)
    figures_for: dict[str, list[str]] = field(default_factory=lambda: dict(FIGURES_FOR))
    warnings: list[str] = field(default_factory=list)  # said before the findings (e.g. a focus located by one route)
    instruments: dict[str, list[str]] = field(default_factory=dict)  # one section per regional instrument

    @property
    def parameters_text(self) -> str:
        """The parameters as JSON."""
        return json.dumps(self.parameters, ensure_ascii=False, indent=2, default=str)

    def to_html(self) -> str:
        """One self-contained HTML document (figures embedded, no network request)."""
        from ._render import to_html

        return to_html(self)

    def to_markdown(self, figure_links: dict[str, str] | None = None) -> str:
        """Markdown; ``figure_links`` maps figure names to image paths."""
        from ._render import to_markdown

        return to_markdown(self, figure_links)

    def _repr_html_(self) -> str:
        return self.to_html()

    def save(self, path: str | os.PathLike[str]) -> list[Path]:
        """Write ``.html`` (one file) or ``.md`` (plus its PNGs in ``<name>_figures/run-<hash>/``, swapped as one set).

        Returns
        -------
        list of pathlib.Path
            The files written.
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            return [write_text(self.to_html(), path)]
        if suffix != ".md":
            raise NetanalysisError(f"--out {path}: expected a file name ending in .html or .md")
        # the Markdown and its figures swap as one set (``<stem>_figures/run-<hash>/``)
        return write_linked_set(path, {f"{name}.png": png for name, png in self.figures.items()},
                                lambda links: self.to_markdown({k[:-4]: v for k, v in links.items()}))


__all__ = ["FIGURES_FOR", "FIGURE_DPI", "QUOTED_UNIT", "REPORT_FIGURES", "Report"]
