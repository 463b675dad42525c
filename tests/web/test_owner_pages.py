"""The "Match owners" page of a plan and an establishment's owner directory, as coordinators use them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplan.accounts.models import Role
from actionplan.core.owners import normalise
from actionplan.owners.matching import count_unmatched, unmatched_owners
from actionplan.owners.models import ActionOwner, Holding, OtherName, Owner
from actionplan.storage import models
from tests.web.conftest import Estate
from tests.web.drafting.conftest import page_title
from tests.web.factories import EstablishmentFactory, UserFactory

TRUST = "Greater Manchester NHS Foundation Trust"
PROGRAMME = "Prison Estates Transformation Programme"
POLICY = "Operational Policy: System Delivery and Reform"


@pytest.fixture
def directory(estate: Estate) -> dict[str, Owner]:
    """The home establishment's directory: its Governor (held), Novus and a trust across establishments."""
    governor = Owner.objects.create(name="Governor", kind=Owner.Kind.POST)
    governor.establishments.set([estate.home])
    Holding.objects.create(owner=governor, user=estate.people["approver"])
    novus = Owner.objects.create(name="Novus", kind=Owner.Kind.ORGANISATION, description="Education provider")
    novus.establishments.set([estate.home, estate.other])
    trust = Owner.objects.create(
        name="Greater Manchester Mental Health NHS Foundation Trust", kind=Owner.Kind.ORGANISATION
    )
    trust.establishments.set([estate.home, estate.other])
    policy = Owner.objects.create(name="HMPPS Operational Policy", kind=Owner.Kind.ORGANISATION, national=True)
    return {"governor": governor, "novus": novus, "trust": trust, "policy": policy}


def _new_draft(estate: Estate) -> models.ActionPlan:
    inspection = models.Inspection.objects.create(establishment=estate.home, inspectorate=estate.home.inspectorate)
    return models.ActionPlan.objects.create(inspection=inspection, establishment_as_written=estate.home.name)


def _upload_sample(client: Any, stored: models.ActionPlan, content: bytes) -> Any:
    client.post(reverse("drafting:upload", args=[stored.pk]), {"file": SimpleUploadedFile("plan.txt", content)})
    return client.post(reverse("drafting:upload-preview", args=[stored.pk]), {"operation": "confirm"})


def _form_data(body: str) -> dict[str, str]:
    """The page's hidden keys, as a browser would send them back."""
    return dict(re.findall(r'type="hidden" name="(owner-\d+-key)" value="([^"]*)"', body))


def _prefix(body: str, written: str) -> str:
    data = _form_data(body)
    return next(name.removesuffix("-key") for name, key in data.items() if key == normalise(written))


def test_an_uploaded_plan_is_matched_on_one_page_and_the_next_upload_matches_by_itself(
    client: Any, estate: Estate, directory: dict[str, Owner], samples_dir: Any
) -> None:
    client.force_login(estate.people["coordinator"])
    content = (samples_dir / "buckley_hall_2019.txt").read_bytes()
    first = _new_draft(estate)
    response = _upload_sample(client, first, content)
    match_url = reverse("owners:match", args=[first.pk])
    assert response.url == match_url, "after an upload, owners waiting are matched next"
    links = ActionOwner.objects.filter(action__recommendation__plan=first)
    assert links.count() == 40, "every owner of the 33 actions is kept"
    assert {link.written for link in links.filter(owner__isnull=False)} == {"Governor", "Novus"}

    body = client.get(match_url).content.decode()
    for written in (TRUST, PROGRAMME, POLICY):
        assert f"Who is “{written}”?" in body
    in_order = links.filter(written=TRUST).order_by("action__recommendation__position", "action__position")
    trust_refs = dict.fromkeys(link.action.recommendation.ref for link in in_order)
    assert f"Named by 3 actions ({', '.join(trust_refs)})." in body
    assert "Greater Manchester Mental Health NHS Foundation Trust" in body, "the close match is suggested"
    data = _form_data(body)
    trust, programme, policy = (_prefix(body, w) for w in (TRUST, PROGRAMME, POLICY))
    data |= {
        f"{trust}-choice": str(directory["trust"].pk),
        f"{policy}-choice": "other",
        f"{policy}-owner": "HMPPS operational policy",
        f"{programme}-choice": "new",
        f"{programme}-name": "Prison Estates Transformation Programme",
        f"{programme}-kind": "organisation",
    }
    response = client.post(match_url, data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plan", args=[first.pk])
    assert "3 owner names matched." in response.content.decode()
    assert "not matched yet" not in response.content.decode()
    assert count_unmatched(first) == 0
    made = Owner.objects.get(name=PROGRAMME)
    assert (made.kind, list(made.establishments.all())) == ("organisation", [estate.home])
    trust_links = links.filter(written=TRUST)
    assert trust_links.count() == 3
    assert set(trust_links.values_list("owner", flat=True)) == {directory["trust"].pk}

    second = _new_draft(estate)
    response = _upload_sample(client, second, content)
    assert response.url == reverse("drafting:overview", args=[second.pk]), "nothing waits the second time"
    assert count_unmatched(second) == 0
    assert ActionOwner.objects.filter(action__recommendation__plan=second, owner__isnull=True).count() == 0


def test_the_plan_page_tells_editors_how_many_owner_names_wait(
    client: Any, estate: Estate, directory: dict[str, Owner], samples_dir: Any
) -> None:
    client.force_login(estate.people["coordinator"])
    stored = _new_draft(estate)
    _upload_sample(client, stored, (samples_dir / "buckley_hall_2019.txt").read_bytes())
    body = client.get(reverse("plan", args=[stored.pk])).content.decode()
    assert "3 owner names are not matched yet." in body
    assert reverse("owners:match", args=[stored.pk]) in body
    client.force_login(estate.people["analyst"])
    assert "not matched yet" not in client.get(reverse("plan", args=[stored.pk])).content.decode()


def test_a_choice_left_out_is_an_error_and_nothing_is_saved(
    client: Any, estate: Estate, directory: dict[str, Owner], samples_dir: Any
) -> None:
    client.force_login(estate.people["coordinator"])
    stored = _new_draft(estate)
    _upload_sample(client, stored, (samples_dir / "buckley_hall_2019.txt").read_bytes())
    match_url = reverse("owners:match", args=[stored.pk])
    body = client.get(match_url).content.decode()
    data = _form_data(body)
    trust, programme, policy = (_prefix(body, w) for w in (TRUST, PROGRAMME, POLICY))
    data |= {f"{trust}-choice": str(directory["trust"].pk), f"{policy}-choice": "other", f"{programme}-choice": "new"}
    data[f"{programme}-name"] = " "
    response = client.post(match_url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert page_title(body).startswith("Error: Match owners")
    assert "There is a problem" in body
    assert f"Enter the name of the owner in the directory that “{POLICY}” names" in body
    assert f"Enter the name of the new post or organisation that “{PROGRAMME}” names" in body
    assert f'href="#id_{policy}-owner"' in body, "each error links to its field"
    assert count_unmatched(stored) == 3, "nothing is half saved"
    assert not OtherName.objects.exists()

    del data[f"{trust}-choice"]
    data[f"{policy}-owner"] = "Head of Nowhere"
    body = client.post(match_url, data).content.decode()
    assert f"Choose who “{TRUST}” is, or leave it waiting for now" in body
    assert "No owner in the directory is called “Head of Nowhere”" in body
    assert count_unmatched(stored) == 3


def test_owners_left_waiting_stay_on_the_page(
    client: Any, estate: Estate, directory: dict[str, Owner], samples_dir: Any
) -> None:
    client.force_login(estate.people["coordinator"])
    stored = _new_draft(estate)
    _upload_sample(client, stored, (samples_dir / "buckley_hall_2019.txt").read_bytes())
    match_url = reverse("owners:match", args=[stored.pk])
    body = client.get(match_url).content.decode()
    data = _form_data(body) | {f"{_prefix(body, w)}-choice": "later" for w in (TRUST, PROGRAMME)}
    data[f"{_prefix(body, POLICY)}-choice"] = "other"
    data[f"{_prefix(body, POLICY)}-owner"] = "HMPPS Operational Policy"
    response = client.post(match_url, data, follow=True)
    assert "1 owner name matched; 2 are left waiting." in response.content.decode()
    assert {u.written for u in unmatched_owners(stored)} == {TRUST, PROGRAMME}


def test_a_page_opened_before_someone_else_matched_asks_again(
    client: Any, estate: Estate, directory: dict[str, Owner], samples_dir: Any
) -> None:
    client.force_login(estate.people["coordinator"])
    stored = _new_draft(estate)
    _upload_sample(client, stored, (samples_dir / "buckley_hall_2019.txt").read_bytes())
    match_url = reverse("owners:match", args=[stored.pk])
    body = client.get(match_url).content.decode()
    data = _form_data(body) | {f"{_prefix(body, w)}-choice": "later" for w in (TRUST, PROGRAMME, POLICY)}
    ActionOwner.objects.filter(written=TRUST).update(owner=directory["trust"])
    response = client.post(match_url, data, follow=True)
    assert "changed since the page was opened" in response.content.decode()
    assert count_unmatched(stored) == 2


def test_the_directory_lists_owners_holders_and_other_names(
    client: Any, estate: Estate, directory: dict[str, Owner]
) -> None:
    OtherName.objects.create(owner=directory["governor"], text="No. 1 Governor", establishment=estate.home)
    OtherName.objects.create(owner=directory["novus"], text="Novus Education")
    elsewhere_post = Owner.objects.create(name="Head of Reducing Reoffending", kind=Owner.Kind.POST)
    elsewhere_post.establishments.set([estate.other])
    client.force_login(estate.people["coordinator"])
    body = client.get(reverse("owners:directory", args=[estate.home.pk])).content.decode()
    for shown in ("Governor", "Novus", "Education provider", "HMPPS Operational Policy", "No. 1 Governor"):
        assert shown in body
    assert "Novus Education</li>" not in body
    assert "Novus Education (everywhere)" in " ".join(body.split())
    assert estate.people["approver"].username in body, "the Governor's holder"
    assert "Head of Reducing Reoffending" not in body, "another establishment's post"


def test_the_directory_adds_an_owner_and_refuses_one_it_has(
    client: Any, estate: Estate, directory: dict[str, Owner]
) -> None:
    client.force_login(estate.people["coordinator"])
    url = reverse("owners:directory", args=[estate.home.pk])
    response = client.post(url, {"operation": "add-owner", "new-name": "Head of Safety", "new-kind": "post"})
    assert response.status_code == 302
    assert list(Owner.objects.get(name="Head of Safety").establishments.all()) == [estate.home]
    body = client.post(url, {"operation": "add-owner", "new-name": "novus", "new-kind": "organisation"}).content
    assert "“novus” is already in the directory" in body.decode()
    body = client.post(url, {"operation": "add-owner", "new-name": "", "new-kind": "post"}).content.decode()
    assert "Enter the name of the post or organisation" in body
    assert page_title(body).startswith("Error: Owner directory")


def test_the_directory_adds_and_removes_other_names_here(
    client: Any, estate: Estate, directory: dict[str, Owner]
) -> None:
    client.force_login(estate.people["coordinator"])
    url = reverse("owners:directory", args=[estate.home.pk])
    governor = directory["governor"]
    client.post(url, {"operation": f"add-name-{governor.pk}", f"name-{governor.pk}-text": "Governing Governor"})
    added = OtherName.objects.get(text="Governing Governor")
    assert (added.owner, added.establishment) == (governor, estate.home)
    novus = directory["novus"]
    body = client.post(url, {"operation": f"add-name-{novus.pk}", f"name-{novus.pk}-text": "governing governor"})
    assert "“governing governor” already names Governor here" in body.content.decode()
    everywhere = OtherName.objects.create(owner=novus, text="Novus Education")
    client.post(url, {"operation": f"remove-name-{everywhere.pk}"})
    assert OtherName.objects.filter(pk=everywhere.pk).exists(), "a name known everywhere is not removed here"
    client.post(url, {"operation": f"remove-name-{added.pk}"})
    assert not OtherName.objects.filter(pk=added.pk).exists()


def test_another_establishments_coordinator_gets_nothing(
    client: Any, estate: Estate, directory: dict[str, Owner]
) -> None:
    client.force_login(UserFactory(role=Role.COORDINATOR, establishments=[EstablishmentFactory()]))
    url = reverse("owners:directory", args=[estate.home.pk])
    assert client.get(url).status_code == 404
    client.post(url, {"operation": "add-owner", "new-name": "Head of Safety", "new-kind": "post"})
    assert not Owner.objects.filter(name="Head of Safety").exists()
