"""Today's date for everything in monitoring, replaceable in tests so that dates can be fixed."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def today() -> date:
    """Today in the service's time zone (Europe/London): a target due today is not overdue until tomorrow."""
    return timezone.localdate()
