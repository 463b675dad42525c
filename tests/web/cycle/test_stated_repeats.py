"""A recommendation whose report says "Repeated recommendation 2.8" is linked to 2.8 of the previous plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from actionplan.accounts.models import Role
from actionplan.core.generator import generate_plan
from actionplan.core.plan import Decision
from actionplan.core.reading import read_plan
from actionplan.cycle.linking import link_stated
from actionplan.cycle.models import RepeatLink
from actionplan.storage import models
from actionplan.storage.conversion import save_plan
from actionplan.storage.importing import import_files
from actionplan.workflow.states import freeze_as_stored
from tests.web.factories import EstablishmentFactory, InspectorateFactory, UserFactory

pytestmark = pytest.mark.django_db

CELLS = "Cells designed to hold one prisoner should not be used to hold two."


def _previous_buckley_hall(establishment: models.Establishment) -> models.ActionPlan:
    """The plan of the inspection before the sample's, generated, whose 2.8 the sample repeats."""
    plan = generate_plan(11, recommendations=12, establishment="HMP Buckley Hall", published=date(2016, 6, 1))
    rec = plan.recommendations[6]
    rec.ref, rec.recommendation, rec.decision = "2.8", CELLS, Decision.AGREED
    rec.actions[0].text = "Cells will be certified for one prisoner each."
    return save_plan(plan, establishment=establishment, status=models.ActionPlan.Status.PUBLISHED)


@pytest.fixture
def buckley_hall() -> models.Establishment:
    return EstablishmentFactory(name="HMP Buckley Hall", inspectorate=InspectorateFactory(short_name="HMIP"))


def _stated(plan: models.ActionPlan) -> list[tuple[str, str, str]]:
    return [
        (link.recommendation.ref, link.earlier.ref, link.how)
        for link in RepeatLink.objects.filter(recommendation__plan=plan).select_related("recommendation", "earlier")
    ]


def test_the_sample_links_to_the_previous_plan_stored_before_it(
    samples_dir: Path, buckley_hall: models.Establishment
) -> None:
    previous = _previous_buckley_hall(buckley_hall)
    result = import_files([samples_dir / "buckley_hall_2019.txt"], establishment_name=buckley_hall.name)[0]
    sample = models.ActionPlan.objects.get(pk=result.plan_id)
    assert _stated(sample) == [("S35", "2.8", RepeatLink.How.STATED)]
    assert RepeatLink.objects.get().earlier.plan == previous


def test_the_sample_links_when_the_previous_plan_is_stored_after_it(
    buckley_hall_text: str, buckley_hall: models.Establishment
) -> None:
    sample = save_plan(
        read_plan(buckley_hall_text.encode(), name="buckley_hall_2019.txt").plan, establishment=buckley_hall
    )
    assert _stated(sample) == []
    _previous_buckley_hall(buckley_hall)
    assert _stated(sample) == [("S35", "2.8", RepeatLink.How.STATED)]
    # Linking again makes nothing twice.
    assert link_stated(buckley_hall.pk) == 0


def test_a_stated_ref_the_previous_plan_lacks_links_nothing(
    buckley_hall_text: str, buckley_hall: models.Establishment
) -> None:
    plan = generate_plan(11, recommendations=5, establishment="HMP Buckley Hall", published=date(2016, 6, 1))
    save_plan(plan, establishment=buckley_hall)
    sample = save_plan(
        read_plan(buckley_hall_text.encode(), name="buckley_hall_2019.txt").plan, establishment=buckley_hall
    )
    assert _stated(sample) == []


def test_only_the_previous_plan_is_linked_to_not_one_before_it(buckley_hall: models.Establishment) -> None:
    oldest = _previous_buckley_hall(buckley_hall)
    middle = generate_plan(12, recommendations=6, establishment="HMP Buckley Hall", published=date(2018, 1, 1))
    save_plan(middle, establishment=buckley_hall)
    latest = generate_plan(13, recommendations=6, establishment="HMP Buckley Hall", published=date(2021, 1, 1))
    latest.recommendations[0].repeated_from = "2.8"
    stored = save_plan(latest, establishment=buckley_hall)
    assert oldest.recommendations.filter(ref="2.8").exists()
    assert _stated(stored) == []


def test_the_plan_page_shows_the_repeat_and_its_page_what_was_decided_and_delivered(
    client: object, buckley_hall_text: str, buckley_hall: models.Establishment
) -> None:
    previous = _previous_buckley_hall(buckley_hall)
    sample = save_plan(
        read_plan(buckley_hall_text.encode(), name="buckley_hall_2019.txt").plan, establishment=buckley_hall
    )
    action = models.Action.objects.get(recommendation__plan=previous, recommendation__ref="2.8", position=0)
    action.status = models.Action.Status.COMPLETED
    action.save()
    analyst = UserFactory(role=Role.ANALYST)
    client.force_login(analyst)  # type: ignore[attr-defined]
    page = client.get(reverse("plan", args=[sample.pk])).content.decode()  # type: ignore[attr-defined]
    assert "S35: Repeats 2.8 from the inspection reported 1 June 2016" in page
    s35 = sample.recommendations.get(ref="S35")
    assert reverse("cycle:recommendation", args=[s35.pk]) in page
    detail = client.get(reverse("cycle:recommendation", args=[s35.pk])).content.decode()  # type: ignore[attr-defined]
    assert "Repeats 2.8 from the inspection of 1 June 2016" in detail
    assert "stated in the report" in detail
    assert "Cells will be certified for one prisoner each." in detail
    assert '<dd class="govuk-summary-list__value">Agreed</dd>' in detail
    assert '<dd class="govuk-summary-list__value">Not Agreed</dd>' in detail  # decided then, and now
    assert "<strong>Completed</strong>" in detail


def test_a_recommendation_added_one_by_one_that_states_a_repeat_is_linked(buckley_hall: models.Establishment) -> None:
    previous = _previous_buckley_hall(buckley_hall)
    later = save_plan(
        generate_plan(14, recommendations=2, establishment="HMP Buckley Hall", published=date(2019, 6, 1)),
        establishment=buckley_hall,
    )
    added = models.Recommendation.objects.create(plan=later, position=5, ref="S40", text=CELLS, repeated_from="2.08")
    assert RepeatLink.objects.get(recommendation=added).earlier == previous.recommendations.get(ref="2.8")


def test_the_inspectorate_judging_progress_sees_what_it_repeats(
    client: object, buckley_hall_text: str, buckley_hall: models.Establishment
) -> None:
    _previous_buckley_hall(buckley_hall)
    sample = save_plan(
        read_plan(buckley_hall_text.encode(), name="buckley_hall_2019.txt").plan,
        establishment=buckley_hall,
        status=models.ActionPlan.Status.SENT,
    )
    freeze_as_stored(sample, note="Sent.")
    inspector = UserFactory(role=Role.INSPECTORATE, inspectorate=buckley_hall.inspectorate)
    client.force_login(inspector)  # type: ignore[attr-defined]
    s35 = sample.recommendations.get(ref="S35")
    url = reverse("monitoring:judgement", args=[s35.pk])
    page = client.get(url).content.decode()  # type: ignore[attr-defined]
    assert "Repeats 2.8 from the inspection reported 1 June 2016" in page
    other = client.get(reverse("monitoring:judgement", args=[sample.recommendations.get(ref="S34").pk]))  # type: ignore[attr-defined]
    assert "Repeats" not in other.content.decode()
