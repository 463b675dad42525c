"""Freeze every sent or published plan that has no version, so that its readers never read the rows being edited."""

from typing import Any

from django.db import migrations


def freeze(apps: Any, schema_editor: Any) -> None:
    # The freezing itself (the plan as canonical JSON) is the service's own: it reads the plan with the
    # current models, which match the tables at this point of the migrations.
    from actionplan.workflow.states import freeze_unversioned

    freeze_unversioned()


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0002_version_published_on"),
        ("storage", "0003_drafting_and_delivery"),
        ("monitoring", "0001_initial"),
    ]

    # Going back keeps the versions: removing them would let readers fall back to rows being edited.
    operations = [migrations.RunPython(freeze, migrations.RunPython.noop)]
