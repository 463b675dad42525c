"""The similar answers app."""

from django.apps import AppConfig


class SimilarConfig(AppConfig):
    name = "actionplan.similar"
    verbose_name = "Similar answers"

    def ready(self) -> None:
        from actionplan.similar.index import follow_changes

        follow_changes()
