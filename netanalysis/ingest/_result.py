"""What an ingest run returns: the tables and one report type."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from .._errors import InternalError
from .._regex import text_isin
from .._version import __version__


@dataclass
class IngestReport:
    """What an ingest run read, kept and rejected, and why.

    ``rows_read == rows_kept + rows_rejected`` always holds (:meth:`check`); ``rows`` are
    raw records (one patent, or one patent × applicant in a long table), not applicant
    mentions.  A run over several files has the totals here and one report per file in
    ``files`` (as plain dictionaries).
    """

    source_files: list[str]
    reader: str
    encoding: str = ""
    layout: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    rows_read: int = 0
    rows_kept: int = 0
    rows_rejected: int = 0
    reject_reasons: dict[str, int] = field(default_factory=dict)
    applications: int = 0
    patents: int = 0
    actors: int = 0
    mentions_dropped_empty_name: int = 0
    mentions_merged_duplicate: int = 0
    applicant_cells_ambiguous: int = 0
    actors_unknown_type: int = 0
    actors_unknown_region: int = 0
    applications_unknown_region: int = 0
    applications_unknown_country: int = 0
    region_reference: str = "filing year (Gunwi-gun: KR-47 before 2023, KR-27 from 2023)"
    year_min: int | None = None
    year_max: int | None = None
    package_version: str = __version__
    notes: list[str] = field(default_factory=list)
    #: Records of one patent that disagree (year, applicants): one dict per conflict with what
    #: differed and how it was resolved (see ``netanalysis.ingest._conflicts``), and counts per field.
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    conflict_counts: dict[str, int] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    #: Set by ``save_processed``: the same id is stamped into both parquet files, so a folder
    #: holding tables of two runs (a run killed between its renames) is recognised.
    run_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-serialisable types.

        Returns
        -------
        dict
            Every field, ``files`` included.

        Examples
        --------
        >>> IngestReport(["a.csv"], "kipris_export", rows_read=2, rows_kept=2).to_dict()["rows_read"]
        2
        """
        return asdict(self)

    def check(self) -> None:
        """Raise unless every record is kept or rejected.

        Raises
        ------
        InternalError
            When ``rows_read != rows_kept + rows_rejected`` (a bug in the package).

        Examples
        --------
        >>> IngestReport(["a.csv"], "x", rows_read=3, rows_kept=1, rows_rejected=1).check()
        Traceback (most recent call last):
        ...
        netanalysis._errors.InternalError: row accounting failed for a.csv: 3 rows read but 1 kept + 1 ...
        """
        if self.rows_read != self.rows_kept + self.rows_rejected:
            raise InternalError(
                f"row accounting failed for {', '.join(self.source_files)}: {self.rows_read} rows read but "
                f"{self.rows_kept} kept + {self.rows_rejected} rejected; this is a bug in netanalysis, "
                "please report it"
            )


@dataclass
class IngestResult:
    """The outcome of reading raw files: the canonical tables, the rejects and the report.

    Attributes
    ----------
    applications : pandas.DataFrame
        One row per (patent, applicant) (:data:`netanalysis.schema.APPLICATION_COLUMNS`).
    actors : pandas.DataFrame
        One row per ``applicant_id`` (:data:`netanalysis.schema.ACTOR_COLUMNS`).
    rejects : pandas.DataFrame
        ``source_file, source_row, reason, raw``: every raw row that was not kept.
    report : IngestReport
        Counts, reasons and provenance.
    """

    applications: pd.DataFrame
    actors: pd.DataFrame
    rejects: pd.DataFrame
    report: IngestReport

    def holds_patents(self, ids: pd.Series) -> pd.Series:
        """Whether each of ``ids`` (text, as the tables write a ``patent_id``) is a patent of the
        applications table: a reader's side tables (inventors) keep the kept applications' rows.

        Matched in Arrow's hash set (:func:`netanalysis._regex.text_isin`): pandas' ``isin`` against
        millions of ids makes a Python string of each (a national PATSTAT extract: 29 s).

        Examples
        --------
        >>> res = IngestResult(pd.DataFrame({"patent_id": ["7", "9"]}), pd.DataFrame(), pd.DataFrame(),
        ...                    IngestReport([], "x"))
        >>> res.holds_patents(pd.Series(["9", "8", None])).tolist()
        [True, False, False]
        """
        return text_isin(ids, pd.Index(self.applications["patent_id"].astype(str).unique()))
