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
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.periods import Period
from openfisca_core.periods import period as make_period
from openfisca_core.populations import GroupPopulation, Population
from openfisca_core.simulations import Simulation

from rights_engine.engine.builder import Batch, build_simulation
from rights_engine.engine.catalogue import programmes
from rights_engine.engine.fast_simulation import FastSimulation, _check_period, formula_at
from rights_engine.engine.scenarios import Scenario, complete
from rights_engine.engine.simulate import programme_variables
from rights_engine.situation.loader import load_situation
from rights_engine.situation.models import Month, Situation
from rights_engine.synthetic import generate_households
from rights_engine.system import tax_benefit_system

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


def _held(batch: Batch) -> dict[tuple[str, str], np.ndarray]:
    """Every value a simulation holds, read through OpenFisca's own ``Holder.get_array``."""
    held = {}
    for population in batch.simulation.populations.values():
        for name, holder in population._holders.items():
            for period in holder.get_known_periods():
                held[name, str(period)] = holder.get_array(period)
    return held


def _compare(rows: list[Situation]) -> None:
    fast = build_simulation(rows, MONTH)
    plain = build_simulation(rows, MONTH)
    assert type(fast.simulation) is FastSimulation
    plain.simulation.__class__ = Simulation  # OpenFisca's own calculate and calculate_add
    _plain_populations(plain)  # and OpenFisca's own roles and calls
    expected = _values(plain)
    got = _values(fast)
    for name, value in expected.items():
        assert got[name].dtype == value.dtype, name
        assert np.array_equal(got[name], value), name
    # What the fast path stored straight in the holders, OpenFisca's path stored through them.
    _assert_same_held(_held(plain), _held(fast))


def _plain_populations(batch: Batch) -> None:
    for population in batch.simulation.populations.values():
        plain = GroupPopulation if isinstance(population, GroupPopulation) else Population
        population.__class__ = plain


def _assert_same_held(
    expected: dict[tuple[str, str], np.ndarray], got: dict[tuple[str, str], np.ndarray]
) -> None:
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert type(got[key]) is type(value), key
        assert got[key].dtype == value.dtype, key
        assert np.array_equal(got[key], value), key


@pytest.mark.parametrize("path", SITUATIONS, ids=[p.stem for p in SITUATIONS])
def test_one_household_as_openfisca(path: Path) -> None:
    situation = load_situation(path).model_copy(update={"period": str(MONTH)})
    _compare([complete(situation, Scenario.favourable)])


def test_a_batch_as_openfisca() -> None:
    households = generate_households(120, seed=13, periods=[str(MONTH)])
    _compare([complete(h, scenario) for h in households for scenario in Scenario])


def test_roles_are_read_as_openfisca_reads_them() -> None:
    """Each role's mask (``has_role``) and count (``nb_persons``), with and without subroles,
    as OpenFisca computes them by comparing the members' roles one by one; a caller writing in
    a mask does not change the next one."""
    households = generate_households(60, seed=5, periods=[str(MONTH)])
    batch = build_simulation([complete(h, Scenario.favourable) for h in households], MONTH)
    persons = batch.simulation.persons
    checked = 0
    for group in batch.simulation.populations.values():
        if not isinstance(group, GroupPopulation):
            continue
        for role in [
            *group.entity.roles,
            *(s for r in group.entity.roles for s in r.subroles or ()),
        ]:
            expected = Population.has_role(persons, role)
            got = persons.has_role(role)
            assert got.dtype == expected.dtype and np.array_equal(got, expected), role.key
            assert np.array_equal(group.nb_persons(role), GroupPopulation.nb_persons(group, role))
            got[:] = ~got
            assert np.array_equal(persons.has_role(role), expected), role.key
            checked += expected.any()
    assert np.array_equal(group.nb_persons(), GroupPopulation.nb_persons(group))
    assert (
        checked >= 5
    )  # roles held by someone: demandeur, conjoint, enfant, personne_de_reference…


def _put_months_through_holders(
    simulation: FastSimulation, variable: str, array: np.ndarray, months: Sequence[Period]
) -> None:
    for month in months:
        simulation.get_holder(variable).put_in_cache(array, month)


def test_inputs_are_stored_as_openfisca_stores_them(monkeypatch: pytest.MonkeyPatch) -> None:
    households = generate_households(40, seed=5, periods=[str(MONTH)])
    rows = [complete(h, scenario) for h in households for scenario in Scenario]
    fast = build_simulation(rows, MONTH)
    with monkeypatch.context() as patched:
        patched.setattr(FastSimulation, "put_months", _put_months_through_holders)
        patched.setattr(FastSimulation, "set_input", Simulation.set_input)
        plain = build_simulation(rows, MONTH)
    _assert_same_held(_held(plain), _held(fast))


def _refusal(batch: Batch, variable: str) -> str:
    batch.simulation.calculate(variable, batch.period)  # the variable's holder now exists
    with pytest.raises(ValueError) as refused:
        batch.simulation.populations["individu"](variable, batch.period)
    return f"{type(refused.value).__name__}: {refused.value}"


def test_a_variable_of_another_entity_is_refused_as_openfisca_refuses_it() -> None:
    situation = load_situation(SITUATIONS[0]).model_copy(update={"period": str(MONTH)})
    rows = [complete(situation, Scenario.favourable)]
    fast = build_simulation(rows, MONTH)
    plain = build_simulation(rows, MONTH)
    plain.simulation.__class__ = Simulation
    assert _refusal(fast, "rsa") == _refusal(plain, "rsa")  # rsa: a variable of the famille


def test_a_formula_is_found_as_openfisca_finds_it() -> None:
    variables = tax_benefit_system().variables.values()
    for period in (make_period(MONTH), make_period("2024-01"), make_period("2026-12")):
        for _ in range(2):  # looked up, then remembered
            for variable in variables:
                assert formula_at(variable, period) is variable.get_formula(period), variable.name


def test_a_remembered_formula_is_that_of_its_period() -> None:
    class TwoFormulas:
        def get_formula(self, period: Period) -> str:
            return f"formula of {period}"

    variable = TwoFormulas()
    for _ in range(2):
        assert formula_at(variable, make_period("2025-01")) == "formula of 2025-01"
        assert formula_at(variable, make_period("2026-01")) == "formula of 2026-01"


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


def _one_household() -> Batch:
    situation = load_situation(SITUATIONS[0]).model_copy(update={"period": str(MONTH)})
    return build_simulation([complete(situation, Scenario.favourable)], MONTH)


def test_a_formula_result_is_cast_as_openfisca_casts_it() -> None:
    simulation = _one_household().simulation
    variables = simulation.tax_benefit_system.variables
    amount, eligible = variables["rsa"], variables["rsa_eligibilite"]
    urgency = variables["surendettement_urgence"]
    ordinary = urgency.possible_values.encode(np.array([0], dtype=np.int16))
    results = [
        (amount, np.array([1.25], dtype=np.float32)),  # the variable's dtype: kept as it is
        (amount, np.array([1.25])),
        (amount, np.array([2])),
        (amount, 3.5),
        (eligible, np.array([True])),
        (eligible, np.array([1])),
        (urgency, np.array([1], dtype=np.int16)),  # an enum's indices: encoded
        (urgency, ordinary),
        (urgency, np.array([urgency.possible_values.high], dtype=object)),
    ]
    for variable, result in results:
        expected = Simulation._cast_formula_result(simulation, result, variable)
        got = simulation._cast(result, variable)
        assert type(got) is type(expected), (variable.name, result)
        assert got.dtype == expected.dtype, (variable.name, result)
        assert np.array_equal(got, expected), (variable.name, result)
    assert isinstance(simulation._cast(np.array([1], dtype=np.int16), urgency), EnumArray)


def _period_refusals(simulation: Simulation) -> list[str]:
    refusals = []
    for period in (make_period("2026"), make_period("month:2026-09:3")) * 2:  # then remembered
        with pytest.raises(ValueError) as refused:
            simulation.calculate("rsa", period)
        refusals.append(str(refused.value))
    return refusals


def test_a_period_that_does_not_fit_is_refused_as_openfisca_refuses_it() -> None:
    fast = _one_household()
    plain = _one_household()
    plain.simulation.__class__ = Simulation
    assert _period_refusals(fast.simulation) == _period_refusals(plain.simulation)


def test_a_period_fits_only_the_definition_period_it_was_checked_for() -> None:
    simulation = _one_household().simulation
    variables = simulation.tax_benefit_system.variables
    year = make_period("2025")
    for _ in range(2):  # checked, then remembered
        _check_period(simulation, variables["date_naissance"], year)  # eternal: any period fits
    with pytest.raises(ValueError, match="must be computed for a whole month"):
        _check_period(simulation, variables["rsa"], year)
