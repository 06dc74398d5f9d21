"""Shortcuts of the completion and of the simulation inputs give what the plain path gives.

- ``scenarios._complete_person`` sets a person's autonomy facts and other facts in one copy;
  the plain path completes the autonomy facts (``autonomy.complete_autonomy``), then the others
  on that copy. The two must agree on every value, its type and the fields set.
- ``builder._days`` makes an array of dates from their day numbers; the plain path converts each
  date with ``np.datetime64``.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest

from rights_engine.engine.autonomy import complete_autonomy
from rights_engine.engine.builder import _days
from rights_engine.engine.scenarios import Scenario, _complete_person, _person_update
from rights_engine.engine.soundness import leave_out
from rights_engine.situation.loader import load_situation
from rights_engine.situation.models import Person, Situation
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
