#!/usr/bin/env python3
"""Soundness before a release: leaving facts out of complete households never contradicts them.

Usage: scripts/soundness.py [PAIRS] [SEED]   (default 20 000 pairs, seed 2026)

Draws PAIRS realistic complete households S (rights_engine.synthetic), makes P from each by
leaving out 1 to 4 facts (rights_engine.engine.soundness.leave_out), evaluates all of them in
batches and counts the contradictions: S likely and P unlikely, S unlikely and P likely, S's
amount outside P's range by more than 1 €. Prints the count by programme, the completion rows
per household and the time; exits 1 if any contradiction is found.
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter

import rights_engine
from rights_engine.engine.facts import unknown_facts
from rights_engine.engine.scenarios import completions
from rights_engine.engine.soundness import contradictions, leave_out
from rights_engine.synthetic import DEFAULT_PERIODS, draw_household

BATCH = 2_000


def main() -> int:
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
    rng = random.Random(seed)
    by_programme: Counter[str] = Counter()
    examples: list[str] = []
    rows = 0
    seconds = {"complete": 0.0, "partial": 0.0}
    for start in range(0, pairs, BATCH):
        complete, partial = [], []
        for index in range(start, min(pairs, start + BATCH)):
            period = DEFAULT_PERIODS[index % len(DEFAULT_PERIODS)]
            situation = draw_household(rng, period, f"p{index}")
            complete.append(situation)
            partial.append(leave_out(rng, situation, rng.randint(1, 4)))
        for p in partial:
            rows += len(completions(p, unknown_facts(p)))
        began = time.perf_counter()
        known = rights_engine.evaluate_many(complete)
        seconds["complete"] += time.perf_counter() - began
        began = time.perf_counter()
        guessed = rights_engine.evaluate_many(partial)
        seconds["partial"] += time.perf_counter() - began
        for situation, s_report, p_report in zip(complete, known, guessed, strict=True):
            for problem in contradictions(s_report, p_report):
                by_programme[problem.split(":")[0].split("/")[0]] += 1
                if len(examples) < 10:
                    examples.append(f"{situation.id}: {problem}")
        print(f"{min(pairs, start + BATCH)} pairs, {sum(by_programme.values())} contradictions")
    total = sum(by_programme.values())
    print(
        f"{pairs} pairs (seed {seed}): {total} contradictions {dict(by_programme)}; "
        f"{rows / pairs:.1f} completion rows per partial household before refinement; "
        f"complete {seconds['complete']:.0f} s, partial {seconds['partial']:.0f} s"
    )
    for example in examples:
        print("  ", example)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
