"""``rights-engine batch --workers N`` or ``--scheduler ADDRESS``: the caseload on Dask workers.

The client (this process) stays light: of a JSON Lines batch (a file or ``-``) it reads each
non-blank line as bytes only, with its line number
(:func:`~rights_engine.situation.loader.iter_raw_records`), and cuts the input into partitions
of ``--slice`` households (what else an input holds, a folder of YAML situations or a single
situation, is read here as in one process). Each partition goes to a worker, its raw lines
joined in one bytes object (:func:`~.batch_partition.packed`); the worker
(:func:`~.batch_partition.evaluate_partition`) parses and validates them with the located
messages of one process, screens the households and returns the partition's output lines as
bytes, with the line and id of each situation read and what the households add to the totals
(counted, and their amounts one by one, added here in input order); no file is shared. As each
partition comes back, in any order, the client appends it to the output files at once when it
follows the households done, exactly as one process would; otherwise it writes it to
``DIR/partitions/<first>-<count>.part`` (beside, then renamed: whole or absent) and records it
in the manifest (``completed``), until the partitions before it are appended, in input order
(then its file is deleted).

The one check across lines, an id that an earlier line's situation had, is the client's, as it
appends in input order: it keeps the ids seen (after a ``--resume``, read off the outputs
already written: :func:`ids_done`); a partition with such a line is evaluated again, that line
refused as in one process (rare: the other partitions are appended as they came).

A worker lost mid-run: Dask runs its partition again on another worker, and the partition,
keyed by its place in the input, is written once. A killed client: ``--resume`` appends the
recorded partitions and evaluates the others only.

Dask stays quiet on stderr and Ctrl-C is one line (:mod:`.dask_quiet`); how a run stops, and
its exit status: :mod:`.batch_errors`. The local cluster serves no HTTP (its servers stopped
as they start) and speaks TLS with certificates made for it, so that another user of the
machine cannot join it.

Dask (``pip install 'rights-engine[cluster]'``) is imported inside the functions that use it
only, so that the command line starts without it.
"""

from __future__ import annotations

import importlib.util
import itertools
import logging
import uuid
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import orjson

from rights_engine.situation.loader import RawLine

from .batch_errors import EnvironmentFailed, Refused, writing
from .batch_partition import Packed, PartitionOutput, evaluate_packed, packed
from .dask_quiet import (
    Interruption,
    dask_quiet,
    hold_interrupts,
    release_interrupts,
    start_resource_tracker,
    stop_http_server,
)
from .errors import debugging
from .inputs import Household, Rejected

if TYPE_CHECKING:
    from .batch import _Progress, _Run

__all__ = ["MISSING_DASK", "connect", "dask_missing", "ids_done", "screen_on_cluster"]

MISSING_DASK = (
    "--workers and --scheduler need Dask: pip install 'rights-engine[cluster]' (dask[distributed])"
)

Key = tuple[int, int]
"""A partition: its first household (0-based index in the input) and its count."""


SCHEDULER_SCHEMES = ("tcp", "tls")
EXPECTED_ADDRESS = "expected tcp://HOST:PORT or tls://HOST:PORT"
SCHEDULER_LOST = "the Dask scheduler was lost: resume with --resume"


LOCAL_CLUSTER_CONFIG = {
    # The workers' statistical profiler samples their stacks every 10 ms for the dashboard,
    # which this cluster has not: it would take the GIL from the evaluation.
    "distributed.worker.profile.enabled": False,
    # Each server's event loop (the scheduler and the nannies, in this process; each worker)
    # checks its own health every 20 ms by default, to warn when it was blocked for 3 s: once
    # a second warns as well, for a twentieth of the wake-ups.
    "distributed.admin.tick.interval": "1s",
    # Each nanny (in this process) and worker reads the worker's memory every 100 ms by
    # default; a partition's memory grows far slower than the limit's margin in 500 ms.
    "distributed.worker.memory.monitor-interval": "500ms",
    # The scheduler and each worker start an HTTP server whatever the settings (distributed
    # 2026.8: Scheduler.__init__ and Worker.start_unsafe call start_http_server): it serves no
    # page (no route) until it is stopped, as soon as it started (:func:`stop_http_server`).
    "distributed.scheduler.http.routes": [],
    "distributed.worker.http.routes": [],
}
"""The settings of the local cluster of ``--workers``, passed on to its workers: fewer
wake-ups of this process (the client, the scheduler and the nannies share it) and of the
workers while they evaluate."""


def dask_missing() -> bool:
    return importlib.util.find_spec("distributed") is None


Item = RawLine | Household | Rejected
"""A household of the input as the client reads it: a raw line of a batch (read on a worker),
or what else the input holds (read here)."""


def _partitions(items: Iterator[Item], first: int, size: int) -> Iterator[tuple[Key, list[Item]]]:
    while chunk := list(itertools.islice(items, size)):
        yield (first, len(chunk)), chunk
        first += len(chunk)


_UNREADABLE = (ValueError, KeyError, TypeError, IndexError)
"""What :meth:`PartitionOutput.from_bytes` raises on bytes of another format (orjson's errors
are ValueErrors)."""


class _Parts:
    """The partitions evaluated but not yet appended: one file each, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: Key) -> Path:
        return self.folder / f"{key[0]}-{key[1]}.part"

    def write(self, key: Key, data: bytes) -> None:
        temporary = self.path(key).with_suffix(".tmp")
        with writing(temporary):
            self.folder.mkdir(exist_ok=True)
            with open(temporary, "wb") as handle:
                handle.write(data)
                handle.flush()
            temporary.replace(self.path(key))

    def read(self, key: Key) -> PartitionOutput:
        path = self.path(key)
        with writing(path, "cannot read"):
            data = path.read_bytes()
        try:
            return PartitionOutput.from_bytes(data)
        except _UNREADABLE:  # written by another build of rights-engine, or damaged
            raise Refused(
                f"{path}: not a partition this rights-engine can read: cannot resume; start "
                "again in a new folder"
            ) from None

    def remove(self, key: Key) -> None:
        self.path(key).unlink(missing_ok=True)


def _tls_configured() -> bool:
    """Whether Dask's settings give a client what ``tls://`` needs (a CA and a certificate)."""
    from distributed.security import Security

    try:
        return Security().get_connection_args("client")["ssl_context"] is not None
    except (OSError, ValueError):  # files named by the settings that cannot be read
        return False


def _checked_address(address: str) -> str:
    """``address`` if it is one of a Dask scheduler that this client can reach
    (``tcp://HOST:PORT``, ``tls://HOST:PORT`` with Dask's TLS settings, or ``HOST:PORT`` of
    Dask's default scheme)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    shown = f"--scheduler {address or repr(address)}"
    try:
        scheme, location = parse_address(address)
        host, port = parse_host_port(location)
    except (ValueError, TypeError):
        raise Refused(f"{shown}: {EXPECTED_ADDRESS}") from None
    if scheme not in SCHEDULER_SCHEMES or not host or not 0 < port < 65536:
        raise Refused(f"{shown}: {EXPECTED_ADDRESS}")
    if scheme == "tls" and not _tls_configured():
        raise Refused(
            f"{shown}: tls:// needs Dask's TLS settings (distributed.comm.tls.ca-file, "
            "distributed.comm.tls.client.cert and .key in the Dask configuration)"
        )
    return address


def _local_client(stack: ExitStack, workers: int | None, debug: bool) -> Any:
    import dask
    from distributed import Client, LocalCluster
    from distributed.security import Security

    # A worker's preload: the text of a module whose dask_setup runs as the worker starts.
    preload = (
        "from rights_engine.cli.dask_quiet import quiet_worker\n"
        f"def dask_setup(worker): quiet_worker(worker, {debug})\n"
    )
    try:
        with dask.config.set(LOCAL_CLUSTER_CONFIG):
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                # No dashboard; the HTTP server started anyway on a free port of the loopback
                # (not 8787, which another run may hold), then stopped.
                dashboard_address="127.0.0.1:0",
                silence_logs=False if debug else logging.CRITICAL,
                preload=[preload],
                # TLS with certificates made for this cluster and held by this process only:
                # another user of the machine cannot connect to the scheduler or the workers
                # (which would give them the households, and run code as this user).
                security=Security.temporary(),
            )
    except Exception as exc:
        if debug:
            raise
        raise EnvironmentFailed(
            f"the local Dask cluster failed to start ({type(exc).__name__})"
        ) from None
    stack.enter_context(cluster)
    cluster.sync(stop_http_server, cluster.scheduler)
    # The scheduler runs in this process: the partitions come back straight from the workers
    # rather than through it (received, then sent again to the client, here).
    return stack.enter_context(Client(cluster, direct_to_workers=True))


def connect(stack: ExitStack, workers: int | None, scheduler: str | None) -> Any:
    """A Dask client (closed with ``stack``): of the scheduler at ``scheduler``, or of a local
    cluster of ``workers`` processes of one thread each. From here to the end of ``stack``:
    Dask quiet on stderr, Ctrl-C ends the run with one line and the status 130."""
    from distributed import Client

    address = None if scheduler is None else _checked_address(scheduler)
    debug = debugging()
    interruption = stack.enter_context(Interruption())
    if not debug:
        stack.enter_context(dask_quiet())
    if address is None:
        start_resource_tracker()
    # Ctrl-C held while Dask starts (a cluster half started would be closed at exit, noisily)
    # and while it closes, at the end of ``stack``; delivered in between.
    previous = hold_interrupts()
    stack.callback(release_interrupts, previous)
    if address is None:
        client = _local_client(stack, workers, debug)
    else:
        try:
            client = stack.enter_context(Client(address, timeout="10s"))
        except (OSError, TimeoutError) as exc:
            raise EnvironmentFailed(
                f"--scheduler {address}: no Dask scheduler answered ({type(exc).__name__})"
            ) from None
    stack.callback(hold_interrupts)  # while the client, then the cluster, close
    release_interrupts(previous)
    interruption.started = True
    if address is not None and not client.scheduler_info().get("workers"):
        # The run waits for one (Ctrl-C stops it): said once, rather than a silent wait.
        click.echo(f"waiting for a Dask worker to join the scheduler at {address}…", err=True)
    return client


def ids_done(run: _Run) -> dict[str, int]:
    """The ids of the situations of a batch already appended to the outputs, each with its
    line: those a later line cannot take. Each household has one line, in ``results.jsonl``
    or ``errors.jsonl``, that gives its id when its situation was read (a line refused for an
    id already used gives none), so they are read there (after a ``--resume``)."""
    from .batch import ERRORS, RESULTS

    ids: dict[str, int] = {}
    for name in (RESULTS, ERRORS):
        with writing(run.out / name, "cannot read"), open(run.out / name, "rb") as handle:
            for text in handle:
                line = orjson.loads(text)
                if line["id"] is not None and line["line"] is not None:
                    ids.setdefault(line["id"], line["line"])
    return ids


def _duplicates(output: PartitionOutput, ids: dict[str, int]) -> dict[int, int]:
    """The lines of the partition whose situation has the id of an earlier one (added to
    ``ids`` otherwise), each with that earlier line: in input order, as in one process."""
    duplicates: dict[int, int] = {}
    for line, id_ in output.ids:
        first = ids.setdefault(id_, line)
        if first != line:
            duplicates[line] = first
    return duplicates


def _checked(data: bytes, key: Key, run: _Run) -> PartitionOutput:
    if b"\n" not in data:  # {"failed": <the exception's type>}
        raise _failed(key, orjson.loads(data)["failed"])
    try:
        output = PartitionOutput.from_bytes(data)
    except _UNREADABLE:
        raise EnvironmentFailed(
            "a Dask worker sent a partition this client cannot read: install the same "
            "rights-engine on the workers"
        ) from None
    if (output.first, output.count) != key:
        raise RuntimeError("a partition came back for other households")
    for name, version in output.versions.items():
        if version != run.settings[name]:
            raise EnvironmentFailed(
                f"a Dask worker has {name} {version}, this run {run.settings[name]}: install "
                "the same rights-engine on the workers"
            )
    return output


def _failed(key: Key, kind: str) -> click.ClickException:
    """One line for a partition that failed: the exception's type only (its text may quote
    personal data)."""
    return EnvironmentFailed(
        f"the partition of input households {key[0] + 1} to {key[0] + key[1]} failed on the "
        f"Dask workers ({kind}); details are hidden as they may hold personal data (rerun with "
        "RIGHTS_ENGINE_DEBUG=1 to see them, or see the workers' logs)"
    )


def screen_on_cluster(
    run: _Run,
    items: Iterator[Item],
    size: int,
    client: Any,
    debug: bool,
    progress: _Progress,
) -> None:
    """Every household after ``run.done`` evaluated on Dask workers, appended in input order."""
    from distributed import as_completed

    from .batch import PARTITIONS

    parts = _Parts(run.out / PARTITIONS)
    completed: set[Key] = {
        (first, count)
        for first, count in run.extra.get("completed", [])
        if first >= run.done and parts.path((first, count)).is_file()
    }
    order: deque[Key] = deque()  # the partitions read and not yet appended, in input order
    inputs: dict[Key, Packed] = {}  # their households, for a partition read again
    outputs: dict[Key, PartitionOutput] = {}  # the partitions evaluated by this run, kept
    chunks = _partitions(items, run.done, size)
    period, full = run.settings["period"], run.settings["full"]
    token = uuid.uuid4().hex  # keys of this run only, on a scheduler that others may share
    ids = ids_done(run) if run.done else {}

    def record() -> None:
        run.extra = {"partition_size": size, "completed": sorted(completed)}

    def evaluate(key: Key, duplicates: dict[int, int] | None = None) -> Any:
        name = f"rights-engine-batch-{token}-{key[0]}{'-again' if duplicates else ''}"
        return client.submit(
            evaluate_packed, inputs[key], key[0], period, full, debug, duplicates, key=name
        )

    def result(future: Any, key: Key) -> bytes:
        try:
            data: bytes = future.result()
        except Exception as exc:
            if client.status != "running":  # its futures cancelled as the scheduler was lost
                raise EnvironmentFailed(SCHEDULER_LOST) from None
            if debug:
                raise
            raise _failed(key, type(exc).__name__) from None
        future.release()
        return data

    def append_ready() -> None:
        while order and order[0] in completed:
            key = order.popleft()
            output = outputs.pop(key, None) or parts.read(key)  # read: evaluated before
            duplicates = _duplicates(output, ids)
            if duplicates:  # rare: the partition evaluated again, these lines refused
                output = _checked(result(evaluate(key, duplicates), key), key, run)
            del inputs[key]
            completed.discard(key)
            record()
            run.append(output, progress)  # the files, then the manifest
            parts.remove(key)
            progress.advance(key[1])

    # Enough partitions in flight to keep every worker busy; the rest wait in the input.
    limit = max(4, 2 * sum(client.nthreads().values()))
    running = as_completed()
    keys: dict[str, Key] = {}

    def submit() -> None:
        while len(keys) < limit:
            chunk = next(chunks, None)
            if chunk is None:
                return
            key, households = chunk
            order.append(key)
            inputs[key] = packed(households)
            if key in completed:  # evaluated before a --resume
                continue
            future = evaluate(key)
            keys[future.key] = key
            running.add(future)

    record()
    submit()
    append_ready()
    for future in running:
        key = keys.pop(future.key)
        data = result(future, key)
        outputs[key] = _checked(data, key, run)
        if order[0] != key:  # kept until the partitions before it are appended
            parts.write(key, data)
            completed.add(key)
            record()
            run.checkpoint()
        else:  # appended at once, below (killed before: evaluated again on --resume)
            completed.add(key)
        submit()
        append_ready()
    if order:
        raise RuntimeError("a partition was never appended")
