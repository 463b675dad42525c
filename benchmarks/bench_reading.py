"""Reading PDF plans: pages per second, time against pdfplumber's own extract_tables, and peak memory."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pdfplumber
from tests.core.reading.plan_documents import plan_docx, soffice, to_pdf

from actionplan.core import canonical
from actionplan.core.generator import generate_plan
from actionplan.core.plan import Plan
from actionplan.core.reading import read_plan

CACHE = Path(tempfile.gettempdir()) / "actionplan-bench-reading"
# Recommendations per plan giving about 20 and at least 100 pages in the test documents' layout. Refs
# run up to 99.x (two-digit chapters), so the long plan gets its length from its paragraphs, not more rows.
SIZES = {"about 20 pages": 110, "at least 100 pages": 640}
# Each action says how its progress is followed, as published plans often do, which lengthens each row.
FOLLOW_UP = " Progress will be checked at the monthly performance meeting and reported to the Governor."
RATIO_TARGET = 1.3
MEMORY_TARGET_MB = 300
REPEATS = 3

# Run in a fresh interpreter. tracemalloc counts what Python allocates; ru_maxrss the whole process,
# which on Linux can carry over the parent's high-water mark through fork, so it is measured before any timing.
_MEASURE_MEMORY = """
import resource, sys, tracemalloc
from actionplan.core.reading import read_plan
tracemalloc.start()
read_plan(sys.argv[1])
print(tracemalloc.get_traced_memory()[1], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _plan(recommendations: int) -> Plan:
    plan = generate_plan(recommendations, recommendations=recommendations)
    for rec in plan.recommendations:
        rec.actions = [replace(action, text=action.text + FOLLOW_UP) for action in rec.actions]
        # One paragraph per action, with its owner and target beside it, as published plans lay them out.
        if rec.actions:
            rec.response = "\n\n".join(action.text for action in rec.actions)
    return plan


def _pdf(recommendations: int) -> Path:
    """A generated plan as a PDF, made once and kept in the temporary folder under a name drawn from its content."""
    plan = _plan(recommendations)
    digest = hashlib.sha256(json.dumps(canonical.plan_to_dict(plan), sort_keys=True).encode()).hexdigest()[:12]
    CACHE.mkdir(exist_ok=True)
    pdf = CACHE / f"plan-{recommendations}-{digest}.pdf"
    if pdf.exists():
        return pdf
    return to_pdf(plan_docx(plan, CACHE / f"{pdf.stem}.docx"), CACHE)


def _best(run: object) -> float:
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


def _pdfplumber_tables(pdf: Path) -> None:
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            page.extract_tables()


def _peak_mb(pdf: Path) -> tuple[float, float]:
    """The peak memory of reading ``pdf`` in a fresh interpreter: Python's allocations, and the process's."""
    done = subprocess.run([sys.executable, "-c", _MEASURE_MEMORY, str(pdf)], capture_output=True, text=True, check=True)
    traced, resident = done.stdout.split()
    return int(traced) / 2**20, int(resident) / 1024


def main() -> None:
    if soffice() is None:
        print("LibreOffice (soffice) is not installed: the PDFs cannot be made, nothing measured")
        return
    pdfs = {label: _pdf(recommendations) for label, recommendations in SIZES.items()}
    peaks = {label: _peak_mb(pdf) for label, pdf in pdfs.items()}
    for label, recommendations in SIZES.items():
        pdf = pdfs[label]
        traced, resident = peaks[label]
        with pdfplumber.open(pdf) as document:
            pages = len(document.pages)
        # A reading that lost rows would also be a faster one: the figures only count when every row is read.
        read = len(read_plan(pdf).plan.recommendations)
        if read != recommendations:
            print(f"{label}: {read} of {recommendations} recommendations read, so the timing would mislead")
            continue
        ours = _best(lambda pdf=pdf: read_plan(pdf))
        theirs = _best(lambda pdf=pdf: _pdfplumber_tables(pdf))
        ratio = ours / theirs
        print(
            f"{label} ({pages} pages, {recommendations} recommendations): {pages / ours:.1f} pages/s; "
            f"{ours:.2f}s against pdfplumber extract_tables {theirs:.2f}s, ratio {ratio:.2f} "
            f"(target <= {RATIO_TARGET}{'' if ratio <= RATIO_TARGET else ', MISSED'}); "
            f"peak memory {resident:.0f} MB resident, {traced:.0f} MB allocated by Python "
            f"(target <= {MEMORY_TARGET_MB}{'' if resident <= MEMORY_TARGET_MB else ', MISSED'})"
        )
