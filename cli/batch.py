"""``rights-engine batch``: screen a caseload into a folder of outputs made for it, resumably.

The input (JSON Lines, a folder of YAML situations, or ``-``) is read and screened slice by
slice (:mod:`.batch_input`, :func:`~rights_engine.cli.screening.screen_households`: findings
computed column-wise, no report built unless ``--full``); after each slice, every output file
gets the slice's lines whole (written and flushed), then ``manifest.json`` is replaced
atomically (written beside, then :func:`os.replace`) with the number of input households done,
the fingerprint of their input, the byte size of each output file and the running totals. A run
killed at any moment leaves a manifest that describes complete lines only: ``--resume`` reads
the households already done again (refusing an input whose fingerprint differs), cuts each
file back to the size the manifest gives (dropping the lines of a slice that was being
written) and goes on, so that no household is lost or written twice.

A new run needs an empty ``DIR`` (or none): it never replaces nor removes files that are not
its own. Exit statuses: :mod:`.batch_errors`.

Outputs (``DIR/``):

- ``results.jsonl``: one slim line per evaluated household, in input order (:mod:`.slim`);
- ``catalogue.json``: the text behind the ids of the results, written once per run;
- ``summary.csv``: one row per evaluated household, one column group per programme;
- ``errors.jsonl``: one line per refused household (file, line, id when known, the located
  messages; never a value of the situation);
- ``reports.jsonl`` with ``--full``: the full report of each evaluated household;
- ``summary.json`` at the end: households in = ok + errors, and the totals per programme;
- ``manifest.json``: where the run stands.

With ``--workers N`` or ``--scheduler ADDRESS`` the slices (partitions) are read and evaluated
on Dask workers (this process reads the lines of a JSON Lines batch as bytes only) and appended
in input order by this process (:mod:`.batch_cluster`): the same files.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import IO, Any

import click
import orjson
from rich.progress import Progress, TaskID

from rights_engine._version import __version__
from rights_engine.collector import collector_paused
from rights_engine.engine.catalogue import programmes
from rights_engine.engine.evaluate import SIMULATION_SIZE
from rights_engine.versioning import rules_version

from .batch_errors import INTERRUPTED, INTERRUPTED_RESUMABLE, OutputError, Refused, writing
from .batch_input import FingerprintedInput, households_read, input_items
from .batch_partition import PartitionOutput, households_screened, partition_output
from .caseload import FIRST_SLICE, Evaluated
from .feedback import print_problem, stderr_progress
from .inputs import Household, Rejected, is_batch, period_option, printable
from .screening import Screened
from .slim import Totals, catalogue, csv_header, csv_lines

__all__ = [
    "MANIFEST",
    "MANIFEST_FORMAT",
    "OUTPUTS",
    "batch_command",
    "input_paths",
]

DEBUG_VARIABLE = "RIGHTS_ENGINE_DEBUG"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
FINGERPRINT = "input_fingerprint"
"""The manifest's key of the fingerprint of the input households done
(:class:`~.batch_input.FingerprintedInput`)."""
LOCK = ".lock"
PARTITIONS = "partitions"
"""The folder of the partitions evaluated on a cluster but not yet appended (in input order)."""
PARTITION_FILE = re.compile(r"\d+-\d+\.(part|tmp)")
"""The name of a partition file of :mod:`.batch_cluster` (``<first>-<count>.part``), or of one
being written."""
RESULTS, CSV, ERRORS, REPORTS = "results.jsonl", "summary.csv", "errors.jsonl", "reports.jsonl"
OUTPUTS = (RESULTS, CSV, ERRORS)
"""The output files written slice by slice (``reports.jsonl`` too with ``--full``)."""
SITUATION_SUFFIXES = (".yaml", ".yml")


def _debug() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def input_paths(source: str) -> list[str]:
    """The files of the input: the JSON Lines file or ``-`` itself, or a folder's YAML
    situations in the order of their names (also those that are not regular files, which
    :func:`~.batch_input.input_items` refuses)."""
    if source != "-" and Path(source).is_dir():
        return [
            str(path)
            for path in sorted(Path(source).iterdir())
            if path.suffix.lower() in SITUATION_SUFFIXES
        ]
    return [source]


def _count(paths: list[str]) -> int | None:
    """How many households the input holds, for the progress bar (None for standard input)."""
    if paths == ["-"]:
        return None
    if len(paths) > 1 or not is_batch(paths[0]):
        return len(paths)
    total, last = 0, b"\n"
    try:
        with open(paths[0], "rb") as handle:
            while chunk := handle.read(1 << 20):
                total += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return None
    return total + (last != b"\n")


def _atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` at once: a reader (or a resumed run) sees the old content or
    the new one, never a part."""
    temporary = path.with_name(path.name + ".tmp")
    with writing(path):
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
                handle.flush()
            os.replace(temporary, path)
        except OSError:
            with suppress(OSError):  # what a full disk let through; the old file stays
                temporary.unlink(missing_ok=True)
            raise


def _dumps(data: Any) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"


class _Progress:
    """A progress bar on stderr when it is a terminal; problems on stderr, one line each."""

    def __init__(self, show: bool, total: int | None, done: int) -> None:
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if show:
            self._progress = stderr_progress(elapsed=True)
            self._task = self._progress.add_task("Criblage des foyers", total=total, completed=done)

    def __enter__(self) -> _Progress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def problem(self, message: str) -> None:
        print_problem(self._progress, message)

    def advance(self, count: int) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, count)


class _Run:
    """The output folder of one run: its files, its manifest and its totals."""

    def __init__(self, out: Path, source: str, period: str | None, full: bool) -> None:
        self.out = out
        self.settings: dict[str, Any] = {
            "input": source,
            "period": period,
            "full": full,
            # A run is resumed with the rules it began with: the results never mix two versions.
            "engine_version": __version__,
            "rules_version": rules_version(),
        }
        self.names = [*OUTPUTS, REPORTS] if full else list(OUTPUTS)
        known = programmes()
        self.programme_ids = [p.id for p in known]
        units = {p.id: p.rules.amount.unit if p.rules.amount else None for p in known}
        self.totals = Totals(units)
        self.done = 0
        self.complete = False
        self.files: dict[str, IO[bytes]] = {}
        self.input: FingerprintedInput | None = None
        """The input, read through its fingerprint (the manifest records it at each
        checkpoint)."""
        self.extra: dict[str, Any] = {}
        """More keys of the manifest (the partitions of a run on a cluster)."""

    def start(self, stack: ExitStack) -> None:
        """A new run in an empty ``DIR``: empty outputs (the CSV with its header) and a
        manifest at 0. A file that cannot be written: the files made so far are removed (``DIR``
        is empty again, for another try) and :class:`OutputError` names it."""
        try:
            _atomic_write(self.out / "catalogue.json", _dumps(catalogue()))
            for name in self.names:
                self.files[name] = self._open(stack, name, "wb")
            with writing(self.out / CSV):
                self.files[CSV].write(csv_lines([csv_header(self.programme_ids)]))
                self.files[CSV].flush()
            self.checkpoint()
        except OutputError:
            for name in ("catalogue.json", *self.names, MANIFEST):
                with suppress(OSError):
                    (self.out / name).unlink(missing_ok=True)
            raise

    def _open(self, stack: ExitStack, name: str, mode: str) -> IO[bytes]:
        """An output file, closed with ``stack`` without a word if what it still holds cannot
        be written (lines that the manifest does not count, cut off by ``--resume``)."""
        with writing(self.out / name):
            handle = open(self.out / name, mode)  # noqa: SIM115 (closed by the stack)
        stack.callback(_close_quietly, handle)
        return handle

    def resume(self, stack: ExitStack, manifest: dict[str, Any]) -> None:
        """Go on from the manifest: each file cut back to the size it gives."""
        self.done = manifest["done"]
        self.complete = manifest.get("complete", False)
        self.totals = Totals(self.totals.units, manifest["totals"])
        self.extra = {k: manifest[k] for k in ("partition_size", "completed") if k in manifest}
        for name in self.names:
            path = self.out / name
            size = manifest["sizes"][name]
            if not path.is_file() or path.stat().st_size < size:
                raise Refused(
                    f"{path}: shorter than the manifest says ({size} bytes): cannot resume; "
                    "start again in a new folder"
                )
        _atomic_write(self.out / "catalogue.json", _dumps(catalogue()))
        for name in self.names:
            with writing(self.out / name):
                os.truncate(self.out / name, manifest["sizes"][name])
            self.files[name] = self._open(stack, name, "ab")

    def checkpoint(self) -> None:
        sizes = {name: self.files[name].tell() for name in self.names}
        if self.input is None:
            raise RuntimeError("a checkpoint before the input is read")
        manifest = {
            "format": MANIFEST_FORMAT,
            **self.settings,
            "done": self.done,
            "complete": self.complete,
            "sizes": sizes,
            "totals": self.totals.state(),
            FINGERPRINT: self.input.digest(self.done),
            **self.extra,
        }
        _atomic_write(self.out / MANIFEST, _dumps(manifest))

    def write_slice(
        self, items: Iterable[Evaluated | Screened | Rejected], count: int, progress: _Progress
    ) -> None:
        """The lines of one slice, whole, in every file; then the manifest."""
        full = REPORTS in self.files
        output = partition_output(
            items, self.done, count, self.programme_ids, full, progress.problem
        )
        self.append(output, progress)

    def append(self, output: PartitionOutput, progress: _Progress) -> None:
        """The lines of the households that follow the ones done, whole, in every file; then
        the manifest."""
        if output.first != self.done:
            raise RuntimeError("a slice was appended out of input order")
        for message in output.problems:
            progress.problem(message)
        chunks = {
            RESULTS: output.results,
            CSV: output.csv,
            ERRORS: output.errors,
            REPORTS: output.reports,
        }
        for name, data in chunks.items():
            if data and name in self.files:
                with writing(self.out / name):
                    self.files[name].write(data)
        for name, handle in self.files.items():
            with writing(self.out / name):
                handle.flush()
        self.totals.merge(output.totals)
        self.totals.errors += output.refused
        self.done += output.count
        self.checkpoint()

    def finish(self) -> dict[str, Any]:
        summary = self.totals.summary()
        _atomic_write(self.out / "summary.json", _dumps(summary))
        self.complete = True
        self.extra = {}
        self.checkpoint()
        _remove_partitions(self.out / PARTITIONS)
        return summary


def _close_quietly(handle: IO[bytes]) -> None:
    with suppress(OSError):
        handle.close()


def _remove_partitions(folder: Path) -> None:
    """The partition files left in ``folder`` (appended), then the folder if nothing else is
    in it: what else it holds is not this tool's to remove."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if PARTITION_FILE.fullmatch(name):
            with suppress(OSError):
                (folder / name).unlink()
    with suppress(OSError):
        folder.rmdir()  # only when empty


def _screen_slices(
    run: _Run,
    households: Iterator[Household | Rejected],
    size: int,
    options: tuple[str | None, bool, bool],
    progress: _Progress,
) -> None:
    """The input read, screened and written in slices of ``size`` households (the first one
    smaller, for a quick start), each with the cyclic collector paused: a slice's objects hold
    few cycles, and are all freed before it resumes (so that it never walks them)."""
    first = min(size, FIRST_SLICE)
    while True:
        with collector_paused(threads_owned=True):
            count = _screen_slice(run, households, first, options, progress)
        if not count:
            return
        progress.advance(count)
        first = size


def _screen_slice(
    run: _Run,
    households: Iterator[Household | Rejected],
    size: int,
    options: tuple[str | None, bool, bool],
    progress: _Progress,
) -> int:
    """The next ``size`` households (fewer at the end of the input) read, screened column-wise
    (the full reports only with ``--full``) and written; how many there were."""
    period, full, debug = options
    chunk = list(itertools.islice(households, size))
    if chunk:
        screened = households_screened(chunk, period, full, debug, len(chunk))
        run.write_slice(screened, len(chunk), progress)
    return len(chunk)


def _lock(out: Path, stack: ExitStack) -> None:
    """One run at a time in a folder: a lock on ``DIR/.lock``, held until the run ends (the
    system releases it when a run is killed)."""
    with writing(out, "cannot create the folder"):
        out.mkdir(parents=True, exist_ok=True)
    with writing(out / LOCK):
        handle = stack.enter_context(open(out / LOCK, "wb"))
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise Refused(f"{out}: another rights-engine batch is writing here") from None


def _refuse_unless_empty(out: Path) -> None:
    """A new run writes into a folder that does not exist or is empty (but for the lock of an
    earlier try): it never replaces nor removes what is not its own."""
    try:
        entries = [name for name in os.listdir(out) if name != LOCK]
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise Refused(f"{out}: not a folder") from None
    except OSError as exc:
        raise OutputError(out, exc, "cannot read the folder") from None
    if MANIFEST in entries:
        raise Refused(
            f"{out} already holds a run ({MANIFEST}): --resume to go on with it, or "
            "choose another folder"
        )
    if entries:
        raise Refused(f"{out} is not empty: choose a new or empty folder (nothing was written)")


def _load_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise Refused(
            f"{path.parent}: no {MANIFEST}, nothing to resume (run without --resume)"
        ) from None
    except (OSError, orjson.JSONDecodeError):
        raise Refused(f"{path}: not a manifest of rights-engine batch") from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise Refused(f"{path}: not a manifest of rights-engine batch") from None
    return manifest


def _check_settings(run: _Run, manifest: dict[str, Any]) -> None:
    for key, value in run.settings.items():
        if manifest.get(key) != value:
            raise Refused(
                f"--resume: the run in {run.out} had {key} {manifest.get(key)!r}, "
                f"not {value!r}; resume it with the same input, options and rules"
            )
    if not isinstance(manifest.get(FINGERPRINT), str):
        raise Refused(
            f"{run.out / MANIFEST}: written by an earlier rights-engine, without the "
            "fingerprint of its input: cannot resume; start again in a new folder"
        )


def _skip_done(
    source: str, items: FingerprintedInput, read: Iterator[Any], manifest: dict[str, Any]
) -> None:
    """Read the ``done`` households of the run being resumed, refusing an input that is not
    the one they were read from."""
    done = manifest["done"]
    items.skip(read, done)
    if items.read != done or items.digest(done) != manifest[FINGERPRINT]:
        why = (
            f"it has {items.read} households, the run had done {done}"
            if items.read != done
            else f"its first {done} households differ from those the run had read"
        )
        raise Refused(
            f"{printable(source)} is not the input of the run being resumed ({why}); resume "
            "with the same input, or start again in a new folder"
        )


@click.command("batch")
@click.argument(
    "source",
    metavar="INPUT",
    type=click.Path(exists=True, dir_okay=True, allow_dash=True),
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Folder of the outputs (created if needed).",
)
@click.option(
    "--period",
    callback=period_option,
    metavar="YYYY-MM",
    help="Month to evaluate (overrides each situation's period).",
)
@click.option("--full", is_flag=True, help="Also write the full reports (reports.jsonl).")
@click.option(
    "--resume",
    is_flag=True,
    help="Go on with the interrupted run of DIR (same INPUT and options), from its manifest.",
)
@click.option(
    "--slice",
    "slice_size",
    type=click.IntRange(1, SIMULATION_SIZE),
    default=SIMULATION_SIZE,
    show_default=True,
    metavar="N",
    help="Households evaluated, written and recorded in the manifest together (with --workers "
    "or --scheduler: the partition a worker evaluates).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, None),
    metavar="N",
    help="Evaluate on a local Dask cluster of N worker processes (partitions of --slice "
    "households); needs rights-engine[cluster].",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Evaluate on the workers of an existing Dask scheduler (tcp://HOST:PORT or "
    "tls://HOST:PORT); the households travel to them, the results come back here.",
)
@click.pass_context
def batch_command(
    ctx: click.Context,
    source: str,
    out_dir: str,
    period: str | None,
    full: bool,
    resume: bool,
    slice_size: int,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Screen a caseload into DIR: slim results, a CSV summary, the refused lines, the totals.

    INPUT is a JSON Lines file (one situation per line), a folder of YAML situations, or -
    (standard input). DIR gets results.jsonl (one slim line per household, in input order,
    the catalogue's text referenced by id in catalogue.json), summary.csv (one row per
    household, a column group per programme), errors.jsonl (line, id, located messages),
    summary.json at the end (households in = ok + errors; per programme: households likely,
    to confirm, euros per month) and manifest.json, updated after each slice. A killed run
    keeps complete lines only: --resume goes on from the manifest (with the same INPUT: its
    fingerprint is checked), with no household lost or written twice. A new run needs DIR
    empty or absent. Exit status 2 when some household was refused or the run was refused
    before it started; 1 when the outputs could not be written or the cluster failed, 130
    after Ctrl-C (--resume goes on); 0 when every household was evaluated.

    --workers N or --scheduler ADDRESS evaluate partitions of --slice households on Dask
    workers; the outputs are the same, byte for byte.
    """
    if workers is not None and scheduler is not None:
        raise click.UsageError("--workers and --scheduler exclude each other: choose one")
    if workers is not None or scheduler is not None:
        from .batch_cluster import MISSING_DASK, dask_missing

        if dask_missing():
            click.echo(f"Error: {MISSING_DASK}", err=True)
            ctx.exit(2)
    paths = input_paths(source)
    if not paths:
        raise click.UsageError(f"{source}: no situation (.yaml, .yml) in this folder")
    out = Path(out_dir)
    manifest_path = out / MANIFEST
    if resume and not manifest_path.exists():
        _load_manifest(manifest_path)  # refused, before DIR or its lock is made
    if not resume:
        _refuse_unless_empty(out)
    run = _Run(out, source, period, full)
    try:
        summary = _run(run, source, paths, period, full, slice_size, workers, scheduler, resume)
    except KeyboardInterrupt:  # in one process; on a cluster, batch_cluster says it
        resumable = (out / MANIFEST).exists()
        click.echo(INTERRUPTED_RESUMABLE if resumable else "interrupted", err=True)
        ctx.exit(INTERRUPTED)
    click.echo(
        f"{summary['households']} households: {summary['ok']} evaluated, "
        f"{summary['errors']} refused → {out}",
        err=True,
    )
    if summary["errors"]:
        ctx.exit(2)


def _run(
    run: _Run,
    source: str,
    paths: list[str],
    period: str | None,
    full: bool,
    slice_size: int,
    workers: int | None,
    scheduler: str | None,
    resume: bool,
) -> dict[str, Any]:
    """The run of :func:`batch_command` in ``run.out``, from its start or from its manifest;
    its summary."""
    out = run.out
    manifest_path = out / MANIFEST
    cluster = workers is not None or scheduler is not None
    with ExitStack() as stack:
        _lock(out, stack)
        manifest = _load_manifest(manifest_path) if resume else None
        if manifest is None:
            _refuse_unless_empty(out)  # again, under the lock
        else:
            _check_settings(run, manifest)
        items = run.input = FingerprintedInput(input_items(source, paths, period))
        # In one process the households are parsed as they are read (so that the households
        # already done are seen by the checks across lines, such as an id used twice); the
        # Dask client reads the lines of a batch as bytes only (the ids of the households
        # done are read off the outputs: batch_cluster.ids_done).
        finished = manifest is not None and manifest.get("complete", False)
        households: Iterator[Any] = items
        if not cluster and not finished:
            households = households_read(items, period)
        if manifest is not None:
            _skip_done(source, items, households, manifest)  # nothing was written before
        client = None
        if cluster and not finished:
            from .batch_cluster import connect

            client = connect(stack, workers, scheduler)  # before any output is written
        if manifest is not None:
            run.resume(stack, manifest)
        else:
            run.start(stack)
        show = sys.stderr.isatty()
        total = _count(paths) if show else None
        debug = _debug()
        with _Progress(show, total, run.done) as progress:
            if not run.complete and client is not None:
                from .batch_cluster import screen_on_cluster

                try:
                    screen_on_cluster(run, items, slice_size, client, debug, progress)
                except OSError as exc:
                    _raise_if_output(out, exc)
                    raise
            elif not run.complete:
                _screen_slices(run, households, slice_size, (period, full, debug), progress)
            return run.finish()


def _raise_if_output(out: Path, exc: OSError) -> None:
    """An :class:`OSError` on a file of ``DIR`` (a partition of :mod:`.batch_cluster`) as an
    :class:`OutputError`; any other is left as it is (a connection to the cluster…)."""
    if exc.filename is None:
        return
    path = Path(os.fsdecode(exc.filename))
    if path.is_relative_to(out):
        raise OutputError(path, exc, "cannot write or read") from None
