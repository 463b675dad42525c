"""Page views. Each says who may see it; the rules themselves live in actionplan.accounts.access."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.http import require_http_methods, require_safe

from actionplan import __version__
from actionplan.accounts.access import Permission, is_public, permissions_on, plans_for
from actionplan.accounts.models import Role, User
from actionplan.accounts.sessions import renew_session, session_seconds_left
from actionplan.core.writing import FORMATS
from actionplan.core.writing.web_page import render_plan_table
from actionplan.cycle.shown import plan_cycle
from actionplan.monitoring.dashboard import changes_seen
from actionplan.owners.views import waiting_banner
from actionplan.pages.paging import page_of
from actionplan.storage.models import ActionPlan
from actionplan.workflow.navigation import plan_pages
from actionplan.workflow.renditions import kept_table
from actionplan.workflow.states import (
    publication,
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
    # The posts the person holds, with where, so that someone holding several sees which list this is.
    held = (
        request.user.memberships.select_related("establishment", "inspectorate")
        if isinstance(request.user, User) and not is_public(request.user)
        else []
    )
    posts = [post.title for post in sorted(held, key=lambda post: (list(Role).index(Role(post.role)), post.title))]
    return render(request, "pages/home.html", {"plans": page, "rows": rows, "posts": posts})


@require_safe
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Anyone who may view this plan (see the permission table); others get 404, so plans are not probed."""
    stored = get_object_or_404(plans_for(request.user), pk=plan_id)
    public = is_public(request.user)
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
        # When and by whom it was published: for those who work on the plan, never for the public.
        "publication": publication(stored) if Permission.VIEW_HISTORY in granted else None,
        "status_shown": shown_status(request.user, stored),
        "plan_pages": plan_pages(request.user, stored, "plan", granted),
        "downloads": [(name, output.label) for name, output in FORMATS.items()],
        "cycle": plan_cycle(request.user, stored, plan),
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


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    """Anyone, no sign-in: the accessibility statement."""
    return render(request, "pages/about/accessibility.html")


@require_safe
def cookies(request: HttpRequest) -> HttpResponse:
    """Anyone, no sign-in: the cookies the service sets, all of them essential."""
    context = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
        "max_hours": settings.ACTIONPLAN_SESSION_MAX_AGE // 3600,
    }
    return render(request, "pages/about/cookies.html", context)


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """Anyone, no sign-in: the privacy notice."""
    return render(request, "pages/about/privacy.html")


@require_safe
def signed_out(request: HttpRequest) -> HttpResponse:
    """Anyone: where the session timeout warning sends a person it has signed out."""
    return render(request, "pages/signed_out.html", {"idle_minutes": settings.SESSION_COOKIE_AGE // 60})


@require_http_methods(["GET", "POST"])
def session(request: HttpRequest) -> JsonResponse:
    """Anyone signed in (the timeout warning): GET answers the seconds left before the sign-in ends for want of use,
    without counting as use (another tab may have been used meanwhile); POST ("Stay signed in") starts the idle
    timeout again first. 403 once the sign-in has already ended."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=403)
    if request.method == "POST":
        renew_session(request)
    return JsonResponse({"signed_in": True, "seconds_left": session_seconds_left(request)})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Anyone whose form came without its security token or with an old one (CSRF_FAILURE_VIEW)."""
    return render(request, "403_csrf.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Anyone (handler400). The request itself may be unusable (a host not allowed), so it is not read."""
    return _without_request("400.html", 400)


def server_error(request: HttpRequest) -> HttpResponse:
    """Anyone (handler500). Nothing that failed (the database, a context processor) is needed to show it."""
    return _without_request("500.html", 500)


def _without_request(template_name: str, status: int) -> HttpResponse:
    page = loader.get_template(template_name).render({"service_name": settings.ACTIONPLAN_SERVICE_NAME})
    return HttpResponse(page, status=status)
