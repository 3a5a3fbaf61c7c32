"""The figures job: every figure (PNG 300 dpi + SVG), the table behind each and a manifest.

``netanalysis figures`` and :func:`netanalysis.run_figures` call :func:`run_figures`: the data are
read and the network built once (:func:`~netanalysis.run.context.build_context`), each step of
:data:`~netanalysis.run.steps.STEPS` computes its table and draws it, and (unless asked not to)
the regional report of the same run is written beside them from the same context.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from tqdm.auto import tqdm

from .. import plotting as pl
from .._errors import NetworkInputError, PlotError
from .._io import atomic_folder, atomic_path, check_output_folder, sha256_of, write_csv, write_text
from .._version import __version__, versions
from ..report import FIGURE_DPI, REPORT_FIGURES
from .background import start_background
from .context import RunContext, build_context
from .settings import AUTO, ReadOptions, make_settings
from .steps import STEPS, FigureStep


def png_bytes(fig: Any, dpi: int) -> bytes:
    """The figure as PNG bytes (no timestamp: the same bytes every run)."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def _save_figure(fig: Any, out: Path, name: str) -> None:
    for ext in ("png", "svg"):
        with atomic_path(out / f"{name}.{ext}") as tmp:
            fig.savefig(tmp, format=ext, dpi=300,
                        metadata={"Date": None} if ext == "svg" else {"Software": None})


def run_steps(ctx: RunContext, steps: Sequence[FigureStep], out: Path, verbose: bool = True) -> list[dict[str, str]]:
    """Compute, draw and write each step; return the manifest's ``outputs`` entries.

    Parameters
    ----------
    ctx : RunContext
        The shared data and network.
    steps : sequence of FigureStep
        What to produce, in order.
    out : pathlib.Path
        Output folder (exists).
    verbose : bool
        Progress bar over the steps.

    Returns
    -------
    list of dict
        ``{"file": name, "sha256": digest}`` per file written, and ``{"skipped": name,
        "reason": why}`` for a step the data cannot support (tie survival over a single
        year, …): the run goes on, and the manifest and the command line say so.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netanalysis.run import RunSettings, build_context
    >>> ctx = build_context(RunSettings())
    >>> mixing = [s for s in STEPS if s.name == "09_type_mixing"]
    >>> out = run_steps(ctx, mixing, pathlib.Path(tempfile.mkdtemp()), verbose=False)
    >>> [o["file"] for o in out]
    ['09_type_mixing.png', '09_type_mixing.svg', '09_type_mixing.csv']
    """
    outputs: list[dict[str, str]] = [
        {"skipped": s.name, "reason": "no focal region (the whole network is analysed); give a region to draw it"}
        for s in steps if ctx.focal is None and s.needs_focus]
    todo = [s for s in steps if ctx.focal is not None or not s.needs_focus]
    # the steps whose tables are long computations last: they run in the background meanwhile
    done = {step.name: _run_step(ctx, step, out)
            for step in tqdm([s for s in todo if not s.slow] + [s for s in todo if s.slow], disable=not verbose,
                             desc="figures", unit="figure")}
    for step in todo:  # the manifest lists them in the steps' order
        outputs.extend(done[step.name])
    return outputs


def _run_step(ctx: RunContext, step: FigureStep, out: Path) -> list[dict[str, str]]:
    """Compute, draw and write one step; its manifest entries."""
    try:
        table = ctx.computed(step.name, lambda: step.compute(ctx))
        ctx.tables[step.name] = table
        fig = None
        if step.draw is not None:
            with pl.style_context():
                fig, _ = step.draw(ctx, table)
    except (NetworkInputError, PlotError) as e:
        return [{"skipped": step.name, "reason": str(e)}]
    files = [write_csv(table, out / f"{step.name}.csv")]
    if fig is not None:
        with pl.style_context():  # saving reads rc too (svg.hashsalt: the same bytes every run)
            _save_figure(fig, out, step.name)
            if ctx.settings.report and step.name in REPORT_FIGURES:
                ctx.previews[step.name] = png_bytes(fig, FIGURE_DPI)
        plt.close(fig)
        files = [out / f"{step.name}.{ext}" for ext in ("png", "svg", "csv")]
    return [{"file": f.name, "sha256": sha256_of(f)} for f in files]


def run_figures(
    data: Sequence[str | os.PathLike[str]] | None = None,
    region: str | Sequence[str] | None = AUTO,
    years: str | tuple[int, int] | None = AUTO,
    out: str | os.PathLike[str] = "figures",
    firm_sizes: str | os.PathLike[str] | None = None,
    verbose: bool = True,
    read: ReadOptions | None = None,
    n_jobs: int | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Regenerate every figure (PNG 300 dpi + SVG), the CSV table behind each and a manifest.

    Parameters
    ----------
    data : list of paths, optional
        Raw files; default: the bundled SYNTHETIC sample (with its firm-size table).
    region : str or list of str, optional
        Focal region codes or names; ``None``: the whole network; ``"auto"`` (default):
        Daegu–Gyeongbuk for the sample, the whole network for ``data`` (as on the command line).
    years : "YYYY-YYYY" or (int, int), optional
        Filing years (inclusive); ``None``: every year in the data; ``"auto"`` (default):
        2004–2020 for the sample, every year for ``data``.
    out : path
        Output folder (created), relative to the current folder by default.
    firm_sizes : path, optional
        Firm-size table for the user's data (wins over ``read.firm_sizes``).
    verbose : bool
        Progress bar over the steps.
    read : ReadOptions, optional
        How raw files are read (``--columns``, ``--encoding`` …); ``data`` may also be one
        folder written by ``netanalysis ingest``.
    n_jobs : int or None
        Worker processes (``None``: one per core). With more than one, the null models,
        the report's bootstraps and the loops over regions run in workers while the
        figures are drawn (:mod:`netanalysis.run.background`); 1 computes everything in
        this process, one after the other. The files are the same either way.
    **options
        Any other field of :class:`RunSettings` (``weighting``, ``null_model_runs`` …).

    Returns
    -------
    dict
        The manifest written to ``out/manifest.json``.

    Raises
    ------
    NetanalysisError
        One clear message for a missing data path, an unknown region code, an empty year
        range or data without ties in the focus.

    Examples
    --------
    >>> import tempfile
    >>> manifest = run_figures(out=tempfile.mkdtemp(), verbose=False, null_model_runs=2)  # doctest: +SKIP
    >>> manifest["synthetic_data"]  # doctest: +SKIP
    True
    """
    read = read or ReadOptions()
    if firm_sizes is not None:
        read = replace(read, firm_sizes=str(firm_sizes))
    settings = make_settings(data, region, years, read=read, out=str(out), **options)
    check_output_folder(Path(settings.out), "manifest.json")  # before the work, not after
    ctx = build_context(settings, verbose=verbose)
    # the null models, bootstraps and region loops start in worker processes while the figures are drawn
    with start_background(ctx, n_jobs, report=settings.report, verbose=verbose) or nullcontext() as pool:
        ctx.background = pool
        try:
            with atomic_folder(settings.out, "manifest.json") as target:
                manifest = _run_into(ctx, target, verbose)
        finally:
            ctx.background = None
    return manifest


def _run_into(ctx: RunContext, target: Path, verbose: bool) -> dict[str, Any]:
    """Every step and the manifest, written into ``target``."""
    settings = ctx.settings
    outputs = run_steps(ctx, STEPS, target, verbose)
    if settings.report:
        from .report import write_report  # the report of the same run: the tables and figures reused

        outputs.extend(write_report(ctx, target, verbose))
    inputs = [*ctx.inputs.paths, *([ctx.inputs.firm_sizes] if ctx.inputs.firm_sizes else [])]
    manifest = {
        "package_version": __version__,
        "versions": versions(),
        "font": pl.hangul_font() or "DejaVu Sans (no Hangul font: Korean names romanised)",
        "synthetic_data": ctx.inputs.synthetic,
        "parameters": {**asdict(settings), "region": ctx.focal, "years": list(ctx.years),
                       "firm_sizes": str(ctx.inputs.firm_sizes) if ctx.inputs.firm_sizes else None},
        "inputs": [{"file": str(p), "sha256": sha256_of(p)} for p in inputs],
        "ingest": {k: v for k, v in ctx.processed.report.to_dict().items() if k != "files"},
        "actor_types": ctx.type_evidence,  # how many of the network's actors a default or evidence typed
        "outputs": outputs,
    }
    write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), target / "manifest.json")
    return manifest


__all__ = ["png_bytes", "run_figures", "run_steps"]
