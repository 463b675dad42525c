"""The storage app."""

from django.apps import AppConfig


class StorageConfig(AppConfig):
    name = "actionplan.storage"
    verbose_name = "Plans"
