"""The workflow app."""

from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "actionplan.workflow"
    verbose_name = "Sign-off and publication"

    def ready(self) -> None:
        # Connects the signal that writes the open data download again after a publication.
        from actionplan.workflow import open_data  # noqa: F401
