"""Shortcuts of the completion and of the simulation inputs give what the plain path gives.

- ``scenarios._complete_person`` sets a person's autonomy facts and other facts in one copy;
  the plain path completes the autonomy facts (``autonomy.complete_autonomy``), then the others
  on that copy. The two must agree on every value, its type and the fields set.
- ``builder._days`` makes an array of dates from their day numbers; the plain path converts each
  date with ``np.datetime64``.
- ``facts.unknown_facts`` checks a fact only for a person of its ``roles`` with one of its
  ``absent`` fields absent; the plain path checks every fact for every person. Compared on the
  households above and on copies with optional fields left out and signs observed at random.
- ``facts.unknown_facts`` works out which facts to check once per pattern of roles and absent
  fields (``facts._CHECKS``), read from the models' ``__dict__`` (``facts._absence``); the plain
  paths work them out afresh for every household, and read the fields with ``getattr``.
- ``facts.observations`` reads several observations in one pass over the people; the plain path
  reads each one alone, the household's then each person's.
- ``scenarios.completions`` of a situation with no unknown fact tells ``autonomy_update`` so
  (``known``), which then does not ask the ``*_unknown`` rules; the plain path asks them.
- ``scenarios._NO_INCOMES`` is one ``Incomes()`` shared by the completions; the plain path
  validates one each time.
"""

from __future__ import annotations

import datetime as dt
import random
from operator import attrgetter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel

from rights_engine.engine import facts, scenarios
from rights_engine.engine.autonomy import AUTONOMY_SIGNS, complete_autonomy
from rights_engine.engine.builder import _days
from rights_engine.engine.facts import FACTS, FactRef, unknown_facts
from rights_engine.engine.scenarios import (
    Completion,
    Scenario,
    _complete_person,
    _person_update,
    completions,
)
from rights_engine.engine.soundness import leave_out
from rights_engine.situation.loader import load_situation
from rights_engine.situation.models import Incomes, Observations, Person, Role, Situation
from rights_engine.synthetic import DEFAULT_PERIODS, draw_household

SITUATIONS = sorted((Path(__file__).parents[2] / "situations").glob("*.yaml"))
DRAWN = 300
MOST_FACTS_LEFT_OUT = 6


def _households() -> list[Situation]:
    """The example situations, drawn complete households, and the same with facts left out."""
    rng = random.Random(20261203)
    found = [load_situation(path) for path in SITUATIONS]
    for index in range(DRAWN):
        period = DEFAULT_PERIODS[index % len(DEFAULT_PERIODS)]
        drawn = draw_household(rng, period, f"rewrite{index}")
        found += [drawn, leave_out(rng, drawn, rng.randint(1, MOST_FACTS_LEFT_OUT))]
    return found


HOUSEHOLDS = _households()


def _plain_complete_person(situation: Situation, person: Person, scenario: Scenario) -> Person:
    """Two copies: the autonomy facts, then the other facts of the completed person."""
    favourable = scenario is Scenario.favourable
    with_autonomy = complete_autonomy(situation, person, favourable)
    first_day = situation.reference_month.first_day
    update = _person_update(with_autonomy, scenario, first_day)
    return with_autonomy.model_copy(update=update) if update else with_autonomy


def _state(person: Person) -> tuple[object, ...]:
    """Every field's value and type, and the fields set."""
    fields = tuple((name, type(value), value) for name, value in person.__dict__.items())
    return fields, frozenset(person.model_fields_set)


@pytest.mark.parametrize("scenario", list(Scenario))
def test_one_copy_completes_a_person_as_two(scenario: Scenario) -> None:
    for situation in HOUSEHOLDS:
        first_day = situation.reference_month.first_day
        for person in situation.people:
            fast = _complete_person(situation, person, scenario, first_day)
            plain = _plain_complete_person(situation, person, scenario)
            assert _state(fast) == _state(plain), (situation.id, person.id)


def test_days_from_day_numbers_as_converted_one_by_one() -> None:
    dates = [dt.date.min, dt.date(1900, 1, 1), dt.date(1969, 12, 31), dt.date(1970, 1, 1)]
    dates += [dt.date(2024, 2, 29), dt.date(2026, 11, 1), dt.date.max]
    dates += [p.birth_date for s in HOUSEHOLDS for p in s.people if p.birth_date is not None]
    fast = _days(dates)
    plain = np.array([np.datetime64(date, "D") for date in dates])
    assert fast.dtype == plain.dtype
    assert fast.tobytes() == plain.tobytes()


def _plain_unknown_facts(situation: Situation) -> list[FactRef]:
    """Every fact checked for every person (or the household), in the order of ``FACTS``."""
    found = []
    for fact in FACTS.values():
        if not fact.per_person:
            if fact.is_unknown(situation, None):
                found.append(FactRef(fact.id))
            continue
        for index, person in enumerate(situation.people):
            if fact.is_unknown(situation, person):
                found.append(FactRef(fact.id, index))
    return found


_SAID = (None, None, False, True)  # an observation at random, unknown more often than not


def _shaken(rng: random.Random, situation: Situation) -> Situation:
    """``situation`` with optional fields of its people and household left out at random, signs
    and disabilities reported at random, and now and then an adult of another role."""
    people = []
    for person in situation.people:
        update: dict[str, object] = {
            name: None
            for name, field in Person.model_fields.items()
            if not field.is_required() and rng.random() < 0.25
        }
        if rng.random() < 0.3:
            update["disability_reported"] = True
        if person.role is Role.partner and rng.random() < 0.2:
            update["role"] = Role.other
        said = {name: rng.choice(_SAID) for name in Observations.model_fields}
        update["observations"] = person.observations.model_copy(update=said)
        people.append(person.model_copy(update=update))
    household = situation.household
    parts: dict[str, object] = {}
    for name in ("housing", "alimony", "energy", "debts", "observations"):
        part = getattr(household, name)
        left_out = {key: None for key in type(part).model_fields if rng.random() < 0.25}
        if name == "observations":
            left_out.update({key: rng.choice(_SAID) for key in Observations.model_fields})
        parts[name] = part.model_copy(update=left_out)
    for name in ("commune", "single_parent_since", "fiscal_reference_income"):
        if rng.random() < 0.25:
            parts[name] = None
    household = household.model_copy(update=parts)
    return situation.model_copy(update={"people": people, "household": household})


def _shaken_households() -> list[Situation]:
    rng = random.Random(20261204)
    return [_shaken(rng, situation) for situation in HOUSEHOLDS for _ in range(2)]


SHAKEN = _shaken_households()


def test_unknown_facts_as_every_fact_checked() -> None:
    seen: set[str] = set()
    for situation in HOUSEHOLDS + SHAKEN:
        fast = unknown_facts(situation)
        assert fast == _plain_unknown_facts(situation), situation.id
        seen.update(ref.fact for ref in fast)
    assert seen == set(FACTS)  # every fact unknown somewhere: every guard is exercised


def test_an_unknown_fact_has_a_field_absent_and_a_role_it_names() -> None:
    for situation in HOUSEHOLDS + SHAKEN:
        for ref in _plain_unknown_facts(situation):
            fact = FACTS[ref.fact]
            if ref.person is None:
                model: object = situation.household
            else:
                model = situation.people[ref.person]
                assert model.role in fact.roles, (situation.id, ref)
            values = [_value(model, path) for path in fact.absent]
            assert None in values, (situation.id, ref)


def _value(model: object, path: str) -> object:
    for part in path.split("."):
        model = getattr(model, part)
    return model


ALL = HOUSEHOLDS + SHAKEN
COMPLETE = [s for s in ALL if not facts.unknown_facts(s)]


def _full_state(value: Any) -> Any:
    """A value's full state: for a model, its type, every field's state in order, the fields
    set and the extra and private state."""
    if isinstance(value, BaseModel):
        return (
            type(value),
            tuple((name, _full_state(field)) for name, field in value.__dict__.items()),
            frozenset(value.model_fields_set),
            value.__pydantic_extra__,
            value.__pydantic_private__,
        )
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(_full_state(item) for item in value))
    return (type(value), value)


def test_absent_fields_as_read_with_getattr() -> None:
    for situation in ALL:
        cases = [(facts._HOUSEHOLD_PATHS, facts._HOUSEHOLD_ABSENT, situation.household)]
        cases += [(facts._PERSON_PATHS, facts._PERSON_ABSENT, p) for p in situation.people]
        for paths, absent, model in cases:
            plain = tuple(value is None for value in attrgetter(*paths)(model))
            assert absent(model) == plain, situation.id
            assert any(plain), situation.id  # some field absent: the flags are not all alike


def test_checks_kept_per_pattern_as_worked_out_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facts, "_CHECKS", {})
    kept = [facts.unknown_facts(s) for s in ALL + ALL[::-1]]
    assert len(facts._CHECKS) <= len(ALL)  # each pattern worked out once: the memo is used
    for situation in ALL + ALL[::-1]:
        facts._CHECKS.clear()  # worked out afresh for this household
        assert facts.unknown_facts(situation) == _plain_unknown_facts(situation), situation.id
    assert kept == [_plain_unknown_facts(s) for s in ALL + ALL[::-1]]
    monkeypatch.setattr(facts, "_MOST_PATTERNS", 3)  # the memo emptied when full
    assert [facts.unknown_facts(s) for s in ALL] == [_plain_unknown_facts(s) for s in ALL]
    assert len(facts._CHECKS) <= 3


def _plain_observation(situation: Situation, name: str) -> bool | None:
    """True if the household or anyone says so, else False if one says not, else None."""
    found = getattr(situation.household.observations, name)
    if found is True:
        return True
    for person in situation.people:
        value = getattr(person.observations, name)
        if value is True:
            return True
        if value is False:
            found = False
    return found


def test_observations_as_read_one_by_one() -> None:
    names = list(Observations.model_fields)
    seen = set()
    for situation in ALL:
        together = facts.observations(situation, names)
        assert list(together) == names
        for name in names:
            plain = _plain_observation(situation, name)
            assert together[name] is plain, (situation.id, name)
            assert facts.observation(situation, name) is plain, (situation.id, name)
            seen.add(plain)
    assert seen == {True, False, None}


def _rows_state(rows: list[Completion]) -> list[Any]:
    return [(type(row), tuple((k, _full_state(v)) for k, v in vars(row).items())) for row in rows]


def test_complete_household_as_completed_asking_the_rules() -> None:
    assert len(COMPLETE) > len(HOUSEHOLDS) // 2
    said = [s for s in COMPLETE if any(p.observations.disoriented for p in s.people)]
    assert said and any(p.disability_reported for s in COMPLETE for p in s.people)
    for situation in COMPLETE:
        fast = completions(situation, [])
        plain = [Completion(scenarios.complete(situation, Scenario.favourable))]
        assert _rows_state(fast) == _rows_state(plain), situation.id


@pytest.mark.parametrize("scenario", list(Scenario))
def test_a_person_completed_knowing_nothing_is_unknown_as_asking(scenario: Scenario) -> None:
    """``known`` changes nothing for a situation with no unknown fact, in either scenario."""
    for situation in COMPLETE:
        first_day = situation.reference_month.first_day
        for person in situation.people:
            known = scenarios._complete_person(situation, person, scenario, first_day, True)
            asked = scenarios._complete_person(situation, person, scenario, first_day)
            assert _full_state(known) == _full_state(asked), (situation.id, person.id)


def test_no_incomes_as_validated() -> None:
    assert _full_state(scenarios._NO_INCOMES) == _full_state(Incomes())
    assert _full_state(scenarios._NO_INCOMES) == _full_state(Incomes.model_validate({}))


def test_signs_of_the_autonomy_are_observations() -> None:
    assert set(AUTONOMY_SIGNS) <= set(Observations.model_fields)
