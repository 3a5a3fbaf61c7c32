"""Exception classes of netanalysis, all in one place.

Every error message is built before the exception is raised, names the argument,
file, row or column at fault, says what was expected and, where possible, the fix.
"""

from __future__ import annotations


class NetanalysisError(Exception):
    """Base class of every error this package raises on purpose."""


class IngestError(NetanalysisError, ValueError):
    """A raw patent file cannot be read into the canonical tables.

    Parameters
    ----------
    message : str
        What was expected and what was found.
    path : str, optional
        The file at fault.
    row : int, optional
        The 1-based row (as a spreadsheet shows it) at fault.
    column : str, optional
        The column at fault.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        where = []
        if path is not None:
            where.append(f"file {path!s}")
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        prefix = ", ".join(where)
        full = f"{prefix}: {message}" if prefix else message
        super().__init__(full)
        self.path, self.row, self.column = path, row, column


class NetworkInputError(NetanalysisError, ValueError):
    """An argument of the network or metrics stage is not usable (unknown weighting,
    empty network, region code absent from the data, window < 1 ...)."""


class PlotError(NetanalysisError, ValueError):
    """A plotting function was handed results it cannot draw."""


class InternalError(NetanalysisError, RuntimeError):
    """An invariant of the package itself failed (a bug, not bad input): please report it.

    The command line exits with status 1 for it, and 2 for every other error.
    """
