"""Read the households named on the command line, lazily, reporting each bad one on one line.

Messages only hold file names, line numbers, field paths and what was expected (the located
messages of :mod:`rights_engine.situation.loader`), never a value from a situation. Control
characters in them (a file name with a terminal escape code) are shown escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import click

from rights_engine.engine.catalogue import programmes, today_month
from rights_engine.situation.errors import InputError, SituationError
from rights_engine.situation.loader import (
    RawLine,
    ReadSituation,
    display_name,
    id_used_twice,
    is_batch_name,
    iter_raw_records,
    iter_records,
    read_line,
)
from rights_engine.situation.models import Month, Situation, date_problems

__all__ = [
    "Household",
    "Rejected",
    "household_of",
    "household_of_line",
    "households_of",
    "is_batch",
    "month_of",
    "out_of_range",
    "period_option",
    "printable",
    "raw_households",
    "read_households",
]


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


@dataclass(frozen=True)
class Rejected:
    """A household that cannot be evaluated: its located one-line messages, and where it was
    read (file, line, and its id when the situation could be read) when that is known. ``line``
    is a line of a JSON Lines batch: None for a situation file (as for a :class:`Household`
    whose ``batch`` is false), whose messages locate each problem in the file."""

    messages: list[str]
    file: str | None = None
    line: int | None = None
    id: str | None = None

    def __iter__(self) -> Iterator[str]:
        """The messages (``for message in rejected``)."""
        return iter(self.messages)


def printable(text: str) -> str:
    """``text`` with control characters (terminal escape codes…) shown as ``\\x1b``."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def is_batch(path: str | Path) -> bool:
    return is_batch_name(path)


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


def households_of(path: str, period: str | None) -> Iterator[Household | Rejected]:
    """Each household of a file, read lazily: a good one, or the messages of a bad one.

    A household whose month is outside every programme's validated range is bad (it is checked
    here, one household at a time, so that such a household does not stop a whole batch); so
    is one whose dates cannot be true in the month given by ``--period``.
    """
    name = display_name(path)
    for read in iter_records(path):
        yield household_of(name, read, period)


def household_of(name: str, read: ReadSituation, period: str | None) -> Household | Rejected:
    """The household of a situation read from the file ``name`` (see :func:`households_of`)."""
    line = read.line if read.batch else None
    if isinstance(read.item, SituationError):
        return Rejected([printable(str(one)) for one in read.item.problems], name, line)
    household = Household(name, read.line, read.batch, read.item)
    why = out_of_range(month_of(read.item, period))
    if why is not None:
        if period:
            where = f"{household.where} --period"
        elif read.period_line is not None and not read.batch:
            where = f"{household.where}:{read.period_line} period"
        else:
            where = f"{household.where} period"
        return Rejected([printable(f"{where}: {why}")], name, line, read.item.id)
    if period and period != read.item.period:
        problems = date_problems(read.item, Month(period))
        if problems:
            return Rejected(
                [printable(f"{household.where} {p} (--period {period})") for p in problems],
                name,
                line,
                read.item.id,
            )
    return household


def read_households(paths: Iterable[str], period: str | None) -> Iterator[Household | Rejected]:
    """Every household of every file, in order, one at a time (nothing is read ahead)."""
    for path in paths:
        yield from households_of(path, period)


def raw_households(
    paths: Iterable[str], period: str | None
) -> Iterator[RawLine | Household | Rejected]:
    """As :func:`read_households`, but each household of a JSON Lines batch is its raw line,
    neither parsed nor checked (:func:`household_of_line` does it, where the line is evaluated);
    the check of ids across lines is the caller's (``first`` of :func:`household_of_line`)."""
    for path in paths:
        name = display_name(path)
        for item in iter_raw_records(path):
            yield item if isinstance(item, RawLine) else household_of(name, item, period)


def household_of_line(
    raw: RawLine, period: str | None, first: int | None = None
) -> tuple[Household | Rejected, str | None]:
    """The household of a raw line of a batch, and the id of its situation when it has one and
    was read (the ids a later line cannot take). ``first``: the line of the earlier situation
    that has the same id, which refuses this one (then no id is returned)."""
    read = read_line(raw)
    if isinstance(read.item, SituationError) or read.item.id is None:
        return household_of(raw.name, read, period), None
    if first is not None:
        return household_of(raw.name, id_used_twice(raw, first), period), None
    return household_of(raw.name, read, period), read.item.id


def period_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The ``--period`` check of every command: a month YYYY-MM that a programme covers."""
    if value is None:
        return None
    try:
        month = Month.parse(value)
    except InputError:
        raise click.BadParameter(
            f"expected a month YYYY-MM (e.g. 2026-11), got {printable(repr(value))}"
        ) from None
    why = out_of_range(str(month))
    if why is not None:
        raise click.BadParameter(why)
    return str(month)
