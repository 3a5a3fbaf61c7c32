"""Issue 33, point 5: temporaries no user file can be mistaken for, signals handled like
errors, and ``report --out r.md`` swapped as one set.  The data are the SYNTHETIC sample."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _hyp import ROOT

from netanalysis import _io
from netanalysis._io import (
    TEMP_LOCK,
    Interrupted,
    atomic_folder,
    atomic_path,
    handle_signals,
    remove_stale_temporaries,
    signals_deferred,
    write_linked_set,
    write_text,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _user_lookalikes(folder: Path) -> dict[Path, bytes]:
    """Hidden files of a user that the old temporary-name patterns matched (issue 33's report)."""
    dead = _dead_pid()
    files = {
        folder / ".thesis.run-1999-final" / "chapter1.tex": b"\\chapter{One}",
        folder / ".notes.1999.bak.tmp": b"my notes",
        folder / f".report.md.{dead}.x1y2z3.tmp": b"not the package's",
        folder / f".figures.run-old-{dead}" / "keep.txt": b"mine",
        folder / ".netanalysis-tmp-12-notmine": b"a name of the package's form but not recorded",
    }
    for p, data in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return files


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".netanalysis-tmp*") if p.name != ".netanalysis-tmp-12-notmine"]


@pytest.mark.slow  # end-to-end: in CI's full set (-m "")
def test_user_files_that_look_like_old_temporaries_survive_every_writer(tmp_path):
    from netanalysis.datasets import sample_path
    from netanalysis.ingest import read_patents, save_processed

    files = _user_lookalikes(tmp_path)
    with atomic_path(tmp_path / "report.md") as tmp:
        assert tmp.name.startswith(".netanalysis-tmp-") and len(tmp.name.rsplit("-", 1)[1]) == 16
        assert tmp.name in (tmp_path / TEMP_LOCK).read_text().split()  # recorded before it is used
        tmp.write_text("x")
    with atomic_folder(tmp_path / "figures", "manifest.json") as tmp:
        (tmp / "manifest.json").write_text("{}")
    save_processed(read_patents(sample_path()), tmp_path)
    write_linked_set(tmp_path / "r.md", {"a.png": b"png"}, lambda links: str(links))
    remove_stale_temporaries(tmp_path)
    for p, data in files.items():
        assert p.read_bytes() == data, p
    assert not _temporaries(tmp_path)  # and the lock file is gone once it lists nothing


def test_a_killed_runs_recorded_temporaries_are_removed_a_live_runs_kept(tmp_path):
    dead, live = _dead_pid(), os.getppid()
    names = [f".netanalysis-tmp-{dead}-{'a' * 16}", f".netanalysis-tmp-{live}-{'b' * 16}"]
    (tmp_path / names[0]).mkdir()
    (tmp_path / names[1]).write_bytes(b"")
    (tmp_path / TEMP_LOCK).write_text("".join(n + "\n" for n in names))
    removed = remove_stale_temporaries(tmp_path)
    assert [p.name for p in removed] == [names[0]]
    assert (tmp_path / names[1]).exists()
    assert (tmp_path / TEMP_LOCK).read_text().split() == [names[1]]


@posix_only
def test_signals_inside_a_deferred_block_arrive_after_it():
    done = []
    with pytest.raises(Interrupted) as e, handle_signals():
        with signals_deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
            done.append("renames")  # the block runs whole
        time.sleep(1)  # the held signal is delivered here
    assert done == ["renames"] and e.value.signum == signal.SIGTERM


def _snapshot(md: Path) -> dict[str, str]:
    """The Markdown and every file it links to, by content."""
    import re

    text = md.read_text(encoding="utf-8")
    out = {md.name: hashlib.sha256(text.encode()).hexdigest()}
    for link in re.findall(r"\]\(([^)]+)\)", text):
        out[link] = hashlib.sha256((md.parent / link).read_bytes()).hexdigest()
    return out


def test_markdown_and_figures_swap_as_one_set(tmp_path, monkeypatch):
    md = tmp_path / "r.md"

    def text_for(links):
        return "".join(f"![{k}]({v})\n" for k, v in sorted(links.items()))

    write_linked_set(md, {"a.png": b"old a", "b.png": b"old b"}, text_for)
    old = _snapshot(md)
    assert len(old) == 3

    def killed(*args, **kwargs):
        raise Interrupted(signal.SIGTERM)

    monkeypatch.setattr(_io, "write_text", killed)  # killed after the new figures, before the Markdown
    with pytest.raises(Interrupted):
        write_linked_set(md, {"a.png": b"new a", "b.png": b"new b"}, text_for)
    assert _snapshot(md) == old  # the old Markdown still shows the old figures, all of them
    monkeypatch.setattr(_io, "write_text", write_text)
    written = write_linked_set(md, {"a.png": b"new a", "b.png": b"new b"}, text_for)
    new = _snapshot(md)
    assert set(new.values()) & set(old.values()) == set()
    assert sorted(p.name for p in (tmp_path / "r_figures").iterdir()) == [written[1].parent.name]  # old sets gone
    assert not _temporaries(tmp_path)


def _cli(args: list[str], cwd: Path, new_session: bool = False) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "netanalysis", *args], cwd=cwd, env=env, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=new_session)


def _small_sample(folder: Path) -> Path:
    """The first 400 records of the SYNTHETIC sample."""
    from netanalysis.datasets import sample_path

    lines = sample_path().read_text(encoding="utf-8-sig").splitlines(keepends=True)
    f = folder / "synthetic_small.csv"
    f.write_text("".join(lines[:402]), encoding="utf-8")
    return f


def _wait_for_workers(proc: subprocess.Popen, timeout: float = 240) -> bool:
    """Wait until ``proc`` has child processes (the parallel null model's workers)."""
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        if children.exists() and children.read_text().split():
            time.sleep(1.0)  # the workers are running batches
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@posix_only
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_during_parallel_report_leaves_old_report_and_one_line(tmp_path, sig, code):
    if not Path("/proc/self/task").exists() or (os.cpu_count() or 1) < 2:
        pytest.skip("needs /proc and two cores for a parallel null model")
    data = _small_sample(tmp_path)
    common = ["report", str(data), "--out", "r.md", "--bootstrap", "10", "--quiet"]
    first = _cli([*common, "--null-model-runs", "20"], tmp_path)
    assert first.wait(timeout=600) == 0, first.stderr.read() if first.stderr else ""
    old = _snapshot(tmp_path / "r.md")
    proc = _cli([*common, "--null-model-runs", "3000"], tmp_path, new_session=True)
    if not _wait_for_workers(proc):
        proc.kill()
        pytest.skip("the null model did not run in worker processes here")
    # SIGINT as a terminal's Ctrl-C sends it: to the whole process group, workers included
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err
    assert len(err.strip().splitlines()) == 1, err  # one line, no worker traceback
    assert "Traceback" not in err and f"interrupted ({signal.Signals(sig).name})" in err
    assert _snapshot(tmp_path / "r.md") == old
    assert not _temporaries(tmp_path)
    time.sleep(0.5)
    assert not Path(f"/proc/{proc.pid}").exists()


def test_the_working_folder_as_output_keeps_its_place_and_gets_the_new_run(tmp_path, monkeypatch):
    # `netanalysis figures --out .` ran the whole job and then failed to rename '.' (EBUSY),
    # losing every file; the folder the shell sits in must stay and hold exactly the new run
    out = tmp_path / "here"
    out.mkdir()
    (out / "manifest.json").write_text("{}")
    (out / "old_figure.png").write_bytes(b"old")
    (out / "README.md").write_text("mine")
    monkeypatch.chdir(out)
    for name in (".", str(out), str(out) + "/"):
        with atomic_folder(name, "manifest.json") as tmp:
            assert tmp.parent == tmp_path  # beside the folder, not inside it
            (tmp / "manifest.json").write_text('{"run": 2}')
            (tmp / "new_figure.png").write_bytes(b"new")
        assert os.getcwd() == str(out) and Path(".").resolve() == out
        assert sorted(p.name for p in out.iterdir()) == ["README.md", "manifest.json", "new_figure.png"]
        assert (out / "README.md").read_text() == "mine" and (out / "manifest.json").read_text() == '{"run": 2}'
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".netanalysis-tmp-")]
    # a subfolder of the output is the working folder: the output is swapped entry by entry too
    (out / "sub").mkdir()
    monkeypatch.chdir(out / "sub")
    with atomic_folder(out, "manifest.json") as tmp:
        (tmp / "manifest.json").write_text("{}")
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "manifest.json"]
