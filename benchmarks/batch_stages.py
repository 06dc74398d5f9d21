"""Where the time of ``rights-engine batch`` goes, stage by stage, per household.

The households of a JSON Lines file are taken through the steps of ``batch`` in one process,
slice by slice (``SIMULATION_SIZE`` households):

- read and validate the lines as ``batch`` reads them (``households_read`` of the input's
  items, each added to the input's fingerprint), the cyclic collector paused;
- screen each slice as ``batch`` does (``screen_households``, which pauses the collector while
  it evaluates), with these of its calls timed where they are made, in the same run:
  the unknown-fact inventory (``unknown_facts``), the completion rows (``completions``), building
  the OpenFisca simulation (``build_simulation``) and calculating the programmes' variables
  (``_Values.add``); "simulation, other" is the rest of ``simulate_month`` (refinements, flips,
  joining the values) and "columns" the rest of the screening (the column-wise findings and
  their ranking);
- write the slim lines, the CSV rows and the totals (``partition_output``), collector paused.

Each stage is run ``--repeat`` times and its best time kept. It asserts nothing (speed is
measured, not unit-tested). Run it against the installed package.

Usage: python benchmarks/batch_stages.py INPUT.jsonl [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from rights_engine.cli.batch_input import FingerprintedInput, households_read, input_items
from rights_engine.cli.batch_partition import partition_output
from rights_engine.cli.inputs import Household
from rights_engine.cli.screening import screen_households
from rights_engine.collector import collector_paused
from rights_engine.engine import columns, simulate
from rights_engine.engine.catalogue import programmes
from rights_engine.engine.evaluate import SIMULATION_SIZE


def best(repeat: int, step: Callable[[], Any]) -> tuple[float, Any]:
    """The shortest of ``repeat`` runs of ``step`` (seconds), and what it returned."""
    times = []
    result = None
    for _ in range(repeat):
        with collector_paused():
            started = time.perf_counter()
            result = step()
            times.append(time.perf_counter() - started)
    return min(times), result


class _Clock:
    """Seconds spent in a few functions of the screening, summed over one run: each is replaced,
    in the module that calls it, by itself timed."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    @contextlib.contextmanager
    def timing(self, owner: Any, attribute: str, stage: str) -> Iterator[None]:
        original = getattr(owner, attribute)
        spent = self.spent

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - started

        setattr(owner, attribute, timed)
        try:
            yield
        finally:
            setattr(owner, attribute, original)


def _screened(chunk: list[Any]) -> tuple[dict[str, float], list[Any]]:
    """One screening of ``chunk`` as ``batch`` runs it (collector paused inside), the seconds of
    each of its stages, and what it gave."""
    clock = _Clock()
    with contextlib.ExitStack() as stack:
        for owner, attribute, stage in (
            (columns, "simulate_month", "simulation"),
            (simulate, "unknown_facts", "unknown"),
            (simulate, "completions", "completions"),
            (simulate, "build_simulation", "build"),
            (simulate._Values, "add", "calculate"),
        ):
            stack.enter_context(clock.timing(owner, attribute, stage))
        started = time.perf_counter()
        screened = list(screen_households(chunk, None))
        total = time.perf_counter() - started
    spent = clock.spent
    simulation = spent.pop("simulation", 0.0)  # none when every household was refused
    spent["simulation, other"] = simulation - sum(spent.values())
    spent["columns"] = total - simulation
    return spent, screened


def _read(path: str) -> Iterator[Any]:
    """The households of the JSON Lines file ``path``, read as ``batch`` reads them."""
    return households_read(FingerprintedInput(input_items(path, [path], None)), None)


def stages(path: str, repeat: int) -> tuple[int, dict[str, float]]:
    """The households of ``path`` evaluated, and the seconds of each stage (of each, the best of
    ``repeat`` runs)."""
    programme_ids = [p.id for p in programmes()]
    seconds = dict.fromkeys(STAGES, 0.0)
    seconds["read"], items = best(repeat, lambda: list(_read(path)))
    evaluated = sum(isinstance(item, Household) for item in items)
    for first in range(0, len(items), SIMULATION_SIZE):
        chunk = items[first : first + SIMULATION_SIZE]
        runs = [_screened(chunk) for _ in range(repeat)]
        for stage in STAGES[1:-1]:
            seconds[stage] += min(spent.get(stage, 0.0) for spent, _ in runs)
        screened = runs[0][1]
        write = functools.partial(partition_output, screened, first, len(chunk), programme_ids)
        spent, _ = best(repeat, lambda w=write: w(False))
        seconds["write"] += spent
    return evaluated, seconds


STAGES = (
    "read",
    "unknown",
    "completions",
    "build",
    "calculate",
    "simulation, other",
    "columns",
    "write",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    evaluated, seconds = stages(args.input, args.repeat)
    if not evaluated:
        sys.exit(f"no household of {args.input} could be evaluated")
    total = sum(seconds.values())
    print(f"{evaluated} households evaluated; best of {args.repeat} per stage, per household:")
    for name in STAGES:
        share = seconds[name] / total * 100 if total else 0.0
        print(f"  {name:<17} {seconds[name] / evaluated * 1e6:8.1f} µs  {share:5.1f} %")
    print(f"  {'total':<17} {total / evaluated * 1e6:8.1f} µs")


if __name__ == "__main__":
    main()
