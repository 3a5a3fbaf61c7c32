"""Atomic writing and spreadsheet-safe CSV export, shared by every stage that writes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
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
    # the writer's pid in the name: the next run removes it only once that process is gone
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600: colleagues could not read the output
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):  # another user's live process, or no way to tell: keep it
        return True
    return True


def remove_stale_temporaries(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove temporary files and folders that killed runs left in ``folder``.

    Temporaries are named ``.<target>.<pid>.<random>.tmp`` (files) and
    ``.<target>.run-<pid>-<random>`` (folders); one whose process is still running (a
    concurrent run) is left alone.

    Returns
    -------
    list of pathlib.Path
        What was removed.
    """
    folder = Path(folder)
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for p in folder.iterdir():
        m = _TEMP_NAME.match(p.name)
        if not m:
            continue
        pid = int(m.group("pid") or m.group("rpid"))
        if pid == os.getpid() or _process_alive(pid):
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
        removed.append(p)
    return removed


_TEMP_NAME = re.compile(r"^\..+\.(?P<pid>\d+)\.[^.]+\.tmp$|^\..+\.run-(?:old-)?(?P<rpid>\d+)(?:-.*)?$")


def sha256_of(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file, or of a folder's files (relative names and contents, in sorted order)."""
    path = Path(path)
    h = hashlib.sha256()
    if path.is_dir():
        for f in sorted(p for p in path.rglob("*") if p.is_file()):
            h.update(f.relative_to(path).as_posix().encode())
            h.update(f.read_bytes())
    else:
        h.update(path.read_bytes())
    return h.hexdigest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_output_folder(target: Path, owner_file: str, ours: tuple[str, ...] = ()) -> list[Path]:
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
    written_by_us = [f for f in present if f.is_file() and any(f.match(p) for p in ours)]
    if present and not (target / owner_file).is_file() and len(kept) + len(written_by_us) < len(present):
        raise NetanalysisError(
            f"--out {target}: the folder holds files no earlier run wrote (no {owner_file}); choose a new or "
            "empty folder: the whole folder is replaced by each run")
    return kept


@contextlib.contextmanager
def atomic_folder(target: str | os.PathLike[str], owner_file: str, ours: tuple[str, ...] = ()) -> Iterator[Path]:
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
    ours : tuple of str
        Glob patterns of files that earlier versions wrote there without ``owner_file``.

    Raises
    ------
    NetanalysisError
        If ``target`` holds files that no earlier run wrote.
    """
    target = Path(target)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    kept = check_output_folder(target, owner_file, ours)
    remove_stale_temporaries(parent)  # left by killed runs (never a concurrent run's)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.run-{os.getpid()}-", dir=parent))
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
