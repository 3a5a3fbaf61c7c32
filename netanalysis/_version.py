"""The package's version, read once from its installed metadata (``pyproject.toml``'s ``version``)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def _read() -> str:
    try:
        return version("netanalysis")
    except PackageNotFoundError:  # pragma: no cover - a source tree on sys.path, never installed
        return "0+unknown"


#: The version of this netanalysis (e.g. ``"0.1.0"``).
__version__ = _read()


def versions() -> dict[str, str]:
    """The versions of netanalysis and the libraries its numbers and figures depend on.

    Returns
    -------
    dict
        ``{distribution name: version}``, as recorded in every manifest and report.

    Examples
    --------
    >>> sorted(versions())
    ['igraph', 'matplotlib', 'netanalysis', 'networkx', 'pandas']
    """
    found = {}
    for name in ("netanalysis", "igraph", "networkx", "pandas", "matplotlib"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:  # pragma: no cover
            found[name] = "unknown"
    return found
