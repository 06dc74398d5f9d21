"""Caseload screening benchmark: time and peak memory of `screen` (column-wise, no text),
`iter_reports` (streamed full reports) and `evaluate_many` (every report kept) on generated
households with facts left unknown.

Usage: python scripts/benchmark.py [N ...]   (default: 1 1000 10000)
Run it against the installed package (e.g. .venv-test/bin/python scripts/benchmark.py). It
reports figures; it asserts nothing (speed targets are measured, not unit-tested).
"""

from __future__ import annotations

import random
import resource
import sys
import time

import rights_engine
from rights_engine.situation.models import Situation


def household(rng: random.Random, number: int) -> Situation:
    age = rng.randint(18, 90)
    applicant = {
        "id": "a",
        "role": "applicant",
        "age": age,
        "nationality": rng.choice(["french", "eu", "other"]),
        "activity": rng.choice(["employed", "unemployed", "retired", "inactive", "student"]),
        "incomes": {
            "salary": rng.choice([0, 0, 800, 1400, 2200]),
            "pension": rng.choice([0, 0, 900]),
        },
    }
    if rng.random() < 0.3:  # a partial situation: incomes unknown
        del applicant["incomes"]
    people = [applicant]
    if rng.random() < 0.4:
        people.append({"id": "p", "role": "partner", "age": age, "incomes": {}})
    people += [
        {"id": f"c{k}", "role": "child", "age": rng.randint(0, 17)}
        for k in range(rng.choice([0, 0, 1, 2, 3]))
    ]
    housing = {
        "status": rng.choice(["tenant", "social_tenant", "owner", "hosted_free", "homeless"]),
        "rent": 500,
    }
    return Situation.model_validate(
        {
            "schema": 1,
            "id": f"h{number}",
            "period": "2026-11",
            "household": {"commune": "24037", "housing": housing},
            "people": people,
        }
    )


def main(sizes: list[int]) -> None:
    rng = random.Random(1)
    rights_engine.evaluate(household(rng, 0))  # build the tax-benefit system once
    for size in sizes:
        situations = [household(rng, n) for n in range(size)]
        start = time.perf_counter()
        screened = sum(len(s.findings) for s in rights_engine.screen(situations))
        seconds = time.perf_counter() - start
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{size:>8} households screened (screen):  {seconds:8.2f} s "
            f"({seconds / size * 1000:6.2f} ms/household), {screened / size:.0f} findings each, "
            f"peak RSS {peak_mib:,.0f} MiB"
        )
        start = time.perf_counter()
        findings = sum(len(report.findings) for report in rights_engine.iter_reports(situations))
        seconds = time.perf_counter() - start
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{size:>8} households streamed (iter_reports): {seconds:8.2f} s "
            f"({seconds / size * 1000:6.2f} ms/household), {findings / size:.0f} findings each, "
            f"peak RSS {peak_mib:,.0f} MiB"
        )
    # evaluate_many keeps every report in memory: measured last, as peak RSS only grows.
    size = sizes[-1]
    situations = [household(rng, n) for n in range(size)]
    start = time.perf_counter()
    reports = rights_engine.evaluate_many(situations)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{size:>8} households kept (evaluate_many): {seconds:8.2f} s, {len(reports)} reports, "
        f"peak RSS {peak_mib:,.0f} MiB"
    )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1, 1000, 10000])
