"""The workflow app."""

from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "actionplan.workflow"
    verbose_name = "Sign-off and publication"
