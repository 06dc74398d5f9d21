"""Caseload screening: reports streamed slice by slice are the reports of one batch, in order."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import rights_engine
from rights_engine.engine import evaluate as evaluate_module


def _caseload(situations_dir: Path) -> list[rights_engine.Situation]:
    names = sorted(p.stem for p in situations_dir.glob("*.yaml"))
    loaded = [rights_engine.load_situation(situations_dir / f"{name}.yaml") for name in names]
    # Two months in the same slice: each month gets its own simulation, the order is kept.
    other_month = [s.model_copy(update={"period": "2025-03", "id": f"{s.id}-mars"}) for s in loaded]
    return [s for pair in zip(loaded, other_month, strict=True) for s in pair]


def test_streamed_reports_equal_one_batch_in_input_order(
    situations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    caseload = _caseload(situations_dir)
    reports = rights_engine.evaluate_many(caseload)
    assert [r.situation_id for r in reports] == [s.id for s in caseload]
    assert [r.period for r in reports[1::2]] == ["2025-03"] * (len(caseload) // 2)
    monkeypatch.setattr(evaluate_module, "SIMULATION_SIZE", 3)
    streamed = rights_engine.iter_reports(iter(caseload))
    assert [r.to_json() for r in streamed] == [r.to_json() for r in reports]


def test_the_garbage_collector_is_restored(situations_dir: Path) -> None:
    situation = rights_engine.load_situation(situations_dir / "rsa_permis_hameau.yaml")
    assert gc.isenabled()
    rights_engine.evaluate(situation)
    assert gc.isenabled()
    gc.disable()
    try:
        rights_engine.evaluate(situation)
        assert not gc.isenabled(), "a caller that paused the collector keeps it paused"
    finally:
        gc.enable()


def test_a_period_out_of_range_is_raised_by_the_stream(situations_dir: Path) -> None:
    situation = rights_engine.load_situation(situations_dir / "rsa_permis_hameau.yaml")
    with pytest.raises(rights_engine.PeriodOutOfRange):
        list(rights_engine.iter_reports([situation], period="2009-05"))
