"""Answers that worked elsewhere: the most similar answered recommendations of other plans, within what the person
may read, found through an index that follows every change."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan.accounts.models import Role, User
from actionplan.core import plan as core
from actionplan.core.targets import parse_target
from actionplan.monitoring import clock
from actionplan.monitoring.models import ProgressJudgement
from actionplan.similar.answers import MINIMUM_SIMILARITY, similar_answers
from actionplan.similar.index import TOTAL
from actionplan.similar.models import IndexedRecommendation, IndexedTerm, TermFrequency
from actionplan.storage import models
from actionplan.storage.conversion import save_plan
from actionplan.storage.demo import load_demo
from actionplan.workflow.models import PlanVersion
from actionplan.workflow.states import freeze_as_stored, make_move
from tests.web.factories import EstablishmentFactory, InspectorateFactory, UserFactory

Status = models.ActionPlan.Status

ASKED = "Prisoners should have a first night interview in reception and an induction within 24 hours of arrival."
CLOSEST = "Every new prisoner should have a first night interview in reception and a full induction."
CLOSE = "Reception staff should search new arrivals respectfully and offer a first night phone call."
UNRELATED = "Teachers should plan English and mathematics lessons that match each learner's needs."


def _plan(establishment: models.Establishment, *texts: str, response: str = "We will do it.") -> core.Plan:
    """A plan answering each text as agreed, with one action due a month ago."""
    due = clock.today() - timedelta(days=30)
    return core.Plan(
        establishment=establishment.name,
        report=core.Report(published=date(2025, 3, 1)),
        recommendations=[
            core.Recommendation(
                ref=f"1.{number}",
                recommendation=text,
                decision=core.Decision.AGREED,
                response=response,
                actions=[
                    core.Action(
                        text=f"Action for 1.{number}.", owner="Governor", target=parse_target(f"{due:%d/%m/%Y}")
                    )
                ],
            )
            for number, text in enumerate(texts, start=1)
        ],
    )


def _stored(
    establishment: models.Establishment, *texts: str, status: str = Status.DRAFT, **kwargs: str
) -> models.ActionPlan:
    stored = save_plan(_plan(establishment, *texts, **kwargs), establishment=establishment, status=status)
    if status in (Status.SENT, Status.PUBLISHED):
        freeze_as_stored(stored, note="Stored as already published.")
    return stored


@pytest.fixture
def places(db: None) -> dict[str, models.Establishment]:
    hmip = InspectorateFactory()
    return {
        name: EstablishmentFactory(name=f"HMP {name.capitalize()}", inspectorate=hmip)
        for name in ("home", "north", "south")
    }


@pytest.fixture
def coordinator(places: dict[str, models.Establishment]) -> User:
    return UserFactory(username="coordinator", role=Role.COORDINATOR, establishments=[places["home"]])


def _asked(places: dict[str, models.Establishment]) -> tuple[models.ActionPlan, models.Recommendation]:
    draft = _stored(places["home"], ASKED)
    return draft, draft.recommendations.get()


def _found(person: User, draft: models.ActionPlan, row: models.Recommendation) -> list[tuple[str, str]]:
    return [(answer.establishment, answer.text) for answer in similar_answers(person, draft, row, clock.today())]


def test_the_most_similar_answer_comes_first_and_says_what_it_shares(places, coordinator) -> None:
    _stored(places["north"], UNRELATED, CLOSE, status=Status.PUBLISHED)
    _stored(places["south"], CLOSEST, status=Status.PUBLISHED)
    draft, row = _asked(places)
    answers = similar_answers(coordinator, draft, row, clock.today())
    assert [(answer.establishment, answer.text) for answer in answers] == [
        ("HMP South", CLOSEST),
        ("HMP North", CLOSE),
    ]
    assert answers[0].match.score > answers[1].match.score >= MINIMUM_SIMILARITY
    # The words as the recommendation being answered writes them, the rarest first ("reception", in three of
    # the four texts, gives way to the five that say more).
    assert answers[0].match.explained() == "shares: induction, interview, prisoners, first, night"
    assert answers[1].match.explained() == "shares: arrival, first, night, reception"


def test_each_plan_gives_its_closest_answer_only(places, coordinator) -> None:
    _stored(places["north"], CLOSE, CLOSEST, status=Status.PUBLISHED)
    draft, row = _asked(places)
    assert _found(coordinator, draft, row) == [("HMP North", CLOSEST)]


def test_an_answer_below_the_minimum_is_not_offered(places, coordinator) -> None:
    _stored(places["north"], UNRELATED, status=Status.PUBLISHED)
    draft, row = _asked(places)
    assert similar_answers(coordinator, draft, row, clock.today()) == []


def test_a_coordinator_never_sees_another_establishments_draft_but_reads_its_published_version(
    places, coordinator
) -> None:
    _stored(places["south"], CLOSEST, response="A draft answer nobody outside may read.")
    published = _stored(places["north"], CLOSEST, status=Status.PUBLISHED, response="The answer as published.")
    # The published plan is redrafted: its rows change, the version published does not.
    redrafted = published.recommendations.get()
    redrafted.text = f"{CLOSEST} Redrafted in secret."
    redrafted.response = "A redrafted answer not yet published."
    redrafted.save()
    draft, row = _asked(places)

    answers = similar_answers(coordinator, draft, row, clock.today())
    assert [(answer.establishment, answer.text, answer.response) for answer in answers] == [
        ("HMP North", CLOSEST, "The answer as published.")
    ]
    assert answers[0].as_published
    body = _page(coordinator, draft, row)
    assert "The answer as published." in body
    for unpublished in ("nobody outside", "in secret", "not yet published"):
        assert unpublished not in body


def test_a_coordinator_sees_the_drafts_of_their_own_establishment_and_an_analyst_every_plan_as_it_is(
    places, coordinator
) -> None:
    _stored(places["home"], CLOSEST, response="Our own earlier answer.")
    _stored(places["south"], CLOSE, response="Their draft.")
    draft, row = _asked(places)
    assert _found(coordinator, draft, row) == [("HMP Home", CLOSEST)]
    admin = UserFactory(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True)
    assert _found(admin, draft, row) == [("HMP Home", CLOSEST), ("HMP South", CLOSE)]


def test_the_plan_being_answered_and_unanswered_recommendations_are_left_out(places, coordinator) -> None:
    draft = _stored(places["home"], ASKED, CLOSEST)
    row = draft.recommendations.get(ref="1.1")
    assert similar_answers(coordinator, draft, row, clock.today()) == []
    other = _stored(places["home"], CLOSEST)
    elsewhere = other.recommendations.get()
    elsewhere.decision = ""
    elsewhere.save()
    assert similar_answers(coordinator, draft, row, clock.today()) == []
    elsewhere.decision = core.Decision.AGREED.value
    elsewhere.save()
    assert _found(coordinator, draft, row) == [("HMP Home", CLOSEST)]


def test_the_index_follows_a_change_of_wording_at_once(places, coordinator) -> None:
    other = _stored(places["home"], UNRELATED)
    draft, row = _asked(places)
    assert similar_answers(coordinator, draft, row, clock.today()) == []
    changed = other.recommendations.get()
    changed.text = CLOSEST
    changed.save()
    assert _found(coordinator, draft, row) == [("HMP Home", CLOSEST)]
    row.text = UNRELATED
    row.save()
    assert _found(coordinator, draft, row) == []
    changed.delete()
    assert not IndexedRecommendation.objects.filter(plan=other).exists()


def test_a_plan_published_is_found_at_once_as_published(places, coordinator) -> None:
    sent = _stored(places["north"], CLOSEST, status=Status.SENT)
    draft, row = _asked(places)
    assert similar_answers(coordinator, draft, row, clock.today()) == []
    make_move(sent, "publish", UserFactory(username="north", role=Role.COORDINATOR, establishments=[places["north"]]))
    assert _found(coordinator, draft, row) == [("HMP North", CLOSEST)]


def _frequencies() -> Counter[str]:
    return Counter(dict(TermFrequency.objects.exclude(documents=0).values_list("stem", "documents")))


def test_the_frequencies_kept_change_by_change_are_those_a_rebuild_counts(places, coordinator) -> None:
    first = _stored(places["north"], CLOSEST, CLOSE, status=Status.PUBLISHED)
    second = _stored(places["south"], UNRELATED, CLOSE)
    row = second.recommendations.get(ref="1.1")
    row.text = CLOSEST
    row.save()
    second.recommendations.get(ref="1.2").delete()
    first.delete()
    kept = _frequencies()
    entries = IndexedRecommendation.objects.count()
    assert kept[TOTAL] == entries
    call_command("rebuild_similar_answers", stdout=StringIO())
    assert IndexedRecommendation.objects.count() == entries
    assert _frequencies() == kept
    assert not IndexedTerm.objects.filter(document__plan=first.pk).exists()


def test_a_recommendation_stored_before_the_index_is_indexed_when_answered(places, coordinator) -> None:
    _stored(places["north"], CLOSEST, status=Status.PUBLISHED)
    draft, row = _asked(places)
    IndexedRecommendation.objects.filter(recommendation=row).delete()
    assert _found(coordinator, draft, row) == [("HMP North", CLOSEST)]


def _judge(plan: models.ActionPlan, level: core.ProgressLevel) -> None:
    rec = plan.recommendations.get()
    ProgressJudgement.objects.create(recommendation=rec, level=level.value, judged_on=clock.today())


def test_answers_that_worked_and_promises_that_failed_are_both_said_plainly(places, coordinator) -> None:
    worked = _stored(places["north"], CLOSEST, status=Status.PUBLISHED, response="Worked.")
    models.Action.objects.filter(recommendation__plan=worked).update(
        status=models.Action.Status.COMPLETED, completed_on=clock.today() - timedelta(days=40)
    )
    _judge(worked, core.ProgressLevel.GOOD)
    failed = _stored(places["south"], CLOSEST, status=Status.PUBLISHED, response="Failed.")
    _judge(failed, core.ProgressLevel.NO_MEANINGFUL)
    draft, row = _asked(places)

    answers = {answer.response: answer for answer in similar_answers(coordinator, draft, row, clock.today())}
    assert answers["Worked."].worked
    assert not answers["Worked."].failed
    assert answers["Worked."].delivery.text == "Delivered on time"
    assert answers["Worked."].actions[0].delivery.text == "Completed on time"
    assert answers["Failed."].failed
    assert not answers["Failed."].worked
    assert answers["Failed."].actions[0].delivery.text.startswith("Not delivered: overdue since")
    body = _page(coordinator, draft, row)
    assert "This answer worked: its actions were delivered and the inspectorate judged good progress." in body
    assert (
        "This promise was not kept: 1 of its 1 actions passed their target undelivered and the inspectorate judged"
        " no meaningful progress" in body
    )


def _page(person: User, draft: models.ActionPlan, row: models.Recommendation) -> str:
    client = Client()
    client.force_login(person)
    response = client.get(reverse("drafting:recommendation", args=[draft.pk, row.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _page_queries(person: User, draft: models.ActionPlan, row: models.Recommendation) -> tuple[int, str]:
    client = Client()
    client.force_login(person)
    path = reverse("drafting:recommendation", args=[draft.pk, row.pk])
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(path).content.decode()
    return len(queries), body


def test_the_page_reads_the_database_as_often_however_many_plans_are_like_it(places, coordinator) -> None:
    _stored(places["north"], CLOSEST, status=Status.PUBLISHED)
    draft, row = _asked(places)
    few, body = _page_queries(coordinator, draft, row)
    assert body.count('app-similar-answer"') == 1
    for number in range(8):
        place = EstablishmentFactory(name=f"HMP Further {number}", inspectorate=places["home"].inspectorate)
        _stored(place, CLOSEST, CLOSE, status=Status.PUBLISHED)
        _stored(places["home"], CLOSE)
    many, body = _page_queries(coordinator, draft, row)
    assert body.count('app-similar-answer"') == 5
    assert many == few


def test_an_action_completed_after_its_target_is_said_to_be_late(places, coordinator) -> None:
    late = _stored(places["north"], CLOSEST, status=Status.PUBLISHED)
    models.Action.objects.filter(recommendation__plan=late).update(
        status=models.Action.Status.COMPLETED, completed_on=clock.today() - timedelta(days=18)
    )
    draft, row = _asked(places)
    (answer,) = similar_answers(coordinator, draft, row, clock.today())
    assert answer.actions[0].delivery.text == "Completed 12 days late"
    assert answer.delivery.text == "Delivered, 1 of 1 late"
    assert not answer.worked


def test_the_demo_estate_is_indexed_when_loaded(db: None) -> None:
    load_demo(6)
    published = sum(
        len(version.document["recommendations"]) for version in PlanVersion.objects.filter(published_on__isnull=False)
    )
    assert IndexedRecommendation.objects.filter(source=IndexedRecommendation.Source.LIVE).count() == (
        models.Recommendation.objects.count()
    )
    assert IndexedRecommendation.objects.filter(source=IndexedRecommendation.Source.PUBLISHED).count() == published
    assert TermFrequency.objects.get(stem=TOTAL).documents == IndexedRecommendation.objects.count()
