"""The input of ``rights-engine batch``: its households in input order, and a fingerprint of
those read, so that ``--resume`` can tell the input of the run it goes on with.

:func:`input_items` gives each household as the client reads it (the raw line of a JSON Lines
batch, or what else the input holds, read), a ``*.yaml`` entry of a folder that is not a regular
file being refused without being opened (a FIFO would block). :class:`FingerprintedInput` adds
each item to a running BLAKE2b as it is read: a line's number and bytes (its line break aside),
or a situation file's name and the situation as read (its given fields) or the messages of its
refusal, which is all an item's output lines depend on besides ``--period`` and the versions
(checked apart). The digest after the first ``done`` items does not depend on ``--slice``; the
manifest records it at every checkpoint. One process and the Dask client (:mod:`.batch_cluster`)
read the input through the same object.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import stat
import struct
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from rights_engine.situation.errors import InputProblem, SituationError
from rights_engine.situation.loader import BatchLines, RawLine, ReadSituation, display_name

from .inputs import Household, Rejected, household_of, raw_households

__all__ = ["NOT_REGULAR", "FingerprintedInput", "Item", "households_read", "input_items"]

Item = RawLine | Household | Rejected
NOT_REGULAR = "not a regular file"

_LINE = struct.Struct("<cQQ")
"""A line's tag (``L``: its bytes follow; ``T``: too long, not kept), number and length."""
_FRAME = struct.Struct("<cQ")
"""A situation file's tag (``H`` read, ``R`` refused) and the length of what follows."""


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):  # a dangling symbolic link, a name the system refuses
        return False


def input_items(source: str, paths: list[str], period: str | None) -> Iterator[Item]:
    """Each household of the input, in order: of a folder, each ``*.yaml`` entry that is not a
    regular file (after symbolic links) is refused and never opened."""
    folder = source != "-" and Path(source).is_dir()
    for path in paths:
        if folder and not _regular(path):
            name = display_name(path)
            problem = InputProblem(name, None, None, NOT_REGULAR)
            yield household_of(name, ReadSituation(1, SituationError([problem])), period)
        else:
            yield from raw_households([path], period)


def households_read(items: Iterator[Item], period: str | None) -> Iterator[Household | Rejected]:
    """The items of :func:`input_items` read in this process: each raw line parsed, a line
    whose situation has the id of an earlier line's refused
    (:class:`~rights_engine.situation.loader.BatchLines`, as a file is read)."""
    lines = BatchLines()
    for item in items:
        yield (
            household_of(item.name, lines.read(item), period) if isinstance(item, RawLine) else item
        )


def _add(digest: Any, item: Item) -> None:
    if isinstance(item, RawLine):
        raw = item.raw
        if raw is None:
            digest.update(_LINE.pack(b"T", item.line, item.length))
            return
        end = len(raw) - 1 if raw.endswith(b"\n") else len(raw)
        digest.update(_LINE.pack(b"L", item.line, end))
        digest.update(memoryview(raw)[:end])
        return
    if isinstance(item, Household):
        where = orjson.dumps([item.file, item.line, item.batch])
        read = item.situation.model_dump_json(by_alias=True, exclude_unset=True).encode()
        data = where + b"\n" + read
        digest.update(_FRAME.pack(b"H", len(data)))
    else:
        data = orjson.dumps([item.file, item.line, item.id, item.messages])
        digest.update(_FRAME.pack(b"R", len(data)))
    digest.update(data)


class FingerprintedInput:
    """The items of the input, each added to the fingerprint as it is read; the fingerprint
    after each item read is kept until a digest at a later position is asked for (the Dask
    client reads partitions ahead of those it appends)."""

    def __init__(self, items: Iterator[Item]) -> None:
        self._items = items
        self._digest = hashlib.blake2b(digest_size=16)
        self.read = 0
        self._kept: deque[tuple[int, Any]] = deque([(0, self._digest.copy())])

    def __iter__(self) -> Iterator[Item]:
        return self

    def __next__(self) -> Item:
        item = next(self._items)
        _add(self._digest, item)
        self.read += 1
        self._kept.append((self.read, self._digest.copy()))
        return item

    def skip(self, items: Iterator[Any], count: int) -> None:
        """Read ``count`` items of ``items`` (this input, or what reads it item by item),
        keeping only the fingerprint after the last one."""
        for _ in itertools.islice(items, count):
            self._kept.clear()  # nothing before the end of the skip is asked for
        self._kept.clear()
        self._kept.append((self.read, self._digest.copy()))

    def digest(self, count: int) -> str:
        """The fingerprint of the first ``count`` items (never fewer than asked before)."""
        kept = self._kept
        while kept and kept[0][0] < count:
            kept.popleft()
        if not kept or kept[0][0] != count:
            raise RuntimeError(f"the fingerprint after {count} input households was not kept")
        return str(kept[0][1].hexdigest())
