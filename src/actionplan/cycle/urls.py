"""URLs of the inspection cycle: an establishment's timeline, repeats, follow-up and their analyses."""

from django.urls import path

from actionplan.cycle import views

app_name = "cycle"
urlpatterns = [
    path("establishments/<int:establishment_id>/cycle/", views.timeline, name="timeline"),
    path("recommendations/<int:recommendation_id>/cycle/", views.recommendation, name="recommendation"),
    path("plans/<int:plan_id>/repeats/", views.repeats, name="repeats"),
    path("plans/<int:plan_id>/follow-up/", views.follow_up, name="follow-up"),
    path("analysis/repeated/", views.repeated_analysis, name="repeated"),
    path("analysis/repeated.csv", views.repeated_analysis_csv, name="repeated-csv"),
    path("analysis/follow-up/", views.follow_up_analysis, name="follow-up-analysis"),
    path("analysis/follow-up.csv", views.follow_up_analysis_csv, name="follow-up-csv"),
]
