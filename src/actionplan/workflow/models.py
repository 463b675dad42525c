"""Frozen versions of a plan and the record of every change of state (who, when, with what note)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from actionplan.storage.models import ActionPlan


class PlanVersion(models.Model):
    """The plan as it stood when it was approved: its canonical JSON, never changed afterwards."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    document = models.JSONField(help_text="The plan's canonical JSON (actionplan/1) at approval.")
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_on = models.DateField(null=True, blank=True, help_text="When this version was published.")

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.plan}: version {self.number}"


class Transition(models.Model):
    """One change of a plan's state: submitted, approved, sent, published, returned to draft."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=30, choices=ActionPlan.Status.choices)
    to_status = models.CharField(max_length=30, choices=ActionPlan.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    version = models.ForeignKey(PlanVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["plan", "-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_from_status_display()} → {self.get_to_status_display()}"
