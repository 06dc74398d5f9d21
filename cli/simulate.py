"""``rights-engine simulate``: evaluate situations and print their reports as they come."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from .caseload import ReportWriter, evaluate_households
from .errors import DEBUG_VARIABLE, debugging, internal_error
from .feedback import print_problem, stderr_progress
from .inputs import Rejected, is_batch, period_option, read_households
from .partners import partners_option, read_directory

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

__all__ = ["PIPE_CLOSED_STATUS", "simulate"]

PIPE_CLOSED_STATUS = 141
"""Exit status when the reader of the output went away (``| head``): 128 + SIGPIPE, as the
shell reports a program ended by a closed pipe."""


def _stderr(line: str) -> None:
    click.echo(line, err=True)


def _output_closed() -> None:
    """The reader of stdout went away: send what is left to /dev/null, so that Python's final
    flush does not complain, and say nothing more."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


class _Feedback:
    """Problems on stderr and, for a batch on a terminal, a progress bar (on stderr too)."""

    def __init__(self, show_progress: bool) -> None:
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if show_progress:
            self._progress = stderr_progress()

    @contextmanager
    def running(self) -> Iterator[_Feedback]:
        if self._progress is None:
            yield self
            return
        with self._progress:
            yield self

    def problem(self, message: str) -> None:
        print_problem(self._progress, message)

    def stage(self, description: str, total: int | None = None) -> None:
        if self._progress is None:
            return
        if self._task is not None:
            self._progress.update(self._task, visible=False)
        self._task = self._progress.add_task(description, total=total)

    def advance(self) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)


@click.command()
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="FILE...",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
)
@click.option(
    "--period",
    callback=period_option,
    metavar="YYYY-MM",
    help="Month to evaluate (overrides each situation's period).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help="text: French report for a social worker; json: the report (JSON Lines for several); "
    "html: the printable sheet for the person (one page holding every household's sheet).",
)
@click.option(
    "--short",
    is_flag=True,
    help="With --format text: print the synthesis alone (one screen per household).",
)
@partners_option
@click.pass_context
def simulate(
    ctx: click.Context,
    files: tuple[str, ...],
    period: str | None,
    output_format: str,
    short: bool,
    directory_path: str | None,
) -> None:
    """Evaluate situations (.yaml, .yml, .json; .jsonl, .ndjson: one per line; -: stdin).

    Households are read, evaluated in vectorised OpenFisca simulations (a first slice of 200,
    then 2 000 at a time) and their reports written as soon as they are ready: memory stays
    flat. With one situation file, --format json prints the report as indented JSON;
    otherwise one compact report per line (JSON Lines), in input order, each with its
    input_line for a batch. With --partners, each partner of a report also gets its
    local office for the household's commune; a directory that is not valid stops everything.
    """
    directory, directory_ok = read_directory(directory_path, _stderr)
    if not directory_ok:
        ctx.exit(2)
    single = len(files) == 1 and files[0] != "-" and not is_batch(files[0])
    feedback = _Feedback(show_progress=not single and sys.stderr.isatty())
    writer = ReportWriter(output_format, len(files), short=short)
    all_ok = True
    with feedback.running():
        feedback.stage("Évaluation des foyers")
        # Read, evaluate and write slice by slice: memory stays flat however large the
        # caseload, and the first reports come as soon as the first slice is evaluated.
        households = read_households(files, period)
        try:
            for item in evaluate_households(
                households, period, directory, debugging(), DEBUG_VARIABLE
            ):
                if isinstance(item, Rejected):
                    all_ok = False
                    for message in item.messages:
                        feedback.problem(message)
                    continue
                try:
                    writer.write(item.household, item.report)
                    sys.stdout.flush()  # each report as soon as it is ready, even in a pipe
                except BrokenPipeError:
                    raise
                except Exception as exc:
                    if debugging():
                        raise
                    all_ok = False
                    feedback.problem(
                        internal_error(item.household.where, "writing the report", exc)
                    )
                feedback.advance()
            writer.close()
            sys.stdout.flush()
        except BrokenPipeError:
            _output_closed()
            ctx.exit(PIPE_CLOSED_STATUS)
    if not all_ok:
        ctx.exit(2)
