"""Replacing a plan's recommendations (a version restored, a plan read again) keeps what people recorded on them:
the repeats they confirmed or rejected, either way round, and the inspectorate's follow-up outcomes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from actionplan.core import canonical
from actionplan.cycle.linking import answer_suggestions, suggestions
from actionplan.cycle.models import FollowUpOutcome, RepeatLink
from actionplan.storage import models
from actionplan.storage.conversion import load_plan, replace_recommendations
from actionplan.workflow.history import restore_version
from actionplan.workflow.models import PlanVersion
from tests.web.cycle.conftest import TwoInspections

pytestmark = pytest.mark.django_db


def _recorded(two: TwoInspections) -> set[tuple[str, str, str, str, str]]:
    """Every repeat link as (later plan's ref, earlier plan's ref, how, who, when), and every outcome likewise."""
    links = {
        (link.recommendation.ref, link.earlier.ref, link.how, link.by.username if link.by else "", link.at.isoformat())
        for link in RepeatLink.objects.select_related("recommendation", "earlier", "by")
    }
    outcomes = {
        (
            outcome.recommendation.ref,
            "",
            outcome.outcome,
            outcome.by.username if outcome.by else "",
            outcome.at.isoformat(),
        )
        for outcome in FollowUpOutcome.objects.select_related("recommendation", "by")
    }
    return links | outcomes


@pytest.fixture
def recorded(two_inspections: TwoInspections) -> TwoInspections:
    """One likely repeat confirmed and one rejected, a month ago; two follow-up outcomes on the earlier plan."""
    two = two_inspections
    first, second = suggestions(two.next)[:2]
    answer_suggestions(
        two.next, {first.new: (first.earlier, True), second.new: (second.earlier, False)}, two.people["coordinator"]
    )
    earlier_rows = list(two.previous.recommendations.order_by("position")[:2])
    for row, outcome in zip(earlier_rows, ["achieved", "not_achieved"], strict=True):
        FollowUpOutcome.objects.create(
            recommendation=row, inspection=two.next.inspection, outcome=outcome, by=two.people["inspector"]
        )
    month_ago = RepeatLink.objects.first().at - timedelta(days=30)
    RepeatLink.objects.update(at=month_ago)
    FollowUpOutcome.objects.update(at=month_ago)
    return two


def test_replacing_either_plans_recommendations_keeps_every_link_and_outcome_on_the_same_refs(
    recorded: TwoInspections,
) -> None:
    two = recorded
    before = _recorded(two)
    kinds = {how for _new, _old, how, _who, _at in before}
    assert {RepeatLink.How.CONFIRMED, RepeatLink.How.REJECTED, RepeatLink.How.STATED, "achieved"} <= kinds
    old_rows = set(models.Recommendation.objects.values_list("pk", flat=True))
    for plan in (two.previous, two.next):
        replace_recommendations(plan, load_plan(plan).recommendations)
    assert not old_rows & set(models.Recommendation.objects.values_list("pk", flat=True))  # every row made again
    assert _recorded(two) == before


def test_restoring_a_version_keeps_what_was_recorded_and_a_ref_gone_takes_its_own_away(
    recorded: TwoInspections,
) -> None:
    two = recorded
    version = PlanVersion.objects.filter(plan=two.previous).order_by("-number").first()
    gone = FollowUpOutcome.objects.select_related("recommendation").order_by("recommendation__position").first()
    assert version is not None
    assert gone is not None
    kept_refs = {rec["ref"] for rec in version.document["recommendations"]} - {gone.recommendation.ref}
    version.document["recommendations"] = [
        rec for rec in version.document["recommendations"] if rec["ref"] in kept_refs
    ]
    version.save()
    canonical.plan_from_dict(version.document)  # still a plan
    before = _recorded(two)
    restore_version(two.previous, version, two.people["admin"])
    expected = {row for row in before if gone.recommendation.ref not in (row[1] if row[1] else row[0],)}
    assert _recorded(two) == expected
    assert len(expected) < len(before)
