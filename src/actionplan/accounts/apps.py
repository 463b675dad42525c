"""The accounts app."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "actionplan.accounts"
    verbose_name = "People and roles"

    def ready(self) -> None:
        # Connects the signal that notes when a person signed in.
        from actionplan.accounts import sessions  # noqa: F401
