"""Evidence files: long names cut by bytes, files gone from the store, and active content refused."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.utils import validate_file_name

from actionplan.accounts.models import User
from actionplan.core.generator import generate_plan
from actionplan.core.writing import write_plan
from actionplan.monitoring.evidence import KINDS, NAME_BYTES, evidence_name
from actionplan.monitoring.models import Evidence, ProgressUpdate
from actionplan.monitoring.progress import record_update

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.fixture
def on_disk(settings, tmp_path: Path) -> Path:
    """Evidence stored in a real folder, as deployed, instead of the test suite's in-memory store."""
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}
    }
    return tmp_path


def _post(client, delivery, *files: SimpleUploadedFile):
    client.force_login(User.objects.get(username="owner"))
    data = {"note": "Fitted screens on A wing.", "status": "in_progress", "evidence": list(files)}
    return client.post(f"/actions/{delivery.action.pk}/", data)


def _stored(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def test_a_long_name_in_a_script_of_several_bytes_a_letter_is_cut_by_bytes_keeping_its_extension(
    client, delivery, on_disk
) -> None:
    name = "监狱行动计划证据" * 13 + ".pdf"  # 104 characters, 316 bytes: too long for a file system
    response = _post(client, delivery, SimpleUploadedFile(name, PDF))
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.name.endswith(".pdf")
    assert evidence.name.removesuffix(".pdf") in name
    assert len(evidence.name.encode()) <= NAME_BYTES
    [stored] = _stored(on_disk)
    assert stored.read_bytes() == PDF
    assert len(stored.name.encode()) <= NAME_BYTES
    download = client.get(f"/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    # Nothing else was left in the store: no empty folders of failed attempts.
    assert all(any(folder.iterdir()) for folder in on_disk.rglob("*") if folder.is_dir())


class _DiskFillsUp(FileSystemStorage):
    """A real folder that runs out of space after its first file, as a full disk does."""

    def _save(self, name: str, content) -> str:
        if any(Path(self.location).rglob("*.pdf")):
            raise OSError(28, "No space left on device")
        return super()._save(name, content)


def test_when_a_file_cannot_be_stored_the_files_already_stored_are_removed(delivery, settings, tmp_path) -> None:
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": f"{__name__}._DiskFillsUp", "OPTIONS": {"location": str(tmp_path)}}
    }
    files = [(SimpleUploadedFile(name, PDF), KINDS["pdf"]) for name in ("first.pdf", "second.pdf")]
    owner = User.objects.get(username="owner")
    with pytest.raises(OSError, match="No space left"):
        record_update(
            delivery.action, by=owner, today=delivery.plan.created, note="x", status="in_progress", evidence=files
        )
    assert _stored(tmp_path) == []
    assert not ProgressUpdate.objects.exists()


def test_a_file_gone_from_the_store_is_not_found_rather_than_an_error(client, delivery) -> None:
    assert _post(client, delivery, SimpleUploadedFile("minutes.pdf", PDF)).status_code == 302
    evidence = Evidence.objects.get()
    evidence.file.storage.delete(evidence.file.name)
    assert client.get(f"/evidence/{evidence.pk}/").status_code == 404


def test_evidence_is_always_a_download_the_browser_may_not_second_guess(client, delivery) -> None:
    assert _post(client, delivery, SimpleUploadedFile("minutes.pdf", PDF)).status_code == 302
    download = client.get(f"/evidence/{Evidence.objects.get().pk}/")
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"


def _pdf_with(body: bytes) -> bytes:
    return b"%PDF-1.7\n" + body + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _object_stream(hidden: bytes) -> bytes:
    packed = zlib.compress(hidden)
    return b"5 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length %d>>stream\n%s\nendstream endobj" % (
        len(packed),
        packed,
    )


def _docx_with(part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr(part, b"\xd0\xcf\x11\xe0 an OLE object")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        (
            "script.pdf",
            _pdf_with(b"1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj"),
            "JavaScript",
        ),
        ("launch.pdf", _pdf_with(b"1 0 obj<</OpenAction<</S/Launch/F(cmd.exe)>>>>endobj"), "launch action"),
        ("spelt.pdf", _pdf_with(b"1 0 obj<</OpenAction<</S/Java#53cript/J#53(app.alert(1))>>>>endobj"), "JavaScript"),
        ("attached.pdf", _pdf_with(b"1 0 obj<</Names<</EmbeddedFiles 2 0 R>>>>endobj"), "embedded files"),
        ("packed.pdf", _pdf_with(_object_stream(b"1 0 <</S/JavaScript/JS(app.alert(1))>>")), "JavaScript"),
        ("many.pdf", _pdf_with((b"stream\n" + zlib.compress(b"q") + b"\nendstream\n") * 20_001), "too many to check"),
        ("photo.png", PNG + b"\x00\x00\x00\x20tEXtComment\x00<html><script>alert(1)</script>", "web page code"),
        ("notes.txt", b"Minutes of the meeting.\n<SCRIPT src=//x.example/a.js></SCRIPT>\n", "web page code"),
        ("report.pdf", _pdf_with(b"1 0 obj<<>>endobj\n<!DOCTYPE html><body onload=alert(1)>"), "web page code"),
        ("letter.docx", _docx_with("word/embeddings/oleObject1.bin"), "embedded objects"),
        ("sheet.docx", _docx_with("word/activeX/activeX1.bin"), "embedded objects"),
    ],
)
def test_files_that_could_run_something_are_refused_with_the_reason(client, delivery, name, content, why) -> None:
    response = _post(client, delivery, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert f"{name} cannot be evidence: " in page
    assert why in page
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("format", ["pdf", "docx", "xlsx", "csv"])
def test_documents_as_the_service_writes_them_are_accepted(client, delivery, format) -> None:
    body = write_plan(generate_plan(7, recommendations=4), format)
    assert _post(client, delivery, SimpleUploadedFile(f"plan.{format}", body)).status_code == 302
    assert Evidence.objects.get().size == len(body)


def test_a_name_with_folders_keeps_only_its_own_name() -> None:
    assert evidence_name("..\\..\\windows\\minutes.pdf") == "minutes.pdf"
    assert evidence_name("é" * 300 + ".docx").endswith("é.docx")
    validate_file_name(evidence_name("a/b/" + "x" * 400 + ".pdf"))


def test_a_document_with_a_chart_keeps_the_charts_workbook_and_is_accepted(client, delivery) -> None:
    chart_data = write_plan(generate_plan(7, recommendations=2), "xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", chart_data)
    assert _post(client, delivery, SimpleUploadedFile("report.docx", out.getvalue())).status_code == 302
