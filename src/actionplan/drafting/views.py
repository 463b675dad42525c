"""Drafting pages. Each says who may use it; the rules themselves live in actionplan.accounts.access."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.views.decorators.http import require_http_methods, require_safe

from actionplan.accounts.access import Permission, can, establishments_for, plans_for
from actionplan.accounts.models import User
from actionplan.core import canonical
from actionplan.core import plan as core
from actionplan.core.checking import unstated_reasons
from actionplan.core.comparing import other_report
from actionplan.core.plan import Plan, Report
from actionplan.core.reading import ReadingWarning
from actionplan.core.reading.limits import LimitExceeded
from actionplan.core.reading.pasted import PASTED
from actionplan.drafting.adding import add_recommendations, as_taken_in, refs_in, take_in_uploaded
from actionplan.drafting.answers import Answer, DraftedAction, SavedMeanwhile, save_answer
from actionplan.drafting.correcting import remove_recommendation, save_wording
from actionplan.drafting.forms import (
    ActionFormSet,
    AnswerForm,
    PasteForm,
    RecommendationForm,
    StartPlanForm,
    UploadForm,
    refused,
)
from actionplan.drafting.tasks import Checked, check_findings, check_stored, numbering_findings, shown
from actionplan.monitoring import clock
from actionplan.owners.matching import count_unmatched, serving
from actionplan.owners.models import Owner
from actionplan.similar.answers import similar_answers
from actionplan.storage.conversion import inspectorate_for, load_plan, plan_as_read
from actionplan.storage.models import ActionPlan, Inspection, Recommendation
from actionplan.storage.quality import service_check_config
from actionplan.storage.reading import read_pasted_list

GET_POST = require_http_methods(["GET", "POST"])
F = TypeVar("F", bound=Form)


def _person(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _plan_to_edit(request: HttpRequest, plan_id: int) -> ActionPlan:
    """The plan, if this person may draft it: 404 when they may not even see it, 403 when they may only see it."""
    stored = get_object_or_404(plans_for(request.user), pk=plan_id)
    if not can(request.user, Permission.EDIT_PLAN, stored):
        raise PermissionDenied("You may read this plan but not change it.")
    return stored


def _posted(request: HttpRequest) -> Any:
    """The form data when the form was sent (even empty, so that nothing chosen is an error), else None."""
    return request.POST if request.method == "POST" else None


def _to_owners_waiting(stored: ActionPlan) -> HttpResponse | None:
    """After recommendations are added: to the "Match owners" page while owners of the plan wait for a person."""
    if not count_unmatched(stored):
        return None
    return redirect("owners:match", plan_id=stored.pk)


def _upload_key(stored: ActionPlan) -> str:
    return f"drafting-upload-{stored.pk}"


@login_required
@GET_POST
def start_plan(request: HttpRequest) -> HttpResponse:
    """Coordinators (for their establishments) and admins (for any): record an inspection and start its plan."""
    establishments = establishments_for(request.user, Permission.START_PLAN)
    if not establishments.exists():
        raise PermissionDenied("Only plan coordinators can start a plan.")
    form = StartPlanForm(_posted(request), establishments=establishments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start, end = data["fieldwork_start"], data["fieldwork_end"]
        with transaction.atomic():
            inspection = Inspection.objects.create(
                establishment=data["establishment"],
                inspectorate=inspectorate_for(data["inspectorate"]),
                kind=data["kind"],
                fieldwork_start=start,
                fieldwork_end=end,
                inspection_dates=f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}",
                report_published=data["report_published"],
                report_url=data["report_url"],
            )
            stored = ActionPlan.objects.create(
                inspection=inspection, establishment_as_written=data["establishment"].name
            )
        messages.success(request, "Plan started: now add the recommendations or concerns from the report.")
        return redirect("drafting:overview", plan_id=stored.pk)
    return render(request, "drafting/start.html", {"form": form})


def _task_items(stored: ActionPlan, rows: list[Recommendation], checked: Checked) -> list[dict[str, Any]]:
    items = []
    for index, row in enumerate(rows):
        status, errors = checked.status(index)
        label = f"{status.label} ({errors})" if errors else status.label
        summary = row.text or row.concern
        items.append(
            {
                "title": {"text": f"{row.ref}: {summary[:90]}{'…' if len(summary) > 90 else ''}"},
                "href": reverse("drafting:recommendation", args=[stored.pk, row.pk]),
                "status": {"tag": {"text": label, "classes": f"govuk-tag--{status.colour}"}},
            }
        )
    return items


@login_required
@require_safe
def overview(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Coordinators of the plan's establishment and admins: the plan's recommendations as a task list."""
    stored = _plan_to_edit(request, plan_id)
    rows = list(stored.recommendations.all())
    checked = check_stored(stored)
    context = {
        "stored": stored,
        "inspection": stored.inspection,
        "whole_plan": shown(checked.whole_plan),
        "numbering": numbering_findings(checked),
        "tasks": _task_items(stored, rows, checked),
    }
    return render(request, "drafting/overview.html", context)


@login_required
@GET_POST
def add_recommendation(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Coordinators of the plan's establishment and admins: add one recommendation or concern."""
    stored = _plan_to_edit(request, plan_id)
    form = RecommendationForm(_posted(request), plan=stored)
    if request.method == "POST" and form.is_valid():
        add_recommendations(stored, [form.as_worded()], _person(request))
        messages.success(request, f"{form.cleaned_data['ref']} added.")
        return redirect("drafting:overview", plan_id=stored.pk)
    return render(request, "drafting/add.html", {"stored": stored, "form": form})


@login_required
@GET_POST
def paste_recommendations(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Coordinators of the plan's establishment and admins: paste the report's list, check it, then add it."""
    stored = _plan_to_edit(request, plan_id)
    form = PasteForm(_posted(request))
    context: dict[str, Any] = {"stored": stored, "form": form}
    if request.method == "POST" and form.is_valid():
        # Read again on confirming rather than kept between requests: reading is a pure function of the text.
        try:
            pasted = read_pasted_list(form.cleaned_data["text"])
        except LimitExceeded as error:
            form.add_error("text", refused("The pasted text", error))
            return render(request, "drafting/paste.html", context)
        if pasted.plan is not None:
            # A plan's text, answers and all: checked and taken in exactly as the same text uploaded as a file.
            _hold_for_preview(request, stored, PASTED, pasted.plan, pasted.warnings)
            return redirect("drafting:upload-preview", plan_id=stored.pk)
        if not pasted.recommendations:
            form.add_error("text", "No numbered recommendations or concerns were found: paste them with their numbers")
        elif request.POST.get("operation") == "confirm":
            added = add_recommendations(stored, pasted.recommendations, _person(request))
            messages.success(request, f"{added} recommendation{'s' if added != 1 else ''} added.")
            return _to_owners_waiting(stored) or redirect("drafting:overview", plan_id=stored.pk)
        else:
            taken = refs_in(stored)
            as_plan = Plan(establishment=stored.establishment_as_written, recommendations=pasted.recommendations)
            context |= {
                "pasted": pasted,
                "numbering": numbering_findings(check_findings(as_plan)),
                "already": ", ".join(rec.ref for rec in pasted.recommendations if rec.ref in taken),
            }
    return render(request, "drafting/paste.html", context)


def _hold_for_preview(
    request: HttpRequest, stored: ActionPlan, name: str, plan: Plan, warnings: list[ReadingWarning]
) -> None:
    """Keep what was read for the preview that confirms it."""
    # Only what was read is kept, as canonical JSON in the session; the file itself is stored nowhere.
    request.session[_upload_key(stored)] = {
        "name": name,
        "plan": canonical.dumps(plan),
        "warnings": [str(warning) for warning in warnings],
    }


@login_required
@GET_POST
def upload_plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Coordinators of the plan's establishment and admins: upload a plan file; what was read waits to be confirmed."""
    stored = _plan_to_edit(request, plan_id)
    form = UploadForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _hold_for_preview(request, stored, form.cleaned_data["file"].name, form.reading.plan, form.reading.warnings)
        return redirect("drafting:upload-preview", plan_id=stored.pk)
    return render(request, "drafting/upload.html", {"stored": stored, "form": form})


@login_required
@GET_POST
def upload_preview(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Coordinators of the plan's establishment and admins: what an uploaded file holds, saved only when confirmed."""
    stored = _plan_to_edit(request, plan_id)
    held = request.session.get(_upload_key(stored))
    if held is None:
        messages.info(request, "There is no uploaded plan waiting: upload it again.")
        return redirect("drafting:upload", plan_id=stored.pk)
    read = canonical.loads(held["plan"])
    if request.method == "POST":
        del request.session[_upload_key(stored)]
        # A file keeps its name as written; "the pasted text" opens a sentence.
        subject = capfirst(PASTED) if held["name"] == PASTED else held["name"]
        if request.POST.get("operation") == "confirm":
            replaced, added = take_in_uploaded(stored, read.recommendations, _person(request))
            messages.success(request, f"{subject} taken in: {replaced} replaced, {added} added.")
            if (to_owners := _to_owners_waiting(stored)) is not None:
                return to_owners
        else:
            messages.info(request, f"{subject} was not taken in; the plan is unchanged.")
        return redirect("drafting:overview", plan_id=stored.pk)
    # Checked as the plan will stand once taken in (its report's dates, its other recommendations), so that
    # the findings shown here are those the plan will have.
    taking_in, positions = as_taken_in(load_plan(stored), read.recommendations)
    checked = check_findings(taking_in)
    taken = refs_in(stored)
    inspection = stored.inspection
    ours = Plan(
        establishment=stored.establishment_as_written,
        report=Report(inspection_dates=inspection.inspection_dates or None, published=inspection.report_published),
    )
    context = {
        "stored": stored,
        "name": held["name"],
        "warnings": held["warnings"],
        "whole_plan": shown(checked.whole_plan),
        "numbering": numbering_findings(checked),
        "other_report": other_report(read, ours),
        "rows": [
            {"rec": rec, "findings": shown(checked.of(position)), "replaces": rec.ref in taken}
            for rec, position in zip(read.recommendations, positions, strict=True)
        ],
    }
    return render(request, "drafting/upload_preview.html", context)


def _posted_actions(request: HttpRequest) -> list[dict[str, str]]:
    """The actions as posted, before checking: what the add, remove and move buttons rearrange."""
    formset = ActionFormSet(request.POST, prefix="actions")
    count = formset.total_form_count() if formset.management_form.is_valid() else 0
    return [
        {name: request.POST.get(f"actions-{index}-{name}", "") for name in ("id", "text", "owner", "target")}
        for index in range(count)
    ]


def _rearranged(actions: list[dict[str, str]], operation: str) -> list[dict[str, str]] | None:
    """The actions after an add, remove, up or down button; None for any other operation (saving)."""
    if operation == "add":
        return [*actions, {"id": "", "text": "", "owner": "", "target": ""}]
    verb, _, number = operation.partition("-")
    if verb not in ("remove", "up", "down") or not number.isdigit() or int(number) >= len(actions):
        return None
    index = int(number)
    moved = list(actions)
    if verb == "remove":
        del moved[index]
    elif verb == "up" and index > 0:
        moved[index - 1], moved[index] = moved[index], moved[index - 1]
    elif verb == "down" and index < len(moved) - 1:
        moved[index + 1], moved[index] = moved[index], moved[index + 1]
    return moved


def _owner_suggestions(stored: ActionPlan) -> list[str]:
    """The owner directory of the plan's establishment, offered as an owner is typed (a new one may be typed too)."""
    return list(
        Owner.objects.filter(pk__in=Owner.objects.filter(serving(stored.inspection.establishment_id)).values("pk"))
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )


def _initial_actions(row: Recommendation) -> list[dict[str, Any]]:
    return [
        {"id": action.pk, "text": action.text, "owner": action.owner, "target": action.target_text}
        for action in row.actions.all()
    ]


def _answer_from(form: AnswerForm, formset: Any) -> Answer:
    data = form.cleaned_data
    return Answer(
        decision=data["decision"],
        reasons=list(data["reasons"]),
        agreed_part=data["agreed_part"],
        response=data["response"],
        actions=[
            DraftedAction(action_form.cleaned_data.get("id"), action_form.drafted())
            for action_form in formset.forms
            if not action_form.is_blank()
        ],
    )


def _warn_past_targets(request: HttpRequest, formset: Any, before: dict[int, str]) -> None:
    """Say so when a target just written is already past: it is kept (a plan may record one), but may be a slip."""
    today = timezone.localdate()
    for action_form in formset.forms:
        if action_form.is_blank() or not (written := action_form.past_target(today)):
            continue
        if before.get(action_form.cleaned_data.get("id")) != written:
            messages.warning(
                request,
                f"The target date of action {action_form.number}, {written}, is already past: check it is the"
                " date you meant, or change it",
            )


def _refuse_saved_meanwhile(make_form: Callable[[Any], F], meanwhile: SavedMeanwhile, data: Any, what: str) -> F:
    """The form again, standing at the saved revision (so saving again keeps these values knowingly), with why."""
    again = data.copy()
    again["revision"] = str(meanwhile.current.revision)
    form = make_form(again)
    form.is_valid()
    who = f"{meanwhile.by}" if meanwhile.by else "Someone else"
    form.add_error(
        None,
        f"{who} saved {what} after you opened it, so your changes have not been saved. Check"
        " what they changed below, then save again to keep yours, or reload the page to keep theirs",
    )
    return form


def _suggest_reasons(form: AnswerForm, rec: core.Recommendation) -> None:
    """Name, under the reasons, those the saved response implies but nobody has ticked: a suggestion only."""
    suggested = unstated_reasons(rec, service_check_config())
    if suggested:
        named = ", ".join(reason.value for reason in core.Reason if reason in suggested)
        form.fields["reasons"].help_text = f"{form.fields['reasons'].help_text}. The response suggests: {named}"


@login_required
@GET_POST
def recommendation(request: HttpRequest, plan_id: int, rec_id: int) -> HttpResponse:
    """Coordinators of the plan's establishment and admins: answer one recommendation, with its findings beside it."""
    stored = _plan_to_edit(request, plan_id)
    # The plan is read once, with everything it holds: the row answered, the findings and the page come from it.
    plan = plan_as_read(stored)
    rows = list(stored.recommendations.all())
    index = next((at for at, each in enumerate(rows) if each.pk == rec_id), None)
    if index is None:
        raise Http404("No such recommendation in this plan.")
    row = rows[index]
    changes = None
    if request.method == "GET":
        form = AnswerForm(
            initial={
                "revision": row.revision,
                "decision": row.decision,
                "reasons": row.reasons,
                "agreed_part": row.agreed_part,
                "response": row.response,
            }
        )
        formset = ActionFormSet(initial=_initial_actions(row), prefix="actions")
    else:
        form = AnswerForm(request.POST)
        rearranged = _rearranged(_posted_actions(request), request.POST.get("operation", "save"))
        if rearranged is not None:
            # Add, remove and move change the page only: nothing is saved until Save.
            form = AnswerForm(initial=request.POST.dict() | {"reasons": request.POST.getlist("reasons")})
            formset = ActionFormSet(initial=rearranged, prefix="actions")
        else:
            formset = ActionFormSet(request.POST, prefix="actions")
            if form.is_valid() and formset.is_valid():
                targets_before = dict(row.actions.values_list("pk", "target_text"))
                try:
                    save_answer(row, form.cleaned_data["revision"], _answer_from(form, formset), _person(request))
                except SavedMeanwhile as meanwhile:
                    changes = meanwhile.changes
                    form = _refuse_saved_meanwhile(AnswerForm, meanwhile, request.POST, row.ref)
                else:
                    messages.success(request, f"{row.ref} saved.")
                    _warn_past_targets(request, formset, targets_before)
                    return redirect("drafting:recommendation", plan_id=stored.pk, rec_id=row.pk)
    checked = check_findings(plan)
    _suggest_reasons(form, checked.plan.recommendations[index])
    context = {
        "stored": stored,
        "row": row,
        "form": form,
        "formset": formset,
        "findings": shown(checked.of(index)),
        "owners": _owner_suggestions(stored),
        "changes": changes,
        "has_errors": bool(form.errors) or any(f.errors for f in formset.forms if f.is_bound),
        "similar": similar_answers(request.user, stored, row, clock.today()),
    }
    return render(request, "drafting/recommendation.html", context)


@login_required
@GET_POST
def wording(request: HttpRequest, plan_id: int, rec_id: int) -> HttpResponse:
    """Coordinators of the plan's establishment and admins: correct the report's wording of a recommendation."""
    stored = _plan_to_edit(request, plan_id)
    row = get_object_or_404(stored.recommendations, pk=rec_id)
    form = RecommendationForm(_posted(request), plan=stored, changing=row)
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_wording(row, form.cleaned_data["revision"], form.as_worded(), _person(request))
        except SavedMeanwhile as meanwhile:
            changes = meanwhile.changes
            form = _refuse_saved_meanwhile(
                lambda data: RecommendationForm(data, plan=stored, changing=row), meanwhile, request.POST, row.ref
            )
        else:
            messages.success(request, f"The wording of {saved.ref} saved.")
            return redirect("drafting:recommendation", plan_id=stored.pk, rec_id=row.pk)
    return render(request, "drafting/wording.html", {"stored": stored, "row": row, "form": form, "changes": changes})


@login_required
@GET_POST
def remove(request: HttpRequest, plan_id: int, rec_id: int) -> HttpResponse:
    """Coordinators of the plan's establishment and admins: remove a recommendation and its actions, once confirmed."""
    stored = _plan_to_edit(request, plan_id)
    row = get_object_or_404(stored.recommendations, pk=rec_id)
    if request.method == "POST":
        remove_recommendation(row, _person(request))
        messages.success(request, f"{row.ref} removed.")
        return redirect("drafting:overview", plan_id=stored.pk)
    return render(request, "drafting/remove.html", {"stored": stored, "row": row, "actions": row.actions.count()})
