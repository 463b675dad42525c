"""Evidence files: what kind a file really is, judged from its bytes, and refusing anything that could run."""

from __future__ import annotations

import re
import zipfile
import zlib
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
# File systems allow names of 255 bytes, and a character may take four: names are cut to this many bytes,
# which leaves room for the few characters a storage may add to make a name unique.
NAME_BYTES = 200
# Web page code anywhere in a file: a browser that sniffs the file (or a PNG with a page hidden in a chunk,
# a polyglot) would run it on opening.
_MARKUP = re.compile(rb"<\s*(?:script|html|!doctype\s+html|iframe|svg|body|object|embed)\b", re.IGNORECASE)
# PDF names that make a viewer run something: scripts, launching a program, files carried inside, multimedia
# and XML forms (which carry scripts). A name may spell a letter as #xx, undone before looking.
_PDF_ACTIVE = re.compile(rb"/(?:JS|JavaScript|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n")
# Compressed streams are unpacked to look inside them, up to this many bytes in all (a bomb stops there);
# a PDF of more streams than real documents have cannot be checked in reasonable time and is refused.
_PDF_UNPACKED_BYTES = 64 * 1024 * 1024
_PDF_MOST_STREAMS = 20_000
# Office parts that could run something: ActiveX controls, and embedded objects other than the plain
# workbooks and documents behind charts (OLE packages carry programs; macro-enabled files carry macros).
_OFFICE_ACTIVE = re.compile(r"(?:^|/)(?:activeX/|embeddings/(?!.*\.(?:xlsx|docx|pptx)$))", re.IGNORECASE)


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


def evidence_name(name: str) -> str:
    """The uploaded file's own name, without folders, cut to NAME_BYTES bytes and keeping its extension."""
    own = PurePath(name.replace("\\", "/")).name or "evidence"
    suffix = PurePath(own).suffix
    if len(suffix.encode()) > NAME_BYTES // 4:
        suffix = ""
    stem = own[: len(own) - len(suffix)]
    # Cutting the bytes may split a character: the part of it left over is dropped.
    stem = stem.encode()[: NAME_BYTES - len(suffix.encode())].decode("utf-8", "ignore")
    return (stem or "evidence") + suffix


def _pdf_unpacked(data: bytes) -> list[bytes] | None:
    """The PDF's bytes, then each compressed stream unpacked (object streams hide dictionaries inside).

    None when the PDF has more compressed streams than can be checked.
    """
    parts = [data]
    budget = _PDF_UNPACKED_BYTES
    position = 0
    while budget > 0 and (found := _PDF_STREAM.search(data, position)):
        end = data.find(b"endstream", found.end())
        end = len(data) if end < 0 else end
        # The next stream is looked for after this one ends, so that every byte is read once.
        position = end + len(b"endstream")
        header = data[found.end() : found.end() + 2]
        if len(header) < 2 or header[0] & 0x0F != 8 or int.from_bytes(header, "big") % 31:
            continue  # not zlib data (an image, or uncompressed): the bytes themselves were already read
        try:
            unpacked = zlib.decompressobj().decompress(memoryview(data)[found.end() : end], budget)
        except zlib.error:
            continue
        budget -= len(unpacked)
        parts.append(unpacked)
        if len(parts) > _PDF_MOST_STREAMS:
            return None
    return parts


def _pdf_activity(data: bytes) -> str | None:
    parts = _pdf_unpacked(data)
    if parts is None:
        return f"it has more than {_PDF_MOST_STREAMS:,} compressed parts, too many to check for scripts"
    if any(_PDF_ACTIVE.search(_PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), part)) for part in parts):
        return "it contains JavaScript, a launch action or embedded files, which a PDF viewer could run"
    return None


def _active_content(data: bytes, found: str | None) -> str | None:
    """Why the file could run something when opened, or None."""
    if _MARKUP.search(data):
        return "it contains web page code (HTML or script), which a browser could run"
    if found == "pdf":
        return _pdf_activity(data)
    if found in _OFFICE_PARTS and any(
        _OFFICE_ACTIVE.search(name) for name in zipfile.ZipFile(BytesIO(data)).namelist()
    ):
        return "it carries embedded objects or controls, which could run when it is opened"
    return None


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
    active = _active_content(data, found)
    if active:
        raise ValidationError(
            f"{name} cannot be evidence: {active}. Save it again without that (for example print it to PDF),"
            " then upload it"
        )
    for kind in allowed_kinds():
        if suffix not in kind.suffixes:
            continue
        if found == kind.name or (found == "text" and kind.media_type.startswith("text/")):
            return kind
        raise ValidationError(f"{name} is not a real {kind.label}: its content does not match its name")
    raise ValidationError(f"{name} must be a {allowed_description()}")
