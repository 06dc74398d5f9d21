"""What long commands show on stderr: a progress bar on a terminal, and problems one line each
(printed above the bar while it runs, so that neither breaks the other). rich is imported
only when a bar is shown: a command on one household starts faster without it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .inputs import printable

if TYPE_CHECKING:
    from rich.progress import Progress, ProgressColumn

__all__ = ["print_problem", "stderr_progress"]


def stderr_progress(elapsed: bool = False) -> Progress:
    """A transient progress bar on stderr: spinner, description, bar, done/total (and the time
    elapsed with ``elapsed``)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

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
        from rich.text import Text

        progress.console.print(Text(message), soft_wrap=True)
    else:
        click.echo(message, err=True)
