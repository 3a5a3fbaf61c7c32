"""A run's slow computations, started in worker processes while the figures are drawn.

The null models (betweenness and mixing, drawn together), the two bootstraps of the report,
the openness of every region and the region comparison need only the run's data and
network. :func:`start_background` starts them in worker processes as soon as the network is
built (the longest first); the figures job draws every other figure meanwhile, and each
step or report section takes its result through :meth:`RunContext.computed
<netanalysis.run.context.RunContext.computed>` when it needs it. A task no worker has
started by then runs in the main process instead, so no core waits on a queue.

Every task is a seeded, pure function of the run's context and its arguments: the tables
are the same numbers as computed one after the other in one process
(``tests/run/test_background.py`` compares the files of both ways byte for byte).
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from .._parallel import TaskPool, resolve_jobs
from ..report.indicators import headline_indicators
from ..report.uncertainty import bootstrap_indicators
from .context import RunContext
from .steps import NULL_MODELS, STEPS, _null_tables

#: Figure steps whose table is computed in the background (the region comparison's and openness's
#: loops over every region of the level); the null models' step takes :data:`NULL_MODELS`.
BACKGROUND_STEPS = ("14_region_comparison", "07_openness_by_region")

#: The bootstrap units, each one background task.
BOOTSTRAP_UNITS = ("actors", "patents")


def _bootstrap_key(unit: str, n_boot: int, seed: int) -> str:
    """The ``RunContext.computed`` key of one bootstrap (its unit, samples and seed).

    Examples
    --------
    >>> _bootstrap_key("actors", 50, 1)
    'bootstrap:actors:50:1'
    """
    return f"bootstrap:{unit}:{n_boot}:{seed}"


def _observed_indicators(ctx: RunContext) -> pd.Series:
    """The report's headline numbers of the run's focus (what its bootstraps resample).

    Parameters
    ----------
    ctx : RunContext
        The run.

    Returns
    -------
    pandas.Series
        :func:`netanalysis.report.headline_indicators` of the ties touching the focus.
    """
    return headline_indicators(ctx.edges, ctx.actors, ctx.focal, ctx.centrality, end_year=ctx.years[1],
                               core=ctx.settings.core)


def _bootstrap(ctx: RunContext, unit: str, n_boot: int, seed: int, observed: pd.Series | None = None,
              n_jobs: int | None = 1, verbose: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """One bootstrap of the report (``unit``: actors or patents), and the warnings it gave.

    Parameters
    ----------
    ctx : RunContext
        The run.
    unit : {"actors", "patents"}
        What is resampled.
    n_boot, seed : int
        Samples and seed.
    observed : pandas.Series, optional
        :func:`_observed_indicators` when the caller has it.
    n_jobs : int or None
        Worker processes of the bootstrap itself (1 in a background worker).
    verbose : bool
        Progress bar.

    Returns
    -------
    (pandas.DataFrame, list of str)
        :func:`netanalysis.report.bootstrap_indicators`'s table, and the messages of the
        warnings raised on the way other than its own notes of few valid samples (which the
        table carries), for the report's text.
    """
    s = ctx.settings
    with warnings.catch_warnings(record=True) as caught:  # the notes go into the text, not to stderr
        warnings.simplefilter("always")
        table = bootstrap_indicators(ctx.processed.applications, ctx.actors, ctx.focal, ctx.years, n=n_boot,
                                     seed=seed, core=s.core,
                                     observed=observed if observed is not None else _observed_indicators(ctx),
                                     n_jobs=n_jobs, verbose=verbose, unit=unit)
    return table, [str(w.message) for w in caught if not str(w.message).startswith("bootstrap of")]


def _step_table(ctx: RunContext, name: str) -> pd.DataFrame:
    """The table of figure step ``name`` (its ``compute``).

    Parameters
    ----------
    ctx : RunContext
        The run.
    name : str
        A step of :data:`~netanalysis.run.steps.STEPS`.

    Returns
    -------
    pandas.DataFrame
    """
    return {s.name: s for s in STEPS}[name].compute(ctx)


def start_background(ctx: RunContext, n_jobs: int | None = None, report: bool = True, n_boot: int | None = None,
                     seed: int | None = None, verbose: bool = False) -> TaskPool | None:
    """Start the run's slow computations in worker processes; ``None`` on one core.

    Parameters
    ----------
    ctx : RunContext
        The run (its data and network built).
    n_jobs : int or None
        Worker processes (``None``: one per core); with 1 nothing is started and every
        table is computed in place when needed.
    report : bool
        Also start the report's bootstraps.
    n_boot, seed : int, optional
        The report's bootstrap samples and seed (default: the run's settings).
    verbose : bool
        Say what was started, and when the run waits for it.

    Returns
    -------
    TaskPool or None
        The started tasks (close it, or use it as a context manager), to be set as
        ``ctx.background``.

    Examples
    --------
    >>> from netanalysis.run import RunSettings, build_context
    >>> ctx = build_context(RunSettings(null_model_runs=20))
    >>> start_background(ctx, n_jobs=1) is None
    True
    """
    jobs = resolve_jobs(n_jobs)
    s = ctx.settings
    boot = s.bootstrap_samples if n_boot is None else n_boot
    boot_seed = s.seed if seed is None else seed
    tasks: list[tuple[str, Any, tuple]] = []  # the longest first: the null models decide when the run ends
    if s.null_model == "bipartite":
        tasks.append((NULL_MODELS, _null_tables, (n_jobs,)))  # its draws on every core: the longest task
    boots = [(_bootstrap_key(u, boot, boot_seed), _bootstrap, (u, boot, boot_seed)) for u in BOOTSTRAP_UNITS]
    regions = [(name, _step_table, (name,)) for name in BACKGROUND_STEPS] if ctx.focal is not None else []
    tasks += [*boots[:1], *regions, *boots[1:]] if report else regions
    if jobs < 2 or not tasks:
        return None
    pool = TaskPool(replace(ctx, background=None, tables={}, previews={}), jobs,
                    notify=tqdm.write if verbose else None)
    for key, func, args in tasks:
        pool.submit(key, func, *args)
    if verbose:
        what = [f"null models (at most {s.null_model_runs:,} draws)"] if s.null_model == "bipartite" else []
        what += [f"bootstraps ({boot:,} samples each of actors and of patents)"] if report else []
        what += ["openness and comparison of every region"] if regions else []
        tqdm.write(f"started in {jobs} worker processes while the figures are drawn: {'; '.join(what)}")
    return pool


__all__ = ["BACKGROUND_STEPS", "BOOTSTRAP_UNITS", "start_background"]
