"""Two app servers on one database: whatever one of them is given, the other sees (sessions, uploads, files, cache).

The servers are real gunicorn processes with production settings. The database is the PostgreSQL server
DATABASE_URL names (a database of the test's own is created and dropped), else a SQLite file both open.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from actionplan.core.generator import generate_plan
from actionplan.core.writing import write_plan
from actionplan.storage.demo import DEMO_PASSWORD
from tests.web.servers import Browser, Server, environment, manage, serving


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    name = f"actionplan_servers_{secrets.token_hex(4)}"
    # The server's own maintenance database: the one DATABASE_URL names need not exist (tests make their own).
    maintenance = given.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield given.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@dataclass
class Pair:
    first: Server
    second: Server
    env: dict[str, str]


@pytest.fixture
def two_servers(tmp_path: Path, database_url: str) -> Iterator[Pair]:
    env = environment(tmp_path, database_url)
    # The demo estate goes in with local settings (production refuses demo accounts); the servers run production.
    for command in (["migrate", "--no-input"], ["createcachetable"], ["load_demo", "--establishments", "3"]):
        manage(env, *command, settings="actionplan.settings.local")
    with (
        serving(env, tmp_path / "first.log", "--no-prepare") as first,
        serving(env, tmp_path / "second.log", "--no-prepare") as second,
    ):
        yield Pair(first, second, env)


def _plan_to_edit(browser: Browser, server: Server) -> str:
    home = browser.get(server, "/").text
    for plan_id in dict.fromkeys(re.findall(r'href="/plans/(\d+)/', home)):
        if browser.get(server, f"/plans/{plan_id}/upload/").status == 200:
            return plan_id
    raise AssertionError("the coordinator has no plan to upload to")


def test_two_servers_share_sessions_uploads_files_and_cache(two_servers: Pair) -> None:
    first, second = two_servers.first, two_servers.second
    browser = Browser()

    # Signed in through the first, recognised by the second.
    browser.sign_in(first, "coordinator", DEMO_PASSWORD)
    assert "Signed in as" in browser.get(second, "/").text

    # A plan uploaded through the first waits, in the session, to be confirmed through the second.
    plan_id = _plan_to_edit(browser, first)
    upload = write_plan(generate_plan(7, recommendations=3, establishment="HMP Upload"), "docx")
    answer = browser.post(first, f"/plans/{plan_id}/upload/", {}, files={"file": ("shared.docx", upload)})
    assert answer.status == 302, answer.text
    preview = browser.get(second, f"/plans/{plan_id}/upload/preview/")
    assert preview.status == 200
    assert "shared.docx" in preview.text
    confirmed = browser.post(second, f"/plans/{plan_id}/upload/preview/", {"operation": "confirm"})
    assert confirmed.status == 302
    assert "shared.docx taken in" in browser.get(first, f"/plans/{plan_id}/overview/").text

    # A published version's file rendered by the first is kept where the second finds it.
    public = Browser()
    published = re.search(r'href="/plans/(\d+)/"', public.get(first, "/published/").text)
    assert published
    url = f"/plans/{published.group(1)}/download/docx/"
    from_first = public.get(first, url)
    assert from_first.status == 200
    kept = list((Path(two_servers.env["MEDIA_ROOT"]) / "plan-versions").rglob("docx.docx"))
    assert len(kept) == 1
    kept[0].write_bytes(b"kept by the first server")
    assert public.get(second, url).body == b"kept by the first server"
    assert public.request(second, "GET", url, headers={"If-None-Match": from_first.headers["etag"]}).status == 304

    # The public page the first server kept is what the second serves (the database cache): delivery changed
    # behind the service's back, with nothing to say so, still shows as it was when the first server kept it.
    reader = Browser()
    page = f"/plans/{published.group(1)}/"
    kept_page = reader.get(first, page).text
    manage(
        two_servers.env,
        "shell",
        "-c",
        "from actionplan.storage.models import Action; "
        f"Action.objects.filter(recommendation__plan_id={published.group(1)}).update(status='completed')",
    )
    assert reader.get(second, page).text == kept_page
    # A figure cached by one server's settings is read by the other's.
    manage(two_servers.env, "shell", "-c", "from django.core.cache import cache; cache.set('figure', 42, 600)")
    read = manage(two_servers.env, "shell", "-c", "from django.core.cache import cache; print(cache.get('figure'))")
    assert read.splitlines()[-1] == "42"
