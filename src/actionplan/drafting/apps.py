"""The drafting app."""

from django.apps import AppConfig


class DraftingConfig(AppConfig):
    name = "actionplan.drafting"
    verbose_name = "Drafting"
