"""Query the patent offices' services and save every response page as received.

``netanalysis fetch SOURCE QUERY --out data/raw/NAME/`` (or :func:`fetch`) writes
``page-0001.json`` (or ``.xml``) … and ``fetch_manifest.jsonl`` (query, page, time,
sha256), resumes after the last saved page when run again, and sends no request at all
once the manifest says the fetch is complete.  ``netanalysis ingest data/raw/NAME/``
reads the folder.  Keys come from environment variables or the keys file
(:func:`netanalysis.fetch._store.get_key`), never from the command line, and are never
written to the folder or to messages.

Sources: ``patentsview`` (PatentSearch API, JSON), ``kipris`` (KIPRIS Plus, XML),
``lens`` (Lens patent API, JSON with applicants' residence and address), ``epo`` (EPO OPS
bibliographic search by CQL, XML, through python-epo-ops-client).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ._service import CapExceeded, FetchResult, Service, run, year_span
from ._store import MANIFEST, FetchError, FetchStopped, Http, get_key, manifest_source, manifest_summary
from .epo import EpoOps
from .kipris import Kipris
from .lens import Lens
from .patentsview import PatentsView

SOURCES: dict[str, type[Service]] = {"patentsview": PatentsView, "kipris": Kipris, "lens": Lens, "epo": EpoOps}


def fetch(
    source: str,
    query: str,
    out: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    base_url: str | None = None,
    page_size: int | None = None,
    max_pages: int | None = None,
    http: Http | None = None,
    progress: Callable[[int, int, int | None], None] | None = None,
    years: str | None = None,
) -> FetchResult:
    """Fetch every page of ``query`` from ``source`` into the folder ``out``.

    Parameters
    ----------
    source : {"patentsview", "kipris", "lens", "epo"}
        The service.
    query : str
        PatentSearch: the ``q`` JSON; KIPRIS Plus: an applicant name or customer number, or
        an item search ``applicant=…; ipc=…; years=FROM-TO`` (or the same as a JSON object;
        see :mod:`.kipris`); Lens: a query object (JSON) or a query string; EPO OPS: CQL.
    out : path
        The fetch folder (created; resumed when it holds this query's manifest).
    dry_run : bool
        Ask for the first page only and report the number of hits; save nothing.
    base_url : str, optional
        Another address of the service (a mirror, or a local test server).
    page_size : int, optional
        Records a page (default: PatentSearch 1000, KIPRIS Plus 500, Lens 100, EPO 100).
    max_pages : int, optional
        Stop after this many saved pages (resumable).
    http : Http, optional
        Rate limit and retry settings (default: the service's documented rate).
    progress : callable, optional
        ``progress(pages, records, total)`` after each saved page.
    years : str, optional
        ``FROM-TO``: when the query has more hits than the service lets one query reach
        (Lens 10,000, EPO OPS 2,000), fetch it as one query per year into ``out/YYYY/``
        (``ingest out/`` reads them all); the result's notes say so.  KIPRIS Plus documents
        no cap: its item search is split by application year at once when this is given.

    Returns
    -------
    FetchResult

    Raises
    ------
    FetchError
        Bad query, refused key, a page that is not the expected format, no hits.
    FetchStopped
        Quota or repeated server errors; the same call resumes.

    Examples
    --------
    >>> fetch("nowhere", "q", "out")
    Traceback (most recent call last):
    ...
    netanalysis.fetch._store.FetchError: unknown source 'nowhere'; expected one of epo, kipris, lens, patentsview
    """
    if source not in SOURCES:
        raise FetchError(f"unknown source {source!r}; expected one of {', '.join(sorted(SOURCES))}")
    cls = SOURCES[source]
    key = get_key(cls.key_env, cls.key_section)
    kwargs: dict = {}
    if base_url is not None:
        kwargs["base_url"] = base_url
    if page_size is not None:
        kwargs["page_size"] = page_size
    service = cls(query, key, **kwargs)  # type: ignore[call-arg]
    if http is None:
        http = Http(min_interval=cls.min_interval)
    span = year_span(years) if years else None
    if span is not None and service.cap is None and service.by_year(span[0]) is not None:
        # no documented cap to wait for: --years asks for one query per year at once
        return _by_year(source, query, service, span, out, http, f"fetched as one query per year {span[0]}-{span[1]} "
                        f"into {Path(out)}/YYYY/ (restricted by application year), as --years asks",
                        dry_run=dry_run, base_url=base_url, page_size=page_size, max_pages=max_pages,
                        progress=progress)
    try:
        return run(service, query, out, http=http, dry_run=dry_run, max_pages=max_pages, progress=progress)
    except CapExceeded as e:
        if span is None or service.by_year(span[0]) is None:
            raise
        return _by_year(source, query, service, span, out, http, f"{e.total} hits, beyond the {e.cap} one query can "
                        f"reach: fetched as one query per year {span[0]}-{span[1]} into {Path(out)}/YYYY/ "
                        "(restricted by publication year)", dry_run=dry_run, base_url=base_url,
                        page_size=page_size, max_pages=max_pages, progress=progress)


def _by_year(source: str, query: str, service: Service, span: tuple[int, int], out: str | os.PathLike[str], http: Http,
             note: str, **options: Any) -> FetchResult:
    """One fetch a year of ``span`` into ``out/YYYY/``, summed into one result whose notes say so."""
    sub = [fetch(source, str(service.by_year(y)), Path(out) / str(y), http=http, **options)
           for y in range(span[0], span[1] + 1)]
    return FetchResult(str(out), source, query, sum(r.pages for r in sub), sum(r.records for r in sub),
                       sum(r.total or 0 for r in sub), http.requests, all(r.complete for r in sub),
                       bool(options.get("dry_run")), [note, *(f"{Path(r.out).name}: {r.total} hits" for r in sub)])


__all__ = ["MANIFEST", "SOURCES", "FetchError", "FetchResult", "FetchStopped", "Http", "fetch", "manifest_source",
           "manifest_summary"]
