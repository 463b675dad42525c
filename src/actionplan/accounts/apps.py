"""The accounts app."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "actionplan.accounts"
    verbose_name = "People and roles"
