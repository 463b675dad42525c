"""What changed between two versions of a plan, recommendation by recommendation, in words a coordinator reads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from actionplan.core.plan import Action, Plan, Recommendation
from actionplan.core.reading.documents import NOT_STATED


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Change:
    """One difference: ``ref`` is None for the plan's own details; ``field`` names what differs."""

    ref: str | None
    kind: ChangeKind
    field: str
    before: str
    after: str


_FIELDS: list[tuple[str, str]] = [
    ("kind", "Kind"),
    ("section", "Section"),
    ("directed_to", "Directed to"),
    ("concern", "Concern"),
    ("recommendation", "Recommendation"),
    ("cross_ref", "Cross-reference"),
    ("repeated_from", "Repeated from"),
    ("decision", "Decision"),
    ("agreed_part", "Part agreed"),
    ("reasons", "Reasons"),
    ("response", "Response"),
]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    label = getattr(value, "label", None)
    return str(label) if isinstance(label, str) else str(value)


def _action_text(action: Action) -> str:
    return f"{action.text} — {action.owner or 'no owner'}, {action.target.text or 'no target'}"


def _compare_recommendation(old: Recommendation, new: Recommendation) -> list[Change]:
    changes = [
        Change(new.ref, ChangeKind.CHANGED, label, _text(getattr(old, name)), _text(getattr(new, name)))
        for name, label in _FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    for number in range(max(len(old.actions), len(new.actions))):
        before = _action_text(old.actions[number]) if number < len(old.actions) else ""
        after = _action_text(new.actions[number]) if number < len(new.actions) else ""
        if before != after:
            kind = ChangeKind.ADDED if not before else ChangeKind.REMOVED if not after else ChangeKind.CHANGED
            changes.append(Change(new.ref, kind, f"Action {number + 1}", before, after))
    return changes


def _keyed(plan: Plan) -> dict[str, Recommendation]:
    # Refs should be unique; where a plan repeats one, the later ones are told apart by their position.
    keyed: dict[str, Recommendation] = {}
    for rec in plan.recommendations:
        key = rec.ref
        while key in keyed:
            key += "'"
        keyed[key] = rec
    return keyed


def compare_plans(old: Plan, new: Plan) -> list[Change]:
    """Every difference from ``old`` to ``new``: plan details first, then recommendations in the new order."""
    changes = []
    details = [
        ("Establishment", old.establishment, new.establishment),
        ("Report published", _text(old.report.published), _text(new.report.published)),
        ("Inspection dates", _text(old.report.inspection_dates), _text(new.report.inspection_dates)),
        ("Submitted", _text(old.submitted), _text(new.submitted)),
        ("Notes", "\n".join(old.notes), "\n".join(new.notes)),
    ]
    changes += [Change(None, ChangeKind.CHANGED, label, a, b) for label, a, b in details if a != b]
    before, after = _keyed(old), _keyed(new)
    for key, rec in after.items():
        if key not in before:
            changes.append(Change(rec.ref, ChangeKind.ADDED, "Recommendation", "", rec.recommendation))
        else:
            changes += _compare_recommendation(before[key], rec)
    changes += [
        Change(rec.ref, ChangeKind.REMOVED, "Recommendation", rec.recommendation, "")
        for key, rec in before.items()
        if key not in after
    ]
    return changes


# Words that name the kind of establishment, not which one: "HMP/YOI Norwich" and "HMP Norwich" are one place.
_KIND_WORDS = frozenset({"hmp", "hmyoi", "yoi", "hmp/yoi", "hm", "prison", "irc", "young", "offender", "institution"})
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _place(name: str) -> tuple[str, ...]:
    return tuple(word for word in re.findall(r"[a-z0-9]+", name.lower()) if word not in _KIND_WORDS)


def _days(dates: str) -> frozenset[str]:
    """The numbers and months inspection dates name: "8-19 July 2019" and "8 July 2019 to 19 July 2019" agree."""
    words = re.findall(r"[a-z]+|\d+", dates.lower())
    return frozenset(
        word.lstrip("0") if word.isdigit() else word[:3] for word in words if word.isdigit() or word[:3] in _MONTHS
    )


def _long(when: date) -> str:
    return f"{when.day} {when:%B %Y}"


def other_report(read: Plan, draft: Plan) -> list[str]:
    """How a plan read from a file shows it answers another report than the draft does: each difference in words
    ("the establishment: the file says ..., this plan ..."), none when the file agrees or does not say."""
    differences = []
    if read.establishment != NOT_STATED and _place(read.establishment) != _place(draft.establishment):
        differences.append(f"the establishment: the file says {read.establishment}, this plan {draft.establishment}")
    theirs, ours = read.report.inspection_dates, draft.report.inspection_dates
    if theirs and ours and _days(theirs) != _days(ours):
        differences.append(f"the inspection dates: the file says {theirs}, this plan {ours}")
    published, recorded = read.report.published, draft.report.published
    if published and recorded and published != recorded:
        differences.append(
            f"the date the report was published: the file says {_long(published)}, this plan {_long(recorded)}"
        )
    return differences
