"""An action's people are the holders of its owners: the direct link to one person goes."""

from django.db import migrations


class Migration(migrations.Migration):
    # Apart from the data migration before it: PostgreSQL cannot alter a table with row checks still pending.
    dependencies = [("storage", "0004_owner_user_to_holdings")]

    operations = [
        migrations.RemoveField(model_name="action", name="owner_user"),
        migrations.RemoveField(model_name="historicalaction", name="owner_user"),
    ]
