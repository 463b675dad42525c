"""``{% list_href "actions" filters by="owner" key=row.key state="overdue" %}``: the list behind a number."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.urls import reverse

from actionplan.analysis.scope import NONE, address
from actionplan.storage.models import Action

register = template.Library()

_STATUSES = {label: value for value, label in Action.Status.choices}


@register.simple_tag
def list_href(
    kind: str,
    filters: dict[str, Any],
    by: str | None = None,
    key: object = None,
    status_label: str | None = None,
    month_label: str | None = None,
    **extra: Any,
) -> str:
    """The address of the list of ``kind`` ("actions" or "recommendations") behind a number: the page's filters,
    the row's (``by`` set to ``key``; blank keys stand for "not recorded"), and what the number counts (``decision``:
    one or several, comma separated).

    A row's owner narrows the page's owner further (an action of both), never replaces it.
    """
    query: dict[str, Any] = dict(filters)
    if by is not None:
        value = str(key) if key not in (None, "") else NONE
        if by == "owner":
            query["owner"] = list(dict.fromkeys([*query.get("owner", []), value]))
        else:
            query[by] = value
    if status_label is not None:
        query["status"] = _STATUSES[status_label]
    if "decision" in extra:  # several, comma separated
        extra["decision"] = extra["decision"].split(",")
    if month_label is not None:
        query["completed_month"] = datetime.strptime(month_label, "%b %Y").strftime("%Y-%m")
    return address(reverse(f"analysis:{kind}"), query, extra)
