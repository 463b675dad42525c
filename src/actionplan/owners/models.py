"""The owner directory: posts and organisations, the other names plans use for them, and who holds them when."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from simple_history.models import HistoricalRecords

from actionplan.core.owners import normalise


class Owner(models.Model):
    """A post ("Head of Safety" at one establishment) or an organisation (an NHS trust, an education provider,
    an HQ group) that can be responsible for actions. It is accountable whoever holds it at the time."""

    class Kind(models.TextChoices):
        POST = "post", "Post"
        ORGANISATION = "organisation", "Organisation"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.POST)
    name = models.CharField(max_length=200, help_text="As the estate knows it: Head of Safety, Novus.")
    description = models.CharField(
        max_length=200, blank=True, help_text="What it is, for organisations: NHS trust, education provider."
    )
    establishments = models.ManyToManyField(
        "storage.Establishment",
        blank=True,
        related_name="owners",
        help_text="The establishments it serves: one for a post, one or several for an organisation.",
    )
    national = models.BooleanField(
        default=False, help_text="Serves every establishment (an HQ group such as HMPPS Operational Policy)."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class OtherName(models.Model):
    """Another name plans use for an owner ("Residential Governor" for the Head of Residence).

    Remembered for one establishment when a coordinator matched it there, or for every establishment the
    owner serves when the establishment is left empty.
    """

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="other_names")
    text = models.CharField(max_length=200)
    normalised = models.CharField(max_length=200, db_index=True, editable=False)
    establishment = models.ForeignKey(
        "storage.Establishment", null=True, blank=True, on_delete=models.CASCADE, related_name="owner_names"
    )

    class Meta:
        ordering = ["owner", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["normalised", "establishment"],
                condition=Q(establishment__isnull=False),
                name="other_name_unique_at_establishment",
            ),
            models.UniqueConstraint(
                fields=["owner", "normalised"],
                condition=Q(establishment__isnull=True),
                name="other_name_unique_everywhere",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args: object, **kwargs: object) -> None:
        self.normalised = normalise(self.text)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Holding(models.Model):
    """A person holding an owner from one day until another: the record of who was accountable when."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="holdings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="holdings")
    started = models.DateField(default=date.today)
    ended = models.DateField(null=True, blank=True, help_text="Empty while the person holds it.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["owner", "-started", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "user"], condition=Q(ended__isnull=True), name="one_current_holding_per_person"
            ),
            models.CheckConstraint(
                condition=Q(ended__isnull=True) | Q(ended__gte=models.F("started")), name="holding_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} holds {self.owner}"


class ActionOwner(models.Model):
    """One owner of an action, in the order the plan writes them (the first is the lead owner).

    ``written`` is that owner as the plan wrote it; ``owner`` is empty until it is matched to the directory.
    """

    action = models.ForeignKey("storage.Action", on_delete=models.CASCADE, related_name="owner_links")
    position = models.PositiveSmallIntegerField()
    written = models.CharField(max_length=200)
    owner = models.ForeignKey(Owner, null=True, blank=True, on_delete=models.PROTECT, related_name="action_links")
    history = HistoricalRecords()

    class Meta:
        # By the action's id, not the action: ordering by the action would join its recommendation, plan and
        # inspection to every read of owners, which PostgreSQL plans as nested scans while its statistics lag.
        ordering = ["action_id", "position"]
        constraints = [models.UniqueConstraint(fields=["action", "position"], name="action_owner_position_unique")]

    def __str__(self) -> str:
        return self.written


def actions_held_by(user_pk: int) -> Q:
    """Actions one of whose owners this person holds today (over storage's Action)."""
    return Q(pk__in=_held(user_pk).values("action"))


def action_ids_held_by(user_pk: int) -> list[int]:
    """The ids of the actions ``actions_held_by`` finds, read now: a page listing a person's own actions asks for
    them by id, which PostgreSQL plans as a few lookups, where the subquery is planned as a join of every action."""
    return sorted(set(_held(user_pk).values_list("action", flat=True)))


def _held(user_pk: int) -> QuerySet[ActionOwner]:
    return ActionOwner.objects.filter(owner__holdings__user=user_pk, owner__holdings__ended__isnull=True)
