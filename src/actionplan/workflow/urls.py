"""URLs of sign-off, versions, history, downloads and the public list."""

from django.urls import path

from actionplan.workflow import views

urlpatterns = [
    path("published/", views.published_plans, name="published"),
    path("open-data/", views.open_data, name="open-data"),
    path("open-data/actionplan-published-plans.zip", views.open_data_download, name="open-data-download"),
    path("to-approve/", views.worklist, name="worklist"),
    path("plans/<int:plan_id>/sign-off/", views.sign_off, name="sign-off"),
    path("plans/<int:plan_id>/publish/", views.publish, name="publish"),
    path("plans/<int:plan_id>/versions/", views.versions, name="versions"),
    path("plans/<int:plan_id>/versions/<int:number>/restore/", views.restore, name="restore-version"),
    path("plans/<int:plan_id>/history/", views.history, name="history"),
    path("plans/<int:plan_id>/download/<str:format>/", views.download, name="download"),
]
