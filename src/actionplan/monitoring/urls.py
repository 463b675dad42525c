"""URLs of the monitoring app."""

from django.urls import path

from actionplan.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("my-actions/", views.my_actions, name="my-actions"),
    path("actions/<int:action_id>/", views.action_detail, name="action"),
    path("actions/<int:action_id>/target/", views.change_target, name="change-target"),
    path("evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("recommendations/<int:recommendation_id>/judgement/", views.record_judgement, name="judgement"),
    path("recommendations/<int:recommendation_id>/implementation/", views.check_implementation, name="check"),
    path("plans/<int:plan_id>/progress/", views.plan_progress, name="plan-progress"),
    path("plans/<int:plan_id>/progress-report.<str:format>", views.progress_report, name="progress-report"),
    path("dashboard/", views.estate_dashboard, name="dashboard"),
    path(
        "establishments/<int:establishment_id>/dashboard/",
        views.establishment_dashboard,
        name="establishment-dashboard",
    ),
]
