"""Every URL, with every role, an outsider and the public: who gets in, and that everyone else is refused.

The expectations are written here by hand from what each page is for, and checked against what the
service does (which follows the one table in actionplan.accounts.access). A new URL without a row
here fails the test, so no page is left without a stated rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actionplan.monitoring.models import Evidence, ProgressUpdate
from actionplan.storage import models
from tests.web.factories import held_post

PEOPLE = ["coordinator", "approver", "owner", "inspector", "probation_inspector", "analyst", "admin", "outsider"]
EVERYONE = {*PEOPLE, "public"}
SIGNED_IN = set(PEOPLE)
HOME_READERS = {"coordinator", "approver", "owner", "inspector", "analyst", "admin"}  # those who may read the sent plan
HISTORY = {"coordinator", "approver", "analyst", "admin"}
EDITORS = {"coordinator", "admin"}


@dataclass(frozen=True)
class Case:
    kwargs: Callable[[Any], dict[str, object]]
    allowed: set[str]
    methods: frozenset[str] = frozenset({"GET"})
    allowed_to_post: set[str] | None = None  # when posting is narrower than looking

    def lets_in(self, who: str, method: str) -> bool:
        if method == "POST" and self.allowed_to_post is not None:
            return who in self.allowed_to_post
        return who in self.allowed


def _sent(estate: Any) -> dict[str, object]:
    return {"plan_id": estate.sent.pk}


def _draft(estate: Any) -> dict[str, object]:
    return {"plan_id": estate.draft.pk}


def _draft_recommendation(estate: Any) -> dict[str, object]:
    return {"plan_id": estate.draft.pk, "rec_id": estate.draft.recommendations.first().pk}


def _sent_action(estate: Any) -> dict[str, object]:
    return {"action_id": models.Action.objects.filter(recommendation__plan=estate.sent).first().pk}


def _sent_recommendation(estate: Any) -> dict[str, object]:
    return {"recommendation_id": estate.sent.recommendations.first().pk}


GET = frozenset({"GET"})
POST = frozenset({"POST"})
BOTH = frozenset({"GET", "POST"})

CASES: dict[str, Case] = {
    "home": Case(lambda e: {}, EVERYONE),
    "healthz": Case(lambda e: {}, EVERYONE),
    "plan": Case(_sent, HOME_READERS),
    "sign-in": Case(lambda e: {}, EVERYONE, BOTH),
    "sign-out": Case(lambda e: {}, EVERYONE, POST),
    "published": Case(lambda e: {}, EVERYONE),
    # The outsider coordinates another establishment, so may start a plan for it.
    "drafting:start": Case(lambda e: {}, EDITORS | {"outsider"}, BOTH),
    "drafting:overview": Case(_draft, EDITORS),
    "drafting:add": Case(_draft, EDITORS, BOTH),
    "drafting:paste": Case(_draft, EDITORS, BOTH),
    "drafting:recommendation": Case(_draft_recommendation, EDITORS, BOTH),
    "drafting:wording": Case(_draft_recommendation, EDITORS, BOTH),
    "drafting:remove": Case(_draft_recommendation, EDITORS, BOTH),
    "drafting:upload": Case(_draft, EDITORS, BOTH),
    "drafting:upload-preview": Case(_draft, EDITORS, BOTH),
    "sign-off": Case(_sent, HISTORY, BOTH),
    "versions": Case(_sent, HISTORY),
    "restore-version": Case(lambda e: {**_sent(e), "number": 1}, EDITORS, POST),
    "history": Case(_sent, HISTORY),
    "download": Case(lambda e: {**_sent(e), "format": "json"}, HOME_READERS),
    "monitoring:my-actions": Case(lambda e: {}, SIGNED_IN),
    "monitoring:action": Case(_sent_action, HOME_READERS, BOTH, allowed_to_post={"owner", "coordinator", "admin"}),
    "monitoring:change-target": Case(_sent_action, EDITORS, BOTH),
    "monitoring:evidence": Case(lambda e: {"evidence_id": e.evidence.pk}, HOME_READERS),
    "monitoring:judgement": Case(_sent_recommendation, {"inspector", "admin"}, BOTH),
    "monitoring:check": Case(_sent_recommendation, EDITORS, BOTH),
    "monitoring:plan-progress": Case(_sent, HOME_READERS),
    "monitoring:progress-report": Case(lambda e: {**_sent(e), "format": "xlsx"}, HOME_READERS),
    # Every member of an establishment has a dashboard of their own establishments (the outsider's is empty).
    "monitoring:dashboard": Case(lambda e: {}, {"coordinator", "approver", "owner", "analyst", "admin", "outsider"}),
    "monitoring:establishment-dashboard": Case(
        lambda e: {"establishment_id": e.home.pk}, {"coordinator", "approver", "owner", "analyst", "admin"}
    ),
    # The owner holds the home establishment's post, and the outsider coordinates another establishment.
    "handover:holders": Case(lambda e: {"owner_id": e.post.pk}, EDITORS, BOTH),
    "api-plans": Case(lambda e: {}, EVERYONE),
    "api-plan": Case(_sent, HOME_READERS),
    "api-schema": Case(lambda e: {}, EVERYONE),
    # Matching owners and the owner directory: the coordinators of the establishment and admins.
    "owners:match": Case(_draft, EDITORS, BOTH),
    "owners:directory": Case(lambda e: {"establishment_id": e.home.pk}, EDITORS, BOTH),
}


def _url_names(patterns: list[Any], namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue  # the Django admin: staff only, tested in test_pages
            names |= _url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_has_a_row_in_the_matrix() -> None:
    assert _url_names(get_resolver().url_patterns) == set(CASES)


@pytest.fixture
def matrix_estate(estate: Any) -> Any:
    """The estate (its sent plan frozen as version 1), an action of a post the owner holds, and one piece of
    evidence."""
    action = models.Action.objects.filter(recommendation__plan=estate.sent).first()
    estate.post = held_post(estate.people["owner"], action)
    update = ProgressUpdate.objects.create(action=action, on=action.target_date or estate.sent.created, note="Begun.")
    estate.evidence = Evidence.objects.create(
        update=update,
        file=ContentFile(b"%PDF-1.4 evidence", name="e.pdf"),
        name="e.pdf",
        size=17,
        media_type="application/pdf",
    )
    return estate


def _request(client: Any, method: str, url: str) -> Any:
    # Each request runs in a savepoint that is rolled back, so one role's successful POST
    # does not change what the next role sees.
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        transaction.set_rollback(True)
    return response


def _is_sign_in_redirect(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("sign-in"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_role_is_let_in_or_refused(client: Any, matrix_estate: Any, name: str) -> None:
    case = CASES[name]
    url = reverse(name, kwargs=case.kwargs(matrix_estate))
    wrong: list[str] = []
    for who in [*PEOPLE, "public"]:
        client.logout()
        if who != "public":
            client.force_login(matrix_estate.people[who])
        for method in ("GET", "POST"):
            response = _request(client, method, url)
            status = response.status_code
            assert status < 500, f"{who} {method} {url}: {status}"
            if method not in case.methods:
                if status == 200:
                    wrong.append(f"{who} {method} {url}: 200 for a method the page does not take")
                continue
            if case.lets_in(who, method):
                let_in = status == 200 or (status == 302 and not _is_sign_in_redirect(response))
                if not let_in:
                    wrong.append(f"{who} {method} {url}: {status}, expected to be let in")
            else:
                refused = status in (403, 404) or (who == "public" and _is_sign_in_redirect(response))
                if not refused:
                    wrong.append(f"{who} {method} {url}: {status}, expected a refusal")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(name for name, case in CASES.items() if case.methods == GET))
def test_every_page_that_is_only_read_answers_head_as_it_answers_get(
    client: Any, matrix_estate: Any, name: str
) -> None:
    case = CASES[name]
    url = reverse(name, kwargs=case.kwargs(matrix_estate))
    who = next(person for person in [*PEOPLE, "public"] if case.lets_in(person, "GET"))
    if who != "public":
        client.force_login(matrix_estate.people[who])
    head = client.head(url)
    assert head.status_code == client.get(url).status_code == 200, f"{who} HEAD {url}: {head.status_code}"
