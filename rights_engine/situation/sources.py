"""Bounded reading of an input: a regular file, a pipe (FIFO, ``<(…)``) or standard input (``-``).

The size a file system reports is 0 for a pipe or a device, so a limit taken from it holds for
regular files only. Here every read is bounded by the number of bytes actually read: a pipe
that brings more than the limit is refused as soon as the limit is passed, whatever it says.
Devices (``/dev/zero``, a disk), sockets and folders are refused before reading; a named pipe
that no program opens for writing is refused after :data:`PIPE_WAIT_SECONDS` instead of
waiting forever. Messages say what the input is and what was expected, never its content.
"""

from __future__ import annotations

import fcntl
import io
import os
import select
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO

__all__ = [
    "PIPE_WAIT_SECONDS",
    "STDIN",
    "SourceError",
    "TooLarge",
    "iter_lines",
    "open_source",
    "read_bounded",
]

STDIN = "-"
"""The name of standard input on the command line."""
PIPE_WAIT_SECONDS = 30.0
"""How long a named pipe may stay without a writer before it is refused."""
_CHUNK = 65_536


class SourceError(Exception):
    """The input cannot be read; ``message`` says why, in one line without any content."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TooLarge(SourceError):
    """The input holds more bytes than allowed; ``size`` is its size when the file system knows
    it (a regular file), else None (a pipe: it was refused once the limit was passed)."""

    def __init__(self, size: int | None, limit: int) -> None:
        self.size = size
        self.limit = limit
        shown = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
        super().__init__(f"file too large ({shown}")


def _wait_for_writer(fd: int, seconds: float) -> None:
    """Wait until a named pipe has something to read (or its writer closed it)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    if not poller.poll(int(seconds * 1000)):
        raise SourceError(
            f"nothing came through this named pipe in {seconds:g} s (no program writes to it); "
            "expected a file, or - for standard input"
        )


def open_source(path: str, pipe_wait: float | None = None) -> tuple[BinaryIO, int | None]:
    """The open input and its size when known (a regular file), or :class:`SourceError`.

    ``-`` is standard input (not closed by the caller's ``with``: a duplicate is returned).
    """
    if path == STDIN:
        try:
            return os.fdopen(os.dup(sys.stdin.fileno()), "rb"), None
        except (AttributeError, OSError, ValueError):  # a stand-in for stdin, without a file
            return io.BytesIO(sys.stdin.buffer.read()), None
    try:
        info = os.stat(path)
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror}") from None
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise SourceError("is a folder; expected a file")
    if stat.S_ISREG(mode):
        try:
            return open(path, "rb"), info.st_size
        except OSError as exc:
            raise SourceError(f"cannot read the file: {exc.strerror}") from None
    if not stat.S_ISFIFO(mode):
        kind = "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"
        raise SourceError(f"not a regular file ({kind}); expected a file, or - for standard input")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror}") from None
    try:
        _wait_for_writer(fd, PIPE_WAIT_SECONDS if pipe_wait is None else pipe_wait)
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb"), None


def read_bounded(handle: BinaryIO, size: int | None, limit: int) -> bytes:
    """Every byte of ``handle``, or :class:`TooLarge` as soon as more than ``limit`` come."""
    if size is not None and size > limit:
        raise TooLarge(size, limit)
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(size if size is not None and size > limit else None, limit)
    return data


def iter_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(number, line, length)`` for each line of a stream; ``line`` is None when it is longer
    than ``limit`` bytes (its bytes are counted and skipped, never held in memory)."""
    number = 0
    readline, most = handle.readline, limit + 1
    while True:
        raw = readline(most)
        if not raw:
            return
        number += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield number, raw, len(raw)
            continue
        length = len(raw)
        while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
            raw = handle.readline(_CHUNK)
            length += len(raw)
        yield number, None, length
