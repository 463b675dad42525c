"""URLs of handing posts and organisations over."""

from django.urls import path

from actionplan.owners import handover

app_name = "handover"
urlpatterns = [
    path("owners/<int:owner_id>/holders/", handover.holders, name="holders"),
]
