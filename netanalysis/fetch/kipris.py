"""KIPRIS Plus patents and utility models, XML: by applicant, or by applicant, IPC and years.

Two documented operations of the patent/utility-model service (특허·실용 공개·등록공보), chosen
by the query:

**An applicant name or customer number** (특허고객번호), e.g. ``120080091393`` or
``경북대학교 산학협력단``: ``applicantNameSearchInfo``, the request whose responses the package's
KIPRIS Plus XML reader was first written for
(``<response><header><resultCode/><resultMsg/></header><body><items><PatentUtilityInfo>…
<TotalSearchCount/><SearchStartNumber/></items></body></response>``):
``GET http://plus.kipris.or.kr/openapi/rest/patUtiModInfoSearchSevice/applicantNameSearchInfo``
with ``accessKey``, ``applicant``, ``docsStart``, ``docsCount`` (at most 500), ``patent=true``,
``utility=true``.  ``docsStart`` is the 1-based number of the first *record*, not a page
number: the real responses recorded for the project's tests were fetched with docsStart
1, 2, 3, 4 and docsCount 500, and page k starts at page 1's k-th record (so they overlap
almost entirely).  Here page k asks for ``docsStart = 1 + (k - 1) * docsCount``.

**An item search** (항목별 검색), fields as ``key=value`` pairs separated by ``;`` or as a JSON
object (keys ``applicant``, ``ipc``, ``years``; at least ``applicant`` or ``ipc``)::

    applicant=경북대학교 산학협력단; years=2004-2020
    ipc=H01M; years=2015
    {"applicant": "120080091393", "ipc": "G06F", "years": "2010-2012"}

``GET http://plus.kipris.or.kr/kipo-api/kipi/patUtiModInfoSearchSevice/getAdvancedSearch``
with ``ServiceKey``, ``applicant`` (a name or customer number), ``ipcNumber``,
``applicationDate=YYYYMMDD~YYYYMMDD`` (``years=2004-2020`` sends ``20040101~20201231``),
``patent=true``, ``utility=true``, ``sortSpec=AD`` (application date), ``descSort=false``,
``pageNo`` (1-based page number) and ``numOfRows``; the response is
``<response><header><successYN/><resultCode/><resultMsg/></header><body><items><item>…
</item></items></body><count><numOfRows/><pageNo/><totalCount/></count></response>`` with
``applicationNumber``, ``applicationDate``, ``applicantName``, ``inventionTitle``,
``ipcNumber``, ``registerDate`` … in each ``<item>`` (read by the same XML reader).  The
operation, its parameters and the response shape are as documented in the KIPRIS Plus
service's item list (data.go.kr 15065437: 발명의명칭, IPC코드, 출원일자, 출원인명,
특허고객번호, …, 페이지번호, 페이지당건수, 정렬기준, 정렬방식) and as used by public clients
(``ServiceKey``, ``ipcNumber``, ``applicationDate`` as ``FROM~TO``); no live response was
recorded here.

**No search by applicant address.**  The documented search items have no address field, so
``address=`` is refused with the reason: fetch a region by its applicants, or use a KIPRIS
web export with 출원인주소 (whose reader derives regions from the addresses).

KIPRIS Plus documents no maximum number of records one query can reach, so a query is not
split by itself; with ``--years FROM-TO`` an item search is fetched as one query per
application year into ``OUT/YYYY/``.  A service that stops short of its own ``totalCount``
is never taken for complete (see :func:`._service.run`).
"""

from __future__ import annotations

import json
import re
import urllib.parse
from typing import Any

from ._service import Parsed, Request, Service, check_page_size, check_status, xml_root, year_span
from ._store import FetchError, FetchStopped

BASE_URL = "http://plus.kipris.or.kr/openapi/rest/patUtiModInfoSearchSevice/applicantNameSearchInfo"
ADVANCED_URL = "http://plus.kipris.or.kr/kipo-api/kipi/patUtiModInfoSearchSevice/getAdvancedSearch"
KEY_ENV = "KIPRIS_PLUS_KEY"
MAX_ROWS = 500
#: Keys of an item search and the service's parameter for each (``years`` becomes ``applicationDate``).
FIELDS = {"applicant": "applicant", "ipc": "ipcNumber", "years": "applicationDate"}
_KEY_VALUE = re.compile(r"^\s*(\w+)\s*=")
_NO_ADDRESS = ("KIPRIS Plus cannot search by applicant address: the documented items of its search "
               "(getAdvancedSearch) are title, abstract, claims, IPC, numbers, dates, applicant name or customer "
               "number, inventor, agent and right holder, no address. Fetch the region's applicants by name "
               "(applicant=…; one folder each), or export from the KIPRIS web search with 출원인주소 and ingest "
               "that file (its addresses give the regions)")


def parse_query(text: str) -> dict[str, str] | None:
    """The fields of an item search, or None for a plain applicant name or customer number.

    Examples
    --------
    >>> parse_query("applicant=경북대학교 산학협력단; years=2004-2020")
    {'applicant': '경북대학교 산학협력단', 'years': '2004-2020'}
    >>> parse_query('{"ipc": "H01M", "years": 2015}')
    {'ipc': 'H01M', 'years': '2015'}
    >>> parse_query("120080091393") is None
    True
    """
    s = text.strip()
    if s.startswith("{"):
        try:
            doc = json.loads(s)
        except json.JSONDecodeError as e:
            raise FetchError(f"query is not JSON ({e.msg} at character {e.pos}); expected an object such as "
                             '{"applicant": "경북대학교 산학협력단", "years": "2004-2020"}') from None
        if not isinstance(doc, dict) or not all(isinstance(v, (str, int)) for v in doc.values()):
            raise FetchError("query must be a JSON object of text or year values, e.g. "
                             '{"applicant": "경북대학교 산학협력단", "years": "2004-2020"}')
        fields = {str(k).strip().lower(): str(v).strip() for k, v in doc.items()}
    elif _KEY_VALUE.match(s):
        fields = {}
        for part in filter(None, (p.strip() for p in s.split(";"))):
            key, eq, value = part.partition("=")
            if not eq:
                raise FetchError(f"query part {part!r} is not key=value; separate the fields with ';', e.g. "
                                 "'applicant=경북대학교 산학협력단; years=2004-2020'")
            fields[key.strip().lower()] = value.strip()
    else:
        return None
    if "address" in fields:
        raise FetchError(_NO_ADDRESS)
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise FetchError(f"unknown query field(s) {', '.join(unknown)}; expected {', '.join(FIELDS)}")
    empty = sorted(k for k, v in fields.items() if not v)
    if empty:
        raise FetchError(f"query field(s) {', '.join(empty)} empty; give a value or leave the field out")
    if not ({"applicant", "ipc"} & set(fields)):
        raise FetchError("an item search needs applicant= or ipc= (years= alone would ask for every Korean "
                         "patent and utility model filed in those years)")
    if "years" in fields:
        year_span(fields["years"], "years=")
    return fields


class Kipris(Service):
    """KIPRIS Plus search by applicant name or customer number, or by applicant, IPC and years."""

    source = "kipris"
    ext = "xml"
    key_env = KEY_ENV
    key_section = "kipris"
    min_interval = 0.5

    def __init__(self, query: str, key: str, *, base_url: str | None = None, page_size: int = MAX_ROWS) -> None:
        if not query.strip():
            raise FetchError("query is empty; expected an applicant name, a KIPRIS applicant customer number, or "
                             "fields such as 'applicant=…; ipc=…; years=2004-2020'")
        check_page_size(page_size, MAX_ROWS)
        self.query, self.key, self.page_size = query.strip(), key, page_size
        self.fields = parse_query(self.query)
        self.base_url = base_url or (BASE_URL if self.fields is None else ADVANCED_URL)

    def by_year(self, year: int) -> str | None:
        """An item search restricted to applications filed in ``year`` (None for an applicant-name search,
        whose operation takes no dates).

        Examples
        --------
        >>> Kipris("applicant=경북대학교 산학협력단; years=2004-2020", "k").by_year(2010)
        '{"applicant": "경북대학교 산학협력단", "years": "2010"}'
        """
        if self.fields is None:
            return None
        return json.dumps({**self.fields, "years": str(year)}, ensure_ascii=False, sort_keys=True)

    def _params(self, pages: list[dict[str, Any]]) -> dict[str, str]:
        if self.fields is None:
            start = 1 + sum(p["records"] for p in pages)
            return {"applicant": self.query, "docsStart": str(start), "docsCount": str(self.page_size),
                    "patent": "true", "utility": "true"}
        if sum(p["records"] for p in pages) != len(pages) * self.page_size:
            raise FetchError(f"the saved pages were not fetched {self.page_size} records a page; resume with the "
                             "--page-size of the first run")
        params = {FIELDS[k]: v for k, v in self.fields.items() if k != "years"}
        if "years" in self.fields:
            lo, hi = year_span(self.fields["years"], "years=")
            params["applicationDate"] = f"{lo}0101~{hi}1231"
        return {**params, "patent": "true", "utility": "true", "sortSpec": "AD", "descSort": "false",
                "pageNo": str(len(pages) + 1), "numOfRows": str(self.page_size)}

    def request(self, pages: list[dict[str, Any]]) -> Request:
        params = self._params(pages)
        key_name = "accessKey" if self.fields is None else "ServiceKey"
        url = self.base_url + "?" + urllib.parse.urlencode({key_name: self.key, **params})
        public = self.base_url + "?" + urllib.parse.urlencode(params)
        return Request("GET", url, {"Accept": "application/xml"}, None, {"url": public})

    def parse(self, status: int, body: bytes, where: str) -> Parsed:
        check_status(status, where)
        root = xml_root(body, where, "a KIPRIS Plus response")
        if root.tag.lower() == "html":
            raise FetchError(f"{where}: an HTML page, not a KIPRIS Plus response; nothing of it was saved")
        if self.fields is None:
            records, total_text = len(root.findall(".//PatentUtilityInfo")), root.findtext(".//TotalSearchCount")
        else:
            records, total_text = len(root.findall("./body/items/item")), root.findtext("./count/totalCount")
        code = (root.findtext(".//resultCode") or "").strip()
        msg = (root.findtext(".//resultMsg") or "").strip()
        failed = (root.findtext(".//successYN") or "").strip().upper() == "N"
        if (failed or code not in ("", "00")) and records == 0:
            # the service's own error (key, quota, parameters): stop, resumable, with its words
            raise FetchStopped(f"{where}: KIPRIS Plus answered resultCode={code!r} resultMsg={msg!r} "
                               f"(a refused or expired key, an operation the key is not registered for, or the "
                               f"quota); check {KEY_ENV}, then run the same command to resume")
        if root.tag != "response":
            raise FetchError(f"{where}: XML whose root is <{root.tag}>; expected a KIPRIS Plus <response>")
        total_text = (total_text or "").strip()
        return Parsed(records, int(total_text) if total_text.isdigit() else None, None)
