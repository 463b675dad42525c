"""At the next inspection the inspectorate records what it found of each recommendation of the earlier plan."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from actionplan.accounts.models import Role
from actionplan.cycle.models import FollowUpOutcome
from actionplan.submissions.models import TOKEN_FIELD, new_token
from tests.web.cycle.conftest import TwoInspections
from tests.web.factories import InspectorateFactory, UserFactory

pytestmark = pytest.mark.django_db


def _field(two: TwoInspections, ref: str) -> str:
    return f"outcome_{two.row(two.previous, ref).pk}"


def _refs(two: TwoInspections) -> list[str]:
    return list(two.previous.recommendations.order_by("position").values_list("ref", flat=True))


def test_an_inspector_records_outcomes_in_one_form_shown_on_the_timeline_and_the_recommendation(
    client: Any, two_inspections: TwoInspections
) -> None:
    two = two_inspections
    first, second, third = _refs(two)[:3]
    client.force_login(two.people["inspector"])
    url = reverse("cycle:follow-up", args=[two.previous.pk])
    form = client.get(url).content.decode()
    assert form.count('type="radio"') == 3 * len(_refs(two))
    data = {
        _field(two, first): "achieved",
        _field(two, second): "partially_achieved",
        _field(two, third): "not_achieved",
        TOKEN_FIELD: new_token(),
    }
    assert client.post(url, data).status_code == 302
    recorded = {o.recommendation.ref: (o.outcome, o.inspection, o.by) for o in FollowUpOutcome.objects.all()}
    inspector = two.people["inspector"]
    assert recorded == {
        first: ("achieved", two.next.inspection, inspector),
        second: ("partially_achieved", two.next.inspection, inspector),
        third: ("not_achieved", two.next.inspection, inspector),
    }
    # Recording again changes what was recorded, and keeps the rest.
    data = {_field(two, first): "not_achieved", TOKEN_FIELD: new_token()}
    assert client.post(url, data).status_code == 302
    assert FollowUpOutcome.objects.get(recommendation__ref=first, recommendation__plan=two.previous).outcome == (
        "not_achieved"
    )
    assert FollowUpOutcome.objects.count() == 3

    client.force_login(two.people["analyst"])
    timeline = client.get(reverse("cycle:timeline", args=[two.establishment.pk])).content.decode()
    assert "Found at the next inspection: partially achieved 1, not achieved 2" in timeline
    earlier = client.get(reverse("cycle:recommendation", args=[two.row(two.previous, second).pk])).content.decode()
    assert "Found at the next inspection" in earlier
    assert "Partially achieved" in earlier


def test_a_bad_outcome_is_refused_and_nothing_is_saved(client: Any, two_inspections: TwoInspections) -> None:
    two = two_inspections
    first, second = _refs(two)[:2]
    client.force_login(two.people["inspector"])
    url = reverse("cycle:follow-up", args=[two.previous.pk])
    data = {_field(two, first): "achieved", _field(two, second): "brilliant", TOKEN_FIELD: new_token()}
    response = client.post(url, data)
    assert response.status_code == 200
    assert f"Choose achieved, partially achieved or not achieved for {second}" in response.content.decode()
    nothing = client.post(url, {TOKEN_FIELD: new_token()})
    assert "Choose an outcome for at least one recommendation" in nothing.content.decode()
    assert not FollowUpOutcome.objects.exists()


def test_outcomes_wait_for_the_next_inspection(client: Any, two_inspections: TwoInspections) -> None:
    two = two_inspections
    client.force_login(two.people["admin"])
    url = reverse("cycle:follow-up", args=[two.next.pk])
    assert "no later inspection of HMP Ashcombe is recorded yet" in client.get(url).content.decode()
    ref = two.next.recommendations.first().ref
    data = {f"outcome_{two.row(two.next, ref).pk}": "achieved", TOKEN_FIELD: new_token()}
    response = client.post(url, data, follow=True)
    assert "Nothing was saved" in response.content.decode()
    assert not FollowUpOutcome.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "analyst", "owner", "probation_inspector"])
def test_only_the_inspectorate_the_plan_was_sent_to_records_outcomes(
    client: Any, two_inspections: TwoInspections, who: str
) -> None:
    two = two_inspections
    if who == "probation_inspector":
        probation = InspectorateFactory(short_name="HMI Probation", name="HM Inspectorate of Probation")
        two.people[who] = UserFactory(role=Role.INSPECTORATE, inspectorate=probation)
    client.force_login(two.people[who])
    url = reverse("cycle:follow-up", args=[two.previous.pk])
    assert client.get(url).status_code == 404
    first = _refs(two)[0]
    assert client.post(url, {_field(two, first): "achieved", TOKEN_FIELD: new_token()}).status_code == 404
    assert not FollowUpOutcome.objects.exists()
