"""An OpenFisca simulation that skips bookkeeping a read does not need (used by the builder).

About half of the ~1 000 ``calculate`` calls of a household read an input or a value already
computed; OpenFisca's ``Simulation`` runs each through the tracer, the variable's checks and the
purge of invalidated caches. :class:`FastSimulation` answers such reads from the holder, and
its populations send a formula's calls (``individu("age", period)``) straight there. A holder
kept in memory is read and written through its dict of arrays by period (inputs too); a
variable's formula for a period is looked up once, and so is whether a period fits a definition
period; a formula's result already of the variable's dtype skips OpenFisca's cast. Every value is
still computed by openfisca-core's formulas, with its checks; a traced simulation (``explain``)
takes OpenFisca's own path throughout. ``tests/engine/test_simulation_fast_paths`` compares
every programme's variables and every value held with a plain ``Simulation``, bit for bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from openfisca_core.errors import SpiralError
from openfisca_core.holders import Holder, set_input_dispatch_by_period
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.periods import DateUnit, Period
from openfisca_core.populations import ADD, GroupPopulation, Population
from openfisca_core.projectors import projectable
from openfisca_core.simulations import Simulation
from openfisca_core.tracers import SimpleTracer

from rights_engine.engine import instant_offsets

__all__ = ["FastSimulation", "fast_populations"]

instant_offsets.install()  # the rules' period arithmetic, remembered (pure, on immutable values)

_SUBPERIODS: dict[tuple[Period, Any], tuple[Period, ...]] = {}
"""The months a sum over a period adds (``options=[ADD]``), by period and unit, once OpenFisca
has accepted that sum: the same 3-month sums are asked dozens of times per household."""

_ADD = [ADD]
"""The options of a formula's sum over months (``individu("salaire_net", p, options=[ADD])``)."""

_FORMULAS: dict[tuple[int, Period], tuple[Any, Any, bool | None]] = {}
"""``variable.get_formula(period)`` by variable (kept with its formula, so that its id is not
reused while it is here) and period, and whether that formula takes the parameters: it depends
only on the legislation and the month."""


def _formula_entry(variable: Any, period: Period) -> tuple[Any, Any, bool | None]:
    """``(variable, formula, with_parameters)``: ``with_parameters`` is None for a formula
    without code (only a test's stand-in), which OpenFisca's ``_run_formula`` then calls."""
    key = (id(variable), period)
    known = _FORMULAS.get(key)
    if known is not None and known[0] is variable:
        return known
    formula = variable.get_formula(period)
    code = getattr(formula, "__code__", None)
    with_parameters = None if code is None else code.co_argcount != 2
    if len(_FORMULAS) >= 16_384:
        _FORMULAS.clear()
    entry = _FORMULAS[key] = (variable, formula, with_parameters)
    return entry


def formula_at(variable: Any, period: Period) -> Any:
    """The variable's formula for ``period``, as ``Variable.get_formula`` finds it."""
    return _formula_entry(variable, period)[1]


_FITTING_PERIODS: set[tuple[Any, Period]] = set()
"""(definition period, period) pairs that passed OpenFisca's ``_check_period_consistency``,
which depends on nothing else: most formulas run for the same few months."""


def _check_period(simulation: Simulation, variable: Any, period: Period) -> None:
    """``simulation._check_period_consistency(period, variable)``, run once per definition
    period and period (it raises OpenFisca's message for a period that does not fit)."""
    key = (variable.definition_period, period)
    if key in _FITTING_PERIODS:
        return
    simulation._check_period_consistency(period, variable)
    if len(_FITTING_PERIODS) >= 4_096:
        _FITTING_PERIODS.clear()
    _FITTING_PERIODS.add(key)


_MONTHS: set[tuple[Period, ...]] = set()
"""Sequences of periods found to be of one month each (the builder writes on a few)."""


def _one_month_each(months: Sequence[Period]) -> bool:
    key = tuple(months)
    if key in _MONTHS:
        return True
    if not all(month.unit == DateUnit.MONTH and month.size == 1 for month in key):
        return False
    if len(_MONTHS) >= 1_024:
        _MONTHS.clear()
    _MONTHS.add(key)
    return True


def _plain_arrays(holder: Any) -> dict[Period, Any] | None:
    """The dict in which the holder keeps its values by period, when a value is stored there and
    read back as is: in memory only, by month (not eternal), its variable neither neutralized nor
    kept out of the cache. Otherwise None: the holder's own methods are used."""
    simulation = holder.simulation
    blacklisted = (
        simulation.opt_out_cache
        and simulation.tax_benefit_system.cache_blacklist
        and holder.variable.name in simulation.tax_benefit_system.cache_blacklist
    )
    if (
        holder._disk_storage is not None
        or holder._do_not_store
        or holder._eternal
        or holder.variable.is_neutralized
        or blacklisted
        or type(holder._memory_storage._arrays) is not dict
    ):
        return None
    arrays: dict[Period, Any] = holder._memory_storage._arrays
    return arrays


class _CountingTracer(SimpleTracer):
    """OpenFisca's ``SimpleTracer`` (a stack of frames) that also counts the frames of each
    variable on its stack: OpenFisca's cycle check of a formula run looks for the variable's
    earlier frames, and finds none unless that count is positive."""

    def __init__(self) -> None:
        super().__init__()
        self.frames_of: dict[str, int] = {}

    def record_calculation_start(self, variable: Any, period: Any) -> None:
        super().record_calculation_start(variable, period)
        self.frames_of[variable] = self.frames_of.get(variable, 0) + 1

    def record_calculation_end(self) -> None:
        frame = self._stack.pop()
        self.frames_of[frame["name"]] -= 1


class FastSimulation(Simulation):
    """An OpenFisca simulation that answers a value it already holds without the bookkeeping
    of a calculation, and splits a period into months once.

    About half of the ~1 000 ``calculate`` calls of a household read an input or a value
    already computed; each went through the tracer's stack, the variable's checks and the
    purge of invalidated caches, at several times the cost of the read. A value is held only
    for a period that passed those checks when it was stored, a read runs no formula (so
    cannot make a cycle), and nothing is invalidated between calculations: the answer is the
    same. A sum over a period adds the same months, in the same order, as OpenFisca's
    ``calculate_add``, which checked the period and the unit the first time. A traced
    simulation (``explain``) keeps OpenFisca's own path.
    """

    def __init__(self, tax_benefit_system: Any, populations: Any) -> None:
        super().__init__(tax_benefit_system, populations)
        self._holder_of: dict[str, Any] = {}
        self._by_plural: tuple[Any, dict[str | None, Any]] | None = None
        self.tracer = _CountingTracer()  # not traced: a SimpleTracer that counts its frames

    def get_holder(self, variable_name: str) -> Any:
        holder = self._holder_of.get(variable_name)
        if holder is None:
            holder = self._holder_of[variable_name] = self._new_holder(variable_name)
            holder.plain_arrays = _plain_arrays(holder)
        return holder

    def _new_holder(self, variable_name: str) -> Any:
        """OpenFisca's ``get_holder`` (the population's holder, made if it has none). When the
        variable's population reads its variables from this simulation's system, the checks
        of ``Population.get_holder`` hold (the variable is of that population's entity, and
        is the one found here): the holder is made without looking the variable up again."""
        variable = self.tax_benefit_system.get_variable(variable_name, check_existence=True)
        population = self.populations[variable.entity.key]
        if population.entity._tax_benefit_system is not self.tax_benefit_system:
            return population.get_holder(variable_name)
        holder = population._holders.get(variable_name)
        if not holder:
            holder = population._holders[variable_name] = Holder(variable, population)
        return holder

    def population_of(self, plural: str | None) -> Any:
        """``get_population(plural)``: the first population of that plural, found from a
        table made once per ``populations`` mapping."""
        known = self._by_plural
        if known is None or known[0] is not self.populations:
            table: dict[str | None, Any] = {}
            for population in self.populations.values():
                table.setdefault(population.entity.plural, population)
            known = self._by_plural = (self.populations, table)
        return known[1].get(plural)

    def release(self) -> None:
        """Break the references between the simulation, its populations and its holders, so
        that reference counting frees them as soon as the caller lets it go, not the cyclic
        garbage collector (about 1 ms per household, and the memory of a whole simulation
        until it runs). The simulation cannot be used afterwards."""
        for holder in self._holder_of.values():
            holder.population = holder.simulation = None
        for population in self.populations.values():
            population.simulation = None
        self._holder_of.clear()

    def shortcuts(self) -> bool:
        """Whether the shortcuts hold: not traced, nothing invalidated, no computation start."""
        return (  # ``_trace``: what OpenFisca's ``trace`` property returns
            not self._trace
            and not self.invalidated_caches
            and self.start_computation_period is None
        )

    def value_of(self, holder: Any, period: Period) -> Any:
        """The value held for ``period``, else computed (only when ``shortcuts()``)."""
        arrays = holder.plain_arrays
        value = holder.get_array(period) if arrays is None else arrays.get(period)
        return value if value is not None else self._run(holder, period)

    def calculate(self, variable_name: str, period: Any) -> Any:
        if isinstance(period, Period) and self.shortcuts():
            holder = self._holder_of.get(variable_name) or self.get_holder(variable_name)
            return self.value_of(holder, period)
        return super().calculate(variable_name, period)

    def _run(self, holder: Any, period: Period) -> Any:
        """OpenFisca's ``calculate`` of a value not held yet, from its holder: the steps of
        ``Simulation.calculate`` and ``_calculate`` in their order, without looking the
        variable, its population and its holder up again. With the simulation's own
        :class:`_CountingTracer` (not traced), its frame is pushed and popped here; OpenFisca's
        cycle check runs only when the variable has an earlier frame on the stack (it finds
        nothing otherwise, with at least one spiral loop allowed), and the purge of
        invalidated caches (which waits for an empty stack) only when something was
        invalidated (it would otherwise only replace an empty set)."""
        tracer = self.tracer
        if type(tracer) is not _CountingTracer:
            return self._run_traced(holder, period)
        variable = holder.variable
        name = variable.name
        stack = tracer._stack
        frames_of = tracer.frames_of
        earlier = frames_of.get(name, 0)
        stack.append({"name": name, "period": period})
        frames_of[name] = earlier + 1
        try:
            _check_period(self, variable, period)
            try:
                if earlier or self.max_spiral_loops < 1:
                    self._check_for_cycle(name, period)
                _, formula, with_parameters = _formula_entry(variable, period)
                if with_parameters is None:  # no formula (or one without code)
                    array = self._run_formula(variable, holder.population, period)
                elif with_parameters:
                    array = formula(
                        holder.population, period, self.tax_benefit_system.get_parameters_at_instant
                    )
                else:
                    array = formula(holder.population, period)
                if array is None:
                    array = holder.default_array()
                array = self._cast(array, variable)
                self._store(holder, array, period)
            except SpiralError:
                array = holder.default_array()
            return array
        finally:
            stack.pop()
            frames_of[name] = earlier
            if self.invalidated_caches and not stack:
                self.purge_cache_of_invalid_values()

    def _run_traced(self, holder: Any, period: Period) -> Any:
        """:meth:`_run` through the tracer's own methods (any other tracer than the
        simulation's own :class:`_CountingTracer`), with OpenFisca's cycle check."""
        variable = holder.variable
        self.tracer.record_calculation_start(variable.name, period)
        try:
            _check_period(self, variable, period)
            try:
                self._check_for_cycle(variable.name, period)
                array = self._run_formula(variable, holder.population, period)
                if array is None:
                    array = holder.default_array()
                array = self._cast(array, variable)
                self._store(holder, array, period)
            except SpiralError:
                array = holder.default_array()
            self.tracer.record_calculation_result(array)
            return array
        finally:
            self.tracer.record_calculation_end()
            self.purge_cache_of_invalid_values()

    def _cast(self, array: Any, variable: Any) -> Any:
        """OpenFisca's ``_cast_formula_result``: an array of a variable that is not an enum is
        returned as it is when of the variable's dtype, else converted with ``astype``; an
        enum's result (encoded unless an EnumArray) and any other value take OpenFisca's
        path."""
        if type(array) is np.ndarray and variable.value_type is not Enum:
            return array if array.dtype == variable.dtype else array.astype(variable.dtype)
        return self._cast_formula_result(array, variable)

    def _store(self, holder: Any, array: Any, period: Period) -> None:
        """``holder.put_in_cache(array, period)``. A formula's result, once cast, has the
        variable's dtype (an ``EnumArray`` for an enum) and its period passed the period checks:
        a one-dimensional array with a value per member is stored as is, as ``Holder._set``
        stores it; anything else takes the holder's own path, with its checks."""
        arrays = holder.plain_arrays
        if (
            arrays is not None
            and type(array) in (np.ndarray, EnumArray)
            and array.ndim == 1
            and len(array) == holder.population.count
        ):
            arrays[period] = array
        else:
            holder.put_in_cache(array, period)

    def set_input(self, variable_name: str, period: Any, value: Any) -> None:
        """OpenFisca's ``set_input``. An array for one month of a variable defined by month,
        neither an enum, nor neutralized, nor ended, whose input is written as it is or spread
        over the months of the period (``set_input_dispatch_by_period``: here one month, held
        by nothing yet) is converted to the variable's dtype and stored as ``Holder._set``
        stores it."""
        variable = self.tax_benefit_system.get_variable(variable_name, check_existence=True)
        if (
            type(period) is Period
            and period.unit == DateUnit.MONTH
            and period.size == 1
            and variable is not None
            and variable.definition_period == DateUnit.MONTH
            and variable.set_input in (None, set_input_dispatch_by_period)
            and variable.value_type is not Enum
            and not variable.is_neutralized
            and variable.end is None
            and type(value) is np.ndarray
        ):
            arrays = self.get_holder(variable_name).plain_arrays
            if arrays is not None and period not in arrays:
                self.put_months(variable_name, value.astype(variable.dtype, copy=False), (period,))
                return
        super().set_input(variable_name, period, value)

    def put_months(self, variable_name: str, array: Any, months: Sequence[Period]) -> None:
        """``holder.put_in_cache(array, month)`` for each of ``months`` (periods of one month):
        an array of a variable defined by month, not an enum, already of its dtype, with a
        value per member is stored as is on each month, as ``Holder._set`` stores it."""
        holder = self.get_holder(variable_name)
        arrays = holder.plain_arrays
        variable = holder.variable
        if (
            arrays is not None
            and variable.definition_period == DateUnit.MONTH
            and variable.value_type is not Enum
            and type(array) is np.ndarray
            and array.dtype == variable.dtype
            and array.ndim == 1
            and len(array) == holder.population.count
            and _one_month_each(months)
        ):
            for month in months:
                arrays[month] = array
        else:
            for month in months:
                holder.put_in_cache(array, month)

    def _run_formula(self, variable: Any, population: Any, period: Any) -> Any:
        """OpenFisca's ``_run_formula``, the formula of a period found once per variable."""
        if self.trace or not isinstance(period, Period):
            return super()._run_formula(variable, population, period)
        formula = formula_at(variable, period)
        if formula is None:
            return None
        if formula.__code__.co_argcount == 2:
            return formula(population, period)
        return formula(population, period, self.tax_benefit_system.get_parameters_at_instant)

    def calculate_add(self, variable_name: str, period: Any) -> Any:
        if not isinstance(period, Period) or self.trace:
            return super().calculate_add(variable_name, period)
        variable = self.tax_benefit_system.get_variable(variable_name, check_existence=True)
        key = (period, variable.definition_period)
        months = _SUBPERIODS.get(key)
        if months is None:
            total = super().calculate_add(variable_name, period)  # checks the period and unit
            if len(_SUBPERIODS) >= 4_096:
                _SUBPERIODS.clear()
            _SUBPERIODS[key] = tuple(period.get_subperiods(variable.definition_period))
            return total
        # ``sum(self.calculate(variable_name, month) for month in months)``, the holder found
        # once: the shortcuts are checked before each month, as ``calculate`` checks them.
        added: Any = 0
        holder = None
        for month in months:
            if self.shortcuts():
                if holder is None:
                    holder = self._holder_of.get(variable_name) or self.get_holder(variable_name)
                added = added + self.value_of(holder, month)
            else:
                added = added + super().calculate(variable_name, month)
        return added


class _Shortcut:
    """A population whose formulas' calls (``individu("age", period)``, and with
    ``options=[ADD]``) go straight to the simulation when its shortcuts hold: to the variable's
    holder, taken from the simulation, which makes a holder only in the variable's own
    population (so a variable of another entity still gets OpenFisca's error), and a ``Period``
    needs no parsing nor check. Any other call keeps OpenFisca's path."""

    simulation: Any

    def __call__(self, variable_name: str, period: Any, options: Any = None) -> Any:
        simulation = self.simulation
        if (
            type(period) is Period
            and (options is None or options == _ADD)
            and isinstance(simulation, FastSimulation)
            and simulation.shortcuts()
        ):
            holder = simulation._holder_of.get(variable_name)
            if holder is None and variable_name in simulation.tax_benefit_system.variables:
                holder = simulation.get_holder(variable_name)
            if holder is not None and holder.population is self:
                if options is None:
                    return simulation.value_of(holder, period)
                return simulation.calculate_add(variable_name, period)
        return super().__call__(variable_name, period, options)  # type: ignore[misc]


class _Population(_Shortcut, Population):
    @projectable  # as OpenFisca's: ``individu.famille.has_role`` is projected
    def has_role(self, role: Any) -> Any:
        """OpenFisca's ``has_role``, the mask read from the group's role codes."""
        if self.simulation is None:
            return None
        self.entity.check_role_validity(role)
        simulation = self.simulation
        if isinstance(simulation, FastSimulation):
            group = simulation.population_of(role.entity.plural)
        else:
            group = simulation.get_population(role.entity.plural)
        if isinstance(group, _GroupPopulation):
            return group.role_mask(role)
        return super().has_role(role)


class _GroupPopulation(_Shortcut, GroupPopulation):
    _role_codes: tuple[Any, dict[int, tuple[Any, int]], np.ndarray, dict[int, Any]] | None = None

    def role_mask(self, role: Any) -> np.ndarray:
        """``members_role == role`` (or any of its subroles), as OpenFisca computes it (roles
        compare by identity), from one integer code per member made once per ``members_role``
        array: OpenFisca compares the objects one by one at every call, and the formulas ask
        the same roles hundreds of times per simulation. A copy: the caller may write in it."""
        members = self.members_role
        known = self._role_codes
        if known is None or known[0] is not members:
            codes: dict[int, tuple[Any, int]] = {}
            array = np.fromiter(
                (codes.setdefault(id(r), (r, len(codes)))[1] for r in members),
                dtype=np.int64,
                count=len(members),
            )
            known = self._role_codes = (members, codes, array, {})
        _, codes, array, masks = known
        cached = masks.get(id(role))
        if cached is None or cached[0] is not role:
            wanted = [codes[id(r)][1] for r in role.subroles or (role,) if id(r) in codes]
            cached = masks[id(role)] = (role, np.isin(array, wanted))
        return cached[1].copy()

    @projectable  # as OpenFisca's: ``individu.famille.nb_persons(...)`` is per person
    def nb_persons(self, role: Any = None) -> Any:
        """OpenFisca's ``nb_persons``, the role's mask from :meth:`role_mask`."""
        if role:
            return self.sum(self.role_mask(role))
        return super().nb_persons()


def fast_populations(tbs: Any) -> dict[str, Population]:
    """``TaxBenefitSystem.instantiate_entities`` with the populations above."""
    persons = _Population(tbs.person_entity)
    found: dict[str, Population] = {tbs.person_entity.key: persons}
    for entity in tbs.group_entities:
        found[entity.key] = _GroupPopulation(entity, persons)
    return found
