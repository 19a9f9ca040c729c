"""Text that is safe to keep and to show: characters no cell may hold, and names that only look alike.

Both checks follow Unicode: the general categories of the Unicode Character Database for characters that are
invisible or not text, and the confusables of Unicode Technical Standard #39 (shipped by ``confusable-homoglyphs``)
for look-alike names. Text written to a CSV or TSV file is kept from running as a spreadsheet formula
(:func:`spreadsheet_safe`).
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["FORMULA_START", "differing_character", "refused_character", "skeleton", "spreadsheet_safe"]

#: Characters no cell may hold, because they are invisible, reorder or break text, or are not text at all: C0 and C1
#: controls and DEL (Cc), format characters (Cf: bidi overrides and isolates, zero-width space and joiners, soft
#: hyphen, byte-order mark ...), line and paragraph separators (Zl, Zp), surrogates (Cs) and the non-characters
#: U+FDD0-U+FDEF and U+xFFFE/U+xFFFF of every plane. The ranges are Unicode 14's (Python 3.11), written out so that
#: checking a cell is one regular-expression search.
_REFUSED = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f" + "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(1, 17)) + "]"
)


def refused_character(value: str) -> str | None:
    """The first character of ``value`` that no cell may hold, named, or ``None``.

    >>> refused_character("PD-L1") is None
    True
    >>> refused_character("evil\u202egnp.exe")
    'U+202E RIGHT-TO-LEFT OVERRIDE'
    """
    import unicodedata

    found = _REFUSED.search(value)
    if found is None:
        return None
    code = ord(found.group())
    name = unicodedata.name(found.group(), "")
    if not name:
        if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
            name = "non-character"
        elif 0xD800 <= code <= 0xDFFF:
            name = "surrogate"
        else:
            name = "control character"
    return f"U+{code:04X} {name}"


@functools.cache
def _prototypes() -> dict[str, str]:
    """Each character that TR39 lists as confusable, mapped to one representative of its class (the smallest code
    point among the characters it can be confused with, joined transitively)."""
    from confusable_homoglyphs.confusables import confusables_data

    parent: dict[str, str] = {}

    def find(char: str) -> str:
        while parent.get(char, char) != char:
            char = parent[char]
        return char

    for char, glyphs in confusables_data.items():
        for glyph in glyphs:
            other = glyph["c"]
            if len(other) != 1:
                continue
            first, second = find(char), find(other)
            if first != second:
                low, high = sorted((first, second))
                parent[high] = low
    return {char: find(char) for char in parent}


def skeleton(name: str) -> str:
    """What ``name`` looks like: NFKC-normalised, case-folded, each confusable character replaced by its class's
    representative. Two names with one skeleton cannot be told apart on screen.

    >>> skeleton("PD-L1") == skeleton("\u0420D\u2010L1")  # Cyrillic Er, Unicode hyphen
    True
    >>> skeleton("CD4") == skeleton("CD8")
    False
    """
    table = _translation()
    text = unicodedata.normalize("NFKC", name).casefold()
    for _ in range(2):  # a representative may be upper case: fold and map once more
        text = text.translate(table).casefold()
    return text


@functools.cache
def _translation() -> dict[int, str]:
    """:func:`_prototypes` as a :meth:`str.translate` table (one C call per name instead of a lookup per
    character: validating 10^5 names)."""
    return {ord(char): rep for char, rep in _prototypes().items() if len(char) == 1}  # a name is mapped per character


def differing_character(name: str, other: str) -> str:
    """The first character of ``name`` that is not in ``other``, named (``U+0420 CYRILLIC CAPITAL LETTER ER``).

    >>> differing_character("\u0420D-L1", "PD-L1")
    'U+0420 CYRILLIC CAPITAL LETTER ER'
    """
    extra = next((c for c in name if c not in other), "") or next((c for c in name if not c.isascii()), "")
    if not extra:
        return "different characters"
    return f"U+{ord(extra):04X} {unicodedata.name(extra, 'unnamed character')}"


#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)


def spreadsheet_safe(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would run it as a formula (numbers unchanged).

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel, LibreOffice
    and Google Sheets (``=HYPERLINK(...)`` becomes a live link, ``=cmd|...`` a command). Such a cell is written with a
    leading apostrophe, which spreadsheets show as nothing and treat as "this is text" (the OWASP advice on CSV
    injection); a number (``-1``, ``+0.5``, ``-2e3``) is left as it is. Tools that read the file as data (KGX,
    ``neo4j-admin import``, pandas) see the apostrophe as part of the value: only text that would otherwise be a
    formula ever carries one. Used by the KGX and neo4j-csv exports and by ``annotate -o``.

    >>> spreadsheet_safe('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> spreadsheet_safe("-1"), spreadsheet_safe("PD-L1")
    ('-1', 'PD-L1')
    """
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
