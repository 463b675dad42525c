"""Long lists shown a page at a time, with the GOV.UK pagination component to move between pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50
T = TypeVar("T")


def page_of(request: HttpRequest, items: QuerySet[Any] | Sequence[T], *, param: str = "page") -> Page[Any]:
    """The page asked for in ``?page=`` (``param``); a number out of range or not a number gives the nearest page."""
    return Paginator(items, PER_PAGE).get_page(request.GET.get(param))


def pagination(request: HttpRequest, page: Page[Any], param: str = "page") -> dict[str, Any] | None:
    """What the GOV.UK pagination macro takes for this page (None when everything fits on one)."""
    if page.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return f"?{query.urlencode()}"

    items: list[dict[str, Any]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if isinstance(number, int):
            items.append({"number": str(number), "href": href(number), "current": number == page.number})
        else:  # Paginator.ELLIPSIS, where pages are left out
            items.append({"ellipsis": True})
    found: dict[str, Any] = {"items": items}
    if page.has_previous():
        found["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        found["next"] = {"href": href(page.next_page_number())}
    return found
