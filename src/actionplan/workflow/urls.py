"""URLs of the workflow app."""

from django.urls import path

urlpatterns: list = []
