"""An establishment inspected twice: the earlier plan published, the next one drafted, repeating some of it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from actionplan.accounts.models import Role, User
from actionplan.core.generator import InspectionCycle, generate_cycle
from actionplan.storage import models
from actionplan.storage.conversion import save_plan
from actionplan.workflow.states import freeze_as_stored
from tests.web.factories import EstablishmentFactory, InspectorateFactory, UserFactory


@dataclass
class TwoInspections:
    establishment: models.Establishment
    previous: models.ActionPlan
    next: models.ActionPlan
    cycle: InspectionCycle
    people: dict[str, User]

    def row(self, plan: models.ActionPlan, ref: str) -> models.Recommendation:
        return plan.recommendations.get(ref=ref)


@pytest.fixture
def two_inspections(db: None) -> TwoInspections:
    hmip = InspectorateFactory(short_name="HMIP")
    place = EstablishmentFactory(name="HMP Ashcombe", inspectorate=hmip)
    elsewhere = EstablishmentFactory(name="HMP Elsewhere", inspectorate=hmip)
    cycle = generate_cycle(5, establishment=place.name, recommendations=10, repeated=4, stated=1)
    previous = save_plan(cycle.previous, establishment=place, status=models.ActionPlan.Status.PUBLISHED)
    freeze_as_stored(previous, note="Published.")
    cycle.next.submitted = None
    following = save_plan(cycle.next, establishment=place)
    people = {
        "coordinator": UserFactory(username="coordinator", role=Role.COORDINATOR, establishments=[place]),
        "owner": UserFactory(username="owner", role=Role.ACTION_OWNER, establishments=[place]),
        "outsider": UserFactory(username="outsider", role=Role.COORDINATOR, establishments=[elsewhere]),
        "analyst": UserFactory(username="analyst", role=Role.ANALYST),
        "inspector": UserFactory(username="inspector", role=Role.INSPECTORATE, inspectorate=hmip),
        "admin": UserFactory(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True),
    }
    return TwoInspections(place, previous, following, cycle, people)
