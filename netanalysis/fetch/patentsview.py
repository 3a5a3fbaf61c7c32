"""PatentsView PatentSearch API (``GET /api/v1/patent/``): JSON pages by cursor.

Documented API (search.patentsview.org, "Search API Reference"): the header
``X-Api-Key``; parameters ``q`` (the query, JSON), ``f`` (fields, JSON list), ``s``
(sort, JSON) and ``o`` (options, JSON: ``size`` up to 1000 and ``after``, the sort value
of the last record of the previous page); 45 requests a minute per key, beyond which
the service answers 429 with ``Retry-After``.  Responses are
``{"error", "count", "total_hits", "patents": [...]}`` (as in the recorded responses of
R's patentsview package).  Pages are sorted by ``patent_id`` ascending, so the next
page's ``after`` is the last ``patent_id`` of the saved page, kept in the manifest (whose
pages are checked against their sha256 on resume).
"""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from ._service import Parsed, Request, Service, check_page_size, check_status, json_body
from ._store import FetchError, FetchStopped

BASE_URL = "https://search.patentsview.org/api/v1/patent/"
KEY_ENV = "PATENTSVIEW_API_KEY"
#: Top-level field groups, as in the recorded all-fields request; the reader needs these.
FIELDS = ["patent_id", "patent_title", "patent_date", "application", "assignees", "inventors"]
MAX_SIZE = 1000


class PatentsView(Service):
    """The PatentSearch API's patent endpoint.  The query is the ``q`` JSON, e.g.
    ``{"_and":[{"_gte":{"patent_date":"2010-01-01"}},{"assignees.assignee_state":"CA"}]}``."""

    source = "patentsview"
    ext = "json"
    key_env = KEY_ENV
    key_section = "patentsview"
    min_interval = 60 / 45  # the documented 45 requests a minute

    def __init__(self, query: str, key: str, *, base_url: str = BASE_URL, page_size: int = MAX_SIZE) -> None:
        try:
            q = json.loads(query)
        except json.JSONDecodeError as e:
            raise FetchError(f"query is not JSON ({e.msg} at character {e.pos}); expected a PatentSearch q, "
                             "e.g. '{\"_gte\":{\"patent_date\":\"2010-01-01\"}}'") from None
        if not isinstance(q, dict) or not q:
            raise FetchError("query must be a non-empty JSON object (a PatentSearch q)")
        check_page_size(page_size, MAX_SIZE)
        self.q, self.key, self.base_url, self.page_size = q, key, base_url, page_size

    def request(self, pages: list[dict[str, Any]]) -> Request:
        o: dict[str, Any] = {"size": self.page_size}
        if pages:
            o["after"] = pages[-1]["cursor"]
        params = {"q": json.dumps(self.q, separators=(",", ":")), "f": json.dumps(FIELDS, separators=(",", ":")),
                  "s": json.dumps([{"patent_id": "asc"}], separators=(",", ":")),
                  "o": json.dumps(o, separators=(",", ":"))}
        url = self.base_url + "?" + urllib.parse.urlencode(params)
        return Request("GET", url, {"X-Api-Key": self.key, "Accept": "application/json"}, None, {"url": url})

    def parse(self, status: int, body: bytes, where: str) -> Parsed:
        if status in (401, 403):
            raise FetchError(f"{where}: the key was refused (HTTP {status}); check {KEY_ENV} (expired or wrong key)")
        doc = json_body(body, where, "a PatentSearch response") if body.strip() else None
        if status == 400:
            detail = doc.get("detail") if isinstance(doc, dict) else None
            raise FetchError(f"{where}: the service refused the query (HTTP 400{': ' + str(detail) if detail else ''})")
        check_status(status, where)
        if doc is None:
            raise FetchStopped(f"{where}: empty response body (HTTP {status}); run the same command to resume")
        if not isinstance(doc, dict) or not isinstance(doc.get("patents", []), list):
            raise FetchError(f"{where}: JSON without a 'patents' list; expected a PatentSearch response")
        if doc.get("error") not in (False, None):
            raise FetchError(f"{where}: the service reports an error: {str(doc.get('error'))[:200]}")
        patents = doc.get("patents") or []
        total = doc.get("total_hits")
        cursor = patents[-1].get("patent_id") if patents and isinstance(patents[-1], dict) else None
        if patents and cursor is None:
            raise FetchError(f"{where}: the last record has no patent_id, so the next page cannot be asked for")
        return Parsed(len(patents), total if isinstance(total, int) else None, cursor)
