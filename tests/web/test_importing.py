"""Importing plan files: one transaction per file, failures reported, the same plan never stored twice."""

import threading
from pathlib import Path

import pytest
from django.db import connection

from actionplan.cli import main
from actionplan.core import canonical
from actionplan.core.generator import generate_plan
from actionplan.core.plan import ActionStatus
from actionplan.core.targets import TargetKind
from actionplan.storage import models
from actionplan.storage.conversion import load_plan
from actionplan.storage.importing import Outcome, import_files

pytestmark = pytest.mark.django_db


def _json_file(folder: Path, seed: int) -> Path:
    path = folder / f"plan-{seed}.json"
    plan = generate_plan(seed, recommendations=8)
    # Stored, an action written "Completed" is completed: the file says so too, so that it reads back the same.
    for _, action in plan.actions():
        if action.target.kind is TargetKind.COMPLETED:
            action.status = ActionStatus.COMPLETED
    path.write_text(canonical.dumps(plan), "utf-8")
    return path


def test_import_stores_each_file_and_reports_the_bad_one(tmp_path: Path) -> None:
    good = _json_file(tmp_path, 1)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7 this is not really a PDF")
    other = _json_file(tmp_path, 2)
    seen = []
    results = import_files([good, bad, other], progress=lambda n, r: seen.append(n))
    assert [r.outcome for r in results] == [Outcome.IMPORTED, Outcome.FAILED, Outcome.IMPORTED]
    assert "broken.pdf" in results[1].message
    assert seen == [1, 2, 3]
    assert models.ActionPlan.objects.count() == 2
    stored = models.ActionPlan.objects.get(pk=results[0].plan_id)
    assert canonical.dumps(load_plan(stored)) == good.read_text("utf-8")
    assert stored.status == models.ActionPlan.Status.PUBLISHED


def test_importing_the_same_plan_twice_does_not_duplicate_it(tmp_path: Path) -> None:
    path = _json_file(tmp_path, 3)
    first = import_files([path])[0]
    second = import_files([path])[0]
    assert second.outcome is Outcome.ALREADY_IMPORTED
    assert second.plan_id == first.plan_id
    assert models.ActionPlan.objects.count() == 1
    assert models.Inspection.objects.count() == 1


def test_the_establishment_can_be_given(tmp_path: Path) -> None:
    result = import_files([_json_file(tmp_path, 4)], establishment_name="HMP Given Name")[0]
    stored = models.ActionPlan.objects.get(pk=result.plan_id)
    assert stored.inspection.establishment.name == "HMP Given Name"


def test_the_sample_plan_imports_with_its_24_recommendations(samples_dir: Path) -> None:
    result = import_files([samples_dir / "buckley_hall_2019.txt"])[0]
    assert result.outcome is Outcome.IMPORTED, result.message
    stored = models.ActionPlan.objects.get(pk=result.plan_id)
    assert stored.inspection.establishment.name == "HMP Buckley Hall"
    assert stored.recommendations.count() == 24
    assert models.Action.objects.filter(recommendation__plan=stored).count() == 33


def test_command_line_import_prints_progress_and_a_summary(tmp_path: Path, capsys) -> None:
    paths = [_json_file(tmp_path, 5), _json_file(tmp_path, 6)]
    assert main(["import", *map(str, paths)]) == 0
    out, err = capsys.readouterr()
    assert "2 imported, 0 already imported, 0 failed" in out
    assert "] 2/2" in err
    assert main(["import", str(paths[0])]) == 0
    assert "0 imported, 1 already imported, 0 failed" in capsys.readouterr().out


def test_command_line_import_exits_2_when_a_file_fails(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["import", str(empty), str(_json_file(tmp_path, 7))]) == 2
    out, err = capsys.readouterr()
    assert "empty.txt" in err
    assert "Traceback" not in err
    assert "1 imported, 0 already imported, 1 failed" in out


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises writers; the race needs PostgreSQL")
def test_two_imports_of_the_same_plan_at_once_store_it_once(tmp_path: Path) -> None:
    path = _json_file(tmp_path, 8)
    results: list = []

    def run() -> None:
        results.extend(import_files([path]))
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.outcome for r in results) == sorted([Outcome.IMPORTED, Outcome.ALREADY_IMPORTED])
    assert models.ActionPlan.objects.count() == 1
