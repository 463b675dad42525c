"""The API app."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "actionplan.api"
    verbose_name = "API"
