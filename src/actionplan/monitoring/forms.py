"""The forms of monitoring: a progress update with evidence, a new target date, a judgement, an implementation check."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings

from actionplan.core.dates import long_date
from actionplan.core.plan import ProgressLevel
from actionplan.core.targets import Target, TargetKind, parse_target
from actionplan.monitoring import clock
from actionplan.monitoring.evidence import Kind, allowed_description, check_evidence
from actionplan.monitoring.models import ImplementationCheck
from actionplan.pages.date_fields import DayFirstDateField
from actionplan.storage.models import Action

MAX_FILES = 10


def _today() -> date:
    # Looked up on each call, so that the date a test fixes is the one checked.
    return clock.today()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Any number of files (up to MAX_FILES), each checked by its content."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[tuple[Any, Kind]]:
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(f"Choose {MAX_FILES} files or fewer")
        checked, errors = [], []
        for upload in uploads:
            super().clean(upload, initial)
            try:
                checked.append((upload, check_evidence(upload)))
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return checked


class UpdateForm(forms.Form):
    note = forms.CharField(
        label="What has happened since the last update?",
        widget=forms.Textarea,
        error_messages={"required": "Enter what has happened since the last update"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action's status"},
    )
    completed_on = DayFirstDateField(
        what="completed",
        label="Date completed",
        required=False,
        not_in_future=True,
        today=_today,
        help_text="For example, 27 3 2026. Leave it empty for today.",
    )
    cancellation_reason = forms.CharField(
        label="Why the action is cancelled",
        widget=forms.Textarea,
        required=False,
    )
    evidence = EvidenceField(label="Evidence (optional)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "evidence"
        ].help_text = (
            f"{allowed_description()}; each smaller than {settings.ACTIONPLAN_EVIDENCE_MAX_BYTES // (1024 * 1024)} MB."
        )

    def clean(self) -> dict[str, Any]:
        """The date completed counts only for Completed, the reason only for Cancelled.

        Each sits under its status on the page, shown only while chosen; without JavaScript both are shown,
        and one filled in before choosing another status is not what the person now means.
        """
        data = super().clean() or {}
        status = data.get("status")
        if status != Action.Status.COMPLETED:
            self.errors.pop("completed_on", None)
            data["completed_on"] = None
        if status != Action.Status.CANCELLED:
            data["cancellation_reason"] = ""
        elif not data.get("cancellation_reason", "").strip():
            self.add_error("cancellation_reason", "Enter why the action is cancelled")
        return data


class TargetForm(forms.Form):
    target = forms.CharField(
        label="New target date",
        max_length=100,
        help_text="For example, 31/03/2026, March 2026 or Q1 2026.",
        error_messages={"required": "Enter the new target date"},
    )
    reason = forms.CharField(
        label="Why the target date is changing",
        widget=forms.Textarea,
        error_messages={"required": "Enter why the target date is changing"},
    )

    def clean_target(self) -> Target:
        target = parse_target(self.cleaned_data["target"])
        if target.kind is not TargetKind.DATE or target.date is None:
            raise forms.ValidationError(
                "Enter the new target as a date, a month, a quarter or a year, for example 31/03/2026"
            )
        today = clock.today()
        # A target is moved to give more time: a date already past would make the action overdue at once.
        if target.date < today:
            raise forms.ValidationError(
                f"The new target date must be today or in the future: {target.text} is before today"
                f" ({long_date(today)})"
            )
        return target


class JudgementForm(forms.Form):
    level = forms.ChoiceField(
        label="Progress",
        choices=[(level.value, level.label) for level in ProgressLevel],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the progress made"},
    )
    judged_on = DayFirstDateField(
        what="of the judgement", label="Date of the judgement", not_in_future=True, today=_today
    )
    comment = forms.CharField(label="Comment", widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, published: date | None, **kwargs: Any) -> None:
        """``published``: when the report was, as progress on it cannot be judged before then."""
        super().__init__(*args, **kwargs)
        self.published = published

    def clean_judged_on(self) -> date:
        judged_on: date = self.cleaned_data["judged_on"]
        if self.published and judged_on < self.published:
            raise forms.ValidationError(
                f"The date of the judgement must be on or after the day the report was published,"
                f" {long_date(self.published)}"
            )
        return judged_on


class CheckForm(forms.Form):
    verdict = forms.ChoiceField(
        label="Is this recommendation implemented?",
        choices=ImplementationCheck.Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the recommendation is implemented"},
    )
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False)


class DashboardFilterForm(forms.Form):
    """The dashboard's filters; what each offers comes from the figures in reach."""

    establishment = forms.ChoiceField(label="Establishment", required=False)
    inspectorate = forms.ChoiceField(label="Inspectorate", required=False)
    year = forms.ChoiceField(label="Year of report", required=False)
    owner = forms.ChoiceField(label="Owner", required=False)

    def __init__(self, data: Any, options: Any) -> None:
        super().__init__(data)
        everything = [("", "All")]
        choices = {
            "establishment": [(str(pk), name) for pk, name in options.establishments],
            "inspectorate": [(str(pk), name) for pk, name in options.inspectorates],
            "year": [(str(year), str(year)) for year in options.years],
            "owner": list(options.owners),
        }
        for name, found in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = everything + found
