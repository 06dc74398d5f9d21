"""Shortcuts of the completion set give what the plain path gives.

- ``scenarios._copied`` builds a model copy directly; the plain path is pydantic's
  ``model_copy(update=...)``.
- ``scenarios._level_incomes`` shares one validated ``Incomes`` per income and level; the plain
  path validates it for every row.
- ``scenarios._on_line`` builds a row of a swept line directly; the plain path is
  ``dataclasses.replace``.
- ``scenarios._Completer`` reuses the completed people and households from row to row of a
  completion set; the plain path completes every row afresh.
- ``scenarios._months_before`` and ``scenarios._rsa_young_worker_hours`` keep their value per
  month; the plain path computes it again.
- ``scenarios.completions`` of a complete situation (one row) completes it without a
  ``_Completer``; the plain path completes it with one, as the other rows are.

Both are compared on every row of the completion sets of generated partial households: every
value, its type, the fields set and the extra and private state, at every depth.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import fields
from typing import Any

import pytest
from pydantic import BaseModel

from rights_engine.engine import scenarios
from rights_engine.engine.autonomy import AUTONOMY_SIGNS
from rights_engine.engine.facts import unknown_facts
from rights_engine.engine.scenarios import Completion, Scenario, completions
from rights_engine.engine.soundness import leave_out
from rights_engine.situation.models import Household, Incomes, Person, Role, Situation
from rights_engine.synthetic import DEFAULT_PERIODS, draw_household, generate_households

DRAWN = 120
MOST_FACTS_LEFT_OUT = 8


def _partial_households() -> list[Situation]:
    rng = random.Random(20261203)
    found = []
    for index in range(DRAWN):
        period = DEFAULT_PERIODS[index % len(DEFAULT_PERIODS)]
        drawn = draw_household(rng, period, f"copies{index}")
        partial = leave_out(rng, drawn, rng.randint(1, MOST_FACTS_LEFT_OUT))
        if unknown_facts(partial):
            found.append(partial)
    return found


HOUSEHOLDS = _partial_households()
COMPLETE = [s for s in generate_households(DRAWN, 20261203) if not unknown_facts(s)]


def _state(value: Any) -> Any:
    """A value's full state: for a model, its type, every field's state in order, the fields
    set and the extra and private state."""
    if isinstance(value, BaseModel):
        return (
            type(value),
            tuple((name, _state(field)) for name, field in value.__dict__.items()),
            frozenset(value.model_fields_set),
            value.__pydantic_extra__,
            value.__pydantic_private__,
        )
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(_state(item) for item in value))
    return (type(value), value)


def _rows_state(rows: list[Completion]) -> list[Any]:
    """Each row's type and the state of each of its fields, in order."""
    return [
        (type(row), tuple((field.name, _state(getattr(row, field.name))) for field in fields(row)))
        for row in rows
    ]


def _plain_copy(model: Any, update: dict[str, Any]) -> Any:
    return model.model_copy(update=update)


def _plain_level_incomes(kind: str, level: float) -> Incomes:
    return Incomes.model_validate({kind: level})


def test_enough_partial_households() -> None:
    assert len(HOUSEHOLDS) > DRAWN // 2


def _plain_on_line(line: Completion, situation: Situation, level: float) -> Completion:
    return dataclasses.replace(line, situation=situation, level=level)


def test_completion_rows_as_with_pydantic_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [completions(s, unknown_facts(s)) for s in HOUSEHOLDS]
    monkeypatch.setattr(scenarios, "_copied", _plain_copy)
    monkeypatch.setattr(scenarios, "_level_incomes", _plain_level_incomes)
    monkeypatch.setattr(scenarios, "_on_line", _plain_on_line)
    plain = [completions(s, unknown_facts(s)) for s in HOUSEHOLDS]
    assert sum(map(len, plain)) > 20 * len(HOUSEHOLDS)
    for situation, fast_rows, plain_rows in zip(HOUSEHOLDS, fast, plain, strict=True):
        assert _rows_state(fast_rows) == _rows_state(plain_rows), situation.id


class _PlainCompleter(scenarios._Completer):
    """Completes every person and household afresh."""

    def people(self, situation: Situation, scenario: Scenario, first_day: dt.date) -> list[Person]:
        return [
            scenarios._complete_person(situation, person, scenario, first_day)
            for person in situation.people
        ]

    def household(self, situation: Situation, scenario: Scenario) -> Household:
        return scenarios._complete_household(situation, scenario)


def test_completion_rows_as_completed_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    reused = [completions(s, unknown_facts(s)) for s in HOUSEHOLDS]
    monkeypatch.setattr(scenarios, "_Completer", _PlainCompleter)
    afresh = [completions(s, unknown_facts(s)) for s in HOUSEHOLDS]
    for situation, reused_rows, afresh_rows in zip(HOUSEHOLDS, reused, afresh, strict=True):
        assert _rows_state(reused_rows) == _rows_state(afresh_rows), situation.id


def _variants(situation: Situation) -> list[Situation]:
    """``situation`` with its people's signs and AAH facts unknown (the completion then reads the
    household's observations and the partner), and copies with one input of a completion changed,
    the others the very same objects: the household's observations, a person's incomes or
    observations, the partner, the month."""
    unknown_signs = {name: None for name in AUTONOMY_SIGNS}
    unsure = {"aah_before_october_2023": None, "disability_rate": None, "disability_reported": True}
    situation = situation.model_copy(
        update={
            "people": [
                p.model_copy(
                    update={
                        **unsure,
                        "observations": p.observations.model_copy(update=unknown_signs),
                    }
                )
                for p in situation.people
            ]
        }
    )
    household = situation.household
    found = [situation, situation.model_copy(update={"period": "2024-01"})]
    for name in (*AUTONOMY_SIGNS, "no_shelter_tonight", "parents_overwhelmed"):
        for value in (True, False, None):
            said = household.observations.model_copy(update={name: value})
            changed = household.model_copy(update={"observations": said})
            found.append(situation.model_copy(update={"household": changed}))
    people = situation.people
    alone = [p for p in people if p.role is not Role.partner]
    found.append(situation.model_copy(update={"people": alone}))
    for index, person in enumerate(people):
        updates: list[dict[str, object]] = [
            {"incomes": None},
            {"incomes": Incomes(alimony=150.0)},
            {"observations": person.observations.model_copy(update={"no_shelter_tonight": True})},
        ]
        if person.role is not Role.applicant:
            updates.append({"role": Role.child if person.role is Role.partner else Role.partner})
        for update in updates:
            changed_people = list(people)
            changed_people[index] = person.model_copy(update=update)
            found.append(situation.model_copy(update={"people": changed_people}))
    return found


@pytest.mark.parametrize("scenario", list(Scenario))
def test_completer_as_completed_afresh(scenario: Scenario) -> None:
    for situation in HOUSEHOLDS[:40]:
        completer = scenarios._Completer()
        for variant in _variants(situation):
            first_day = variant.reference_month.first_day
            reused = completer.people(variant, scenario, first_day)
            afresh = [
                scenarios._complete_person(variant, person, scenario, first_day)
                for person in variant.people
            ]
            assert _state(reused) == _state(afresh), situation.id
            reused_household = completer.household(variant, scenario)
            afresh_household = scenarios._complete_household(variant, scenario)
            assert _state(reused_household) == _state(afresh_household), situation.id


def test_copy_as_model_copy() -> None:
    for situation in HOUSEHOLDS[:20]:
        models: list[BaseModel] = [situation, situation.household, *situation.people]
        models += [situation.household.housing, situation.household.observations]
        for model in models:
            for name in type(model).model_fields:
                update = {name: getattr(model, name)}
                fast = scenarios._copied(model, update)
                assert _state(fast) == _state(model.model_copy(update=update))
                assert fast is not model and fast.__dict__ is not model.__dict__
                assert fast.model_fields_set is not model.model_fields_set
        assert _state(scenarios._copied(situation, {})) == _state(situation.model_copy())


@pytest.mark.parametrize("kind", ["salary", "self_employment", "pension"])
def test_level_incomes_as_validated(kind: str) -> None:
    for level in (0, 150, 150.0, 1234.56, 4000, 3000.0):
        shared = scenarios._level_incomes(kind, level)
        assert _state(shared) == _state(Incomes.model_validate({kind: level}))
        assert scenarios._level_incomes(kind, level) is shared


def test_one_row_as_completed_with_a_completer() -> None:
    assert len(COMPLETE) > DRAWN // 2
    for situation in COMPLETE:
        fast = completions(situation, [])
        completed = scenarios.complete(situation, Scenario.favourable, scenarios._Completer())
        assert _rows_state(fast) == _rows_state([Completion(completed)]), situation.id


def test_month_values_as_computed() -> None:
    """``_months_before`` and ``_rsa_young_worker_hours`` are kept per month: what they keep is
    what they compute."""
    months = sorted({s.reference_month.first_day for s in HOUSEHOLDS + COMPLETE})
    for first_day in months:
        for offset in (0, 1, 11, 12, 13, 240):
            kept = scenarios._months_before(first_day, offset)
            assert kept == scenarios._months_before.__wrapped__(first_day, offset)
        hours = scenarios._rsa_young_worker_hours(first_day)
        assert type(hours) is float
        assert hours == scenarios._rsa_young_worker_hours.__wrapped__(first_day)
