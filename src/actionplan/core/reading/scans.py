"""Scanned PDFs (pages as images, no text layer) given one by OCR, where the optional ``ocr`` extra is installed.

OCR needs ocrmypdf (``pip install 'actionplan[ocr]'``) and Tesseract with its English data (Debian:
tesseract-ocr, tesseract-ocr-eng). Without them a scan is refused with a message saying so.
"""

from __future__ import annotations

import importlib.util
import io
import shutil
from typing import Any

from actionplan.core.errors import PlanError

# Said in the plan's notes and in a warning, so that a person checks every field of a plan read from a scan.
OCR_NOTE = "Read by OCR from a scanned PDF: check every field against the original."


def ocr_available() -> bool:
    return importlib.util.find_spec("ocrmypdf") is not None and shutil.which("tesseract") is not None


def with_text_layer(data: bytes, *, name: str) -> bytes:
    """The PDF with the text OCR reads on its pages; PlanError when OCR is not installed or fails."""
    if not ocr_available():
        raise PlanError(
            "the PDF has no text layer (a scanned image); install the OCR extra (ocrmypdf and Tesseract)"
            " to read it, or use the original document",
            source=name,
        )
    # Imported only here: the OCR extra is optional, and the rest of the reader works without it.
    import ocrmypdf

    out = io.BytesIO()
    options: dict[str, Any] = {"output_type": "pdf", "jobs": 1, "progress_bar": False, "optimize": 0}
    try:
        ocrmypdf.ocr(io.BytesIO(data), out, **options)
    except Exception as error:
        # ocrmypdf reports a page it cannot read, a damaged image or a missing language in many ways.
        raise PlanError(f"the scanned PDF could not be read by OCR ({error.__class__.__name__})", source=name) from None
    return out.getvalue()
