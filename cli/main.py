"""The ``rights-engine`` command line: ``simulate``, ``batch``, ``validate``, ``rules``, ``serve``….

Bad input never gives a traceback: each problem is printed on stderr on one line (file, line,
field, what was expected), the other households are still evaluated, and the exit status is 2.
An unexpected error is reported on one line without its details, which could hold personal
data; set ``RIGHTS_ENGINE_DEBUG=1`` to let it raise with its traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn
from rich.table import Table
from rich.text import Text

from rights_engine._version import __version__
from rights_engine.engine.catalogue import programmes
from rights_engine.engine.directory import (
    PartnersDirectory,
    PartnersDirectoryError,
    load_partners_directory,
)
from rights_engine.situation.models import Situation

from .analysis import compare_command, explain_command, print_stale
from .batch import batch_command
from .caseload import ReportWriter, evaluate_households, internal_error
from .inputs import Household, Rejected, households_of, period_option, printable, read_households
from .present import STATUS_LABELS
from .serve import serve

__all__ = ["DEBUG_VARIABLE", "cli", "main"]

DEBUG_VARIABLE = "RIGHTS_ENGINE_DEBUG"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_FILES = click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="FILE...",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
)
PIPE_CLOSED_STATUS = 141
"""Exit status when the reader of the output went away (``| head``): 128 + SIGPIPE, as the
shell reports a program ended by a closed pipe."""


_PARTNERS = click.option(
    "--partners",
    "directory_path",
    metavar="DIRECTORY.yaml",
    type=click.Path(dir_okay=False),
    help="Local directory of the partners' offices (YAML, by département or commune): the report "
    "gives the office for the household's commune.",
)


def _debug() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def _internal(where: str, doing: str, exc: BaseException) -> str:
    """One line for an unexpected error: its type only, since its text may quote personal data."""
    return internal_error(where, doing, exc, DEBUG_VARIABLE)


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
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                transient=True,
            )

    @contextmanager
    def running(self) -> Iterator[_Feedback]:
        if self._progress is None:
            yield self
            return
        with self._progress:
            yield self

    def problem(self, message: str) -> None:
        message = printable(message)
        if self._progress is not None:
            self._progress.console.print(Text(message), soft_wrap=True)
        else:
            click.echo(message, err=True)

    def stage(self, description: str, total: int | None = None) -> None:
        if self._progress is None:
            return
        if self._task is not None:
            self._progress.update(self._task, visible=False)
        self._task = self._progress.add_task(description, total=total)

    def advance(self) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)


def _directory(
    path: str | None, problem: Callable[[str], None]
) -> tuple[PartnersDirectory | None, bool]:
    """The local partners directory named by ``--partners`` (None without it), and whether it is
    valid; each problem goes through ``problem`` on one line."""
    if path is None:
        return None, True
    try:
        return load_partners_directory(path), True
    except PartnersDirectoryError as exc:
        for one in exc.problems:
            problem(printable(str(one)))
        return None, False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="rights-engine", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Orientation towards French social rights, computed with OpenFisca.

    The engine never grants anything: it says which rights to check, why, for roughly how much,
    how urgently and whom to contact.
    """


@cli.command()
@_FILES
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
@_PARTNERS
@click.pass_context
def simulate(
    ctx: click.Context,
    files: tuple[str, ...],
    period: str | None,
    output_format: str,
    short: bool,
    directory_path: str | None,
) -> None:
    """Evaluate situations (.yaml, .yml, .json; .jsonl: one situation per line; -: stdin).

    Households are read, evaluated in vectorised OpenFisca simulations (a first slice of 200,
    then 2 000 at a time) and their reports written as soon as they are ready: memory stays
    flat. With one situation file, --format json prints the report as indented JSON;
    otherwise one compact report per line (JSON Lines), in input order, each with its
    input_line for a batch. With --partners, each partner of a report also gets its
    local office for the household's commune; a directory that is not valid stops everything.
    """
    directory, directory_ok = _directory(directory_path, lambda line: click.echo(line, err=True))
    if not directory_ok:
        ctx.exit(2)
    single = len(files) == 1 and files[0] != "-" and not files[0].lower().endswith(".jsonl")
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
                households, period, directory, _debug(), DEBUG_VARIABLE
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
                    if _debug():
                        raise
                    all_ok = False
                    feedback.problem(_internal(item.household.where, "writing the report", exc))
                feedback.advance()
            writer.close()
            sys.stdout.flush()
        except BrokenPipeError:
            _output_closed()
            ctx.exit(PIPE_CLOSED_STATUS)
    if not all_ok:
        ctx.exit(2)


@cli.command()
@click.argument(
    "files",
    nargs=-1,
    metavar="[FILE]...",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
)
@_PARTNERS
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...], directory_path: str | None) -> None:
    """Check situations, and a local partners directory, without evaluating anything.

    Prints "OK FILE" (or "FILE:LINE OK" for each line of a .jsonl batch); the problems go to
    stderr, one per line. Exit status 2 if any situation, or the directory, is not valid.
    """
    if not files and directory_path is None:
        raise click.UsageError("expected situation files, or --partners DIRECTORY.yaml, or both")
    _, all_good = _directory(directory_path, lambda line: click.echo(line, err=True))
    if all_good and directory_path is not None:
        click.echo(f"OK {directory_path}")
    for path in files:
        for item in households_of(path, None):
            if isinstance(item, Household):
                click.echo(printable(f"{item.where} OK" if item.batch else f"OK {item.file}"))
                continue
            all_good = False
            for message in item.messages:
                click.echo(message, err=True)
    if not all_good:
        ctx.exit(2)


def situation_schema() -> dict[str, Any]:
    """The JSON Schema of a situation, as published by ``rights-engine schema``."""
    schema = Situation.model_json_schema(by_alias=True)
    return {**schema, "$schema": JSON_SCHEMA_DIALECT, "title": "rights-engine situation (schema 1)"}


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a situation (stable: sorted keys)."""
    click.echo(json.dumps(situation_schema(), indent=2, sort_keys=True, ensure_ascii=False))


@cli.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--stale", is_flag=True, help="List the parameters due for a check instead.")
@click.option("--on", metavar="YYYY-MM-DD", help="With --stale: the date (default: today).")
def rules(output_format: str, stale: bool, on: str | None) -> None:
    """List the programmes: version, status, validated date range and legal basis.

    With --stale: the parameters whose usual revaluation day has passed since their value was
    last confirmed, with the programmes that read them and the legal text to check."""
    if stale:
        print_stale(on, output_format)
        return
    if output_format == "json":
        listing = [
            {
                "id": p.id,
                "label": p.label,
                "version": p.version,
                "status": p.status,
                "validated_from": p.validated_from,
                "validated_to": p.validated_to,
                "legal_basis": p.legal_basis,
                "entry_variables": p.entry_variables,
            }
            for p in programmes()
        ]
        click.echo(json.dumps(listing, indent=2, sort_keys=True, ensure_ascii=False))
        return
    table = Table(title="Programmes de rights-engine", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Programme (id, libellé, base légale)", ratio=1)
    table.add_column("Version", no_wrap=True)
    table.add_column("Statut")
    table.add_column("Validée", no_wrap=True)
    for p in programmes():
        programme = Text(p.id, style="bold")
        programme.append("\n" + p.label)
        programme.append("\n" + p.legal_basis, style="dim")
        table.add_row(
            programme,
            p.version,
            STATUS_LABELS.get(p.status, p.status),
            f"{p.validated_from} → {p.validated_to}",
            end_section=True,
        )
    Console(highlight=False, emoji=False, markup=False).print(table)


cli.add_command(serve)


def main() -> None:
    """Console script entry point: no traceback for an unexpected error unless debugging."""
    try:
        cli.main(prog_name="rights-engine")
    except Exception as exc:
        if _debug():
            raise
        click.echo(_internal("rights-engine", "running the command", exc), err=True)
        sys.exit(2)


# Commands of their own modules (explain, compare, batch).
cli.add_command(explain_command)
cli.add_command(compare_command)
cli.add_command(batch_command)

if __name__ == "__main__":
    main()
