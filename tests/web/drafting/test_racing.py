"""Thirty saves of one recommendation at once on a SQLite file (the default database): one wins, none fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
PEOPLE = 30


def test_simultaneous_saves_get_the_conflict_page_and_never_a_server_error(tmp_path: Path) -> None:
    # A process of its own, so that the database is a real file shared by real connections, as served,
    # and not the test suite's in-memory one.
    environment = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "actionplan.settings.test",
        "LOG_LEVEL": "CRITICAL",
    }
    finished = subprocess.run(
        [sys.executable, "-m", "tests.web.drafting.saving_race", str(PEOPLE)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=REPO,
        check=False,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    results = json.loads(finished.stdout.splitlines()[-1])
    statuses = Counter(result["status"] for result in results)
    assert 500 not in statuses, statuses
    saved = [result for result in results if result["status"] == 302]
    refused = [result for result in results if result["status"] == 200 and result["conflict"]]
    assert len(saved) == 1, statuses
    assert len(refused) == PEOPLE - 1, statuses
