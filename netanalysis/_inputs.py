"""What a command-line run reads: the user's files, or the bundled SYNTHETIC sample.

The CLI back ends (:mod:`netanalysis.figures`, :mod:`netanalysis.export`) resolve their
``--data`` / ``--firm-sizes`` arguments here, so the sample generator
(:mod:`netanalysis.datasets`) knows nothing of the command line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ._errors import NetanalysisError
from .datasets import sample_firm_sizes_path, sample_path


@dataclass(frozen=True)
class Inputs:
    """The raw files of a run and whether they are the SYNTHETIC sample."""

    paths: list[Path]
    firm_sizes: Path | None
    synthetic: bool


def resolve_inputs(
    data: Sequence[str | os.PathLike[str]] | None, firm_sizes: str | os.PathLike[str] | None = None
) -> Inputs:
    """The raw files a run reads: ``data``, or the bundled SYNTHETIC sample when None.

    Parameters
    ----------
    data : list of paths, optional
        The user's raw files or folders.
    firm_sizes : path, optional
        The user's firm-size table; with the sample, the sample's own table is the default.

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
    synthetic = data is None
    paths = [sample_path()] if data is None else [Path(p) for p in data]
    for p in paths:
        if not p.exists():
            raise NetanalysisError(f"--data: no such file or folder: {p}")
    sizes = Path(firm_sizes) if firm_sizes is not None else None
    if sizes is not None and not sizes.exists():
        raise NetanalysisError(f"--firm-sizes: no such file: {sizes}")
    if synthetic and sizes is None:
        sizes = sample_firm_sizes_path()
    return Inputs(paths, sizes, synthetic)
