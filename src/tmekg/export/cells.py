"""Cells of the CSV/TSV exports (KGX, neo4j-csv) that a spreadsheet cannot run as a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel, LibreOffice
and Google Sheets (``=HYPERLINK(...)`` becomes a live link, ``=cmd|...`` a command). Such a cell is written with a
leading apostrophe, which spreadsheets show as nothing and treat as "this is text" (the OWASP advice on CSV
injection); a number (``-1``, ``+0.5``, ``-2e3``) is left as it is. Tools that read the file as data (KGX,
``neo4j-admin import``, pandas) see the apostrophe as part of the value: only text that would otherwise be a
formula ever carries one.

>>> spreadsheet_safe('=HYPERLINK("http://x","y")')
'\\'=HYPERLINK("http://x","y")'
>>> spreadsheet_safe("-1"), spreadsheet_safe("PD-L1")
('-1', 'PD-L1')
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_START", "spreadsheet_safe"]

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)


def spreadsheet_safe(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would run it as a formula (numbers unchanged)."""
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
