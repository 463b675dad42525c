"""The canonical JSON of a plan (``actionplan/1``): the contract between readers, writers, API and open data."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from actionplan.core.characters import clean_text
from actionplan.core.errors import PlanError
from actionplan.core.plan import (
    Action,
    ActionOwnerRef,
    ActionStatus,
    Decision,
    Judgement,
    Plan,
    ProgressLevel,
    ProgressNote,
    Reason,
    Recommendation,
    RecommendationKind,
    Report,
    Summary,
    TargetChange,
)
from actionplan.core.targets import Precision, Target, TargetKind

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_ID = "actionplan/1"
# An actionplan/1 document nests 8 levels at most (plan, recommendations, a recommendation, its actions,
# an action, its target history, a change, its previous target); anything far deeper is not a plan, and
# checking it would recurse until Python gives up.
MAX_DEPTH = 20
# A schema message quotes the value it refuses; a huge value would make a huge message.
_MESSAGE_CHARS = 200


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of ``actionplan/1``, as kept in the package."""
    text = resources.files("actionplan.core").joinpath("schema/actionplan-1.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> Draft202012Validator:
    # jsonschema takes a tenth of a second to import: only what validates pays for it.
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(schema(), format_checker=FormatChecker())


def _too_deep(source: str | None) -> PlanError:
    return PlanError(f"not a valid actionplan/1 document: nested more than {MAX_DEPTH} levels deep", source=source)


def _refuse_deep(data: Any, source: str | None) -> None:
    waiting = [(data, 1)]
    while waiting:
        value, depth = waiting.pop()
        if depth > MAX_DEPTH:
            raise _too_deep(source)
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        waiting.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def _cleaned(data: Any) -> Any:
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, dict):
        return {key: _cleaned(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_cleaned(value) for value in data]
    return data


def validate(data: Any, *, source: str | None = None) -> None:
    """Raise PlanError naming the first place where ``data`` breaks the schema."""
    _refuse_deep(data, source)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        message = " ".join(first.message.split())
        if len(message) > _MESSAGE_CHARS:
            message = message[: _MESSAGE_CHARS - 1] + "…"
        raise PlanError(f"not a valid actionplan/1 document: {message}", source=source, where=where)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def target_to_dict(target: Target) -> dict[str, Any]:
    return {
        "text": target.text,
        "kind": target.kind.value,
        "date": _iso(target.date),
        "precision": target.precision.value if target.precision else None,
    }


def target_from_dict(data: dict[str, Any]) -> Target:
    return Target(
        text=data["text"],
        kind=TargetKind(data["kind"]),
        date=_date(data["date"]),
        precision=Precision(data["precision"]) if data["precision"] else None,
    )


def action_to_dict(action: Action) -> dict[str, Any]:
    data: dict[str, Any] = {"text": action.text, "owner": action.owner, "target": target_to_dict(action.target)}
    # The owners are written only once matched to a directory, so a plan nobody has matched reads exactly
    # as before; a reader of such a file splits the owner text again.
    if action.owners:
        data["owners"] = [_owner_ref_to_dict(ref) for ref in action.owners]
    # Delivery is written only once there is some, so a plan as sent reads exactly as before.
    if action.status is not ActionStatus.NOT_STARTED:
        data["status"] = action.status.value
    if action.completed_on is not None:
        data["completed_on"] = action.completed_on.isoformat()
    if action.cancellation_reason is not None:
        data["cancellation_reason"] = action.cancellation_reason
    if action.progress:
        data["progress"] = [
            {"on": note.on.isoformat(), "text": note.text, "status": note.status.value if note.status else None}
            for note in action.progress
        ]
    if action.target_history:
        data["target_history"] = [
            {
                "changed_on": change.changed_on.isoformat(),
                "previous": target_to_dict(change.previous),
                "reason": change.reason,
            }
            for change in action.target_history
        ]
    return data


def _owner_ref_to_dict(ref: ActionOwnerRef) -> dict[str, Any]:
    if not ref.resolved:
        return {"written": ref.written}
    return {"written": ref.written, "id": ref.id, "name": ref.name, "kind": ref.kind}


def _owner_ref(data: dict[str, Any]) -> ActionOwnerRef:
    return ActionOwnerRef(written=data["written"], id=data.get("id"), name=data.get("name"), kind=data.get("kind"))


def action_from_dict(data: dict[str, Any]) -> Action:
    return Action(
        text=data["text"],
        owner=data["owner"],
        owners=[_owner_ref(ref) for ref in data.get("owners", [])],
        target=target_from_dict(data["target"]),
        status=ActionStatus(data.get("status", ActionStatus.NOT_STARTED.value)),
        completed_on=_date(data.get("completed_on")),
        cancellation_reason=data.get("cancellation_reason"),
        progress=[
            ProgressNote(
                on=date.fromisoformat(note["on"]),
                text=note["text"],
                status=ActionStatus(note["status"]) if note["status"] else None,
            )
            for note in data.get("progress", [])
        ],
        target_history=[
            TargetChange(
                changed_on=date.fromisoformat(change["changed_on"]),
                previous=target_from_dict(change["previous"]),
                reason=change["reason"],
            )
            for change in data.get("target_history", [])
        ],
    )


def recommendation_to_dict(rec: Recommendation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ref": rec.ref,
        "kind": rec.kind.value,
        "section": rec.section,
        "directed_to": rec.directed_to,
        "concern": rec.concern,
        "recommendation": rec.recommendation,
        "cross_ref": rec.cross_ref,
        "repeated_from": rec.repeated_from,
        "decision": rec.decision.value if rec.decision else None,
        "reasons": [r.value for r in rec.reasons],
        "response": rec.response,
        "actions": [action_to_dict(a) for a in rec.actions],
    }
    # Optional fields are written only when set, so documents that never use them stay as they were.
    if rec.agreed_part is not None:
        data["agreed_part"] = rec.agreed_part
    if rec.judgement is not None:
        data["judgement"] = {
            "level": rec.judgement.level.value,
            "judged_on": rec.judgement.judged_on.isoformat(),
            "comment": rec.judgement.comment,
        }
    if rec.inferred_reasons:
        data["inferred_reasons"] = [r.value for r in rec.inferred_reasons]
    return data


def recommendation_from_dict(data: dict[str, Any]) -> Recommendation:
    return Recommendation(
        ref=data["ref"],
        kind=RecommendationKind(data["kind"]),
        section=data["section"],
        directed_to=data["directed_to"],
        concern=data["concern"],
        recommendation=data["recommendation"],
        cross_ref=data["cross_ref"],
        repeated_from=data["repeated_from"],
        decision=Decision(data["decision"]) if data["decision"] else None,
        agreed_part=data.get("agreed_part"),
        reasons=[Reason(r) for r in data["reasons"]],
        response=data["response"],
        actions=[action_from_dict(a) for a in data["actions"]],
        judgement=_judgement(data.get("judgement")),
        inferred_reasons=[Reason(r) for r in data.get("inferred_reasons", [])],
    )


def _judgement(data: dict[str, Any] | None) -> Judgement | None:
    if data is None:
        return None
    return Judgement(
        level=ProgressLevel(data["level"]), judged_on=date.fromisoformat(data["judged_on"]), comment=data["comment"]
    )


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    summary = plan.stated_summary
    return {
        "schema": SCHEMA_ID,
        "establishment": plan.establishment,
        "inspectorate": plan.inspectorate,
        "report": {
            "title": plan.report.title,
            "inspection_dates": plan.report.inspection_dates,
            "published": _iso(plan.report.published),
        },
        "submitted": _iso(plan.submitted),
        "notes": list(plan.notes),
        "recommendations": [recommendation_to_dict(r) for r in plan.recommendations],
        "stated_summary": None
        if summary is None
        else {
            "agreed": summary.agreed,
            "partly_agreed": summary.partly_agreed,
            "not_agreed": summary.not_agreed,
            "total": summary.total,
        },
    }


def plan_from_dict(data: Any, *, source: str | None = None, checked: bool = True) -> Plan:
    """Build a plan from canonical JSON data, after checking it against the schema.

    Text is cleaned of the characters no document can hold (``characters.clean_text``) here, where
    files, uploads and frozen versions all enter the plan model, and before it is checked, so that
    text made empty by cleaning is refused as empty text is. ``checked=False`` skips the schema for a
    document this service wrote itself and keeps (a frozen version), which is read on every public page.
    """
    if checked:
        _refuse_deep(data, source)
    data = _cleaned(data)
    if checked:
        validate(data, source=source)
    report = data["report"]
    summary = data["stated_summary"]
    return Plan(
        establishment=data["establishment"],
        inspectorate=data["inspectorate"],
        report=Report(
            title=report["title"],
            inspection_dates=report["inspection_dates"],
            published=_date(report["published"]),
        ),
        submitted=_date(data["submitted"]),
        notes=list(data["notes"]),
        recommendations=[recommendation_from_dict(r) for r in data["recommendations"]],
        stated_summary=None if summary is None else Summary(**summary),
    )


def dumps(plan: Plan) -> str:
    """The canonical JSON text of a plan: UTF-8 characters kept, two-space indent, fields in schema order."""
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2) + "\n"


def loads(text: str, *, source: str | None = None) -> Plan:
    """Read canonical JSON text; PlanError when it is not JSON or not ``actionplan/1``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlanError(f"not valid JSON ({error.msg})", source=source, where=f"line {error.lineno}") from None
    except RecursionError:
        # Python's JSON parser recurses once per bracket: thousands of them exhaust the stack before
        # the depth check can see the document.
        raise _too_deep(source) from None
    return plan_from_dict(data, source=source)
