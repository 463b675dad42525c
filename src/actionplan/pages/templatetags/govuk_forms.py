"""Django form fields rendered through the GOV.UK Frontend macros, with errors the GOV.UK way.

``{% govuk_error_summary form %}`` lists every error, each linked to its field; ``{% govuk_field form.name %}``
renders a field as the component its widget calls for (input, textarea, radios, checkboxes, select, file upload,
date input). Radios take ``reveal_<choice>=html`` (made with ``{% govuk_field form.other as html %}``): what to
show under that choice only while it is chosen. With JavaScript off everything is shown, so the form's ``clean`` decides
what counts.
A formset given to the error summary stands for all its forms.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString
from govuk_frontend_django.components import (
    checkboxes,
    date_input,
    error_summary,
    file_upload,
    radios,
    select,
    textarea,
)
from govuk_frontend_django.components import (
    input as text_input,
)

from actionplan.pages.date_fields import PARTS, DateInput, parts_in_error

register = template.Library()


def _date_parts(field: forms.BoundField) -> list[str]:
    value = field.value()
    if isinstance(value, list | tuple) and len(value) == len(PARTS):
        return [str(part) for part in value]
    if isinstance(value, list | tuple):
        # One text that is not a date: shown in the day box, as typed, for the person to correct.
        return [str(value[0]), "", ""]
    return DateInput().decompress(value)


def _boxes_in_error(field: forms.BoundField) -> list[str]:
    if not field.errors:
        return []
    value = field.value()
    if isinstance(value, list | tuple) and len(value) != len(PARTS):
        return list(PARTS)
    return parts_in_error(_date_parts(field))


def field_anchor(field: forms.BoundField) -> str:
    """The id an error summary links to: the input itself, the first radio or checkbox of a group, or the
    first box of a date in error."""
    anchor = field.auto_id or field.html_name
    if isinstance(field.field.widget, DateInput):
        return f"{anchor}-{(_boxes_in_error(field) or list(PARTS))[0]}"
    return anchor


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


def _legend(field: forms.BoundField, size: str | None, is_page_heading: bool) -> dict[str, Any]:
    legend: dict[str, Any] = {"text": str(field.label)}
    if size:
        legend["classes"] = f"govuk-fieldset__legend--{size}"
    if is_page_heading:
        legend["isPageHeading"] = True
    return legend


def _date_input(
    field: forms.BoundField, *, hint: str | None, label_size: str | None, is_page_heading: bool, classes: str | None
) -> SafeString:
    """Day, month and year boxes in a fieldset; with an error, the boxes at fault are the ones highlighted."""
    parts = _date_parts(field)
    in_error = _boxes_in_error(field)
    items = []
    for name, value in zip(PARTS, parts, strict=True):
        width = "govuk-input--width-4" if name == "year" else "govuk-input--width-2"
        item: dict[str, Any] = {
            "name": name,
            "value": value,
            "classes": f"{width} govuk-input--error" if name in in_error else width,
        }
        if name == "month":
            # Month names are welcome ("June", "jun"), so the phone keyboard offers letters as well as numbers.
            item["inputmode"] = "text"
        items.append(item)
    data: dict[str, Any] = {
        "id": field.auto_id or field.html_name,
        "namePrefix": field.html_name,
        "fieldset": {"legend": _legend(field, label_size, is_page_heading)},
        "items": items,
    }
    if hint or field.help_text:
        data["hint"] = {"text": hint or str(field.help_text)}
    if field.errors:
        data["errorMessage"] = {"text": " ".join(str(error) for error in field.errors)}
    # A width meant for one text box (a form written for a single date box) would squeeze the three.
    kept = " ".join(name for name in (classes or "").split() if not name.startswith("govuk-input--width-"))
    if kept:
        data["classes"] = kept
    return SafeString(date_input.COMPONENT(**data).render())


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
    id_prefix: str | None = None,
    **reveal: str,
) -> SafeString:
    widget = field.field.widget
    if isinstance(widget, DateInput):
        return _date_input(field, hint=hint, label_size=label_size, is_page_heading=is_page_heading, classes=classes)
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
        # A second copy of the same checkboxes (under another choice) needs ids of its own.
        grouped = {
            **common,
            "idPrefix": id_prefix or anchor,
            "fieldset": {"legend": _legend(field, label_size, is_page_heading)},
        }
        grouped["items"] = _choices(field, "checked", item_hints or {})
        for item in grouped["items"]:
            if revealed := reveal.get(f"reveal_{item['value']}"):
                item["conditional"] = {"html": revealed}
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
