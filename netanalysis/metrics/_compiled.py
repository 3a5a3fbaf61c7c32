"""Compiled kernels: numba's functions cached in the user's cache folder, never in the package."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _numba_config() -> Any:
    """numba's settings module (its attributes are set at run time, unseen by type checkers)."""
    return importlib.import_module("numba.core.config")


def kernel_cache_dir() -> Path | None:
    """Where numba keeps the compiled kernel: ``NUMBA_CACHE_DIR`` when the user set it, else
    ``numba`` in the user's cache folder (``~/.cache/netanalysis/numba`` on Linux, honouring
    ``XDG_CACHE_HOME``; ``~/Library/Caches`` on macOS; ``%LOCALAPPDATA%`` on Windows), never
    the installed package.  None when that folder cannot be written: the kernel is then
    compiled in every process (about 1 s) rather than cached inside the package.

    Examples
    --------
    >>> package = Path(__file__).resolve().parents[1]
    >>> package in (kernel_cache_dir() or package.parent).resolve().parents  # never inside the package
    False
    """
    from platformdirs import user_cache_dir

    config = _numba_config()
    folder = Path(config.CACHE_DIR or Path(user_cache_dir("netanalysis", appauthor=False)) / "numba")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def njit_cached(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` compiled by numba (imported here: ``import netanalysis`` stays light), cached in
    :func:`kernel_cache_dir`, never in the installed package.  numba picks a function's cache
    folder when it wraps it, from ``numba.config.CACHE_DIR``: that setting is pointed at our
    folder for this one function and put back at once, so other numba code in the user's
    process is not moved.  Every compiled kernel of the package goes through here."""
    from numba import njit

    config = _numba_config()
    folder = kernel_cache_dir()
    if folder is None:
        return njit(cache=False, nogil=True)(func)
    users = config.CACHE_DIR
    config.CACHE_DIR = str(folder)
    try:
        return njit(cache=True, nogil=True)(func)
    finally:
        config.CACHE_DIR = users


__all__ = ["kernel_cache_dir", "njit_cached"]
