"""Short quotations from a plan, so that a finding shows the words that triggered it."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
# Commas only count when followed by a space: "75/2011" and "1,000" are not clause breaks.
_CLAUSE_MARK = re.compile(r"[;:\u2018\u2019\"]|,(?=\s)")
_LIMIT = 100
_WORDS_AROUND = 3


def quote_around(text: str, pattern: re.Pattern[str]) -> tuple[int, str] | None:
    """Where the pattern first matches, and the words around its matches in that sentence.

    The quotation runs from a few words before the sentence's first match to a few after its last,
    never beyond the clauses that hold them.
    """
    start = 0
    for boundary in [*_SENTENCE_END.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        matches = list(pattern.finditer(text, start, end))
        if matches:
            return matches[0].start(), _clip(_around(text, start, end, matches[0].start(), matches[-1].end()))
        if boundary:
            start = boundary.end()
    return None


def opening(text: str, words: int = 8) -> str:
    """The first few words of a text, to say which action a finding is about."""
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


def _around(text: str, sentence_start: int, sentence_end: int, first: int, last: int) -> str:
    begin = sentence_start
    for mark in _CLAUSE_MARK.finditer(text, sentence_start, first):
        begin = mark.end()
    following = _CLAUSE_MARK.search(text, last, sentence_end)
    finish = following.start() if following else sentence_end
    # A match can end inside a word ("PSI (7"); quote whole words.
    while first > begin and not text[first - 1].isspace():
        first -= 1
    while last < finish and not text[last].isspace():
        last += 1
    before = text[begin:first].split()
    after = text[last:finish].split()
    words = [*before[-_WORDS_AROUND:], *text[first:last].split(), *after[:_WORDS_AROUND]]
    quote = " ".join(words).strip(" .,")
    lead = "… " if len(before) > _WORDS_AROUND else ""
    tail = " …" if len(after) > _WORDS_AROUND else ""
    return f"{lead}{quote}{tail}"


def _clip(quote: str) -> str:
    if len(quote) <= _LIMIT:
        return quote
    return quote[:_LIMIT].rsplit(" ", 1)[0] + " …"
