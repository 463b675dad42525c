"""The search form: the words, and a checkbox for each facet value found, its count in its label."""

from __future__ import annotations

from django import forms

from actionplan.search.engine import Facet

MAX_QUERY_CHARACTERS = 200


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, widget=SearchInput)

    def __init__(self, *args: object, facets: list[Facet] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.facet_names: list[str] = []
        for facet in facets or []:
            if not facet.values:
                continue
            self.fields[facet.name] = forms.MultipleChoiceField(
                label=facet.label,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(value.value, f"{value.label} ({value.count})") for value in facet.values],
            )
            self.facet_names.append(facet.name)

    @property
    def facet_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.facet_names]
