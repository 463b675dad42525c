"""URLs of the drafting app."""

from django.urls import path

urlpatterns: list = []
