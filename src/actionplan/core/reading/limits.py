"""What reading one file may cost, and the one refusal raised when a file goes past a limit.

A plan is a few hundred kilobytes of text in at most a few hundred pages. A file far beyond that is
damaged or built to tie the reader up (a zip bomb, "billion laughs" XML, a PDF of a million objects),
so each reader checks the file against these limits before the parsing library sees it, and refuses
it with a message naming the file and the limit. The limits in force are set for a reading with
``applied``; without it the defaults hold.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields
from typing import Any

from actionplan.core.errors import PlanError
from actionplan.core.plan import Plan

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadingLimits:
    """The most one file may hold; every limit is far above what a real action plan needs."""

    # All the parts of a Word document or Excel workbook, unpacked.
    expanded_mb: int = 50
    # How many times larger than its compressed size a part (over a megabyte) may be.
    compression_ratio: int = 100
    zip_members: int = 1000
    pdf_pages: int = 500
    pdf_objects: int = 200_000
    # The drawing instructions of one PDF page, unpacked.
    pdf_page_content_mb: int = 2
    text_mb: int = 5
    line_characters: int = 50_000
    json_depth: int = 64
    tracker_rows: int = 20_000
    recommendations: int = 500
    # All the text of the plan read, actions included: a few lines of a file can be given to thousands of actions.
    plan_text_mb: int = 20


def from_environment(environment: Mapping[str, str]) -> ReadingLimits:
    """The limits, with those set as variables ACTIONPLAN_READ_<NAME> (ACTIONPLAN_READ_TEXT_MB=10) as in the service."""
    chosen: dict[str, int] = {}
    for limit in fields(ReadingLimits):
        variable = f"ACTIONPLAN_READ_{limit.name.upper()}"
        raw = environment.get(variable, "").strip()
        if not raw:
            continue
        if not raw.isdigit():
            raise PlanError(f"{variable} must be a whole number; it is {raw!r}")
        chosen[limit.name] = int(raw)
    return ReadingLimits(**chosen)


class LimitExceeded(PlanError):
    """A file goes past a reading limit, or past the budget of a reading in a child process.

    ``limit`` names what it went past (a field of ReadingLimits or of Budget) and ``reason`` says how,
    in the person's words ("this Word document expands to more than 50 MB when unpacked").
    """

    def __init__(self, reason: str, *, limit: str, source: str | None = None) -> None:
        self.reason = reason
        self.limit = limit
        super().__init__(f"{reason}; it was not read, as an action plan stays well within this limit", source=source)


_DEFAULTS = ReadingLimits()
_ACTIVE: ContextVar[ReadingLimits | None] = ContextVar("reading_limits", default=None)


def active() -> ReadingLimits:
    """The limits in force for the reading under way."""
    return _ACTIVE.get() or _DEFAULTS


@contextmanager
def applied(limits: ReadingLimits) -> Iterator[None]:
    """Hold readings inside the block to ``limits``."""
    token = _ACTIVE.set(limits)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


_ZIP_KINDS = {"docx": "Word document", "xlsx": "Excel workbook"}
# A part smaller than this may compress very well (a page of repeated styles) without being a bomb.
_RATIO_FLOOR = MB
_CHUNK = 64 * 1024
# A document type declaration lets XML define entities that expand without end; Office files never hold one.
_DECLARATIONS = [
    marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
]
_LONGEST_MARKER = max(len(marker) for marker in _DECLARATIONS)


def check_zip(data: bytes, *, name: str, format: str) -> None:
    """Refuse a Word or Excel file whose parts unpack too large, too many or too well, or declare XML entities.

    Every part is unpacked as a stream and counted, so that a part saying it is small and unpacking
    large is caught before the Office library reads it. A file that is no zip is left to its reader.
    """
    limits = active()
    what = _ZIP_KINDS.get(format, "zip archive")
    cap = limits.expanded_mb * MB
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    with archive:
        members = archive.infolist()
        if len(members) > limits.zip_members:
            raise LimitExceeded(
                f"this {what} holds more than {limits.zip_members} parts", limit="zip_members", source=name
            )
        if sum(member.file_size for member in members) > cap:
            raise _expands(what, limits, name)
        for member in members:
            if member.file_size > _RATIO_FLOOR and member.file_size > limits.compression_ratio * max(
                member.compress_size, 1
            ):
                raise LimitExceeded(
                    f"a part of this {what} ({member.filename}) unpacks to more than {limits.compression_ratio}"
                    " times its packed size",
                    limit="compression_ratio",
                    source=name,
                )
        unpacked = 0
        for member in members:
            try:
                unpacked = _unpack(archive, member, unpacked, cap, what=what, name=name)
            except LimitExceeded:
                raise
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
                raise PlanError(
                    f"the {what} is damaged: its part {member.filename} cannot be unpacked", source=name
                ) from None


def _unpack(archive: zipfile.ZipFile, member: zipfile.ZipInfo, unpacked: int, cap: int, *, what: str, name: str) -> int:
    """Unpack one part as a stream, counting its bytes and looking for declarations; the running total."""
    # Pictures are never parsed as XML, and may hold any bytes.
    scan = "/media/" not in f"/{member.filename}"
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            unpacked += len(chunk)
            if unpacked > cap:
                raise _expands(what, active(), name)
            if scan:
                window = tail + chunk
                if any(marker in window for marker in _DECLARATIONS):
                    raise LimitExceeded(
                        f"this {what} declares XML entities in {member.filename}, which Office files never do"
                        " (they can expand without end)",
                        limit="xml_entities",
                        source=name,
                    )
                tail = window[-_LONGEST_MARKER:]
    return unpacked


def _expands(what: str, limits: ReadingLimits, name: str) -> LimitExceeded:
    return LimitExceeded(
        f"this {what} expands to more than {limits.expanded_mb} MB when unpacked", limit="expanded_mb", source=name
    )


def check_pdf(document: Any, *, name: str) -> None:
    """Refuse a PDF (opened by pdfplumber) with too many objects or pages, before any page is read."""
    from pdfminer.pdfpage import PDFPage  # here, so that reading text never loads the PDF library

    limits = active()
    objects = 0
    for xref in document.doc.xrefs:
        for _ in xref.get_objids():
            objects += 1
            if objects > limits.pdf_objects:
                raise LimitExceeded(
                    f"this PDF holds more than {limits.pdf_objects} objects", limit="pdf_objects", source=name
                )
    # Counted from the page tree, without making pdfplumber's page of each, and no further than the limit.
    for count, _ in enumerate(PDFPage.create_pages(document.doc), start=1):
        if count > limits.pdf_pages:
            raise LimitExceeded(f"this PDF has more than {limits.pdf_pages} pages", limit="pdf_pages", source=name)


def check_pdf_page(page: Any, *, number: int, name: str) -> None:
    """Refuse a PDF page (pdfplumber's) whose drawing instructions unpack larger than the limit."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    limits = active()
    cap = limits.pdf_page_content_mb * MB
    size = 0
    for content in page.page_obj.contents:
        stream = resolve1(content)
        if not isinstance(stream, PDFStream):
            continue
        raw = stream.rawdata if stream.rawdata is not None else stream.data or b""
        filters = stream.get_filters()
        if raw is stream.rawdata and len(filters) == 1 and filters[0][0] in LITERALS_FLATE_DECODE:
            # Unpacked only as far as the limit, so that a bomb costs no more than the limit.
            try:
                size += len(zlib.decompressobj().decompress(raw, cap + 1 - size))
            except zlib.error:
                size += len(raw)
        else:
            size += len(raw)
        if size > cap:
            raise LimitExceeded(
                f"page {number} of this PDF holds more than {limits.pdf_page_content_mb} MB of drawing instructions",
                limit="pdf_page_content_mb",
                source=name,
            )


def check_text_size(data: bytes, *, name: str) -> None:
    """Refuse a text or JSON file larger than the limit, before it is decoded."""
    limits = active()
    if len(data) > limits.text_mb * MB:
        raise LimitExceeded(f"this text is larger than {limits.text_mb} MB", limit="text_mb", source=name)


def check_text(text: str, *, name: str) -> None:
    """Refuse text larger than the limit, or with a line longer than the limit."""
    limits = active()
    if len(text) > limits.text_mb * MB:
        raise LimitExceeded(f"this text is larger than {limits.text_mb} MB", limit="text_mb", source=name)
    start = 0
    for match in re.finditer(r"[\n\r\f\v]", text):
        if match.start() - start > limits.line_characters:
            break
        start = match.end()
    else:
        if len(text) - start <= limits.line_characters:
            return
    raise LimitExceeded(
        f"this text has a line longer than {limits.line_characters} characters", limit="line_characters", source=name
    )


# A string runs to its closing quote, or to the end when it has none, so that one pass reads the text.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def check_json_depth(text: str, *, name: str) -> None:
    """Refuse JSON nested deeper than the limit, counted without parsing it (a parser would recurse)."""
    limits = active()
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = 0
    for bracket in brackets:
        depth += 1 if bracket in "[{" else -1
        if depth > limits.json_depth:
            raise LimitExceeded(
                f"this JSON is nested more than {limits.json_depth} levels deep", limit="json_depth", source=name
            )


def check_tracker_rows(count: int, *, name: str) -> None:
    limits = active()
    if count > limits.tracker_rows:
        raise LimitExceeded(
            f"this Excel workbook has more than {limits.tracker_rows} rows", limit="tracker_rows", source=name
        )


def check_plan_text(plan: Plan, *, name: str) -> None:
    """Refuse a plan read from a file when all its text, counted without copying it, is larger than the limit."""
    limits = active()
    cap = limits.plan_text_mb * MB
    size = 0
    for rec in plan.recommendations:
        size += len(rec.recommendation) + len(rec.response) + len(rec.concern or "")
        size += sum(len(action.text) for action in rec.actions)
        if size > cap:
            raise LimitExceeded(
                f"the plan read from it holds more than {limits.plan_text_mb} MB of text",
                limit="plan_text_mb",
                source=name,
            )


def check_recommendations(count: int, *, name: str) -> None:
    """Refuse a plan or list with more recommendations than the limit."""
    limits = active()
    if count > limits.recommendations:
        raise LimitExceeded(
            f"it holds {count} recommendations, more than the limit of {limits.recommendations}",
            limit="recommendations",
            source=name,
        )
