"""Delivery records: progress updates with evidence, moved target dates, judgements, checks and reminders sent."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from actionplan.core.plan import ProgressLevel
from actionplan.core.targets import Precision, TargetKind
from actionplan.monitoring.delivery import ActionQuerySet
from actionplan.monitoring.evidence import evidence_name
from actionplan.storage.models import Action, Recommendation, enum_choices


class TrackedAction(Action):
    """An action seen through its delivery: ``TrackedAction.objects.overdue(today)`` and the like."""

    # A proxy may bring its own manager; the type stubs only know Action's, hence the ignore.
    objects = ActionQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        proxy = True


class ProgressUpdate(models.Model):
    """A dated note on an action by its owner or a coordinator, which may change the action's status."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress_updates")
    on = models.DateField(help_text="The day the note speaks of.")
    note = models.TextField()
    status = models.CharField(
        max_length=20,
        choices=Action.Status.choices,
        blank=True,
        help_text="The status this update moved the action to.",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.action_id}: update of {self.on}"


def _evidence_path(evidence: Evidence, filename: str) -> str:
    # A random folder: stored names cannot be guessed, and two files of one name never collide.
    # The name cut by bytes: a long name in a script of several bytes a letter must still fit the file system.
    return f"evidence/{evidence.update.action_id}/{uuid.uuid4().hex}/{evidence_name(filename)}"


class Evidence(models.Model):
    """A file attached to a progress update, kept in Django's default storage (a disk or a cloud store)."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=_evidence_path, max_length=400)
    name = models.CharField(max_length=255, help_text="The file's name as uploaded.")
    size = models.PositiveBigIntegerField()
    media_type = models.CharField(max_length=120, help_text="The type the file's content was found to be.")

    class Meta:
        ordering = ["update", "pk"]

    def __str__(self) -> str:
        return self.name


class TargetChange(models.Model):
    """A moved target: the target before and after, when and why (the Treasury's good practice)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="target_changes")
    changed_on = models.DateField()
    previous_text = models.CharField(max_length=100, blank=True)
    previous_kind = models.CharField(max_length=20, choices=enum_choices(TargetKind))
    previous_date = models.DateField(null=True, blank=True)
    previous_precision = models.CharField(max_length=10, choices=enum_choices(Precision), blank=True)
    new_text = models.CharField(max_length=100, blank=True)
    new_date = models.DateField(null=True, blank=True)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "changed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.previous_text or 'no target'} → {self.new_text or 'no target'}"

    @property
    def days_moved(self) -> int | None:
        """Days later (negative: earlier) the new date is than the old, when both are dates."""
        if self.previous_date is None or self.new_date is None:
            return None
        return (self.new_date - self.previous_date).days


class ProgressJudgement(models.Model):
    """The inspectorate's judgement of progress on a recommendation, at its review or next inspection."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="judgements")
    level = models.CharField(max_length=30, choices=enum_choices(ProgressLevel))
    judged_on = models.DateField()
    comment = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The latest judgement first: the one shown beside the recommendation.
        ordering = ["recommendation", "-judged_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.recommendation_id}: {self.get_level_display()} ({self.judged_on})"


class ImplementationCheck(models.Model):
    """A coordinator confirming, or disputing, that a recommendation whose actions are all done is implemented."""

    class Verdict(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed as implemented"
        DISPUTED = "disputed", "Disputed: not implemented"

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="implementation_checks")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.recommendation_id}: {self.get_verdict_display()}"


class Reminder(models.Model):
    """A reminder claimed for sending. The unique row is the lock: no reminder is ever sent twice."""

    class Kind(models.TextChoices):
        BEFORE = "before", "Target date coming up"
        DUE = "due", "Target date today"
        OVERDUE = "overdue", "Overdue"
        ESCALATION = "escalation", "Overdue: escalated to the coordinator"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The target this reminder is about: a moved target starts its reminders afresh.
    target_date = models.DateField()
    # For weekly reminders: which week after the target (0 is the first).
    occurrence = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "recipient", "kind", "target_date", "occurrence"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient_id} about action {self.action_id}"
