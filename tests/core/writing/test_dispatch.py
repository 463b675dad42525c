"""One dispatch for every format: the FORMATS table the web pages use for downloads, and JSON unchanged."""

import pytest

from actionplan.core import canonical
from actionplan.core.errors import PlanError
from actionplan.core.generator import generate_plan
from actionplan.core.writing import FORMATS, write_plan

from .plans import awkward_plan


def test_every_format_writes_something_of_its_kind() -> None:
    plan = awkward_plan()
    starts = {"docx": b"PK", "xlsx": b"PK", "pdf": b"%PDF-", "html": b"<!DOCTYPE html>", "csv": b"\xef\xbb\xbf"}
    for name, output in FORMATS.items():
        assert output.suffix == f".{name}"
        assert output.media_type
        assert write_plan(plan, name).startswith(starts.get(name, b"{"))


def test_json_to_json_is_identical() -> None:
    plan = generate_plan(6, recommendations=40, flawed=True)
    text = write_plan(plan, "json").decode("utf-8")
    assert text == canonical.dumps(plan)
    assert write_plan(canonical.loads(text), "json").decode("utf-8") == text


def test_an_unknown_format_is_a_plan_error() -> None:
    with pytest.raises(PlanError, match="unknown format 'odt'"):
        write_plan(awkward_plan(), "odt")
