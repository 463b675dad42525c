"""An action's owners as the directory knows them, and who holds each today: what monitoring pages show."""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass

from django.db.models import FilteredRelation, Prefetch, Q

from actionplan.accounts.models import User
from actionplan.owners.models import ActionOwner, Holding, Owner
from actionplan.storage.models import Action


@dataclass(frozen=True)
class ShownOwner:
    """One owner of an action: the directory's name when matched, else the plan's words; who holds it today."""

    name: str
    kind: str | None  # "post" or "organisation"; None while the plan's words are not matched to the directory
    held_by_you: bool = False
    holders: tuple[str, ...] = ()
    pk: int | None = None  # the directory's owner, when matched

    def __str__(self) -> str:
        if self.held_by_you:
            return f"{self.name} (you hold this {self.kind})"
        if self.kind is None:
            return f"{self.name} (not yet matched to the directory)"
        return self.name


def with_owners() -> Prefetch[str]:
    """What to prefetch on actions to show their owners."""
    return Prefetch("owner_links", ActionOwner.objects.select_related("owner"))


def held_owner_ids(user: User) -> set[int]:
    """The owners this person holds today."""
    return set(Holding.objects.filter(user=user, ended__isnull=True).values_list("owner_id", flat=True))


def owners_of(action: Action, held: Set[int] = frozenset()) -> list[ShownOwner]:
    """The action's owners in the plan's order, from its prefetched links (see ``with_owners``)."""
    shown = []
    for link in action.owner_links.all():
        owner: Owner | None = link.owner
        if owner is None:
            shown.append(ShownOwner(link.written, None))
            continue
        shown.append(ShownOwner(owner.name, owner.kind, owner.pk in held, pk=owner.pk))
    return shown


def owners_and_holders(action: Action) -> list[ShownOwner]:
    """The action's owners in the plan's order, each with the people holding it today, in one query."""
    rows = (
        ActionOwner.objects.filter(action=action)
        .annotate(current=FilteredRelation("owner__holdings", condition=Q(owner__holdings__ended__isnull=True)))
        .order_by("position", "current__started", "current__pk")
        .values_list(
            "position",
            "written",
            "owner",
            "owner__name",
            "owner__kind",
            "current__user__first_name",
            "current__user__last_name",
            "current__user__username",
        )
    )
    found: dict[int, tuple[str, str | None, int | None, list[str]]] = {}
    for position, written, pk, name, kind, first_name, last_name, username in rows:
        _name, _kind, _pk, holders = found.setdefault(position, (name or written, kind, pk, []))
        if username is not None:
            holders.append(f"{first_name} {last_name}".strip() or username)
    return [ShownOwner(name, kind, holders=tuple(holders), pk=pk) for name, kind, pk, holders in found.values()]


def show_owners(actions: Iterable[Action], user: User) -> None:
    """Give each action ``shown_owners``: its owners, marked where this person holds them."""
    held = held_owner_ids(user)
    for action in actions:
        action.shown_owners = owners_of(action, held)  # type: ignore[attr-defined]
