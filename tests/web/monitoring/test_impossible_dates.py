"""Dates that cannot be are refused with a message saying why; what depends on a status counts only for it."""

from datetime import date

import pytest

from actionplan.accounts.models import User
from actionplan.monitoring.models import ProgressJudgement, ProgressUpdate, TargetChange

pytestmark = pytest.mark.django_db


def _as(client, name: str):
    client.force_login(User.objects.get(username=name))
    return client


def _boxes(name: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


def _update(client, delivery, **data):
    return _as(client, "owner").post(f"/actions/{delivery.action.pk}/", {"note": "Done on all wings.", **data})


def test_a_completed_date_in_the_future_is_refused(client, delivery, today) -> None:
    page = _update(client, delivery, status="completed", **_boxes("completed_on", "1", "June", "2030")).content.decode()
    assert "The date completed must be today or in the past: today is 15 March 2026" in page
    assert 'href="#id_completed_on-day"' in page
    assert not ProgressUpdate.objects.exists()
    delivery.action.refresh_from_db()
    assert delivery.action.status == "not_started"


def test_a_completed_date_is_typed_in_boxes_with_the_month_in_words(client, delivery, today) -> None:
    response = _update(client, delivery, status="completed", **_boxes("completed_on", "2", "mar", "2026"))
    assert response.status_code == 302
    delivery.action.refresh_from_db()
    assert (delivery.action.status, delivery.action.completed_on) == ("completed", date(2026, 3, 2))


def test_a_completed_date_counts_only_for_completed(client, delivery, today) -> None:
    """Without JavaScript the date box is shown under every status: one filled for another status is ignored."""
    response = _update(client, delivery, status="in_progress", completed_on="last week", cancellation_reason="No")
    assert response.status_code == 302
    delivery.action.refresh_from_db()
    assert (delivery.action.status, delivery.action.completed_on, delivery.action.cancellation_reason) == (
        "in_progress",
        None,
        "",
    )


def test_the_update_form_reveals_the_date_and_reason_under_their_status(client, delivery, today) -> None:
    page = _as(client, "owner").get(f"/actions/{delivery.action.pk}/").content.decode()
    assert 'data-aria-controls="conditional-id_status-3"' in page  # Completed
    completed = page.index('id="conditional-id_status-3"')
    assert page.index('name="completed_on-day"') > completed
    assert page.index('name="cancellation_reason"') > page.index('id="conditional-id_status-4"')


def test_a_judgement_dated_in_the_future_is_refused(client, delivery, today) -> None:
    rec = delivery.plan.recommendations.order_by("position").first()
    data = {"level": "good_progress", **_boxes("judged_on", "14", "3", "2030")}
    page = _as(client, "inspector").post(f"/recommendations/{rec.pk}/judgement/", data).content.decode()
    assert "The date of the judgement must be today or in the past" in page
    assert not ProgressJudgement.objects.exists()


def test_a_judgement_before_the_report_was_published_is_refused(client, delivery, today) -> None:
    rec = delivery.plan.recommendations.order_by("position").first()
    published = delivery.plan.inspection.report_published
    assert published is not None
    early = published.replace(year=published.year - 1)
    data = {"level": "good_progress", **_boxes("judged_on", str(early.day), str(early.month), str(early.year))}
    page = _as(client, "inspector").post(f"/recommendations/{rec.pk}/judgement/", data).content.decode()
    assert "The date of the judgement must be on or after the day the report was published" in page
    assert not ProgressJudgement.objects.exists()


def test_a_target_cannot_be_moved_to_a_date_already_past(client, delivery, today) -> None:
    url = f"/actions/{delivery.action.pk}/target/"
    page = _as(client, "coordinator").post(url, {"target": "1 March 2026", "reason": "Late"}).content.decode()
    assert "The new target date must be today or in the future: 1 March 2026 is before today (15 March 2026)" in page
    assert not TargetChange.objects.exists()
    # A month that ends after today is a date in reach.
    assert client.post(url, {"target": "March 2026", "reason": "Late"}).status_code == 302
