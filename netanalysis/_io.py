"""Atomic writing and spreadsheet-safe CSV export, shared by every stage that writes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ._errors import IngestError, NetanalysisError
from ._escape import neutralise_formulas

#: Files of an output folder that a run keeps (the folder's own README).
KEEP_PREFIX = "README"


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
    if target.is_symlink():  # replaced by the run, never followed: nothing is read or kept from it
        return []
    if target.exists() and not target.is_dir():
        raise NetanalysisError(f"--out {target}: exists and is not a folder; give a folder")
    present = list(target.iterdir()) if target.is_dir() else []
    # carried over only if a regular file inside the folder (a planted link is not followed)
    kept = [f for f in present if _is_regular_file(f) and f.name.startswith((KEEP_PREFIX, ".git"))]
    written_by_us = [f for f in present if f.is_file() and any(f.match(p) for p in ours)]
    if present and not (target / owner_file).is_file() and len(kept) + len(written_by_us) < len(present):
        raise NetanalysisError(
            f"--out {target}: the folder holds files no earlier run wrote (no {owner_file}); choose a new or "
            "empty folder: the whole folder is replaced by each run")
    return kept


def _is_regular_file(path: Path) -> bool:
    """A regular file itself, not a link to one (``lstat``)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def copy_regular_file(src: Path, dst: Path) -> None:
    """Copy ``src`` to a new file ``dst`` only if ``src`` is a regular file (a symbolic link
    is refused by ``O_NOFOLLOW``, not followed); ``dst`` is created fresh (``O_EXCL``) with
    the default mode (the umask), not ``src``'s."""
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(src, os.O_RDONLY | nofollow)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{src}: not a regular file")
        with os.fdopen(os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o666), "wb") as out, \
                os.fdopen(os.dup(fd), "rb") as f:
            shutil.copyfileobj(f, out)
    finally:
        os.close(fd)


def real_folder(path: str | os.PathLike[str]) -> Path:
    """Make ``path`` a real folder the run may write into: a symbolic link there (planted, or
    left by anyone) is removed and replaced by a new folder, never followed.

    Raises
    ------
    NetanalysisError
        If ``path`` is a regular file (someone's data, not replaced).
    """
    path = Path(path)
    if path.is_symlink():
        path.unlink()
    if path.exists() and not path.is_dir():
        raise NetanalysisError(f"{path}: exists and is not a folder; move it away or choose another --out")
    path.mkdir(parents=True, exist_ok=True)
    return path


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
        for f in kept:  # the folder's own README (and .gitkeep) stay, if still regular files
            with contextlib.suppress(OSError):
                copy_regular_file(f, tmp / f.name)
        os.chmod(tmp, 0o777 & ~_umask())
        old = parent / f".{target.name}.run-old-{os.getpid()}"
        if target.exists() or target.is_symlink():  # a link is moved away itself, not followed
            os.replace(target, old)
        os.replace(tmp, target)
        if old.is_symlink():
            old.unlink()
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
