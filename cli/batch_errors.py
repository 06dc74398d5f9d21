"""How ``rights-engine batch`` stops: one line on stderr and an exit status that tells who is
at fault, never a traceback.

- 0: every household evaluated;
- 2 (:class:`Refused`): the input or the command line is at fault: the run was refused before
  it started (a bad option or ``--scheduler`` address, ``DIR`` not empty, a run to resume that
  is not this one), nothing written (households refused during a run also give 2, the others
  being written);
- 1 (:class:`EnvironmentFailed`, :class:`OutputError`): the environment failed during the run
  (an output that cannot be written, the cluster): the manifest still describes what was
  written whole, and ``--resume`` goes on;
- 130 (:data:`INTERRUPTED`): Ctrl-C (128 + SIGINT, as a shell reports it); ``--resume`` goes
  on.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from .inputs import printable

__all__ = [
    "INTERRUPTED",
    "INTERRUPTED_RESUMABLE",
    "EnvironmentFailed",
    "OutputError",
    "Refused",
    "writing",
]

INTERRUPTED = 130
INTERRUPTED_RESUMABLE = "interrupted: resume with --resume"
"""What Ctrl-C says once the run has a manifest (in one process or on a cluster)."""


class Refused(click.ClickException):
    """The command refused before it started (exit status 2); nothing was written."""

    exit_code = 2


class EnvironmentFailed(click.ClickException):
    """The environment failed during the run (exit status 1); the outputs are resumable."""

    exit_code = 1


class OutputError(EnvironmentFailed):
    """A file of ``DIR`` that could not be written (or read back), named with the cause."""

    def __init__(self, path: Path | str, exc: OSError, doing: str = "cannot write") -> None:
        cause = exc.strerror or (errno.errorcode.get(exc.errno or 0) or type(exc).__name__)
        super().__init__(f"{printable(str(path))}: {doing} ({cause})")


@contextmanager
def writing(path: Path | str, doing: str = "cannot write") -> Iterator[None]:
    """Any :class:`OSError` raised inside becomes an :class:`OutputError` naming ``path``."""
    try:
        yield
    except OSError as exc:
        raise OutputError(path, exc, doing) from None
