"""Old public names kept for one release, with a warning that names the new one (PEP 562)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from importlib import import_module
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


def moved_attributes(module: str, moved: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that serves names moved to another module, imported on first use.

    Unlike :func:`renamed_attributes` the new module is imported only when an old name is used,
    so a package can point to a module that imports it (no import cycle).

    Parameters
    ----------
    module : str
        The module's dotted name, for the messages.
    moved : dict
        ``{old name: "new.module.name"}`` (the attribute keeps its name) or
        ``{old name: "new.module:new_name"}``.

    Returns
    -------
    callable
        Assign it to the module's ``__getattr__``.

    Examples
    --------
    >>> get = moved_attributes("m", {"dumps": "json"})
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     get("dumps")([1]), str(w[0].message)
    ('[1]', 'm.dumps is deprecated and will be removed in netanalysis 0.3; use json.dumps')
    """

    def __getattr__(name: str) -> Any:
        if name in moved:
            where, _, new_name = moved[name].partition(":")
            new_name = new_name or name
            warnings.warn(
                f"{module}.{name} is deprecated and will be removed in netanalysis {REMOVED_IN}; "
                f"use {where}.{new_name}",
                DeprecationWarning,
                stacklevel=2,
            )
            return getattr(import_module(where), new_name)
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
