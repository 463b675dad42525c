"""Which reader a file needs, told from its content (not its name), and the one place that maps formats to readers."""

from __future__ import annotations

import importlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from actionplan.core import canonical
from actionplan.core.checking.reasons import record_reasons
from actionplan.core.errors import PlanError
from actionplan.core.reading import limits, text
from actionplan.core.reading.limits import ReadingLimits
from actionplan.core.reading.outcome import Reading

Reader = Callable[[bytes, str], Reading]


def _read_canonical(data: bytes, name: str) -> Reading:
    limits.check_text_size(data, name=name)
    decoded = text.decode(data, name=name)
    limits.check_json_depth(decoded, name=name)
    return Reading(plan=canonical.loads(decoded, source=name))


def _on_demand(module: str, function: str) -> Reader:
    """A reader whose module (and its PDF, Word or Excel library) is imported when a file first needs it."""

    def read(data: bytes, name: str) -> Reading:
        reader: Reader = getattr(importlib.import_module(f"actionplan.core.reading.{module}"), function)
        return reader(data, name)

    return read


# A reader takes the file's bytes and its name (for messages). A new format is one module and one line here.
READERS: dict[str, Reader] = {
    "pdf": _on_demand("pdf", "read"),
    "docx": _on_demand("docx", "read"),
    "canonical": _read_canonical,
    "text": text.read,
    "xlsx": _on_demand("tracker", "read_tracker"),
}

_PDF_HEADER_WITHIN = 1024


def recognise(data: bytes, *, name: str) -> str:
    """The format of a file from its first bytes: pdf, docx, xlsx, canonical (JSON) or text."""
    if not data.strip():
        raise PlanError("the file is empty", source=name)
    if b"%PDF-" in data[:_PDF_HEADER_WITHIN]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data, name=name)
    if data.lstrip()[:1] == b"{":
        limits.check_text_size(data, name=name)
        try:
            decoded = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return "text"
        limits.check_json_depth(decoded, name=name)
        try:
            loaded = json.loads(decoded)
        except (ValueError, RecursionError):
            return "text"
        if isinstance(loaded, dict) and "schema" in loaded:
            return "canonical"
    return "text"


def _zip_format(data: bytes, *, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PlanError("the file is a damaged zip archive (a Word or Excel file?)", source=name) from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise PlanError("the file is a zip archive but not a Word document or Excel workbook", source=name)


_PUBLISHED_DOCUMENTS = {"text", "pdf", "docx"}


def read_plan(
    source: str | Path | bytes, *, format: str = "auto", name: str | None = None, within: ReadingLimits | None = None
) -> Reading:
    """Read a plan from a file (a path) or from its bytes.

    ``format`` is ``auto`` (told from the content) or a name in READERS. ``name`` names the file
    in messages; it defaults to the path. Raises PlanError, with a one-line message naming the
    file, for anything that is not a readable plan, and LimitExceeded (a PlanError) for a file
    past ``within`` (the limits in force when not given).
    """
    with limits.applied(within or limits.active()):
        return _read_plan(source, format=format, name=name)


def _read_plan(source: str | Path | bytes, *, format: str, name: str | None) -> Reading:
    if isinstance(source, bytes):
        data, label = source, name or "input"
    else:
        path = Path(source)
        label = name or str(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            reason = error.strerror or error.__class__.__name__
            raise PlanError(f"cannot read the file ({reason})", source=label) from None
    chosen = recognise(data, name=label) if format == "auto" else format
    reader = READERS.get(chosen)
    if reader is None:
        known = ", ".join(["auto", *READERS])
        raise PlanError(f"unknown format {chosen!r} (known: {known})", source=label)
    try:
        reading = reader(data, label)
    except PlanError:
        raise
    except Exception as error:
        # A file can break a parsing library in ways no reader foresees; the person who sent it
        # needs one line saying the file could not be read, not a traceback.
        raise PlanError(f"the file could not be read as {chosen} ({error.__class__.__name__})", source=label) from None
    limits.check_recommendations(len(reading.plan.recommendations), name=label)
    limits.check_plan_text(reading.plan, name=label)
    if chosen in _PUBLISHED_DOCUMENTS:
        # Published documents state reasons only in the response's words; JSON and trackers carry them.
        record_reasons(reading.plan)
    return reading
