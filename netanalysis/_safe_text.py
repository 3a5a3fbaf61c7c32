"""Text that is safe wherever it goes: names, XML exports, the terminal.

One place decides which characters a cell may carry into the package's outputs:

* C0/C1 control characters (``\\x01``, ``\\x0b``, ``\\x1f``, ``\\x85`` …) and Unicode
  non-characters (``\\ufffe``, ``\\uffff``) and lone surrogates are not text: XML 1.0 forbids
  them (a GEXF or GraphML holding one cannot be opened by Gephi or any XML parser), and a
  terminal obeys them;
* bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) reorder
  what a reader sees ("Trojan Source"); they carry no meaning in a name.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters XML 1.0 forbids, plus C1 controls and non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
#: Bidirectional formatting characters.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")


def clean_text(s: str) -> str:
    """Drop bidi controls and replace control characters and non-characters by a space.

    Tab, newline and carriage return are kept (CSV and XML allow them).

    Parameters
    ----------
    s : str

    Returns
    -------
    str

    Examples
    --------
    >>> clean_text("ACME\\x01 CO\\u202e")
    'ACME  CO'
    """
    return _CONTROL.sub(" ", _BIDI.sub("", s))


def has_unsafe(s: str) -> bool:
    """True if :func:`clean_text` would change ``s``."""
    return bool(_CONTROL.search(s) or _BIDI.search(s))


def ascii_digits(s: str) -> str:
    """Full-width, Arabic-Indic and every other Unicode decimal digit as ASCII.

    Examples
    --------
    >>> ascii_digits("２００４") + " " + ascii_digits("٢٠٠٥")
    '2004 2005'
    """
    s = unicodedata.normalize("NFKC", s)
    return _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(0))), s)


def terminal_text(s: str) -> str:
    """Text to print: control and bidi characters shown escaped (``\\x1b``), never obeyed.

    Examples
    --------
    >>> terminal_text("bad cell \\x1b[31mred")
    'bad cell \\\\x1b[31mred'
    """
    def esc(m: re.Match[str]) -> str:
        return m.group(0).encode("unicode_escape").decode("ascii")

    return _BIDI.sub(esc, _CONTROL.sub(esc, s))


__all__ = ["ascii_digits", "clean_text", "has_unsafe", "terminal_text"]
