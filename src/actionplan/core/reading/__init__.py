"""Reading action plans from PDF, Word, text and canonical JSON files into the plan model."""

from actionplan.core.reading.formats import READERS, read_plan, recognise
from actionplan.core.reading.outcome import Reading, ReadingWarning

__all__ = ["READERS", "Reading", "ReadingWarning", "read_plan", "recognise"]
