"""The processed folder: the canonical tables written atomically by ``netanalysis ingest`` and read back."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd

from .._errors import IngestError
from .._io import atomic_path, real_folder, remove_stale_temporaries, write_csv
from ..entities import name_variants, variant_suggestions
from ._result import IngestReport, IngestResult
from .patstat import NativeResult


def save_processed(result: IngestResult, out_dir: str | os.PathLike[str]) -> dict[str, Path]:
    """Write ``applications.parquet``, ``actors.parquet``, ``rejects.csv``,
    ``ingest_report.json``, ``name_variants.csv`` (every raw spelling → ``applicant_id`` and
    the rule that joined it, :func:`netanalysis.entities.name_variants`) and
    ``name_suggestions.csv`` (ids that may be typo-level variants, never merged:
    :func:`netanalysis.entities.variant_suggestions`) into ``out_dir``, each atomically (temp
    file + rename).

    All four are written in full before the first is renamed into place; the report and both
    parquet files carry one ``run_id``, so :func:`load_processed` refuses a folder left
    holding two runs' files by a run killed between its renames.  Temporary files of killed
    runs are removed first.

    Parameters
    ----------
    result : IngestResult
        What :func:`read_patents` returned.
    out_dir : path
        The folder (created if needed).

    Returns
    -------
    dict
        ``{"applications": path, "actors": path, "rejects": path, "report": path,
        "name_variants": path, "name_suggestions": path}``.

    Examples
    --------
    >>> import tempfile
    >>> from netanalysis.datasets import sample_path
    >>> from netanalysis.ingest import read_patents
    >>> sorted(save_processed(read_patents(sample_path()), tempfile.mkdtemp()))
    ['actors', 'applications', 'name_suggestions', 'name_variants', 'rejects', 'report']
    """
    out = real_folder(out_dir)  # a link there is replaced by a real folder, not followed
    remove_stale_temporaries(out)  # left by a killed run (never a concurrent run's)
    run_id = _content_id(result)  # of the content: re-running on the same input writes the same bytes
    result.report.run_id = run_id
    targets = {
        "applications": out / "applications.parquet",
        "actors": out / "actors.parquet",
        "rejects": out / "rejects.csv",
        "report": out / "ingest_report.json",
        "name_variants": out / "name_variants.csv",
        "name_suggestions": out / "name_suggestions.csv",
    }
    with (
        atomic_path(targets["applications"]) as a,
        atomic_path(targets["actors"]) as b,
        atomic_path(targets["report"]) as d,
    ):
        _write_stamped_parquet(result.applications, a, run_id)
        _write_stamped_parquet(result.actors, b, run_id)
        d.write_text(json.dumps(result.report.to_dict(), ensure_ascii=False, indent=2, default=str),
                     encoding="utf-8")
        write_csv(result.rejects, targets["rejects"])
    if isinstance(result, NativeResult) and len(result.inventors):  # PATSTAT / REGPAT: inventors and regions
        targets["inventors"] = out / "inventors.parquet"
        with atomic_path(targets["inventors"]) as inv:
            _write_stamped_parquet(result.inventors, inv, run_id)
    apps = result.applications  # every raw spelling, its id and the rules that joined it
    with atomic_path(targets["name_variants"]) as v, atomic_path(targets["name_suggestions"]) as sg:
        write_csv(name_variants(apps["applicant_raw"], apps["applicant_id"]), v)
        write_csv(variant_suggestions(apps["applicant_id"], apps["country"]), sg)  # typo-level: listed, never merged
    return targets


_RUN_KEY = b"netanalysis_run_id"


def _content_id(result: IngestResult) -> str:
    h = hashlib.sha256()
    for df in (result.applications, result.actors, result.rejects):
        h.update(pd.util.hash_pandas_object(df.astype(str), index=False).to_numpy().tobytes())
    report = {k: v for k, v in result.report.to_dict().items() if k != "run_id"}
    h.update(json.dumps(report, sort_keys=True, default=str).encode())
    return h.hexdigest()[:16]


def _write_stamped_parquet(df: pd.DataFrame, path: Path, run_id: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), _RUN_KEY: run_id.encode()})
    pq.write_table(table, path)


def _stamp(path: Path) -> str:
    import pyarrow.parquet as pq

    return (pq.read_schema(path).metadata or {}).get(_RUN_KEY, b"").decode()


def load_processed(out_dir: str | os.PathLike[str]) -> IngestResult:
    """Read back what :func:`save_processed` wrote.

    Parameters
    ----------
    out_dir : path
        A folder written by :func:`save_processed` (``netanalysis ingest``).

    Returns
    -------
    IngestResult

    Raises
    ------
    IngestError
        If a file is missing (naming it), or the files come from two runs.

    Examples
    --------
    >>> import tempfile
    >>> from netanalysis.datasets import sample_path
    >>> d = tempfile.mkdtemp()
    >>> from netanalysis.ingest import read_patents
    >>> _ = save_processed(read_patents(sample_path()), d)
    >>> load_processed(d).report.reader
    'kipris_export'
    """
    d = Path(out_dir)
    try:
        report = json.loads((d / "ingest_report.json").read_text(encoding="utf-8"))
        known = set(IngestReport.__dataclass_fields__)
        report = {k: v for k, v in report.items() if k in known}
        run_id = report.get("run_id", "")
        stamps = {f: _stamp(d / f) for f in ("applications.parquet", "actors.parquet")}
        mixed = [f for f, s in stamps.items() if run_id and s != run_id]
        if mixed:
            raise IngestError(
                f"{', '.join(mixed)} and ingest_report.json come from different runs (a run was interrupted while "
                "it replaced its files); run `netanalysis ingest` again", path=str(d))
        tables = (pd.read_parquet(d / "applications.parquet"), pd.read_parquet(d / "actors.parquet"),
                  pd.read_csv(d / "rejects.csv", dtype=str, keep_default_na=False), IngestReport(**report))
        inventors = d / "inventors.parquet"
        if inventors.is_file() and _stamp(inventors) == run_id:  # a stale file of another run is not read
            return NativeResult(*tables, inventors=pd.read_parquet(inventors))
        return IngestResult(*tables)
    except FileNotFoundError as e:
        raise IngestError(f"missing processed file ({e.filename}); run `netanalysis ingest` first",
                          path=str(d)) from e


__all__ = ["load_processed", "save_processed"]
