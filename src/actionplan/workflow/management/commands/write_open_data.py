"""``manage.py write_open_data``: write the open data download of every published plan afresh."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from actionplan.workflow import open_data


class Command(BaseCommand):
    help = "Write the open data download (every published plan as JSON, and their actions as CSV) afresh."

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = open_data.rebuild()
        self.stdout.write(
            f"Wrote {manifest.path}: {manifest.plans} plans, {manifest.actions} actions, {manifest.size} bytes."
        )
