"""What reading a file gives: the plan, and warnings that keep every piece of text not understood."""

from __future__ import annotations

from dataclasses import dataclass, field

from actionplan.core.plan import Plan


@dataclass(frozen=True)
class ReadingWarning:
    """Something in the file the reader could not place in the plan, kept so that nothing is silently lost."""

    message: str
    page: int | None = None
    text: str = ""

    def __str__(self) -> str:
        where = f"page {self.page}: " if self.page is not None else ""
        shown = f": {' '.join(self.text.split())}" if self.text else ""
        return f"{where}{self.message}{shown}"


@dataclass
class Reading:
    """A plan as read from a file, with the warnings raised while reading it."""

    plan: Plan
    warnings: list[ReadingWarning] = field(default_factory=list)
