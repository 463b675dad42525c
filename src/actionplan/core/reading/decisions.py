"""Decisions as plans write them (Agreed, Partly Agreed, Not Agreed; older Accepted, Rejected) and the stated counts."""

from __future__ import annotations

import re

from actionplan.core.plan import Decision, Summary
from actionplan.core.reading.wrapping import tidy

_PARTLY = r"(?:partly|partially)\s+(?:agreed|accepted)|(?:agreed|accepted)\s+in\s+part"
_NOT = r"not\s+(?:agreed|accepted)|rejected|disagreed"
_AGREED = r"agreed|accepted"

_WORDS = re.compile(rf"(?P<partly>{_PARTLY})|(?P<not>{_NOT})|(?P<agreed>{_AGREED})", re.I)
_AT_START = re.compile(rf"(?:{_WORDS.pattern})(?=$|[\s.,;:\-\u2013])[\s.,;:\-\u2013]*", re.I)

# The first word of a decision a narrow column may wrap onto its own line ("Partly" / "agreed").
OPENING_WORDS = frozenset({"partly", "partially", "not"})

_SUMMARY_FIELDS = {
    "agreed": "agreed",
    "accepted": "agreed",
    "partly agreed": "partly_agreed",
    "partially agreed": "partly_agreed",
    "partly accepted": "partly_agreed",
    "not agreed": "not_agreed",
    "not accepted": "not_agreed",
    "rejected": "not_agreed",
    "total": "total",
}
_SUMMARY_LINE = re.compile(
    r"(?P<label>" + "|".join(sorted(_SUMMARY_FIELDS, key=len, reverse=True)) + r")\s*[:=\-]?\s*(?P<count>\d{1,4})",
    re.I,
)


def _decision(match: re.Match[str]) -> Decision:
    if match["partly"]:
        return Decision.PARTLY_AGREED
    if match["not"]:
        return Decision.NOT_AGREED
    return Decision.AGREED


def read_decision(text: str) -> Decision | None:
    """The decision a decision cell holds, in any case and across line breaks; None when it holds none."""
    match = _WORDS.fullmatch(tidy(text).rstrip("."))
    return _decision(match) if match else None


def decision_at_start(text: str) -> tuple[str, str] | None:
    """A decision opening a line of extracted text ("Agreed The new contract ..."): its words, and the rest."""
    clean = tidy(text)
    match = _AT_START.match(clean)
    if not match:
        return None
    return clean[: match.end()].rstrip(" .,;:-\u2013"), clean[match.end() :]


def summary_count(text: str) -> tuple[str, int] | None:
    """A line of the stated summary ("Partly Agreed 2", "Total: 24") as the Summary field it sets and its count."""
    match = _SUMMARY_LINE.fullmatch(tidy(text))
    if not match:
        return None
    return _SUMMARY_FIELDS[" ".join(match["label"].lower().split())], int(match["count"])


def summary_from(counts: dict[str, int]) -> Summary | None:
    """The stated summary from the counts read; None when the plan states none."""
    if not counts:
        return None
    return Summary(**counts)
