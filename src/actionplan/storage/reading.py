"""Reading uploaded, pasted and imported plans within the limits and the budget the settings give."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from actionplan.core.errors import PlanError
from actionplan.core.reading import Reading
from actionplan.core.reading.budget import Budget, read_pasted_within_budget, read_within_budget
from actionplan.core.reading.limits import ReadingLimits
from actionplan.core.reading.pasted import Pasted


def reading_limits() -> ReadingLimits:
    """The limits of the ACTIONPLAN_READ_* settings."""
    return ReadingLimits(
        expanded_mb=settings.ACTIONPLAN_READ_EXPANDED_MB,
        compression_ratio=settings.ACTIONPLAN_READ_COMPRESSION_RATIO,
        zip_members=settings.ACTIONPLAN_READ_ZIP_MEMBERS,
        pdf_pages=settings.ACTIONPLAN_READ_PDF_PAGES,
        pdf_objects=settings.ACTIONPLAN_READ_PDF_OBJECTS,
        pdf_page_content_mb=settings.ACTIONPLAN_READ_PDF_PAGE_CONTENT_MB,
        text_mb=settings.ACTIONPLAN_READ_TEXT_MB,
        line_characters=settings.ACTIONPLAN_READ_LINE_CHARACTERS,
        json_depth=settings.ACTIONPLAN_READ_JSON_DEPTH,
        tracker_rows=settings.ACTIONPLAN_READ_TRACKER_ROWS,
        recommendations=settings.ACTIONPLAN_READ_RECOMMENDATIONS,
        plan_text_mb=settings.ACTIONPLAN_READ_PLAN_TEXT_MB,
    )


def reading_budget() -> Budget:
    return Budget(seconds=settings.ACTIONPLAN_READ_SECONDS, megabytes=settings.ACTIONPLAN_READ_MEMORY_MB)


def read_uploaded(data: bytes, *, name: str) -> Reading:
    """Read a plan file's bytes in a child process; PlanError (LimitExceeded past a limit or the budget)."""
    return read_within_budget(data, name=name, within=reading_limits(), budget=reading_budget())


def read_file(path: Path) -> Reading:
    """Read a plan file as ``read_uploaded`` does; PlanError naming the file when it cannot be read at all."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or error.__class__.__name__
        raise PlanError(f"cannot read the file ({reason})", source=str(path)) from None
    return read_uploaded(data, name=str(path))


def read_pasted_list(text: str) -> Pasted:
    """Take a pasted list apart in a child process, as ``read_uploaded`` reads a file."""
    return read_pasted_within_budget(text, within=reading_limits(), budget=reading_budget())
