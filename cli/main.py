"""The ``rights-engine`` command line: ``simulate``, ``validate``, ``schema`` and ``rules``.

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
from rights_engine.engine.evaluate import SIMULATION_SIZE, PeriodOutOfRange, evaluate_many
from rights_engine.report import Report
from rights_engine.situation.models import Month, Situation

from .analysis import compare_command, explain_command, print_stale
from .inputs import (
    Household,
    households_of,
    is_batch,
    out_of_range,
    read_households,
)
from .present import STATUS_LABELS
from .render_compare import what_if_lines
from .render_markdown import markdown_report
from .render_text import print_report

__all__ = ["DEBUG_VARIABLE", "cli", "main"]

DEBUG_VARIABLE = "RIGHTS_ENGINE_DEBUG"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_FILES = click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="FILE...",
    type=click.Path(exists=True, dir_okay=False),
)


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
    return (
        f"{where}: internal error while {doing} ({type(exc).__name__}); details are hidden as they "
        f"may hold personal data (rerun with {DEBUG_VARIABLE}=1 to see them)"
    )


def _stdout_console() -> Console:
    console = Console(highlight=False, emoji=False, markup=False)
    # In a file or a pipe, lines are not cut at 80 columns (a terminal gets its own width).
    console.soft_wrap = not console.is_terminal
    return console


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


def _period(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        month = Month.parse(value)
    except ValueError:
        raise click.BadParameter(
            f"expected a month YYYY-MM (e.g. 2026-11), got {value!r}"
        ) from None
    why = out_of_range(str(month))
    if why is not None:
        raise click.BadParameter(why)
    return str(month)


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
            problem(str(one))
        return None, False


def _evaluate(
    households: list[Household],
    period: str | None,
    directory: PartnersDirectory | None,
    feedback: _Feedback,
) -> tuple[list[tuple[Household, Report]], bool]:
    """Every household of a slice in one vectorised ``evaluate_many`` call.

    Should that call fail unexpectedly, the households are evaluated one by one to find the one
    that fails, so that the others still get their report.
    """
    if not households:
        return [], True
    try:
        reports = evaluate_many([h.situation for h in households], period, partners=directory)
        return list(zip(households, reports, strict=True)), True
    except PeriodOutOfRange as exc:  # checked household by household beforehand; kept as a guard
        for household in households:
            feedback.problem(f"{household.where}: {exc}")
        return [], False
    except Exception:
        if _debug():
            raise
    done, all_good = [], True
    for household in households:
        try:
            done.append(
                (household, evaluate_many([household.situation], period, partners=directory)[0])
            )
        except Exception as exc:
            if _debug():
                raise
            all_good = False
            feedback.problem(_internal(household.where, "evaluating this household", exc))
    return done, all_good


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
    callback=_period,
    metavar="YYYY-MM",
    help="Month to evaluate (overrides each situation's period).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: French report for a social worker; json: the report (JSON Lines for several).",
)
@_PARTNERS
@click.pass_context
def simulate(
    ctx: click.Context,
    files: tuple[str, ...],
    period: str | None,
    output_format: str,
    directory_path: str | None,
) -> None:
    """Evaluate situations (.yaml, .yml, .json; .jsonl: one situation per line).

    The households go through vectorised OpenFisca simulations (2 000 at a time, their reports
    written as soon as they are ready). With one situation
    file, --format json prints the report as indented JSON; otherwise one compact report per
    line (JSON Lines), in input order. With --partners, each partner of a report also gets its
    local office for the household's commune; a directory that is not valid stops everything.
    """
    directory, directory_ok = _directory(directory_path, lambda line: click.echo(line, err=True))
    if not directory_ok:
        ctx.exit(2)
    single = len(files) == 1 and not is_batch(files[0])
    feedback = _Feedback(show_progress=not single and sys.stderr.isatty())
    with feedback.running():
        feedback.stage("Lecture des situations")
        households, read_ok = read_households(
            list(files), period, feedback.problem, feedback.advance
        )
        feedback.stage(f"Évaluation ({len(households)} foyers)", total=len(households))
        all_ok, written = read_ok, 0
        # Slice by slice: each slice is one vectorised simulation, its reports are written at
        # once, and memory stays bounded however large the caseload.
        for start in range(0, len(households), SIMULATION_SIZE):
            part = households[start : start + SIMULATION_SIZE]
            evaluated, evaluate_ok = _evaluate(part, period, directory, feedback)
            render_ok = _render(evaluated, output_format, single, feedback, first=written == 0)
            written += len(evaluated)
            all_ok = all_ok and evaluate_ok and render_ok
    if not all_ok:
        ctx.exit(2)


def _source(household: Household) -> str:
    """Where a report comes from, in the French of the report."""
    return f"{household.file}, ligne {household.line}" if household.batch else household.file


def _render(
    evaluated: list[tuple[Household, Report]],
    output_format: str,
    single: bool,
    feedback: _Feedback,
    first: bool = True,
) -> bool:
    """Write reports to stdout; ``first`` says whether these are the first reports written."""
    console = _stdout_console() if output_format == "text" else None
    all_good = True
    for position, (household, report) in enumerate(evaluated):
        index = position if first else position + 1  # a separator before every report but one
        try:
            if output_format == "json":
                text = report.to_json() if single else report.model_dump_json() + "\n"
                click.echo(text, nl=False)
            elif output_format == "markdown":
                click.echo(
                    ("\n" if index else "") + markdown_report(report, _source(household)), nl=False
                )
            else:
                assert console is not None
                if index:
                    console.print()
                print_report(console, report, _source(household))
                for line in what_if_lines(report):
                    console.print(line)
        except Exception as exc:
            if _debug():
                raise
            all_good = False
            feedback.problem(_internal(household.where, "writing the report", exc))
        feedback.advance()
    return all_good


@cli.command()
@click.argument(
    "files", nargs=-1, metavar="[FILE]...", type=click.Path(exists=True, dir_okay=False)
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
                click.echo(f"{item.where} OK" if item.batch else f"OK {item.file}")
                continue
            all_good = False
            for message in item:
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


def main() -> None:
    """Console script entry point: no traceback for an unexpected error unless debugging."""
    try:
        cli.main(prog_name="rights-engine")
    except Exception as exc:
        if _debug():
            raise
        click.echo(_internal("rights-engine", "running the command", exc), err=True)
        sys.exit(2)


# Commands of their own modules (explain, compare).
cli.add_command(explain_command)
cli.add_command(compare_command)

if __name__ == "__main__":
    main()
