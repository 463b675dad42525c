"""Starting a plan: recording the inspection, the establishments a person may choose, the due date."""

from datetime import date

from django.test import override_settings
from django.urls import reverse

from actionplan.storage.models import ActionPlan, Inspection
from tests.web.drafting.conftest import page_title

START = reverse("drafting:start")


def _boxes(name: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


def _details(establishment, **changes) -> dict[str, str]:
    return (
        {
            "establishment": str(establishment.pk),
            "inspectorate": "HMIP",
            "kind": Inspection.Kind.FULL_UNANNOUNCED,
            "report_url": "https://www.justice.gov.uk/inspections/homefield",
        }
        | _boxes("fieldwork_start", "16", "2", "2026")
        | _boxes("fieldwork_end", "27", "February", "2026")
        | _boxes("report_published", "27", "mar", "2026")
        | changes
    )


def test_a_coordinator_starts_a_plan_for_their_establishment(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    before = ActionPlan.objects.count()
    response = client.post(START, _details(estate.home))
    assert ActionPlan.objects.count() == before + 1
    stored = ActionPlan.objects.latest("pk")
    assert response.url == reverse("drafting:overview", args=[stored.pk])
    assert stored.status == ActionPlan.Status.DRAFT
    inspection = stored.inspection
    assert inspection.establishment == estate.home
    assert inspection.inspectorate.short_name == "HMIP"
    assert inspection.fieldwork_start == date(2026, 2, 16)
    assert inspection.fieldwork_end == date(2026, 2, 27)
    assert inspection.report_published == date(2026, 3, 27)
    assert inspection.inspection_dates == "16 February 2026 to 27 February 2026"
    assert stored.establishment_as_written == "HMP Homefield"


@override_settings(ACTIONPLAN_SUBMISSION_DAYS=30)
def test_the_overview_shows_the_due_date_from_the_setting(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    client.post(START, _details(estate.home))
    stored = ActionPlan.objects.latest("pk")
    assert stored.submission_due == date(2026, 4, 26)
    body = client.get(reverse("drafting:overview", args=[stored.pk])).content.decode()
    assert "Due for submission" in body
    assert "26 April 2026" in body


def test_only_their_own_establishments_are_offered(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    body = client.get(START).content.decode()
    assert "HMP Homefield" in body
    assert "HMP Otherton" not in body
    response = client.post(START, _details(estate.other))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Inspection.objects.filter(establishment=estate.other, report_published=date(2026, 3, 27)).exists()


def test_an_admin_may_start_a_plan_for_any_establishment(client, estate) -> None:
    client.force_login(estate.people["admin"])
    assert "HMP Otherton" in client.get(START).content.decode()
    response = client.post(START, _details(estate.other))
    assert response.status_code == 302


def test_bad_dates_are_shown_in_the_error_summary_linked_to_their_fields(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    before = ActionPlan.objects.count()
    changes = _boxes("fieldwork_start", "16", "", "2026") | _boxes("report_published", "", "", "")
    response = client.post(START, _details(estate.home, **changes))
    body = response.content.decode()
    assert response.status_code == 200
    assert page_title(body).startswith("Error: Start a plan")
    assert "There is a problem" in body
    assert 'href="#id_fieldwork_start-month"' in body
    assert "The date fieldwork started must include a month" in body
    assert 'href="#id_report_published-day"' in body
    assert "Enter the date the report was published" in body
    assert ActionPlan.objects.count() == before


def test_fieldwork_cannot_end_before_it_starts(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    response = client.post(START, _details(estate.home, **_boxes("fieldwork_end", "1", "2", "2026")))
    assert 'href="#id_fieldwork_end-day"' in response.content.decode()


def test_fieldwork_in_the_future_is_refused(client, estate) -> None:
    client.force_login(estate.people["coordinator"])
    response = client.post(START, _details(estate.home, **_boxes("fieldwork_end", "27", "2", "2999")))
    assert "The date fieldwork ended must be today or in the past" in response.content.decode()
    assert not Inspection.objects.filter(fieldwork_end__year=2999).exists()
