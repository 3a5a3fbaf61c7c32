"""Readers for PatentsView: the bulk download tables and PatentSearch API JSON."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._allocator import with_ingest_allocator
from .._errors import IngestError
from .._limits import check_file_size, limits
from ._inventors import RAW_COLUMNS, inventors_table, kept_inventors
from ._pipeline import applications_from_mentions
from ._result import IngestResult
from .patstat import NativeResult

BULK_TABLES = ("g_patent", "g_application", "g_assignee_disambiguated", "g_location_disambiguated")
# PatentsView assignee_type codes: 2/3 a US/foreign company or corporation (universities and
# institutes file so too: an organisation, whose kind the name tells), 4/5 a US/foreign individual,
# 6/7/8/9 the US federal, a foreign, a county or a state government (state universities and
# national laboratories among them: a public body, whose kind the name tells); a leading 1 marks
# a part interest (12, 13 …) and the same kind
_TYPE_HINT = {"2": "organisation", "3": "organisation", "4": "individual", "5": "individual", "6": "public",
              "7": "public", "8": "public", "9": "public"}
_TYPE_HINT.update({"1" + k: v for k, v in list(_TYPE_HINT.items())})
_REQUIRED = {
    "g_patent": ("patent_id", "patent_date"),
    "g_application": ("patent_id", "filing_date"),
    "g_assignee_disambiguated": (
        "patent_id", "assignee_sequence", "disambig_assignee_organization",
        "disambig_assignee_individual_name_first", "disambig_assignee_individual_name_last",
        "location_id",
    ),
    "g_location_disambiguated": ("location_id", "disambig_country"),
}


def _bulk_paths(source: str | os.PathLike | Mapping[str, str | os.PathLike]) -> dict[str, Path]:
    if isinstance(source, Mapping):
        paths = {k: Path(v) for k, v in source.items()}
    else:
        d = Path(source)
        if not d.is_dir():
            raise IngestError("expected a folder holding the PatentsView g_*.tsv tables", path=str(d))
        paths = {}
        for name in BULK_TABLES:
            hits = sorted(d.glob(f"{name}.tsv*")) + sorted(d.glob(f"{name}.parquet"))
            if hits:
                paths[name] = hits[0]
    missing = [n for n in BULK_TABLES if n not in paths]
    if missing:
        raise IngestError(
            f"missing PatentsView table(s) {missing}; expected {', '.join(BULK_TABLES)} "
            "(.tsv, .tsv.zip or .parquet)",
            path=str(source),
        )
    return paths


def _read_bulk(name: str, path: Path) -> pd.DataFrame:
    if not path.exists():
        raise IngestError("no such file; check the path", path=str(path))
    check_file_size(path)  # a .tsv.zip may inflate far beyond its size
    try:
        if path.suffix == ".parquet":
            df = pd.read_parquet(path)
        else:
            df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3,
                             encoding="utf-8", encoding_errors="strict")
    except (UnicodeDecodeError, pd.errors.ParserError, OSError, ValueError) as e:
        raise IngestError(f"cannot read {name} as a tab-separated table ({e})", path=str(path)) from e
    lacking = [c for c in _REQUIRED[name] if c not in df.columns]
    if lacking:
        raise IngestError(
            f"{name} lacks column(s) {lacking}; expected the documented PatentsView columns",
            path=str(path), column=lacking[0],
        )
    return df.astype(str)


@with_ingest_allocator
def read_patentsview(
    source: str | os.PathLike | Mapping[str, str | os.PathLike],
    *,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
) -> IngestResult:
    """Read the PatentsView bulk tables and join them on their documented keys.

    Parameters
    ----------
    source : folder or mapping
        A folder with ``g_patent``, ``g_application``, ``g_assignee_disambiguated`` and
        ``g_location_disambiguated`` (``.tsv``, ``.tsv.zip`` or ``.parquet``), or a mapping
        from those names to paths.
    aliases : DataFrame or path, optional
        The user's alias/override table (see :func:`netanalysis.entities.load_alias_table`).
    firm_sizes : DataFrame or path, optional
        The user's firm-size table (``applicant_id``, ``size`` = large | sme).

    Returns
    -------
    IngestResult

    Notes
    -----
    One raw row is one row of ``g_assignee_disambiguated`` (patent × assignee), with
    ``source_row`` its 1-based data-row number.  Joins: assignee → patent and application
    on ``patent_id``; assignee → location on ``location_id``.  ``year`` is the filing year
    (``g_application.filing_date``), ``grant_year`` the grant year
    (``g_patent.patent_date``).  Country comes from the disambiguated location, the region
    from its state (``US-CA``; a state or province of another country where ISO 3166-2
    knows it).  Individuals (assignee types 4, 5) and
    governments (6–9) take their type from the source (``type_reason = source:individual``,
    ``source:government``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "g_patent.tsv").write_text("patent_id\\tpatent_date\\n1\\t2012-05-01\\n")
    >>> _ = (d / "g_application.tsv").write_text("patent_id\\tfiling_date\\n1\\t2010-02-03\\n")
    >>> _ = (d / "g_assignee_disambiguated.tsv").write_text(
    ...     "patent_id\\tassignee_sequence\\tdisambig_assignee_organization\\tdisambig_assignee_individual_name_first"
    ...     "\\tdisambig_assignee_individual_name_last\\tlocation_id\\n"
    ...     "1\\t0\\tACME INC\\t\\t\\tL1\\n1\\t1\\tUNIVERSITY OF X\\t\\t\\tL1\\n")
    >>> _ = (d / "g_location_disambiguated.tsv").write_text("location_id\\tdisambig_country\\nL1\\tUS\\n")
    >>> read_patentsview(d).applications[["applicant_id", "year", "country"]].values.tolist()
    [['ACME', 2010, 'US'], ['UNIVERSITY OF X', 2010, 'US']]
    """
    paths = _bulk_paths(source)
    t = {name: _read_bulk(name, paths[name]) for name in BULK_TABLES}
    a = t["g_assignee_disambiguated"].copy()
    a.index = pd.RangeIndex(1, len(a) + 1, name="source_row")
    pat = t["g_patent"].drop_duplicates("patent_id").set_index("patent_id")
    app = t["g_application"].drop_duplicates("patent_id").set_index("patent_id")
    loc = t["g_location_disambiguated"].drop_duplicates("location_id").set_index("location_id")
    org = a["disambig_assignee_organization"].str.strip()
    person = (a["disambig_assignee_individual_name_first"].str.strip() + " "
              + a["disambig_assignee_individual_name_last"].str.strip()).str.strip()
    mentions = pd.DataFrame(
        {
            "source_file": str(paths["g_assignee_disambiguated"]),
            "patent_id": a["patent_id"],
            "date_raw": a["patent_id"].map(app["filing_date"]),
            "grant_raw": a["patent_id"].map(pat["patent_date"]),
            "title": a["patent_id"].map(pat["patent_title"]) if "patent_title" in pat else pd.NA,
            "applicant_raw": org.where(org != "", person).mask(lambda s: s == ""),
            "applicant_seq": pd.to_numeric(a["assignee_sequence"], errors="coerce"),
            "country_hint": a["location_id"].map(loc["disambig_country"]),
            "region_hint": (a["location_id"].map(loc["disambig_state"]) if "disambig_state" in loc
                            else pd.NA),
            "type_hint": a["assignee_type"].map(_TYPE_HINT) if "assignee_type" in a else pd.NA,
        },
        index=a.index,
    ).reset_index()
    no_app = mentions["date_raw"].isna()
    mentions.loc[no_app, "date_raw"] = ""  # rejected: no filing date for this patent
    return applications_from_mentions(
        mentions, reader="patentsview_bulk", source_files=[str(p) for p in paths.values()],
        encoding="utf-8", aliases=aliases, firm_sizes=firm_sizes, layout="long",
    )


def _scalar(x) -> str | None:
    """A JSON value as stripped text; lists, objects and empty values become None."""
    if isinstance(x, bool) or x is None or isinstance(x, (list, dict)):
        return None
    text = str(x).strip()
    return text or None


#: Digits of a JSON number; more is no year, id or count.
MAX_JSON_DIGITS = 30


def _inventors(raw: Any) -> str | None:
    """``"First Last; …"`` from the API's nested ``inventors`` (``None`` when it has none)."""
    people = [p for p in raw if isinstance(p, Mapping)] if isinstance(raw, list) else []
    names = [" ".join(x for x in (_scalar(p.get("inventor_name_first")), _scalar(p.get("inventor_name_last"))) if x)
             for p in people]
    return "; ".join(n for n in names if n) or None


def _inventor_rows(raw: Any, record: dict[str, Any]) -> list[tuple[Any, ...]]:
    """One :data:`._inventors.RAW_COLUMNS` row per inventor of a patent record: name, the API's
    ``inventor_id``, position, "city, state, country", country and state."""
    people = [p for p in raw if isinstance(p, Mapping)] if isinstance(raw, list) else []
    rows = []
    for k, p in enumerate(people, start=1):
        name = " ".join(x for x in (_scalar(p.get("inventor_name_first")), _scalar(p.get("inventor_name_last"))) if x)
        place = [_scalar(p.get(f"inventor_{f}")) for f in ("city", "state", "country")]
        rows.append((record["source_file"], record["source_row"], record["patent_id"], _scalar(p.get("inventor_id")),
                     name or None, k, ", ".join(x for x in place if x) or None, place[2], place[1]))
    return rows


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) < len(keys):
        dup = next(k for k in keys if keys.count(k) > 1)
        raise ValueError(f"key {dup!r} appears twice in one object (the second would silently replace the first)")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value (a NaN or infinite number cannot be an id, year or count)")


def _number(text: str) -> Any:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise ValueError(f"a number of {len(text)} digits; expected at most {MAX_JSON_DIGITS}")
    if text.lstrip("-").isdigit():
        return int(text)
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text} overflows a float")
    return value


#: A JSON string; never starting at a quote after a backslash (outside strings JSON has none): an
#: unterminated ``"\"\"\"…`` was rescanned from every quote, quadratic (16 s at 40 KB)
_JSON_STRING = re.compile(r'(?<!\\)"(?:[^"\\]|\\.)*"')


def _json_depth(text: str) -> int:
    """Deepest bracket nesting outside strings (vectorised: strings removed, then a cumsum)."""
    bare = np.frombuffer(_JSON_STRING.sub("", text).encode("utf-8", "replace"), dtype=np.uint8)
    step = np.isin(bare, (91, 123)).astype(np.int32) - np.isin(bare, (93, 125)).astype(np.int32)
    return int(step.cumsum().max()) if len(step) else 0


def load_json_text(text: str, where: str) -> Any:
    """Parse JSON strictly: no duplicate keys, no NaN/Infinity, bounded numbers and depth.

    Raises
    ------
    IngestError
        Naming ``where`` and what was expected.
    """
    depth = limits().json_depth  # PatentSearch responses nest 4 levels
    if _json_depth(text) > depth:
        raise IngestError(f"JSON nested deeper than {depth} levels, over the json_depth limit; expected a "
                          "PatentSearch response (raise it with --limit json_depth=N)", path=where)
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant,
                          parse_int=_number, parse_float=_number)
    except json.JSONDecodeError as e:
        raise IngestError(f"not valid JSON ({e}); expected a PatentSearch response", path=where) from e
    except (ValueError, RecursionError) as e:
        raise IngestError(f"JSON refused: {e}; expected a PatentSearch response", path=where) from e


def _json_file(path: Path) -> Any:
    check_file_size(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is not an error
    except UnicodeDecodeError as e:
        raise IngestError(f"not UTF-8 JSON ({e}); expected a PatentSearch response", path=str(path)) from e
    return load_json_text(text, str(path))


def is_cassette(path: Path) -> bool:
    """True for a YAML HTTP recording (``http_interactions``) of PatentSearch responses."""
    if path.suffix.lower() not in (".yml", ".yaml") or not path.is_file():
        return False
    head = path.read_bytes()[:65536]
    return b"http_interactions" in head and b"patents" in path.read_bytes()


def _safe_yaml(text: str, path: str) -> Any:
    """YAML by PyYAML's safe loader (no ``!!python`` object), with at most ``yaml_aliases``
    aliases: nested aliases (a "billion laughs") are refused, not expanded."""
    import yaml

    budget = limits().yaml_aliases

    class _Loader(yaml.SafeLoader):
        aliases = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > budget:
                    raise IngestError(f"the YAML holds more than {budget:,} aliases (*name), over the yaml_aliases "
                                      "limit; raise it with --limit yaml_aliases=N (or NETANALYSIS_LIMIT_YAML_ALIASES) "
                                      "if the file is genuine", path=path)
            return super().compose_node(parent, index)

    return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass: no Python objects


def _yaml_problem(e: Exception) -> str:
    """A PyYAML error in one line: what, and the line it is on."""
    what = getattr(e, "problem", None) or getattr(e, "context", None) or type(e).__name__
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    where = f" at line {mark.line + 1}" if mark is not None else ""
    return " ".join(f"{what}{where}".split())


def _pages_from_cassette(path: Path) -> list[Any]:
    """The JSON response bodies of a recorded HTTP session (one page each)."""
    import yaml

    expected = "expected http_interactions[].response.body.string holding JSON"
    try:
        doc = _safe_yaml(path.read_text(encoding="utf-8"), str(path))
    except yaml.YAMLError as e:  # e.g. a !!python/object tag: refused, in one line
        raise IngestError(f"not a recording of PatentSearch responses (YAML refused: {_yaml_problem(e)}); "
                          f"{expected}", path=str(path)) from e
    except (UnicodeDecodeError, RecursionError) as e:
        raise IngestError(f"not a recording of PatentSearch responses ({type(e).__name__}); {expected}",
                          path=str(path)) from e
    try:
        bodies = [it["response"]["body"]["string"] for it in doc["http_interactions"]]
        return [load_json_text(b, str(path)) for b in bodies if isinstance(b, str) and b.lstrip().startswith("{")]
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as e:
        raise IngestError(f"not a recording of PatentSearch responses ({type(e).__name__}: "
                          f"{' '.join(str(e).split())[:200]}); {expected}", path=str(path)) from e


@with_ingest_allocator
def read_patentsview_json(
    source: str | os.PathLike | Mapping[str, Any] | list,
    *,
    fallback_year: int | None = None,
    aliases: pd.DataFrame | str | os.PathLike | None = None,
    firm_sizes: pd.DataFrame | str | os.PathLike | None = None,
    label: str = "patentsview_api",
) -> NativeResult:
    """Read PatentSearch API responses (``{"patents": [{..., "assignees": [...]}]}``).

    Parameters
    ----------
    source : path, dict or list of dicts
        A JSON file, one parsed response, or several (pages); a folder written by
        ``netanalysis fetch patentsview`` (its ``page-*.json`` in order); also an HTTP recording
        (``.yml`` / ``.yaml`` cassette with ``http_interactions``, as vcr/VCR.py and
        R's ``vcr`` write them), whose response bodies are the pages.
    fallback_year : int, optional
        Year for records that carry no filing or grant date (the API returns dates only
        when asked for them).  Without it such records are rejected with a reason.  The
        report says how many rows used it.
    label : str
        Name recorded as ``source_file`` when ``source`` is not a file.
    aliases : DataFrame or path, optional
        The user's alias/override table (see :func:`netanalysis.entities.load_alias_table`).
    firm_sizes : DataFrame or path, optional
        The user's firm-size table (``applicant_id``, ``size`` = large | sme).

    Returns
    -------
    NativeResult
        The canonical tables and ``inventors``, the inventors table
        (:data:`~netanalysis.ingest.patstat.INVENTOR_COLUMNS`) of the kept records: one row per
        inventor (``inventor_seq`` its position in the record; ``person_id`` empty: the API's
        ``inventor_id`` is text, PATSTAT's numeric), placed by ``inventor_state`` (``US-CA`` …) and ``inventor_country``
        (the address rules of applicants; a Korean city names its region).

    Notes
    -----
    One raw row is one patent record (``source_row`` = its 1-based position across the
    pages).  The year is the filing year (``application[0].filing_date``, else
    ``patent_earliest_application_date``), else the grant year (``patent_date`` or
    ``patent_year``), else ``fallback_year``.

    Examples
    --------
    >>> page = {"patents": [{"patent_id": "1", "patent_date": "2012-05-01",
    ...     "assignees": [{"assignee_organization": "ACME INC"}, {"assignee_organization": "UNIV X"}]}]}
    >>> read_patentsview_json(page).applications["applicant_id"].tolist()
    ['ACME', 'UNIVERSITY X']
    """
    pages: Any
    if isinstance(source, (str, os.PathLike)):
        p = Path(source)
        if not p.exists():
            raise IngestError("no such file; check the path", path=str(p))
        if p.is_dir():  # a `netanalysis fetch patentsview` folder: its pages in order
            files = sorted(p.glob("page-*.json"))
            if not files:
                raise IngestError("no page-*.json files; expected a folder written by `netanalysis fetch patentsview`",
                                  path=str(p))
            pages = [_json_file(f) for f in files]
        else:
            pages = _pages_from_cassette(p) if p.suffix.lower() in (".yml", ".yaml") else _json_file(p)
        label = str(p)
    else:
        pages = source
    if isinstance(pages, Mapping):
        pages = [pages]
    if not isinstance(pages, list):
        raise IngestError("expected a JSON object with a 'patents' list (or a list of such pages)", path=label)
    patents: list[dict] = []
    for page in pages:
        if not isinstance(page, Mapping) or not isinstance(page.get("patents"), list):
            raise IngestError("expected a JSON object with a 'patents' list", path=label)
        patents.extend(page["patents"])
    if not patents:
        raise IngestError("the response holds no patents", path=label)
    rows: list[dict] = []
    inventor_rows: list[tuple[Any, ...]] = []
    used_fallback = 0
    for i, pt in enumerate(patents, start=1):
        if not isinstance(pt, Mapping):
            rows.append({"source_row": i, "patent_id": None, "date_raw": None, "applicant_raw": None})
            continue
        appl = pt.get("application")
        first_appl = appl[0] if isinstance(appl, list) and appl and isinstance(appl[0], Mapping) else {}
        date = _scalar(first_appl.get("filing_date")) or _scalar(pt.get("patent_earliest_application_date")) \
            or _scalar(pt.get("patent_date")) or _scalar(pt.get("patent_year"))
        if not date and fallback_year is not None:
            date, used_fallback = str(fallback_year), used_fallback + 1
        base = {"source_row": i, "patent_id": _scalar(pt.get("patent_id")), "date_raw": date,
                "title": _scalar(pt.get("patent_title")), "grant_raw": _scalar(pt.get("patent_date")),
                "inventors": _inventors(pt.get("inventors"))}
        inventor_rows += _inventor_rows(pt.get("inventors"), {"source_file": label, "source_row": i,
                                                              "patent_id": base["patent_id"]})
        raw_assignees = pt.get("assignees")
        assignees = [a for a in raw_assignees if isinstance(a, Mapping)] if isinstance(raw_assignees, list) else []
        if not assignees:
            rows.append({**base, "applicant_raw": None})
        for a in assignees:
            org = _scalar(a.get("assignee_organization")) or ""
            person = " ".join(
                x for x in (_scalar(a.get("assignee_individual_name_first")),
                            _scalar(a.get("assignee_individual_name_last"))) if x
            ).strip()
            rows.append({
                **base,
                "applicant_raw": org or person or None,
                "applicant_seq": _scalar(a.get("assignee_sequence")),
                "address_raw": ", ".join(
                    x for x in (_scalar(a.get("assignee_city")), _scalar(a.get("assignee_state"))) if x
                ) or None,
                "country_hint": _scalar(a.get("assignee_country")),
                "region_hint": _scalar(a.get("assignee_state")),
                "type_hint": _TYPE_HINT.get(str(a.get("assignee_type", ""))),
            })
    mentions = pd.DataFrame(rows)
    if fallback_year is None and not mentions["date_raw"].notna().any():
        raise IngestError(
            f"none of the {len(patents)} records carries a date (the API returns dates only when asked for "
            "them); pass the year the query selects: --fallback-year YEAR (fallback_year=YEAR)", path=label)
    mentions["source_file"] = label
    notes = [f"year taken from fallback_year={fallback_year} for {used_fallback} records"] \
        if used_fallback else []
    res = applications_from_mentions(mentions, reader="patentsview_api", source_files=[label], encoding="json",
                                     aliases=aliases, firm_sizes=firm_sizes, notes=notes)
    raw_inv = pd.DataFrame(inventor_rows, columns=list(RAW_COLUMNS))
    inv = kept_inventors(inventors_table(raw_inv, "patentsview_api"), res.applications)
    if len(inv):
        res.report.notes.append(f"inventors table: {len(inv):,} inventors of {inv['patent_id'].nunique():,} kept "
                                f"patents, {int((inv['region'] != '').sum()):,} placed in a region (inventor_state, "
                                f"or a Korean city), {int(((inv['region'] == '') & (inv['country'] != '')).sum()):,} "
                                "in a country only")
    return NativeResult(res.applications, res.actors, res.rejects, res.report, inventors=inv)
