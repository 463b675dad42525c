"""The forms of drafting: the inspection, a recommendation, a pasted list, an upload, an answer and its actions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from actionplan.core import plan as core
from actionplan.core.errors import PlanError
from actionplan.core.reading import Reading
from actionplan.core.reading.limits import LimitExceeded
from actionplan.core.targets import TargetKind, parse_target
from actionplan.pages.date_fields import DayFirstDateField
from actionplan.storage.models import ActionPlan, Establishment, Inspection, Recommendation
from actionplan.storage.reading import read_uploaded

TARGET_EXAMPLES = "March 2020, 31/03/2020 or Q1 2020, or Completed"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def refused(what: str, error: LimitExceeded) -> str:
    """The message for a file or text refused by a reading limit or the reading budget."""
    return (
        f"{what} was not read: {error.reason}, and an action plan stays well within that."
        " Check you chose the right plan, or ask an administrator about the limit"
    )


class StartPlanForm(forms.Form):
    establishment = forms.ModelChoiceField(
        queryset=Establishment.objects.none(),
        label="Establishment inspected",
        empty_label="Select an establishment",
        error_messages={"required": "Select the establishment that was inspected"},
    )
    inspectorate = forms.ChoiceField(
        choices=[(i.value, i.value) for i in core.Inspectorate],
        widget=forms.RadioSelect,
        label="Inspectorate",
        error_messages={"required": "Select the inspectorate that published the report"},
    )
    kind = forms.ChoiceField(
        choices=Inspection.Kind.choices,
        widget=forms.RadioSelect,
        label="Kind of inspection",
        error_messages={"required": "Select the kind of inspection"},
    )
    fieldwork_start = DayFirstDateField(what="fieldwork started", label="Fieldwork started", not_in_future=True)
    fieldwork_end = DayFirstDateField(what="fieldwork ended", label="Fieldwork ended", not_in_future=True)
    report_published = DayFirstDateField(what="the report was published", label="Report published")
    report_url = forms.URLField(
        label="Link to the report (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link to the report as a web address, like https://www.gov.uk/..."},
    )

    def __init__(self, *args: Any, establishments: QuerySet[Establishment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["establishment"].queryset = establishments  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end, published = (cleaned.get(k) for k in ("fieldwork_start", "fieldwork_end", "report_published"))
        if start and end and end < start:
            self.add_error("fieldwork_end", "The date fieldwork ended must be the same as or after the date it started")
        elif end and published and published < end:
            self.add_error("report_published", "The date the report was published must be after fieldwork ended")
        return cleaned


def _ref_in_use(stored: ActionPlan, ref: str, besides: Recommendation | None) -> bool:
    others = stored.recommendations.exclude(pk=besides.pk) if besides else stored.recommendations.all()
    return others.filter(ref=ref).exists()


class RecommendationForm(forms.Form):
    ref = forms.CharField(
        label="Number",
        max_length=30,
        help_text="As the report numbers it, for example S34, 1.8 or 2 for a concern",
        error_messages={"required": "Enter the number the report gives the recommendation or concern"},
    )
    kind = forms.ChoiceField(
        choices=[(k.value, k.label) for k in core.RecommendationKind],
        initial=core.RecommendationKind.RECOMMENDATION.value,
        widget=forms.RadioSelect,
        label="Is it a recommendation or a concern?",
        error_messages={"required": "Select whether it is a recommendation, a key concern or a priority concern"},
    )
    section = forms.CharField(
        label="Section (optional)",
        required=False,
        max_length=200,
        help_text="As the report heads it, for example General recommendations",
    )
    directed_to = forms.CharField(
        label="Directed to (optional)", required=False, max_length=200, help_text="For example, The Governor"
    )
    concern = forms.CharField(label="Concern (optional)", required=False, widget=forms.Textarea)
    recommendation = forms.CharField(label="Recommendation", required=False, widget=forms.Textarea)
    repeated_from = forms.CharField(
        label="Repeated from (optional)",
        required=False,
        max_length=30,
        help_text="When the report repeats a recommendation from the last inspection: its number then, such as 2.8",
    )

    def __init__(self, *args: Any, plan: ActionPlan, changing: Recommendation | None = None, **kwargs: Any) -> None:
        """Adding one to the plan, or (given the one it is) changing how an added one is worded."""
        if changing is not None:
            kwargs.setdefault(
                "initial",
                {
                    "revision": changing.revision,
                    "ref": changing.ref,
                    "kind": changing.kind,
                    "section": changing.section,
                    "directed_to": changing.directed_to,
                    "concern": changing.concern,
                    "recommendation": changing.text,
                    "repeated_from": changing.repeated_from,
                },
            )
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.changing = changing
        if changing is not None:
            # The revision the page was loaded at, so that a save from an out-of-date page is refused.
            self.fields["revision"] = forms.IntegerField(widget=forms.HiddenInput)

    def clean_ref(self) -> str:
        ref: str = self.cleaned_data["ref"].strip()
        if _ref_in_use(self.plan, ref, besides=self.changing):
            raise forms.ValidationError(f"{ref} is already in this plan: enter the number of a new one")
        return ref

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("recommendation") and not cleaned.get("concern"):
            self.add_error("recommendation", "Enter the recommendation, or the concern, as the report words it")
        return cleaned

    def as_worded(self) -> core.Recommendation:
        """The recommendation as the form words it, to add or to save over the wording of the one changed."""
        data = self.cleaned_data
        return core.Recommendation(
            ref=data["ref"],
            recommendation=data["recommendation"],
            kind=core.RecommendationKind(data["kind"]),
            section=data["section"] or None,
            directed_to=data["directed_to"] or None,
            concern=data["concern"] or None,
            repeated_from=data["repeated_from"] or None,
        )


class PasteForm(forms.Form):
    text = forms.CharField(
        label="Paste the recommendations or concerns from the report",
        widget=forms.Textarea,
        help_text="Copy the list from the report, with its numbers (such as S34, 1.8 or 1.) and headings",
        error_messages={"required": "Paste the recommendations or concerns from the report"},
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a plan",
        help_text="A PDF, Word document (.docx), text file, Excel tracker (.xlsx) or actionplan JSON file",
        error_messages={
            "required": "Select a plan file",
            "empty": "The selected file is empty: select a plan file",
        },
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.ACTIONPLAN_UPLOAD_MAX_BYTES
        # Checked before a byte is read, so that a huge file never reaches a reader.
        if upload.size is None or upload.size > limit:
            raise forms.ValidationError(f"The selected file must be smaller than {_megabytes(limit)}")
        name = upload.name or "the file"
        try:
            self.reading: Reading = read_uploaded(upload.read(), name=name)
        except LimitExceeded as error:
            raise forms.ValidationError(refused(f"The selected file ({name})", error)) from None
        except PlanError as error:
            raise forms.ValidationError(
                f"The selected file could not be read as a plan ({error.message}): upload a PDF, Word document,"
                " text file, Excel tracker or actionplan JSON file"
            ) from None
        if not self.reading.plan.recommendations:
            raise forms.ValidationError(
                "No recommendations were found in the selected file: check it is an action plan, with its table"
            )
        return upload


class AnswerForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=[(d.value, d.label) for d in core.Decision],
        widget=forms.RadioSelect,
        label="Decision",
        required=False,
    )
    reasons = forms.MultipleChoiceField(
        choices=[(r.value, r.value.capitalize()) for r in core.Reason],
        widget=forms.CheckboxSelectMultiple,
        label="Reasons it is not fully agreed",
        help_text="For Partly Agreed or Not Agreed: select all that apply",
        required=False,
    )
    agreed_part = forms.CharField(
        label="Which part is agreed",
        help_text="For Partly Agreed: the part that will be implemented",
        widget=forms.Textarea,
        required=False,
    )
    response = forms.CharField(label="Response", widget=forms.Textarea, required=False)

    def clean(self) -> dict[str, Any]:
        """Drop what belongs to another decision: reasons are for Partly or Not Agreed, the agreed part for Partly.

        They sit under those choices on the page, shown only while chosen; without JavaScript all of them are
        shown, and what was filled in before changing the decision is not what the person now means.
        """
        cleaned = super().clean() or {}
        decision = cleaned.get("decision")
        # Both copies of the checkboxes are sent: a reason ticked in each counts once.
        cleaned["reasons"] = list(dict.fromkeys(cleaned.get("reasons") or []))
        if decision == core.Decision.AGREED:
            cleaned["reasons"] = []
        if decision in (core.Decision.AGREED, core.Decision.NOT_AGREED):
            cleaned["agreed_part"] = ""
        return cleaned


class ActionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label="What will be done", widget=forms.Textarea, required=False)
    owner = forms.CharField(
        label="Responsible owner",
        max_length=200,
        required=False,
        help_text="A post or organisation from the owner directory, or a new one; joint owners separated by /, "
        "the lead owner first",
    )
    target = forms.CharField(
        label="Target date", max_length=100, required=False, help_text=f"For example, {TARGET_EXAMPLES}"
    )

    @property
    def number(self) -> int:
        """The action's number on the page, counted from 1 (the formset's prefix counts from 0)."""
        return int((self.prefix or "0").rsplit("-", 1)[-1]) + 1

    def clean_target(self) -> str:
        written: str = self.cleaned_data["target"]
        if parse_target(written).kind is TargetKind.UNRECOGNISED:
            raise forms.ValidationError(
                f"Enter the target date for action {self.number} as a date or Completed, for example {TARGET_EXAMPLES}"
            )
        return written

    def past_target(self, today: date) -> str | None:
        """The target as written when it is a date already past: allowed (a plan may record one), but worth a look."""
        target = parse_target(self.cleaned_data.get("target"))
        return target.text if target.date is not None and target.date < today else None

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (data.get("text") or data.get("owner") or data.get("target"))

    def drafted(self) -> core.Action:
        data = self.cleaned_data
        return core.Action(text=data["text"], owner=data["owner"] or None, target=parse_target(data["target"]))


ActionFormSet = forms.formset_factory(ActionForm, extra=0)
