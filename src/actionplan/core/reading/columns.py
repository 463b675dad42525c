"""Read column-aligned text (``pdftotext -layout``, tab-separated cells) by cutting its lines into cells."""

from __future__ import annotations

from actionplan.core.reading.outcome import Reading


def is_column_aligned(text: str) -> bool:
    return False


def read_columns(text: str, *, name: str) -> Reading:
    raise NotImplementedError
