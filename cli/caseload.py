"""Stream a caseload: read, evaluate and write slice by slice, so memory stays flat.

The three steps are plain iterators, reusable by any command that goes through many households:

- :func:`~rights_engine.cli.inputs.read_households` reads the files lazily, one household at a
  time, and yields each good one (:class:`Household`) or the located messages of a bad one
  (:class:`Rejected`);
- :func:`evaluate_households` gathers the good ones into slices (a small first slice, so that
  the first report comes at once, then :data:`SIMULATION_SIZE`), evaluates each slice in one
  vectorised simulation and yields each report (:class:`Evaluated`) in input order; a household
  whose evaluation fails becomes :class:`Rejected`, and the others of its slice are still
  evaluated;
- :class:`ReportWriter` writes each report to standard output as soon as it comes;
- :func:`~rights_engine.cli.screening.screen_households` does what ``evaluate_households`` does
  without the reports' text, for ``rights-engine batch`` (a module of its own: ``simulate`` does
  not load the column-wise screening).

Rejected households pass through in their place, so a caller can print them, count them or
write them to a file of refusals.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO, TypeVar

import click

from rights_engine.collector import collector_paused
from rights_engine.engine.evaluate import SIMULATION_SIZE, PeriodOutOfRange, evaluate_many
from rights_engine.report import Report
from rights_engine.situation.models import Situation

from .errors import internal_error
from .inputs import Household, Rejected

if TYPE_CHECKING:
    from rich.console import Console

    from rights_engine.engine.directory import PartnersDirectory

__all__ = [
    "FIRST_SLICE",
    "NOT_A_NUMBER",
    "SIMULATION_SIZE",
    "Evaluated",
    "ReportWriter",
    "by_slices",
    "evaluate_households",
    "internal_error",
    "rejected",
]

FIRST_SLICE = 200
"""Households of the first slice: small, so that the first reports come within a second."""


@dataclass(frozen=True)
class Evaluated:
    """A household and its report."""

    household: Household
    report: Report


def _finite(report: Report) -> bool:
    """Whether every figure of the report is a number (never NaN nor infinite)."""
    amounts = [f.estimated_amount for f in report.findings if f.estimated_amount is not None]
    figures = [a.minimum for a in amounts] + [a.maximum for a in amounts]
    figures += [q.at_stake for q in report.questions]
    return all(math.isfinite(x) for x in figures)


def rejected(household: Household, messages: list[str]) -> Rejected:
    """The household refused, with its located messages."""
    line = household.line if household.batch else None
    return Rejected(messages, household.file, line, household.situation.id)


NOT_A_NUMBER = (
    "a figure of the report could not be computed (not a number); no report is written for this "
    "household"
)


def _checked(household: Household, report: Report) -> Evaluated | Rejected:
    if not _finite(report):
        return rejected(household, [f"{household.where}: {NOT_A_NUMBER}"])
    if household.batch:
        report = report.model_copy(update={"input_line": household.line})
    return Evaluated(household, report)


R = TypeVar("R")
"""What one household gives: its report (or, for ``batch``, its screening)."""
Kept = TypeVar("Kept")
"""What is yielded for it: :class:`Evaluated` (or a screening), or :class:`Rejected`."""


def by_slices(
    items: Iterable[Household | Rejected],
    compute: Callable[[list[Situation]], list[R]],
    keep: Callable[[Household, R], Kept],
    debug: bool,
    debug_variable: str,
    first_slice: int | None,
) -> Iterator[Kept | Rejected]:
    """``compute`` over slices of the households, in input order; rejected ones pass through
    as soon as they are read (their messages go to stderr at once)."""
    pending: list[Household] = []
    size = min(first_slice or FIRST_SLICE, SIMULATION_SIZE)
    for item in items:
        if isinstance(item, Rejected):
            yield item
            continue
        pending.append(item)
        if len(pending) >= size:
            yield from _one_slice(pending, compute, keep, debug, debug_variable)
            pending, size = [], SIMULATION_SIZE
    if pending:
        yield from _one_slice(pending, compute, keep, debug, debug_variable)


def _one_slice(
    households: list[Household],
    compute: Callable[[list[Situation]], list[R]],
    keep: Callable[[Household, R], Kept],
    debug: bool,
    debug_variable: str,
) -> Iterator[Kept | Rejected]:
    """One vectorised simulation for the slice; should it fail unexpectedly, the households are
    computed one by one to find the one that fails, so that the others still get theirs.

    The cyclic collector is paused while the slice is computed (as ``evaluate_many`` does when
    no other thread runs): the command line owns its other thread, which redraws its progress
    bar on a terminal."""
    try:
        with collector_paused(threads_owned=True):
            results = compute([h.situation for h in households])
    except PeriodOutOfRange as exc:  # checked household by household beforehand; a guard
        for household in households:
            yield rejected(household, [f"{household.where}: {exc}"])
        return
    except Exception:
        if debug:
            raise
    else:
        for household, result in zip(households, results, strict=True):
            yield keep(household, result)
        return
    for household in households:
        try:
            with collector_paused(threads_owned=True):
                [result] = compute([household.situation])
        except Exception as exc:
            if debug:
                raise
            doing = "evaluating this household"
            message = internal_error(household.where, doing, exc, debug_variable)
            yield rejected(household, [message])
            continue
        yield keep(household, result)


def evaluate_households(
    items: Iterable[Household | Rejected],
    period: str | None,
    directory: PartnersDirectory | None,
    debug: bool = False,
    debug_variable: str = "RIGHTS_ENGINE_DEBUG",
    first_slice: int | None = None,
) -> Iterator[Evaluated | Rejected]:
    """Each household's report, slice by slice, in input order; rejected ones pass through.

    A rejected household is yielded as soon as it is read (its messages go to stderr at once),
    the reports of a slice once the slice is evaluated. ``debug`` lets unexpected errors raise.
    ``first_slice``: households of the first simulation (default :data:`FIRST_SLICE`).
    """

    def reports(situations: list[Situation]) -> list[Report]:
        return evaluate_many(situations, period, partners=directory)

    return by_slices(items, reports, _checked, debug, debug_variable, first_slice)


def _source(household: Household) -> str:
    """Where a report comes from, in the French of the report."""
    return f"{household.file}, ligne {household.line}" if household.batch else household.file


class ReportWriter:
    """Writes reports to ``out`` as they come: text, JSON or Markdown.

    With one situation file, JSON is the indented report; otherwise one compact report per
    line (JSON Lines). A closed output (``| head``) raises :class:`BrokenPipeError` to the
    caller, which ends the run. Each format's renderer is imported when first used: JSON needs
    none of them, nor rich (a faster start).
    """

    def __init__(
        self, output_format: str, files: int, out: TextIO | None = None, short: bool = False
    ) -> None:
        self.output_format = output_format
        self.files = files
        self.out = out
        self.short = short
        self.written = 0
        self._console: Console | None = None
        self._sheets: list[Report] = []

    def _single(self, household: Household) -> bool:
        return self.files == 1 and not household.batch

    def write(self, household: Household, report: Report) -> None:
        first = self.written == 0
        if self.output_format == "html":
            # One self-contained page holds every sheet: written whole by close().
            self._sheets.append(report)
        elif self.output_format == "json":
            single = self._single(household)
            text = report.to_json() if single else report.model_dump_json() + "\n"
            click.echo(text, nl=False, file=self.out)
        elif self.output_format == "markdown":
            from .render_markdown import markdown_report

            separator = "" if first else "\n"
            click.echo(
                separator + markdown_report(report, _source(household)), nl=False, file=self.out
            )
        else:
            from .render_compare import what_if_lines
            from .render_text import print_report

            console = self._text_console()
            if not first:
                console.print()
            print_report(console, report, _source(household), short=self.short)
            if not self.short:
                for line in what_if_lines(report):
                    console.print(line)
        self.written += 1

    def close(self) -> None:
        """Write what waits for the last report (the HTML page of the sheets)."""
        if self.output_format == "html" and self._sheets:
            from .render_html import html_document

            click.echo(html_document(self._sheets), nl=False, file=self.out)

    def _text_console(self) -> Console:
        if self._console is None:
            from .render_text import report_console

            self._console = report_console(self.out)
        return self._console
