"""Plan documents built once per test session: Word files, and PDFs made from them by LibreOffice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actionplan.core.plan import Action, Decision, Plan, Recommendation
from actionplan.core.targets import parse_target
from tests.core.reading.plan_documents import example_plan, plan_docx, to_pdf

ENCRYPTED = (
    '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}'
)


def beside_plan() -> Plan:
    """A row of three paragraphs with owners beside the first and the third only."""
    plan = example_plan()
    paragraphs = ["Staff will be trained.", "Training is funded by the region.", "Checks will be made monthly."]
    plan.recommendations = [
        Recommendation(
            ref="1.1",
            section="General recommendations",
            directed_to="The Governor",
            recommendation="Staff should be trained.",
            decision=Decision.AGREED,
            response="\n\n".join(paragraphs),
            actions=[
                Action(paragraphs[0], "Head of Learning", parse_target("June 2020")),
                Action(paragraphs[2], "Governor", parse_target("Q3 2020")),
            ],
        )
    ]
    plan.stated_summary = plan.counted_summary()
    return plan


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    plan_docx(example_plan(), folder / "example.docx")
    plan_docx(example_plan(), folder / "unrepeated.docx", repeat_header=False)
    plan_docx(example_plan(), folder / "introduction.docx", table=False, introduction=True)
    plan_docx(beside_plan(), folder / "beside.docx")
    return folder


def _soffice() -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: PDFs cannot be made from the Word files")


@pytest.fixture(scope="session")
def pdfs(documents: Path) -> Path:
    _soffice()
    folder = documents / "pdf"
    folder.mkdir()
    for name in ("example", "unrepeated", "introduction", "beside"):
        to_pdf(documents / f"{name}.docx", folder)
    return folder


@pytest.fixture(scope="session")
def encrypted_pdf(documents: Path) -> Path:
    _soffice()
    folder = documents / "encrypted"
    folder.mkdir()
    return to_pdf(documents / "example.docx", folder, options=ENCRYPTED)
