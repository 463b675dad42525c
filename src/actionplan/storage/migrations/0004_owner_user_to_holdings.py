"""Each action linked to a person keeps that meaning in the owner directory: a post, held by that person today."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _owner_name(action: Any) -> str:
    """The post the action names, or the person's own name when the plan names none (for an action whose owners
    are not yet split into links)."""
    user = action.owner_user
    person = f"{user.first_name} {user.last_name}".strip() or user.username
    return (action.owner or "").strip()[:200] or person[:200]


def owner_user_to_holdings(apps: Any, schema_editor: Any) -> None:
    Action = apps.get_model("storage", "Action")
    Owner = apps.get_model("owners", "Owner")
    Holding = apps.get_model("owners", "Holding")
    ActionOwner = apps.get_model("owners", "ActionOwner")
    linked = Action.objects.filter(owner_user__isnull=False).select_related(
        "owner_user", "recommendation__plan__inspection"
    )
    for action in linked.iterator():
        establishment_id = action.recommendation.plan.inspection.establishment_id
        links = ActionOwner.objects.filter(action=action).order_by("position")
        waiting = links.filter(owner__isnull=True).first()
        lead = links.first()
        if waiting is None and lead is not None:
            # Every owner the plan names is matched already: the person holds the lead one.
            owner = lead.owner
        else:
            name = waiting.written if waiting is not None else _owner_name(action)
            owner = (
                Owner.objects.filter(kind="post", name__iexact=name, establishments=establishment_id)
                .order_by("pk")
                .first()
            )
            if owner is None:
                owner = Owner.objects.create(kind="post", name=name)
                owner.establishments.add(establishment_id)
            if waiting is not None:
                waiting.owner = owner
                waiting.save(update_fields=["owner"])
            else:
                ActionOwner.objects.create(action=action, position=0, written=name, owner=owner)
        if not Holding.objects.filter(owner=owner, user=action.owner_user, ended__isnull=True).exists():
            Holding.objects.create(owner=owner, user=action.owner_user)


def holdings_to_owner_user(apps: Any, schema_editor: Any) -> None:
    """Going back, an action's person is a current holder of its first matched owner."""
    Action = apps.get_model("storage", "Action")
    ActionOwner = apps.get_model("owners", "ActionOwner")
    Holding = apps.get_model("owners", "Holding")
    for link in ActionOwner.objects.filter(owner__isnull=False).order_by("-position").iterator():
        holding = Holding.objects.filter(owner=link.owner_id, ended__isnull=True).order_by("started", "pk").first()
        if holding is not None:
            Action.objects.filter(pk=link.action_id).update(owner_user=holding.user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("storage", "0003_drafting_and_delivery"),
        ("owners", "0001_initial"),
    ]

    operations = [migrations.RunPython(owner_user_to_holdings, holdings_to_owner_user)]
