"""The export job: read a run's data and write the network files other tools open.

``netanalysis export`` and :func:`netanalysis.run_export` call :func:`run_export`; what each
file holds is :mod:`netanalysis.export`'s.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from .. import network as nw
from .._io import atomic_folder, check_output_folder, sha256_of, write_text
from .._version import __version__
from ..export import FORMATS, MANIFEST, save_network
from .inputs import load_inputs, resolve_inputs
from .settings import AUTO, ReadOptions, RunSettings, resolve_defaults


def run_export(
    data: Sequence[str | os.PathLike[str]] | None = None,
    out: str | os.PathLike[str] = Path("data/processed/export"),
    formats: Sequence[str] = FORMATS,
    firm_sizes: str | os.PathLike[str] | None = None,
    years: str | None = AUTO,
    read: ReadOptions | None = None,
    layer: str = "applicants",
    color_by: str = "actor_type",
    size_by: str = "betweenness",
) -> list[Path]:
    """Back end of ``netanalysis export``: read ``data`` (default: the SYNTHETIC sample), write files.

    Parameters
    ----------
    data : list of paths, optional
        Raw files; default: the bundled SYNTHETIC sample.
    out : path
        Output folder.
    formats : sequence of str
        See :func:`save_network`.
    firm_sizes : path, optional
        Firm-size table.
    years : str, optional
        Year range such as ``"2004-2020"``; ``None``: every year; ``"auto"`` (default): 2004–2020
        for the sample, every year of ``data`` (as for figures and the report).
    read : ReadOptions, optional
        How raw files are read (``--columns``, ``--encoding`` …); ``data`` may also be one
        folder written by ``netanalysis ingest``.
    layer : {"applicants", "inventors", "ipc"}
        The network written: co-applicants (default), co-inventors or IPC co-occurrence
        (file names end in ``_inventors`` / ``_ipc``).
    color_by, size_by : str
        The HTML viewer's node colour (``actor_type``, ``cluster``, ``region``) and size.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> [p.name for p in run_export(out=tempfile.mkdtemp(), formats=["gexf"])]
    ['synthetic_copatent_network.gexf']
    """
    inputs = resolve_inputs(data, firm_sizes, read)
    years = resolve_defaults(RunSettings(years=years), inputs.synthetic).years
    processed = load_inputs(inputs)
    e = nw.edges_from_applications(processed.applications, years=years, layer=layer)
    nodes = processed.actors if layer == "applicants" else nw.layer_nodes(
        nw.layer_items(processed.applications, layer))
    stem = ("synthetic_copatent_network" if inputs.synthetic else "copatent_network") + (
        "" if layer == "applicants" else f"_{layer}")
    out = Path(out)
    check_output_folder(out, MANIFEST, ("*copatent_network*",))  # before the work, not after
    # the set is written into a temporary folder and swapped in whole: a run killed at any
    # point leaves the previous set as it was
    with atomic_folder(out, MANIFEST, ("*copatent_network*",)) as tmp:
        written = save_network(e, nodes, tmp, formats, stem=stem,
                               applications=processed.applications if layer == "applicants" else None,
                               color_by=color_by if layer == "applicants" else "cluster", size_by=size_by)
        manifest = {"package_version": __version__, "command": "export", "formats": list(formats), "layer": layer,
                    "years": years, "inputs": [str(p) for p in inputs.paths] if inputs.paths else ["SYNTHETIC sample"],
                    "files": {p.name: sha256_of(p) for p in written}, "synthetic": inputs.synthetic}
        write_text(json.dumps(manifest, ensure_ascii=False, indent=2), tmp / MANIFEST)
    return [out / p.name for p in written]


__all__ = ["run_export"]
