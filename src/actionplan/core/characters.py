"""The characters plan text may hold: those XML cannot carry are taken out, so every document format can be written."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar, cast

# Word, Excel and PDF files are XML inside (or built from it): a control character other than tab, line
# feed and carriage return, a lone surrogate or U+FFFE/U+FFFF cannot be written into them at all.
_NOT_XML = re.compile("[\x00-\x08\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word's line break (Shift+Enter) reaches pasted text as a vertical tab: it means a new line.
_LINE_BREAK = "\x0b"

Part = TypeVar("Part")


def clean_text(text: str) -> str:
    """The text with a vertical tab made a line break and every other character XML cannot hold left out."""
    return _NOT_XML.sub("", text.replace(_LINE_BREAK, "\n"))


def map_texts(value: Part, change: Callable[[str], str]) -> Part:
    """A copy of a plan (or any part of one) with ``change`` applied to every piece of its text.

    Dates, numbers and choices (decisions, kinds, statuses) are kept as they are.
    """
    return cast("Part", _map(value, change))


def clean_plan(value: Part) -> Part:
    """A copy of a plan (or any part of one) with every piece of its text cleaned by ``clean_text``."""
    return map_texts(value, clean_text)


def _map(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_map(item, change) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {field.name: _map(getattr(value, field.name), change) for field in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value
