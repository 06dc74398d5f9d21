"""The Dask of ``batch --workers / --scheduler`` kept quiet and interruptible: one line per
problem on stderr, never Dask's logs, warnings or tracebacks (unless ``RIGHTS_ENGINE_DEBUG=1``),
and Ctrl-C handled by the client alone (the local workers hold it blocked) with one line and
the exit status 130. The HTTP servers that distributed starts whatever its settings are stopped
as soon as they start (a dashboard on a machine with personal data is not wanted).
"""

from __future__ import annotations

import logging
import signal
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from .batch_errors import INTERRUPTED, INTERRUPTED_RESUMABLE

__all__ = [
    "Interruption",
    "dask_quiet",
    "hold_interrupts",
    "quiet_worker",
    "release_interrupts",
    "start_resource_tracker",
    "stop_http_server",
]

DASK_LOGGERS = ("distributed", "tornado", "bokeh", "asyncio")
"""The loggers of Dask and of what it runs on, silenced for the run (unless debugging)."""
DASK_WARNINGS = (r"Port \d+ is already in use", r"Sending large graph of size")
"""Dask's warnings of a run (another dashboard on its port; a partition over 10 MB)."""


class Interruption:
    """Entered first: Ctrl-C during the run (the cluster closed by then) ends it with one line
    and the exit status 130, rather than with click's "Aborted!" and 1."""

    def __init__(self) -> None:
        self.started = False

    def __enter__(self) -> Interruption:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None and issubclass(kind, KeyboardInterrupt):
            if self.started:
                click.echo(INTERRUPTED_RESUMABLE, err=True)
            else:
                click.echo("interrupted while connecting to Dask: nothing evaluated", err=True)
            raise click.exceptions.Exit(INTERRUPTED) from None


def _dask_loggers() -> list[logging.Logger]:
    """The loggers of :data:`DASK_LOGGERS` and those under them that have handlers of their
    own (Dask's logging settings give ``distributed.client`` one)."""
    names = [
        name
        for name in list(logging.root.manager.loggerDict)
        if name.startswith(tuple(f"{root}." for root in DASK_LOGGERS))
    ]
    below = [logging.getLogger(name) for name in names]
    return [logging.getLogger(name) for name in DASK_LOGGERS] + [
        logger for logger in below if logger.handlers
    ]


def _silence(logger: logging.Logger) -> None:
    logger.handlers[:] = [logging.NullHandler()]
    logger.propagate = False


@contextmanager
def dask_quiet() -> Iterator[None]:
    """Dask's log records and warnings of the run dropped: stderr gets a line per problem."""
    saved = []
    for logger in _dask_loggers():
        saved.append((logger, logger.handlers[:], logger.propagate))
        _silence(logger)
    try:
        with warnings.catch_warnings():
            for message in DASK_WARNINGS:
                warnings.filterwarnings("ignore", message=message, category=UserWarning)
            yield
    finally:
        for logger, handlers, propagate in saved:
            logger.handlers[:] = handlers
            logger.propagate = propagate


def hold_interrupts() -> set[int | signal.Signals]:
    """Ctrl-C held (blocked) in this thread, and so in the threads it starts meanwhile and the
    processes they start (the local workers: Dask's threads start them, and a blocked signal
    stays blocked through fork and exec), which never see it then. The mask before it."""
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def release_interrupts(previous: set[int | signal.Signals]) -> None:
    """Ctrl-C delivered again; one pressed while it was held raises KeyboardInterrupt here."""
    pressed = signal.SIGINT not in previous and signal.SIGINT in signal.sigpending()
    if pressed:
        signal.sigwait({signal.SIGINT})  # taken off, and raised below
    signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    if pressed:
        raise KeyboardInterrupt


def quiet_worker(worker: Any, debug: bool) -> None:
    """In each worker process of the local cluster as it starts (a preload): its HTTP server
    stopped, and, unless debugging, Dask's log records dropped (its stderr is this command's)."""
    worker.http_server.stop()
    if not debug:
        for logger in _dask_loggers():
            _silence(logger)


async def stop_http_server(node: Any) -> None:
    node.http_server.stop()  # on the node's event loop, as tornado wants


def start_resource_tracker() -> None:
    """Python's resource tracker started (once per process) before Ctrl-C is held: started
    later, by the cluster, it would let Ctrl-C through again in the thread that starts the
    workers (Python 3.11: ``ensure_running`` unblocks SIGINT rather than restoring the mask)."""
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
