"""Sign-off, versions, history, downloads and the public list. Each view says who may use it.

The rules themselves live in actionplan.accounts.access; these views only ask it.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actionplan.accounts.access import Permission, can, is_public, plans_for
from actionplan.accounts.models import User
from actionplan.core import canonical
from actionplan.core.checking import totals
from actionplan.core.comparing import compare_plans
from actionplan.core.writing import FORMATS, write_plan
from actionplan.core.writing.open_data import (
    ACTION_COLUMNS,
    ACTIONS_FILE,
    LICENCE,
    LICENCE_URL,
    PLANS_FOLDER,
    SCHEMA_FILE,
)
from actionplan.core.writing.web_page import render_plan_table
from actionplan.pages.paging import page_of
from actionplan.storage.conversion import load_plan
from actionplan.storage.models import ActionPlan
from actionplan.storage.quality import findings_for
from actionplan.workflow import open_data as published_data
from actionplan.workflow.findings import grouped_findings
from actionplan.workflow.forms import CompareForm, MoveForm
from actionplan.workflow.history import plan_history, restore_version
from actionplan.workflow.models import PlanVersion
from actionplan.workflow.navigation import plan_pages
from actionplan.workflow.renditions import PUBLIC_MAX_AGE, kept_download
from actionplan.workflow.states import (
    MoveRefused,
    make_move,
    moves_for,
    publication_preview,
    readable_plan_frozen,
    readable_plans,
)
from actionplan.workflow.worklist import may_approve_somewhere, waiting_for_approval

Status = ActionPlan.Status


def _plan_or_refuse(request: HttpRequest, plan_id: int, permission: Permission) -> ActionPlan:
    """The plan if the person may use it this way; 404 when they may not even see it, 403 when they may only see it."""
    plan = get_object_or_404(plans_for(request.user), pk=plan_id)
    if permission is not Permission.VIEW_PLAN and not plans_for(request.user, permission).filter(pk=plan.pk).exists():
        raise PermissionDenied("You do not have permission to do that with this plan.")
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def sign_off(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Coordinators and approvers of the establishment, analysts and admins see it; each move has its own permission."""
    stored = _plan_or_refuse(request, plan_id, Permission.VIEW_HISTORY)
    assert isinstance(request.user, User)
    form = MoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.cleaned_data["move"] == "publish":
        # Publishing is confirmed on its own page, which shows what the public will read.
        return redirect("publish", plan_id=stored.pk)
    if request.method == "POST" and form.is_valid():
        try:
            transition = make_move(
                stored,
                form.cleaned_data["move"],
                request.user,
                note=form.cleaned_data["note"],
                sent_on=form.cleaned_data["sent_on"],
            )
        except MoveRefused as refusal:
            form.add_error(refusal.field, str(refusal))
        else:
            messages.success(request, f"The plan is now {transition.get_to_status_display().lower()}.")
            return redirect("sign-off", plan_id=stored.pk)
    findings = findings_for(load_plan(stored))
    moves = moves_for(request.user, stored)
    context = {
        "stored": stored,
        "form": form,
        "moves": moves,
        "records_sending": any(move.name == "send" for move in moves),
        "transitions": stored.transitions.select_related("by", "version"),
        "quality": totals(findings),
        "finding_groups": grouped_findings(stored, findings, may_edit=can(request.user, Permission.EDIT_PLAN, stored)),
        "versions": stored.versions.all(),
        "plan_pages": plan_pages(request.user, stored, "sign-off"),
    }
    return render(request, "workflow/sign_off.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Those who may publish the plan (its establishment's coordinators and approvers, admins), once it is sent:
    what the public will read, then the button that publishes it."""
    stored = _plan_or_refuse(request, plan_id, Permission.SEND_PLAN)
    assert isinstance(request.user, User)
    if stored.status != Status.SENT:
        messages.info(
            request,
            f"The plan is {stored.get_status_display().lower()}: only a plan sent to the "
            "inspectorate, and not yet published, can be published.",
        )
        return redirect("sign-off", plan_id=stored.pk)
    if request.method == "POST":
        try:
            make_move(stored, "publish", request.user)
        except MoveRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "The plan is now published.")
        return redirect("sign-off", plan_id=stored.pk)
    version, preview = publication_preview(stored)
    context = {
        "stored": stored,
        "version": version,
        "plan": preview,
        "plan_table": render_plan_table(preview),
        "plan_pages": plan_pages(request.user, stored, "sign-off"),
    }
    return render(request, "workflow/publish.html", context)


@login_required
@require_safe
def versions(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Coordinators and approvers of the establishment, analysts and admins."""
    stored = _plan_or_refuse(request, plan_id, Permission.VIEW_HISTORY)
    numbers = list(stored.versions.values_list("number", flat=True))
    form = CompareForm(request.GET or None, numbers=numbers)
    changes = None
    if numbers and form.is_bound and form.is_valid():
        old = get_object_or_404(PlanVersion, plan=stored, number=form.cleaned_data["old"])
        new_choice = form.cleaned_data["new"]
        if new_choice == "current":
            new_plan = load_plan(stored)
        else:
            new_plan = canonical.plan_from_dict(
                get_object_or_404(PlanVersion, plan=stored, number=int(new_choice)).document
            )
        changes = compare_plans(canonical.plan_from_dict(old.document), new_plan)
    can_restore = plans_for(request.user, Permission.EDIT_PLAN).filter(pk=stored.pk).exists()
    context = {
        "stored": stored,
        "form": form,
        "changes": changes,
        "versions": page_of(
            request, stored.versions.defer("document").select_related("created_by").order_by("-number")
        ),
        "can_restore": can_restore,
        "plan_pages": plan_pages(request.user, stored, "versions"),
    }
    return render(request, "workflow/versions.html", context)


@login_required
@require_POST
def restore(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    """Those who may edit the plan: its establishment's coordinators and admins."""
    stored = _plan_or_refuse(request, plan_id, Permission.EDIT_PLAN)
    version = get_object_or_404(PlanVersion, plan=stored, number=number)
    assert isinstance(request.user, User)
    restore_version(stored, version, request.user)
    messages.success(request, f"Version {number} has been restored. The plan is a draft again and needs approving.")
    return redirect("versions", plan_id=stored.pk)


@login_required
@require_safe
def history(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Coordinators and approvers of the establishment, analysts and admins."""
    stored = _plan_or_refuse(request, plan_id, Permission.VIEW_HISTORY)
    context = {
        "stored": stored,
        "entries": page_of(request, plan_history(stored)),
        "plan_pages": plan_pages(request.user, stored, "history"),
    }
    return render(request, "workflow/history.html", context)


@require_safe
def download(request: HttpRequest, plan_id: int, format: str) -> HttpResponse:
    """Anyone who may read the plan, as ``readable_plan`` decides (the public: the published version)."""
    if format not in FORMATS:
        raise Http404("No such format.")
    stored = get_object_or_404(plans_for(request.user), pk=plan_id)
    plan, frozen = readable_plan_frozen(request.user, stored)
    output = FORMATS[format]
    if frozen:
        # What the public and the inspectorate read changes only with delivery: rendered once per content.
        response = kept_download(request, plan, format, public=is_public(request.user))
    else:
        response = HttpResponse(write_plan(plan, format), content_type=output.media_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(plan.establishment)}-action-plan{output.suffix}"'
    return response


@login_required
@require_safe
def worklist(request: HttpRequest) -> HttpResponse:
    """Approvers and admins (those the table lets approve): the plans waiting for their approval."""
    if not may_approve_somewhere(request.user):
        raise PermissionDenied("Only approvers have plans waiting for their approval.")
    page = page_of(request, waiting_for_approval(request.user))
    today = timezone.localdate()
    rows = [{"stored": stored, "due": stored.submission_due} for stored in page]
    return render(
        request,
        "workflow/worklist.html",
        {"page": page, "rows": rows, "today": today, "submission_days": settings.ACTIONPLAN_SUBMISSION_DAYS},
    )


@require_safe
def published_plans(request: HttpRequest) -> HttpResponse:
    """Anyone, signed in or not: every plan with a published version, by establishment."""
    plans = readable_plans(AnonymousUser()).order_by(
        "inspection__establishment__name", "-inspection__report_published", "pk"
    )
    page = page_of(request, plans)
    by_establishment: dict[str, list[ActionPlan]] = defaultdict(list)
    for plan in page:
        by_establishment[plan.inspection.establishment.name].append(plan)
    return render(request, "workflow/published.html", {"establishments": dict(by_establishment), "page": page})


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    """Anyone, signed in or not: what the open data download holds, when it was made, and its licence."""
    manifest, up_to_date = published_data.described()
    context = {
        "manifest": manifest,
        "up_to_date": up_to_date,
        "columns": ACTION_COLUMNS,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "plans_folder": PLANS_FOLDER,
        "actions_file": ACTIONS_FILE,
        "schema_file": SCHEMA_FILE,
        "download_name": published_data.DOWNLOAD_NAME,
    }
    return render(request, "workflow/open_data.html", context)


@require_safe
def open_data_download(request: HttpRequest) -> HttpResponseBase:
    """Anyone, signed in or not: every published plan as canonical JSON and all their actions as CSV, in a zip."""
    manifest = published_data.current()
    etag = f'"{manifest.sha256}"'
    last_modified = manifest.made_at.timestamp()
    response: HttpResponseBase | None = get_conditional_response(request, etag=etag, last_modified=int(last_modified))
    if response is None:
        try:
            stored = manifest.path.open("rb")
        except FileNotFoundError:
            # Written afresh by another request between reading the manifest and opening the file.
            manifest = published_data.current()
            stored = manifest.path.open("rb")
            etag = f'"{manifest.sha256}"'
            last_modified = manifest.made_at.timestamp()
        response = FileResponse(
            stored, as_attachment=True, filename=published_data.DOWNLOAD_NAME, content_type="application/zip"
        )
        response["Content-Length"] = str(manifest.size)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response
