"""Page views. Each says who may see it; the rules themselves live in actionplan.accounts.access."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from actionplan.accounts.access import Permission, permissions_on, plans_for, role_of
from actionplan.core.writing import FORMATS
from actionplan.core.writing.web_page import render_plan_table
from actionplan.pages.paging import page_of
from actionplan.workflow.navigation import plan_pages
from actionplan.workflow.states import readable_plan, shown_status


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Anyone. Lists the plans the visitor may see: published ones for the public."""
    plans = plans_for(request.user).order_by("inspection__establishment__name", "-inspection__report_published", "pk")
    return render(request, "pages/home.html", {"plans": page_of(request, plans)})


@require_GET
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Anyone who may view this plan (see the permission table); others get 404, so plans are not probed."""
    stored = get_object_or_404(plans_for(request.user), pk=plan_id)
    plan = readable_plan(request.user, stored)
    public = role_of(request.user) is None
    granted = frozenset() if public else permissions_on(request.user, stored)
    context = {
        "stored": stored,
        "plan": plan,
        "plan_table": render_plan_table(plan),
        "public": public,
        "may_edit": Permission.EDIT_PLAN in granted,
        "may_view_progress": Permission.VIEW_PROGRESS in granted,
        "status_shown": shown_status(request.user, stored),
        "plan_pages": plan_pages(request.user, stored, "plan", granted),
        "downloads": [(name, output.label) for name, output in FORMATS.items()],
    }
    return render(request, "pages/plan.html", context)


class SignInView(auth_views.LoginView):
    """Anyone. Failed attempts are counted and locked out by django-axes."""

    template_name = "pages/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Anyone; POST only, with CSRF."""
