"""Placeholder."""

from actionplan.core.reading.outcome import Reading


def read(data: bytes, name: str) -> Reading:
    raise NotImplementedError
