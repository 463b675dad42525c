"""Section rows ("Key concerns and recommendations", "General recommendations") and "Directed to:" rows."""

from __future__ import annotations

import re

from actionplan.core.plan import RecommendationKind
from actionplan.core.reading.wrapping import tidy

# A heading naming a group of recommendations or concerns: a few capitalised words around
# "recommendations" or "concerns", such as "Main recommendations to the Governor".
_SECTION = re.compile(
    r"(?:[A-Z][\w\-]*\s+){0,3}(?:concerns|recommendations)(?:\s+(?:and|to|for)(?:\s+[\w\-]+){1,3})?",
    re.I,
)
_DIRECTED = re.compile(r"directed\s+to\s*:?\s*(?P<whom>.+)", re.I)


def section_title(text: str) -> str | None:
    """The section a heading row names, as written; None when the text is not such a heading."""
    clean = tidy(text)
    if not clean or not clean[0].isupper() or not _SECTION.fullmatch(clean):
        return None
    return clean


def directed_to(text: str) -> str | None:
    """Whom a "Directed to:" row names, as written ("The Governor"); None when the text is not such a row."""
    match = _DIRECTED.fullmatch(tidy(text))
    return match["whom"].strip() if match else None


def kind_for_section(section: str | None) -> RecommendationKind:
    """Plans since 2022 answer concerns: the section heading says which kind the rows under it are."""
    heading = (section or "").lower()
    if "priority concern" in heading:
        return RecommendationKind.PRIORITY_CONCERN
    if "concern" in heading and "recommendation" not in heading:
        return RecommendationKind.KEY_CONCERN
    return RecommendationKind.RECOMMENDATION
