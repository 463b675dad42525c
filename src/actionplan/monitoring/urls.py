"""URLs of the monitoring app."""

from django.urls import path

urlpatterns: list = []
