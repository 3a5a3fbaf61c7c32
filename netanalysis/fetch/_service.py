"""The fetch loop shared by every service: ask for the next page, check it, save it, resume."""

from __future__ import annotations

import json
import math
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ._store import FetchError, FetchStopped, Http, PageStore, redact


class CapExceeded(FetchError):
    """More hits than the service lets one query reach (``total`` and ``cap`` say how many)."""

    def __init__(self, message: str, total: int, cap: int) -> None:
        super().__init__(message)
        self.total, self.cap = total, cap


@dataclass
class Request:
    """One request; ``record`` is what the manifest keeps (never the key)."""

    method: str
    url: str
    headers: dict[str, str]
    data: bytes | None
    record: dict[str, Any]


@dataclass
class Parsed:
    """What a checked page holds: its records, the query's total hits, and the cursor after it."""

    records: int
    total: int | None
    cursor: Any = None


def check_status(status: int, where: str) -> None:
    """Any status but 200 that the service module did not explain: stop, resumable."""
    if status != 200:
        raise FetchStopped(f"{where}: HTTP {status}; pages saved so far are kept, run the same command to resume")


def json_body(body: bytes, where: str, expected: str) -> Any:
    """A JSON response page decoded, or one error saying it is none (an HTML page, a cut-off
    transfer) and that nothing of it was saved; ``expected`` names the response."""
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        head = body[:60].decode("utf-8", "replace").strip()
        raise FetchError(f"{where}: not JSON ({type(e).__name__}; starts {head!r}); expected {expected} - an HTML "
                         "error page or a cut-off transfer; nothing of it was saved") from None


def check_page_size(page_size: int, most: int, why: str = "") -> None:
    """One error when ``page_size`` is not 1 to ``most`` (``why`` says where the maximum comes from)."""
    if not 1 <= page_size <= most:
        raise FetchError(f"page size {page_size}: expected 1 to {most}{why}")


def year_span(text: str, what: str = "--years") -> tuple[int, int]:
    """``FROM-TO`` (or one year) as two years, or one error naming ``what``.

    Examples
    --------
    >>> year_span("2004-2020"), year_span("2015")
    ((2004, 2020), (2015, 2015))
    """
    a, _, b = str(text).strip().partition("-")
    try:
        lo, hi = int(a), int(b or a)
    except ValueError:
        raise FetchError(f"{what} {text!r}: expected FROM-TO, e.g. 2004-2020") from None
    if not 1800 <= lo <= hi <= 2100:
        raise FetchError(f"{what} {text!r}: expected FROM-TO with FROM <= TO, e.g. 2004-2020")
    return lo, hi


def xml_root(body: bytes, where: str, expected: str) -> ET.Element:
    """The root of an XML response page, or one error saying it is none (an HTML page served with
    status 200, a cut-off transfer) and that nothing of it was saved; ``expected`` names the response."""
    try:
        return ET.fromstring(body)
    except ET.ParseError as e:
        head = body[:60].decode("utf-8", "replace").strip()
        raise FetchError(f"{where}: not well-formed XML ({e}; starts {head!r}); expected {expected} - an HTML "
                         "page or a cut-off transfer; nothing of it was saved") from None


class Service:
    """One patent office's search service (see :mod:`.patentsview`, :mod:`.kipris`)."""

    source = ""
    ext = ""
    key_env = ""
    key_section = ""
    min_interval = 1.0
    #: Records the service lets one query reach (None: no documented cap).
    cap: int | None = None
    key = ""

    def secrets(self) -> list[str]:
        """What must never be shown: the key (and any secret or token the service uses)."""
        return [self.key]

    def by_year(self, year: int) -> str | None:
        """This query restricted to one year (None: the service has no cap to split for)."""
        return None

    def request(self, pages: list[dict[str, Any]]) -> Request:  # pragma: no cover - abstract
        raise NotImplementedError

    def parse(self, status: int, body: bytes, where: str) -> Parsed:  # pragma: no cover - abstract
        raise NotImplementedError

    page_size = 1

    def done(self, pages: list[dict[str, Any]], last: Parsed) -> bool:
        """The query is fetched: the last page was short, or the saved records reach the total."""
        records = sum(p["records"] for p in pages)
        return last.records < self.page_size or (last.total is not None and records >= last.total)


@dataclass
class FetchResult:
    """What a fetch did: the folder, pages and records saved, the query's hits and requests sent."""

    out: str
    source: str
    query: str
    pages: int
    records: int
    total: int | None
    requests: int
    complete: bool
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)


def run(service: Service, query: str, out: str | os.PathLike[str], *, http: Http, dry_run: bool = False,
        max_pages: int | None = None, progress: Callable[[int, int, int | None], None] | None = None) -> FetchResult:
    """Fetch every page of ``query`` into ``out``, resuming after the pages already saved there.

    ``progress(pages, records, total)`` is called after each saved page.  A folder whose
    manifest says the fetch is complete is read, not fetched again (no request is sent).
    """
    http.secrets = [*http.secrets, *service.secrets()]
    transport = getattr(service, "transport", None)
    if transport is not None:  # the service sends through its own client library
        http.send = transport
    if dry_run:
        req = service.request([])
        r = http.request(req.method, req.url, req.headers, req.data)
        parsed = service.parse(r.status, r.body, "page 1")
        over = service.cap is not None and parsed.total is not None and parsed.total > service.cap
        said = [f"beyond the {service.cap} hits one query can reach: give --years FROM-TO to split it by year"] \
            if over else []
        return FetchResult(str(out), service.source, query, 0, 0, parsed.total, http.requests, False, True, said)
    store = PageStore(out, service.source, query, service.ext)
    notes: list[str] = []
    total = store.pages[-1].get("total") if store.pages else None
    if store.pages and not store.complete:
        notes.append(f"resumed after page {len(store.pages)} ({store.records} records already saved)")
    while not store.complete:
        page = len(store.pages) + 1
        if max_pages is not None and page > max_pages:
            notes.append(f"stopped at --max-pages {max_pages}; run again without it to go on")
            break
        req = service.request(store.pages)
        where = f"{service.source} page {page}"
        try:
            r = http.request(req.method, req.url, req.headers, req.data)
            parsed = service.parse(r.status, r.body, where)
        except (FetchError, FetchStopped) as e:
            raise type(e)(redact(str(e), [*http.secrets, *service.secrets()])) from None
        total = parsed.total if parsed.total is not None else total
        if page == 1 and parsed.records == 0:
            if not store.pages:
                store.discard_if_empty()
            raise FetchError(f"{service.source}: the query found no hits ({query!r}); nothing saved")
        if service.cap is not None and total is not None and total > service.cap:
            store.discard_if_empty()
            raise CapExceeded(f"{service.source}: {total} hits, beyond the {service.cap} the service lets one query "
                              "reach; split the query (give --years FROM-TO to split it by year automatically)",
                              total, service.cap)
        if parsed.records == 0:  # the previous page was the last ...
            if total is not None and store.records < total:  # ... yet short of the service's own count
                raise FetchError(f"{where}: an empty page after {store.records} of the {total} hits the service "
                                 "counted; it stops short of its own total (an undocumented cap?), so the fetch is "
                                 "not complete: split the query (e.g. by year) and fetch each part")
            store.finish(total, "an empty page after the last")
            break
        store.save(r.body, records=parsed.records, total=total, request=req.record, cursor=parsed.cursor)
        if progress is not None:
            progress(len(store.pages), store.records, total)
        if service.done(store.pages, parsed):
            store.finish(total)
        elif total is not None and len(store.pages) > math.ceil(total / max(parsed.records, 1)) + 1:
            raise FetchError(f"{where}: more pages than {total} hits can fill; the service's paging misbehaves")
    return FetchResult(str(out), service.source, query, len(store.pages), store.records, total, http.requests,
                       store.complete, notes=notes)
