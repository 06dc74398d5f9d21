"""Every report, as JSON, of a fixed set of cases: to compare two installs of the engine.

Cases: each example situation of ``situations/`` (its own period and three others, with and
without the Dordogne partners directory), generated households (``generate_households``) over
several periods, and the same households with facts left unknown. One line per case: its key,
a tab, ``report.model_dump_json()``. Every case is evaluated twice in the same process, in two
orders, so that a cache that leaks between calls shows as a difference.

Usage: python benchmarks/report_identity.py OUT [--households N]
then compare two outputs with ``cmp`` (or ``diff``).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import rights_engine
from rights_engine.situation.models import Situation
from rights_engine.synthetic import generate_households

ROOT = Path(__file__).resolve().parent.parent
PERIODS = ("2024-01", "2024-06", "2025-04", "2025-12", "2026-07", "2026-11")
# Optional facts dropped, one at a time or together, to leave them unknown.
PERSON_FACTS = ("incomes", "nationality", "activity", "disability_rate", "in_france_since", "age")
HOUSING_FACTS = ("rent", "status")


def _with_unknowns(situation: Situation, rng: random.Random) -> Situation | None:
    data: dict[str, Any] = situation.model_dump(mode="json", by_alias=True, exclude_none=True)
    for person in data.get("people", []):
        for fact in PERSON_FACTS:
            if fact in person and rng.random() < 0.25:
                del person[fact]
    housing = data.get("household", {}).get("housing", {})
    for fact in HOUSING_FACTS:
        if fact in housing and rng.random() < 0.2:
            del housing[fact]
    data["id"] = f"{data['id']}-u"
    try:
        return Situation.model_validate(data)
    except ValueError:
        return None


def cases(households: int) -> list[tuple[str, Situation, str | None, bool]]:
    out: list[tuple[str, Situation, str | None, bool]] = []
    for path in sorted((ROOT / "situations").glob("*.yaml")):
        situation = rights_engine.load_situation(path)
        for period in (None, "2024-06", "2025-12", "2026-11"):
            for local in (False, True):
                out.append((f"{path.stem}|{period}|{local}", situation, period, local))
    rng = random.Random(7)
    for situation in generate_households(households, seed=13, periods=PERIODS):
        out.append((f"{situation.id}|None|False", situation, None, False))
        partial = _with_unknowns(situation, rng)
        if partial is not None:
            out.append((f"{partial.id}|None|{partial.id.endswith('0-u')}", partial, None, False))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--households", type=int, default=300)
    args = parser.parse_args()
    directory = rights_engine.load_partners_directory(ROOT / "situations/annuaires/dordogne.yaml")
    every = cases(args.households)
    lines: dict[str, str] = {}
    for order in (every, every[::-1]):
        for key, situation, period, local in order:
            report = rights_engine.evaluate(situation, period, directory if local else None)
            text = report.model_dump_json()
            if lines.setdefault(key, text) != text:
                raise SystemExit(f"{key}: two calls in one process gave two reports")
    with open(args.out, "w", encoding="utf-8") as out:
        for key, text in lines.items():
            out.write(f"{key}\t{text}\n")
    print(f"{len(lines)} reports written to {args.out}")


if __name__ == "__main__":
    main()
