"""People and plans for the web tests: an owner of each role, and an outsider who must get nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage

from actionplan.accounts.models import Role, User
from actionplan.storage import models
from actionplan.workflow import renditions
from tests.web.factories import EstablishmentFactory, InspectorateFactory, UserFactory, stored_plan


@dataclass
class Estate:
    home: models.Establishment
    other: models.Establishment
    draft: models.ActionPlan
    sent: models.ActionPlan
    published: models.ActionPlan
    other_published: models.ActionPlan
    other_draft: models.ActionPlan
    people: dict[str, User]


@pytest.fixture(autouse=True)
def _forget_kept_renditions() -> Iterator[None]:
    """Test storage lives as long as the process and version ids come round again: each test starts afresh."""
    yield
    default_storage.delete(renditions.FOLDER)


@pytest.fixture(autouse=True)
def _forget_kept_pages_and_figures() -> Iterator[None]:
    """The cache lives as long as the process and plan ids come round again: each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def estate(db: None) -> Estate:
    """Two establishments with plans in several states, and one person of every role.

    Everyone establishment-bound belongs to ``home`` only; the outsider is a coordinator
    of an establishment that has no plans.
    """
    hmip = InspectorateFactory()
    probation = InspectorateFactory(short_name="HMI Probation", name="HM Inspectorate of Probation")
    home = EstablishmentFactory(name="HMP Homefield", inspectorate=hmip)
    other = EstablishmentFactory(name="HMP Otherton", inspectorate=hmip)
    elsewhere = EstablishmentFactory(name="HMP Elsewhere", inspectorate=hmip)
    status = models.ActionPlan.Status
    people = {
        "coordinator": UserFactory(username="coordinator", role=Role.COORDINATOR, establishments=[home]),
        "approver": UserFactory(username="approver", role=Role.APPROVER, establishments=[home]),
        "owner": UserFactory(username="owner", role=Role.ACTION_OWNER, establishments=[home]),
        "inspector": UserFactory(username="inspector", role=Role.INSPECTORATE, inspectorate=hmip),
        "probation_inspector": UserFactory(
            username="probation_inspector", role=Role.INSPECTORATE, inspectorate=probation
        ),
        "analyst": UserFactory(username="analyst", role=Role.ANALYST),
        "admin": UserFactory(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True),
        "outsider": UserFactory(username="outsider", role=Role.COORDINATOR, establishments=[elsewhere]),
    }
    return Estate(
        home=home,
        other=other,
        draft=stored_plan(home, status=status.DRAFT, seed=1),
        sent=stored_plan(home, status=status.SENT, seed=2),
        published=stored_plan(home, status=status.PUBLISHED, seed=3),
        other_published=stored_plan(other, status=status.PUBLISHED, seed=4),
        other_draft=stored_plan(other, status=status.DRAFT, seed=5),
        people=people,
    )
