"""Shared machinery of ``netanalysis fetch``: keys, polite HTTP with bounded retries, and the
page store (raw pages written atomically, a JSON Lines manifest with query, page, time, sha256).

A fetch folder holds ``page-0001.<ext>``, ``page-0002.<ext>`` … exactly as the service sent
them and ``fetch_manifest.jsonl``: one ``start`` line (source, query), one ``page`` line per
saved page (file, sha256, bytes, records, total, the request without its key, time) and a
``complete`` line at the end.  A page is renamed into place before its manifest line is
appended, so a crash leaves at worst an unrecorded page that the next run fetches again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .._errors import NetanalysisError

MANIFEST = "fetch_manifest.jsonl"
KEYS_FILE_ENV = "NETANALYSIS_KEYS"
DEFAULT_KEYS_FILE = Path("~/.config/netanalysis/keys.toml")
#: HTTP statuses worth retrying: rate limit and transient server trouble.
RETRY_STATUSES = (429, 500, 502, 503, 504)


class FetchError(NetanalysisError):
    """A query or a response cannot be used (bad query, refused key, a page that is not the
    expected format); nothing of the failing page is written."""


class FetchStopped(NetanalysisError):
    """The service stopped the run (quota, repeated server errors); pages saved so far are kept
    and the same command resumes after the last saved page."""


def redact(text: str, secrets: list[str]) -> str:
    """``text`` with every secret (and its URL-encoded form) replaced by ``***``.

    Examples
    --------
    >>> redact("https://x/?accessKey=abc%2F1&q=1", ["abc/1"])
    'https://x/?accessKey=***&q=1'
    """
    for s in secrets:
        if s:
            for form in {s, urllib.parse.quote(s, safe=""), urllib.parse.quote_plus(s)}:
                text = text.replace(form, "***")
    return text


def get_key(env: str, section: str, name: str = "key") -> str:
    """A service key from the environment variable ``env``, else from the keys file.

    The keys file is TOML (``$NETANALYSIS_KEYS``, default ``~/.config/netanalysis/keys.toml``),
    e.g. ``[kipris]`` / ``key = "…"``.  Keys are never taken from the command line.

    Raises
    ------
    FetchError
        When neither holds the key, saying where to put it.

    Examples
    --------
    >>> os.environ["NETANALYSIS_DOCTEST_KEY"] = "k1"
    >>> get_key("NETANALYSIS_DOCTEST_KEY", "doctest")
    'k1'
    """
    value = os.environ.get(env, "").strip()
    if value:
        return value
    path = Path(os.environ.get(KEYS_FILE_ENV) or DEFAULT_KEYS_FILE).expanduser()
    if path.is_file():
        import tomllib

        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise FetchError(f"keys file {path} is not valid TOML ({type(e).__name__})") from None
        found = doc.get(section, {}).get(name) if isinstance(doc.get(section), dict) else None
        if isinstance(found, str) and found.strip():
            return found.strip()
    raise FetchError(f"no {section} key: set the environment variable {env}, or put [{section}] {name} = \"…\" "
                     f"in {path} (keys are never read from the command line)")


@dataclass
class Response:
    """One HTTP response: status, headers (lower-case names) and the body as received."""

    status: int
    headers: dict[str, str]
    body: bytes


def urllib_send(method: str, url: str, headers: Mapping[str, str], data: bytes | None, timeout: float) -> Response:
    """Send one request with the standard library; HTTP error statuses are returned, not raised."""
    req = urllib.request.Request(url, data=data, headers=dict(headers), method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return Response(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, {k.lower(): v for k, v in (e.headers or {}).items()}, e.read() or b"")


@dataclass
class Http:
    """Polite HTTP: at least ``min_interval`` seconds between requests, bounded retries.

    A 429 or 5xx, or a connection failure, is retried up to ``max_retries`` times, waiting
    the service's ``Retry-After`` or ``x-rate-limit-retry-after-seconds`` (capped at
    ``max_wait``) or ``backoff * 2**attempt``; then :class:`FetchStopped`.  A response saying
    ``x-rate-limit-remaining-request-per-minute: 0`` (Lens) makes the next request wait its
    retry-after (else a minute).  ``secrets`` are removed from every message.
    """

    min_interval: float = 1.0
    max_retries: int = 4
    backoff: float = 2.0
    max_wait: float = 120.0
    timeout: float = 60.0
    secrets: list[str] = field(default_factory=list)
    send: Callable[[str, str, Mapping[str, str], bytes | None, float], Response] = urllib_send
    sleep: Callable[[float], None] = field(default=lambda seconds: time.sleep(seconds))
    requests: int = 0
    _last: float = -1e18
    _hold: float = 0.0

    def _wait_for(self, r: Response | None, attempt: int) -> float:
        retry_after = (r.headers.get("retry-after") or r.headers.get("x-rate-limit-retry-after-seconds")
                       if r is not None else None)
        try:
            wait = float(retry_after) if retry_after is not None else self.backoff * 2 ** attempt
        except ValueError:  # an HTTP date: fall back to back-off
            wait = self.backoff * 2 ** attempt
        return min(max(wait, 0.0), self.max_wait)

    def request(self, method: str, url: str, headers: Mapping[str, str] | None = None,
                data: bytes | None = None) -> Response:
        """The response of the first attempt that is neither rate-limited nor a server error."""
        last: Response | None = None
        why = ""
        for attempt in range(self.max_retries + 1):
            if self._hold:  # the service said no request is left this minute
                self.sleep(self._hold)
                self._hold = 0.0
            gap = time.monotonic() - self._last
            if gap < self.min_interval:
                self.sleep(self.min_interval - gap)
            self._last = time.monotonic()
            self.requests += 1
            try:
                last = self.send(method, url, headers or {}, data, self.timeout)
            except (urllib.error.URLError, OSError, TimeoutError) as e:
                last, why = None, f"connection failed ({type(e).__name__}: {getattr(e, 'reason', e)})"
            else:
                if last.status not in RETRY_STATUSES:
                    if last.headers.get("x-rate-limit-remaining-request-per-minute", "").strip() == "0":
                        has_wait = "x-rate-limit-retry-after-seconds" in last.headers or "retry-after" in last.headers
                        self._hold = self._wait_for(last, 0) if has_wait else min(60.0, self.max_wait)
                    return last
                why = f"HTTP {last.status}"
            if attempt < self.max_retries:
                self.sleep(self._wait_for(last, attempt))
        raise FetchStopped(redact(f"{why} after {self.max_retries + 1} attempts at {url}", self.secrets))


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class PageStore:
    """A fetch folder: raw pages and their manifest.

    Parameters
    ----------
    out : path
        The folder (created).  A folder holding another source's or query's manifest is refused.
    source, query : str
        What is fetched; recorded in the manifest's first line.
    ext : str
        File extension of the pages (``json``, ``xml``).

    Examples
    --------
    >>> import tempfile
    >>> s = PageStore(tempfile.mkdtemp(), "demo", "q", "json")
    >>> s.save(b'{"a": 1}', records=1, total=1, request={"url": "http://x/"}).name
    'page-0001.json'
    >>> s.pages[0]["sha256"] == hashlib.sha256(b'{"a": 1}').hexdigest(), s.complete
    (True, False)
    """

    def __init__(self, out: str | os.PathLike[str], source: str, query: str, ext: str) -> None:
        self.out, self.source, self.query, self.ext = Path(out), source, query, ext
        self.manifest = self.out / MANIFEST
        self.pages: list[dict[str, Any]] = []
        self.complete = False
        self._created = False
        for part in self.out.glob(".page-*.part") if self.out.is_dir() else []:
            part.unlink()  # a page cut off by a crash or a kill while it was written: never recorded
        if self.manifest.exists():
            self._load()
        elif self.out.exists() and any(self.out.glob("page-*")):
            raise FetchError(f"{self.out} holds pages but no {MANIFEST}; give an empty or new --out folder")

    def _start(self) -> None:
        """Create the folder and the manifest's first line (at the first saved page)."""
        if not self.manifest.exists():
            self._created = not self.out.exists()
            self.out.mkdir(parents=True, exist_ok=True)
            self._append({"event": "start", "source": self.source, "query": self.query, "time": _now()})

    def discard_if_empty(self) -> None:
        """Remove a folder this store created and left empty (a query with no hits)."""
        if self._created and self.out.is_dir() and not any(self.out.iterdir()):
            self.out.rmdir()

    def _load(self) -> None:
        lines = self.manifest.read_text(encoding="utf-8").splitlines()
        events = []
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError:
                raise FetchError(f"{self.manifest}: line {n} is not JSON; the manifest was edited or damaged "
                                 "(a crash while it was appended: remove that line to resume)") from None
        if not events or events[0].get("event") != "start":
            raise FetchError(f"{self.manifest}: expected a first 'start' line naming source and query")
        first = events[0]
        if (first.get("source"), first.get("query")) != (self.source, self.query):
            raise FetchError(f"{self.out} holds a fetch of {first.get('source')} {first.get('query')!r}; "
                             f"give another --out folder for {self.source} {self.query!r}")
        self.pages = [e for e in events if e.get("event") == "page"]
        self.complete = any(e.get("event") == "complete" for e in events)
        for p in self.pages:
            f = self.out / p["file"]
            if not f.is_file() or sha256(f.read_bytes()) != p["sha256"]:
                raise FetchError(f"{f}: missing or changed since it was fetched (sha256 differs from {MANIFEST}); "
                                 "saved pages are immutable: restore it or start a new --out folder")

    def _append(self, event: dict[str, Any]) -> None:
        with open(self.manifest, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    @property
    def records(self) -> int:
        """Records in the saved pages."""
        return sum(int(p.get("records", 0)) for p in self.pages)

    def path(self, page: int) -> Path:
        """The file of page ``page`` (1-based)."""
        return self.out / f"page-{page:04d}.{self.ext}"

    def save(self, body: bytes, *, records: int, total: int | None, request: Mapping[str, Any],
             cursor: Any = None) -> Path:
        """Write the next page atomically (temporary file, fsync, rename), then record it."""
        self._start()
        page = len(self.pages) + 1
        target = self.path(page)
        tmp = target.with_name(f".{target.name}.part")
        with open(tmp, "wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        entry = {"event": "page", "page": page, "file": target.name, "sha256": sha256(body), "bytes": len(body),
                 "records": records, "total": total, "cursor": cursor, "request": dict(request), "time": _now()}
        self._append(entry)
        self.pages.append(entry)
        return target

    def finish(self, total: int | None, note: str = "") -> None:
        """Record that every page of the query is saved."""
        self._start()
        self._append({"event": "complete", "pages": len(self.pages), "records": self.records, "total": total,
                      "note": note, "time": _now()})
        self.complete = True


def manifest_source(folder: str | os.PathLike[str]) -> str | None:
    """The source named by a fetch folder's manifest (``None`` when the folder has none).

    Parameters
    ----------
    folder : path
        A folder written by ``netanalysis fetch`` (or any other folder).

    Returns
    -------
    str or None

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> PageStore(d, "patentsview", "{}", "json").finish(0)
    >>> manifest_source(d)
    'patentsview'
    """
    m = Path(folder) / MANIFEST
    if not m.is_file():
        return None
    with open(m, encoding="utf-8") as fh:
        try:
            first = json.loads(fh.readline())
        except json.JSONDecodeError:
            return None
    return first.get("source") if isinstance(first, dict) else None


def manifest_summary(folder: str | os.PathLike[str]) -> str | None:
    """One sentence on a fetch folder for the ingest report: source, query, pages, and
    whether the fetch is complete (``None`` for a folder without a manifest).

    Parameters
    ----------
    folder : path
        A folder written by ``netanalysis fetch`` (or any other folder).

    Returns
    -------
    str or None

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> s = PageStore(d, "kipris", "120080091393", "xml")
    >>> _ = s.save(b"<response/>", records=500, total=1784, request={})
    >>> print(manifest_summary(d))
    fetched by `netanalysis fetch kipris` ('120080091393'): 1 pages, 500 records of 1784 hits;
    INCOMPLETE: run the same fetch again to go on
    """
    m = Path(folder) / MANIFEST
    if not m.is_file():
        return None
    events = []
    for line in m.read_text(encoding="utf-8").splitlines():
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    if not events or not isinstance(events[0], dict):
        return None
    pages = [e for e in events if isinstance(e, dict) and e.get("event") == "page"]
    done = any(isinstance(e, dict) and e.get("event") == "complete" for e in events)
    total = pages[-1].get("total") if pages else None
    records = sum(int(p.get("records") or 0) for p in pages)
    state = "complete" if done else "INCOMPLETE: run the same fetch again to go on"
    return (f"fetched by `netanalysis fetch {events[0].get('source')}` ({events[0].get('query')!r}): "
            f"{len(pages)} pages, {records} records of {total} hits; {state}")
