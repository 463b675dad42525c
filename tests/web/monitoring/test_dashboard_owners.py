"""Dashboards count by owner, not by spelling: joint owners each count the action once, matched or not."""

from __future__ import annotations

import pytest

from actionplan.monitoring.dashboard import Filters, build, options
from actionplan.owners.models import ActionOwner
from actionplan.storage import models
from tests.web.factories import OwnerFactory, give_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(estate, today) -> list[models.Action]:
    """Five actions of the sent plan with owners written several ways, and one of another establishment's Head of
    Safety; every other action names none."""
    # As plans stored before owners were split: their owner texts only.
    ActionOwner.objects.all().delete()
    models.Action.objects.update(owner="")
    actions = list(models.Action.objects.filter(recommendation__plan=estate.sent).order_by("pk")[:5])
    texts = ["Governor/Novus", "Novus/Governor", "the governor", "Head of Safety", "Head of Safety and Novus"]
    for action, text in zip(actions, texts, strict=True):
        models.Action.objects.filter(pk=action.pk).update(owner=text)
    safety = OwnerFactory(name="Head of Safety", establishments=[estate.home])
    # Matched to the directory: the post, and for the last action the post and "Novus" left unmatched; another
    # establishment's post of the same name is another owner.
    give_actions(safety, actions[3], actions[4])
    ActionOwner.objects.create(action=actions[4], position=1, written="Novus")
    elsewhere = models.Action.objects.filter(recommendation__plan=estate.other_published).order_by("pk").first()
    models.Action.objects.filter(pk=elsewhere.pk).update(owner="Head of Safety")
    give_actions(OwnerFactory(name="Head of Safety", establishments=[estate.other]), elsewhere)
    return [*actions, elsewhere]


def _by_owner(filters: Filters, today) -> dict[str, int]:
    return {row.label: row.total for row in build(None, filters, today).by_owner}


def test_owners_are_counted_by_who_they_are_not_by_how_they_are_written(owned, today) -> None:
    counts = _by_owner(Filters(), today)
    assert counts.pop("Not recorded") == build(None, Filters(), today).total - len(owned)
    assert counts == {"Governor": 3, "Novus": 3, "Head of Safety, HMP Homefield": 2, "Head of Safety, HMP Otherton": 1}


def test_the_owner_filter_offers_each_owner_once_and_keeps_their_actions(owned, today) -> None:
    offered = dict(options(None).owners)
    assert sorted(offered.values()) == [
        "Governor",
        "Head of Safety, HMP Homefield",
        "Head of Safety, HMP Otherton",
        "Novus",
    ]
    by_name = {name: key for key, name in offered.items()}
    assert build(None, Filters(owner=by_name["Novus"]), today).total == 3
    assert build(None, Filters(owner=by_name["Head of Safety, HMP Homefield"]), today).total == 2
    assert build(None, Filters(owner="nobody at all"), today).total == 0
