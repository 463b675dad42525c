"""API views. Each says who may use it; the rules live in actionplan.accounts.access."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from actionplan.accounts.access import current_reading_q, listed_plans, plans_for, reads_plans_as_they_are
from actionplan.api.filters import ActionFilters, PlanFilters, filter_actions, filter_plans, read_filters
from actionplan.core import canonical
from actionplan.monitoring import clock
from actionplan.monitoring.models import TrackedAction
from actionplan.storage.models import Action, ActionPlan
from actionplan.workflow.states import readable_plan, readable_plans, with_read_status


class PlanSummarySerializer(serializers.Serializer[ActionPlan]):
    id = serializers.IntegerField()
    establishment = serializers.CharField(source="inspection.establishment.name")
    establishment_id = serializers.IntegerField(source="inspection.establishment_id")
    inspectorate = serializers.CharField(source="inspection.inspectorate.short_name")
    report_published = serializers.DateField(source="inspection.report_published", allow_null=True)
    status = serializers.CharField(
        source="read_status",
        help_text="The status of what you read: for the public and the inspectorate, the version they read.",
    )
    url = serializers.SerializerMethodField()

    def get_url(self, plan: ActionPlan) -> str:
        return reverse("api-plan", args=[plan.pk])


class ActionSerializer(serializers.Serializer[Action]):
    id = serializers.IntegerField()
    plan = serializers.IntegerField(source="recommendation.plan_id")
    establishment = serializers.CharField(source="recommendation.plan.inspection.establishment.name")
    inspectorate = serializers.CharField(source="recommendation.plan.inspection.inspectorate.short_name")
    report_published = serializers.DateField(source="recommendation.plan.inspection.report_published", allow_null=True)
    plan_status = serializers.CharField(source="recommendation.plan.status")
    recommendation = serializers.CharField(source="recommendation.ref")
    section = serializers.CharField(source="recommendation.section")
    decision = serializers.CharField(source="recommendation.decision")
    text = serializers.CharField()
    owner = serializers.CharField()
    target = serializers.CharField(source="target_text")
    target_date = serializers.DateField(allow_null=True, help_text="The last day the target allows.")
    status = serializers.CharField()
    completed_on = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue")


class Pages(PageNumberPagination):
    """A hundred rows a page unless ``page_size`` asks for fewer or more (at most 500); ``next`` and
    ``previous`` link the pages, ``count`` is the whole number."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


@extend_schema(summary="The plans you may read, a page at a time", parameters=[PlanFilters])
class PlanList(ListAPIView[ActionPlan]):
    """Anyone: the plans the caller may read (for the public, those with a published version), narrowed by the
    filters; a bad filter value gets 400 naming the parameter."""

    serializer_class = PlanSummarySerializer
    pagination_class = Pages

    def get_queryset(self) -> QuerySet[ActionPlan]:
        found = read_filters(self.request, PlanFilters)
        plans = with_read_status(self.request.user, filter_plans(readable_plans(self.request.user), found))
        if "status" in found:
            # Annotated by with_read_status, which the type stubs cannot see.
            plans = plans.filter(**{"read_status": found["status"]})
        return plans.select_related("inspection__establishment", "inspection__inspectorate").order_by(
            "inspection__establishment__name", "-inspection__report_published", "pk"
        )


class ReadsPlansAsTheyAre(BasePermission):
    """Those who read some plan as it now is; the public and the inspectorate read signed-off versions instead."""

    message = (
        "This list holds the actions of plans as they are now, which you do not read: you read the versions of plans"
        " published or sent to you. Read a plan's actions in the plan itself, at /api/plans/<id>/; the actions of"
        " every published plan are also in the open data download, at /open-data/."
    )

    def has_permission(self, request: Request, view: Any) -> bool:
        return reads_plans_as_they_are(request.user)


@extend_schema(
    summary="The actions of the plans you work on or look across, a page at a time",
    parameters=[ActionFilters],
    responses={
        200: ActionSerializer(many=True),
        403: OpenApiResponse(description="The caller reads no plan as it now is (the public, the inspectorate)."),
    },
)
class ActionList(ListAPIView[Action]):
    """Those who read plans as they now are (their establishments' staff, action owners, analysts, admins): the
    actions of those plans, narrowed by the filters. The public and the inspectorate read signed-off versions,
    whose actions are in the plans themselves (``/api/plans/<id>/``) and, for the public, the open data download:
    they are refused with a 403 saying so. A bad filter value gets 400 naming the parameter."""

    serializer_class = ActionSerializer
    pagination_class = Pages
    permission_classes = [ReadsPlansAsTheyAre]

    def permission_denied(self, request: Request, message: str | None = None, code: str | None = None) -> None:
        # The public is told where to read, as the inspectorate is, rather than asked to sign in.
        raise PermissionDenied(detail=message, code=code)

    def get_queryset(self) -> QuerySet[Action]:
        found = read_filters(self.request, ActionFilters)
        plans = listed_plans(self.request.user)
        if (current := current_reading_q(self.request.user)) is not None:
            plans = plans.filter(current)
        today = clock.today()
        actions = TrackedAction.objects.filter(recommendation__plan__in=plans.values("pk")).with_delivery(today)
        return (
            filter_actions(actions, found, today)
            .select_related(
                "recommendation__plan__inspection__establishment", "recommendation__plan__inspection__inspectorate"
            )
            .order_by(
                "recommendation__plan__inspection__establishment__name",
                "-recommendation__plan__inspection__report_published",
                "recommendation__plan",
                "recommendation__position",
                "position",
                "pk",
            )
        )


@extend_schema(
    responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="The plan as canonical JSON (actionplan/1).")},
    summary="One plan as canonical JSON",
)
@api_view(["GET", "HEAD"])
def plan_detail(request: Request, plan_id: int) -> Response:
    """Anyone who may read the plan, as ``readable_plan`` decides (the public: its published version); others 404."""
    stored = get_object_or_404(plans_for(request.user), pk=plan_id)
    data: dict[str, Any] = canonical.plan_to_dict(readable_plan(request.user, stored))
    return Response(data)
