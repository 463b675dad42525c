"""What happens to a plan's state when someone changes its content."""

from __future__ import annotations

from django.db import transaction

from actionplan.accounts.models import User
from actionplan.storage.models import ActionPlan
from actionplan.workflow.models import Transition

Status = ActionPlan.Status


@transaction.atomic
def reopen_for_editing(plan: ActionPlan, by: User, *, note: str = "") -> None:
    """Call before saving any change to a plan's content.

    A plan being drafted stays a draft. Any other plan goes back to draft: a plan that was submitted
    needs approving again, and one that was approved (or sent, or published) keeps its frozen
    version and is worked on as the next version.
    """
    locked = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status == Status.DRAFT:
        return
    Transition.objects.create(
        plan=locked,
        from_status=locked.status,
        to_status=Status.DRAFT,
        by=by,
        note=note or "Changed after it left draft; returned to draft.",
    )
    locked.status = Status.DRAFT
    locked.save(update_fields=["status", "updated"])
    plan.status = Status.DRAFT
