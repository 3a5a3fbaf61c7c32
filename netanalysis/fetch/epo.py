"""EPO Open Patent Services (OPS 3.2): bibliographic search by CQL, via python-epo-ops-client.

``python-epo-ops-client`` (Apache-2.0; optional extra ``netanalysis[fetch]``) does the OAuth
client-credentials token (``/3.2/auth/accesstoken``, renewed when it expires), the
``published-data/search/biblio`` request with the ``X-OPS-Range`` header, and the throttling
that honours OPS's ``X-Throttling-Control`` quota header; it raises
``IndividualQuotaPerHourExceeded`` / ``RegisteredQuotaPerWeekExceeded`` on a quota rejection
(403 with ``X-Rejection-Reason``).  This module pages it (ranges of at most 100) and saves
every response body as received.  A search reaches at most 2,000 results, so a larger
query is refused with the advice to split it (e.g. ``… and pd within "2010 2010"``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ._service import Parsed, Request, Service, check_page_size, check_status, xml_root
from ._store import FetchError, FetchStopped, Response, get_key

SERVICE_PREFIX = "https://ops.epo.org/3.2/rest-services"
KEY_ENV, SECRET_ENV = "EPO_OPS_KEY", "EPO_OPS_SECRET"
MAX_RANGE = 100
RESULT_CAP = 2000
_OPS = "{http://ops.epo.org}"


def _client(key: str, secret: str, base_url: str | None) -> Any:
    try:
        import epo_ops
    except ImportError:
        raise FetchError("EPO OPS needs python-epo-ops-client: pip install 'netanalysis[fetch]'") from None
    client = epo_ops.Client(key=key, secret=secret, accept_type="xml", raise_for_status=False)
    if base_url is not None:  # a mirror or a local test server laid out as ops.epo.org
        root = base_url.rstrip("/")
        client.__auth_url__ = f"{root}/3.2/auth/accesstoken"
        client.__service_url_prefix__ = f"{root}/3.2/rest-services"
    return client


class EpoOps(Service):
    """OPS bibliographic search; the query is CQL, e.g. ``pa=politecnico and pd within "2004 2020"``."""

    source = "epo"
    ext = "xml"
    key_env = KEY_ENV
    key_section = "epo"
    min_interval = 0.0  # the client's Throttler waits as OPS's X-Throttling-Control says
    cap = RESULT_CAP

    def __init__(self, query: str, key: str, *, base_url: str | None = None, page_size: int = MAX_RANGE,
                 secret: str | None = None, client: Any = None) -> None:
        if not query.strip():
            raise FetchError("query is empty; expected CQL, e.g. 'pa=politecnico and pd within \"2004 2020\"'")
        check_page_size(page_size, MAX_RANGE, " (an OPS range)")
        self.query, self.key, self.page_size = query.strip(), key, page_size
        self.secret = secret if secret is not None else get_key(SECRET_ENV, "epo", "secret")
        self.client = client if client is not None else _client(key, self.secret, base_url)
        self.url = f"{self.client.__service_url_prefix__}/published-data/search/biblio"

    def by_year(self, year: int) -> str:
        """The CQL restricted to publications of ``year`` (``pd within "Y Y"``)."""
        return f'({self.query}) and pd within "{year} {year}"'

    def secrets(self) -> list[str]:
        token = getattr(getattr(self.client, "_access_token", None), "token", None)
        return [self.key, self.secret, *([token] if token else [])]

    def request(self, pages: list[dict[str, Any]]) -> Request:
        begin = 1 + sum(p["records"] for p in pages)
        rng = f"{begin}-{begin + self.page_size - 1}"
        record = {"url": self.url, "q": self.query, "X-OPS-Range": rng}
        return Request("POST", f"{self.url}?range={rng}", {}, None, record)

    def transport(self, method: str, url: str, headers: Mapping[str, str], data: bytes | None,
                  timeout: float) -> Response:
        """Send through the client: ``url`` carries the range this module asked for."""
        import requests

        begin, end = parse_qs(urlsplit(url).query)["range"][0].split("-")
        try:
            r = self.client.published_data_search(self.query, int(begin), int(end), constituents=["biblio"])
        except requests.HTTPError as e:  # token refused, or a quota rejection
            r = e.response
            if r is None:
                raise OSError(str(e)) from None
            if "quota" in type(e).__name__.lower():
                raise FetchStopped(f"EPO OPS quota exceeded ({type(e).__name__}: "
                                   f"{r.headers.get('X-Rejection-Reason', '')}); resume after the quota resets "
                                   "by running the same command") from None
        return Response(r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.content)

    def parse(self, status: int, body: bytes, where: str) -> Parsed:
        if status in (400, 401, 403):
            text = body[:300].decode("utf-8", "replace")
            msg = re.search(r"<message>(.*?)</message>", text)
            why = msg.group(1) if msg else text.strip()[:120]
            if status == 400 and "invalid_client" not in text.lower():
                raise FetchError(f"{where}: EPO OPS refused the query (HTTP 400: {why})")
            raise FetchError(f"{where}: EPO OPS refused the key (HTTP {status}: {why}); check {KEY_ENV} and "
                             f"{SECRET_ENV}")
        if status == 404:  # OPS answers 404 (SERVER.EntityNotFound) when nothing matches
            return Parsed(0, 0)
        check_status(status, where)
        root = xml_root(body, where, "an OPS world-patent-data response")
        search = root.find(f"{_OPS}biblio-search")
        if root.tag != f"{_OPS}world-patent-data" or search is None:
            raise FetchError(f"{where}: XML <{root.tag}> without ops:biblio-search; expected an OPS search response")
        total_text = search.get("total-result-count", "")
        records = len(root.findall(".//{http://www.epo.org/exchange}exchange-document"))
        return Parsed(records, int(total_text) if total_text.isdigit() else None)
