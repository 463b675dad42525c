"""Plans holding words found nowhere else, in each place a reader may or may not reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from actionplan.accounts.models import Membership, Role, User
from actionplan.core.generator import generate_plan
from actionplan.monitoring.models import ProgressUpdate
from actionplan.search.engine import search
from actionplan.storage import models
from actionplan.storage.conversion import save_plan
from actionplan.workflow.states import freeze_as_stored
from tests.web.factories import EstablishmentFactory, UserFactory


def found(word: str, reader: User | AnonymousUser | None = None, **facets: list[str]) -> list[Any]:
    """The titles of every entry the reader finds for ``word`` (the public by default), best first."""
    results = search(word, reader or AnonymousUser(), facets)
    return [hit.title for hit in results.page.paginator.object_list[0 : results.total]]


def first_recommendation(plan: models.ActionPlan) -> models.Recommendation:
    row = plan.recommendations.order_by("position").first()
    assert row is not None
    return row


def say(plan: models.ActionPlan, words: str) -> None:
    """Add ``words`` to the response of the plan's first recommendation, as a coordinator's edit would."""
    row = first_recommendation(plan)
    row.response = f"{row.response} {words}"
    row.save()


def plan_saying(
    establishment: models.Establishment, status: str, *, frozen: str = "", live: str = "", seed: int = 11
) -> models.ActionPlan:
    """A plan whose version sent (or published) says ``frozen`` and whose rows, edited after, say ``live``."""
    plan = generate_plan(seed, recommendations=3, establishment=establishment.name)
    plan.submitted = None if status == models.ActionPlan.Status.DRAFT else plan.submitted
    stored = save_plan(plan, establishment=establishment, status=status)
    response = first_recommendation(stored).response
    if frozen:
        say(stored, frozen)
    if status in (models.ActionPlan.Status.SENT, models.ActionPlan.Status.PUBLISHED):
        freeze_as_stored(stored, note="Stored as already sent.")
    if live:
        row = first_recommendation(stored)
        row.response = f"{response} {live}"  # the frozen word taken out again
        row.save()
    return stored


@dataclass
class Words:
    """Which word is where."""

    draft: str = "zanzibar"  # home's draft plan
    sent_version: str = "wombat"  # home's plan as sent to HMIP (changed since)
    sent_live: str = "quokka"  # home's sent plan as changed since it was sent
    published_version: str = "narwhal"  # home's plan as published (changed since)
    published_live: str = "ocelot"  # home's published plan as changed since
    elsewhere_published: str = "pangolin"  # another establishment's published plan
    progress: str = "tapir"  # a progress update on home's published plan
    probation_sent: str = "kinkajou"  # a probation service's plan sent to HMI Probation


@pytest.fixture
def worded(estate: Any) -> Any:
    """The estate, with each of ``Words`` in one place, and a coordinator with two posts."""
    words = Words()
    status = models.ActionPlan.Status
    home = estate.home
    say(estate.draft, words.draft)
    sent = plan_saying(home, status.SENT, frozen=words.sent_version, live=words.sent_live, seed=21)
    published = plan_saying(home, status.PUBLISHED, frozen=words.published_version, live=words.published_live, seed=22)
    plan_saying(estate.other, status.PUBLISHED, frozen=words.elsewhere_published, seed=23)
    action = first_recommendation(published).actions.order_by("position").first()
    ProgressUpdate.objects.create(action=action, on=date(2026, 1, 5), note=f"Started the {words.progress} work.")
    probation = models.Inspectorate.objects.get(short_name="HMI Probation")
    service = EstablishmentFactory(name="Probation Service North", inspectorate=probation)
    probation_plan = plan_saying(service, status.SENT, frozen=words.probation_sent, seed=24)
    inspection = probation_plan.inspection
    inspection.inspectorate = probation
    inspection.save()
    two_posts = UserFactory(username="two_posts", role=Role.COORDINATOR, establishments=[estate.other])
    Membership.objects.create(user=two_posts, role=Role.ACTION_OWNER, establishment=home)
    # Each person read afresh, with the roles they now hold.
    estate.people = {name: User.objects.get(pk=person.pk) for name, person in estate.people.items()}
    estate.people["two_posts"] = User.objects.get(pk=two_posts.pk)
    estate.words = words
    estate.sent_plan = sent
    estate.published_plan = published
    return estate
