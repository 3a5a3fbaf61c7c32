"""KIPRIS Plus: patents and utility models by applicant (``applicantNameSearchInfo``), XML.

The request is the one whose responses the package's KIPRIS Plus XML reader takes
(``<response><header><resultCode/><resultMsg/></header><body><items><PatentUtilityInfo>…
<TotalSearchCount/><SearchStartNumber/></items></body></response>``):
``GET http://plus.kipris.or.kr/openapi/rest/patUtiModInfoSearchSevice/applicantNameSearchInfo``
with ``accessKey``, ``applicant`` (a name or a KIPRIS applicant customer number, 특허고객번호),
``docsStart``, ``docsCount`` (at most 500), ``patent=true``, ``utility=true``.

``docsStart`` is the 1-based number of the first *record*, not a page number: the
real responses recorded for the project's tests were fetched with docsStart 1, 2,
3, 4 and docsCount 500, and page k starts at page 1's k-th record (so they overlap
almost entirely).  Here page k asks for ``docsStart = 1 + (k - 1) * docsCount``.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from ._service import Parsed, Request, Service, check_status, xml_root
from ._store import FetchError, FetchStopped

BASE_URL = "http://plus.kipris.or.kr/openapi/rest/patUtiModInfoSearchSevice/applicantNameSearchInfo"
KEY_ENV = "KIPRIS_PLUS_KEY"
MAX_ROWS = 500


class Kipris(Service):
    """KIPRIS Plus search by applicant name or customer number (the query)."""

    source = "kipris"
    ext = "xml"
    key_env = KEY_ENV
    key_section = "kipris"
    min_interval = 0.5

    def __init__(self, query: str, key: str, *, base_url: str = BASE_URL, page_size: int = MAX_ROWS) -> None:
        if not query.strip():
            raise FetchError("query is empty; expected an applicant name or a KIPRIS applicant customer number")
        if not 1 <= page_size <= MAX_ROWS:
            raise FetchError(f"page size {page_size}: expected 1 to {MAX_ROWS}")
        self.query, self.key, self.base_url, self.page_size = query.strip(), key, base_url, page_size

    def _params(self, pages: list[dict[str, Any]]) -> dict[str, str]:
        start = 1 + sum(p["records"] for p in pages)
        return {"applicant": self.query, "docsStart": str(start), "docsCount": str(self.page_size),
                "patent": "true", "utility": "true"}

    def request(self, pages: list[dict[str, Any]]) -> Request:
        params = self._params(pages)
        url = self.base_url + "?" + urllib.parse.urlencode({"accessKey": self.key, **params})
        public = self.base_url + "?" + urllib.parse.urlencode(params)
        return Request("GET", url, {"Accept": "application/xml"}, None, {"url": public})

    def parse(self, status: int, body: bytes, where: str) -> Parsed:
        check_status(status, where)
        root = xml_root(body, where, "a KIPRIS Plus response")
        if root.tag.lower() == "html":
            raise FetchError(f"{where}: an HTML page, not a KIPRIS Plus response; nothing of it was saved")
        records = len(root.findall(".//PatentUtilityInfo"))
        code = (root.findtext(".//resultCode") or "").strip()
        msg = (root.findtext(".//resultMsg") or "").strip()
        if code not in ("", "00") and records == 0:
            # the service's own error (key, quota, parameters): stop, resumable, with its words
            raise FetchStopped(f"{where}: KIPRIS Plus answered resultCode={code!r} resultMsg={msg!r} "
                               f"(a refused or expired key, or the daily quota); check {KEY_ENV}, then run "
                               "the same command to resume")
        if root.tag != "response":
            raise FetchError(f"{where}: XML whose root is <{root.tag}>; expected a KIPRIS Plus <response>")
        total_text = (root.findtext(".//TotalSearchCount") or "").strip()
        total = int(total_text) if total_text.isdigit() else None
        return Parsed(records, total, None)

    def done(self, pages: list[dict[str, Any]], last: Parsed) -> bool:
        records = sum(p["records"] for p in pages)
        return last.records < self.page_size or (last.total is not None and records >= last.total)
