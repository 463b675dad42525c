"""Evidence files: what kind a file really is, judged from its bytes, and refusing anything that could run."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    media_type: str
    suffixes: tuple[str, ...]


KINDS = {
    kind.name: kind
    for kind in (
        Kind("pdf", "PDF", "application/pdf", (".pdf",)),
        Kind(
            "docx",
            "Word document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        Kind("xlsx", "Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
        Kind("png", "PNG image", "image/png", (".png",)),
        Kind("jpeg", "JPEG image", "image/jpeg", (".jpg", ".jpeg")),
        Kind("txt", "text file", "text/plain", (".txt",)),
        Kind("csv", "CSV file", "text/csv", (".csv",)),
    )
}

# Programs and scripts, refused by name whatever their content seems to be.
_RUNNABLE_SUFFIXES = {
    ".exe", ".com", ".bat", ".cmd", ".msi", ".dll", ".scr", ".ps1", ".vbs", ".js", ".jse", ".wsf", ".hta",
    ".jar", ".sh", ".py", ".pl", ".app", ".lnk", ".reg", ".cpl", ".docm", ".xlsm", ".html", ".htm", ".svg",
}  # fmt: skip
# Programs, refused by content whatever their name: Windows, Linux, macOS binaries and scripts with a #! line.
_RUNNABLE_STARTS = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
_OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_HEAD = 8192


def allowed_kinds() -> list[Kind]:
    return [KINDS[name] for name in settings.ACTIONPLAN_EVIDENCE_TYPES]


def allowed_description() -> str:
    labels = [kind.label for kind in allowed_kinds()]
    return ", ".join(labels[:-1]) + f" or {labels[-1]}" if len(labels) > 1 else labels[0]


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is still text.
        return error.start >= len(data) - 3
    return True


def _content_kind(data: bytes, head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        # A macro-enabled document declares its macros as a part: refused, since macros can run.
        if any(name.endswith("vbaProject.bin") for name in names):
            return None
        return next((kind for kind, part in _OFFICE_PARTS.items() if part in names), None)
    if _is_text(head):
        return "text"
    return None


def check_evidence(upload: UploadedFile) -> Kind:
    """The kind an uploaded file is, or ValidationError saying what is wrong with it and what to do."""
    name = PurePath(upload.name or "").name
    suffix = PurePath(name).suffix.lower()
    limit = settings.ACTIONPLAN_EVIDENCE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(f"{name} must be smaller than {filesizeformat(limit)}")
    if upload.size == 0:
        raise ValidationError(f"{name} is empty")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    head = data[:_HEAD]
    if suffix in _RUNNABLE_SUFFIXES or head.startswith(_RUNNABLE_STARTS):
        raise ValidationError(f"{name} is a program or script, which cannot be evidence: upload a document or image")
    found = _content_kind(data, head)
    for kind in allowed_kinds():
        if suffix not in kind.suffixes:
            continue
        if found == kind.name or (found == "text" and kind.media_type.startswith("text/")):
            return kind
        raise ValidationError(f"{name} is not a real {kind.label}: its content does not match its name")
    raise ValidationError(f"{name} must be a {allowed_description()}")
