"""``manage.py load_demo``: load the fictional demo estate and accounts, and print how to sign in."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from actionplan.accounts.models import User
from actionplan.storage.demo import DEMO_PASSWORD, demo_accounts, load_demo
from actionplan.storage.models import ActionPlan


class Command(BaseCommand):
    help = "Load fictional establishments, plans and demo accounts (one per role, and one holding two posts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when plans are already stored")
        parser.add_argument("--establishments", type=int, default=6, help="how many establishments (default 6)")
        parser.add_argument("--seed", type=int, default=2026, help="seed for the generator (default 2026)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and ActionPlan.objects.exists():
            self.stdout.write("Plans are already stored; demo data not loaded.")
        else:
            load_demo(options["establishments"], seed=options["seed"])
            self.stdout.write(self.style.SUCCESS(f"Loaded {ActionPlan.objects.count()} demo plans."))
        present = set(
            User.objects.filter(username__in=[a.username for a in demo_accounts()]).values_list("username", flat=True)
        )
        if present:
            self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
            for account in demo_accounts():
                if account.username in present:
                    self.stdout.write(f"  {account.username:<12} {account.roles_label}: {account.description}")
