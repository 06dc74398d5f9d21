"""Soundness: leaving facts out of a complete household never contradicts its answer.

For realistic complete households S (``rights_engine.synthetic``) and P made from S by leaving out
1 to 4 facts at random (``engine.soundness.leave_out``: incomes, birth dates, nationality, housing,
activity, RFR…, never a fact that means "nothing special" when absent), every finding of P must
allow S's: S likely ⇒ P not unlikely, S unlikely ⇒ P not likely, S's amount within P's range
(± 1 €). Hypothesis drives the draws with a fixed derandomized seed (CI is stable); each example
evaluates a batch of pairs in one ``evaluate_many`` call. ``scripts/soundness.py`` runs the same
check on 20 000 pairs before a release.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rights_engine
from rights_engine.engine.facts import unknown_facts
from rights_engine.engine.soundness import contradictions, leave_out
from rights_engine.synthetic import DEFAULT_PERIODS, draw_household

PAIRS_PER_EXAMPLE = 500
EXAMPLES = 4  # 2 000 pairs in all
MOST_FACTS_LEFT_OUT = 4


def _pairs(rng: random.Random) -> tuple[list, list]:
    complete, partial = [], []
    for index in range(PAIRS_PER_EXAMPLE):
        period = DEFAULT_PERIODS[index % len(DEFAULT_PERIODS)]
        situation = draw_household(rng, period, f"pair{index}")
        complete.append(situation)
        partial.append(leave_out(rng, situation, rng.randint(1, MOST_FACTS_LEFT_OUT)))
    return complete, partial


@settings(
    derandomize=True,
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_leaving_facts_out_never_contradicts_the_complete_answer(seed: int) -> None:
    complete, partial = _pairs(random.Random(seed))
    reports = rights_engine.evaluate_many(complete + partial)
    found = [
        f"{situation.id}: {problem}"
        for situation, known, guess in zip(
            complete, reports[: len(complete)], reports[len(complete) :], strict=True
        )
        for problem in contradictions(known, guess)
    ]
    assert found == [], f"{len(found)} contradictions, e.g. {found[:10]}"


def test_the_pairs_really_leave_facts_unknown() -> None:
    # The check would pass trivially if leave_out changed nothing: nearly every partial situation
    # has unknown facts, and many of its findings are to confirm.
    _, partial = _pairs(random.Random(0))
    with_unknowns = sum(bool(unknown_facts(p)) for p in partial)
    assert with_unknowns >= 0.9 * len(partial)
    reports = rights_engine.evaluate_many(partial[:100])
    to_confirm = sum(any(f.verdict == "to_confirm" for f in r.findings) for r in reports)
    assert to_confirm >= 50
