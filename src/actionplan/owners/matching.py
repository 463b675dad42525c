"""Matching the owners a stored plan names to its establishment's owner directory, and remembering choices."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actionplan.core.owners import Directory, DirectoryEntry, Suggestion, normalise, split_owners
from actionplan.owners.models import ActionOwner, OtherName, Owner
from actionplan.storage.models import Action, ActionPlan, Establishment


def serving(establishment: Establishment | int) -> Q:
    """Owners an establishment's plans may name: its posts, organisations serving it, national owners.

    Asked as "in the establishment's owners, or national" rather than through a join: PostgreSQL planned the join
    with its OR so badly on tables whose statistics were out of date that one query took seconds.
    """
    served = Owner.establishments.through.objects.filter(establishment=establishment).values("owner_id")
    return Q(pk__in=served) | Q(national=True)


def directory_owners(establishment: Establishment) -> QuerySet[Owner]:
    """The establishment's directory, with the other names known there or everywhere (two queries)."""
    names = OtherName.objects.filter(Q(establishment=establishment) | Q(establishment__isnull=True))
    return (
        Owner.objects.filter(pk__in=Owner.objects.filter(serving(establishment)).values("pk"))
        .prefetch_related(Prefetch("other_names", queryset=names))
        .order_by("name", "pk")
    )


class KnownOwners:
    """An establishment's directory as matching uses it (read in two queries).

    A name a person matched at this establishment decides, even where the directory has two owners going by
    it: that choice is what makes the next plan naming it match by itself.
    """

    def __init__(self, establishment: Establishment) -> None:
        self.owners = list(directory_owners(establishment))
        self.directory = Directory(
            DirectoryEntry(str(owner.pk), owner.name, tuple(name.text for name in owner.other_names.all()))
            for owner in self.owners
        )
        self.remembered = {
            name.normalised: owner.pk
            for owner in self.owners
            for name in owner.other_names.all()
            if name.establishment_id == establishment.pk
        }

    def knows(self, text: str) -> bool:
        return self.directory.knows(text)

    def certain(self, written: str) -> int | None:
        """The owner ``written`` certainly names, or None when a person must decide."""
        if (remembered := self.remembered.get(normalise(written))) is not None:
            return remembered
        key = self.directory.match(written).key
        return None if key is None else int(key)

    def suggestions(self, written: str) -> tuple[Suggestion, ...]:
        return self.directory.match(written).suggestions


def directory_for(establishment: Establishment) -> Directory:
    """The core directory an establishment's owner texts are matched against, keyed by owner id."""
    return KnownOwners(establishment).directory


def _words(text: str) -> list[str]:
    """The words of an owner text that name owners: what splitting keeps, in order."""
    return [word for word in normalise(text).split() if word != "and"]


def _still_written(links: list[ActionOwner], owner_text: str) -> bool:
    """Whether an action's owners are still what its owner text names (it was not rewritten since)."""
    return bool(links) and [word for link in links for word in _words(link.written)] == _words(owner_text)


@dataclass
class Matched:
    """How matching went for a set of actions: owners linked by their names, and owners waiting for a person."""

    linked: int = 0
    waiting: int = 0


def match_actions(establishment: Establishment, actions: Iterable[Action]) -> Matched:
    """Give each action its owners, in the order written, each linked to the directory when certain.

    An action whose owners are still those its owner text names keeps them, and only those waiting are
    tried again, so that a person's choice is never overwritten. An action whose owner text was rewritten
    is split afresh; an owner written as before keeps the owner it had. A close match is never linked:
    it waits for a coordinator on the "Match owners" page.
    """
    actions = list(actions)
    if not actions:
        return Matched()
    known = KnownOwners(establishment)
    links: dict[int, list[ActionOwner]] = {action.pk: [] for action in actions}
    for link in ActionOwner.objects.filter(action__in=[action.pk for action in actions]).order_by("position"):
        links[link.action_id].append(link)
    to_fill: list[ActionOwner] = []
    to_delete: list[int] = []
    to_create: list[ActionOwner] = []
    result = Matched()
    for action in actions:
        kept = links[action.pk]
        if _still_written(kept, action.owner):
            for link in kept:
                if link.owner_id is None and (owner_id := known.certain(link.written)) is not None:
                    link.owner_id = owner_id
                    to_fill.append(link)
            fresh = kept
        else:
            chosen = {normalise(link.written): link.owner_id for link in kept if link.owner_id is not None}
            to_delete.extend(link.pk for link in kept)
            fresh = []
            for position, written in enumerate(split_owners(action.owner, known.knows)):
                owner_id = chosen.get(normalise(written))
                if owner_id is None:
                    owner_id = known.certain(written)
                fresh.append(ActionOwner(action=action, position=position, written=written[:200], owner_id=owner_id))
            to_create.extend(fresh)
        for link in fresh:
            if link.owner_id is None:
                result.waiting += 1
            else:
                result.linked += 1
    ActionOwner.objects.filter(pk__in=to_delete).delete()
    if to_create:
        bulk_create_with_history(to_create, ActionOwner)
    if to_fill:
        bulk_update_with_history(to_fill, ActionOwner, ["owner"])
    return result


def match_stored_plan(plan: ActionPlan) -> Matched:
    """Match every action of a stored plan to its establishment's directory (see ``match_actions``)."""
    actions = Action.objects.filter(recommendation__plan=plan).only("pk", "owner")
    return match_actions(plan.inspection.establishment, actions)


@dataclass
class Unmatched:
    """One owner, as a plan writes it, that waits for a person: the actions naming it and what it may be."""

    written: str
    actions: int
    suggestions: tuple[Suggestion, ...]
    refs: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What tells this owner text apart on the page: its normalised form."""
        return normalise(self.written)


def waiting_links(plan: ActionPlan) -> QuerySet[ActionOwner]:
    return ActionOwner.objects.filter(action__recommendation__plan=plan, owner__isnull=True)


def unmatched_owners(plan: ActionPlan, known: KnownOwners | None = None) -> list[Unmatched]:
    """Every distinct owner text of the plan not matched yet, in the order the plan first writes it."""
    known = known or KnownOwners(plan.inspection.establishment)
    found: dict[str, Unmatched] = {}
    rows = waiting_links(plan).order_by("action__recommendation__position", "action__position", "position")
    for written, ref in rows.values_list("written", "action__recommendation__ref"):
        key = normalise(written)
        if key in found:
            found[key].actions += 1
        else:
            found[key] = Unmatched(written, 1, known.suggestions(written))
        if ref not in found[key].refs:
            found[key].refs.append(ref)
    return list(found.values())


def count_unmatched(plan: ActionPlan) -> int:
    """How many distinct owner texts of the plan wait for a person (one query)."""
    return len({normalise(written) for written in waiting_links(plan).values_list("written", flat=True)})


def remember(establishment: Establishment, written: str, owner: Owner) -> None:
    """Remember at this establishment that ``written`` names ``owner``, unless the directory knows it already."""
    normal = normalise(written)
    if (
        normalise(owner.name) == normal
        and not Owner.objects.filter(serving(establishment), name__iexact=owner.name).exclude(pk=owner.pk).exists()
    ):
        return
    if OtherName.objects.filter(owner=owner, normalised=normal, establishment__isnull=True).exists():
        return
    OtherName.objects.update_or_create(
        normalised=normal, establishment=establishment, defaults={"owner": owner, "text": written[:200]}
    )


@transaction.atomic
def confirm_matches(plan: ActionPlan, choices: dict[str, Owner]) -> int:
    """Link the plan's waiting owners to the owners a person chose, by normalised owner text; remember each.

    Returns how many action owners were linked.
    """
    establishment = plan.inspection.establishment
    linked = []
    for link in waiting_links(plan).select_for_update():
        owner = choices.get(normalise(link.written))
        if owner is not None:
            link.owner = owner
            linked.append(link)
    for written, owner in choices.items():
        example = next((link.written for link in linked if normalise(link.written) == written), written)
        remember(establishment, example, owner)
    if linked:
        bulk_update_with_history(linked, ActionOwner, ["owner"])
    return len(linked)
