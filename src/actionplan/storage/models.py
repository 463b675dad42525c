"""Plans in the database: inspectorates, establishments, inspections, action plans, recommendations and actions."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from actionplan.core.plan import Decision, Reason, RecommendationKind
from actionplan.core.targets import Precision, TargetKind


def enum_choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """Django choices from one of the core's enumerations: its values, labelled in sentence case."""
    return [(member.value, member.value.replace("_", " ").capitalize()) for member in enum]


class Inspectorate(models.Model):
    short_name = models.CharField(max_length=40, unique=True, help_text="As plans write it: HMIP, HMI Probation.")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name


class Establishment(models.Model):
    class Kind(models.TextChoices):
        PRISON = "prison", "Prison"
        YOUNG_OFFENDER_INSTITUTION = "yoi", "Young offender institution"
        IMMIGRATION_REMOVAL_CENTRE = "irc", "Immigration removal centre"
        COURT_CUSTODY = "court_custody", "Court custody"
        PROBATION = "probation", "Probation service"
        YOUTH_OFFENDING = "youth_offending", "Youth offending service"

    name = models.CharField(max_length=200, unique=True, help_text="As plans write it, e.g. HMP/YOI Norwich.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PRISON)
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="establishments")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Inspection(models.Model):
    class Kind(models.TextChoices):
        FULL_UNANNOUNCED = "full_unannounced", "Full unannounced inspection"
        FULL_ANNOUNCED = "full_announced", "Full announced inspection"
        SHORT = "short", "Short inspection"
        URGENT_NOTIFICATION = "urgent_notification", "Urgent notification"
        THEMATIC = "thematic", "Thematic inspection"
        PROBATION = "probation", "Probation inspection"
        OTHER = "other", "Other"

    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="inspections")
    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.FULL_UNANNOUNCED)
    title = models.CharField(max_length=300, blank=True)
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    inspection_dates = models.CharField(
        max_length=200, blank=True, help_text="As the plan writes them, e.g. 8-19 July 2019."
    )
    report_published = models.DateField(null=True, blank=True)
    report_url = models.URLField(blank=True)

    class Meta:
        ordering = ["-report_published", "establishment__name"]

    def __str__(self) -> str:
        when = self.report_published.strftime("%B %Y") if self.report_published else "unpublished"
        return f"{self.establishment} ({when})"


class ActionPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED_FOR_APPROVAL = "submitted_for_approval", "Submitted for approval"
        APPROVED = "approved", "Approved"
        SENT = "sent", "Sent to the inspectorate"
        PUBLISHED = "published", "Published"

    inspection = models.OneToOneField(Inspection, on_delete=models.PROTECT, related_name="action_plan")
    establishment_as_written = models.CharField(
        max_length=200, help_text="The establishment's name as this plan writes it."
    )
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.DRAFT)
    submitted = models.DateField(null=True, blank=True, help_text="When the plan was sent to the inspectorate.")
    published = models.DateField(null=True, blank=True)
    notes = models.JSONField(default=list, blank=True)
    stated_summary = models.JSONField(null=True, blank=True, help_text="The counts stated at the end of the plan.")
    fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="For an imported plan: the SHA-256 of its canonical JSON as read, so it is not imported twice.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-inspection__report_published", "establishment_as_written"]
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint"], condition=~models.Q(fingerprint=""), name="plan_imported_once"
            )
        ]

    def __str__(self) -> str:
        return f"Action plan: {self.inspection}"

    @property
    def status_colour(self) -> str:
        """The colour of the GOV.UK tag that shows the plan's status."""
        return self.colour_of(self.Status(self.status))

    @classmethod
    def colour_of(cls, status: ActionPlan.Status) -> str:
        """The colour of the GOV.UK tag that shows a status."""
        return {cls.Status.DRAFT: "grey", cls.Status.PUBLISHED: "green"}.get(status, "blue")

    @property
    def establishment(self) -> Establishment:
        return self.inspection.establishment

    @property
    def submission_due(self) -> date | None:
        """When the plan should be submitted: ACTIONPLAN_SUBMISSION_DAYS after the report was published."""
        published = self.inspection.report_published
        return published + timedelta(days=settings.ACTIONPLAN_SUBMISSION_DAYS) if published else None


class Recommendation(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="recommendations")
    position = models.PositiveIntegerField()
    ref = models.CharField(max_length=30)
    kind = models.CharField(max_length=20, choices=enum_choices(RecommendationKind), default="recommendation")
    section = models.CharField(max_length=200, blank=True)
    directed_to = models.CharField(max_length=200, blank=True)
    concern = models.TextField(blank=True)
    text = models.TextField("recommendation")
    cross_ref = models.CharField(max_length=30, blank=True)
    repeated_from = models.CharField(max_length=30, blank=True)
    decision = models.CharField(max_length=20, choices=enum_choices(Decision), blank=True)
    agreed_part = models.TextField(blank=True, help_text="For Partly Agreed: which part will be implemented.")
    reasons = models.JSONField(default=list, blank=True, help_text=f"Any of: {', '.join(r.value for r in Reason)}.")
    response = models.TextField(blank=True)
    # Counts saves, so that a save made from an out-of-date form is refused instead of overwriting.
    revision = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        # By the plan's id, not the plan: ordering by the plan would join its inspection to every read of
        # recommendations, which PostgreSQL plans as nested scans while its statistics lag.
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="recommendation_position_unique")]

    def __str__(self) -> str:
        return f"{self.ref}: {self.text[:60]}"


class Action(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    owner = models.CharField(max_length=200, blank=True, help_text="The responsible owner as the plan names them.")
    target_text = models.CharField("target as written", max_length=100, blank=True)
    target_kind = models.CharField(max_length=20, choices=enum_choices(TargetKind), default="none")
    target_date = models.DateField(null=True, blank=True)
    target_precision = models.CharField(max_length=10, choices=enum_choices(Precision), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField(null=True, blank=True)
    cancellation_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        # By the recommendation's id (made in the order of the plan), not the recommendation: see Recommendation.
        ordering = ["recommendation_id", "position"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "position"], name="action_position_unique")]

    def __str__(self) -> str:
        return f"{self.owner or 'No owner'}: {self.target_text or 'no target'}"
