"""Likely repeats are offered to a coordinator or analyst to confirm or reject; never linked silently."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from actionplan.cycle.linking import SuggestionGone, answer_suggestions, suggestions
from actionplan.cycle.models import RepeatLink
from actionplan.submissions.models import TOKEN_FIELD, new_token
from tests.web.cycle.conftest import TwoInspections

pytestmark = pytest.mark.django_db


def _offered(two: TwoInspections) -> dict[str, str]:
    """Each offered recommendation's ref, with the ref of the earlier one it is offered."""
    refs = dict(two.next.recommendations.values_list("pk", "ref")) | dict(
        two.previous.recommendations.values_list("pk", "ref")
    )
    return {refs[pair.new]: refs[pair.earlier] for pair in suggestions(two.next)}


def _field(two: TwoInspections, new: str, earlier: str) -> str:
    return f"repeat_{two.row(two.next, new).pk}_{two.row(two.previous, earlier).pk}"


def test_the_unstated_repeats_are_offered_and_none_is_linked_until_a_person_says(
    two_inspections: TwoInspections,
) -> None:
    two = two_inspections
    unstated = {new: old for new, old in two.cycle.repeats.items() if new not in two.cycle.stated}
    assert _offered(two) == unstated
    # Only what the report states is linked by itself.
    assert set(RepeatLink.objects.values_list("how", flat=True)) == {RepeatLink.How.STATED}


def test_a_coordinator_confirms_one_and_rejects_another_and_neither_is_offered_again(
    client: Any, two_inspections: TwoInspections
) -> None:
    two = two_inspections
    (yes_new, yes_old), (no_new, no_old), *_ = sorted(_offered(two).items())
    client.force_login(two.people["coordinator"])
    url = reverse("cycle:repeats", args=[two.next.pk])
    page = client.get(url).content.decode()
    assert "Why suggested" in page
    assert "shares: " in page
    answers = {_field(two, yes_new, yes_old): "yes", _field(two, no_new, no_old): "no", TOKEN_FIELD: new_token()}
    response = client.post(url, answers)
    assert response.status_code == 302
    confirmed = RepeatLink.objects.get(recommendation=two.row(two.next, yes_new))
    assert (confirmed.earlier.ref, confirmed.how, confirmed.by) == (
        yes_old,
        RepeatLink.How.CONFIRMED,
        two.people["coordinator"],
    )
    rejected = RepeatLink.objects.get(recommendation=two.row(two.next, no_new))
    assert rejected.how == RepeatLink.How.REJECTED
    assert yes_new not in _offered(two)
    assert no_new not in _offered(two)
    after = client.get(url).content.decode()
    assert f"{yes_new} repeats {yes_old}</a>" in after
    # The confirmed repeat shows on the plan page, linking to what was decided then.
    plan_page = client.get(reverse("plan", args=[two.next.pk])).content.decode()
    assert f"{yes_new}: Repeats {yes_old} from the inspection reported" in plan_page
    assert f"{no_new}: Repeats" not in plan_page


def test_the_same_answers_sent_twice_are_saved_once(client: Any, two_inspections: TwoInspections) -> None:
    two = two_inspections
    new, old = sorted(_offered(two).items())[0]
    client.force_login(two.people["analyst"])
    url = reverse("cycle:repeats", args=[two.next.pk])
    answers = {_field(two, new, old): "yes", TOKEN_FIELD: new_token()}
    assert client.post(url, answers).status_code == 302
    again = client.post(url, answers, follow=True)
    assert "This was already saved" in again.content.decode()
    assert RepeatLink.objects.filter(how=RepeatLink.How.CONFIRMED).count() == 1


@pytest.mark.parametrize(
    ("answer", "message"),
    [("maybe", "Select a valid choice"), ("", "Answer at least one suggestion")],
)
def test_a_bad_answer_is_refused_with_a_message_and_nothing_saved(
    client: Any, two_inspections: TwoInspections, answer: str, message: str
) -> None:
    two = two_inspections
    first, second = sorted(_offered(two).items())[:2]
    client.force_login(two.people["coordinator"])
    data = {_field(two, *first): answer, TOKEN_FIELD: new_token()}
    if answer:
        data[_field(two, *second)] = "yes"  # a good answer beside the bad one is not saved either
    response = client.post(reverse("cycle:repeats", args=[two.next.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RepeatLink.objects.exclude(how=RepeatLink.How.STATED).exists()


def test_an_answer_to_a_suggestion_no_longer_offered_saves_nothing(two_inspections: TwoInspections) -> None:
    two = two_inspections
    (new, old), (other_new, other_old) = sorted(_offered(two).items())[:2]
    coordinator = two.people["coordinator"]
    answer_suggestions(two.next, {two.row(two.next, new).pk: (two.row(two.previous, old).pk, True)}, coordinator)
    with pytest.raises(SuggestionGone):
        answer_suggestions(
            two.next,
            {
                two.row(two.next, other_new).pk: (two.row(two.previous, other_old).pk, True),
                two.row(two.next, new).pk: (two.row(two.previous, old).pk, False),
            },
            coordinator,
        )
    assert RepeatLink.objects.exclude(how=RepeatLink.How.STATED).count() == 1


@pytest.mark.parametrize("who", ["owner", "outsider", "inspector"])
def test_others_are_refused(client: Any, two_inspections: TwoInspections, who: str) -> None:
    two = two_inspections
    new, old = sorted(_offered(two).items())[0]
    client.force_login(two.people[who])
    url = reverse("cycle:repeats", args=[two.next.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {_field(two, new, old): "yes"}).status_code == 404
    assert not RepeatLink.objects.exclude(how=RepeatLink.How.STATED).exists()
