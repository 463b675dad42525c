"""Handing a post or organisation to someone else, or adding a holder: its open actions follow at once."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from actionplan.accounts.access import Permission, establishments_for, reaches_everywhere
from actionplan.accounts.models import User
from actionplan.monitoring import clock
from actionplan.monitoring.models import TrackedAction
from actionplan.owners.models import Holding, Owner
from actionplan.pages.paging import page_of

OPEN = [TrackedAction.Status.NOT_STARTED, TrackedAction.Status.IN_PROGRESS]


def owners_in_reach(user: User | AnonymousUser) -> QuerySet[Owner]:
    """The owners this person may hand over (HAND_OVER): any for admins; for coordinators, those serving one of
    their establishments. A national owner serving no establishment in particular is left to admins."""
    if reaches_everywhere(user, Permission.HAND_OVER):
        return Owner.objects.all()
    return Owner.objects.filter(
        pk__in=Owner.objects.filter(establishments__in=establishments_for(user, Permission.HAND_OVER)).values("pk")
    )


def people_for(owner: Owner) -> QuerySet[User]:
    """Who may be given the owner: active people of the establishments it serves (anyone, for a national one)."""
    people = User.objects.filter(is_active=True)
    if not owner.national:
        people = people.filter(pk__in=User.objects.filter(memberships__establishment__owners=owner).values("pk"))
    return people.order_by("first_name", "last_name", "username")


def hand_over(owner: Owner, person: User, today: date) -> list[Holding]:
    """``person`` holds ``owner`` from today and everyone else holding it stops today; the holdings ended."""
    with transaction.atomic():
        Owner.objects.select_for_update().filter(pk=owner.pk).first()  # one change of hands at a time
        ended = list(Holding.objects.filter(owner=owner, ended__isnull=True).exclude(user=person))
        for holding in ended:
            # A holding recorded as starting later than today ends the day it starts.
            holding.ended = max(today, holding.started)
            holding.save(update_fields=["ended"])
        add_holder(owner, person, today)
    return ended


def add_holder(owner: Owner, person: User, today: date) -> None:
    """``person`` holds ``owner`` from today beside its other holders (nothing changes if they hold it already)."""
    if not Holding.objects.filter(owner=owner, user=person, ended__isnull=True).exists():
        Holding.objects.create(owner=owner, user=person, started=today)


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        # Two people of the same name are told apart by their email address.
        return f"{obj} ({obj.email})" if obj.email else str(obj)


class HolderForm(forms.Form):
    HAND_OVER = "hand_over"
    ADD = "add"

    person = PersonField(
        queryset=User.objects.none(),
        label="Who",
        empty_label="Choose a person",
        error_messages={"required": "Choose the person", "invalid_choice": "Choose a person from the list"},
    )
    change = forms.ChoiceField(
        label="What changes",
        widget=forms.RadioSelect,
        choices=[
            (HAND_OVER, "Hand it over: they hold it from today, and whoever holds it now stops today"),
            (ADD, "Add them as another holder, beside those holding it now"),
        ],
        error_messages={"required": "Choose whether to hand it over or add a holder"},
    )

    def __init__(self, *args: Any, owner: Owner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        person = self.fields["person"]
        assert isinstance(person, PersonField)
        person.queryset = people_for(owner)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, change = data.get("person"), data.get("change")
        if person is None or change is None:
            return data
        holders = set(Holding.objects.filter(owner=self.owner, ended__isnull=True).values_list("user", flat=True))
        if change == self.ADD and person.pk in holders:
            self.add_error("person", f"{person} already holds {self.owner.name}: choose someone else")
        if change == self.HAND_OVER and holders == {person.pk}:
            self.add_error("person", f"{person} already holds {self.owner.name} alone: choose someone else")
        return data


@require_http_methods(["GET", "POST"])
def holders(request: HttpRequest, owner_id: int) -> HttpResponse:
    """The coordinators of an establishment the owner serves, and admins (HAND_OVER); others get 404.

    Shows who holds the post or organisation now and who held it when, and its open actions; hands it over
    or adds a holder.
    """
    owner = get_object_or_404(owners_in_reach(request.user), pk=owner_id)
    form = HolderForm(request.POST if request.method == "POST" else None, owner=owner)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        today = clock.today()
        if form.cleaned_data["change"] == HolderForm.HAND_OVER:
            ended = hand_over(owner, person, today)
            before = f" from {', '.join(str(holding.user) for holding in ended)}" if ended else ""
            messages.success(request, f"{owner.name} has been handed{before} to {person}, with its open actions")
        else:
            add_holder(owner, person, today)
            messages.success(request, f"{person} now holds {owner.name} too, with its open actions")
        return redirect("handover:holders", owner.pk)
    held = owner.holdings.select_related("user").order_by(F("ended").desc(nulls_first=True), "-started", "-pk")
    actions = (
        TrackedAction.objects.filter(owner_links__owner=owner, status__in=OPEN)
        .with_delivery(clock.today())
        .select_related("recommendation__plan")
        .order_by("target_date", "pk")
        .distinct()
    )
    context = {
        "owner": owner,
        "form": form,
        "current": list(held.filter(ended__isnull=True)),
        # A post held for years passes through many hands: its history comes a page at a time.
        "history": page_of(request, held, param="held"),
        "actions": page_of(request, actions),
        "establishments": owner.establishments.order_by("name"),
    }
    return render(request, "owners/holders.html", context)
