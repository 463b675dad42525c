"""Pages of the inspection cycle. Each docstring's first line says who may use it; the rules live in
actionplan.accounts.access."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from actionplan.accounts.access import Permission, can_view_estate_dashboard, plans_for
from actionplan.accounts.models import User
from actionplan.core.plan import ActionStatus, Decision
from actionplan.cycle import analysis
from actionplan.cycle.forms import FollowUpForm, RepeatsForm
from actionplan.cycle.linking import SuggestionGone, answer_suggestions, establishment_plans, in_order, suggestions
from actionplan.cycle.models import FollowUpOutcome, RepeatLink
from actionplan.cycle.reading import ReadRecommendation, read_plans
from actionplan.storage.models import ActionPlan, Establishment, Recommendation
from actionplan.workflow.navigation import plan_pages


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _plans(request: HttpRequest, permission: Permission = Permission.VIEW_PLAN) -> Any:
    return plans_for(request.user, permission).select_related("inspection__inspectorate", "inspection__establishment")


@require_safe
def timeline(request: HttpRequest, establishment_id: int) -> HttpResponse:
    """Anyone who may read a plan of the establishment, each plan as they read it (the public: those published);
    others get 404."""
    establishment = get_object_or_404(Establishment, pk=establishment_id)
    plans = in_order(list(_plans(request).filter(inspection__establishment=establishment)))
    read = read_plans(request.user, plans)
    if not read:
        raise Http404
    rows = [rec.row.pk for recs in read.values() for rec in recs]
    outcomes = Counter(
        FollowUpOutcome.objects.filter(recommendation__in=rows).values_list("recommendation__plan", "outcome")
    )
    repeats = Counter(
        RepeatLink.objects.filter(~Q(how=RepeatLink.How.REJECTED), recommendation__in=rows).values_list(
            "recommendation__plan", flat=True
        )
    )
    entries = []
    for stored in plans:
        if stored.pk not in read:
            continue
        recs = read[stored.pk]
        decisions = Counter(rec.shown.decision for rec in recs)
        actions = [action for rec in recs for action in rec.shown.actions]
        entries.append(
            {
                "stored": stored,
                "recommendations": len(recs),
                "decisions": [(decision.label, decisions[decision]) for decision in Decision],
                "actions": len(actions),
                "completed": sum(action.status is ActionStatus.COMPLETED for action in actions),
                "repeats": repeats[stored.pk],
                "outcomes": [
                    (label, outcomes[(stored.pk, value)])
                    for value, label in FollowUpOutcome.Outcome.choices
                    if outcomes[(stored.pk, value)]
                ],
            }
        )
    entries.reverse()  # the latest inspection first, as a timeline reads
    return render(request, "cycle/timeline.html", {"establishment": establishment, "entries": entries})


def _earlier_links(rows: list[int]) -> dict[int, RepeatLink]:
    return {
        link.recommendation_id: link
        for link in RepeatLink.objects.filter(~Q(how=RepeatLink.How.REJECTED), recommendation__in=rows).select_related(
            "by"
        )
    }


@require_safe
def recommendation(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """Anyone who may read the recommendation's plan, as they read it: the recommendation, the earlier ones it
    repeats that they may read (what was decided, the actions promised, how far they got, what the next inspection
    found), and the later ones repeating it; others get 404."""
    row = get_object_or_404(Recommendation.objects.select_related("plan"), pk=recommendation_id)
    reachable = _plans(request)
    stored = get_object_or_404(reachable, pk=row.plan_id)
    chain: list[int] = [row.pk]
    links: dict[int, RepeatLink] = {}
    # Back along the chain, one plan a step: an establishment has few inspections.
    while (link := _earlier_links([chain[-1]]).get(chain[-1])) is not None and link.earlier_id not in chain:
        links[chain[-1]] = link
        chain.append(link.earlier_id)
    later = list(
        RepeatLink.objects.filter(~Q(how=RepeatLink.How.REJECTED), earlier=row).values_list("recommendation", flat=True)
    )
    plan_ids = set(Recommendation.objects.filter(pk__in=[*chain, *later]).values_list("plan", flat=True))
    plans = {plan.pk: plan for plan in reachable.filter(pk__in=plan_ids)}
    read = read_plans(request.user, list(plans.values()))
    by_row: dict[int, ReadRecommendation] = {rec.row.pk: rec for recs in read.values() for rec in recs}
    if row.pk not in by_row:
        raise Http404
    outcomes = {
        outcome.recommendation_id: outcome
        for outcome in FollowUpOutcome.objects.filter(recommendation__in=chain).select_related("inspection")
    }
    steps = [
        {
            "read": by_row[pk],
            "plan": plans[by_row[pk].row.plan_id],
            # How it came to be known that the one before repeats this one: stated, or confirmed by whom and when.
            "how": links.get(chain[index - 1]) if index else None,
            "outcome": outcomes.get(pk),
        }
        for index, pk in enumerate(chain)
        if pk in by_row
    ]
    repeated_in = [{"read": by_row[pk], "plan": plans[by_row[pk].row.plan_id]} for pk in later if pk in by_row]
    context = {
        "stored": stored,
        "steps": steps,
        # An earlier recommendation the person may not read is named, not shown.
        "hidden": len(chain) - len(steps),
        "repeated_in": repeated_in,
    }
    return render(request, "cycle/recommendation.html", context)


@require_http_methods(["GET", "POST"])
def repeats(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Coordinators of the plan's establishment, analysts and admins (CONFIRM_REPEATS); others get 404."""
    stored = get_object_or_404(_plans(request, Permission.CONFIRM_REPEATS), pk=plan_id)
    offered = suggestions(stored)
    linked = list(
        RepeatLink.objects.filter(~Q(how=RepeatLink.How.REJECTED), recommendation__plan=stored)
        .select_related("recommendation", "earlier__plan__inspection", "by")
        .order_by("recommendation__position")
    )
    involved = {pair.new for pair in offered} | {pair.earlier for pair in offered}
    about = {rec.pk: rec for rec in Recommendation.objects.filter(pk__in=involved).select_related("plan__inspection")}
    form = RepeatsForm(request.POST or None, offered=offered, refs={pk: rec.ref for pk, rec in about.items()})
    if request.method == "POST" and form.is_valid():
        try:
            confirmed, rejected = answer_suggestions(stored, form.answers(), _user(request))
        except SuggestionGone:
            messages.error(
                request,
                "The suggestions changed while you were answering them (someone else answered, or a plan changed): "
                "nothing was saved. Answer them again below.",
            )
            return redirect("cycle:repeats", stored.pk)
        messages.success(request, f"Confirmed {confirmed} and rejected {rejected} suggested repeats")
        return redirect("cycle:repeats", stored.pk)
    context = {
        "stored": stored,
        "form": form,
        "offered": [
            {
                "pair": pair,
                "field": form[RepeatsForm.name_of(pair)],
                "new": about[pair.new],
                "earlier": about[pair.earlier],
            }
            for pair in offered
        ],
        "linked": linked,
        "plan_pages": plan_pages(request.user, stored, "cycle:repeats"),
    }
    return render(request, "cycle/repeats.html", context)


@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The inspectorate the plan was sent to, and admins (RECORD_FOLLOW_UP); others get 404."""
    stored = get_object_or_404(_plans(request, Permission.RECORD_FOLLOW_UP), pk=plan_id)
    read = read_plans(request.user, [stored]).get(stored.pk)
    if read is None:
        raise Http404
    following = _next_plan(stored)
    recorded = dict(
        FollowUpOutcome.objects.filter(recommendation__plan=stored).values_list("recommendation", "outcome")
    )
    form = FollowUpForm(
        request.POST or None, rows=[(rec.row, rec.shown.recommendation) for rec in read], recorded=recorded
    )
    if request.method == "POST":
        if following is None:
            messages.error(
                request,
                "Nothing was saved: outcomes are recorded at the next inspection, and no later inspection of "
                f"{stored.inspection.establishment} is recorded yet.",
            )
            return redirect("cycle:follow-up", stored.pk)
        if form.is_valid():
            _record_outcomes(form.outcomes(), following, _user(request))
            messages.success(request, f"The follow-up outcomes of {len(form.outcomes())} recommendations are recorded")
            return redirect("cycle:follow-up", stored.pk)
    context = {
        "stored": stored,
        "following": following,
        "rows": [{"read": rec, "field": form[f"outcome_{rec.row.pk}"]} for rec in read],
        "form": form,
        "plan_pages": plan_pages(request.user, stored, "cycle:follow-up"),
    }
    return render(request, "cycle/follow_up.html", context)


def _next_plan(stored: ActionPlan) -> ActionPlan | None:
    plans = establishment_plans(stored.inspection.establishment_id)
    position = [plan.pk for plan in plans].index(stored.pk)
    return plans[position + 1] if position + 1 < len(plans) else None


@transaction.atomic
def _record_outcomes(outcomes: dict[Recommendation, str], following: ActionPlan, by: User) -> None:
    for row, outcome in outcomes.items():
        FollowUpOutcome.objects.update_or_create(
            recommendation=row, defaults={"outcome": outcome, "inspection": following.inspection, "by": by}
        )


def _estate_only(request: HttpRequest) -> None:
    if not can_view_estate_dashboard(request.user):
        raise PermissionDenied("The analyses of the whole estate are for analysts and administrators.")


@require_safe
@login_required
def repeated_analysis(request: HttpRequest) -> HttpResponse:
    """Analysts and admins (VIEW_DASHBOARD across the estate); others get 403, the public the sign-in page."""
    _estate_only(request)
    return render(request, "cycle/repeated_analysis.html", {"figures": analysis.repeated_figures()})


@require_safe
@login_required
def repeated_analysis_csv(request: HttpRequest) -> HttpResponse:
    """Analysts and admins (VIEW_DASHBOARD across the estate); others get 403, the public the sign-in page."""
    _estate_only(request)
    return _csv(analysis.repeated_csv(analysis.repeated_figures()), "repeated-recommendations.csv")


@require_safe
@login_required
def follow_up_analysis(request: HttpRequest) -> HttpResponse:
    """Analysts and admins (VIEW_DASHBOARD across the estate); others get 403, the public the sign-in page."""
    _estate_only(request)
    return render(request, "cycle/follow_up_analysis.html", {"figures": analysis.follow_up_figures()})


@require_safe
@login_required
def follow_up_analysis_csv(request: HttpRequest) -> HttpResponse:
    """Analysts and admins (VIEW_DASHBOARD across the estate); others get 403, the public the sign-in page."""
    _estate_only(request)
    return _csv(analysis.follow_up_csv(analysis.follow_up_figures()), "follow-up-outcomes.csv")


def _csv(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
