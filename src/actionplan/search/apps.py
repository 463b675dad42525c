"""The search app: its index follows every change to plans through the signals connected here."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "actionplan.search"
    label = "search"

    def ready(self) -> None:
        from actionplan.search import indexing

        indexing.connect()
