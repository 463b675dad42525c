"""Plan text in spreadsheet cells: never taken as a formula by Excel or LibreOffice, and read back exactly.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which spreadsheets skip
before looking) is a formula when a spreadsheet opens a CSV file or a person edits the cell, so text from a
plan could run ``=HYPERLINK(...)`` on the reader's machine. Such text is written after an apostrophe, the
mark spreadsheets themselves use for "this is text"; reading a cell back removes it again.
"""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_MARK = "'"


def _starts_formula(text: str) -> bool:
    # Text that already starts with apostrophes before a formula start gets one more, so that reading
    # back, which removes exactly one, gives the text as it was.
    return text.lstrip(_TEXT_MARK).startswith(_FORMULA_STARTS)


def as_cell_text(text: str) -> str:
    """The text as a spreadsheet cell must hold it so that it stays text."""
    return _TEXT_MARK + text if _starts_formula(text) else text


def from_cell_text(text: str) -> str:
    """The text a cell written by ``as_cell_text`` was made from."""
    return text[1:] if text.startswith(_TEXT_MARK) and _starts_formula(text) else text
