"""Whatever the bytes, every reader either reads a plan or raises PlanError: nothing else escapes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplan.core.errors import PlanError
from actionplan.core.reading import READERS, Reading, read_plan

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_plan_errors(data: bytes, format: str = "auto") -> None:
    try:
        reading = read_plan(data, format=format, name="fuzzed")
    except PlanError as error:
        message = str(error)
    else:
        assert isinstance(reading, Reading)
        return
    assert "\n" not in message
    assert message.startswith("fuzzed: ")


def _mutated(data: bytes, edits: list[tuple[int, int]], cut: int) -> bytes:
    changed = bytearray(data)
    for position, value in edits:
        changed[position % len(changed)] = value
    return bytes(changed[: max(1, len(changed) - cut)])


EDITS = st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=12)


@FAST
@given(data=st.binary(max_size=2000), format=st.sampled_from(["auto", *READERS]))
def test_random_bytes(data: bytes, format: str) -> None:
    _only_plan_errors(data, format)


@FAST
@given(start=st.integers(0, 20000), length=st.integers(0, 8000), junk=st.text(max_size=200))
def test_cut_and_spliced_sample_text(buckley_hall_text: str, start: int, length: int, junk: str) -> None:
    piece = buckley_hall_text[start : start + length]
    middle = len(piece) // 2
    _only_plan_errors((piece[:middle] + junk + piece[middle:]).encode("utf-8"), "text")


@FAST
@given(
    lines=st.lists(
        st.sampled_from(
            [
                "S1 Concern: x",
                "Agreed",
                "Partly",
                "agreed",
                "Governor",
                "March 2020",
                "Directed to: The Governor",
                "General recommendations",
                "",
                " ",
                "\f",
                "Total 3",
                "1.2 Staff should.",
                "Not",
                "Completed",
                "x" * 90,
            ]
        ),
        max_size=60,
    )
)
def test_shuffled_plan_lines(lines: list[str]) -> None:
    _only_plan_errors("\n".join(lines).encode(), "text")


@FAST
@given(edits=EDITS, cut=st.integers(0, 3000))
def test_mutated_word_files(documents: Path, edits: list[tuple[int, int]], cut: int) -> None:
    _only_plan_errors(_mutated((documents / "example.docx").read_bytes(), edits, cut))


@FAST
@given(body=st.text(max_size=300))
def test_word_files_with_broken_document_xml(body: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body)
    _only_plan_errors(buffer.getvalue(), "docx")


@SLOW
@given(edits=EDITS, cut=st.integers(0, 20000))
def test_mutated_pdf_files(pdfs: Path, edits: list[tuple[int, int]], cut: int) -> None:
    _only_plan_errors(_mutated((pdfs / "example.pdf").read_bytes(), edits, cut))


@pytest.mark.parametrize("format", sorted(READERS))
def test_every_reader_refuses_empty_input(format: str) -> None:
    with pytest.raises(PlanError):
        read_plan(b"", format=format, name="fuzzed")
