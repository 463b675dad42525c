"""The search index: one row for each thing a person may find, with the facets it is counted under."""

from __future__ import annotations

from django.db import models

from actionplan.monitoring.models import ProgressUpdate
from actionplan.storage.models import Action, ActionPlan, Establishment, Inspectorate, Recommendation
from actionplan.workflow.models import PlanVersion


class SearchEntry(models.Model):
    """A plan, recommendation, response, action or progress update as one reader or another reads it.

    The words are matched through a full-text index made by the migration for each database: an FTS5 table
    kept in step by triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL.
    """

    class Audience(models.TextChoices):
        # The rows being worked on: read by the people who work on the plan and by analysts.
        LIVE = "live", "The plan as it now is"
        # Progress notes: read by those who read the plan as it now is, and by the inspectorate it was sent to.
        PROGRESS = "progress", "Progress on the plan as it now is"
        # A signed-off version: read by the inspectorate (sent) or the public (published).
        FROZEN = "frozen", "A signed-off version"

    class Kind(models.TextChoices):
        PLAN = "plan", "Plan"
        RECOMMENDATION = "recommendation", "Recommendation or concern"
        RESPONSE = "response", "Response"
        ACTION = "action", "Action"
        UPDATE = "update", "Progress update"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(PlanVersion, null=True, on_delete=models.CASCADE, related_name="+")
    # The row a live entry is made from: deleting the row deletes its entries.
    recommendation = models.ForeignKey(Recommendation, null=True, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, null=True, on_delete=models.CASCADE, related_name="+")
    update = models.ForeignKey(ProgressUpdate, null=True, on_delete=models.CASCADE, related_name="+")
    # For a frozen version's action: the row its delivery is recorded on, whose status it is counted under.
    delivered_by = models.ForeignKey(Action, null=True, on_delete=models.SET_NULL, related_name="+")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    # For a frozen version's rows: whether it is the version sent to the inspectorate, or the one published.
    sent = models.BooleanField(default=False)
    published = models.BooleanField(default=False)
    # Whether the plan has a version sent to its inspectorate, which then reads its progress.
    plan_sent = models.BooleanField(default=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    ref = models.CharField(max_length=30, blank=True)
    title = models.CharField(max_length=300)
    body = models.TextField()
    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="+")
    establishment_name = models.CharField(max_length=200)
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.CASCADE, related_name="+")
    inspectorate_name = models.CharField(max_length=40)
    year = models.PositiveIntegerField(null=True)
    decision = models.CharField(max_length=20, blank=True)
    section = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, blank=True)
    owner = models.CharField(max_length=200, blank=True)
    # Where it is shown in order within its plan.
    position = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["plan", "audience"], name="search_entry_plan")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
