"""Search never finds what the person may not read: a matrix over roles, each word in one place only."""

from __future__ import annotations

from typing import Any

import pytest

from actionplan.storage import models
from actionplan.workflow.states import make_move
from tests.web.search.conftest import found, say

HOME = {"coordinator", "approver", "owner", "two_posts"}
ESTATE_WIDE = {"analyst", "admin"}
EVERYONE = {"public", "coordinator", "approver", "owner", "two_posts", "outsider", "inspector"}
EVERYONE |= {"probation_inspector", "analyst", "admin"}
# Who finds each word: see conftest.Words for where each one is.
FINDERS = {
    "draft": HOME | ESTATE_WIDE,
    # The inspectorate reads the version sent to it; the people who work on the plan read it as it now is.
    "sent_version": {"inspector"},
    "sent_live": HOME | ESTATE_WIDE,
    # The published version is read by everyone who reads the plan as the public does: here every reader
    # but those who read it as it now is, and the inspectorate, which reads the version sent (the same one).
    "published_version": {"public", "outsider", "probation_inspector", "inspector"},
    "published_live": HOME | ESTATE_WIDE,
    "elsewhere_published": EVERYONE,
    # Progress notes: the people who work on the plan, and the inspectorate it was sent to; never the public.
    "progress": HOME | ESTATE_WIDE | {"inspector"},
    "probation_sent": {"probation_inspector"} | ESTATE_WIDE,
}


@pytest.mark.parametrize("place", sorted(FINDERS))
def test_each_word_is_found_by_those_who_read_where_it_is_and_no_one_else(worded: Any, place: str) -> None:
    word = getattr(worded.words, place)
    finders = {who for who in sorted(EVERYONE) if found(word, None if who == "public" else worded.people[who])}
    assert finders == FINDERS[place]


def test_a_draft_is_found_by_the_public_and_the_inspectorate_only_once_published(worded: Any) -> None:
    plan = worded.draft
    inspector = worded.people["inspector"]
    say(plan, "xylophone")
    assert found("xylophone") == []
    assert found("xylophone", inspector) == []
    coordinator, approver = worded.people["coordinator"], worded.people["approver"]
    models.Action.objects.filter(recommendation__plan=plan, owner="").update(owner="Governor")
    make_move(plan, "submit", coordinator)
    make_move(plan, "approve", approver, note="Checked.")
    assert found("xylophone") == []
    assert found("xylophone", inspector) == []
    make_move(plan, "send", coordinator)
    assert found("xylophone") == []
    assert found("xylophone", inspector) != []
    make_move(plan, "publish", coordinator)
    assert found("xylophone") != []
    # Changed after publication: the public keeps reading what was published.
    say(plan, "yodel")
    assert found("yodel") == []
    assert found("yodel", coordinator) != []
    assert found("xylophone") != []


def test_a_person_with_no_membership_finds_what_the_public_finds(worded: Any) -> None:
    from tests.web.factories import UserFactory

    nobody = UserFactory(username="nobody")
    for place in FINDERS:
        word = getattr(worded.words, place)
        assert bool(found(word, nobody)) == ("public" in FINDERS[place]), place
