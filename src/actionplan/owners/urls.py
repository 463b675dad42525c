"""URLs of the owners app: matching a plan's owners, and an establishment's owner directory."""

from django.urls import path

from actionplan.owners import views

app_name = "owners"

urlpatterns = [
    path("plans/<int:plan_id>/owners/", views.match_owners, name="match"),
    path("establishments/<int:establishment_id>/owners/", views.directory, name="directory"),
]
