"""Forms of the sign-off pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from actionplan.pages.date_fields import DATE_EXAMPLE, DayFirstDateField


class MoveForm(forms.Form):
    move = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea,
        help_text="Approvals with warnings, and returns to draft, need a note. It is kept with the plan's record.",
        max_length=5000,
    )
    sent_on = DayFirstDateField(
        what="the plan was sent",
        label="Date sent to the inspectorate",
        required=False,
        initial=timezone.localdate,
        help_text=f"For example, {DATE_EXAMPLE}. Left empty, it is today.",
    )


class CompareForm(forms.Form):
    old = forms.TypedChoiceField(label="Compare version", coerce=int)
    new = forms.ChoiceField(label="with")

    def __init__(self, *args: object, numbers: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["old"].choices = [(n, f"Version {n}") for n in numbers]  # type: ignore[attr-defined]
        self.fields["new"].choices = [("current", "The plan as it is now")] + [  # type: ignore[attr-defined]
            (str(n), f"Version {n}") for n in numbers
        ]
