"""``{% submission_token %}``: a hidden one-time token for a form, written beside ``{% csrf_token %}``."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from actionplan.submissions.models import TOKEN_FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, new_token())
