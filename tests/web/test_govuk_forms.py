"""Django form fields rendered through the GOV.UK macros."""

from django import forms

from actionplan.pages.templatetags.govuk_forms import govuk_error_summary, govuk_field


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name")
    colour = forms.ChoiceField(label="Colour", choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect)
    tastes = forms.MultipleChoiceField(
        label="Tastes", choices=[("sweet", "Sweet"), ("sour", "Sour")], widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


def test_each_widget_becomes_its_govuk_component() -> None:
    form = ExampleForm()
    assert 'class="govuk-input' in govuk_field(form["name"])
    assert 'class="govuk-radios__input"' in govuk_field(form["colour"])
    checkboxes = govuk_field(form["tastes"])
    assert 'class="govuk-checkboxes__input"' in checkboxes
    assert 'type="checkbox"' in checkboxes
    assert "govuk-radios" not in checkboxes
    assert 'class="govuk-textarea' in govuk_field(form["notes"])


def test_errors_are_summarised_and_linked_to_their_fields() -> None:
    form = ExampleForm(data={"name": "", "notes": "<script>"})
    assert not form.is_valid()
    summary = govuk_error_summary(form)
    assert 'href="#id_name"' in summary
    assert 'href="#id_colour"' in summary
    assert 'href="#id_tastes"' in summary
    field = govuk_field(form["name"])
    assert 'class="govuk-error-message"' in field
    assert 'aria-describedby="id_name-error"' in field
    assert "&lt;script&gt;" in govuk_field(form["notes"])
    first_radio = govuk_field(form["colour"])
    assert 'id="id_colour"' in first_radio, "the summary's link must land on the first radio"


def test_no_summary_without_errors() -> None:
    assert govuk_error_summary(ExampleForm()) == ""
