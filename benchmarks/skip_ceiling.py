#!/usr/bin/env python3
"""How much "skip what cannot apply" could save, at most: the completion rows a perfect skip
would leave out, on realistic households with facts left out.

A complete household is simulated on one row, whatever its programmes: there is nothing to
skip. A household with unknown facts is simulated on its completion rows (``scenarios``): the
two corners, each unknown fact flipped, the swept ages, salaries, rents… A row could be left out
only when every programme that reads a fact it varies cannot apply to the household whatever
the unknowns. This script gives that skip every advantage: it evaluates each household in full
first and calls "cannot apply" every programme whose finding came out ``unlikely`` (a skip
decided before simulating knows less), and it takes a programme's facts from its catalogue
(``facts`` of its conditions and of its amount). It counts, per fact, the rows whose varied
facts are all read only by such programmes, and the share of all rows they are: the ceiling of
the gain on the rows simulated (the time spent per row is about even).

Usage (the package installed in the running venv)::

    python benchmarks/skip_ceiling.py [HOUSEHOLDS] [SEED]     (default 2 000, seed 7)

Figures only: nothing is asserted.
"""

from __future__ import annotations

import random
import sys
from collections import Counter

import rights_engine
from rights_engine.engine.catalogue import programmes
from rights_engine.engine.facts import FACTS, unknown_facts
from rights_engine.engine.scenarios import completions
from rights_engine.engine.soundness import leave_out
from rights_engine.synthetic import DEFAULT_PERIODS, draw_household


def programme_facts() -> dict[str, set[str]]:
    """The facts each programme's catalogue says it reads."""
    found = {}
    for programme in programmes():
        facts = {fact for condition in programme.rules.conditions for fact in condition.facts}
        if programme.rules.amount is not None:
            facts.update(programme.rules.amount.facts)
        found[programme.id] = facts
    return found


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    rng = random.Random(seed)
    households = []
    for number in range(count):
        period = DEFAULT_PERIODS[number % len(DEFAULT_PERIODS)]
        complete = draw_household(rng, period, f"k{number}")
        households.append(leave_out(rng, complete, rng.randint(1, 4)))
    reads = programme_facts()
    rows: Counter[str] = Counter()
    skippable: Counter[str] = Counter()
    total = skipped = 0
    for situation, report in zip(households, rights_engine.evaluate_many(households), strict=True):
        dated = situation.model_copy(update={"period": report.period})
        live = set().union(
            *(reads[f.programme] for f in report.findings if f.verdict != "unlikely")
        )
        for row in completions(dated, unknown_facts(dated)):
            varied = {ref.fact for ref in row.varied}
            key = ",".join(sorted(varied)) or "corner"
            rows[key] += 1
            total += 1
            if varied and not varied & live:
                skippable[key] += 1
                skipped += 1
    undeclared = sorted(set(FACTS) - set().union(*reads.values()))
    print(
        f"{count} households with 1 to 4 facts left out (seed {seed}): {total / count:.1f} "
        f"completion rows each before refinement; a perfect skip would leave out {skipped} "
        f"({skipped / total:.1%}) of them"
    )
    print("rows left out / rows, by the facts a row varies:")
    for key, left_out in skippable.most_common():
        print(f"  {key:32} {left_out:6} / {rows[key]:6}")
    print(
        "facts no programme's catalogue declares (a skip read from the catalogue would wrongly "
        f"leave their rows out): {', '.join(undeclared) or 'none'}"
    )


if __name__ == "__main__":
    main()
