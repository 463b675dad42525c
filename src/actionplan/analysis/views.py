"""Analysis pages and the lists behind their numbers: who may see them is who may see the estate dashboard.

Analysts and admins see the whole estate; coordinators, approvers and action owners see their own establishments
(VIEW_DASHBOARD); everyone else is refused, as on the dashboard.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from actionplan.accounts.access import Permission, can_view_estate_dashboard, establishments_for
from actionplan.analysis import scope
from actionplan.analysis.figures import ANALYSES, Analysis, Table, kept_build
from actionplan.analysis.scope import FilterForm, Filters, ListForm
from actionplan.core.plan import Decision, ProgressLevel
from actionplan.core.writing.tabular import Value, render_table_csv, render_table_xlsx
from actionplan.monitoring import clock, dashboard
from actionplan.pages.paging import page_of

_DECISIONS = {decision.value: decision.label for decision in Decision}
_LEVELS = {level.value: level.label for level in ProgressLevel}
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _reach(request: HttpRequest) -> dashboard.Reach:
    """The establishments the person's dashboard covers; refused when they have no dashboard."""
    if can_view_estate_dashboard(request.user):
        return dashboard.reach_of(None)
    establishments = establishments_for(request.user, Permission.VIEW_DASHBOARD)
    if not establishments.exists():
        raise PermissionDenied
    return dashboard.reach_of(establishments)


def _refused(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """The page with the filters' errors summarised at its top, and nothing counted from filters that cannot be."""
    return render(request, template, context, status=400)


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Who may see a dashboard (VIEW_DASHBOARD): the analyses offered; others 403."""
    reach = _reach(request)
    return render(
        request, "analysis/index.html", {"analyses": ANALYSES.values(), "estate": reach.establishments is None}
    )


def _analysis(request: HttpRequest, slug: str) -> tuple[Analysis, FilterForm, Table | None]:
    analysis = ANALYSES.get(slug)
    if analysis is None:
        raise Http404
    reach = _reach(request)
    today = clock.today()
    dimensions = {dimension.name: dimension for dimension in analysis.dimensions}
    form = FilterForm(request.GET, scope.options(reach, today), by=[(d.name, d.label) for d in analysis.dimensions])
    if not form.is_valid():
        return analysis, form, None
    by = dimensions[form.cleaned_data["by"] or analysis.dimensions[0].name]
    return analysis, form, kept_build(analysis, reach, Filters.of(form.cleaned_data), by, today)


@login_required
@require_safe
def analysis_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Who may see a dashboard (VIEW_DASHBOARD), counting what their dashboard counts; others 403."""
    analysis, form, table = _analysis(request, slug)
    lines = page_of(request, table.lines) if table else None
    context: dict[str, Any] = {
        "analysis": analysis,
        "form": form,
        "table": table,
        # A long table (an owner or establishment a row) is shown a page at a time; its CSV file has every row.
        "lines": lines,
        "csv_url": f"{reverse('analysis:analysis-csv', args=[slug])}?{request.GET.urlencode()}".rstrip("?"),
    }
    if table is None:
        return _refused(request, "analysis/analysis.html", context)
    context["shown"] = [(line.label, table.numbers(line)) for line in lines or []]
    context["total"] = table.numbers(table.total)
    return render(request, "analysis/analysis.html", context)


def _csv_response(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _refused_download(form: Any) -> HttpResponse:
    errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
    return HttpResponse(
        f"The download was not made: {errors}. Go back and choose the filters again.",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@login_required
@require_safe
def analysis_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """As the analysis page: its table, every row, as CSV."""
    _, form, table = _analysis(request, slug)
    if table is None:
        return _refused_download(form)
    rows: list[list[Value]] = [[line.label, *line.values] for line in [*table.lines, table.total]]
    return _csv_response(render_table_csv([table.first, *table.headings], rows), slug)


def _list_form(request: HttpRequest) -> tuple[dashboard.Reach, ListForm]:
    reach = _reach(request)
    today = clock.today()
    return reach, ListForm(
        request.GET, scope.options(reach, today), owners=lambda: dashboard.cached_options(reach, today).owners
    )


# What a number stands for, beyond the filters every page takes.
_NARROWING = [name for name in ListForm.base_fields if name not in FilterForm.base_fields]


def _narrowed_by(form: ListForm) -> list[tuple[str, str]]:
    """What the list is narrowed to beyond the filters, named for the person: (what, to which)."""
    found = []
    for name in _NARROWING:
        value = form.cleaned_data.get(name)
        if not value:
            continue
        field = form.fields[name]
        labels = form.owners() if name == "owner" else dict(getattr(field, "choices", []))
        values = value if isinstance(value, list) else [value]
        found.append((str(field.label), ", ".join(str(labels.get(one, one)) for one in values)))
    return found


def _hidden(query: QueryDict) -> list[tuple[str, str]]:
    """The narrowing kept as hidden fields when the person changes a filter."""
    return [(name, value) for name in _NARROWING for value in query.getlist(name) if value]


def _recommendations(reach: dashboard.Reach, form: ListForm) -> QuerySet[Any]:
    found = scope.narrow_recommendations(
        scope.recommendations_in(reach, Filters.of(form.cleaned_data)), form.cleaned_data
    )
    return (
        scope.with_latest_judgement(found)
        .select_related("plan__inspection__establishment", "plan__inspection__inspectorate")
        # In the order of the (plan, position) index, so that a page of a long list is read without sorting it all.
        .order_by("plan_id", "position")
    )


def _actions(reach: dashboard.Reach, form: ListForm) -> QuerySet[Any]:
    found = scope.narrow_actions(
        scope.actions_in(reach, Filters.of(form.cleaned_data)), form.cleaned_data, clock.today()
    )
    # In the order of the (recommendation, position) index, as recommendations are listed.
    return found.select_related("recommendation__plan__inspection__establishment").order_by(
        "recommendation_id", "position"
    )


def _list_page(request: HttpRequest, kind: str) -> HttpResponse:
    reach, form = _list_form(request)
    context: dict[str, Any] = {"form": form, "kind": kind, "hidden": [], "page": None}
    context["heading"] = "Recommendations" if kind == "recommendations" else "Actions"
    if not form.is_valid():
        return _refused(request, "analysis/list.html", context)
    found = _recommendations(reach, form) if kind == "recommendations" else _actions(reach, form)
    query = request.GET.copy()
    query.pop("page", None)
    context |= {
        "page": page_of(request, found),
        "narrowed_by": _narrowed_by(form),
        "hidden": _hidden(request.GET),
        "decisions": _DECISIONS,
        "levels": _LEVELS,
        "csv_url": _download_url(kind, "csv", query.urlencode()),
        "xlsx_url": _download_url(kind, "xlsx", query.urlencode()),
    }
    return render(request, "analysis/list.html", context)


def _download_url(kind: str, format: str, query: str) -> str:
    url = reverse(f"analysis:{kind}-download", args=[format])
    return f"{url}?{query}" if query else url


@login_required
@require_safe
def recommendation_list(request: HttpRequest) -> HttpResponse:
    """Who may see a dashboard (VIEW_DASHBOARD): the recommendations it counts, narrowed; others 403."""
    return _list_page(request, "recommendations")


@login_required
@require_safe
def action_list(request: HttpRequest) -> HttpResponse:
    """Who may see a dashboard (VIEW_DASHBOARD): the actions it counts, narrowed; others 403."""
    return _list_page(request, "actions")


RECOMMENDATION_HEADINGS = [
    "Establishment",
    "Inspectorate",
    "Report published",
    "Ref",
    "Section",
    "Recommendation",
    "Decision",
    "Reasons stated",
    "Response",
    "Latest judgement",
]
ACTION_HEADINGS = [
    "Establishment",
    "Report published",
    "Ref",
    "Section",
    "Decision",
    "Action",
    "Responsible owner",
    "Target as written",
    "Target date",
    "Status",
    "Completed on",
    "Times target moved",
]


def _recommendation_rows(found: QuerySet[Any]) -> Iterator[list[Value]]:
    for rec in found.iterator(chunk_size=2000):
        yield [
            rec.plan.inspection.establishment.name,
            rec.plan.inspection.inspectorate.short_name,
            rec.plan.inspection.report_published,
            rec.ref,
            rec.section,
            rec.text,
            _DECISIONS.get(rec.decision, ""),
            ", ".join(rec.reasons),
            rec.response,
            _LEVELS.get(rec.judgement or "", ""),
        ]


def _action_rows(found: QuerySet[Any]) -> Iterator[list[Value]]:
    statuses = dict(scope.Status.choices)
    for action in (
        scope.with_delivery_figures(found).select_related("recommendation__plan__inspection").iterator(chunk_size=2000)
    ):
        rec = action.recommendation
        yield [
            rec.plan.inspection.establishment.name,
            rec.plan.inspection.report_published,
            rec.ref,
            rec.section,
            _DECISIONS.get(rec.decision, ""),
            action.text,
            action.owner,
            action.target_text,
            action.target_date,
            statuses.get(action.status, action.status),
            action.completed_on,
            action.moves or 0,
        ]


def _download(request: HttpRequest, kind: str, format: str) -> HttpResponse:
    if format not in ("csv", "xlsx"):
        raise Http404
    reach, form = _list_form(request)
    if not form.is_valid():
        return _refused_download(form)
    if kind == "recommendations":
        headings, rows = RECOMMENDATION_HEADINGS, _recommendation_rows(_recommendations(reach, form))
    else:
        headings, rows = ACTION_HEADINGS, _action_rows(_actions(reach, form))
    if format == "csv":
        return _csv_response(render_table_csv(headings, rows), kind)
    response = HttpResponse(render_table_xlsx(kind.capitalize(), headings, rows), content_type=_XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind}.xlsx"'
    return response


@login_required
@require_safe
def recommendation_download(request: HttpRequest, format: str) -> HttpResponse:
    """As the list of recommendations: all of it, as CSV or Excel."""
    return _download(request, "recommendations", format)


@login_required
@require_safe
def action_download(request: HttpRequest, format: str) -> HttpResponse:
    """As the list of actions: all of it, as CSV or Excel."""
    return _download(request, "actions", format)
