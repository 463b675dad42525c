"""Importing plan files into the database: one transaction per file, never the same plan twice."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.db import IntegrityError, transaction
from django.urls import reverse

from actionplan.core import canonical
from actionplan.core.errors import PlanError
from actionplan.core.reading import Reading, ReadingWarning
from actionplan.owners.matching import count_unmatched
from actionplan.search.indexing import indexing_in_bulk
from actionplan.storage import models
from actionplan.storage.conversion import inspectorate_for, save_plan
from actionplan.storage.reading import read_file
from actionplan.workflow.states import freeze_as_stored


class Outcome(StrEnum):
    IMPORTED = "imported"
    ALREADY_IMPORTED = "already imported"
    FAILED = "failed"


@dataclass
class FileImport:
    """What happened to one file."""

    path: Path
    outcome: Outcome
    message: str
    plan_id: int | None = None
    warnings: list[ReadingWarning] = field(default_factory=list)


def fingerprint(reading: Reading) -> str:
    return hashlib.sha256(canonical.dumps(reading.plan).encode("utf-8")).hexdigest()


def import_reading(
    reading: Reading,
    *,
    establishment_name: str | None = None,
    status: str = models.ActionPlan.Status.PUBLISHED,
) -> tuple[models.ActionPlan, bool]:
    """Store a plan as read, all or nothing; returns the stored plan and whether it was new.

    A plan stored as sent or published is frozen as the version its readers read: the public and the
    inspectorate never read the rows a coordinator goes on to edit.
    """
    plan = reading.plan
    print_ = fingerprint(reading)
    existing = models.ActionPlan.objects.filter(fingerprint=print_).first()
    if existing:
        return existing, False
    name = establishment_name or plan.establishment
    if not name:
        raise PlanError("the plan does not say which establishment it is for: give --establishment")
    try:
        with transaction.atomic(), indexing_in_bulk():
            establishment, _ = models.Establishment.objects.get_or_create(
                name=name, defaults={"inspectorate": inspectorate_for(plan.inspectorate)}
            )
            stored = save_plan(plan, establishment=establishment, status=status)
            stored.fingerprint = print_
            stored.save(update_fields=["fingerprint"])
            if status in (models.ActionPlan.Status.SENT, models.ActionPlan.Status.PUBLISHED):
                freeze_as_stored(stored, note="Imported from a plan already published.")
    except IntegrityError:
        # Another import of the same plan finished first.
        return models.ActionPlan.objects.get(fingerprint=print_), False
    return stored, True


def import_files(
    paths: Iterable[Path],
    *,
    establishment_name: str | None = None,
    status: str = models.ActionPlan.Status.PUBLISHED,
    progress: Callable[[int, FileImport], None] | None = None,
) -> list[FileImport]:
    """Import each file in its own transaction; a file that fails is reported and the rest go on."""
    results = []
    for number, path in enumerate(paths, start=1):
        try:
            # Read in a child process within the limits and budget of the settings, as uploads are.
            reading = read_file(path)
            stored, new = import_reading(reading, establishment_name=establishment_name, status=status)
        except PlanError as error:
            result = FileImport(path, Outcome.FAILED, str(error))
        else:
            count = stored.recommendations.count()
            if new:
                message = f"imported as plan {stored.pk} ({stored.establishment_as_written}, {count} recommendations)"
                if waiting := count_unmatched(stored):
                    where = reverse("owners:match", kwargs={"plan_id": stored.pk})
                    message += f"; {waiting} owner name{'s' if waiting != 1 else ''} not matched yet: match at {where}"
                result = FileImport(path, Outcome.IMPORTED, message, stored.pk, reading.warnings)
            else:
                message = f"already imported as plan {stored.pk}; not imported again"
                result = FileImport(path, Outcome.ALREADY_IMPORTED, message, stored.pk, reading.warnings)
        results.append(result)
        if progress:
            progress(number, result)
    return results
