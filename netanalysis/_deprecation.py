"""Old public names kept for one release, with a warning that names the new one (PEP 562)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

#: The release in which the deprecated names disappear.
REMOVED_IN = "0.3"


def renamed_attributes(module: str, renamed: dict[str, tuple[str, Any]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that serves old names with a ``DeprecationWarning``.

    Parameters
    ----------
    module : str
        The module's dotted name, for the messages.
    renamed : dict
        ``{old name: (new dotted name, the object)}``.

    Returns
    -------
    callable
        Assign it to the module's ``__getattr__``.

    Examples
    --------
    >>> get = renamed_attributes("m", {"old": ("m.new", 42)})
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     get("old"), str(w[0].message)
    (42, 'm.old is deprecated and will be removed in netanalysis 0.3; use m.new')
    """

    def __getattr__(name: str) -> Any:
        if name in renamed:
            new, obj = renamed[name]
            warnings.warn(
                f"{module}.{name} is deprecated and will be removed in netanalysis {REMOVED_IN}; use {new}",
                DeprecationWarning,
                stacklevel=2,
            )
            return obj
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
