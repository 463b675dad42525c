"""A person who signs in, with one role and the establishments (or inspectorate) they work for."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Plan coordinator"
    APPROVER = "approver", "Approver"
    ACTION_OWNER = "action_owner", "Action owner"
    INSPECTORATE = "inspectorate", "Inspectorate"
    ANALYST = "analyst", "Analyst"
    ADMIN = "admin", "Administrator"


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.ACTION_OWNER)
    establishments = models.ManyToManyField(
        "storage.Establishment",
        blank=True,
        related_name="members",
        help_text="Coordinators, approvers and action owners work on the plans of these establishments.",
    )
    inspectorate = models.ForeignKey(
        "storage.Inspectorate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text="For inspectorate staff: the inspectorate whose plans they read.",
    )

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label
