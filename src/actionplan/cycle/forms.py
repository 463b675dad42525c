"""Forms of the inspection cycle: answering suggested repeats, and recording follow-up outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from actionplan.core.repeats import LikelyRepeat
from actionplan.cycle.models import FollowUpOutcome
from actionplan.storage.models import Recommendation


class RepeatsForm(forms.Form):
    """For each suggestion, whether the recommendation repeats the earlier one; left unanswered, it stays offered."""

    def __init__(
        self, *args: Any, offered: Sequence[LikelyRepeat[int, int]], refs: dict[int, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.offered = {self.name_of(pair): pair for pair in offered}
        for name, pair in self.offered.items():
            self.fields[name] = forms.ChoiceField(
                label=f"Does {refs[pair.new]} repeat {refs[pair.earlier]}?",
                choices=[("yes", "Yes, it repeats it"), ("no", "No, it is a different recommendation")],
                widget=forms.RadioSelect,
                required=False,
            )

    @staticmethod
    def name_of(pair: LikelyRepeat[int, int]) -> str:
        return f"repeat_{pair.new}_{pair.earlier}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not any(cleaned.get(name) for name in self.offered):
            raise forms.ValidationError("Answer at least one suggestion: yes, it repeats it, or no")
        return cleaned

    def answers(self) -> dict[int, tuple[int, bool]]:
        """For each recommendation answered: the earlier one offered, and whether it repeats it."""
        return {
            pair.new: (pair.earlier, self.cleaned_data[name] == "yes")
            for name, pair in self.offered.items()
            if self.cleaned_data.get(name)
        }


class FollowUpForm(forms.Form):
    """What the next inspection found of each of the earlier plan's recommendations."""

    def __init__(
        self, *args: Any, rows: Sequence[tuple[Recommendation, str]], recorded: dict[int, str], **kwargs: Any
    ) -> None:
        """``rows``: each recommendation's row, with its wording as the person reads it (shown as the hint)."""
        super().__init__(*args, **kwargs)
        self.rows = {f"outcome_{row.pk}": row for row, _text in rows}
        for row, text in rows:
            self.fields[f"outcome_{row.pk}"] = forms.ChoiceField(
                label=f"Recommendation {row.ref}",
                help_text=text,
                choices=FollowUpOutcome.Outcome.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=recorded.get(row.pk),
                error_messages={"invalid_choice": f"Choose achieved, partially achieved or not achieved for {row.ref}"},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not any(cleaned.get(name) for name in self.rows):
            raise forms.ValidationError("Choose an outcome for at least one recommendation")
        return cleaned

    def outcomes(self) -> dict[Recommendation, str]:
        return {row: self.cleaned_data[name] for name, row in self.rows.items() if self.cleaned_data.get(name)}
