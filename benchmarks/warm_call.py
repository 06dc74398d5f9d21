"""Warm library call: time ``rights_engine.evaluate(situation)`` in a process already warm.

Each example situation of ``situations/`` is read with the project's loader and evaluated once
(left out), then ``--repeat`` times; the min and the median of each, and the median of all
calls, are printed in milliseconds. It asserts nothing (speed is measured, not unit-tested).

Usage: python benchmarks/warm_call.py [--repeat N] [--profile cprofile|none] [SITUATION ...]
Run it against the installed package; compare two installs with alternating runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import rights_engine

SITUATIONS = Path(__file__).resolve().parent.parent / "situations"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--profile", default="none", choices=["none", "cprofile"])
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    paths = [Path(p) for p in args.paths] or sorted(SITUATIONS.glob("*.yaml"))
    situations = [(p.stem, rights_engine.load_situation(p)) for p in paths]
    for _, situation in situations:
        rights_engine.evaluate(situation)
    if args.profile == "cprofile":
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            for _, situation in situations:
                rights_engine.evaluate(situation)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(40)
        return
    every: list[float] = []
    mins: list[float] = []
    for name, situation in situations:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            rights_engine.evaluate(situation)
            times.append((time.perf_counter() - start) * 1000)
        every += times
        mins.append(min(times))
        print(f"{name:32} min {min(times):6.2f} ms  median {statistics.median(times):6.2f} ms")
    print(f"{'all':32} min {min(every):6.2f} ms  median {statistics.median(every):6.2f} ms")
    print(f"{'mean of the situations mins':32} {statistics.mean(mins):6.2f} ms")


if __name__ == "__main__":
    main()
