"""Atomic writing and spreadsheet-safe CSV export, shared by every stage that writes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import signal
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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
    tmp_path = new_temporary(target.parent)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600: colleagues could not read the output
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
        remove_stale_temporaries(target.parent)  # prunes the lock file (and what killed runs left)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):  # another user's live process, or no way to tell: keep it
        return True
    return True


# --- temporaries: names no user file can have, recorded in a lock file (issue 33) ----------------
#: Every temporary file or folder is ``.netanalysis-tmp-<pid>-<random token>``, and its name is
#: appended to :data:`TEMP_LOCK` in the same folder before it is created.  Cleaning removes only
#: entries of that file whose name has this form and whose process is gone: a user's
#: ``.thesis.run-1999-final/`` or ``.notes.1999.bak.tmp`` can never match.
TEMP_PREFIX = ".netanalysis-tmp-"
TEMP_LOCK = ".netanalysis-tmp.lock"
_TEMP_NAME = re.compile(r"^\.netanalysis-tmp-(?P<pid>\d+)-[0-9a-f]{16}$")


@contextlib.contextmanager
def _locked(folder: Path, mode: str) -> Iterator[Any]:
    """The folder's lock file, opened with ``mode`` and held exclusively (where the OS can)."""
    with open(folder / TEMP_LOCK, mode, encoding="utf-8") as fh:
        try:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        except (ImportError, OSError):  # no flock (Windows, some network drives): appends stay line-atomic
            pass
        yield fh


def new_temporary(parent: str | os.PathLike[str], *, folder: bool = False, reserve_only: bool = False) -> Path:
    """Create (or with ``reserve_only`` just name) a temporary file or folder in ``parent``.

    Its name, ``.netanalysis-tmp-<pid>-<16 hex digits>``, is recorded in ``parent``'s lock
    file first, so :func:`remove_stale_temporaries` can remove it after a kill, and nothing
    else.

    Parameters
    ----------
    parent : path
        The folder (created if needed).
    folder : bool
        A folder instead of an (empty) file.
    reserve_only : bool
        Record and return the name without creating anything (a rename target).

    Returns
    -------
    pathlib.Path
    """
    parent = Path(parent)
    parent.mkdir(parents=True, exist_ok=True)
    path = parent / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(8)}"
    with _locked(parent, "a") as fh:
        fh.write(path.name + "\n")
    if not reserve_only:
        if folder:
            path.mkdir(mode=0o700)
        else:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    return path


def remove_stale_temporaries(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporaries that killed runs of netanalysis left in ``folder``.

    Only names recorded in the folder's lock file (:data:`TEMP_LOCK`) and of the form
    ``.netanalysis-tmp-<pid>-<token>`` are considered, and only those whose process is gone
    are removed (a concurrent run's stay).  Entries whose temporary no longer exists are
    dropped from the lock file, which is removed when it lists nothing.

    Returns
    -------
    list of pathlib.Path
        What was removed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".notes.1999.bak.tmp").write_text("mine")
    >>> remove_stale_temporaries(d), (d / ".notes.1999.bak.tmp").exists()
    ([], True)
    """
    folder = Path(folder)
    removed: list[Path] = []
    if not (folder / TEMP_LOCK).is_file():
        return removed
    with _locked(folder, "r+") as fh:
        listed = [line.strip() for line in fh.read().splitlines() if line.strip()]
        keep = []
        for name in dict.fromkeys(listed):
            m = _TEMP_NAME.match(name)
            p = folder / name
            if m is None or not (p.exists() or p.is_symlink()):
                continue
            pid = int(m.group("pid"))
            if pid == os.getpid() or _process_alive(pid):
                keep.append(name)
                continue
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
            removed.append(p)
        fh.seek(0)
        fh.truncate()
        fh.write("".join(n + "\n" for n in keep))
        if not keep:
            (folder / TEMP_LOCK).unlink(missing_ok=True)
    return removed


_SIGNALS = ("SIGTERM", "SIGINT")


def _install(handler: Callable[[int, Any], Any]) -> dict[int, Any]:
    """``handler`` for SIGTERM and SIGINT; the handlers it replaced, to put back (none outside
    the main thread, where signals cannot be handled)."""
    previous: dict[int, Any] = {}
    try:
        for name in _SIGNALS:
            sig = getattr(signal, name)
            previous[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread
        pass
    return previous


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGTERM and SIGINT until the block ends: a pair of renames that must not be split
    by a kill runs whole, and the signal is handled (by the handler in place) right after.
    Outside the main thread, a no-op (signals are handled in the main thread only)."""
    held: list[int] = []
    previous = _install(lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if held:
            handler = previous.get(held[0])
            if callable(handler):
                handler(held[0], None)
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), held[0])


class Interrupted(BaseException):
    """SIGTERM or SIGINT arrived: raised in the main thread so ``finally`` blocks remove
    temporaries and leave the old outputs; the CLI turns it into one line and 128 + signal."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def handle_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGINT raise :class:`Interrupted` in this (main) thread;
    the previous handlers come back after it.  Outside the main thread, a no-op."""
    previous = _install(_raise_interrupted)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)




_SET_MARK = ".netanalysis-set"


def write_linked_set(path: str | os.PathLike[str], files: dict[str, bytes],
                     text_for: Callable[[dict[str, str]], str]) -> list[Path]:
    """Write a document and the files it links to (a Markdown report and its PNGs) as one set.

    The files go into ``<stem>_figures/run-<content hash>/`` (a complete folder renamed into
    place), then the document, linking there, replaces ``path`` in one rename; only then
    are the earlier runs' folders (marked as the package's own) removed.  At any moment the
    document on disk links to a complete set of its own run: a kill never leaves the old
    Markdown beside a mix of old and new figures.

    Parameters
    ----------
    path : path
        The document.
    files : dict
        ``{file name: bytes}``.
    text_for : callable
        ``{file name: relative link} -> document text``.

    Returns
    -------
    list of pathlib.Path
        The document, then the linked files.
    """
    path = Path(path)
    root = real_folder(path.with_name(f"{path.stem}_figures"))  # a planted link is replaced, not followed
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    run = root / f"run-{h.hexdigest()[:12]}"
    if run.is_symlink():  # a link planted under the (predictable) run name is removed, never followed
        run.unlink()
    if not (run / _SET_MARK).is_file():  # the same content is already in place otherwise
        tmp = new_temporary(root, folder=True)
        try:
            for name, data in files.items():
                (tmp / name).write_bytes(data)
            (tmp / _SET_MARK).write_text("written by netanalysis; replaced by each run\n", encoding="utf-8")
            os.chmod(tmp, 0o777 & ~_umask())
            if run.exists():
                shutil.rmtree(run)
            os.replace(tmp, run)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
            remove_stale_temporaries(root)
    links = {name: f"{root.name}/{run.name}/{name}" for name in files}
    write_text(text_for(links), path)
    for old in root.iterdir():  # earlier runs' sets, now linked from nothing
        if old != run and old.is_dir() and not old.is_symlink() and (old / _SET_MARK).is_file():
            shutil.rmtree(old, ignore_errors=True)
    return [path, *(run / name for name in files)]


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
    killed run are removed first.  A ``target`` that is the working folder (``--out .``) or
    holds it keeps its place: its entries are swapped instead, so the user's shell is not
    left in a deleted folder.

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
    # '.', '..' or 'out/' named by their real place (lexically: a link stays a link), so the
    # temporary folder lies beside the target, never inside it
    target = Path(os.path.abspath(target))
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    kept = check_output_folder(target, owner_file, ours)
    in_use = _holds_working_folder(target)
    remove_stale_temporaries(parent)  # left by killed runs (never a concurrent run's)
    tmp = new_temporary(parent, folder=True)
    try:
        yield tmp
        for f in kept:  # the folder's own README (and .gitkeep) stay, if still regular files
            with contextlib.suppress(OSError):
                copy_regular_file(f, tmp / f.name)
        os.chmod(tmp, 0o777 & ~_umask())
        old = new_temporary(parent, reserve_only=True)
        with signals_deferred():  # never a moment without ``target``: no signal between the renames
            if in_use:  # the user's shell is in it: its entries are swapped, the folder itself stays
                old.mkdir()
                for entry in list(target.iterdir()):
                    os.replace(entry, old / entry.name)
                for entry in list(tmp.iterdir()):
                    os.replace(entry, target / entry.name)
            else:
                if target.exists() or target.is_symlink():  # a link is moved away itself, not followed
                    os.replace(target, old)
                os.replace(tmp, target)
        if old.is_symlink():
            old.unlink()
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        remove_stale_temporaries(parent)


def _holds_working_folder(target: Path) -> bool:
    """Whether ``target`` (a real folder, not a link) is the working folder or one above it:
    renaming it would leave the user's shell in a deleted folder (and ``.`` cannot be renamed)."""
    if target.is_symlink() or not target.is_dir():
        return False
    try:
        here, there = Path.cwd().resolve(), target.resolve()
    except OSError:
        return False
    return here == there or there in here.parents


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
