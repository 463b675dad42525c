"""Forms of the owner pages: what one owner text of a plan is, and adding to an establishment's directory."""

from __future__ import annotations

from typing import Any

from django import forms

from actionplan.core.owners import normalise
from actionplan.owners.matching import Unmatched
from actionplan.owners.models import Owner

OTHER = "other"
NEW = "new"
LATER = "later"
NAME_MAX = Owner._meta.get_field("name").max_length


class OwnerChoiceForm(forms.Form):
    """What one owner, as the plan writes it, is: a suggestion, another owner in the directory, or a new one."""

    key = forms.CharField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(widget=forms.RadioSelect)
    # A name typed with the directory's names offered (a <datalist>): one list for the page, however many owners
    # wait, where a select for each would repeat the whole directory.
    owner = forms.CharField(required=False, max_length=NAME_MAX, label="Owner in the directory")
    name = forms.CharField(required=False, max_length=NAME_MAX, label="Name of the new post or organisation")
    # Asked only of a new owner; left out, a new owner is a post.
    kind = forms.ChoiceField(
        choices=Owner.Kind.choices, initial=Owner.Kind.POST, widget=forms.RadioSelect, label="It is a", required=False
    )

    def __init__(
        self,
        *args: Any,
        unmatched: Unmatched,
        directory: dict[str, Owner],
        by_name: dict[str, list[Owner]],
        **kwargs: Any,
    ) -> None:
        """``directory``: the establishment's owners by id (as text); ``by_name``: by normalised name. Both are
        read once for every owner on the page."""
        super().__init__(*args, **kwargs)
        self.unmatched = unmatched
        self.directory = directory
        self.by_name = by_name
        self.other: Owner | None = None
        self.fields["key"].initial = unmatched.key
        choices = [(suggestion.key, suggestion.name) for suggestion in unmatched.suggestions]
        choices += [
            (OTHER, "Another owner in the directory"),
            (NEW, "A new post or organisation"),
            (LATER, "Leave it waiting for now"),
        ]
        choice = self.fields["choice"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = choices
        self.fields["choice"].label = f"Who is “{unmatched.written}”?"
        self.fields["choice"].error_messages["required"] = (
            f"Choose who “{unmatched.written}” is, or leave it waiting for now"
        )
        self.fields["owner"].label = f"Owner in the directory that “{unmatched.written}” names"
        self.fields["name"].initial = unmatched.written[:NAME_MAX]
        self.fields["name"].label = f"Name of the new post or organisation “{unmatched.written}” names"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choice = data.get("choice")
        written = self.unmatched.written
        if choice == OTHER:
            typed = (data.get("owner") or "").strip()
            found = self.by_name.get(normalise(typed), []) if typed else []
            if not typed:
                self.add_error("owner", f"Enter the name of the owner in the directory that “{written}” names")
            elif not found:
                self.add_error(
                    "owner",
                    f"No owner in the directory is called “{typed}”: choose a name the field offers, "
                    "or a new post or organisation",
                )
            elif len(found) > 1:
                self.add_error(
                    "owner",
                    f"More than one owner in the directory is called “{typed}”: ask an administrator to rename one",
                )
            else:
                self.other = found[0]
        if choice == NEW and not (data.get("name") or "").strip():
            self.add_error("name", f"Enter the name of the new post or organisation that “{written}” names")
        return data

    def chosen(self) -> tuple[str, Owner | None]:
        """What was chosen (a suggestion's id, OTHER, NEW or LATER), and the directory owner for the first two."""
        choice = self.cleaned_data["choice"]
        if choice == OTHER:
            return choice, self.other
        if choice in (NEW, LATER):
            return choice, None
        return choice, self.directory[choice]


class NewOwnerForm(forms.Form):
    """A post or organisation added to an establishment's directory."""

    name = forms.CharField(max_length=NAME_MAX, label="Name", help_text="As the establishment knows it: Head of Safety")
    kind = forms.ChoiceField(choices=Owner.Kind.choices, initial=Owner.Kind.POST, widget=forms.RadioSelect)
    description = forms.CharField(
        required=False,
        max_length=Owner._meta.get_field("description").max_length,
        label="What it is (optional)",
        help_text="For an organisation: NHS trust, education provider",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the name of the post or organisation"


class OtherNameForm(forms.Form):
    """Another name plans use for an owner of the directory, remembered at this establishment."""

    text = forms.CharField(max_length=200, help_text="As a plan writes it, for example: Governor")

    def __init__(self, *args: Any, owner: Owner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = f"Another name plans use for {owner.name}"
        self.fields["text"].error_messages["required"] = f"Enter the other name for {owner.name}"
