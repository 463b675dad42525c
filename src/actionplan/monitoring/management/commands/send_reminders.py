"""manage.py send_reminders: send the reminders due today; safe to run from cron hourly, or with --loop."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from actionplan.monitoring import clock
from actionplan.monitoring.reminders import send_reminders


class Command(BaseCommand):
    help = "Email action owners before, on and after their target dates, and escalate overdue actions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running, sending every --interval seconds")
        parser.add_argument("--interval", type=int, default=3600, help="seconds between runs with --loop")
        parser.add_argument("--today", type=date.fromisoformat, help="act as if today were this date (YYYY-MM-DD)")

    def handle(self, *args: Any, loop: bool, interval: int, today: date | None, **options: Any) -> None:
        while True:
            sent = send_reminders(today or clock.today())
            self.stdout.write(f"Sent {sent} reminder{'' if sent == 1 else 's'}.")
            if not loop:
                return
            time.sleep(interval)
