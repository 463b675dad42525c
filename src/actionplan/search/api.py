"""The search API: the same search, reach and facets as the search page, as JSON a page at a time."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from actionplan.search.engine import FACET_NAMES, FACETS, QueryRefused, search
from actionplan.search.forms import MAX_QUERY_CHARACTERS


class HitSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    title = serializers.CharField()
    establishment = serializers.CharField()
    snippet = serializers.CharField(help_text="The words around the match, HTML-escaped, each match in <mark>.")
    plan = serializers.CharField(help_text="The plan it is in, in this API.")
    page = serializers.CharField(help_text="The plan's page, where it is shown.")


class FacetValueSerializer(serializers.Serializer[Any]):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    chosen = serializers.BooleanField()


_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description='The words to find; a phrase in double quotes: "first night".'),
    OpenApiParameter("page", OpenApiTypes.INT, description="Which page of 20 results."),
    *(
        OpenApiParameter(
            name, OpenApiTypes.STR, many=True, description=f"Only results whose {label.lower()} is one of these."
        )
        for name, label, _column, _shown in FACETS
    ),
]


@extend_schema(
    summary="Search what you may read",
    parameters=_PARAMETERS,
    responses={
        200: inline_serializer(
            "SearchResults",
            {
                "count": serializers.IntegerField(),
                "next": serializers.CharField(allow_null=True),
                "previous": serializers.CharField(allow_null=True),
                "results": HitSerializer(many=True),
                "facets": serializers.DictField(child=FacetValueSerializer(many=True)),
            },
        ),
        400: inline_serializer("SearchRefused", {"q": serializers.ListField(child=serializers.CharField())}),
    },
)
@api_view(["GET", "HEAD"])
def search_api(request: Request) -> Response:
    """Anyone: what the caller may read, as on the search page (the public: published versions only)."""
    query = request.query_params.get("q", "").strip()
    if len(query) > MAX_QUERY_CHARACTERS:
        return Response({"q": [f"Search for {MAX_QUERY_CHARACTERS} characters or fewer."]}, status=400)
    chosen = {name: request.query_params.getlist(name) for name in FACET_NAMES if request.query_params.getlist(name)}
    try:
        results = search(query, request.user, chosen, request.query_params.get("page"))
    except QueryRefused as refused:
        return Response({"q": [str(refused)]}, status=400)
    page = results.page
    here = request.build_absolute_uri()
    return Response(
        {
            "count": results.total,
            "next": replace_query_param(here, "page", page.next_page_number()) if page.has_next() else None,
            "previous": (
                replace_query_param(here, "page", page.previous_page_number()) if page.has_previous() else None
            ),
            "results": [
                {
                    "kind": hit.kind,
                    "kind_label": hit.kind_label,
                    "title": hit.title,
                    "establishment": hit.establishment,
                    "snippet": str(hit.snippet),
                    "plan": reverse("api-plan", args=[hit.plan_id]),
                    "page": reverse("plan", args=[hit.plan_id]),
                }
                for hit in page
            ],
            "facets": {
                facet.name: [
                    {"value": v.value, "label": v.label, "count": v.count, "chosen": v.chosen} for v in facet.values
                ]
                for facet in results.facets
            },
        }
    )
