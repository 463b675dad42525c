"""Page furniture and broken characters in text from PDF tools, viewers and sharing sites, taken out before reading.

What is taken out is never part of a plan: page numbers and "Page N of M" footers, running headers
repeated on most pages (the NOMS "ACTION PLAN - HMCIP REPORT ... POSITION AS AT: ..." line), the page
titles a sharing site puts before each page ("Page 2: <the document's first words>"), its
"Transcript of" line, and a view count standing alone. A running header or page title starts a page,
so it is replaced by a page break; a footer or a number alone is dropped. Characters broken by a
wrong encoding (``â€™`` for an apostrophe, ``€¦`` for an ellipsis) are repaired.
"""

from __future__ import annotations

import re

from actionplan.core.reading import columns

_PAGE_LABEL = re.compile(r"(?:page\s+)?\d+\s+of\s+\d+|page\s+\d+", re.I)
# A number alone is a page number or a view count only at the top of the document or the foot of a page:
# elsewhere it may be a concern's number in its own column.
_BARE_NUMBER = re.compile(r"\d{1,3}")
_PAGE_OF = re.compile(r"\s{2,}(?:page\s+)?\d+\s+of\s+\d+\s*$", re.I)
_PAGE_TITLE = re.compile(r"page\s+\d+\s*:\s*\S.*", re.I)
_TRANSCRIPT = re.compile(r"transcript\s+of\s+\S.*", re.I)
_POSITION_AS_AT = re.compile(r"action\s+plan\s*[-:\u2013]\s*hmc?ip\s+report\b.*\bposition\s+as\s+at\b.*", re.I)
# What is left of an ellipsis or a quote when a viewer drops the first of its broken characters.
_LEFTOVERS = {"\u20ac\u00a6": "\u2026", "\u20ac\u2122": "\u2019", "\u20ac\u02dc": "\u2018", "\u20ac\u0153": "\u201c"}
# Running headers and footers stand among the first or last lines of a page.
_EDGE_LINES = 3
_PREFIX = re.compile(r"^(?:page\s+\d+\s*:|transcript\s+of)\s*", re.I)


def repair(text: str) -> str:
    """Text with characters broken by a wrong encoding put right; text without them is unchanged."""
    if text.isascii():
        return text  # nothing can be broken, and the repairing library need not be loaded
    import ftfy

    fixed = ftfy.fix_text(text, normalization="NFC", unescape_html=False, fix_line_breaks=False, uncurl_quotes=False)
    for broken, meant in _LEFTOVERS.items():
        fixed = fixed.replace(broken, meant)
    return fixed


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _title(line: str) -> str:
    """A page title or the document's first line as a key: without a site's prefix, ellipsis and punctuation."""
    bare = _PREFIX.sub("", line.strip())
    return " ".join(re.sub(r"[^\w\s]", " ", bare.lower()).split())


def without_furniture(text: str) -> str:
    """The text with page furniture taken out: page breaks where pages start, nothing where footers were."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [line.strip() for line in lines if line.strip()]
    first = _title(filled[0]) if filled else ""
    # A document's first line that a site repeats as every page's title is its title, not its text.
    titles = {first} if first and sum(1 for line in filled if _title(line) == first) > 1 else set()
    pages = text.count("\f") + 1
    running = _running_shapes(text) if pages > 2 else set()
    edges = _edges(lines)
    kept: list[str] = []
    for index, line in enumerate(lines):
        bare = line.strip().strip("\f")
        if not bare:
            kept.append(line)
            continue
        page_number = _PAGE_LABEL.fullmatch(bare) or (index in edges and _BARE_NUMBER.fullmatch(bare))
        if _PAGE_TITLE.fullmatch(bare) or _POSITION_AS_AT.fullmatch(bare) or _shape(bare) in running:
            kept.append("\f")
        elif page_number or _TRANSCRIPT.fullmatch(bare) or (titles and _title(bare) in titles):
            kept.append("\f" * line.count("\f"))
        else:
            kept.append(_PAGE_OF.sub("", line))
    return "\n".join(kept)


def _edges(lines: list[str]) -> set[int]:
    """The lines at the top of the document, and the last line of each page (before a page break or a page title)."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    edges = set(filled[:_EDGE_LINES])
    for position, before in enumerate(filled):
        if position + 1 == len(filled):
            edges.add(before)
            continue
        after = lines[filled[position + 1]]
        if lines[before].endswith("\f") or after.startswith("\f") or _PAGE_TITLE.fullmatch(after.strip()):
            edges.add(before)
    return edges


def _running_shapes(text: str) -> set[str]:
    """Lines, numbers aside, at the top or foot of most pages: running headers and footers.

    The table's column headings, repeated at the top of every page, are the table's, not furniture.
    """
    seen: dict[str, set[int]] = {}
    pages = text.split("\f")
    for number, page in enumerate(pages):
        filled = [line for line in page.split("\n") if line.strip()]
        for line in [*filled[:_EDGE_LINES], *filled[-_EDGE_LINES:]]:
            if not columns.is_heading_words(line):
                seen.setdefault(_shape(line), set()).add(number)
    return {shape for shape, on in seen.items() if len(on) > len(pages) / 2}
