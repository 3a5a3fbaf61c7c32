"""The regional report: the study's four questions answered in words, numbers and figures.

This package knows the findings — what each question asks, the numbers that answer it, the
verdict rule and the words — and nothing of runs: :mod:`netanalysis.run.report` builds a report
from a run (``netanalysis report``, :func:`netanalysis.build_report`)::

    import netanalysis as na
    rep = na.build_report()            # the SYNTHETIC sample, Daegu–Gyeongbuk, 2004–2020
    rep                                # shown in a notebook
    rep.save("report.html")

=========================  ==================================================
module                     what it owns
=========================  ==================================================
``indicators``             :func:`headline_indicators`: every number the sentences quote
``findings``               :class:`Finding`, the four ``answer_*`` sentence builders, the verdict rules
``uncertainty``            :func:`bootstrap_indicators` (actors or patents resampled) and its words
``compare``                :func:`compare_regions`: the same shares for every region
``document``               :class:`Report`: the built report, and which figures each answer shows
``_render``                HTML (self-contained) and Markdown
=========================  ==================================================
"""

from __future__ import annotations

from .._deprecation import moved_attributes
from .compare import compare_regions
from .document import FIGURE_DPI, FIGURES_FOR, QUOTED_UNIT, REPORT_FIGURES, Report
from .findings import UNANSWERED_WORDS, VERDICT_WORDS, Finding
from .indicators import INDICATORS, SHARES, headline_indicators
from .uncertainty import bootstrap_indicators

# Kept for one release: a report built from a run lives with the run.
__getattr__ = moved_attributes(__name__, {
    "build_report": "netanalysis.run.report",
    "report_from_context": "netanalysis.run.report",
    "cli_command": "netanalysis.cli",
})

__all__ = [
    "FIGURES_FOR",
    "FIGURE_DPI",
    "INDICATORS",
    "QUOTED_UNIT",
    "REPORT_FIGURES",
    "SHARES",
    "UNANSWERED_WORDS",
    "VERDICT_WORDS",
    "Finding",
    "Report",
    "bootstrap_indicators",
    "compare_regions",
    "headline_indicators",
]
