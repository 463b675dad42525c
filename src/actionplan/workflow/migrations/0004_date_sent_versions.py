"""Give the versions sent before they carried it the date they were sent, so that their readers see it."""

from typing import Any

from django.db import migrations


def date_versions(apps: Any, schema_editor: Any) -> None:
    # As in 0003, the service's own function: the current models match the tables at this point.
    from actionplan.workflow.states import date_sent_versions

    date_sent_versions()


class Migration(migrations.Migration):
    dependencies = [("workflow", "0003_freeze_sent_and_published")]

    # Going back keeps the dates: they are what was sent.
    operations = [migrations.RunPython(date_versions, migrations.RunPython.noop)]
