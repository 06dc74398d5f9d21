"""The column-wise screening (``engine.columns``) gives, finding by finding, what the full reports
give: verdict, amount range, urgency, rank and question ids — on the example situations and on
realistic generated households, complete and with facts left out."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import rights_engine
from rights_engine.cli.screening import screening_of
from rights_engine.engine import evaluate as evaluate_module
from rights_engine.engine.columns import screen
from rights_engine.engine.soundness import leave_out
from rights_engine.situation.models import Situation
from rights_engine.synthetic import DEFAULT_PERIODS, draw_household, generate_households


def _assert_same(situations: list[Situation]) -> None:
    expected = [screening_of(r) for r in rights_engine.iter_reports(situations)]
    screened = list(screen(situations))
    assert len(screened) == len(expected)
    for got, want in zip(screened, expected, strict=True):
        assert (got.situation_id, got.period) == (want.situation_id, want.period)
        assert got.findings == want.findings, got.situation_id


def test_example_situations(situations_dir: Path) -> None:
    situations = [rights_engine.load_situation(p) for p in sorted(situations_dir.glob("*.yaml"))]
    _assert_same(situations)


def test_complete_generated_households_on_every_period() -> None:
    _assert_same(generate_households(240, seed=11))


def test_households_with_facts_left_out() -> None:
    rng = random.Random(5)
    partial = [
        leave_out(rng, draw_household(rng, DEFAULT_PERIODS[i % 3], f"c{i}"), rng.randint(1, 4))
        for i in range(90)
    ]
    _assert_same(partial)


def test_slices_and_months_keep_the_input_order(monkeypatch: pytest.MonkeyPatch) -> None:
    situations = generate_households(7, seed=12, periods=("2026-11", "2025-03"))
    whole = list(screen(situations))
    monkeypatch.setattr(evaluate_module, "SIMULATION_SIZE", 3)
    assert list(screen(iter(situations))) == whole
    assert [s.situation_id for s in whole] == [s.id for s in situations]
    assert [s.period for s in whole] == ["2026-11", "2025-03"] * 3 + ["2026-11"]


def test_a_period_outside_every_programme_is_refused() -> None:
    [situation] = generate_households(1, seed=13)
    with pytest.raises(rights_engine.PeriodOutOfRange):
        list(screen([situation], period="1999-01"))
