"""Field accuracy per published layout and channel, over several corpus seeds, and reading time against pdfplumber."""

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
# The tests' corpus is seed 5; other seeds give other plans, page breaks and poppler orders.
SEEDS = range(1, 9)
TEST_SEED = 5


def _share(expected: Plan, path: Path) -> float | None:
    """The share of fields read right; None when the reader refused the file."""
    try:
        found = read_plan(path).plan
    except PlanError:
        return None
    return corpus.field_accuracy(expected, found).share


def _cell(shares: list[float | None]) -> str:
    read = [share for share in shares if share is not None]
    refused = len(shares) - len(read)
    if not read:
        return "refused"
    text = f"{min(read):6.1%} / {statistics.mean(read):6.1%}"
    return f"{text} ({refused} refused)" if refused else text


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
    built = {}
    for seed in SEEDS:
        folder = CACHE / f"seed-{seed}"
        folder.mkdir(parents=True)
        built[seed] = corpus.build(folder, seed=seed)
    shares = {
        (layout, channel): {
            seed: _share(plans.plans[layout], plans.path(layout, channel)) for seed, plans in built.items()
        }
        for layout in corpus.LAYOUTS
        for channel in corpus.CHANNELS
    }
    print(f"field accuracy, seed {TEST_SEED} (the tests' corpus)")
    print(f"{'layout':10} " + " ".join(f"{channel:>8}" for channel in corpus.CHANNELS))
    for layout in corpus.LAYOUTS:
        cells = [_cell([shares[layout, channel][TEST_SEED]]) for channel in corpus.CHANNELS]
        print(f"{layout:10} " + " ".join(f"{cell.split(' / ')[0]:>8}" for cell in cells))
    print(f"field accuracy over seeds {SEEDS.start}-{SEEDS.stop - 1}, min / mean")
    print(f"{'layout':10} " + " ".join(f"{channel:>17}" for channel in corpus.CHANNELS))
    for layout in corpus.LAYOUTS:
        cells = [_cell(list(shares[layout, channel].values())) for channel in corpus.CHANNELS]
        print(f"{layout:10} " + " ".join(f"{cell:>17}" for cell in cells))
    print("floors: " + ", ".join(f"{channel} {floor:.1%}" for channel, floor in corpus.FLOORS.items()))
    for (layout, channel), by_seed in shares.items():
        under = [str(seed) for seed, share in by_seed.items() if share is not None and share < corpus.FLOORS[channel]]
        if under:
            print(f"  {layout} {channel} under its floor on seeds {', '.join(under)}")
    plans = built[TEST_SEED]
    if ocr_available():
        official = plans.path("official", "pdf")
        scanned = corpus.scan(official, plans.folder)
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
