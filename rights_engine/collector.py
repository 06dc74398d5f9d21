"""Pausing Python's cyclic garbage collector while many long-lived or cycle-free objects are
made (a command's imports; a slice of reports, whose hundreds of thousands of small objects hold
no cycle): it would walk them again and again (two thirds of the time of a caseload).

Light on purpose (no engine import), so that the CLI can use it before loading a command.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused(freeze: bool = False, *, threads_owned: bool = False) -> Iterator[None]:
    """Pause the collector for the ``with`` block, when no other thread runs.

    Reference counting still frees what has no cycle; the collector is restored afterwards, and
    its next collection frees the cycles made in the block. It belongs to the whole process:
    while a caller's other threads run (a web service), or when the caller turned it off, it is
    left alone. ``threads_owned``: the caller owns every other thread (the command line, whose
    only other thread redraws its progress bar), so it is paused all the same. ``freeze``: what
    exists at the end (a command's modules, which live as long as the process) is moved to the
    collector's permanent generation (:func:`gc.freeze`), which later collections skip.
    """
    if (threading.active_count() > 1 and not threads_owned) or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        gc.enable()
