"""``manage.py serve``: prepare the database and static files, then hand over to gunicorn."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Migrate, create the cache table, collect static files, then serve with gunicorn (see README)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-prepare", action="store_true", help="serve at once (another server has prepared)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_prepare"]:
            call_command("migrate", interactive=False, verbosity=0)
            # Only the database cache (CACHE_URL=db://) has a table; for the others this does nothing.
            call_command("createcachetable", verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("Serving with gunicorn (settings from actionplan.gunicorn_config).")
        self.stdout.flush()
        # gunicorn replaces this process, so a supervisor's signals reach it directly.
        os.execv(  # noqa: S606 - a fixed command: this Python running gunicorn
            sys.executable,
            [sys.executable, "-m", "gunicorn", "-c", "python:actionplan.gunicorn_config", "actionplan.wsgi"],
        )
