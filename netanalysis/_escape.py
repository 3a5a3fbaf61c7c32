"""Escaping for every output context: one module that every writer uses.

A string that comes from data (an applicant's name, a region code from the user's
``--regions`` table, a cluster label), from a file name or from a user option (a title, a
credit line) is escaped for the place it lands in:

==========================  ===========================  ==========================================
context                     function                     what it does
==========================  ===========================  ==========================================
HTML text and attributes    :func:`html_text`            ``& < > " '`` as character references
JSON inside ``<script>``    :func:`json_for_script`      ``< > &`` and U+2028/9 as ``\\uXXXX``
Markdown text               :func:`markdown_text`        ``< > &`` as references, Markdown
                                                         punctuation backslash-escaped, one line
Markdown code block         :func:`markdown_code_block`  a fence longer than any in the text
Markdown link target        :func:`markdown_link_target` percent-encoded relative path
spreadsheet cell (CSV/TSV)  :func:`spreadsheet_text`,    a leading ``'`` before ``= + - @``, tab
                            :func:`neutralise_formulas`  and carriage return (OWASP CSV injection)
==========================  ===========================  ==========================================

XML (GEXF, GraphML) is escaped by the XML writers themselves (networkx, ElementTree);
characters XML cannot hold are removed by :func:`netanalysis._safe_text.clean_text`.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from typing import Any

import pandas as pd

#: First characters that make a spreadsheet cell a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_JSON_IN_SCRIPT = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}
#: Markdown punctuation that starts a link, an image, emphasis, code, a table cell or an escape.
_MD_PUNCT = re.compile(r"([\\`*_\[\]|~!#])")
_MD_HTML = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def html_text(s: object) -> str:
    """Text safe inside an HTML element or a quoted attribute value.

    Examples
    --------
    >>> html_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(s), quote=True)


def json_for_script(obj: Any, **dumps: Any) -> str:
    """JSON that can sit inside a ``<script>`` element without ending it.

    ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026`` (so neither
    ``</script>`` nor ``<!--`` can appear), and U+2028/U+2029 as escapes; ``JSON.parse``
    reads back the same value.

    Examples
    --------
    >>> json_for_script({"name": "</script><script>alert(1)</script>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    return json.dumps(obj, **{"ensure_ascii": False, **dumps}).translate(_JSON_IN_SCRIPT)


def markdown_text(s: object) -> str:
    """Text safe in Markdown (CommonMark, GitHub, pandoc, Python-Markdown/MkDocs): one line,
    no link, image, raw HTML, emphasis or table cell boundary can come from it.

    ``& < >`` become character references (every flavour passes them through as text);
    ``\\ ` * _ [ ] | ~ ! #`` are backslash-escaped; line breaks become spaces.

    Examples
    --------
    >>> markdown_text("[x](javascript:alert(1)) <b>KR_27</b>")
    '\\\\[x\\\\](javascript:alert(1)) &lt;b&gt;KR\\\\_27&lt;/b&gt;'
    """
    text = _LINE_BREAKS.sub(" ", str(s)).translate(_MD_HTML)
    return _MD_PUNCT.sub(r"\\\1", text)


def markdown_code_block(s: object, info: str = "") -> str:
    """A fenced code block holding ``s`` verbatim, its fence longer than any backtick run
    inside (so the text cannot close it).

    Examples
    --------
    >>> print(markdown_code_block("a ``` b"))
    ````
    a ``` b
    ````
    """
    text = str(s)
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"


def markdown_link_target(path: str) -> str:
    """A relative path as a Markdown link or image target: percent-encoded, so no space,
    parenthesis, bracket or scheme (``javascript:``) survives.

    Examples
    --------
    >>> markdown_link_target("r figs)/javascript:alert(1).png")
    'r%20figs%29/javascript%3Aalert%281%29.png'
    """
    return urllib.parse.quote(str(path), safe="/")


def spreadsheet_text(s: str) -> str:
    """One cell that a spreadsheet will not run as a formula: a leading apostrophe before
    ``=``, ``+``, ``-``, ``@``, tab or carriage return (OWASP advice on CSV injection).

    Use it for every text cell of a file a spreadsheet opens (CSV, TSV, VOSviewer map).

    Examples
    --------
    >>> spreadsheet_text("=HYPERLINK(1)"), spreadsheet_text("-1+1+cmd|' /C calc'!A0"), spreadsheet_text("ok")
    ("'=HYPERLINK(1)", "'-1+1+cmd|' /C calc'!A0", 'ok')
    """
    return "'" + s if s.startswith(FORMULA_START) else s


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells cannot be run as spreadsheet formulas.

    A text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
    leading apostrophe (:func:`spreadsheet_text`, whole columns at once). Numbers are left
    alone.

    Examples
    --------
    >>> neutralise_formulas(pd.DataFrame({"a": ["=HYPERLINK(1)", "ok"]}))["a"].tolist()
    ["'=HYPERLINK(1)", 'ok']
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_string_dtype(s) or s.dtype == object:
            text = s.astype("string")
            risky = text.str.startswith(FORMULA_START).fillna(False)
            if risky.any():
                out[col] = s.where(~risky, "'" + text)
    return out


__all__ = ["FORMULA_START", "html_text", "json_for_script", "markdown_code_block", "markdown_link_target",
           "markdown_text", "neutralise_formulas", "spreadsheet_text"]
