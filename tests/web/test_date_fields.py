"""The date field every form uses: GOV.UK date input boxes, what people type in them, and the pattern's errors."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.template import Context, Template

from actionplan.pages.date_fields import DayFirstDateField
from actionplan.pages.templatetags.govuk_dates import govuk_date, govuk_datetime, govuk_time
from actionplan.pages.templatetags.govuk_forms import govuk_error_summary, govuk_field


class SentForm(forms.Form):
    sent_on = DayFirstDateField(what="the plan was sent", label="Date sent", not_in_future=True)


def _boxes(day: str, month: str, year: str) -> dict[str, str]:
    return {"sent_on-day": day, "sent_on-month": month, "sent_on-year": year}


@pytest.mark.parametrize("month", ["6", "06", "June", "jun", "JUNE", "Jun."])
def test_the_month_may_be_a_number_a_name_or_its_abbreviation(month: str) -> None:
    form = SentForm(_boxes("5", month, "2026"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["sent_on"] == date(2026, 6, 5)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("", "", ""), "Enter the date the plan was sent"),
        (("5", "", "2026"), "The date the plan was sent must include a month"),
        (("", "", "2026"), "The date the plan was sent must include a day and month"),
        (("31", "2", "2026"), "The date the plan was sent must be a real date"),
        (("5", "Juneteen", "2026"), "The date the plan was sent must be a real date"),
        (("5", "13", "2026"), "The date the plan was sent must be a real date"),
        (("5", "6", "26"), "The year must include 4 numbers"),
        (("5", "6", "2999"), "The date the plan was sent must be today or in the past"),
    ],
)
def test_each_mistake_gets_the_patterns_message(typed: tuple[str, str, str], message: str) -> None:
    form = SentForm(_boxes(*typed))
    assert not form.is_valid()
    assert message in form.errors["sent_on"][0]


@pytest.mark.parametrize("written", ["5 June 2026", "5/6/2026", "05/06/2026", "5th June 2026", "5 jun 2026"])
def test_a_date_typed_whole_into_one_field_is_read_day_first(written: str) -> None:
    form = SentForm({"sent_on": written})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["sent_on"] == date(2026, 6, 5)


def test_text_that_is_no_date_says_how_to_write_one() -> None:
    form = SentForm({"sent_on": "soon"})
    assert not form.is_valid()
    assert "Enter the date the plan was sent as a day, month and year, for example 27 3 2026" in form.errors["sent_on"]


def test_the_boxes_render_through_the_macro_with_only_the_missing_one_highlighted() -> None:
    form = SentForm(_boxes("5", "", "2026"))
    form.is_valid()
    html = str(govuk_field(form["sent_on"]))
    assert 'class="govuk-date-input" id="id_sent_on"' in html
    assert 'name="sent_on-day" type="text" value="5"' in html
    month = html[html.index('id="id_sent_on-month"') - 120 : html.index('id="id_sent_on-month"')]
    assert "govuk-input--error" in month
    day = html[html.index('id="id_sent_on-day"') - 120 : html.index('id="id_sent_on-day"')]
    assert "govuk-input--error" not in day
    assert 'inputmode="text"' in html  # month names welcome
    assert "<legend" in html
    assert "Date sent" in html
    summary = str(govuk_error_summary(form))
    assert 'href="#id_sent_on-month"' in summary


def test_a_date_not_real_highlights_every_box_and_links_to_the_day() -> None:
    form = SentForm(_boxes("31", "2", "2026"))
    form.is_valid()
    assert str(govuk_field(form["sent_on"])).count("govuk-input--error") == 3
    assert 'href="#id_sent_on-day"' in str(govuk_error_summary(form))


def test_a_width_for_one_text_box_is_not_put_on_the_three() -> None:
    html = str(govuk_field(SentForm()["sent_on"], classes="govuk-input--width-10 app-sent"))
    assert 'class="govuk-date-input app-sent"' in html


def test_a_date_given_as_initial_fills_the_boxes() -> None:
    html = str(govuk_field(SentForm(initial={"sent_on": date(2026, 3, 7)})["sent_on"]))
    assert 'value="7"' in html
    assert 'value="3"' in html
    assert 'value="2026"' in html


def test_the_filters_write_dates_and_times_in_the_service_time_zone() -> None:
    moment = datetime(2026, 7, 1, 18, 14, tzinfo=ZoneInfo("UTC"))  # 7:14pm in London, summer time
    assert govuk_date(date(2026, 11, 29)) == "29 November 2026"
    assert govuk_time(moment) == "7:14pm"
    assert govuk_datetime(moment) == "1 July 2026 at 7:14pm"
    assert govuk_date(None) == ""
    rendered = Template("{% load govuk_dates %}{{ when|govuk_date|default:'Not yet' }}").render(Context({"when": None}))
    assert rendered == "Not yet"
