"""Lines as a page wraps them, joined back into the sentences and paragraphs they were written as."""

from __future__ import annotations

from collections.abc import Iterable

# Closing quotes and brackets may follow the full stop that ends a sentence.
_CLOSERS = "\"'\u2019\u201d)]"
_SENTENCE_ENDS = ".!?"


def tidy(text: str) -> str:
    """One line of text with runs of white space (including no-break spaces) made single spaces."""
    return " ".join(text.split())


def join_lines(lines: Iterable[str]) -> str:
    """Wrapped lines as one paragraph; a word broken at a hyphen or slash stays whole ("Co-" + "ordinator")."""
    joined = ""
    for line in lines:
        part = tidy(line)
        if not part:
            continue
        if not joined:
            joined = part
        elif joined[-1] in "-/" and len(joined) > 1 and joined[-2].isalpha():
            joined += part
        else:
            joined += " " + part
    return joined


def ends_sentence(text: str) -> bool:
    """True when text ends a sentence, so that what follows it starts a new one."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_ENDS


def continues(previous: str, following: str) -> bool:
    """True when ``following`` carries on the sentence ``previous`` left open (as across a page break)."""
    if not previous or not following:
        return False
    if previous.rstrip().endswith(":") and following[0].isupper():
        # A lead-in ("The part that will be implemented:") is followed by what it introduces, as a paragraph.
        return False
    return not ends_sentence(previous) or following[0].islower()
