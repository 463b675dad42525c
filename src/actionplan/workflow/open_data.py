"""The open data download kept up to date: written when a plan is published, and whenever it is found out of date.

The zip is written to a new file in ``ACTIONPLAN_OPEN_DATA_DIR`` named by its content, then ``manifest.json``
is replaced in one step to point to it, so a reader always finds a whole download and the manifest that
describes it. The manifest records which published versions it holds (their count and the sum of their ids),
so that publishing, an import or a demo load that publishes plans is noticed by the next reader.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connections, transaction
from django.db.models import Count, Sum
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from actionplan.core.writing.open_data import PublishedPlan, write_open_data
from actionplan.storage.models import ActionPlan
from actionplan.workflow.models import PlanVersion, Transition
from actionplan.workflow.states import published_version, readable_plan

DOWNLOAD_NAME = "actionplan-published-plans.zip"
MANIFEST = "manifest.json"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Manifest:
    """What the current download holds and when it was made."""

    file: str
    sha256: str
    size: int
    made: str  # ISO date and time, UTC
    plans: int
    actions: int
    published: str  # which published versions it holds (see published_versions)

    @property
    def path(self) -> Path:
        return folder() / self.file

    @property
    def made_at(self) -> datetime:
        return datetime.fromisoformat(self.made)


def folder() -> Path:
    return Path(settings.ACTIONPLAN_OPEN_DATA_DIR)


def published_versions() -> str:
    """Which versions are published, in one query: any publication (or removal) changes it."""
    found = PlanVersion.objects.filter(published_on__isnull=False).aggregate(count=Count("pk"), ids=Sum("pk"))
    return f"{found['count']}:{found['ids'] or 0}"


def published_plans() -> Iterator[PublishedPlan]:
    """Every plan with a published version, as the public reads it: that version, with delivery as it stands."""
    public = AnonymousUser()
    plans = (
        ActionPlan.objects.filter(pk__in=PlanVersion.objects.filter(published_on__isnull=False).values("plan"))
        .select_related("inspection__establishment", "inspection__inspectorate")
        .order_by("pk")
    )
    for stored in plans.iterator(chunk_size=100):
        version = published_version(stored)
        yield PublishedPlan(stored.pk, version.published_on if version else None, readable_plan(public, stored))


def _write_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write through ``write(file)`` to a temporary file beside ``path``, then put it in place in one step."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def rebuild() -> Manifest:
    """Write the download afresh from the published plans, and the manifest pointing to it."""
    target = folder()
    target.mkdir(parents=True, exist_ok=True)
    published = published_versions()  # read first: a publication while writing is noticed next time
    made = timezone.now().astimezone(UTC)
    handle, temporary = tempfile.mkstemp(dir=target, prefix=".writing-", suffix=".zip")
    try:
        with os.fdopen(handle, "w+b") as out:
            counts = write_open_data(published_plans(), out, made_on=made.date())
            out.flush()
            os.fsync(out.fileno())
            out.seek(0)
            digest = hashlib.file_digest(out, "sha256").hexdigest()
            size = out.tell()
        name = f"published-{digest[:16]}.zip"
        os.replace(temporary, target / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    manifest = Manifest(name, digest, size, made.isoformat(), counts.plans, counts.actions, published)
    _write_atomically(target / MANIFEST, lambda out: out.write(json.dumps(asdict(manifest), indent=2).encode()))
    for old in target.glob("published-*.zip"):
        if old.name != name:
            old.unlink(missing_ok=True)
    logger.info("open data written: %s plans, %s actions, %s bytes", counts.plans, counts.actions, size)
    return manifest


def _kept() -> Manifest | None:
    try:
        manifest = Manifest(**json.loads((folder() / MANIFEST).read_text()))
    except (FileNotFoundError, ValueError, TypeError):
        return None
    return manifest if manifest.path.exists() else None


def _up_to_date() -> Manifest | None:
    kept = _kept()
    return kept if kept is not None and kept.published == published_versions() else None


def described() -> tuple[Manifest | None, bool]:
    """The download as kept, for a page to describe, and whether it holds every publication.

    Never written here: a visitor reading about the download does not wait for the estate's files to be written.
    The download itself is written again when it is next asked for.
    """
    kept = _kept()
    return kept, kept is not None and kept.published == published_versions()


def current() -> Manifest:
    """The download as it stands, written first when there is none or it misses a publication.

    Writers on one machine take turns: those who waited find it written and use it.
    """
    if (kept := _up_to_date()) is not None:
        return kept
    target = folder()
    target.mkdir(parents=True, exist_ok=True)
    with (target / ".lock").open("wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _up_to_date() or rebuild()


def _write_after_publication() -> None:
    try:
        current()
    except Exception:
        # The publication stands; the download is written again by the next reader.
        logger.exception("open data could not be written after a publication")
    finally:
        connections.close_all()  # this thread's own


@receiver(post_save, sender=Transition, dispatch_uid="open-data-on-publication")
def _on_publication(sender: type[Transition], instance: Transition, created: bool, **kwargs: Any) -> None:
    """Once a person's publication is saved, write the download in a thread of its own: the estate's takes seconds,
    which the person publishing does not wait for. A reader asking meanwhile waits for it (``current`` takes turns).

    Plans an import or a demo load publishes (hundreds in one go, by no one) are left to the next reader.
    """
    if created and instance.to_status == ActionPlan.Status.PUBLISHED and instance.by_id is not None:
        transaction.on_commit(lambda: threading.Thread(target=_write_after_publication, name="open-data").start())
