"""Page views. Each says who may see it; the rules themselves live in actionplan.accounts.access."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from actionplan import __version__
from actionplan.accounts.access import Permission, permissions_on, plans_for, role_of
from actionplan.core.writing import FORMATS
from actionplan.core.writing.web_page import render_plan_table
from actionplan.monitoring.dashboard import changes_seen
from actionplan.owners.views import waiting_banner
from actionplan.pages.paging import page_of
from actionplan.storage.models import ActionPlan
from actionplan.workflow.navigation import plan_pages
from actionplan.workflow.renditions import kept_table
from actionplan.workflow.states import (
    published_version,
    read_status,
    readable_plan_frozen,
    readable_plans,
    shown_status,
)

# How long the public's page of a plan is kept at most; any change to the plan or its delivery renews it sooner.
PUBLIC_PAGE_SECONDS = 600


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Anyone. Lists the plans the visitor may read (those with a published version for the public), each with the
    status of what the visitor reads of it."""
    plans = readable_plans(request.user).order_by(
        "inspection__establishment__name", "-inspection__report_published", "pk"
    )
    page = page_of(request, plans.select_related("inspection__establishment", "inspection__inspectorate"))
    rows = []
    for stored in page:
        status = read_status(request.user, stored)
        rows.append({"stored": stored, "status": status.label, "colour": ActionPlan.colour_of(status)})
    return render(request, "pages/home.html", {"plans": page, "rows": rows})


@require_safe
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Anyone who may view this plan (see the permission table); others get 404, so plans are not probed."""
    stored = get_object_or_404(plans_for(request.user), pk=plan_id)
    public = role_of(request.user) is None
    kept_as = _public_page_key(request, stored) if public else None
    if kept_as is not None and (page := cache.get(kept_as)) is not None:
        return HttpResponse(page)
    plan, frozen = readable_plan_frozen(request.user, stored)
    granted = frozenset() if public else permissions_on(request.user, stored)
    context = {
        "stored": stored,
        "plan": plan,
        # What the public and the inspectorate read is kept once rendered; a plan being worked on, on every visit.
        "plan_table": kept_table(plan) if frozen else render_plan_table(plan),
        "public": public,
        "may_edit": Permission.EDIT_PLAN in granted,
        # Owners waiting for a person are the editors' to match: the page tells them how many.
        "owners_waiting": waiting_banner(stored) if Permission.EDIT_PLAN in granted else None,
        "may_view_progress": Permission.VIEW_PROGRESS in granted,
        "status_shown": shown_status(request.user, stored),
        "plan_pages": plan_pages(request.user, stored, "plan", granted),
        "downloads": [(name, output.label) for name, output in FORMATS.items()],
    }
    response = render(request, "pages/plan.html", context)
    if kept_as is not None:
        cache.set(kept_as, response.content, PUBLIC_PAGE_SECONDS)
    return response


def _public_page_key(request: HttpRequest, stored: ActionPlan) -> str | None:
    """Where the public's page of the plan is kept: per published version and state of delivery, for a visitor
    with no session or message waiting (whose page would differ); None when it is not to be kept."""
    if not settings.ACTIONPLAN_KEEP_RENDERED:
        return None
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME) or request.COOKIES.get("messages"):
        return None
    version = published_version(stored)
    if version is None:
        return None
    return f"public-plan-page:{__version__}:{stored.pk}:{version.pk}:{changes_seen()}"


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Anyone, no sign-in (a load balancer asks it): 200 while the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unreachable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


class SignInView(auth_views.LoginView):
    """Anyone. Failed attempts are counted and locked out by django-axes."""

    template_name = "pages/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Anyone; POST only, with CSRF."""
