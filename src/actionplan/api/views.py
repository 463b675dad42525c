"""API views. Each says who may use it; the rules live in actionplan.accounts.access."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.generics import ListAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from actionplan.accounts.access import plans_for
from actionplan.core import canonical
from actionplan.storage.models import ActionPlan
from actionplan.workflow.states import read_status, readable_plan, readable_plans


class PlanSummarySerializer(serializers.Serializer[ActionPlan]):
    id = serializers.IntegerField()
    establishment = serializers.CharField(source="inspection.establishment.name")
    inspectorate = serializers.CharField(source="inspection.inspectorate.short_name")
    report_published = serializers.DateField(source="inspection.report_published", allow_null=True)
    status = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_status(self, plan: ActionPlan) -> str:
        """The status of what the caller reads: for the public and the inspectorate, the version they read."""
        return read_status(self.context["request"].user, plan).value

    def get_url(self, plan: ActionPlan) -> str:
        return reverse("api-plan", args=[plan.pk])


class PlanPages(PageNumberPagination):
    """A hundred plans a page; ``next`` and ``previous`` link the pages, ``count`` is the whole number."""

    page_size = 100


@extend_schema(summary="The plans you may read, a page at a time")
class PlanList(ListAPIView[ActionPlan]):
    """Anyone: the plans the caller may read (for the public, those with a published version)."""

    serializer_class = PlanSummarySerializer
    pagination_class = PlanPages

    def get_queryset(self) -> QuerySet[ActionPlan]:
        return readable_plans(self.request.user).order_by(
            "inspection__establishment__name", "-inspection__report_published", "pk"
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
