"""The bookkeeping a formula run skips or shortens answers as OpenFisca's own.

``FastSimulation._run`` pushes and pops OpenFisca's ``SimpleTracer`` frames itself and purges
invalidated caches only when there are some; ``FastSimulation.get_holder`` makes a holder
without looking its variable up again; the system finds the parameters of an ``Instant``
without writing its day out. Each is compared here with the plain path.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from openfisca_core.periods import Instant
from openfisca_core.periods import period as make_period
from openfisca_core.populations import GroupPopulation, Population
from openfisca_core.simulations import Simulation
from openfisca_core.tracers import FullTracer

from rights_engine.engine.builder import Batch, build_simulation
from rights_engine.engine.fast_simulation import FastSimulation, _Shortcut, fast_populations
from rights_engine.engine.scenarios import Scenario, complete
from rights_engine.situation.loader import load_situation
from rights_engine.situation.models import Month
from rights_engine.system import CountryTaxBenefitSystem, tax_benefit_system

SITUATIONS = sorted((Path(__file__).parents[2] / "situations").glob("*.yaml"))
MONTH = Month("2026-10")
PROGRAMME_VARIABLES = ("css_participation", "aspa", "rsa", "aide_logement", "ppa", "apa_domicile")


def _batch(path: Path = SITUATIONS[0]) -> Batch:
    situation = load_situation(path).model_copy(update={"period": str(MONTH)})
    return build_simulation([complete(situation, Scenario.favourable)], MONTH)


def _plain(batch: Batch) -> Batch:
    batch.simulation.__class__ = Simulation
    for population in batch.simulation.populations.values():
        plain = GroupPopulation if isinstance(population, GroupPopulation) else Population
        population.__class__ = plain
    return batch


def _stacks_seen(
    simulation: Simulation, monkeypatch: pytest.MonkeyPatch, caller: type
) -> list[Any]:
    """The tracer's stack at each call of a formula to a population (``individu("age",
    period)``) in a household's calculation; and, for the simulation's own tracer, that its
    count of each variable's frames is that of the stack."""
    seen: list[Any] = []
    call = caller.__call__

    def spy(self: Any, name: str, period: Any, options: Any = None) -> Any:
        stack = self.simulation.tracer.stack
        seen.append((name, str(period), [(f["name"], str(f["period"])) for f in stack]))
        counts = getattr(self.simulation.tracer, "frames_of", None)
        if counts is not None:
            assert {k: n for k, n in counts.items() if n} == Counter(f["name"] for f in stack)
        return call(self, name, period, options)

    with monkeypatch.context() as patched:
        patched.setattr(caller, "__call__", spy)
        for name in PROGRAMME_VARIABLES:
            simulation.calculate(name, make_period(str(MONTH)))
    assert simulation.tracer.stack == []
    return seen


@pytest.mark.parametrize("path", SITUATIONS[:3], ids=[p.stem for p in SITUATIONS[:3]])
def test_a_formula_run_sees_the_frames_openfisca_pushes(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each formula's call sees the same stack of frames as in OpenFisca's own
    ``calculate`` (the frames pushed and popped by ``_run``), and the simulation's tracer
    counts them."""
    fast = _stacks_seen(_batch(path).simulation, monkeypatch, _Shortcut)
    plain = _stacks_seen(_plain(_batch(path)).simulation, monkeypatch, Population)
    assert len(fast) > 100
    assert fast == plain


def _on_stack(simulation: Simulation, name: str, period: Any) -> tuple[str, Any, list[str]]:
    """``name`` computed for ``period`` while a frame of ``name`` for March 2026 is on the
    stack: the error raised, or the value and the frames invalidated (a spiral)."""
    simulation.tracer.record_calculation_start(name, make_period("2026-03"))
    try:
        value = simulation.calculate(name, period)
        return "", value, sorted(f"{c.variable}@{c.period}" for c in simulation.invalidated_caches)
    except Exception as error:
        return f"{type(error).__name__}: {error}", None, []
    finally:
        simulation.tracer.record_calculation_end()


@pytest.mark.parametrize("month", ["2026-03", "2026-10"])
def test_a_cycle_and_a_spiral_are_found_as_openfisca_finds_them(month: str) -> None:
    """A variable asked while a frame of it is on the stack: for the same month, OpenFisca's
    cycle error; for another, its spiral (the default value, the frames invalidated)."""
    period = make_period(month)
    error, value, invalidated = _on_stack(_batch().simulation, "aspa", period)
    plain_error, plain_value, plain_invalidated = _on_stack(
        _plain(_batch()).simulation, "aspa", period
    )
    assert error == plain_error
    assert ("CycleError" in error) == (month == "2026-03")
    assert invalidated == plain_invalidated
    if not error:
        assert invalidated
        assert np.array_equal(value, plain_value)


def test_another_tracer_takes_its_own_methods() -> None:
    """A tracer that is not OpenFisca's ``SimpleTracer`` records every formula run itself."""
    simulation = _batch().simulation
    tracer = FullTracer()
    simulation.tracer = tracer
    value = simulation.calculate("css_participation", make_period(str(MONTH)))
    assert [node.name for node in tracer.trees] == ["css_participation"]
    expected = _plain(_batch()).simulation.calculate("css_participation", make_period(str(MONTH)))
    assert np.array_equal(value, expected)


def test_invalidated_values_are_purged_at_the_end_of_a_run() -> None:
    """A value invalidated (by a spiral) is deleted once the stack is empty, as OpenFisca's
    ``purge_cache_of_invalid_values`` deletes it; nothing else is."""
    simulation = _batch().simulation
    assert isinstance(simulation, FastSimulation)
    period = make_period(str(MONTH))
    simulation.calculate("aspa", period)
    assert simulation.get_holder("aspa").get_array(period) is not None
    simulation.invalidate_cache_entry("aspa", period)
    holder = simulation.get_holder("css_participation")
    simulation._run(holder, period)
    assert simulation.get_holder("aspa").get_array(period) is None
    assert holder.get_array(period) is not None
    assert not simulation.invalidated_caches


def test_a_holder_is_that_of_openfisca() -> None:
    """Every variable's holder is its population's, as ``Simulation.get_holder`` finds or
    makes it, with the same variable and population."""
    fast = _batch().simulation
    plain = _plain(_batch()).simulation
    for name, variable in sorted(fast.tax_benefit_system.variables.items()):
        got = fast.get_holder(name)
        expected = plain.get_holder(name)
        assert got.variable is expected.variable is variable, name
        assert got.population is fast.populations[variable.entity.key], name
        assert got is got.population._holders[name], name
        assert got._eternal == expected._eternal, name
        assert fast.get_holder(name) is got, name
    refused = "rsa_inexistante"
    with pytest.raises(Exception) as fast_error:
        fast.get_holder(refused)
    with pytest.raises(Exception) as plain_error:
        plain.get_holder(refused)
    assert str(fast_error.value) == str(plain_error.value)


def test_a_holder_of_an_entity_of_another_system_takes_openfisca_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the entities read their variables from another system than the simulation's,
    the holder comes from ``Population.get_holder``."""
    simulation = _batch().simulation
    asked: list[str] = []
    get_holder = Population.get_holder

    def spy(self: Population, name: str) -> Any:
        asked.append(name)
        return get_holder(self, name)

    entity = simulation.persons.entity
    with monkeypatch.context() as patched:
        patched.setattr(Population, "get_holder", spy)
        patched.setattr(entity, "_tax_benefit_system", object.__new__(CountryTaxBenefitSystem))
        with pytest.raises(AttributeError):  # the other system has no variables at all
            simulation.get_holder("aspa_condition_age")
    assert asked == ["aspa_condition_age"]


def test_the_parameters_of_an_instant_are_those_of_its_day() -> None:
    """The tree of an Instant (or of a period starting on it) is the tree of its day, however
    the day is given, and another day's tree is another."""
    tbs = tax_benefit_system()
    for day in ("2026-10-01", "2025-01-01", "2026-12-31", "2024-02-29"):
        instant = Instant(tuple(int(part) for part in day.split("-")))
        for _ in range(2):  # found, then remembered
            tree = tbs.get_parameters_at_instant(instant)
            assert tree is tbs.get_parameters_at_instant(day)
            assert tree is tbs.get_parameters_at_instant(dt.date.fromisoformat(day))
            assert tree is tbs.get_parameters_at_instant(make_period(f"day:{day}"))
            assert tree._instant_str == day
    october = tbs.get_parameters_at_instant(Instant((2026, 10, 1)))
    assert october is tbs.get_parameters_at_instant(make_period("2026-10"))
    assert october is not tbs.get_parameters_at_instant(Instant((2026, 11, 1)))
    assert october is not tbs.get_parameters_at_instant(Instant((2025, 10, 1)))


def _sums(simulation: Simulation) -> dict[tuple[str, str], Any]:
    """Sums over months (``options=[ADD]``) the rules ask for, each asked twice (the months
    found, then remembered)."""
    sums = {}
    for name in ("salaire_net", "retraite_nette", "aspa", "aah", "prestations_familiales_percues"):
        for period in ("month:2026-07:3", "month:2025-10:12", "2026"):
            for _ in range(2):
                sums[name, period] = simulation.calculate_add(name, make_period(period))
    return sums


def test_a_sum_over_months_is_that_of_openfisca() -> None:
    """``calculate_add`` adds the same months' values, in the same order, as OpenFisca's."""
    fast = _sums(_batch(SITUATIONS[-1]).simulation)
    plain = _sums(_plain(_batch(SITUATIONS[-1])).simulation)
    for key, value in plain.items():
        assert type(fast[key]) is type(value), key
        assert fast[key].dtype == value.dtype, key
        assert np.array_equal(fast[key], value), key


def test_a_sum_takes_openfisca_path_once_the_shortcuts_stop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shortcuts are checked before each month of a sum, as ``FastSimulation.calculate``
    checks them: the first month, asked while something is invalidated, goes through
    OpenFisca's ``calculate``, whose end purges what was invalidated; the next months take the
    shortcuts again."""
    simulation = _batch().simulation
    quarter = make_period("month:2026-07:3")
    simulation.calculate_add("salaire_net", quarter)  # the months are now remembered
    asked: list[str] = []
    calculate = Simulation.calculate

    def spy(self: Simulation, name: str, period: Any) -> Any:
        asked.append(str(period))
        return calculate(self, name, period)

    monkeypatch.setattr(Simulation, "calculate", spy)
    simulation.invalidate_cache_entry("aspa", make_period("2026-01"))
    simulation.calculate_add("salaire_net", quarter)
    assert asked == ["2026-07"]
    assert not simulation.invalidated_caches


def test_a_population_is_found_by_its_plural_as_openfisca_finds_it() -> None:
    """``population_of`` answers as ``Simulation.get_population`` for every plural (and for
    an unknown one), also once the populations are replaced."""
    simulation = _batch().simulation
    assert isinstance(simulation, FastSimulation)
    plurals = [p.entity.plural for p in simulation.populations.values()]
    for _ in range(2):  # made, then remembered
        for plural in [*plurals, "inconnus", None]:
            expected = Simulation.get_population(simulation, plural)
            assert simulation.population_of(plural) is expected, plural
    simulation.populations = fast_populations(simulation.tax_benefit_system)  # new ones
    for plural in plurals:
        expected = Simulation.get_population(simulation, plural)
        assert simulation.population_of(plural) is expected, plural
