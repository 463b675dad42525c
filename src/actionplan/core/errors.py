"""The one error type the core raises for input it cannot use."""


class PlanError(Exception):
    """A file or document could not be turned into a plan, or a plan could not be written.

    ``source`` names the file (or other input) and ``where`` the place inside it
    (a page, a row, a JSON path) when one is known. ``str(error)`` is one line
    meant for the person who supplied the input.
    """

    def __init__(self, message: str, *, source: str | None = None, where: str | None = None) -> None:
        self.message = message
        self.source = source
        self.where = where
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = [p for p in (self.source, self.where) if p]
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message
