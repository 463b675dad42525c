"""Monitoring pages. Each docstring's first line says who may use it; the rules live in actionplan.accounts.access."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods, require_safe

from actionplan.accounts.access import (
    IN_DELIVERY,
    Permission,
    actions_for,
    can,
    can_change_target,
    can_update_action,
    can_view_estate_dashboard,
    establishments_for,
    own_action_ids,
    plans_for,
)
from actionplan.accounts.models import User
from actionplan.core.plan import implementation_of
from actionplan.core.writing.progress_report import REPORT_FORMATS, render_progress_report
from actionplan.monitoring import clock, dashboard
from actionplan.monitoring.delivery import due_soon_q, overdue_q
from actionplan.monitoring.forms import CheckForm, DashboardFilterForm, JudgementForm, TargetForm, UpdateForm
from actionplan.monitoring.models import (
    Evidence,
    ImplementationCheck,
    ProgressJudgement,
    ProgressUpdate,
    TargetChange,
    TrackedAction,
)
from actionplan.monitoring.ownership import owners_and_holders, show_owners, with_owners
from actionplan.monitoring.progress import move_target, record_update
from actionplan.pages.paging import page_of
from actionplan.storage.models import Action, ActionPlan, Establishment, Recommendation
from actionplan.workflow.states import ReadableAction, ReadableRecommendation, readable_plan, readable_rows


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _tracked(condition: Q) -> QuerySet[Any]:
    """The actions meeting ``condition`` (over Action), with their delivery and where they are. The condition is
    applied as it is, never wrapped in a subquery of itself, which PostgreSQL plans as a join of every action."""
    # Any: the rows carry annotations (is_overdue, is_due_soon) that the type stubs cannot know.
    return (
        TrackedAction.objects.filter(condition)
        .with_delivery(clock.today())
        .select_related(
            "recommendation__plan__inspection__establishment",
            "recommendation__plan__inspection__inspectorate",
        )
    )


@login_required
@require_safe
def my_actions(request: HttpRequest) -> HttpResponse:
    """Anyone signed in: the actions of every post and organisation they hold, across establishments and plans,
    by target date, overdue and due soon first, each with its owners."""
    user = _user(request)
    actions = (
        _tracked(Q(pk__in=own_action_ids(user)))
        .prefetch_related(with_owners())
        .order_by(F("target_date").asc(nulls_last=True), "pk")
    )
    is_open = Q(status__in=[TrackedAction.Status.NOT_STARTED, TrackedAction.Status.IN_PROGRESS])
    # Counted in the database over every action; only the page shown is read.
    totals = actions.aggregate(
        open=Count("pk", filter=is_open),
        overdue=Count("pk", filter=overdue_q(clock.today())),
        due_soon=Count("pk", filter=due_soon_q(clock.today())),
    )
    open_actions = page_of(request, actions.filter(is_open))
    closed_actions = page_of(request, actions.exclude(is_open), param="closed")
    show_owners([*open_actions, *closed_actions], user)
    context = {"open_actions": open_actions, "closed_actions": closed_actions, **totals}
    return render(request, "monitoring/my_actions.html", context)


def _timeline(action: TrackedAction) -> list[dict[str, Any]]:
    """Updates and moved targets together, newest first, for the MOJ timeline."""
    items: list[dict[str, Any]] = []
    for update in action.progress_updates.all():
        items.append(
            {
                "sort": (update.on, update.created),
                "label": f"Status: {update.get_status_display()}" if update.status else "Progress update",
                "on": update.on,
                "by": update.author,
                "text": update.note,
                "evidence": list(update.evidence.all()),
            }
        )
    for change in action.target_changes.all():
        moved = change.days_moved
        how_far = "" if moved is None else f" ({abs(moved)} days {'later' if moved >= 0 else 'earlier'})"
        items.append(
            {
                "sort": (change.changed_on, change.created),
                "label": "Target date changed",
                "on": change.changed_on,
                "by": change.by,
                "text": f"From {change.previous_text or 'no target'} to {change.new_text}{how_far}. "
                f"Reason: {change.reason}",
                "evidence": [],
            }
        )
    return sorted(items, key=lambda item: item["sort"], reverse=True)


def _moved_since_read(readable: ReadableAction) -> TargetChange | None:
    """The latest move of the target since the version this person reads, when there has been one.

    The version read keeps the target it was signed off with; a target moved since (with its reason)
    is recorded on the action's row and shown beside it. Those who read the plan as it is now read
    the moved target itself, so for them there is none.
    """
    if readable.row is None:
        return None
    moves = list(readable.row.target_changes.all())
    return moves[-1] if len(moves) > len(readable.shown.target_history) else None


def _readable_action(
    request: HttpRequest, plan: ActionPlan, action: Action
) -> tuple[ReadableRecommendation, ReadableAction]:
    """The action as this person reads it, with its recommendation; not found when the version they read has
    no such action (an action only a next version being drafted has)."""
    for rec in readable_rows(request.user, plan):
        for readable in rec.actions:
            if readable.row is not None and readable.row.pk == action.pk:
                return rec, readable
    raise Http404


@require_http_methods(["GET", "POST"])
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    """Who may see progress (VIEW_PROGRESS); posting an update: the action's owner, its coordinators, admins.

    Others get 404 (seeing) or 403 (posting), so actions are not probed.
    """
    # Whether to offer posting an update and moving the target: asked in the same query as the action, as
    # can_update_action and can_change_target ask the table.
    in_delivery = actions_for(request.user, Permission.UPDATE_ACTION).filter(IN_DELIVERY, pk=OuterRef("pk"))
    target_movable = actions_for(request.user, Permission.CHANGE_TARGET).filter(IN_DELIVERY, pk=OuterRef("pk"))
    action = get_object_or_404(
        _tracked(Q(pk__in=actions_for(request.user, Permission.VIEW_PROGRESS).values("pk")))
        .annotate(may_update=Exists(in_delivery), may_change_target=Exists(target_movable))
        .prefetch_related(
            Prefetch("progress_updates", ProgressUpdate.objects.select_related("author").prefetch_related("evidence")),
            "target_changes__by",
        ),
        pk=action_id,
    )
    may_update = action.may_update
    form = UpdateForm(initial={"status": action.status})
    if request.method == "POST":
        # A change is allowed by the table itself, whatever the page was shown with.
        if not can_update_action(request.user, action):
            raise PermissionDenied
        form = UpdateForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            record_update(
                action,
                by=_user(request),
                today=clock.today(),
                note=data["note"],
                status=data["status"],
                completed_on=data["completed_on"],
                cancellation_reason=data["cancellation_reason"],
                evidence=data["evidence"],
            )
            messages.success(request, "Your update has been added")
            return redirect("monitoring:action", action.pk)
    plan = action.recommendation.plan
    rec, readable = _readable_action(request, plan, action)
    context = {
        "action": action,
        "plan": plan,
        "shown": readable.shown,
        "shown_rec": rec.shown,
        "moved": _moved_since_read(readable),
        # The directory's owners are those of the plan as it is now: shown when the version read says the same.
        "owners": owners_and_holders(action) if readable.shown.owner == (action.owner or None) else [],
        # Updates with their evidence and moved targets, newest first, a page at a time.
        "timeline": page_of(request, _timeline(action)),
        "form": form if may_update else None,
        "may_change_target": action.may_change_target,
        "multiple_files": {"multiple": "multiple"},
    }
    return render(request, "monitoring/action.html", context)


@require_http_methods(["GET", "POST"])
def change_target(request: HttpRequest, action_id: int) -> HttpResponse:
    """The coordinators of the action's establishment and admins (CHANGE_TARGET); others get 404."""
    action = get_object_or_404(
        actions_for(request.user, Permission.CHANGE_TARGET).select_related("recommendation__plan"), pk=action_id
    )
    if not can_change_target(request.user, action):
        raise Http404
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        move_target(
            action,
            form.cleaned_data["target"],
            reason=form.cleaned_data["reason"],
            by=_user(request),
            today=clock.today(),
        )
        messages.success(request, "The target date has been changed")
        return redirect("monitoring:action", action.pk)
    return render(request, "monitoring/change_target.html", {"action": action, "form": form})


def _recommendation(request: HttpRequest, permission: Permission, recommendation_id: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.select_related(
            "plan__inspection__establishment", "plan__inspection__inspectorate"
        ).filter(plan__in=plans_for(request.user, permission).values("pk")),
        pk=recommendation_id,
    )


@require_http_methods(["GET", "POST"])
def record_judgement(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """The inspectorate the plan was sent to, and admins (REVIEW_PROGRESS); others get 404."""
    rec = _recommendation(request, Permission.REVIEW_PROGRESS, recommendation_id)
    shown = next(
        (
            readable.shown
            for readable in readable_rows(request.user, rec.plan)
            if readable.row is not None and readable.row.pk == rec.pk
        ),
        None,
    )
    if shown is None:
        raise Http404
    form = JudgementForm(
        request.POST or None, initial={"judged_on": clock.today()}, published=rec.plan.inspection.report_published
    )
    if request.method == "POST" and form.is_valid():
        ProgressJudgement.objects.create(recommendation=rec, by=_user(request), **form.cleaned_data)
        messages.success(request, f"The judgement on recommendation {rec.ref} has been recorded")
        return redirect("monitoring:plan-progress", rec.plan_id)
    return render(request, "monitoring/record_judgement.html", {"rec": rec, "shown": shown, "form": form})


@require_http_methods(["GET", "POST"])
def check_implementation(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """The coordinators of the plan's establishment and admins (CONFIRM_IMPLEMENTATION); others get 404."""
    rec = _recommendation(request, Permission.CONFIRM_IMPLEMENTATION, recommendation_id)
    form = CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ImplementationCheck.objects.create(recommendation=rec, by=_user(request), **form.cleaned_data)
        messages.success(request, f"Your check of recommendation {rec.ref} has been recorded")
        return redirect("monitoring:plan-progress", rec.plan_id)
    return render(request, "monitoring/check_implementation.html", {"rec": rec, "form": form})


@require_safe
def plan_progress(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Who may see progress on the plan (VIEW_PROGRESS); others get 404."""
    stored = get_object_or_404(plans_for(request.user, Permission.VIEW_PROGRESS), pk=plan_id)
    today = clock.today()
    rows = stored.recommendations.prefetch_related(
        Prefetch("actions", TrackedAction.objects.with_delivery(today).prefetch_related("target_changes")),
        Prefetch("judgements", ProgressJudgement.objects.all()),
        Prefetch("implementation_checks", ImplementationCheck.objects.select_related("by")),
    ).order_by("position")
    recommendations: list[dict[str, Any]] = [
        {
            "readable": rec,
            "implemented": rec.shown.is_implemented(),
            "actions": [{"readable": action, "moved": _moved_since_read(action)} for action in rec.actions],
        }
        for rec in readable_rows(request.user, stored, rows)
    ]
    context = {
        "stored": stored,
        "recommendations": recommendations,
        "implementation": implementation_of([rec["readable"].shown for rec in recommendations]),
        "may_judge": can(request.user, Permission.REVIEW_PROGRESS, stored),
        "may_check": can(request.user, Permission.CONFIRM_IMPLEMENTATION, stored),
        "report_formats": REPORT_FORMATS,
    }
    return render(request, "monitoring/plan_progress.html", context)


@require_safe
def progress_report(request: HttpRequest, plan_id: int, format: str) -> HttpResponse:
    """Who may see progress on the plan (VIEW_PROGRESS): the progress report as Word, PDF or Excel.

    The inspectorate's report is of the version sent to it, with delivery as it stands now.
    """
    stored = get_object_or_404(plans_for(request.user, Permission.VIEW_PROGRESS), pk=plan_id)
    if format not in REPORT_FORMATS:
        raise Http404
    output = REPORT_FORMATS[format]
    body = render_progress_report(readable_plan(request.user, stored), format, today=clock.today())
    response = HttpResponse(body, content_type=output.media_type)
    name = f"progress-{stored.establishment_as_written}".lower().replace(" ", "-").replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}{output.suffix}"'
    return response


@require_safe
def evidence_file(request: HttpRequest, evidence_id: int) -> FileResponse:
    """Who may see progress on the action (VIEW_PROGRESS): the file, always as a download; others get 404.

    The inspectorate gets 404 too for an action the version sent to it does not have.
    """
    evidence = get_object_or_404(
        Evidence.objects.filter(
            update__action__in=actions_for(request.user, Permission.VIEW_PROGRESS).values("pk")
        ).select_related("update__action__recommendation__plan"),
        pk=evidence_id,
    )
    action = evidence.update.action
    _readable_action(request, action.recommendation.plan, action)
    try:
        stored = evidence.file.open("rb")
    except FileNotFoundError:
        # Removed from the store behind the service's back: the file is gone, not the service broken.
        raise Http404("This evidence file is no longer stored") from None
    # Always a download of the type its content was found to be, never shown in the service's own pages.
    return FileResponse(stored, as_attachment=True, filename=evidence.name, content_type=evidence.media_type)


def _filters(request: HttpRequest, **fixed: int) -> dashboard.Filters:
    def number(name: str) -> int | None:
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() else None

    return dashboard.Filters(
        establishment=fixed.get("establishment") or number("establishment"),
        inspectorate=number("inspectorate"),
        year=number("year"),
        owner=request.GET.get("owner") or None,
    )


def _dashboard(request: HttpRequest, filters: dashboard.Filters, heading: str) -> HttpResponse:
    reach = dashboard.reach_of(
        None if can_view_estate_dashboard(request.user) else establishments_for(request.user, Permission.VIEW_DASHBOARD)
    )
    today = clock.today()
    choices = dashboard.cached_options(reach, today)
    # The lists behind the numbers take the same filters; the recommendations implemented are counted whatever
    # the owner, so their lists leave the owner out.
    recommendation_filters = {
        name: str(value)
        for name, value in (
            ("establishment", filters.establishment),
            ("inspectorate", filters.inspectorate),
            ("year", filters.year),
        )
        if value
    }
    # The filters offer every establishment and owner in reach (thousands of options across the estate): drawn once
    # for the values asked, and kept as the figures are.
    asked = tuple(request.GET.get(name, "") for name in DashboardFilterForm.base_fields)
    filter_fields = dashboard.kept(
        "filter-fields",
        reach.key,
        (today, asked),
        lambda: render_to_string(
            "monitoring/includes/dashboard_filters.html", {"filter_form": DashboardFilterForm(request.GET, choices)}
        ),
    )
    context = {
        "heading": heading,
        "filter_fields": SafeString(filter_fields),
        "figures": dashboard.cached_build(reach, filters, today),
        "recommendation_filters": recommendation_filters,
        "action_filters": {**recommendation_filters, **({"owner": [filters.owner]} if filters.owner else {})},
    }
    return render(request, "monitoring/dashboard.html", context)


@login_required
@require_safe
def estate_dashboard(request: HttpRequest) -> HttpResponse:
    """Analysts and admins: the whole estate; members of establishments: theirs (VIEW_DASHBOARD); others 403."""
    if (
        not can_view_estate_dashboard(request.user)
        and not establishments_for(request.user, Permission.VIEW_DASHBOARD).exists()
    ):
        raise PermissionDenied
    filters = _filters(request)
    if filters.establishment and not _may_see_establishment(request, filters.establishment):
        raise Http404
    heading = (
        "Delivery across the estate" if can_view_estate_dashboard(request.user) else "Delivery at your establishments"
    )
    return _dashboard(request, filters, heading)


def _may_see_establishment(request: HttpRequest, establishment_id: int) -> bool:
    return (
        can_view_estate_dashboard(request.user)
        or establishments_for(request.user, Permission.VIEW_DASHBOARD).filter(pk=establishment_id).exists()
    )


@login_required
@require_safe
def establishment_dashboard(request: HttpRequest, establishment_id: int) -> HttpResponse:
    """The establishment's members (VIEW_DASHBOARD), analysts and admins; others get 404."""
    if not _may_see_establishment(request, establishment_id):
        raise Http404
    establishment = get_object_or_404(Establishment, pk=establishment_id)
    return _dashboard(request, _filters(request, establishment=establishment.pk), f"Delivery at {establishment.name}")
