"""Located input errors: the file, the line, the field and what was expected."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["InputError", "InputProblem", "PeriodError", "SituationError"]


@dataclass(frozen=True)
class InputProblem:
    """One problem in an input file, e.g. ``x.yaml:12 people[1].birth_date: expected …``."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where} {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class InputError(ValueError):
    """Raised when a file cannot be read as what it should hold; holds every problem found."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class SituationError(InputError):
    """Raised when an input cannot be read as a valid situation; holds every problem found."""


class PeriodError(InputError):
    """Raised when a period given to the engine (``period="…"``) is not a month ``YYYY-MM``."""
