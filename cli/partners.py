"""``--partners DIRECTORY.yaml`` of ``simulate`` and ``validate``: the local partners directory."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from .inputs import printable

if TYPE_CHECKING:
    from rights_engine.engine.directory import PartnersDirectory

__all__ = ["partners_option", "read_directory"]

partners_option = click.option(
    "--partners",
    "directory_path",
    metavar="DIRECTORY.yaml",
    type=click.Path(dir_okay=False),
    help="Local directory of the partners' offices (YAML, by département or commune): the report "
    "gives the office for the household's commune.",
)


def read_directory(
    path: str | None, problem: Callable[[str], None]
) -> tuple[PartnersDirectory | None, bool]:
    """The local partners directory named by ``--partners`` (None without it), and whether it is
    valid; each problem goes through ``problem`` on one line."""
    if path is None:
        return None, True
    from rights_engine.engine.directory import PartnersDirectoryError, load_partners_directory

    try:
        return load_partners_directory(path), True
    except PartnersDirectoryError as exc:
        for one in exc.problems:
            problem(printable(str(one)))
        return None, False
