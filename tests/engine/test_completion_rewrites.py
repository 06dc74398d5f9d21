"""Shortcuts of the completion and of the simulation inputs give what the plain path gives.

- ``scenarios._complete_person`` sets a person's autonomy facts and other facts in one copy;
  the plain path completes the autonomy facts (``autonomy.complete_autonomy``), then the others
  on that copy. The two must agree on every value, its type and the fields set.
- ``builder._days`` makes an array of dates from their day numbers; the plain path converts each
  date with ``np.datetime64``.
- ``facts.unknown_facts`` checks a fact only for a person of its ``roles`` with one of its
  ``absent`` fields absent; the plain path checks every fact for every person. Compared on the
  households above and on copies with optional fields left out and signs observed at random.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest

from rights_engine.engine.autonomy import complete_autonomy
from rights_engine.engine.builder import _days
from rights_engine.engine.facts import FACTS, FactRef, unknown_facts
from rights_engine.engine.scenarios import Scenario, _complete_person, _person_update
from rights_engine.engine.soundness import leave_out
from rights_engine.situation.loader import load_situation
from rights_engine.situation.models import Observations, Person, Role, Situation
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
