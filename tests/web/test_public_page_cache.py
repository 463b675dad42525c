"""The public's page of a plan is kept once rendered, per published version and state of delivery."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan.storage import models

pytestmark = pytest.mark.django_db


def _an_action(plan: models.ActionPlan) -> models.Action:
    action = models.Action.objects.filter(recommendation__plan=plan).order_by("pk").first()
    assert action is not None
    return action


def test_the_public_page_is_kept_until_the_plan_or_its_delivery_changes(client, estate) -> None:
    url = reverse("plan", args=[estate.published.pk])
    first = client.get(url).content.decode()
    action = _an_action(estate.published)
    # Changed behind the service's back (no save, so nothing says it changed): the kept page is served.
    models.Action.objects.filter(pk=action.pk).update(status=models.Action.Status.COMPLETED)
    assert client.get(url).content.decode() == first
    # Saved as the service saves it: the page is made afresh and shows the change.
    action.refresh_from_db()
    action.save()
    again = client.get(url).content.decode()
    assert again != first


def test_a_visitor_with_a_session_gets_the_page_made_for_them(client, estate) -> None:
    url = reverse("plan", args=[estate.published.pk])
    first = client.get(url).content.decode()
    action = _an_action(estate.published)
    models.Action.objects.filter(pk=action.pk).update(status=models.Action.Status.COMPLETED)
    client.cookies["sessionid"] = "anything"
    assert client.get(url).content.decode() != first


def test_signed_in_people_are_never_served_the_kept_page(client, estate) -> None:
    url = reverse("plan", args=[estate.published.pk])
    public = client.get(url).content.decode()
    client.force_login(estate.people["coordinator"])
    assert client.get(url).content.decode() != public


def test_nothing_is_kept_when_keeping_is_off(client, estate, settings) -> None:
    settings.ACTIONPLAN_KEEP_RENDERED = False
    url = reverse("plan", args=[estate.published.pk])
    first = client.get(url).content.decode()
    action = _an_action(estate.published)
    models.Action.objects.filter(pk=action.pk).update(status=models.Action.Status.COMPLETED)
    assert client.get(url).content.decode() != first
