"""``{% govuk_pagination page %}``: the GOV.UK pagination component under a list shown a page at a time."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.paginator import Page
from django.utils.safestring import SafeString
from govuk_frontend_django.components import pagination as component

from actionplan.pages.paging import pagination

register = template.Library()


@register.simple_tag(takes_context=True)
def govuk_pagination(context: template.Context, page: Page[Any], param: str = "page") -> SafeString | str:
    found = pagination(context["request"], page, param)
    if found is None:
        return ""
    # The macro port takes plain dicts for nested items, as the Nunjucks macros do.
    return SafeString(component.COMPONENT(**found).render())
