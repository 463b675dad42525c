"""URLs of the analysis app, all under /analysis/."""

from django.urls import path

from actionplan.analysis import views

app_name = "analysis"
urlpatterns = [
    path("", views.index, name="index"),
    path("recommendations/", views.recommendation_list, name="recommendations"),
    path("recommendations.<str:format>", views.recommendation_download, name="recommendations-download"),
    path("actions/", views.action_list, name="actions"),
    path("actions.<str:format>", views.action_download, name="actions-download"),
    path("<slug:slug>/", views.analysis_page, name="analysis"),
    path("<slug:slug>.csv", views.analysis_csv, name="analysis-csv"),
]
