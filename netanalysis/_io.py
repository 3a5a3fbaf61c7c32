"""Atomic writing and spreadsheet-safe CSV export, shared by every stage that writes."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ._errors import IngestError, NetanalysisError

#: Files of an output folder that a run keeps (the folder's own README).
KEEP_PREFIX = "README"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    A failure inside the block removes the temporary file and leaves ``target``
    untouched, so no half-written file is ever visible.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600: colleagues could not read the output
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_output_folder(target: Path, owner_file: str) -> list[Path]:
    """Refuse an output folder that holds files no run wrote; return the files a run keeps.

    Raises
    ------
    NetanalysisError
        If ``target`` is a file, or a folder with foreign files and no ``owner_file``.
    """
    if target.exists() and not target.is_dir():
        raise NetanalysisError(f"--out {target}: exists and is not a folder; give a folder")
    present = list(target.iterdir()) if target.is_dir() else []
    kept = [f for f in present if f.is_file() and f.name.startswith((KEEP_PREFIX, ".git"))]
    if present and not (target / owner_file).is_file() and len(kept) < len(present):
        raise NetanalysisError(
            f"--out {target}: the folder holds files no earlier run wrote (no {owner_file}); choose a new or "
            "empty folder: the whole folder is replaced by each run")
    return kept


@contextlib.contextmanager
def atomic_folder(target: str | os.PathLike[str], owner_file: str) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; swap it in for ``target`` on success.

    ``target`` then always holds one complete run: a failure leaves the previous folder as
    it was, and files of an earlier run made with other options never mix in.  The folder's
    own ``README*`` and ``.git*`` files are carried over.  Temporary folders left by a
    killed run are removed first.

    Parameters
    ----------
    target : path
        The output folder.
    owner_file : str
        A file every run writes (``manifest.json``): an existing non-empty ``target``
        without it is not ours, and is refused rather than replaced.

    Raises
    ------
    NetanalysisError
        If ``target`` holds files that no earlier run wrote.
    """
    target = Path(target)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    kept = check_output_folder(target, owner_file)
    for stale in parent.glob(f".{target.name}.run-*"):  # left by a killed run
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.run-", dir=parent))
    try:
        yield tmp
        for f in kept:  # the folder's own README (and .gitkeep) stay
            shutil.copy2(f, tmp / f.name)
        os.chmod(tmp, 0o777 & ~_umask())
        old = parent / f".{target.name}.run-old-{os.getpid()}"
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def read_text_table(path: str | os.PathLike[str], what: str) -> pd.DataFrame:
    """Read a small user or shipped table (aliases, firm sizes …): UTF-8 CSV, every cell text.

    Parameters
    ----------
    path : path
        The CSV file (a byte-order mark is allowed).
    what : str
        What the table is, for the message.

    Returns
    -------
    pandas.DataFrame
        Every cell a string; empty cells are ``""``.

    Raises
    ------
    IngestError
        Naming the file and what it should have been, if it cannot be read.
    """
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as e:
        raise IngestError(f"cannot read {what} as UTF-8 CSV ({e})", path=str(path)) from e


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells cannot be run as spreadsheet formulas.

    A text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
    leading apostrophe (OWASP advice on CSV injection). Numbers are left alone.

    Examples
    --------
    >>> neutralise_formulas(pd.DataFrame({"a": ["=HYPERLINK(1)", "ok"]}))["a"].tolist()
    ["'=HYPERLINK(1)", 'ok']
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_string_dtype(s) or s.dtype == object:
            text = s.astype("string")
            risky = text.str.startswith(_FORMULA_START).fillna(False)
            if risky.any():
                out[col] = s.where(~risky, "'" + text)
    return out


def write_csv(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``df`` as CSV in UTF-8 with a byte-order mark (Excel then shows Hangul), formulas
    neutralised, atomically."""
    with atomic_path(path) as tmp:
        neutralise_formulas(df).to_csv(tmp, index=False, encoding="utf-8-sig")
    return Path(path)


def write_parquet(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``df`` as parquet, atomically."""
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, index=False)
    return Path(path)


def write_text(text: str, path: str | os.PathLike) -> Path:
    """Write text as UTF-8, atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)
