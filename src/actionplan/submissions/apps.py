"""The app that keeps forms from being saved twice."""

from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "actionplan.submissions"
    verbose_name = "Form submissions"
