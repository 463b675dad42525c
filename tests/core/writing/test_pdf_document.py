"""The PDF: tagged, titled, landscape pages numbered "Page N of M", no fetching, and read back by the PDF reader."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from actionplan.core.errors import PlanError
from actionplan.core.generator import generate_plan
from actionplan.core.plan import Action, Plan
from actionplan.core.reading import read_plan
from actionplan.core.targets import parse_target
from actionplan.core.writing import layout, pdf_document
from actionplan.core.writing.pdf_document import PackageAssetFetcher, assets_folder, render_pdf
from actionplan.core.writing.web_page import kept_whole, render_html

from .plans import awkward_plan, generated_plans
from .roundtrip import assert_same_plan


@pytest.fixture(scope="module")
def forty() -> bytes:
    return render_pdf(generate_plan(1, recommendations=40))


def test_landscape_pages_numbered_page_n_of_m(forty: bytes) -> None:
    with pdfplumber.open(io.BytesIO(forty)) as pdf:
        count = len(pdf.pages)
        assert 4 <= count <= 12
        for number, page in enumerate(pdf.pages, start=1):
            assert page.width > page.height
            assert f"Page {number} of {count}" in (page.extract_text() or "")
        assert "ACTION PLAN: HMCIP REPORT" in (pdf.pages[0].extract_text() or "")
        # The column headings repeat at the top of every page of the table.
        assert all("1. Rec" in (page.extract_text() or "") for page in pdf.pages[1:])


def test_tagged_with_title_and_language(forty: bytes) -> None:
    with pdfplumber.open(io.BytesIO(forty)) as pdf:
        assert pdf.metadata["Title"] == "Action plan: HMP Ashcombe (HMCIP report)"
        catalog = pdf.doc.catalog
        assert catalog["Lang"] in (b"en-GB", "en-GB")
        mark_info = catalog["MarkInfo"]
        assert (mark_info.resolve() if hasattr(mark_info, "resolve") else mark_info)["Marked"] is True
        assert "StructTreeRoot" in catalog


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_first_page_renders_to_an_image(forty: bytes, tmp_path: Path) -> None:
    source = tmp_path / "plan.pdf"
    source.write_bytes(forty)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(source), str(tmp_path / "page")], check=True
    )
    image = next(tmp_path.glob("page*.png"))
    assert image.stat().st_size > 10_000


def test_text_naming_remote_resources_causes_no_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    original = PackageAssetFetcher.fetch

    def spy(self: PackageAssetFetcher, url: str, headers: Any = None) -> Any:
        asked.append(url)
        return original(self, url, headers)

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the PDF writer tried to open a network connection")

    monkeypatch.setattr(PackageAssetFetcher, "fetch", spy)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    data = render_pdf(awkward_plan())
    assert data.startswith(b"%PDF-")
    assert not [url for url in asked if not url.startswith("file:")]


def test_fetcher_serves_package_assets_and_refuses_everything_else(tmp_path: Path) -> None:
    fetcher = PackageAssetFetcher()
    stylesheet = (assets_folder() / "plan.css").as_uri()
    assert fetcher.fetch(stylesheet).read().startswith(b"/*")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", "utf-8")
    for url in (
        "http://example.invalid/x.png",
        "https://example.invalid/y.css",
        outside.as_uri(),
        (assets_folder() / ".." / "wording.toml").as_uri(),
        "file://remote-host/share/x.png",
        "data:text/plain,hello",
    ):
        with pytest.raises(PlanError, match="refused to fetch"):
            fetcher.fetch(url)


def test_the_writer_gives_weasyprint_the_refusing_fetcher(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    original = pdf_document.HTML

    def recording(**kwargs: Any) -> Any:
        seen.update(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(pdf_document, "HTML", recording)
    render_pdf(awkward_plan())
    assert isinstance(seen["url_fetcher"], PackageAssetFetcher)


def _read_back(plan: Plan, name: str = "plan.pdf") -> Plan:
    reading = read_plan(render_pdf(plan), name=name)
    assert reading.warnings == []
    return reading.plan


@pytest.mark.parametrize("plan", generated_plans(), ids=["recommendations", "flawed", "concerns"])
def test_pdf_round_trip_keeps_the_plan(plan: Plan) -> None:
    assert_same_plan(_read_back(plan), plan)


def test_a_recommendation_longer_than_a_page_survives_pdf() -> None:
    plan = generate_plan(7, recommendations=12)
    long = plan.recommendations[6]
    texts = [f"Step {n} will be taken on every wing and checked at the monthly safety meeting." for n in range(40)]
    long.actions = [Action(text, f"Wing Manager {n}", parse_target("June 2020")) for n, text in enumerate(texts)]
    long.response = "\n\n".join(texts)
    data = render_pdf(plan)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert sum("Wing Manager" in (page.extract_text() or "") for page in pdf.pages) >= 2
    assert_same_plan(_read_back(plan), plan)


def test_the_buckley_hall_plan_survives_pdf(buckley_hall_text: str) -> None:
    plan = read_plan(buckley_hall_text.encode("utf-8"), name="buckley_hall_2019.txt").plan
    assert_same_plan(_read_back(plan, "buckley_hall.pdf"), plan)


def _with_a_long_paragraph() -> Plan:
    plan = generate_plan(8, recommendations=6)
    paragraph = " ".join(["Every wing will hold a weekly meeting on safety and violence reduction."] * 56)
    assert len(paragraph) >= 4000
    # The first recommendation: a section row, which must not be left alone at a page foot, stands above it.
    plan.recommendations[0].response += "\n\n" + paragraph
    return plan


def test_a_paragraph_taller_than_a_page_prints_and_reads_back() -> None:
    plan = _with_a_long_paragraph()
    assert_same_plan(_read_back(plan), plan)


def test_only_what_cannot_fit_on_a_page_may_break_across_pages() -> None:
    plan = _with_a_long_paragraph()
    rows = [row for row in layout.table_rows(plan) if row.recommendation]
    assert [kept_whole(row) for row in rows] == [False, True, True, True, True, True]
    assert render_html(plan).count('app-plan-table__item app-plan-table__runs-on"') == 1
    assert all(kept_whole(row) for plan in generated_plans() for row in layout.table_rows(plan))


@pytest.mark.parametrize(("field", "text"), [("ref", "W" * 168), ("response", "😀" * 1242)])
def test_wide_characters_that_defeat_the_estimate_still_print(field: str, text: str) -> None:
    plan = generate_plan(1, recommendations=3)
    rec = plan.recommendations[0]
    rec.actions, rec.response = [], "Agreed."
    setattr(rec, field, text)
    assert kept_whole(layout.TableRow(recommendation=rec)), "the estimate thinks it fits on a page"
    with pdfplumber.open(io.BytesIO(render_pdf(plan))) as pdf:
        assert len(pdf.pages) > 2
