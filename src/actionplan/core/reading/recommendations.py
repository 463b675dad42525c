"""The words of a recommendation cell: its ref, "Concern:" and "Recommendation:", cross-refs and repeats."""

from __future__ import annotations

import re
from dataclasses import dataclass

from actionplan.core.reading.wrapping import ends_sentence, tidy

_NUMBERED = r"\d{1,2}\.\d{1,3}"
_SUMMARY_REF = r"S\d{1,3}"
_REF = re.compile(rf"(?:{_SUMMARY_REF}|{_NUMBERED})", re.I)
_CONCERN_NUMBER = re.compile(r"\d{1,2}")
_REF_LINE = re.compile(rf"(?P<ref>{_SUMMARY_REF}|{_NUMBERED}|\d{{1,2}})\.?(?:\s+(?P<rest>\S.*))?")

_CONCERN_LABEL = re.compile(r"(?:(?:key|priority)\s+)?concerns?\s*:\s*", re.I)
_RECOMMENDATION_LABEL = re.compile(r"\brecommendations?\s*:\s*", re.I)
_REPEATED = re.compile(
    rf"\s*\(?\s*repeated\s+(?:recommendation|concern)\s*(?P<ref>{_SUMMARY_REF}|{_NUMBERED}|\d{{1,2}})\s*\)?\.?",
    re.I,
)
_CROSS_REF = re.compile(rf"\s*\(\s*(?P<ref>{_SUMMARY_REF}|{_NUMBERED})\s*\)\s*\.?\s*$", re.I)


@dataclass(frozen=True)
class RecommendationText:
    """What a recommendation cell says, taken apart."""

    recommendation: str
    concern: str | None = None
    cross_ref: str | None = None
    repeated_from: str | None = None


def is_ref(text: str) -> bool:
    """True for a recommendation ref as written in the first column (S34, 1.8, 5.01) or a concern's number."""
    clean = tidy(text).rstrip(".")
    return bool(_REF.fullmatch(clean) or _CONCERN_NUMBER.fullmatch(clean))


def clean_ref(text: str) -> str:
    """The ref as the plan writes it, without a trailing full stop and with S in capitals."""
    clean = tidy(text).rstrip(".")
    return clean[0].upper() + clean[1:] if clean else clean


def ref_line(text: str, *, concern_numbers: bool) -> tuple[str, str] | None:
    """A line of extracted text that opens a row: its ref and the start of the recommendation.

    The text after the ref must start like a sentence, so that a line of a response opening
    with a number ("2.5 billion ...") is not taken for a new row. Bare numbers count as refs
    only in plans of concerns (``concern_numbers``).
    """
    match = _REF_LINE.fullmatch(tidy(text))
    if not match:
        return None
    ref, rest = match["ref"], match["rest"] or ""
    if _CONCERN_NUMBER.fullmatch(ref) and not concern_numbers:
        return None
    if rest and not (rest[0].isupper() or rest[0] in "\"'\u2018\u201c("):
        return None
    return clean_ref(ref), rest


def split_recommendation(text: str) -> RecommendationText:
    """Take apart "Concern: ... Recommendation: ... (Repeated recommendation 2.8) (S53)"."""
    remaining = tidy(text)
    repeated_from = None
    if repeated := _REPEATED.search(remaining):
        repeated_from = repeated["ref"]
        remaining = tidy(remaining[: repeated.start()] + " " + remaining[repeated.end() :])
    cross_ref = None
    if cross := _CROSS_REF.search(remaining):
        cross_ref = clean_ref(cross["ref"])
        remaining = remaining[: cross.start()].rstrip()
    concern = None
    if label := _CONCERN_LABEL.match(remaining):
        remaining = remaining[label.end() :]
        if recommendation := _RECOMMENDATION_LABEL.search(remaining):
            concern = remaining[: recommendation.start()].strip()
            remaining = remaining[recommendation.end() :]
        else:
            concern, remaining = remaining, ""
    elif label := _RECOMMENDATION_LABEL.match(remaining):
        remaining = remaining[label.end() :]
    return RecommendationText(
        recommendation=remaining.strip(),
        concern=concern or None,
        cross_ref=cross_ref,
        repeated_from=repeated_from,
    )


def is_complete(text: str) -> bool:
    """True when a recommendation cell's text so far reads as finished.

    Finished means a whole sentence, and a concern followed by its recommendation: a row cut by a
    page break carries on an unfinished recommendation on the next page.
    """
    clean = tidy(text)
    if _CONCERN_LABEL.match(clean) and not _RECOMMENDATION_LABEL.search(clean):
        return False
    return ends_sentence(clean)
