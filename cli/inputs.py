"""Read the households named on the command line, reporting each bad one on one line.

Messages only hold file names, line numbers, field paths and what was expected (the located
messages of :mod:`rights_engine.situation.loader`), never a value from a situation beyond that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rights_engine.engine.catalogue import programmes, today_month
from rights_engine.situation.errors import InputProblem, SituationError
from rights_engine.situation.loader import iter_situations
from rights_engine.situation.models import Situation

__all__ = ["Household", "households_of", "is_batch", "month_of", "out_of_range", "read_households"]

Report = Callable[[str], None]
"""Where a one-line problem goes (stderr, or above a progress bar)."""


@dataclass(frozen=True)
class Household:
    """One good situation and where it was read."""

    file: str
    line: int
    batch: bool
    situation: Situation

    @property
    def where(self) -> str:
        """``file`` for a situation file, ``file:line`` for a line of a JSON Lines batch."""
        return f"{self.file}:{self.line}" if self.batch else self.file


def is_batch(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".jsonl"


def month_of(situation: Situation, period: str | None) -> str:
    """The month evaluate_many will use: ``--period``, else the situation's, else this month."""
    return period or situation.period or today_month()


def out_of_range(month: str) -> str | None:
    """Why no programme can be evaluated for ``month``, or None when at least one covers it."""
    known = programmes()
    if any(programme.covers(month) for programme in known):
        return None
    first = min(p.validated_from for p in known)
    last = max(p.validated_to for p in known)
    return (
        f"{month} is outside the validated range of every programme "
        f"(legislation validated from {first} to {last}; see `rights-engine rules`)"
    )


def _read(path: str) -> Iterator[tuple[int, Situation | SituationError]]:
    found = False
    for line, item in iter_situations(path):
        found = True
        yield line, item
    if not found:  # only a .jsonl batch can yield nothing: blank lines only
        message = "the file is empty; expected one situation per line"
        yield 1, SituationError([InputProblem(path, 1, None, message)])


def households_of(path: str, period: str | None) -> Iterator[Household | list[str]]:
    """Each household of a file: a good one, or the one-line messages of a bad one.

    A household whose month is outside every programme's validated range is bad (it is checked
    here, one household at a time, so that such a household does not stop a whole batch).
    """
    batch = is_batch(path)
    for line, item in _read(path):
        if isinstance(item, SituationError):
            yield [str(one) for one in item.problems]
            continue
        household = Household(path, line, batch, item)
        why = out_of_range(month_of(item, period))
        if why is not None:
            yield [f"{household.where} {'--period' if period else 'period'}: {why}"]
            continue
        yield household


def read_households(
    paths: list[str],
    period: str | None,
    problem: Report,
    progress: Callable[[], None] = lambda: None,
) -> tuple[list[Household], bool]:
    """The good households of every file, in order, and whether every one was good.

    Each bad household prints its located problems through ``problem``; the others are still read.
    """
    households: list[Household] = []
    all_good = True
    for path in paths:
        for item in households_of(path, period):
            progress()
            if isinstance(item, Household):
                households.append(item)
                continue
            all_good = False
            for message in item:
                problem(message)
    return households, all_good
