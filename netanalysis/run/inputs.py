"""What a run reads: the user's raw files, a folder ``netanalysis ingest`` wrote, or the sample.

Every job of a run (figures, report, export) and ``netanalysis ingest`` resolve their data and
reading options here, so the sample generator (:mod:`netanalysis.datasets`) knows nothing of runs.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .._errors import IngestError, NetanalysisError
from ..datasets import sample_firm_sizes_path, sample_path
from ..ingest import IngestResult, load_processed, read_patents
from ..ingest.generic import OPTIONAL, REQUIRED
from ..regions import add_region_table
from .settings import ReadOptions


@dataclass(frozen=True)
class Inputs:
    """The files of a run: raw files, or one processed folder; and whether it is the SYNTHETIC sample."""

    paths: list[Path]
    firm_sizes: Path | None
    synthetic: bool
    processed: Path | None = None
    options: ReadOptions = field(default_factory=ReadOptions)


def parse_columns(spec: str | None) -> dict[str, str] | None:
    """Read ``--columns``: ``patent_id=COL,year=COL,applicants=COL[,...]`` or a ``.toml`` / ``.json`` file.

    Parameters
    ----------
    spec : str, optional
        The option's value.

    Returns
    -------
    dict or None
        ``{canonical: column}``.

    Raises
    ------
    NetanalysisError
        Naming the key that is unknown or the pair that is not ``key=column``.

    Examples
    --------
    >>> parse_columns("patent_id=appln_id, year=appln_filing_year,applicants=psn_name")
    {'patent_id': 'appln_id', 'year': 'appln_filing_year', 'applicants': 'psn_name'}
    """
    if spec is None:
        return None
    path = Path(spec)
    if path.suffix.lower() in (".toml", ".json") and path.is_file():
        try:
            if path.suffix.lower() == ".json":
                mapping = json.loads(path.read_text(encoding="utf-8"))
            else:
                import tomllib

                mapping = tomllib.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise NetanalysisError(f"--columns: cannot read {path} ({e}); expected key = \"column\" lines") from e
        mapping = mapping.get("columns", mapping)
    else:
        mapping = {}
        for pair in (p for p in re.split(r",(?=\s*\w+\s*=)", spec) if p.strip()):
            key, eq, col = pair.partition("=")
            if not eq or not key.strip() or not col.strip():
                raise NetanalysisError(f"--columns: {pair.strip()!r} is not key=COLUMN; e.g. patent_id=appln_id")
            if key.strip() in mapping:
                raise NetanalysisError(f"--columns: {key.strip()!r} is given twice; give each key once")
            mapping[key.strip()] = col.strip()
    unknown = [k for k in mapping if k not in REQUIRED + OPTIONAL]
    if unknown:
        raise NetanalysisError(f"--columns: unknown key(s) {unknown}; expected {list(REQUIRED)} and optionally "
                               f"{list(OPTIONAL)}")
    return {str(k): str(v) for k, v in mapping.items()}


def _is_processed(path: Path) -> bool:
    return path.is_dir() and (path / "applications.parquet").is_file() and (path / "ingest_report.json").is_file()


def resolve_inputs(
    data: Sequence[str | os.PathLike[str]] | None,
    firm_sizes: str | os.PathLike[str] | None = None,
    options: ReadOptions | None = None,
) -> Inputs:
    """The files a run reads: ``data``, a processed folder, or the bundled SYNTHETIC sample when None.

    Parameters
    ----------
    data : list of paths, optional
        The user's raw files or folders, or one folder written by ``netanalysis ingest``.
    firm_sizes : path, optional
        The user's firm-size table; with the sample, the sample's own table is the default.
    options : ReadOptions, optional
        How to read raw files.

    Returns
    -------
    Inputs

    Raises
    ------
    NetanalysisError
        If a path does not exist (naming it and the option).

    Examples
    --------
    >>> resolve_inputs(None).synthetic
    True
    """
    opts = options or ReadOptions()
    if opts.regions is not None:  # before anything reads a region code or a focus
        add_region_table(opts.regions)
    synthetic = data is None
    paths = [sample_path()] if data is None else [Path(p) for p in data]
    for p in paths:
        if not p.exists():
            raise NetanalysisError(f"--data: no such file or folder: {p}")
    sizes_arg = firm_sizes if firm_sizes is not None else opts.firm_sizes
    sizes = Path(sizes_arg) if sizes_arg is not None else None
    if sizes is not None and not sizes.exists():
        raise NetanalysisError(f"--firm-sizes: no such file: {sizes}")
    if synthetic and sizes is None:
        sizes = sample_firm_sizes_path()
    processed = paths[0] if len(paths) == 1 and _is_processed(paths[0]) else None
    if processed is None and any(_is_processed(p) for p in paths):
        raise NetanalysisError("--data: give one folder written by `netanalysis ingest`, or raw files, not both")
    return Inputs(paths, sizes, synthetic, processed, opts)


def load_inputs(inputs: Inputs) -> IngestResult:
    """Read the run's data: the processed folder as written, or the raw files with the options.

    Parameters
    ----------
    inputs : Inputs
        From :func:`resolve_inputs`.

    Returns
    -------
    IngestResult

    Examples
    --------
    >>> load_inputs(resolve_inputs(None)).report.reader
    'kipris_export'
    """
    if inputs.processed is not None:
        return load_processed(inputs.processed)
    opts = inputs.options
    try:
        return read_patents(
            inputs.paths, aliases=opts.aliases, firm_sizes=inputs.firm_sizes, encoding=opts.encoding,
            columns=opts.columns, sep=opts.sep, layout=opts.layout, source_types=opts.source_types,
            fallback_year=opts.fallback_year,
        )
    except IngestError as e:
        if opts.columns is None and "unknown file layout" in str(e):
            raise IngestError(f"{e}. On the command line: --columns patent_id=COL,year=COL,applicants=COL") from e
        raise


__all__ = ["Inputs", "load_inputs", "parse_columns", "resolve_inputs"]
