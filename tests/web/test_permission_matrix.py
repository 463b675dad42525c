"""Every URL, with every role held at the plan's establishment and at another one, people holding two posts,
a person holding none and the public: who gets in, and that everyone else is refused.

The expectations are written here by hand from what each page is for, and checked against what the
service does (which follows the one table in actionplan.accounts.access, applied to each person's
memberships). A new URL without a row here fails the test, so no page is left without a stated rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actionplan.accounts.access import Permission, can, can_update_action
from actionplan.accounts.models import Membership, Role
from actionplan.core.generator import generate_plan
from actionplan.monitoring.models import Evidence, ProgressUpdate
from actionplan.storage import models
from actionplan.storage.conversion import save_plan
from actionplan.workflow.states import freeze_as_stored
from tests.web.factories import EstablishmentFactory, InspectorateFactory, MembershipFactory, UserFactory, held_post

# The plans asked for are those of the estate's home establishment. Besides the people of the estate (each role
# held at home; the outsider coordinates an establishment with no plans; an inspector of each inspectorate),
# each role that is held at an establishment is also held at another one, where it reaches none of home's plans.
ELSEWHERE = {"outsider", "approver_elsewhere", "owner_elsewhere"}
# Coordinator elsewhere and action owner at home: home's plans as an action owner there, nothing more.
TWO_POSTS = "coordinator_elsewhere_owner_at_home"
PEOPLE = [
    "coordinator",
    "approver",
    "owner",
    *sorted(ELSEWHERE),
    TWO_POSTS,
    "inspector",
    "probation_inspector",
    "analyst",
    "admin",
    "no_membership",
]
EVERYONE = {*PEOPLE, "public"}
SIGNED_IN = set(PEOPLE)
# Those who may read the sent plan.
HOME_READERS = {"coordinator", "approver", "owner", TWO_POSTS, "inspector", "analyst", "admin"}
HISTORY = {"coordinator", "approver", "analyst", "admin"}
EDITORS = {"coordinator", "admin"}
# Every member of an establishment has a dashboard of their own establishments.
MEMBERS = {"coordinator", "approver", "owner", *ELSEWHERE, TWO_POSTS, "analyst", "admin"}


@dataclass(frozen=True)
class Case:
    kwargs: Callable[[Any], dict[str, object]]
    allowed: set[str]
    methods: frozenset[str] = frozenset({"GET"})
    allowed_to_post: set[str] | None = None  # when posting is narrower than looking
    query: str = ""  # a query string the address needs to be answered (a search's words)

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
    # Open data: every published plan, for anyone.
    "open-data": Case(lambda e: {}, EVERYONE),
    "open-data-download": Case(lambda e: {}, EVERYONE),
    # The footer's pages and the page the timeout warning ends on are public: no sign-in.
    "accessibility": Case(lambda e: {}, EVERYONE),
    "cookies": Case(lambda e: {}, EVERYONE),
    "privacy": Case(lambda e: {}, EVERYONE),
    "signed-out": Case(lambda e: {}, EVERYONE),
    "session": Case(lambda e: {}, SIGNED_IN, BOTH),
    # Coordinators elsewhere may start a plan for their own establishment.
    "drafting:start": Case(lambda e: {}, EDITORS | {"outsider", TWO_POSTS}, BOTH),
    "drafting:overview": Case(_draft, EDITORS),
    "drafting:add": Case(_draft, EDITORS, BOTH),
    "drafting:paste": Case(_draft, EDITORS, BOTH),
    "drafting:recommendation": Case(_draft_recommendation, EDITORS, BOTH),
    "drafting:wording": Case(_draft_recommendation, EDITORS, BOTH),
    "drafting:remove": Case(_draft_recommendation, EDITORS, BOTH),
    "drafting:upload": Case(_draft, EDITORS, BOTH),
    "drafting:upload-preview": Case(_draft, EDITORS, BOTH),
    "sign-off": Case(_sent, HISTORY, BOTH),
    # Approvers elsewhere have a worklist of their own establishment's plans (empty here).
    "worklist": Case(lambda e: {}, {"approver", "approver_elsewhere", "admin"}),
    "publish": Case(_sent, {"coordinator", "approver", "admin"}, BOTH),
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
    # Every member of an establishment has a dashboard of their own establishments (empty for those elsewhere).
    "monitoring:dashboard": Case(lambda e: {}, MEMBERS),
    "monitoring:establishment-dashboard": Case(lambda e: {"establishment_id": e.home.pk}, MEMBERS - ELSEWHERE),
    # The analyses and the lists behind their numbers reach as the estate dashboard does (empty for those elsewhere);
    # the inspectorate, people with no post and the public are refused.
    "analysis:index": Case(lambda e: {}, MEMBERS),
    "analysis:analysis": Case(lambda e: {"slug": "delivery"}, MEMBERS),
    "analysis:analysis-csv": Case(lambda e: {"slug": "not-agreed"}, MEMBERS),
    "analysis:recommendations": Case(lambda e: {}, MEMBERS),
    "analysis:recommendations-download": Case(lambda e: {"format": "csv"}, MEMBERS),
    "analysis:actions": Case(lambda e: {}, MEMBERS),
    "analysis:actions-download": Case(lambda e: {"format": "xlsx"}, MEMBERS),
    # The owner holds the home establishment's post; coordinators elsewhere may not hand it over.
    "handover:holders": Case(lambda e: {"owner_id": e.post.pk}, EDITORS, BOTH),
    "api-plans": Case(lambda e: {}, EVERYONE),
    "api-plan": Case(_sent, HOME_READERS),
    # Those who read some plan as it now is: the public and the inspectorate read signed-off versions instead.
    "api-actions": Case(lambda e: {}, MEMBERS),
    "api-schema": Case(lambda e: {}, EVERYONE),
    # Matching owners and the owner directory: the coordinators of the establishment and admins.
    "owners:match": Case(_draft, EDITORS, BOTH),
    "owners:directory": Case(lambda e: {"establishment_id": e.home.pk}, EDITORS, BOTH),
    # The inspection cycle of an establishment whose only plan is sent, not published: those who read it.
    "cycle:timeline": Case(lambda e: {"establishment_id": e.sent_only.pk}, {"inspector", "analyst", "admin"}),
    "cycle:recommendation": Case(_sent_recommendation, HOME_READERS),
    # Confirming suggested repeats: the establishment's coordinators, analysts and admins.
    "cycle:repeats": Case(_sent, {"coordinator", "analyst", "admin"}, BOTH),
    # Follow-up outcomes: the inspectorate the plan was sent to, and admins.
    "cycle:follow-up": Case(_sent, {"inspector", "admin"}, BOTH),
    # The analyses of the whole estate: analysts and admins.
    "cycle:repeated": Case(lambda e: {}, {"analyst", "admin"}),
    "cycle:repeated-csv": Case(lambda e: {}, {"analyst", "admin"}),
    "cycle:follow-up-analysis": Case(lambda e: {}, {"analyst", "admin"}),
    "cycle:follow-up-csv": Case(lambda e: {}, {"analyst", "admin"}),
    # Search is open to everyone: each person finds only what they may read (tests/web/search/test_reach.py).
    "search": Case(lambda e: {}, EVERYONE),
    "search-published": Case(lambda e: {}, EVERYONE),
    "api-search": Case(lambda e: {}, EVERYONE, query="?q=prisoners"),
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
    """The estate (its sent plan frozen as version 1), an action of a post the owner holds, one piece of evidence,
    and the people who hold posts elsewhere, two posts, or none."""
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
    elsewhere = estate.people["outsider"].memberships.get().establishment
    people = estate.people
    people["approver_elsewhere"] = UserFactory(
        username="approver_elsewhere", role=Role.APPROVER, establishments=[elsewhere]
    )
    people["owner_elsewhere"] = UserFactory(
        username="owner_elsewhere", role=Role.ACTION_OWNER, establishments=[elsewhere]
    )
    people[TWO_POSTS] = UserFactory(username="two_posts", role=Role.COORDINATOR, establishments=[elsewhere])
    MembershipFactory(user=people[TWO_POSTS], role=Role.ACTION_OWNER, establishment=estate.home)
    people["no_membership"] = UserFactory(username="no_membership", role=Role.COORDINATOR, establishments=[])
    estate.sent_only = EstablishmentFactory(name="HMP Sentonly", inspectorate=estate.home.inspectorate)
    sent = save_plan(generate_plan(8, recommendations=2, establishment="HMP Sentonly"), establishment=estate.sent_only)
    sent.status = models.ActionPlan.Status.SENT
    sent.save()
    freeze_as_stored(sent, note="Sent.")
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
    url = reverse(name, kwargs=case.kwargs(matrix_estate)) + case.query
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
    url = reverse(name, kwargs=case.kwargs(matrix_estate)) + case.query
    who = next(person for person in [*PEOPLE, "public"] if case.lets_in(person, "GET"))
    if who != "public":
        client.force_login(matrix_estate.people[who])
    head = client.head(url)
    assert head.status_code == client.get(url).status_code == 200, f"{who} HEAD {url}: {head.status_code}"


def test_the_people_of_the_matrix_hold_the_posts_it_says(matrix_estate: Any) -> None:
    """Each establishment-bound role is held at home and elsewhere, and the others as stated."""
    held = {
        who: {(m.role, m.establishment_id, m.inspectorate_id) for m in person.memberships.all()}
        for who, person in matrix_estate.people.items()
    }
    home = matrix_estate.home.pk
    elsewhere = matrix_estate.people["outsider"].memberships.get().establishment_id
    assert elsewhere not in (home, matrix_estate.other.pk)
    for role, at_home, away in [
        (Role.COORDINATOR, "coordinator", "outsider"),
        (Role.APPROVER, "approver", "approver_elsewhere"),
        (Role.ACTION_OWNER, "owner", "owner_elsewhere"),
    ]:
        assert held[at_home] == {(role, home, None)}
        assert held[away] == {(role, elsewhere, None)}
    assert held[TWO_POSTS] == {(Role.COORDINATOR, elsewhere, None), (Role.ACTION_OWNER, home, None)}
    assert held["no_membership"] == set()
    assert {who for who, posts in held.items() if any(role == Role.INSPECTORATE for role, _, _ in posts)} == {
        "inspector",
        "probation_inspector",
    }


def test_a_coordinator_at_one_establishment_and_action_owner_at_another(client: Any, estate: Any) -> None:
    """They edit the first's plans, not the second's, and update their own actions at the second."""
    person = UserFactory(role=Role.COORDINATOR, establishments=[estate.other])
    MembershipFactory(user=person, role=Role.ACTION_OWNER, establishment=estate.home)
    own = models.Action.objects.filter(recommendation__plan=estate.sent).first()
    held_post(person, own)
    someone_elses = models.Action.objects.filter(recommendation__plan=estate.sent).exclude(pk=own.pk).first()
    client.force_login(person)

    assert can(person, Permission.EDIT_PLAN, estate.other_draft)
    assert client.get(reverse("drafting:overview", args=[estate.other_draft.pk])).status_code == 200
    assert not can(person, Permission.EDIT_PLAN, estate.draft)
    assert client.get(reverse("drafting:overview", args=[estate.draft.pk])).status_code in (403, 404)
    # Starting a plan is offered for the establishment they coordinate only.
    start = client.get(reverse("drafting:start")).content.decode()
    assert estate.other.name in start
    assert estate.home.name not in start

    assert can_update_action(person, own)
    posted = client.post(reverse("monitoring:action", args=[own.pk]), {"note": "Rota agreed.", "status": "in_progress"})
    assert posted.status_code == 302
    assert own.progress_updates.get().note == "Rota agreed."
    assert not can_update_action(person, someone_elses)
    refused = client.post(reverse("monitoring:action", args=[someone_elses.pk]), {"note": "x", "status": "in_progress"})
    assert refused.status_code == 403
    assert not someone_elses.progress_updates.exists()


def test_an_inspector_of_hmip_is_refused_a_plan_sent_to_hmi_probation(client: Any, estate: Any) -> None:
    probation = InspectorateFactory(short_name="HMI Probation", name="HM Inspectorate of Probation")
    region = EstablishmentFactory(name="Probation Service North", inspectorate=probation)
    plan = generate_plan(7, recommendations=3, establishment=region.name)
    plan.inspectorate = probation.short_name
    sent = save_plan(plan, establishment=region, status=models.ActionPlan.Status.SENT)
    freeze_as_stored(sent, note="Sent to HMI Probation.")
    assert sent.inspection.inspectorate == probation
    urls = [
        reverse("plan", args=[sent.pk]),
        reverse("api-plan", args=[sent.pk]),
        reverse("download", args=[sent.pk, "json"]),
        reverse("monitoring:plan-progress", args=[sent.pk]),
        reverse("monitoring:judgement", args=[sent.recommendations.first().pk]),
    ]
    client.force_login(estate.people["inspector"])
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)
    client.force_login(estate.people["probation_inspector"])
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)


def test_a_person_whose_memberships_are_removed_is_refused_what_they_held(client: Any, estate: Any) -> None:
    """Access follows the memberships held now: a coordinator whose post ends is refused their plans."""
    person = estate.people["coordinator"]
    url = reverse("drafting:overview", args=[estate.draft.pk])
    client.force_login(person)
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=person).delete()
    assert client.get(url).status_code in (403, 404)
    assert client.get(reverse("plan", args=[estate.draft.pk])).status_code == 404
