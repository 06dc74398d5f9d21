"""The month-simulation step of an evaluation: each household's completion rows
(``scenarios.completions``), refined around interior maxima and flipped from each programme's
best row, go through vectorised OpenFisca simulations; every programme variable is kept, one
value per row and one per person. ``evaluate`` turns these values into reports and ``explain``
traces the very rows the report used."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from rights_engine.engine.builder import Batch, build_simulation
from rights_engine.engine.catalogue import Programme
from rights_engine.engine.facts import FactRef, unknown_facts
from rights_engine.engine.scenarios import (
    REFINEMENT_POINTS,
    Completion,
    completions,
    flips_from,
    line_rows,
)
from rights_engine.situation.models import Month, Role, Situation

__all__ = [
    "HouseholdValues",
    "MonthValues",
    "Household",
    "programme_variables",
    "simulate_month",
    "subjects",
]

ROWS_PER_SIMULATION = 20_000
"""Completion rows per OpenFisca simulation (a household with unknown facts takes many rows)."""
REFINEMENT_PASSES = 3
"""Passes that narrow a swept salary around an interior maximum (each divides the step by 8)."""
MINIMUM_STEP = 0.5
"""Below this step (€), a salary line is not refined further."""


_VARIABLES: dict[int, tuple[Programme, tuple[str, ...]]] = {}
"""``programme_variables`` of each programme (frozen) met, by identity: read for every programme
of every household."""


def programme_variables(programme: Programme) -> list[str]:
    """Every variable a programme's finding reads."""
    known = _VARIABLES.get(id(programme))
    if known is not None and known[0] is programme:
        return list(known[1])
    names = _programme_variables(programme)
    if len(_VARIABLES) >= 1_024:
        _VARIABLES.clear()
    # The programme is kept with its names: its id is not reused while it is here.
    _VARIABLES[id(programme)] = (programme, tuple(names))
    return names


def _programme_variables(programme: Programme) -> list[str]:
    rules = programme.rules
    names = [c.variable for c in rules.conditions] + [
        c.waived_by for c in rules.conditions if c.waived_by
    ]
    names += [d.variable for d in rules.details]
    names += [c.unconfirmed_by for c in rules.conditions if c.unconfirmed_by]
    names += [d.variable for d in rules.deadlines]
    if rules.urgency_variable is not None:
        names.append(rules.urgency_variable)
    if rules.amount is not None:
        names.append(rules.amount.variable)
    return list(dict.fromkeys(names))


def subjects(programme: Programme, situation: Situation) -> list[int | None]:
    """Who a finding is about: the household, or each adult for an individual right."""
    if not programme.rules.individual:
        return [None]
    return [i for i, p in enumerate(situation.people) if p.role is not Role.child]


@dataclass
class Household:
    situation: Situation
    unknown: list[FactRef]
    rows: list[Completion]
    first_row: list[int]
    """Global row index of each of ``rows``."""


@dataclass
class _Values:
    """Every simulated variable: one value per row, and one per person of each row."""

    by_row: dict[str, list[np.ndarray]] = field(default_factory=dict)
    by_person: dict[str, list[np.ndarray]] = field(default_factory=dict)
    first_person: list[np.ndarray] = field(default_factory=list)
    rows: int = 0
    people: int = 0

    def add(self, batch: Batch, row_variables: list[str], person_variables: list[str]) -> None:
        for name in row_variables:
            self.by_row.setdefault(name, []).append(batch.value(name))
        for name in person_variables:
            self.by_person.setdefault(name, []).append(batch.person_value(name))
        self.first_person.append(batch.first_person[:-1] + self.people)
        self.rows += len(batch.first_person) - 1
        self.people += int(batch.first_person[-1])

    def frozen(self) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], np.ndarray]:
        """Each variable's values over every batch added (one batch: its own arrays)."""
        return (
            {k: _joined(v) for k, v in self.by_row.items()},
            {k: _joined(v) for k, v in self.by_person.items()},
            _joined(self.first_person),
        )


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)


@dataclass(frozen=True)
class MonthValues:
    """The simulated values of the households of one month, row by row."""

    month: Month
    households: list[Household]
    by_row: dict[str, np.ndarray]
    """A household programme's variables: one value per row (the applicant's for an individu
    variable)."""
    by_person: dict[str, np.ndarray]
    """An individual programme's variables: one value per person of each row."""
    first_person: np.ndarray
    """Index in ``by_person`` of each row's first person."""

    def household(self, number: int) -> HouseholdValues:
        return HouseholdValues(self, number)


@dataclass(frozen=True)
class HouseholdValues:
    """One household's rows and the values its report was computed from."""

    month: MonthValues
    number: int

    @property
    def rows(self) -> list[Completion]:
        """The completion rows, in the order of the values (0: favourable, 1: unfavourable)."""
        return self.month.households[self.number].rows

    def of(self, names: Sequence[str], subject: int | None) -> dict[str, np.ndarray]:
        """Each variable, one value per row: the household's, or that of the person ``subject``
        (index in ``situation.people``) for an individual right."""
        indices = np.array(self.month.households[self.number].first_row)
        if subject is None:
            return {name: self.month.by_row[name][indices] for name in names}
        at = self.month.first_person[indices] + subject
        return {name: self.month.by_person[name][at] for name in names}


def _simulate(
    rows: list[Situation],
    month: Month,
    values: _Values,
    row_vars: list[str],
    person_vars: list[str],
) -> None:
    for start in range(0, len(rows), ROWS_PER_SIMULATION):
        batch = build_simulation(rows[start : start + ROWS_PER_SIMULATION], month)
        values.add(batch, row_vars, person_vars)
        batch.release()


def _refine(
    households: list[Household],
    amount_vars: list[tuple[str, bool]],
    by_row: dict[str, np.ndarray],
    by_person: dict[str, np.ndarray],
    first_person: np.ndarray,
) -> dict[int, dict[str, set[float]]]:
    """Salary levels to add, by household and swept line: between the two neighbours of every
    interior maximum of an amount along the line."""
    wanted: dict[int, dict[str, set[float]]] = {}
    for number, household in enumerate(households):
        lines: dict[str, list[tuple[float, int]]] = {}
        origins: dict[str, int] = {}
        for local, row in enumerate(household.rows):
            if row.sweep is not None and row.level is not None:
                lines.setdefault(row.sweep, []).append((row.level, household.first_row[local]))
                origins[row.sweep] = row.origin
        people = len(household.situation.people)
        for key, points in lines.items():
            points = sorted([(0.0, household.first_row[origins[key]]), *points])
            levels = [level for level, _ in points]
            rows = np.array([row for _, row in points])
            series = []
            for name, individual in amount_vars:
                if individual:
                    series += [by_person[name][first_person[rows] + j] for j in range(people)]
                else:
                    series.append(by_row[name][rows])
            for amounts in series:
                best = int(np.argmax(amounts))
                if 0 < best < len(levels) - 1 and amounts[best] > min(
                    amounts[best - 1], amounts[best + 1]
                ):
                    low, high = levels[best - 1], levels[best + 1]
                    step = (high - low) / (REFINEMENT_POINTS + 1)
                    if step < MINIMUM_STEP:
                        continue
                    new = {round(low + step * k, 2) for k in range(1, REFINEMENT_POINTS + 1)}
                    wanted.setdefault(number, {}).setdefault(key, set()).update(new - set(levels))
    return wanted


def _best_row_flips(
    households: list[Household],
    amount_vars: list[tuple[str, bool]],
    by_row: dict[str, np.ndarray],
    by_person: dict[str, np.ndarray],
    first_person: np.ndarray,
    next_row: int,
) -> list[Situation]:
    """Rows that flip each unknown fact from a programme's best row when that row is not the
    favourable corner (a salary, an age, a rent): the facts that can still close the right there
    are asked too. Adds them to the households; returns their situations."""
    extra: list[Situation] = []
    for household in households:
        if len(household.rows) < 2:
            continue
        indices = np.array(household.first_row)
        adults = len(household.situation.people)
        best: set[int] = set()
        for name, individual in amount_vars:
            if individual:
                series = [by_person[name][first_person[indices] + j] for j in range(adults)]
            else:
                series = [by_row[name][indices]]
            for amounts in series:
                top = int(np.argmax(amounts))
                if household.rows[top].base is not None and amounts[top] > amounts[0]:
                    best.add(top)
        unfavourable = household.rows[1].situation
        for top in sorted(best):
            for completion in flips_from(top, household.rows[top], household.unknown, unfavourable):
                household.rows.append(completion)
                household.first_row.append(next_row + len(extra))
                extra.append(completion.situation)
    return extra


def simulate_month(
    situations: Sequence[Situation], month: Month, active: list[Programme]
) -> MonthValues:
    """One simulation (a few, for large batches and refinements) for the situations of a month:
    each household's completion set, refined around interior maxima of an amount along a swept
    salary, then flipped from each programme's best row."""
    households: list[Household] = []
    rows: list[Situation] = []
    period = str(month)
    for situation in situations:  # a situation of another month is evaluated as of ``month``
        dated = (
            situation
            if situation.period == period
            else situation.model_copy(update={"period": period})
        )
        unknown = unknown_facts(dated)
        own_rows = completions(dated, unknown)
        first = len(rows)
        rows.extend(c.situation for c in own_rows)
        households.append(Household(situation, unknown, own_rows, list(range(first, len(rows)))))
    row_vars = sorted({v for p in active if not p.rules.individual for v in programme_variables(p)})
    person_vars = sorted({v for p in active if p.rules.individual for v in programme_variables(p)})
    amount_vars = [
        (p.rules.amount.variable, p.rules.individual) for p in active if p.rules.amount is not None
    ]
    values = _Values()
    _simulate(rows, month, values, row_vars, person_vars)
    for _ in range(REFINEMENT_PASSES):
        by_row, by_person, first_person = values.frozen()
        wanted = _refine(households, amount_vars, by_row, by_person, first_person)
        if not wanted:
            break
        extra: list[Situation] = []
        for number, lines in wanted.items():
            household = households[number]
            for key, levels in sorted(lines.items()):
                line = next(row for row in household.rows if row.sweep == key)
                for completion in line_rows(line, sorted(levels)):
                    household.rows.append(completion)
                    household.first_row.append(values.rows + len(extra))
                    extra.append(completion.situation)
        _simulate(extra, month, values, row_vars, person_vars)
    by_row, by_person, first_person = values.frozen()
    extra = _best_row_flips(households, amount_vars, by_row, by_person, first_person, values.rows)
    if extra:
        _simulate(extra, month, values, row_vars, person_vars)
        by_row, by_person, first_person = values.frozen()
    return MonthValues(month, households, by_row, by_person, first_person)
