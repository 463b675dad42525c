"""URLs of the drafting app: starting a plan, adding its recommendations, answering, correcting or removing each one."""

from django.urls import path

from actionplan.drafting import views

app_name = "drafting"

urlpatterns = [
    path("plans/new/", views.start_plan, name="start"),
    path("plans/<int:plan_id>/overview/", views.overview, name="overview"),
    path("plans/<int:plan_id>/recommendations/new/", views.add_recommendation, name="add"),
    path("plans/<int:plan_id>/recommendations/paste/", views.paste_recommendations, name="paste"),
    path("plans/<int:plan_id>/recommendations/<int:rec_id>/", views.recommendation, name="recommendation"),
    path("plans/<int:plan_id>/recommendations/<int:rec_id>/wording/", views.wording, name="wording"),
    path("plans/<int:plan_id>/recommendations/<int:rec_id>/remove/", views.remove, name="remove"),
    path("plans/<int:plan_id>/upload/", views.upload_plan, name="upload"),
    path("plans/<int:plan_id>/upload/preview/", views.upload_preview, name="upload-preview"),
]
