"""Where the time of ``rights-engine batch`` goes, stage by stage, per household.

The households of a JSON Lines file are taken through the steps of ``batch`` in one process,
slice by slice (``SIMULATION_SIZE`` households), the cyclic collector paused throughout (``batch``
pauses it while it evaluates, not while it reads):

- read and validate the lines (``read_households``);
- the unknown-fact inventory (``unknown_facts``), the completion rows (``completions``) and the
  OpenFisca simulation built from them (``build_simulation``), each timed apart on the same
  households;
- calculate: the rest of ``simulate_month`` (the calculation, refinements and flips);
- the column-wise findings and their ranking: the rest of ``screen_households``;
- write the slim lines, the CSV rows and the totals (``partition_output``).

Each stage is run ``--repeat`` times and its best time kept. It asserts nothing (speed is
measured, not unit-tested). Run it against the installed package.

Usage: python benchmarks/batch_stages.py INPUT.jsonl [--repeat N]
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable
from typing import Any

from rights_engine.cli.batch_partition import partition_output
from rights_engine.cli.inputs import Household, read_households
from rights_engine.cli.screening import screen_households
from rights_engine.collector import collector_paused
from rights_engine.engine.builder import build_simulation
from rights_engine.engine.catalogue import programmes
from rights_engine.engine.evaluate import SIMULATION_SIZE, active_programmes, month_of
from rights_engine.engine.facts import FactRef, unknown_facts
from rights_engine.engine.scenarios import completions
from rights_engine.engine.simulate import simulate_month
from rights_engine.situation.models import Month, Situation


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


def stages(path: str, repeat: int) -> tuple[int, dict[str, float]]:
    """The households of ``path`` evaluated, and the seconds of each stage."""
    programme_ids = [p.id for p in programmes()]
    seconds = dict.fromkeys(STAGES, 0.0)
    seconds["read"], items = best(repeat, lambda: list(read_households([path], None)))
    evaluated = 0
    for first in range(0, len(items), SIMULATION_SIZE):
        chunk = items[first : first + SIMULATION_SIZE]
        households = [item.situation for item in chunk if isinstance(item, Household)]
        evaluated += len(households)
        simulated = 0.0
        for month, group in _by_month(households).items():
            active, _ = active_programmes(month)
            spent_before = sum(seconds[k] for k in ("unknown", "completions", "build"))
            spent, unknown = best(repeat, lambda g=group: [unknown_facts(s) for s in g])
            seconds["unknown"] += spent
            spent, rows = best(repeat, lambda g=group, u=unknown: _rows(g, u))
            seconds["completions"] += spent
            spent, _ = best(repeat, lambda r=rows, m=month: build_simulation(r, m))
            seconds["build"] += spent
            spent, _ = best(repeat, lambda g=group, m=month, a=active: simulate_month(g, m, a))
            simulated += spent
            spent_apart = sum(seconds[k] for k in ("unknown", "completions", "build"))
            seconds["calculate"] += spent - (spent_apart - spent_before)
        spent, screened = best(repeat, lambda c=chunk: list(screen_households(c, None)))
        seconds["columns"] += spent - simulated
        write = functools.partial(partition_output, screened, first, len(chunk), programme_ids)
        spent, _ = best(repeat, lambda w=write: w(False))
        seconds["write"] += spent
    return evaluated, seconds


STAGES = ("read", "unknown", "completions", "build", "calculate", "columns", "write")


def _by_month(situations: list[Situation]) -> dict[Month, list[Situation]]:
    """The situations of each month, each dated as ``simulate_month`` dates it."""
    found: dict[Month, list[Situation]] = {}
    for situation in situations:
        month = month_of(situation, None)
        dated = (
            situation
            if situation.period == str(month)
            else situation.model_copy(update={"period": str(month)})
        )
        found.setdefault(month, []).append(dated)
    return found


def _rows(situations: list[Situation], unknown: list[list[FactRef]]) -> list[Situation]:
    return [
        c.situation for s, u in zip(situations, unknown, strict=True) for c in completions(s, u)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    evaluated, seconds = stages(args.input, args.repeat)
    total = sum(seconds.values())
    print(f"{evaluated} households evaluated; best of {args.repeat} per stage, per household:")
    for name in STAGES:
        share = seconds[name] / total * 100 if total else 0.0
        print(f"  {name:<12} {seconds[name] / evaluated * 1e6:8.1f} µs  {share:5.1f} %")
    print(f"  {'total':<12} {total / evaluated * 1e6:8.1f} µs")


if __name__ == "__main__":
    main()
