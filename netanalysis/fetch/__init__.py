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

from ._service import FetchResult, Service, run
from ._store import MANIFEST, FetchError, FetchStopped, Http, get_key, manifest_source
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
) -> FetchResult:
    """Fetch every page of ``query`` from ``source`` into the folder ``out``.

    Parameters
    ----------
    source : {"patentsview", "kipris", "lens", "epo"}
        The service.
    query : str
        PatentSearch: the ``q`` JSON; KIPRIS Plus: an applicant name or customer number;
        Lens: a query object (JSON) or a query string; EPO OPS: CQL.
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
    return run(service, query, out, http=http, dry_run=dry_run, max_pages=max_pages, progress=progress)


__all__ = ["MANIFEST", "SOURCES", "FetchError", "FetchResult", "FetchStopped", "Http", "fetch", "manifest_source"]
