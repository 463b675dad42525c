"""Serving in production: ``manage.py serve`` (what ``make serve`` runs), /healthz and one JSON log line a request."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from django.urls import reverse

from actionplan.pages.request_log import JsonFormatter
from tests.web.servers import Browser, environment, serving


def _json_lines(text: str) -> list[dict[str, object]]:
    lines = []
    for line in text.splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def test_serve_prepares_the_database_and_static_files_then_serves_with_gunicorn(tmp_path: Path) -> None:
    env = environment(tmp_path, f"sqlite:///{tmp_path / 'serve.sqlite3'}", WEB_CONCURRENCY="2")
    with serving(env, tmp_path / "serve.log") as server:
        browser = Browser()
        health = browser.get(server, "/healthz")
        stylesheet = browser.get(server, "/static/govuk-frontend/dist/govuk/govuk-frontend.min.css")
        page = browser.get(server, "/published/")
    assert (health.status, health.text) == (200, "ok")
    assert stylesheet.status == 200
    assert b".govuk-" in stylesheet.body
    assert page.status == 200
    output = server.output()
    assert output.count("Booting worker") >= 2
    logged = [line for line in _json_lines(output) if line.get("logger") == "actionplan.requests"]
    assert {"method": "GET", "path": "/healthz", "status": 200, "user_id": None}.items() <= logged[0].items()
    assert isinstance(logged[0]["duration_ms"], float)
    assert [line["path"] for line in logged] == [
        "/healthz",
        "/static/govuk-frontend/dist/govuk/govuk-frontend.min.css",
        "/published/",
    ]


def test_healthz_answers_503_when_the_database_cannot_be_reached(tmp_path: Path) -> None:
    unreachable = f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite3'}"
    # HTTPS redirects on, as in production: a load balancer still asks /healthz over plain HTTP.
    env = environment(tmp_path, unreachable, SECURE_SSL_REDIRECT="true")
    with serving(env, tmp_path / "serve.log", "--no-prepare") as server:
        health = Browser().get(server, "/healthz")
        page = Browser().get(server, "/published/")
    assert health.status == 503
    assert health.text == "database unreachable"
    assert page.status == 301


@pytest.mark.django_db
def test_healthz_answers_ok_without_sign_in(client) -> None:
    response = client.get(reverse("healthz"))
    assert (response.status_code, response.content) == (200, b"ok")
    assert client.head(reverse("healthz")).status_code == 200


@pytest.mark.django_db
def test_each_request_is_logged_as_json_with_the_user_id_not_the_name(client, estate, caplog) -> None:
    client.force_login(estate.people["analyst"])
    with caplog.at_level(logging.INFO, logger="actionplan.requests"):
        client.get(reverse("published") + "?q=secret")
    record = next(r for r in caplog.records if r.name == "actionplan.requests")
    line = json.loads(JsonFormatter().format(record))
    assert line["path"] == "/published/"
    assert line["user_id"] == estate.people["analyst"].pk
    assert "analyst" not in json.dumps(line)
    assert line["method"] == "GET"
    assert line["status"] == 200
