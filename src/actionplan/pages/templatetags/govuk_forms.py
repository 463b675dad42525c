"""Django form fields rendered through the GOV.UK Frontend macros, with errors the GOV.UK way.

``{% govuk_error_summary form %}`` lists every error, each linked to its field; ``{% govuk_field form.name %}``
renders a field as the component its widget calls for (input, textarea, radios, checkboxes, select, file upload).
A formset given to the error summary stands for all its forms.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString
from govuk_frontend_django.components import (
    checkboxes,
    error_summary,
    file_upload,
    radios,
    select,
    textarea,
)
from govuk_frontend_django.components import (
    input as text_input,
)

register = template.Library()


def field_anchor(field: forms.BoundField) -> str:
    """The id an error summary links to: the input itself, or the first radio or checkbox of a group."""
    return field.auto_id or field.html_name


def _each_form(forms_: tuple[forms.BaseForm | forms.BaseFormSet | None, ...]) -> list[forms.BaseForm | None]:
    """The forms given, with a formset standing for every form in it."""
    found: list[forms.BaseForm | None] = []
    for given in forms_:
        found.extend(given.forms if isinstance(given, forms.BaseFormSet) else [given])
    return found


@register.simple_tag
def govuk_error_summary(
    *forms_: forms.BaseForm | forms.BaseFormSet | None, title: str = "There is a problem"
) -> SafeString | str:
    errors: list[dict[str, str]] = []
    for form in _each_form(forms_):
        if form is None or not form.is_bound or not form.errors:
            continue
        first = next(iter(form), None)
        for message in form.non_field_errors():
            errors.append({"text": str(message), "href": f"#{field_anchor(first)}" if first else "#"})
        for field in form:
            for message in field.errors:
                errors.append({"text": str(message), "href": f"#{field_anchor(field)}"})
    if not errors:
        return ""
    # The macro port takes plain dicts for nested items, as the Nunjucks macros do.
    summary: dict[str, Any] = {"titleText": title, "errorList": errors}
    return SafeString(error_summary.COMPONENT(**summary).render())


def _label(field: forms.BoundField, size: str | None, is_page_heading: bool) -> dict[str, Any]:
    label: dict[str, Any] = {"text": str(field.label)}
    if size:
        label["classes"] = f"govuk-label--{size}"
    if is_page_heading:
        label["isPageHeading"] = True
    return label


def _choices(field: forms.BoundField, selected_key: str, hints: dict[str, str]) -> list[dict[str, Any]]:
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    items = []
    for choice_value, choice_label in field.field.choices:  # type: ignore[attr-defined]
        item: dict[str, Any] = {"value": str(choice_value), "text": str(choice_label)}
        if str(choice_value) in chosen:
            item[selected_key] = True
        if str(choice_value) in hints:
            item["hint"] = {"text": hints[str(choice_value)]}
        items.append(item)
    return items


@register.simple_tag
def govuk_field(
    field: forms.BoundField,
    *,
    hint: str | None = None,
    label_size: str | None = None,
    is_page_heading: bool = False,
    classes: str | None = None,
    autocomplete: str | None = None,
    rows: int | None = None,
    spellcheck: bool | None = None,
    item_hints: dict[str, str] | None = None,
    attributes: dict[str, str] | None = None,
    datalist: str | None = None,
) -> SafeString:
    widget = field.field.widget
    anchor = field_anchor(field)
    common: dict[str, Any] = {"name": field.html_name}
    if datalist:
        # The id of a <datalist> of suggestions the browser offers as the person types.
        attributes = {**(attributes or {}), "list": datalist}
    if hint or field.help_text:
        common["hint"] = {"text": hint or str(field.help_text)}
    if field.errors:
        common["errorMessage"] = {"text": " ".join(str(error) for error in field.errors)}
    if classes:
        common["classes"] = classes
    if attributes:
        common["attributes"] = attributes
    value = field.value()

    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        legend: dict[str, Any] = {"text": str(field.label)}
        if label_size:
            legend["classes"] = f"govuk-fieldset__legend--{label_size}"
        if is_page_heading:
            legend["isPageHeading"] = True
        grouped = {**common, "idPrefix": anchor, "fieldset": {"legend": legend}}
        grouped["items"] = _choices(field, "checked", item_hints or {})
        # Django's CheckboxSelectMultiple is a RadioSelect subclass, so ask about checkboxes first.
        component = checkboxes.COMPONENT if isinstance(widget, forms.CheckboxSelectMultiple) else radios.COMPONENT
        return SafeString(component(**grouped).render())

    single = {**common, "id": anchor, "label": _label(field, label_size, is_page_heading)}
    if isinstance(widget, forms.Select):
        single["items"] = _choices(field, "selected", {})
        return SafeString(select.COMPONENT(**single).render())
    if isinstance(widget, forms.FileInput):
        return SafeString(file_upload.COMPONENT(**single).render())
    if autocomplete:
        single["autocomplete"] = autocomplete
    if spellcheck is not None:
        single["spellcheck"] = spellcheck
    formatted = widget.format_value(value)
    text = "" if formatted is None else str(formatted)
    if isinstance(widget, forms.Textarea):
        return SafeString(textarea.COMPONENT(**single, value=text, rows=str(rows or 5)).render())
    input_type = getattr(widget, "input_type", "text")
    if input_type == "password":
        text = ""
    return SafeString(text_input.COMPONENT(**single, value=text, type=input_type).render())
