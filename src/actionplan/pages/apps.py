"""The pages app."""

from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "actionplan.pages"
    verbose_name = "Pages"

    def ready(self) -> None:
        from actionplan.pages import components

        components.install()
