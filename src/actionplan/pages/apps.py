"""The pages app."""

from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "actionplan.pages"
    verbose_name = "Pages"
