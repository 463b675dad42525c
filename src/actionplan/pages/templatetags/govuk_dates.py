"""Template filters that show dates and times the GOV.UK way, in the service's time zone.

``{{ day|govuk_date }}`` gives "29 November 2026", ``{{ moment|govuk_datetime }}`` "1 December 2026 at 9:05am"
and ``{{ moment|govuk_time }}`` "7:14pm". Nothing (None or "") gives "", so ``|default:`` still works after them.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

from actionplan.core.dates import date_and_time, long_date, time_of_day

register = template.Library()


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.filter
def govuk_date(value: date | datetime | None) -> str:
    if not value:
        return ""
    return long_date(_local(value) if isinstance(value, datetime) else value)


@register.filter
def govuk_datetime(value: datetime | None) -> str:
    return date_and_time(_local(value)) if value else ""


@register.filter
def govuk_time(value: datetime | None) -> str:
    return time_of_day(_local(value)) if value else ""
