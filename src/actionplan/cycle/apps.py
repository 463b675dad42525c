"""The inspection cycle app."""

from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "actionplan.cycle"
    verbose_name = "The inspection cycle"

    def ready(self) -> None:
        from actionplan.cycle import linking

        linking.watch_for_plans()
