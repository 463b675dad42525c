"""Memberships: each role a person holds, at an establishment, an inspectorate or across the estate."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("storage", "0003_drafting_and_delivery"),
    ]

    operations = [
        migrations.CreateModel(
            name="Membership",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("coordinator", "Plan coordinator"),
                            ("approver", "Approver"),
                            ("action_owner", "Action owner"),
                            ("inspectorate", "Inspectorate"),
                            ("analyst", "Analyst"),
                            ("admin", "Administrator"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "establishment",
                    models.ForeignKey(
                        blank=True,
                        help_text="For coordinators, approvers and action owners: the establishment whose plans they work on.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="storage.establishment",
                    ),
                ),
                (
                    "inspectorate",
                    models.ForeignKey(
                        blank=True,
                        help_text="For inspectorate staff: the inspectorate whose plans they read.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memberships",
                        to="storage.inspectorate",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["role", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("establishment__isnull", False),
                                ("inspectorate__isnull", True),
                                ("role__in", ("coordinator", "approver", "action_owner")),
                            ),
                            models.Q(
                                ("establishment__isnull", True),
                                ("inspectorate__isnull", False),
                                ("role__in", ("inspectorate",)),
                            ),
                            models.Q(
                                ("establishment__isnull", True),
                                ("inspectorate__isnull", True),
                                ("role__in", ("analyst", "admin")),
                            ),
                            _connector="OR",
                        ),
                        name="membership_held_where_its_role_is",
                        violation_error_message="Coordinators, approvers and action owners need an establishment (and no inspectorate); inspectorate staff need an inspectorate (and no establishment); analysts and administrators work across the estate (neither).",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("establishment__isnull", False)),
                        fields=("user", "role", "establishment"),
                        name="membership_once_per_establishment",
                        violation_error_message="This person already holds this role at this establishment.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("inspectorate__isnull", False)),
                        fields=("user", "role", "inspectorate"),
                        name="membership_once_per_inspectorate",
                        violation_error_message="This person already holds this role at this inspectorate.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("establishment__isnull", True), ("inspectorate__isnull", True)),
                        fields=("user", "role"),
                        name="membership_once_estate_wide",
                        violation_error_message="This person already holds this role across the estate.",
                    ),
                ],
            },
        ),
    ]
