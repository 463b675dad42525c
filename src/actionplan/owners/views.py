"""Owner pages: matching a plan's owners to the directory, and an establishment's owner directory.

Each says who may use it; the rules themselves live in actionplan.accounts.access.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods

from actionplan.accounts.access import Permission, can, establishments_for, plans_for
from actionplan.core.owners import normalise
from actionplan.owners.forms import LATER, NEW, NewOwnerForm, OtherNameForm, OwnerChoiceForm
from actionplan.owners.matching import (
    KnownOwners,
    confirm_matches,
    count_unmatched,
    directory_owners,
    serving,
    unmatched_owners,
)
from actionplan.owners.models import Holding, OtherName, Owner
from actionplan.pages.paging import page_of
from actionplan.pages.templatetags.govuk_forms import govuk_error_summary
from actionplan.storage.models import ActionPlan, Establishment

GET_POST = require_http_methods(["GET", "POST"])


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def waiting_banner(stored: ActionPlan) -> SafeString | None:
    """What the plan page tells its editors while owners of the plan wait to be matched; None when none do."""
    count = count_unmatched(stored)
    if not count:
        return None
    return format_html(
        '<p class="govuk-notification-banner__heading">{} not matched yet.</p>'
        '<p class="govuk-body"><a class="govuk-notification-banner__link" href="{}">Match owners</a> so that the '
        "people who hold them see their actions.</p>",
        _plural(count, "owner name is", "owner names are"),
        reverse("owners:match", kwargs={"plan_id": stored.pk}),
    )


def _new_owner(establishment: Establishment, name: str, kind: str, made: dict[tuple[str, str], Owner]) -> Owner:
    """A new post or organisation serving the establishment; the same name and kind twice in one go is one owner."""
    key = (normalise(name), kind)
    if key not in made:
        existing = Owner.objects.filter(serving(establishment), kind=kind, name__iexact=name.strip()).first()
        if existing is None:
            existing = Owner.objects.create(name=name.strip(), kind=kind)
            existing.establishments.add(establishment)
        made[key] = existing
    return made[key]


@login_required
@GET_POST
def match_owners(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Coordinators of the plan's establishment and admins (EDIT_PLAN): match each owner the plan names that is
    not matched yet, once for all the actions naming it. Others who may read the plan get 403, the rest 404."""
    stored = get_object_or_404(plans_for(request.user), pk=plan_id)
    if not can(request.user, Permission.EDIT_PLAN, stored):
        raise PermissionDenied("You may read this plan but not match its owners.")
    establishment = stored.inspection.establishment
    known = KnownOwners(establishment)
    owners = known.owners
    waiting = unmatched_owners(stored, known)
    choosable = {str(owner.pk): owner for owner in owners}
    by_name: dict[str, list[Owner]] = {}
    for owner in owners:
        by_name.setdefault(normalise(owner.name), []).append(owner)
    posted = request.POST if request.method == "POST" else None
    forms = [
        OwnerChoiceForm(posted, prefix=f"owner-{index}", unmatched=unmatched, directory=choosable, by_name=by_name)
        for index, unmatched in enumerate(waiting)
    ]
    if posted is not None:
        sent = {name.removesuffix("-key"): key for name, key in posted.items() if name.endswith("-key")}
        if sent != {form.prefix: form.unmatched.key for form in forms}:
            messages.info(
                request, "The owners waiting to be matched changed since the page was opened: check them again."
            )
            return redirect("owners:match", plan_id=stored.pk)
        if all(form.is_valid() for form in forms):
            matched, left = _save_choices(stored, establishment, forms)
            messages.success(
                request,
                f"{_plural(matched, 'owner name', 'owner names')} matched"
                + (f"; {_plural(left, 'is', 'are')} left waiting." if left else "."),
            )
            return redirect("plan", plan_id=stored.pk)
    context: dict[str, Any] = {
        "stored": stored,
        "establishment": establishment,
        "forms": forms,
        "names": sorted({owner.name for owner in owners}, key=str.casefold),
        "error_summary": govuk_error_summary(*forms),
    }
    return render(request, "owners/match.html", context)


def _save_choices(stored: ActionPlan, establishment: Establishment, forms: list[OwnerChoiceForm]) -> tuple[int, int]:
    """Make the new owners and link every choice, all or nothing: (owner names matched, names left waiting)."""
    made: dict[tuple[str, str], Owner] = {}
    choices: dict[str, Owner] = {}
    with transaction.atomic():
        for form in forms:
            choice, owner = form.chosen()
            if choice == LATER:
                continue
            if choice == NEW:
                data = form.cleaned_data
                owner = _new_owner(establishment, data["name"], data["kind"] or Owner.Kind.POST, made)
            assert owner is not None
            choices[form.unmatched.key] = owner
        confirm_matches(stored, choices)
    return len(choices), len(forms) - len(choices)


def _directory_context(request: HttpRequest, establishment: Establishment) -> tuple[Page[Owner], list[dict[str, Any]]]:
    """The page of the directory asked for, and a row for each of its owners (other names and holders read for
    that page alone)."""
    page = page_of(request, directory_owners(establishment))
    owners = list(page)
    holders: dict[int, list[str]] = {}
    current = Holding.objects.filter(owner__in=[owner.pk for owner in owners], ended__isnull=True)
    for holding in current.select_related("user").order_by("started", "pk"):
        holders.setdefault(holding.owner_id, []).append(holding.user.get_full_name() or holding.user.username)
    return page, [
        {
            "owner": owner,
            "names": list(owner.other_names.all()),
            "holders": holders.get(owner.pk, []),
            "name_form": OtherNameForm(prefix=f"name-{owner.pk}", owner=owner),
        }
        for owner in owners
    ]


@login_required
@GET_POST
def directory(request: HttpRequest, establishment_id: int) -> HttpResponse:
    """Coordinators of the establishment and admins: its owner directory, who holds each owner, and the other
    names plans use; add a post or organisation, add or remove another name. Everyone else gets 404."""
    establishment = get_object_or_404(establishments_for(request.user, Permission.EDIT_PLAN), pk=establishment_id)
    new_owner = NewOwnerForm(prefix="new")
    found = None
    if request.method == "POST":
        operation = request.POST.get("operation", "")
        if operation == "add-owner":
            new_owner = NewOwnerForm(request.POST, prefix="new")
            if new_owner.is_valid():
                data = new_owner.cleaned_data
                name = data["name"].strip()
                if Owner.objects.filter(serving(establishment), kind=data["kind"], name__iexact=name).exists():
                    new_owner.add_error("name", f"“{name}” is already in the directory")
                else:
                    with transaction.atomic():
                        owner = Owner.objects.create(name=name, kind=data["kind"], description=data["description"])
                        owner.establishments.add(establishment)
                    messages.success(request, f"{name} added to the directory.")
                    return redirect("owners:directory", establishment_id=establishment.pk)
        elif operation.startswith("add-name-"):
            found = _directory_context(request, establishment)
            row = next((row for row in found[1] if f"add-name-{row['owner'].pk}" == operation), None)
            if row is not None:
                form = OtherNameForm(request.POST, prefix=f"name-{row['owner'].pk}", owner=row["owner"])
                row["name_form"] = form
                if form.is_valid() and _add_other_name(establishment, row["owner"], form):
                    messages.success(request, f"“{form.cleaned_data['text']}” now names {row['owner'].name}.")
                    return redirect(request.get_full_path())
        elif operation.startswith("remove-name-"):
            removed = OtherName.objects.filter(
                establishment=establishment, pk=operation.removeprefix("remove-name-") or 0
            ).first()
            if removed is not None:
                removed.delete()
                messages.success(request, f"“{removed.text}” no longer names {removed.owner.name} here.")
            return redirect(request.get_full_path())
        else:
            return redirect(request.get_full_path())
    page, rows = found if found is not None else _directory_context(request, establishment)
    forms = [new_owner, *(row["name_form"] for row in rows)]
    context = {
        "establishment": establishment,
        "page": page,
        "rows": rows,
        "new_owner": new_owner,
        "error_summary": govuk_error_summary(*forms),
    }
    return render(request, "owners/directory.html", context)


def _add_other_name(establishment: Establishment, owner: Owner, form: OtherNameForm) -> bool:
    text = form.cleaned_data["text"].strip()
    taken = OtherName.objects.filter(establishment=establishment, normalised=normalise(text)).select_related("owner")
    if (found := taken.first()) is not None:
        form.add_error("text", f"“{text}” already names {found.owner.name} here")
        return False
    if not normalise(text):
        form.add_error("text", "Enter a name with letters or numbers in it")
        return False
    OtherName.objects.create(owner=owner, text=text, establishment=establishment)
    return True
