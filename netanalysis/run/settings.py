"""A run's settings: how its files are read and every parameter, with the data-dependent defaults.

Light on purpose (the standard library only): the command line builds its parser from these
defaults before any stage (pandas, igraph, matplotlib) is imported.

The one place the defaults that depend on the data live (:func:`resolve_defaults`): the bundled
SYNTHETIC sample is analysed for Daegu–Gyeongbuk, 2004–2020, as in the study it reproduces; the
user's own data as a whole network over every year it holds, unless a region or years are given.
The command line and the Python API (:func:`netanalysis.run_figures`,
:func:`netanalysis.build_report`) both go through it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

#: ``region`` / ``years`` value meaning "the default for these data" (see :func:`resolve_defaults`).
AUTO = "auto"
#: ``region`` value meaning the whole network (as ``None`` in Python).
WHOLE_NETWORK = "all"
#: The bundled sample's focus and period: the study's region and years.
SAMPLE_REGION = "KR-27,KR-47"
SAMPLE_YEARS = "2004-2020"


@dataclass(frozen=True)
class ReadOptions:
    """How raw files are read (the command line's ``--columns``, ``--sep`` … options).

    Attributes
    ----------
    columns : dict, optional
        ``{canonical: column}`` for tables of no known layout.
    sep : str, optional
        Regular expression between applicants in one cell.
    encoding : str, optional
        Text encoding (detected when omitted).
    layout : str
        ``auto``, ``wide`` or ``long``.
    aliases, firm_sizes, source_types : str, optional
        Paths of the user's alias, firm-size and source-type tables.
    fallback_year : int, optional
        Year of API records that carry no date.
    regions : str, optional
        Path of the user's region table (another scheme: labour-market areas,
        mega-regions …), added to every lookup (see :func:`netanalysis.regions.add_region_table`).
    """

    columns: dict[str, str] | None = None
    sep: str | None = None
    encoding: str | None = None
    layout: str = "auto"
    aliases: str | None = None
    firm_sizes: str | None = None
    source_types: str | None = None
    fallback_year: int | None = None
    regions: str | None = None



@dataclass(frozen=True)
class RunSettings:
    """Every parameter of a run — figures, report or both (the manifest records exactly these).

    Attributes
    ----------
    data : tuple of str, optional
        Raw files; ``None``: the bundled SYNTHETIC sample (with its firm-size table).
    region : str, optional
        Focal region codes or names; ``None`` (or ``"all"``): the whole network (no rim, no
        openness or map figure); ``"auto"`` (default): the data-dependent default of
        :func:`resolve_defaults` — Daegu–Gyeongbuk (KR-27, KR-47) for the bundled sample,
        the whole network for the user's data.
    years : str, optional
        Filing years, inclusive (``"2004-2020"``); ``None``: every year in the data;
        ``"auto"`` (default): 2004–2020 for the sample, every year for the user's data.
    out : str
        Output folder.
    read : ReadOptions
        How raw files are read: column mapping, separator, encoding, layout, alias,
        firm-size and source-type tables (see :class:`ReadOptions`).
    weighting : str
        Edge weighting (``count`` or ``fractional``).
    ranking_size : int
        Actors in the centrality ranking.
    null_model : str
        ``bipartite`` (default: the patent–applicant configuration model, which keeps the
        cliques of multi-applicant patents) or ``rewire`` (degree-preserving rewiring of
        the one-mode network).
    null_model_runs : int
        Most randomised networks of the null models (default 200: the smallest attainable p
        is then 1 / 201 ≈ 0.005; at most 100,000).  The betweenness null stops a group's
        draws at its 20th draw at least as large as observed (Besag & Clifford 1991), so a
        clearly large p costs about 20–60 draws; a small one uses all 200.  Ask for more
        (e.g. ``--null-model-runs 2000``) to resolve p below 0.005.
    seed : int
        Seed of the null model.
    map_min_ties : int
        Fewest ties for a region pair to be drawn on the map.
    core : dict, optional
        ``{country: codes}``: core regions for openness beyond the built-in Korean
        capital area (e.g. ``{"FR": ["FR1"]}``).
    boundaries : str, optional
        A boundary file (any format GeoPandas reads, keyed by region code) for the map of
        regions outside Korea; without one that map is skipped with a note.
    report : bool
        Also write the regional report (``report.html``, ``report.md``) from the same run.
    bootstrap_samples : int
        Bootstrap samples (of actors and of patents, each) for the report's intervals
        (default 50: each costs about 0.04 CPU-seconds on the sample, each observed tie
        weighed by its copies; 50 give standard errors within about ±10 % but rough 95 %
        percentile ends — ask for 1,000, ``--bootstrap 1000``, for publication; at most
        10,000).
    command : str, optional
        The command line that started the run (the report records it).
    """

    data: tuple[str, ...] | None = None
    region: str | None = AUTO
    years: str | None = AUTO
    out: str = "figures"
    read: ReadOptions = field(default_factory=ReadOptions)
    weighting: str = "count"
    ranking_size: int = 20
    null_model: str = "bipartite"
    null_model_runs: int = 200
    seed: int = 1
    map_min_ties: int = 3
    core: dict[str, list[str]] | None = None
    boundaries: str | None = None
    report: bool = True
    bootstrap_samples: int = 50
    command: str | None = None


def resolve_defaults(settings: RunSettings, synthetic: bool) -> RunSettings:
    """Settle ``"auto"`` region and years for the data at hand.

    Parameters
    ----------
    settings : RunSettings
        As given by the user (``"auto"`` where nothing was said).
    synthetic : bool
        Whether the data are the bundled SYNTHETIC sample.

    Returns
    -------
    RunSettings
        ``region`` a list of codes as text or ``None`` (the whole network); ``years`` a
        ``"YYYY-YYYY"`` range or ``None`` (every year).

    Examples
    --------
    >>> resolve_defaults(RunSettings(), synthetic=True).region
    'KR-27,KR-47'
    >>> s = resolve_defaults(RunSettings(data=("lens.csv",)), synthetic=False)
    >>> s.region, s.years
    (None, None)
    >>> resolve_defaults(RunSettings(region="all"), synthetic=True).region is None
    True
    """
    region = settings.region
    if region == AUTO:
        region = SAMPLE_REGION if synthetic else None
    elif region is not None and region.strip().lower() == WHOLE_NETWORK:
        region = None
    years = settings.years
    if years == AUTO:
        years = SAMPLE_YEARS if synthetic else None
    return replace(settings, region=region, years=years)


def make_settings(data: Sequence[str | os.PathLike[str]] | None = None,
                  region: str | Sequence[str] | None = AUTO,
                  years: str | tuple[int, int] | None = AUTO,
                  **options: Any) -> RunSettings:
    """A run's settings from the Python API's arguments (paths, region lists, year pairs).

    Parameters
    ----------
    data : list of paths, optional
        Raw files or a folder written by ``netanalysis ingest``; ``None``: the sample.
    region : str or list of str, optional
        Codes or names, ``None`` (the whole network) or ``"auto"``.
    years : "YYYY-YYYY" or (int, int), optional
        Filing years, ``None`` (every year) or ``"auto"``.
    **options
        Any other field of :class:`RunSettings`.

    Returns
    -------
    RunSettings

    Examples
    --------
    >>> s = make_settings(["a.csv"], ["ITC4", "ITC1"], (2004, 2020))
    >>> s.data, s.region, s.years
    (('a.csv',), 'ITC4,ITC1', '2004-2020')
    """
    return RunSettings(
        data=None if data is None else tuple(str(p) for p in data),
        region=region if region is None or isinstance(region, str) else ",".join(region),
        years=years if years is None or isinstance(years, str) else f"{years[0]}-{years[-1]}",
        **options,
    )


__all__ = [
    "AUTO",
    "SAMPLE_REGION",
    "SAMPLE_YEARS",
    "WHOLE_NETWORK",
    "ReadOptions",
    "RunSettings",
    "make_settings",
    "resolve_defaults",
]
