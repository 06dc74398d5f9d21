"""Steps of a finding that take a shorter path in the common case give what the general path
gives: a condition that nothing waives nor leaves unconfirmed, and what answering a fact can
change, read from the rows' values once."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from rights_engine.engine.facts import FactRef
from rights_engine.engine.findings import (
    _LIKELY,
    _TO_CONFIRM,
    _UNLIKELY,
    _URGENCY_SCALE,
    Impact,
    ProgrammeValues,
    _condition,
    _verdict,
    answer_impacts,
)
from rights_engine.engine.scenarios import Completion
from rights_engine.situation.loader import load_situation

SITUATIONS = sorted((Path(__file__).parents[2] / "situations").glob("*.yaml"))


def test_a_condition_without_waiver_has_the_status_of_the_general_path() -> None:
    for rows in range(4):
        for holds in itertools.product([0, 1], repeat=rows):
            never = np.zeros(rows, dtype=np.int8)
            values = ProgrammeValues({"c": np.array(holds, dtype=np.int8), "no": never}, [])
            short = _condition(values, "c", None, None)
            general = _condition(values, "c", "no", "no")  # waived and unconfirmed nowhere
            assert short[0] == general[0], holds
            assert np.array_equal(short[1], general[1]) and short[1].dtype == general[1].dtype
            assert np.array_equal(short[2], general[2]) and short[2].dtype == general[2].dtype


def _impacts_row_by_row(
    rows: list[Completion],
    verdicts: np.ndarray,
    amount: np.ndarray,
    urgencies: np.ndarray,
) -> dict[FactRef, Impact]:
    """answer_impacts as it read the arrays before, one element at a time (yearly amounts)."""
    found: dict[FactRef, Impact] = {}
    for index, row in enumerate(rows):
        if row.base is None:
            continue
        base = row.base
        opens = bool(verdicts[index] != verdicts[base])
        delta = abs(float(amount[index]) - float(amount[base]))
        if not (opens or round(delta, 2) > 0 or urgencies[index] != urgencies[base]):
            continue
        for ref in row.varied:
            before = found.get(ref, Impact(False, 0.0, "normal"))
            found[ref] = Impact(
                before.opens_or_closes or opens,
                max(before.at_stake, delta / 12),
                max([before.urgency, urgencies[index], urgencies[base]], key=_URGENCY_SCALE.index),
            )
    return found


def test_answer_impacts_reads_each_row_as_the_arrays_give_it() -> None:
    situation = load_situation(SITUATIONS[0])
    facts = [FactRef("incomes", 0), FactRef("rent"), FactRef("nationality", 1)]
    rng = np.random.default_rng(3)
    for dtype in (np.float32, np.float64, np.int32):
        for _ in range(200):
            count = int(rng.integers(2, 9))
            rows = [Completion(situation), Completion(situation)] + [
                Completion(situation, base=int(rng.integers(0, 2)), varied=(facts[k % 3],))
                for k in range(count - 2)
            ]
            verdicts = rng.integers(0, 3, size=count)
            amounts = rng.choice([0, 10.004, 10.006, 512.5, 1e6], size=count).astype(dtype)
            urgencies = rng.choice(np.array(["normal", "high", "emergency"]), size=count)
            values = ProgrammeValues({}, rows)
            got = answer_impacts(values, verdicts, amounts, "EUR/an", urgencies, "normal")
            assert got == _impacts_row_by_row(rows, verdicts, amounts, urgencies)


def _verdict_of_arrays(verdicts: np.ndarray) -> str:
    """The finding's verdict as make_finding computed it first, from the whole array."""
    if (verdicts == _LIKELY).all():
        return "likely"
    if (verdicts == _UNLIKELY).all():
        return "unlikely"
    return "to_confirm"


def test_the_verdict_read_once_is_that_of_the_arrays() -> None:
    for rows in range(5):
        for each in itertools.product([_UNLIKELY, _TO_CONFIRM, _LIKELY], repeat=rows):
            # The dtype of _row_verdicts: np.where of Python integers.
            verdicts = np.where(np.ones(rows, dtype=bool), np.array(each, dtype=np.int64), 0)
            assert _verdict(verdicts) == _verdict_of_arrays(verdicts), each
