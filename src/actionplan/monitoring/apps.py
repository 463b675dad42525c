"""The monitoring app."""

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "actionplan.monitoring"
    verbose_name = "Monitoring delivery"
