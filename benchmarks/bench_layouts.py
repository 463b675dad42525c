"""Field accuracy per published layout and channel, and reading time against pdfplumber's extract_tables."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pdfplumber
from tests.core.reading import corpus

from actionplan.core.errors import PlanError
from actionplan.core.plan import Plan
from actionplan.core.reading import read_plan
from actionplan.core.reading.scans import ocr_available

CACHE = Path(tempfile.gettempdir()) / "actionplan-bench-layouts"
PAIRS = 7


def _accuracy(expected: Plan, path: Path) -> str:
    try:
        found = read_plan(path).plan
    except PlanError as error:
        return f"refused ({error})"
    accuracy = corpus.field_accuracy(expected, found)
    return f"{accuracy.share:6.1%} ({accuracy.right}/{accuracy.total})"


def _pdfplumber_tables(pdf: Path) -> None:
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            page.extract_tables()


def _paired(pdf: Path) -> tuple[float, float]:
    """Median times of reading the plan and of pdfplumber's extract_tables, run in turn so both see the same machine."""
    ours, theirs = [], []
    for _ in range(PAIRS):
        start = time.perf_counter()
        read_plan(pdf)
        middle = time.perf_counter()
        _pdfplumber_tables(pdf)
        ours.append(middle - start)
        theirs.append(time.perf_counter() - middle)
    return statistics.median(ours), statistics.median(theirs)


def main() -> None:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        print("LibreOffice and poppler-utils are needed to make the corpus: nothing measured")
        return
    shutil.rmtree(CACHE, ignore_errors=True)
    CACHE.mkdir()
    plans = corpus.build(CACHE)
    print(f"{'layout':10} " + " ".join(f"{channel:>18}" for channel in corpus.CHANNELS))
    for layout, plan in plans.plans.items():
        cells = [_accuracy(plan, plans.path(layout, channel)) for channel in corpus.CHANNELS]
        print(f"{layout:10} " + " ".join(f"{cell:>18}" for cell in cells))
    print("floors: " + ", ".join(f"{channel} {floor:.1%}" for channel, floor in corpus.FLOORS.items()))
    if ocr_available():
        official = plans.path("official", "pdf")
        scanned = corpus.scan(official, CACHE)
        start = time.perf_counter()
        shown = corpus.on_first_pages(plans.plans["official"], official)
        try:
            found = read_plan(scanned).plan
        except PlanError as error:
            print(f"scan of 2 pages: refused ({error})")
        else:
            # The note saying the plan came through OCR is the reader's, not the plan's.
            found.notes = found.notes[:-1]
            accuracy = corpus.field_accuracy(shown, found)
            print(
                f"scan of 2 pages through OCR: {accuracy.share:.1%} ({accuracy.right}/{accuracy.total}), "
                f"{time.perf_counter() - start:.1f}s"
            )
    else:
        print("scan: the OCR extra is not installed, not measured")
    for layout in corpus.LAYOUTS:
        ours, theirs = _paired(plans.path(layout, "pdf"))
        verdict = "" if ours <= theirs else ", MISSED"
        print(
            f"{layout} PDF: reading {ours * 1000:.0f} ms against pdfplumber extract_tables {theirs * 1000:.0f} ms "
            f"(median of {PAIRS} paired runs, ratio {ours / theirs:.2f}, target <= 1{verdict})"
        )
