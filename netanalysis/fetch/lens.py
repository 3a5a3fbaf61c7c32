"""Lens patent API (``POST https://api.lens.org/patent/search``): JSON pages by offset.

Documented API (docs.api.lens.org, source github cambialens/lens-api-doc: getting-started,
request-patent, response-patent): header ``Authorization: Bearer TOKEN``; a JSON body with
``query`` (the Elasticsearch-style query object, or a query string), ``size``, ``from``,
``sort`` and ``include``; responses ``{"total", "max_score", "data": [...], "results"}``;
429 when over the plan's rate, with ``x-rate-limit-retry-after-seconds``; 404 for an empty
result.  Offset paging (``from``/``size``) is used, not the scroll cursor, because a
scroll_id lives one minute and so cannot resume a run stopped by a quota or a crash; the
documented limit of offset paging is 10,000 records, so a larger query is refused with
the advice to split it (e.g. by year).  The sort ``date_published`` then ``lens_id`` makes
the order, and so each page, reproducible.
"""

from __future__ import annotations

import json
from typing import Any

from ._service import Parsed, Request, Service, check_page_size, check_status, json_body
from ._store import FetchError

BASE_URL = "https://api.lens.org/patent/search"
KEY_ENV = "LENS_API_TOKEN"
#: Fields the reader needs: ids, dates and the bibliographic data (parties with residence and address).
INCLUDE = ["lens_id", "jurisdiction", "doc_number", "kind", "date_published", "biblio"]
OFFSET_CAP = 10_000
PAGE_SIZE = 100  # the smallest documented plan maximum (100-500 records a request)


class Lens(Service):
    """The Lens patent search.  The query is a JSON query object, e.g.
    ``{"bool":{"must":[{"match":{"applicant.name":"university"}},{"term":{"year_published":2015}}]}}``,
    or a query string such as ``applicant.name:"Politecnico di Milano"``."""

    source = "lens"
    ext = "json"
    key_env = KEY_ENV
    key_section = "lens"
    min_interval = 1.0
    cap = OFFSET_CAP

    def __init__(self, query: str, key: str, *, base_url: str = BASE_URL, page_size: int = PAGE_SIZE) -> None:
        text = query.strip()
        if not text:
            raise FetchError("query is empty; expected a Lens query object (JSON) or a query string")
        try:
            parsed: Any = json.loads(text)
        except json.JSONDecodeError:
            parsed = text  # a query string
        if not isinstance(parsed, (dict, str)):
            raise FetchError("query must be a JSON object or a query string")
        check_page_size(page_size, 1000, " (your Lens plan sets the maximum)")
        self.q, self.key, self.base_url, self.page_size = parsed, key, base_url, page_size

    def by_year(self, year: int) -> str:
        """The query and ``year_published`` = ``year`` (a documented field)."""
        q = {"query_string": {"query": self.q}} if isinstance(self.q, str) else self.q
        return json.dumps({"bool": {"must": [q, {"term": {"year_published": year}}]}}, ensure_ascii=False,
                          sort_keys=True)

    def request(self, pages: list[dict[str, Any]]) -> Request:
        body = {"query": self.q, "size": self.page_size, "from": sum(p["records"] for p in pages),
                "sort": [{"date_published": "asc"}, {"lens_id": "asc"}], "include": INCLUDE}
        data = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        headers = {"Authorization": f"Bearer {self.key}", "Content-Type": "application/json",
                   "Accept": "application/json"}
        return Request("POST", self.base_url, headers, data, {"url": self.base_url, "body": body})

    def parse(self, status: int, body: bytes, where: str) -> Parsed:
        if status in (401, 403):
            raise FetchError(f"{where}: the token was refused (HTTP {status}); check {KEY_ENV} (expired or wrong)")
        if status == 404:  # documented: an empty result for the query
            return Parsed(0, None)
        if status in (400, 415):
            head = body[:200].decode("utf-8", "replace")
            raise FetchError(f"{where}: the service refused the request (HTTP {status}: {head})")
        check_status(status, where)
        doc = json_body(body, where, "a Lens response")
        if not isinstance(doc, dict) or not isinstance(doc.get("data", []), list):
            raise FetchError(f"{where}: JSON without a 'data' list; expected a Lens patent search response")
        total = doc.get("total")
        return Parsed(len(doc.get("data") or []), total if isinstance(total, int) else None)
