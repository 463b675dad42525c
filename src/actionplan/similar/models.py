"""The similarity index: each recommendation as someone may read it, its weighed stems, and how many hold each stem."""

from __future__ import annotations

from django.db import models

from actionplan.storage.models import ActionPlan, Recommendation
from actionplan.workflow.models import PlanVersion


class IndexedRecommendation(models.Model):
    """One recommendation as a reader finds it: a row being worked on, or as a published version words it."""

    class Source(models.TextChoices):
        LIVE = "live", "The plan as it now is"
        PUBLISHED = "published", "The version published"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=10, choices=Source.choices)
    # A live entry goes with its row; a published one with its version (its row may be redrafted or removed).
    recommendation = models.OneToOneField(
        Recommendation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    version = models.ForeignKey(PlanVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    ref = models.CharField(max_length=30)
    answered = models.BooleanField(default=False, help_text="Whether it has a decision.")
    wording = models.TextField(help_text="The concern and recommendation, as indexed.")
    weights = models.JSONField(default=dict, help_text="Each stem's TF-IDF weight, the whole of unit length.")
    published = models.JSONField(
        default=dict, blank=True, help_text="A published entry's answer as published: decision, response, actions."
    )

    class Meta:
        indexes = [models.Index(fields=["plan", "source"], name="similar_plan_source")]

    def __str__(self) -> str:
        return f"{self.ref} ({self.get_source_display()}) of plan {self.plan_id}"


class IndexedTerm(models.Model):
    """One stem of an indexed recommendation and its weight: what the SQL scoring sums over.

    It repeats its recommendation's plan, source and whether it is answered, so that scoring reads this table's
    index alone and never the recommendations it passes over.
    """

    document = models.ForeignKey(IndexedRecommendation, on_delete=models.CASCADE, related_name="terms")
    stem = models.CharField(max_length=60)
    weight = models.FloatField()
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="+", db_index=False)
    source = models.CharField(max_length=10, choices=IndexedRecommendation.Source.choices)
    answered = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "stem"], name="similar_term_once")]
        indexes = [
            models.Index(
                fields=["stem", "answered", "source", "plan", "document", "weight"], name="similar_stem_postings"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stem}: {self.weight:.3f}"


class TermFrequency(models.Model):
    """How many indexed recommendations hold a stem; the row of the empty stem counts them all."""

    stem = models.CharField(max_length=60, primary_key=True)
    documents = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.stem or '(all)'}: {self.documents}"
