"""The monitoring app."""

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "actionplan.monitoring"
    verbose_name = "Monitoring delivery"

    def ready(self) -> None:
        from actionplan.monitoring import (
            checks,  # noqa: F401  (registers the settings checks)
            dashboard,
        )

        dashboard.watch_for_changes()
