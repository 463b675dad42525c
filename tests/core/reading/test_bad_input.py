"""Files that hold no readable plan give one PlanError line naming the file, and the command exits 2 with it."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from PIL import Image, ImageDraw

from actionplan import cli
from actionplan.core.errors import PlanError
from actionplan.core.reading import read_plan


def _docx_without_table(path: Path) -> Path:
    document = Document()
    document.add_paragraph("Minutes of the quarterly meeting held on 3 March.")
    document.save(str(path))
    return path


def _image_only_pdf(path: Path) -> Path:
    page = Image.new("RGB", (842, 595), "white")
    draw = ImageDraw.Draw(page)
    for top in range(60, 560, 40):
        draw.rectangle((40, top, 800, top + 30), outline="black")
    page.save(path, "PDF")
    return path


def _zip_of(path: Path, name: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(name, "<x/>")
    return path


@pytest.fixture
def bad_files(tmp_path: Path, documents: Path) -> dict[str, tuple[Path, str]]:
    """Each bad file, with words its message must hold."""
    example = (documents / "example.docx").read_bytes()
    files = {
        "empty": (tmp_path / "empty.pdf", "empty"),
        "blank": (tmp_path / "blank.txt", "empty"),
        "corrupt pdf": (tmp_path / "corrupt.pdf", "damaged"),
        "corrupt docx": (tmp_path / "corrupt.docx", "damaged"),
        "random text": (tmp_path / "notes.txt", "no action plan found"),
        "docx without a plan": (_docx_without_table(tmp_path / "minutes.docx"), "no action plan found"),
        "image-only pdf": (_image_only_pdf(tmp_path / "scan.pdf"), "no text"),
        "other zip": (_zip_of(tmp_path / "archive.zip", "readme.txt"), "not a Word document"),
        "binary": (tmp_path / "data.bin", "neither text"),
    }
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage")
    (tmp_path / "corrupt.docx").write_bytes(example[: len(example) // 2])
    (tmp_path / "notes.txt").write_text("Shopping list\n\nbread, milk, eggs\n\nRing the garage on Tuesday.\n")
    (tmp_path / "data.bin").write_bytes(bytes(range(256)) * 4)
    return files


@pytest.mark.parametrize(
    "kind",
    [
        "empty",
        "blank",
        "corrupt pdf",
        "corrupt docx",
        "random text",
        "docx without a plan",
        "image-only pdf",
        "other zip",
        "binary",
    ],
)
def test_bad_file_gives_one_line_naming_it(bad_files: dict[str, tuple[Path, str]], kind: str) -> None:
    path, words = bad_files[kind]
    with pytest.raises(PlanError) as caught:
        read_plan(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert words in message


def test_encrypted_pdf(encrypted_pdf: Path) -> None:
    with pytest.raises(PlanError, match=r"protected by a password"):
        read_plan(encrypted_pdf, name="locked.pdf")


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match=r"^.*nowhere\.pdf: cannot read the file"):
        read_plan(tmp_path / "nowhere.pdf")
    with pytest.raises(PlanError, match=r"unknown format 'odt'"):
        read_plan(b"ESTABLISHMENT: HMP X", format="odt", name="plan.odt")


def test_bytes_are_named_in_messages() -> None:
    with pytest.raises(PlanError, match=r"^upload\.pdf: the file is empty$"):
        read_plan(b"", name="upload.pdf")


def test_command_exits_2_with_one_line(
    bad_files: dict[str, tuple[Path, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = bad_files["corrupt pdf"]
    assert cli.main(["parse", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"actionplan parse: {path}: ")


def test_installed_command_exits_2_without_a_traceback(bad_files: dict[str, tuple[Path, str]]) -> None:
    path, _ = bad_files["image-only pdf"]
    command = Path(sys.executable).parent / "actionplan"
    done = subprocess.run([str(command), "parse", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_in_memory_garbage_that_looks_like_a_pdf() -> None:
    data = b"%PDF-1.4\n" + io.BytesIO(bytes(range(200))).read()
    with pytest.raises(PlanError, match=r"^garbage\.pdf: "):
        read_plan(data, name="garbage.pdf")
