"""A person's roles now live in their memberships only: the single role, establishments and inspectorate go."""

from django.db import migrations

import actionplan.accounts.models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_memberships_from_roles"),
    ]

    operations = [
        migrations.AlterModelManagers(
            name="user",
            managers=[
                ("objects", actionplan.accounts.models.UserManager()),
            ],
        ),
        migrations.RemoveField(model_name="user", name="establishments"),
        migrations.RemoveField(model_name="user", name="inspectorate"),
        migrations.RemoveField(model_name="user", name="role"),
    ]
