"""Canonical table contracts (see DESIGN.md): column names and actor types."""

from __future__ import annotations

import pandas as pd

ACTOR_TYPES: tuple[str, ...] = (
    "university",
    "research_institute",
    "large_firm",
    "sme",
    "government",
    "hospital",
    "individual",
    "other",
)
ActorType = pd.CategoricalDtype(list(ACTOR_TYPES), ordered=False)

APPLICATION_COLUMNS: tuple[str, ...] = (
    "patent_id",
    "year",
    "applicant_raw",
    "applicant_id",
    "applicant_name",
    "actor_type",
    "country",
    "region",
    "source_row",
)
OPTIONAL_APPLICATION_COLUMNS: tuple[str, ...] = (
    "grant_year",
    "title",
    "ipc",
    "address_raw",
    "applicant_seq",
    "source_file",
    "type_reason",
    "size_source",
)
ACTOR_COLUMNS: tuple[str, ...] = (
    "applicant_id",
    "name",
    "actor_type",
    "country",
    "region",
    "macro_region",
    "capital_area",
    "n_patents",
    "first_year",
    "last_year",
    "type_reason",
    "size_source",
)
EDGE_COLUMNS: tuple[str, ...] = ("u", "v", "year", "n_patents", "weight")
REJECT_COLUMNS: tuple[str, ...] = ("source_file", "source_row", "reason", "raw")
