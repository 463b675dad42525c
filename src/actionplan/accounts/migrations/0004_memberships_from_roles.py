"""Give every person the memberships their single role and establishments (or inspectorate) amounted to."""

from typing import Any

from django.db import migrations

AT_ESTABLISHMENT = {"coordinator", "approver", "action_owner"}
ESTATE_WIDE = {"analyst", "admin"}
# Going back to one role a person: the one that does most, when they hold several.
PRECEDENCE = ["admin", "coordinator", "approver", "action_owner", "inspectorate", "analyst"]


def memberships_from_roles(apps: Any, schema_editor: Any) -> None:
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("accounts", "Membership")
    made = []
    for user in User.objects.prefetch_related("establishments"):
        if user.role in AT_ESTABLISHMENT:
            made += [Membership(user=user, role=user.role, establishment=e) for e in user.establishments.all()]
        elif user.role == "inspectorate" and user.inspectorate_id is not None:
            made.append(Membership(user=user, role=user.role, inspectorate_id=user.inspectorate_id))
        elif user.role in ESTATE_WIDE:
            made.append(Membership(user=user, role=user.role))
        # A superuser was an administrator whatever their role said, and still is by being a superuser.
    Membership.objects.bulk_create(made)


def roles_from_memberships(apps: Any, schema_editor: Any) -> None:
    User = apps.get_model("accounts", "User")
    for user in User.objects.prefetch_related("memberships"):
        held = list(user.memberships.all())
        if not held:
            continue
        role = min((m.role for m in held), key=PRECEDENCE.index)
        user.role = role
        user.inspectorate_id = next((m.inspectorate_id for m in held if m.inspectorate_id), None)
        user.save(update_fields=["role", "inspectorate"])
        user.establishments.set([m.establishment_id for m in held if m.establishment_id])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_membership"),
    ]

    operations = [migrations.RunPython(memberships_from_roles, roles_from_memberships)]
