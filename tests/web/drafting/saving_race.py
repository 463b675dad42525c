"""Many people saving one recommendation at the same moment, each a real request on its own connection.

Run in a process of its own (test_racing.py starts it) with DATABASE_URL naming a fresh database: it migrates
it, stores a draft, then posts the same answer from every client at once and prints, as JSON, each response's
status and whether it was the "saved after you opened it" page.
"""

from __future__ import annotations

import json
import sys
import threading

import django


def race(people: int) -> list[dict[str, object]]:
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    from actionplan.accounts.models import Role
    from tests.web.factories import EstablishmentFactory, InspectorateFactory, UserFactory, stored_plan

    call_command("migrate", verbosity=0)
    home = EstablishmentFactory(name="HMP Homefield", inspectorate=InspectorateFactory())
    coordinator = UserFactory(username="coordinator", role=Role.COORDINATOR, establishments=[home])
    row = stored_plan(home, seed=1).recommendations.order_by("position")[0]
    url = reverse("drafting:recommendation", args=[row.plan_id, row.pk])
    clients = []
    for _ in range(people):
        client = Client(raise_request_exception=False)
        client.force_login(coordinator)
        clients.append(client)
    connections.close_all()

    results: list[dict[str, object]] = [{} for _ in range(people)]
    start = threading.Barrier(people)

    def save(index: int) -> None:
        answer = {
            "revision": str(row.revision),
            "decision": "agreed",
            "response": f"Response number {index}.",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-text": f"Action number {index}.",
            "actions-0-owner": "Head of Safety",
            "actions-0-target": "31/12/2030",
            "operation": "save",
        }
        start.wait()
        try:
            response = clients[index].post(url, answer)
            body = response.content.decode()
            results[index] = {"status": response.status_code, "conflict": "after you opened it" in body}
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(index,)) for index in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


if __name__ == "__main__":
    django.setup()
    print(json.dumps(race(int(sys.argv[1]))))
