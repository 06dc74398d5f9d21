"""One partition of a batch: consecutive households of the input turned into their output lines.

:func:`partition_output` gives the bytes each output file gets for the partition (the slim
results, the CSV rows, the refused lines, the full reports with ``--full``) and what the
households add to the totals (:func:`~.slim.contribution`). ``rights-engine batch`` uses it for
each slice in one process; with ``--workers`` or ``--scheduler`` a Dask worker runs
:func:`evaluate_partition` and returns the partition as bytes (:meth:`PartitionOutput.to_bytes`),
which the client writes in input order: the same bytes either way. Nothing here imports Dask.
"""

from __future__ import annotations

import gc
import itertools
import os
import pickle
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from rights_engine._version import __version__
from rights_engine.engine.catalogue import programmes
from rights_engine.situation.loader import RawLine
from rights_engine.versioning import rules_version

from .caseload import Evaluated, evaluate_households
from .inputs import Household, Rejected, household_of_line
from .screening import Screened, screen_households, screening_of
from .slim import LineWriter, PartitionTotals, csv_lines, error_line

__all__ = [
    "KILL_HOOK_VARIABLE",
    "PartitionOutput",
    "Packed",
    "evaluate_packed",
    "evaluate_partition",
    "households_screened",
    "packed",
    "partition_output",
    "unpacked",
]

KILL_HOOK_VARIABLE = "RIGHTS_ENGINE_TEST_KILL_WORKER"
"""Test hook (tests/cli/test_batch_cluster.py): a marker file's path. The first worker that
finishes a partition other than the input's first one, while the marker does not exist, creates
the marker and kills its own process (SIGKILL) before returning the partition, as a machine lost
mid-run would. Never set it in production."""


@dataclass
class PartitionOutput:
    """The output of ``count`` consecutive households, from the input's item ``first`` (0-based,
    counting refused households too)."""

    first: int
    count: int
    results: bytes | memoryview = b""
    csv: bytes | memoryview = b""
    errors: bytes | memoryview = b""
    reports: bytes | memoryview = b""
    """Each file's lines (read off a partition's bytes: a view of them, not a copy)."""
    problems: list[str] = field(default_factory=list)
    """The refused households' messages, for stderr (located, never a value)."""
    refused: int = 0
    totals: PartitionTotals = field(default_factory=PartitionTotals)
    """What the evaluated households add to the totals (each one's
    :func:`~.slim.contribution`, gathered in input order)."""
    versions: dict[str, str] = field(default_factory=dict)
    """The engine's and the rules' versions where the partition was evaluated."""
    ids: list[tuple[int, str]] = field(default_factory=list)
    """On a worker, each raw line of a batch read into a situation that has an id: its line
    and its id, in input order (the client refuses the ids an earlier line had)."""

    def to_bytes(self) -> bytes:
        """The partition as bytes: one line of JSON (the counts, the messages, the totals but
        their amounts, the ids, and the size of each part that follows), then each file's lines
        as they are, one after the other (neither escaped nor parsed again), then the amounts
        of the totals (:meth:`~.slim.PartitionTotals.to_parts`)."""
        totals, amounts = self.totals.to_parts()
        files = (self.results, self.csv, self.errors, self.reports, amounts)
        header = {
            "first": self.first,
            "count": self.count,
            "problems": self.problems,
            "refused": self.refused,
            "totals": totals,
            "versions": self.versions,
            "id_lines": [line for line, _ in self.ids],
            "ids": [id_ for _, id_ in self.ids],
            "sizes": [len(lines) for lines in files],
        }
        return b"".join([orjson.dumps(header), b"\n", *files])

    @classmethod
    def from_bytes(cls, data: bytes) -> PartitionOutput:
        """The partition of :meth:`to_bytes` (its files' lines: views of ``data``)."""
        end = data.index(b"\n")  # JSON from orjson holds no line break
        header = orjson.loads(data[:end])
        files: list[memoryview] = []
        start = end + 1
        view = memoryview(data)
        for size in header["sizes"]:
            files.append(view[start : start + size])
            start += size
        if start != len(data) or len(files) != 5:
            raise ValueError("not the bytes of a partition")
        results, csv, errors, reports, amounts = files
        return cls(
            first=header["first"],
            count=header["count"],
            results=results,
            csv=csv,
            errors=errors,
            reports=reports,
            problems=header["problems"],
            refused=header["refused"],
            totals=PartitionTotals.from_parts(header["totals"], amounts),
            versions=header["versions"],
            ids=list(zip(header["id_lines"], header["ids"], strict=True)),
        )


def _joined(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n" if lines else b""


def households_screened(
    items: Iterable[Household | Rejected],
    period: str | None,
    full: bool,
    debug: bool,
    first_slice: int | None = None,
) -> Iterable[Evaluated | Screened | Rejected]:
    """The households screened column-wise (no report built), or with ``full`` evaluated into
    their full reports, in input order; refused ones pass through."""
    if full:
        return evaluate_households(items, period, None, debug, first_slice=first_slice)
    return screen_households(items, period, debug, first_slice=first_slice)


def partition_output(
    items: Iterable[Evaluated | Screened | Rejected],
    first: int,
    count: int,
    programme_ids: list[str],
    full: bool,
    problem: Callable[[str], None] | None = None,
) -> PartitionOutput:
    """The lines of ``count`` households (each screening, or report with ``full``, turned into
    its lines as it comes, then dropped). A refused household's messages go to ``problem`` as
    they come, or are kept."""
    units = {p.id: p.rules.amount.unit if p.rules.amount else None for p in programmes()}
    writer = LineWriter(programme_ids, units)
    output = PartitionOutput(first, count)
    results: list[bytes] = []
    rows: list[list[Any] | str] = []
    errors: list[bytes] = []
    reports: list[bytes] = []
    seen = 0
    for item in items:
        seen += 1
        if isinstance(item, Rejected):
            output.refused += 1
            errors.append(orjson.dumps(error_line(item)))
            for message in item.messages:
                if problem is not None:
                    problem(message)
                else:
                    output.problems.append(message)
            continue
        if isinstance(item, Evaluated):  # --full: the slim lines are read off the report
            if full:
                reports.append(item.report.model_dump_json().encode("utf-8"))
            item = Screened(item.household, screening_of(item.report))
        counted, result, row = writer.lines(item)
        output.totals.add(counted)
        results.append(result)
        rows.append(row)
    if seen != count:  # one item per household, always
        raise RuntimeError("a household of the slice was lost or doubled")
    output.results, output.errors, output.reports = (
        _joined(results),
        _joined(errors),
        _joined(reports),
    )
    output.csv = csv_lines(rows) if rows else b""
    return output


def _kill_hook(first: int) -> None:
    marker = os.environ.get(KILL_HOOK_VARIABLE)
    if not marker or first == 0:
        return
    try:
        Path(marker).touch(exist_ok=False)  # once only, whichever worker comes first
    except FileExistsError:
        return
    os.kill(os.getpid(), signal.SIGKILL)


def _households(
    items: list[RawLine | Household | Rejected],
    period: str | None,
    duplicates: dict[int, int],
    ids: list[tuple[int, str]],
) -> list[Household | Rejected]:
    """The households of the partition, each raw line read here (its id added to ``ids``)."""
    households: list[Household | Rejected] = []
    for item in items:
        if isinstance(item, RawLine):
            household, id_ = household_of_line(item, period, duplicates.get(item.line))
            if id_ is not None:
                ids.append((item.line, id_))
            households.append(household)
        else:
            households.append(item)
    return households


def _failure(exc: Exception, debug: bool) -> bytes:
    """A failed task as ``{"failed": <the exception's type>}`` (one JSON object, without a line
    break; never its text, which may quote personal data), or the exception itself if
    ``debug``."""
    if debug:
        raise exc
    return orjson.dumps({"failed": type(exc).__name__})


def evaluate_partition(
    items: list[RawLine | Household | Rejected],
    first: int,
    period: str | None,
    full: bool,
    debug: bool,
    duplicates: dict[int, int] | None = None,
) -> bytes:
    """A Dask worker's task: the partition's households read (the raw lines of a batch) and
    evaluated, as bytes (:meth:`PartitionOutput.to_bytes`). ``duplicates``: the lines refused
    as their situation has the id of an earlier one, each with that line
    (:func:`~.inputs.household_of_line`).

    It never raises unless ``debug``: a worker logs a failed task with its arguments (the
    households), so a failure comes back as ``{"failed": <the exception's type>}`` (one JSON
    object, without a line break)."""
    try:
        programme_ids = [p.id for p in programmes()]
        # The task runs beside the worker's event-loop thread, so evaluate_many leaves the
        # cyclic collector on (about a third more time; see engine/evaluate.py): the process is
        # the partition's while it runs, so the collector is paused here, as in one process.
        collecting = gc.isenabled()
        gc.disable()
        try:
            ids: list[tuple[int, str]] = []
            households = _households(items, period, duplicates or {}, ids)
            evaluated = households_screened(
                households, period, full, debug, first_slice=len(households)
            )
            output = partition_output(evaluated, first, len(households), programme_ids, full)
        finally:
            if collecting:
                gc.enable()
    except Exception as exc:
        return _failure(exc, debug)
    output.versions = {"engine_version": __version__, "rules_version": rules_version()}
    output.ids = ids
    _kill_hook(first)
    return output.to_bytes()


Packed = tuple[str | None, bytes, bytes]
"""A partition's households as the client sends them (:func:`packed`)."""


def packed(items: list[RawLine | Household | Rejected]) -> Packed:
    """The households of a partition in a few bytes objects, which Dask neither walks through
    nor pickles again item by item: the raw lines of one batch as the batch's name, their
    numbers, lengths and sizes (JSON), and the lines joined; other households (or a line too
    long to be kept) pickled, as ``(None, <the pickle>, b"")``. :func:`unpacked` reverses it."""
    if items and all(type(item) is RawLine for item in items):
        names, lines, raws, lengths = zip(*items, strict=True)
        if None not in raws and names.count(names[0]) == len(names):
            sizes = [len(raw) for raw in raws]
            return names[0], orjson.dumps([lines, lengths, sizes]), b"".join(raws)
    return None, pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL), b""


def unpacked(households: Packed) -> list[RawLine | Household | Rejected]:
    """The households of :func:`packed`."""
    name, data, joined = households
    if name is None:
        items: list[RawLine | Household | Rejected] = pickle.loads(data)
        return items
    lines, lengths, sizes = orjson.loads(data)
    ends = list(itertools.accumulate(sizes))
    if len(lines) != len(lengths) or len(sizes) != len(lines) or ends[-1:] != [len(joined)]:
        raise ValueError("not the lines of a partition")
    starts = [0, *ends[:-1]]
    return [
        RawLine(name, line, joined[start:end], length)
        for line, length, start, end in zip(lines, lengths, starts, ends, strict=True)
    ]


def evaluate_packed(
    households: Packed,
    first: int,
    period: str | None,
    full: bool,
    debug: bool,
    duplicates: dict[int, int] | None = None,
) -> bytes:
    """:func:`evaluate_partition` of the households :func:`packed` by the client."""
    try:
        items = unpacked(households)
    except Exception as exc:
        return _failure(exc, debug)
    return evaluate_partition(items, first, period, full, debug, duplicates)
