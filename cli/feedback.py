"""What long commands show on stderr: a progress bar on a terminal, and problems one line each
(printed above the bar while it runs, so that neither breaks the other)."""

from __future__ import annotations

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from .inputs import printable

__all__ = ["print_problem", "stderr_progress"]


def stderr_progress(elapsed: bool = False) -> Progress:
    """A transient progress bar on stderr: spinner, description, bar, done/total (and the time
    elapsed with ``elapsed``)."""
    columns: list[ProgressColumn] = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
    ]
    if elapsed:
        columns.append(TimeElapsedColumn())
    return Progress(*columns, console=Console(stderr=True), transient=True)


def print_problem(progress: Progress | None, message: str) -> None:
    """One problem on stderr (its control characters made printable), above the bar if any."""
    message = printable(message)
    if progress is not None:
        progress.console.print(Text(message), soft_wrap=True)
    else:
        click.echo(message, err=True)
