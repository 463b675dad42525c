"""Links between a recommendation and the earlier one it repeats, and the outcome recorded at the next inspection."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from actionplan.storage.models import Inspection, Recommendation


class RepeatLink(models.Model):
    """A recommendation repeating one of an earlier plan's, or a suggestion of it that a person rejected."""

    class How(models.TextChoices):
        STATED = "stated", "Stated in the report"
        CONFIRMED = "confirmed", "Suggested and confirmed"
        REJECTED = "rejected", "Suggested and rejected"

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="repeat_links")
    earlier = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="repeated_by")
    how = models.CharField(max_length=20, choices=How.choices)
    score = models.FloatField(null=True, blank=True, help_text="How alike the wording was when it was suggested.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "-at"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "earlier"], name="repeat_link_once"),
            # A recommendation repeats at most one earlier one; rejections are kept beside it.
            models.UniqueConstraint(
                fields=["recommendation"], condition=~models.Q(how="rejected"), name="repeat_link_one_earlier"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} repeats {self.earlier_id} ({self.get_how_display()})"

    @property
    def linked(self) -> bool:
        return self.how != self.How.REJECTED


class FollowUpOutcome(models.Model):
    """What the inspectorate found at the next inspection of an earlier plan's recommendation."""

    class Outcome(models.TextChoices):
        ACHIEVED = "achieved", "Achieved"
        PARTIALLY_ACHIEVED = "partially_achieved", "Partially achieved"
        NOT_ACHIEVED = "not_achieved", "Not achieved"

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="follow_up")
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="follow_ups", help_text="The inspection that found it."
    )
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["recommendation"]

    def __str__(self) -> str:
        return f"{self.recommendation_id}: {self.get_outcome_display()}"

    @property
    def colour(self) -> str:
        """The colour of the GOV.UK tag that shows the outcome."""
        return {"achieved": "green", "partially_achieved": "yellow"}.get(self.outcome, "red")
