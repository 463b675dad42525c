"""The analysis app."""

from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "actionplan.analysis"
    verbose_name = "Analysis across the estate"
