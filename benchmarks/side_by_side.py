#!/usr/bin/env python3
"""Our engine and OpenFisca-France (OFF) side by side, on the same realistic households.

Households come from the project's one generator (``rights_engine.synthetic.draw_household``,
streamed exactly as ``generate_households(count, seed, (period,))`` draws them), keeping those
OFF can be given (``france_inputs.expressible``: no self-employment nor "other" income), and are
written once as our JSON Lines and once as OFF inputs (``france_inputs.add_situation``, the
conversion the differential tests check). OFF computes the variables the whole-household
differential test compares (``whole_households``): rsa, ppa, aide_logement, aspa, af, cf, asf,
paje_base, css_participation_forfaitaire, cheque_energie, aah + caah, apa_domicile, and the CSS
status variables. Our engine evaluates everything it evaluates (every programme, the report).

Runs alternate (ours, OFF, ours, OFF, …, ``--repeat`` each) and the table gives min / median /
max of each measure and the ratio of the medians:

* cold CLI: ours ``rights-engine simulate FILE --format json`` in a fresh process; OFF a fresh
  process of the oracle venv's python running ``tests/differential/oracle_runner.py`` (OFF has
  no command that computes a situation: its ``openfisca`` CLI serves the web API or runs YAML
  tests), which imports OFF, loads its tax-benefit system, builds the simulation, calculates
  and prints the values as JSON. Both: wall time of the process, start-up included. Ours is
  run twice per round: with our caches as a user has them (parameter tree, programmes'
  catalogue, rules version; written by the first run) and with them off
  (``RIGHTS_ENGINE_CACHE_DIR=``: the YAML parsed in every process, as OFF does);
* warm call: ours ``rights_engine.evaluate(situation)`` in this (warm) process; OFF a new
  ``SimulationBuilder().build_from_entities`` + calculate of every variable in a warm process
  (``benchmarks/off_runner.py warm``, timed inside it); the first call of each is left out;
* batch at N households: ours ``rights-engine batch INPUT.jsonl --out DIR`` (slim results),
  wall time of the process, start-up and loading our system included; OFF
  ``benchmarks/off_runner.py batch``: after loading its system (not counted), read the inputs,
  build one vectorised simulation per chunk of ``--off-chunk`` households (two per chunk: the
  logement-foyer households whose housing aid is declared are simulated apart, as in the
  differential test), calculate, write one JSON line per household. OFF's simulation is built
  two ways (``--off-build``): from arrays (``set_input``, the vectorised way to feed it a
  caseload; the arrays are a reshaping of the entities dict done when the inputs are written)
  and from the entities dict itself (``build_from_entities``, as the differential tests and
  OFF's web API do, which parses every value in Python); both give the same values. Peak RSS
  of both processes (``os.wait4`` in a small launcher: see ``run_process``);
* peak memory of ours at ``--memory-sizes`` households (a batch run each, ours only).

Usage (from the repository, with the package installed in the running venv)::

    python benchmarks/side_by_side.py --sizes 10000,100000 --repeat 3 --json results.json

The oracle venv is built on first use (``tests/differential/oracle.py``, a few minutes). Inputs
are generated once per (size, seed, period) under ``--workdir``. Figures only: nothing is
asserted.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

REPOSITORY = Path(__file__).resolve().parent.parent
DIFFERENTIAL = REPOSITORY / "tests" / "differential"
OFF_RUNNER = Path(__file__).resolve().parent / "off_runner.py"
sys.path.insert(0, str(DIFFERENTIAL))

import oracle  # noqa: E402
from france_inputs import add_situation, expressible, gross_salary  # noqa: E402
from households import empty_entities  # noqa: E402
from whole_households import _requests  # noqa: E402

from rights_engine.situation.models import Situation  # noqa: E402
from rights_engine.synthetic import draw_household  # noqa: E402

# Months whose salary grid (OFF's gross for a net salary) is cached in the repository: another
# month would make the oracle compute it and write a new file into tests/differential.
PERIODS = ("2024-07", "2025-07", "2026-09")
SEED = 2026_12_01
GROUPS = ("aide_calculee", "aide_declaree")  # OFF fixes an input for every famille of a simulation
READY = "ready"
LAYOUT = 2  # of the files under --workdir: a folder written by another layout is rewritten
MIB = 1024.0  # ru_maxrss is in KiB on Linux

console = Console(stderr=True)


# Households -------------------------------------------------------------------------------------


def iter_households(seed: int, period: str) -> Iterator[Situation]:
    """The households of ``generate_households(count, seed, (period,))``, one by one, endlessly."""
    rng = random.Random(seed)
    index = 0
    while True:
        yield draw_household(rng, period, f"s{seed}-{index}")
        index += 1


def expressible_households(seed: int, period: str, count: int) -> Iterator[Situation]:
    """The first ``count`` generated households that OFF can be given."""
    kept = 0
    for situation in iter_households(seed, period):
        if kept == count:
            return
        if expressible(situation):
            kept += 1
            yield situation


def situation_line(situation: Situation) -> str:
    return situation.model_dump_json(by_alias=True, exclude_none=True)


def off_payload(entities: dict[str, Any], period: str) -> dict[str, Any]:
    return {"situation": entities, "requests": _requests(period)}


# The group entities of the entities dict: their key in OFF and the names of their roles there.
ROLES = {
    "familles": ("famille", ("parents", "enfants")),
    "foyers_fiscaux": ("foyer_fiscal", ("declarants", "personnes_a_charge")),
    "menages": ("menage", ("personne_de_reference", "conjoint", "enfants")),
}


def to_columns(entities: dict[str, Any]) -> dict[str, Any]:
    """The same inputs as arrays, for ``off_runner.build_from_arrays``: the person ids; per group
    entity its ids, each person's group (row) and role (name, position in it); per variable and
    period the rows given and their values (the others keep OFF's default)."""
    persons = list(entities["individus"])
    row_of = {person: row for row, person in enumerate(persons)}
    inputs: dict[str, dict[str, dict[str, Any]]] = {}

    def add(variable: str, by_period: dict[str, Any], row: int) -> None:
        for period, value in by_period.items():
            slot = inputs.setdefault(variable, {}).setdefault(period, {"index": [], "values": []})
            slot["index"].append(row)
            slot["values"].append(value)

    for row, data in enumerate(entities["individus"].values()):
        for variable, by_period in data.items():
            add(variable, by_period, row)
    groups: dict[str, Any] = {}
    for plural, (key, names) in ROLES.items():
        members = [0] * len(persons)
        roles: list[list[Any]] = [["", 0]] * len(persons)
        for row, data in enumerate(entities[plural].values()):
            for name, value in data.items():
                if name in names:
                    for position, person in enumerate(value):
                        members[row_of[person]] = row
                        roles[row_of[person]] = [name, position]
                else:
                    add(name, value, row)
        groups[key] = {"ids": list(entities[plural]), "members": members, "roles": roles}
    return {"persons": persons, "groups": groups, "inputs": inputs}


def _group(situation: Situation) -> str:
    status = situation.household.housing.status
    return GROUPS[1] if status is not None and status.value == "shelter" else GROUPS[0]


@dataclass
class Inputs:
    """The files of one size: our JSON Lines, OFF's chunks (none for ``ours_only``)."""

    folder: Path
    count: int

    @property
    def jsonl(self) -> Path:
        return self.folder / "households.jsonl"

    @property
    def chunks(self) -> list[Path]:
        """OFF's inputs as entities dicts (``build_from_entities``)."""
        return sorted((self.folder / "off").glob("chunk-*.json"))

    @property
    def columns(self) -> list[Path]:
        """The same inputs as arrays (``off_runner.build_from_arrays``)."""
        return sorted((self.folder / "off").glob("columns-*.json"))


def prepare(
    workdir: Path,
    count: int,
    seed: int,
    period: str,
    *,
    with_off: bool,
    chunk: int,
    advance: Callable[[], None],
) -> Inputs:
    """Write ``count`` households (once: a marker tells the files are complete)."""
    suffix = "" if with_off else "-ours"
    inputs = Inputs(workdir / f"n{count}-s{seed}-{period}{suffix}", count)
    marker = inputs.folder / READY
    complete = f"{count} {chunk} {LAYOUT}"
    if marker.exists() and marker.read_text(encoding="utf-8") == complete:
        return inputs
    shutil.rmtree(inputs.folder, ignore_errors=True)
    (inputs.folder / "off" if with_off else inputs.folder).mkdir(parents=True)
    gross = gross_salary(period) if with_off else None
    pending = {group: empty_entities() for group in GROUPS}
    number = 0

    def flush() -> None:
        for group, entities in pending.items():
            if entities["familles"]:
                name = f"{number:04d}-{group}.json"
                path = inputs.folder / "off" / f"chunk-{name}"
                path.write_text(json.dumps(off_payload(entities, period)), encoding="utf-8")
                columns = {"columns": to_columns(entities), "requests": _requests(period)}
                path = inputs.folder / "off" / f"columns-{name}"
                path.write_text(json.dumps(columns), encoding="utf-8")
                pending[group] = empty_entities()

    with inputs.jsonl.open("w", encoding="utf-8") as out:
        for index, situation in enumerate(expressible_households(seed, period, count)):
            out.write(situation_line(situation) + "\n")
            if gross is not None:
                add_situation(pending[_group(situation)], situation, gross)
                if (index + 1) % chunk == 0:
                    flush()
                    number += 1
            advance()
    if gross is not None:
        flush()
    marker.write_text(complete, encoding="utf-8")
    return inputs


# Processes ------------------------------------------------------------------------------------


@dataclass
class Ran:
    seconds: float
    peak_mib: float
    stdout: str


# Started by a small Python process rather than by this one: Linux counts in a process's peak
# RSS (``ru_maxrss``) the memory of the process it was forked from, kept across ``exec``; forked
# from this script (hundreds of MiB once households are generated), every child would report at
# least this script's size. This launcher is small when it forks the measured command, times it
# and writes "seconds peak_kib" to the file given as its first argument.
_LAUNCHER = """
import os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write(f"{seconds} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_process(
    command: Sequence[str], *, env: dict[str, str] | None = None, stdin: Path | None = None
) -> Ran:
    """Run ``command`` to its end: its wall time and the peak RSS of that very process
    (``os.wait4`` in a small launcher, see ``_LAUNCHER``)."""
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as out,
        tempfile.TemporaryFile("w+", encoding="utf-8") as err,
        tempfile.NamedTemporaryFile("r", encoding="utf-8") as measured,
        open(stdin, encoding="utf-8") if stdin else open(os.devnull, encoding="utf-8") as source,
    ):
        launcher = [sys.executable, "-c", _LAUNCHER, measured.name]
        process = subprocess.Popen(
            [*launcher, *map(str, command)], stdin=source, stdout=out, stderr=err, env=env
        )
        process.wait()
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise click.ClickException(
                f"{' '.join(map(str, command))} exited {process.returncode}:\n{err.read()[-3000:]}"
            )
        seconds, peak_kib = measured.read().split()
        return Ran(float(seconds), float(peak_kib) / MIB, out.read())


def rights_engine_command() -> str:
    beside = Path(sys.executable).parent / "rights-engine"
    found = str(beside) if beside.is_file() else shutil.which("rights-engine")
    if found is None:
        raise click.ClickException("rights-engine is not installed in this environment")
    return found


class OffWarm:
    """OFF's warm process: the system loaded once, one simulation per ``run``."""

    def __init__(self, python: Path, payload: Path) -> None:
        self.process = subprocess.Popen(
            [str(python), str(OFF_RUNNER), "warm", str(payload)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=oracle._clean_env(),
        )
        self.tbs_seconds = float(self._answer()["tbs_seconds"])

    def _answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise click.ClickException("OFF's warm process stopped")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def run(self) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write("run\n")
        self.process.stdin.flush()
        return float(self._answer()["seconds"])

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


# Measures -------------------------------------------------------------------------------------


@dataclass
class Measure:
    measure: str
    includes: str
    unit: str
    ours: list[float] = field(default_factory=list)
    off: list[float] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def stats(self, values: list[float]) -> dict[str, float] | None:
        if not values:
            return None
        return {"min": min(values), "median": statistics.median(values), "max": max(values)}

    def ratio(self) -> float | None:
        ours, off = self.stats(self.ours), self.stats(self.off)
        if ours is None or off is None or off["median"] == 0:
            return None
        return ours["median"] / off["median"]

    def summary(self, values: list[float]) -> dict[str, Any] | None:
        stats = self.stats(values)
        return None if stats is None else {**stats, "runs": values}

    def as_json(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "includes": self.includes,
            "unit": self.unit,
            "ours": self.summary(self.ours),
            "off": self.summary(self.off),
            "ratio_of_medians_ours_over_off": self.ratio(),
            "details": self.details,
        }


def _thousands(count: float) -> str:
    return f"{count:,.0f}".replace(",", " ")


def _number(value: float) -> str:
    if abs(value) >= 100:
        return _thousands(value)
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if abs(value) >= 1 else f"{value:.3f}"


def markdown(measures: Sequence[Measure]) -> str:
    lines = [
        "| measure | includes | ours min | ours median | ours max "
        "| OFF min | OFF median | OFF max | ours ÷ OFF (medians) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for measure in measures:
        cells = [f"{measure.measure} ({measure.unit})", measure.includes]
        for values in (measure.ours, measure.off):
            stats = measure.stats(values)
            cells += [_number(stats[k]) for k in ("min", "median", "max")] if stats else ["—"] * 3
        ratio = measure.ratio()
        cells.append(f"{ratio:.2f}" if ratio is not None else "—")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


class Bench:
    def __init__(self, options: dict[str, Any], progress: Progress) -> None:
        self.options = options
        self.progress = progress
        self.workdir: Path = options["workdir"]
        self.period: str = options["period"]
        self.seed: int = options["seed"]
        self.env = oracle._clean_env()
        self.engine = rights_engine_command()
        self.measures: list[Measure] = []
        self.batch_peaks: dict[int, list[float]] = {}

    @functools.cached_property
    def python(self) -> Path:
        """The oracle venv's python (built on first use: not for a run of ours only)."""
        return oracle.oracle_python()

    def _task(self, description: str, total: int) -> Callable[[], None]:
        task = self.progress.add_task(description, total=total)
        return lambda: self.progress.advance(task)

    def single(self) -> tuple[Situation, Path, Path]:
        """One household, as our situation file and as OFF's payload."""
        folder = self.workdir / f"single-s{self.seed}-{self.period}"
        folder.mkdir(parents=True, exist_ok=True)
        [situation] = expressible_households(self.seed, self.period, 1)
        ours = folder / "household.json"
        ours.write_text(situation_line(situation), encoding="utf-8")
        entities = empty_entities()
        add_situation(entities, situation, gross_salary(self.period))
        off = folder / "household-off.json"
        off.write_text(json.dumps(off_payload(entities, self.period)), encoding="utf-8")
        return situation, ours, off

    def cold(self, ours_file: Path, off_file: Path, repeat: int) -> None:
        """Ours twice per round: with our caches as a user has them (written by the first run,
        ``rights_engine.disk_cache``: parameter tree, programmes' catalogue, rules version) and
        with them off (every YAML file parsed, as OFF does); OFF once."""
        measure = Measure(
            "cold CLI, 1 household",
            "a fresh process: start-up, loading the system, 1 simulation, JSON out "
            "(ours `simulate --format json`, OFF `oracle_runner.py`)",
            "s",
        )
        uncached = Measure(
            "cold CLI, 1 household, our caches off",
            "as above, ours with `RIGHTS_ENGINE_CACHE_DIR=` (its parameter and programme YAML "
            "parsed in every process, as OFF's)",
            "s",
        )
        no_cache = {**os.environ, "RIGHTS_ENGINE_CACHE_DIR": ""}
        command = [self.engine, "simulate", str(ours_file), "--format", "json"]
        advance = self._task("cold CLI (ours, ours without cache, OFF alternately)", 3 * repeat)
        for _ in range(repeat):
            measure.ours.append(run_process(command).seconds)
            advance()
            uncached.ours.append(run_process(command, env=no_cache).seconds)
            advance()
            ran = run_process([str(self.python), str(oracle.RUNNER)], env=self.env, stdin=off_file)
            measure.off.append(ran.seconds)
            measure.details.setdefault("off_tbs_seconds", []).append(
                json.loads(ran.stdout)["tbs_seconds"]
            )
            advance()
        uncached.off = measure.off
        self.measures.extend([measure, uncached])

    def warm(self, situation: Situation, off_file: Path, repeat: int) -> None:
        import rights_engine

        measure = Measure(
            "warm call, 1 household",
            "system loaded, first call left out (ours `evaluate`: the whole report; OFF "
            "`build_from_entities` + calculate)",
            "ms",
        )
        advance = self._task("warm calls (ours, OFF alternately)", 2 * repeat + 2)
        off = OffWarm(self.python, off_file)
        try:
            rights_engine.evaluate(situation)  # warm-up: loads our system
            advance()
            off.run()
            advance()
            for _ in range(repeat):
                started = time.perf_counter()
                rights_engine.evaluate(situation)
                measure.ours.append((time.perf_counter() - started) * 1000)
                advance()
                measure.off.append(off.run() * 1000)
                advance()
        finally:
            off.close()
        measure.details["off_tbs_seconds"] = off.tbs_seconds
        self.measures.append(measure)

    def prepare(self, count: int, with_off: bool) -> Inputs:
        advance = self._task(f"writing {count:,} households", count)
        return prepare(
            self.workdir,
            count,
            self.seed,
            self.period,
            with_off=with_off,
            chunk=self.options["off_chunk"],
            advance=advance,
        )

    def ours_batch(self, inputs: Inputs, workers: int = 0) -> Ran:
        out = inputs.folder / "ours-out"
        shutil.rmtree(out, ignore_errors=True)
        command = [self.engine, "batch", str(inputs.jsonl), "--out", str(out)]
        if workers:
            command += ["--workers", str(workers)]
        ran = run_process(command)
        written = _count_lines(out / "results.jsonl")
        if written != inputs.count:
            raise click.ClickException(f"ours wrote {written} results for {inputs.count}")
        shutil.rmtree(out, ignore_errors=True)
        return ran

    def batch(self, count: int, repeat: int) -> None:
        inputs = self.prepare(count, with_off=True)
        chunk = _thousands(self.options["off_chunk"])
        size = _thousands(count)
        builds = {
            "arrays": (inputs.columns, ("from arrays", "`set_input`")),
            "entities": (inputs.chunks, ("from dicts", "`build_from_entities`")),
        }
        chosen = [build for build in builds if build in self.options["off_build"]]
        rows: dict[str, tuple[Measure, Measure, Measure]] = {}
        for build in chosen:
            how, built = builds[build][1]
            rows[build] = (
                Measure(
                    f"batch, {size} households, OFF {how}",
                    "ours: the `batch` process, start-up and system included; OFF: after loading "
                    f"its system, read, {built} per {chunk} households, calculate, write",
                    "s",
                ),
                Measure(
                    f"batch throughput, {size} households, OFF {how}",
                    "households ÷ the time above",
                    "households/s",
                ),
                Measure(
                    f"batch peak RSS, {size} households, OFF {how}",
                    "peak RSS of the batch process",
                    "MiB",
                ),
            )
        workers: int = self.options["workers"]
        first_build = builds[chosen[0]][1][0]
        on_workers = Measure(
            f"batch, {size} households, ours on `--workers {workers}`, OFF {first_build}",
            f"ours: `batch --workers {workers}` (a local Dask cluster: its start included), "
            "wall time of the client process; OFF as above",
            "s",
        )
        runs = (1 + len(chosen) + bool(workers)) * repeat
        advance = self._task(f"batch {count:,} (ours, OFF alternately)", runs)
        off_out = inputs.folder / "off-results.jsonl"
        for _ in range(repeat):
            ran = self.ours_batch(inputs)
            for wall, rate, peak in rows.values():
                wall.ours.append(ran.seconds)
                rate.ours.append(count / ran.seconds)
                peak.ours.append(ran.peak_mib)
            self.batch_peaks.setdefault(count, []).append(ran.peak_mib)
            advance()
            if workers:
                on_workers.ours.append(self.ours_batch(inputs, workers).seconds)
                advance()
            for build in chosen:
                wall, rate, peak = rows[build]
                command = [str(self.python), str(OFF_RUNNER), "batch", str(off_out)]
                command += [str(path) for path in builds[build][0]]
                ran = run_process(command, env=self.env)
                answer = json.loads(ran.stdout)
                if answer["households"] != count:
                    raise click.ClickException(f"OFF wrote {answer['households']} for {count}")
                wall.off.append(answer["seconds"])
                if workers and build == chosen[0]:
                    on_workers.off.append(answer["seconds"])
                rate.off.append(count / answer["seconds"])
                peak.off.append(ran.peak_mib)
                wall.details.setdefault("off_runs", []).append(answer | {"wall": ran.seconds})
                off_out.unlink(missing_ok=True)
                advance()
        for measures in rows.values():
            self.measures += measures
        if workers:
            one = statistics.median(rows[chosen[0]][0].ours)
            on_workers.details["speed_up_over_one_process"] = one / statistics.median(
                on_workers.ours
            )
            self.measures.append(on_workers)

    def memory(self, count: int, repeat: int) -> None:
        measure = Measure(
            f"peak RSS, {_thousands(count)} households",
            "ours only: one `batch` run",
            "MiB",
        )
        if count in self.batch_peaks:
            measure.ours = list(self.batch_peaks[count])
            measure.details["from"] = "the batch runs above"
        else:
            inputs = self.prepare(count, with_off=False)
            advance = self._task(f"peak memory {count:,} (ours)", repeat)
            for _ in range(repeat):
                ran = self.ours_batch(inputs)
                measure.ours.append(ran.peak_mib)
                measure.details.setdefault("seconds", []).append(ran.seconds)
                advance()
        self.measures.append(measure)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--sizes", default="10000,100000", show_default=True, help="Batch sizes (comma).")
@click.option(
    "--memory-sizes",
    default="100000,1000000",
    show_default=True,
    help="Sizes whose peak memory of ours is measured (comma; empty: none).",
)
@click.option("--repeat", default=3, show_default=True, help="Runs of each side per measure.")
@click.option("--cold-repeat", type=int, help="Runs of the cold CLI (default: --repeat).")
@click.option("--warm-repeat", type=int, help="Warm calls (default: 3 × --repeat).")
@click.option("--memory-repeat", default=1, show_default=True)
@click.option(
    "--only",
    type=click.Choice(["cold", "warm", "batch", "memory"]),
    multiple=True,
    help="Measure only these (repeatable; default: all).",
)
@click.option(
    "--off-build",
    type=click.Choice(["arrays", "entities"]),
    multiple=True,
    default=("arrays", "entities"),
    show_default=True,
    help="How OFF's batch simulations are built (repeatable): from arrays, the vectorised way, "
    "or from the entities dict of the differential tests.",
)
@click.option(
    "--workers",
    default=0,
    show_default=True,
    help="Also run ours with `batch --workers N` (a local Dask cluster) at each batch size, "
    "alternating with the others (0: not measured).",
)
@click.option("--period", type=click.Choice(PERIODS), default=PERIODS[-1], show_default=True)
@click.option("--seed", default=SEED, show_default=True)
@click.option(
    "--off-chunk", default=10_000, show_default=True, help="Households per OFF simulation."
)
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("~/.cache/rights-engine/benchmarks").expanduser(),
    show_default=True,
    help="Where the generated inputs are kept between runs.",
)
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path))
def main(**options: Any) -> None:
    """Time our engine and OpenFisca-France on the same households; print a Markdown table."""
    repeat: int = options["repeat"]
    only = set(options["only"]) or {"cold", "warm", "batch", "memory"}
    started = time.perf_counter()
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
    )
    timings: dict[str, float] = {}
    load_start = os.getloadavg()
    with progress:
        bench = Bench(options, progress)

        def timed(name: str, step: Callable[[], None]) -> None:
            begun = time.perf_counter()
            step()
            timings[name] = time.perf_counter() - begun

        if only & {"cold", "warm"}:
            situation, ours_file, off_file = bench.single()
            if "cold" in only:
                cold_repeat = options["cold_repeat"] or repeat
                timed("cold", lambda: bench.cold(ours_file, off_file, cold_repeat))
            if "warm" in only:
                warm_repeat = options["warm_repeat"] or 3 * repeat
                timed("warm", lambda: bench.warm(situation, off_file, warm_repeat))
        if "batch" in only:
            for count in _sizes(options["sizes"]):
                timed(f"batch {count}", functools.partial(bench.batch, count, repeat))
        if "memory" in only:
            for count in _sizes(options["memory_sizes"]):
                memory = functools.partial(bench.memory, count, options["memory_repeat"])
                timed(f"memory {count}", memory)
    table = markdown(bench.measures)
    click.echo(table)
    if options["json_path"] is not None:
        result = {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
            "python": sys.version.split()[0],
            "oracle": oracle.ORACLE_REQUIREMENT,
            "options": {k: str(v) if isinstance(v, Path) else v for k, v in options.items()},
            "script_seconds": time.perf_counter() - started,
            "load_average": {"start": load_start, "end": os.getloadavg()},
            "step_seconds": timings,
            "measures": [measure.as_json() for measure in bench.measures],
            "markdown": table,
        }
        options["json_path"].write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
