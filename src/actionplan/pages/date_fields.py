"""A date field for every form: typed day first, as UK plans write dates, with errors that say how."""

from __future__ import annotations

from typing import Any

from django import forms

DATE_EXAMPLE = "27/03/2026"


class DayFirstDateField(forms.DateField):
    """A date typed day first (27/03/2026 or 27/03/26), never month first; ``what`` names it in the errors."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", f"For example, {DATE_EXAMPLE}")
        super().__init__(
            input_formats=["%d/%m/%Y", "%d/%m/%y"],
            widget=forms.DateInput(format="%d/%m/%Y"),
            error_messages={
                "required": f"Enter the date {what}",
                "invalid": f"Enter the date {what} as day/month/year, for example {DATE_EXAMPLE}",
            },
            **kwargs,
        )
