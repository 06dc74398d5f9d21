"""``rights-engine validate``: check situations and a partners directory, evaluating nothing."""

from __future__ import annotations

import click

from .inputs import Household, households_of, printable
from .partners import partners_option, read_directory

__all__ = ["validate"]


@click.command()
@click.argument(
    "files",
    nargs=-1,
    metavar="[FILE]...",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
)
@partners_option
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...], directory_path: str | None) -> None:
    """Check situations, and a local partners directory, without evaluating anything.

    Prints "OK FILE" (or "FILE:LINE OK" for each line of a .jsonl batch); the problems go to
    stderr, one per line. Exit status 2 if any situation, or the directory, is not valid.
    """
    if not files and directory_path is None:
        raise click.UsageError("expected situation files, or --partners DIRECTORY.yaml, or both")
    _, all_good = read_directory(directory_path, lambda line: click.echo(line, err=True))
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
