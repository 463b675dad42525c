"""Matching a stored plan's owners to its establishment's directory: certain matches linked, the rest waiting."""

from __future__ import annotations

from pathlib import Path

import pytest

from actionplan.core import canonical
from actionplan.core import plan as core
from actionplan.core.generator import OWNER_POSTS, generate_plan
from actionplan.core.owners import normalise, split_owners
from actionplan.core.plan import ActionOwnerRef
from actionplan.core.reading import read_plan
from actionplan.owners.matching import (
    confirm_matches,
    count_unmatched,
    directory_for,
    match_stored_plan,
    unmatched_owners,
)
from actionplan.owners.models import ActionOwner, OtherName, Owner
from actionplan.storage import models
from actionplan.storage.conversion import load_plan, save_plan
from actionplan.storage.demo import DEMO_ORGANISATIONS
from actionplan.storage.importing import import_files
from tests.web.factories import EstablishmentFactory

pytestmark = pytest.mark.django_db

SAMPLE_OWNERS = {
    "Governor": 28,
    "Novus": 7,
    "Greater Manchester NHS Foundation Trust": 3,
    "Prison Estates Transformation Programme": 1,
    "Operational Policy: System Delivery and Reform": 1,
}


@pytest.fixture
def buckley_hall(db: None) -> models.Establishment:
    return EstablishmentFactory(name="HMP Buckley Hall")


@pytest.fixture
def directory(buckley_hall: models.Establishment) -> dict[str, Owner]:
    """Buckley Hall's directory: its Governor, Novus across establishments, a trust named a little differently."""
    elsewhere = EstablishmentFactory(name="HMP Forest Bank")
    governor = Owner.objects.create(name="Governor", kind=Owner.Kind.POST)
    governor.establishments.set([buckley_hall])
    novus = Owner.objects.create(name="Novus", kind=Owner.Kind.ORGANISATION, description="Education provider")
    novus.establishments.set([buckley_hall, elsewhere])
    trust = Owner.objects.create(
        name="Greater Manchester Mental Health NHS Foundation Trust", kind=Owner.Kind.ORGANISATION
    )
    trust.establishments.set([buckley_hall, elsewhere])
    policy = Owner.objects.create(name="HMPPS Operational Policy", kind=Owner.Kind.ORGANISATION, national=True)
    foreign = Owner.objects.create(name="Head of Safety", kind=Owner.Kind.POST)
    foreign.establishments.set([elsewhere])
    return {"governor": governor, "novus": novus, "trust": trust, "policy": policy, "foreign": foreign}


def _stored_sample(text: str, establishment: models.Establishment) -> models.ActionPlan:
    return save_plan(read_plan(text.encode("utf-8"), name="buckley_hall_2019.txt").plan, establishment=establishment)


def _links(plan: models.ActionPlan) -> list[ActionOwner]:
    return list(
        ActionOwner.objects.filter(action__recommendation__plan=plan)
        .select_related("owner", "action")
        .order_by("action__recommendation__position", "action__position", "position")
    )


def test_the_directory_holds_what_serves_the_establishment(
    buckley_hall: models.Establishment, directory: dict[str, Owner]
) -> None:
    OtherName.objects.create(owner=directory["governor"], text="No. 1 Governor", establishment=buckley_hall)
    OtherName.objects.create(owner=directory["foreign"], text="Safety lead")
    found = directory_for(buckley_hall)
    assert len(found) == 4
    assert found.knows("No. 1 Governor")
    assert found.knows("HMPPS Operational Policy")
    assert not found.knows("Head of Safety")
    assert not found.knows("Safety lead")


def test_every_owner_of_the_sample_is_kept_and_only_certain_ones_are_linked(
    buckley_hall_text: str, buckley_hall: models.Establishment, directory: dict[str, Owner]
) -> None:
    stored = _stored_sample(buckley_hall_text, buckley_hall)
    links = _links(stored)
    actions = models.Action.objects.filter(recommendation__plan=stored)
    assert actions.count() == 33
    assert {link.action_id for link in links} == set(actions.values_list("pk", flat=True)), "no action lost"
    assert {w: sum(link.written == w for link in links) for w in SAMPLE_OWNERS} == SAMPLE_OWNERS
    for link in links:
        # The order written: "Novus/Governor" is led by Novus.
        assert link.written == [p.strip() for p in link.action.owner.split("/")][link.position]
        if link.owner is not None:
            assert normalise(link.owner.name) == normalise(link.written), "no owner matched wrongly"
    linked = {link.written for link in links if link.owner is not None}
    assert linked == {"Governor", "Novus"}
    waiting = unmatched_owners(stored)
    assert {u.written: u.actions for u in waiting} == {
        "Greater Manchester NHS Foundation Trust": 3,
        "Prison Estates Transformation Programme": 1,
        "Operational Policy: System Delivery and Reform": 1,
    }
    trust = next(u for u in waiting if u.written == "Greater Manchester NHS Foundation Trust")
    assert trust.suggestions[0].key == str(directory["trust"].pk), "the close match is only suggested"
    assert count_unmatched(stored) == 3


def test_a_choice_is_remembered_so_the_next_plan_matches_by_itself(
    buckley_hall_text: str, buckley_hall: models.Establishment, directory: dict[str, Owner]
) -> None:
    first = _stored_sample(buckley_hall_text, buckley_hall)
    choices = {
        normalise("Greater Manchester NHS Foundation Trust"): directory["trust"],
        normalise("Operational Policy: System Delivery and Reform"): directory["policy"],
    }
    assert confirm_matches(first, choices) == 4
    assert count_unmatched(first) == 1
    assert OtherName.objects.filter(establishment=buckley_hall).count() == 2
    second = _stored_sample(buckley_hall_text, buckley_hall)
    assert [u.written for u in unmatched_owners(second)] == ["Prison Estates Transformation Programme"]
    # Remembered for Buckley Hall only: the same plan at another establishment still asks.
    elsewhere = _stored_sample(buckley_hall_text, EstablishmentFactory(name="HMP Elsewhere"))
    assert count_unmatched(elsewhere) == 5


def test_matching_again_never_undoes_a_persons_choice(
    buckley_hall_text: str, buckley_hall: models.Establishment, directory: dict[str, Owner]
) -> None:
    stored = _stored_sample(buckley_hall_text, buckley_hall)
    link = next(link for link in _links(stored) if link.written == "Prison Estates Transformation Programme")
    link.owner = directory["policy"]
    link.save()
    # The directory changes: the chosen owner's name is now something else, and matching runs again.
    Owner.objects.filter(pk=directory["policy"].pk).update(name="Estates Group")
    match_stored_plan(stored)
    link.refresh_from_db()
    assert link.owner == directory["policy"]


def _one_action_plan(establishment: models.Establishment, owner: str, owners: list[ActionOwnerRef]) -> core.Plan:
    action = core.Action(text="Review the regime.", owner=owner, owners=owners)
    rec = core.Recommendation(ref="1.1", recommendation="The regime should be reviewed.", actions=[action])
    return core.Plan(establishment=establishment.name, recommendations=[rec])


def test_a_rewritten_owner_text_is_split_again_keeping_the_owners_written_as_before(
    buckley_hall: models.Establishment, directory: dict[str, Owner]
) -> None:
    stored = save_plan(_one_action_plan(buckley_hall, "Head of Reform", []), establishment=buckley_hall)
    link = ActionOwner.objects.get(action__recommendation__plan=stored)
    link.owner = directory["policy"]
    link.save()
    models.Action.objects.filter(pk=link.action_id).update(owner="Governor and Head of Reform")
    match_stored_plan(stored)
    assert [(link.written, link.owner) for link in _links(stored)] == [
        ("Governor", directory["governor"]),
        ("Head of Reform", directory["policy"]),
    ]


def test_matched_owners_from_a_file_are_kept_when_they_serve_the_establishment(
    buckley_hall: models.Establishment, directory: dict[str, Owner]
) -> None:
    owners = [
        ActionOwnerRef("Safety", id=directory["foreign"].pk, name="Head of Safety", kind="post"),
        ActionOwnerRef("Education", id=directory["novus"].pk, name="Novus", kind="organisation"),
        ActionOwnerRef("Estates", id=999_999, name="Gone", kind="post"),
    ]
    stored = save_plan(_one_action_plan(buckley_hall, "Safety/Education/Estates", owners), establishment=buckley_hall)
    assert [(link.written, link.owner) for link in _links(stored)] == [
        ("Safety", None),
        ("Education", directory["novus"]),
        ("Estates", None),
    ]
    loaded = load_plan(stored).recommendations[0].actions[0]
    assert loaded.owners == [
        ActionOwnerRef("Safety"),
        ActionOwnerRef("Education", id=directory["novus"].pk, name="Novus", kind="organisation"),
        ActionOwnerRef("Estates"),
    ]
    assert canonical.loads(canonical.dumps(load_plan(stored))) == load_plan(stored)


def test_a_plan_nobody_matched_reads_as_its_owner_text(buckley_hall: models.Establishment) -> None:
    stored = save_plan(_one_action_plan(buckley_hall, "Governor/Novus", []), establishment=buckley_hall)
    assert ActionOwner.objects.filter(action__recommendation__plan=stored).count() == 2
    action = load_plan(stored).recommendations[0].actions[0]
    assert action.owners == []
    assert "owners" not in canonical.plan_to_dict(load_plan(stored))["recommendations"][0]["actions"][0]


def test_an_imported_plan_is_matched_and_says_how_many_owner_names_wait(
    samples_dir: Path, buckley_hall: models.Establishment, directory: dict[str, Owner]
) -> None:
    result = import_files([samples_dir / "buckley_hall_2019.txt"])[0]
    stored = models.ActionPlan.objects.get(pk=result.plan_id)
    assert stored.inspection.establishment == buckley_hall
    assert f"3 owner names not matched yet: match at /plans/{stored.pk}/owners/" in result.message
    assert ActionOwner.objects.filter(action__recommendation__plan=stored, owner=directory["governor"]).count() == 28
    # The version frozen on import carries the owners matched.
    frozen = stored.versions.get().document["recommendations"][0]["actions"][0]
    assert frozen["owners"][0]["id"] == directory["governor"].pk


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_generated_plans_lose_no_owner_and_match_none_wrongly(seed: int, buckley_hall: models.Establishment) -> None:
    for name in OWNER_POSTS:
        Owner.objects.create(name=name).establishments.set([buckley_hall])
    for name, description, other_name in DEMO_ORGANISATIONS:
        organisation = Owner.objects.create(name=name, kind=Owner.Kind.ORGANISATION, description=description)
        organisation.establishments.set([buckley_hall])
        OtherName.objects.create(owner=organisation, text=other_name)
    plan = generate_plan(seed, recommendations=30, establishment=buckley_hall.name)
    stored = save_plan(plan, establishment=buckley_hall)
    links = _links(stored)
    expected = [(action.owner, written) for _rec, action in plan.actions() for written in split_owners(action.owner)]
    assert [(link.action.owner or None, link.written) for link in links] == expected, "every owner, in order"
    names = {owner.pk: {normalise(owner.name)} for owner in Owner.objects.all()}
    for other in OtherName.objects.all():
        names[other.owner_id].add(other.normalised)
    for link in links:
        if link.owner_id is not None:
            assert normalise(link.written) in names[link.owner_id], f"{link.written} matched to {link.owner}"
        else:
            assert normalise(link.written) not in set().union(*names.values()), f"{link.written} left waiting"


def test_a_name_two_owners_share_waits_once_and_the_choice_decides_after(
    buckley_hall: models.Establishment, directory: dict[str, Owner]
) -> None:
    national = Owner.objects.create(name="Governor", kind=Owner.Kind.ORGANISATION, national=True)
    first = save_plan(_one_action_plan(buckley_hall, "Governor", []), establishment=buckley_hall)
    (waiting,) = unmatched_owners(first)
    assert {s.key for s in waiting.suggestions} == {str(directory["governor"].pk), str(national.pk)}
    confirm_matches(first, {normalise("Governor"): directory["governor"]})
    second = save_plan(_one_action_plan(buckley_hall, "Governor", []), establishment=buckley_hall)
    assert [(link.written, link.owner) for link in _links(second)] == [("Governor", directory["governor"])]
