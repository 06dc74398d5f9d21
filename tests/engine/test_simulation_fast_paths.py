"""The engine's simulation answers exactly as OpenFisca's own ``Simulation``.

``FastSimulation`` returns a value it already holds without OpenFisca's bookkeeping,
computes a missing one from its holder (without looking it up again) and splits a period into
months once for every sum (``options=[ADD]``); its populations send a formula's call straight
to the holder. The same households are built twice: one simulation keeps these shortcuts, the
other is turned back into a plain OpenFisca ``Simulation`` (none of them applies then); every
variable a report or an explanation reads must be equal, bit for bit, on one household alone
(where the short-circuits of the rules apply) and on a batch.
"""

from __future__ import annotations

import gc
from pathlib import Path

import numpy as np
import pytest
from openfisca_core.simulations import Simulation

from rights_engine.engine.builder import Batch, build_simulation
from rights_engine.engine.catalogue import programmes
from rights_engine.engine.fast_simulation import FastSimulation
from rights_engine.engine.scenarios import Scenario, complete
from rights_engine.engine.simulate import programme_variables
from rights_engine.situation.loader import load_situation
from rights_engine.situation.models import Month, Situation
from rights_engine.synthetic import generate_households

SITUATIONS = sorted((Path(__file__).parents[2] / "situations").glob("*.yaml"))
MONTH = Month("2026-10")


def _variables() -> list[str]:
    names = {v for p in programmes() for v in programme_variables(p)}
    names |= {v for p in programmes() for v in p.entry_variables}
    return sorted(names)


def _values(batch: Batch) -> dict[str, np.ndarray]:
    values = {}
    for name in _variables():
        value = batch.simulation.calculate(name, batch.period)
        values[name] = value.decode_to_str() if hasattr(value, "decode_to_str") else value
    return values


def _compare(rows: list[Situation]) -> None:
    fast = build_simulation(rows, MONTH)
    plain = build_simulation(rows, MONTH)
    assert type(fast.simulation) is FastSimulation
    plain.simulation.__class__ = Simulation  # OpenFisca's own calculate and calculate_add
    expected = _values(plain)
    got = _values(fast)
    for name, value in expected.items():
        assert got[name].dtype == value.dtype, name
        assert np.array_equal(got[name], value), name


@pytest.mark.parametrize("path", SITUATIONS, ids=[p.stem for p in SITUATIONS])
def test_one_household_as_openfisca(path: Path) -> None:
    situation = load_situation(path).model_copy(update={"period": str(MONTH)})
    _compare([complete(situation, Scenario.favourable)])


def test_a_batch_as_openfisca() -> None:
    households = generate_households(120, seed=13, periods=[str(MONTH)])
    _compare([complete(h, scenario) for h in households for scenario in Scenario])


def test_a_released_simulation_is_freed_without_the_cyclic_collector() -> None:
    situation = load_situation(SITUATIONS[0]).model_copy(update={"period": str(MONTH)})
    rows = [complete(situation, scenario) for scenario in Scenario]
    gc.collect()
    gc.disable()
    try:
        kept = build_simulation(rows, MONTH)
        _values(kept)
        del kept
        assert gc.collect() > 0  # without release, the simulation is cyclic garbage
        released = build_simulation(rows, MONTH)
        _values(released)
        released.release()
        del released
        assert gc.collect() == 0
    finally:
        gc.enable()
