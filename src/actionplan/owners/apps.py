"""The owners app."""

from django.apps import AppConfig


class OwnersConfig(AppConfig):
    name = "actionplan.owners"
    verbose_name = "Owners"
