"""URLs of the API, and its OpenAPI description."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from actionplan.api import views

urlpatterns = [
    path("api/plans/", views.PlanList.as_view(), name="api-plans"),
    path("api/plans/<int:plan_id>/", views.plan_detail, name="api-plan"),
    path("api/actions/", views.ActionList.as_view(), name="api-actions"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
