"""The introduction and categorisation table printed before a plan: ours by default, or an organisation's own."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from actionplan.core.errors import PlanError


@dataclass(frozen=True)
class Definition:
    """One row of the categorisation table: a decision, what it means, what the response must give."""

    term: str
    meaning: str
    response: str


@dataclass(frozen=True)
class Wording:
    heading: str
    introduction: tuple[str, ...]
    definitions: tuple[Definition, ...]


def _string(data: dict[str, Any], key: str, source: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PlanError(f'"{key}" must be some text', source=source, where=where)
    return value.strip()


def parse_wording(text: str, *, source: str = "wording") -> Wording:
    """Read wording from TOML text: ``heading``, ``introduction`` (a list of paragraphs) and ``[[definitions]]``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlanError(f"not valid TOML ({error})", source=source) from None
    paragraphs = data.get("introduction")
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
        raise PlanError('"introduction" must be a list of paragraphs', source=source)
    rows = data.get("definitions")
    if not isinstance(rows, list) or not rows:
        raise PlanError('"definitions" must hold at least one [[definitions]] table', source=source)
    definitions = []
    for number, row in enumerate(rows, start=1):
        where = f"definition {number}"
        if not isinstance(row, dict):
            raise PlanError("must be a table with term, meaning and response", source=source, where=where)
        definitions.append(
            Definition(
                term=_string(row, "term", source, where),
                meaning=_string(row, "meaning", source, where),
                response=_string(row, "response", source, where),
            )
        )
    return Wording(
        heading=_string(data, "heading", source, "(top level)") if "heading" in data else "Introduction",
        introduction=tuple(p.strip() for p in paragraphs if p.strip()),
        definitions=tuple(definitions),
    )


@cache
def default_wording() -> Wording:
    text = resources.files("actionplan.core.writing").joinpath("wording.toml").read_text("utf-8")
    return parse_wording(text, source="wording.toml")


def load_wording(path: Path) -> Wording:
    """An organisation's own wording, from a TOML file shaped like the package's ``wording.toml``."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError(f"cannot read the wording file ({error.__class__.__name__})", source=str(path)) from None
    return parse_wording(text, source=str(path))
