"""The builder gives the simulation the plain builder gives, input for input.

``builder.build_simulation`` reads the situations' fields in one pass per model (from their
``__dict__``), joins the entities by number and takes each famille's inputs from its row's;
``plain_builder.plain_build_simulation``, the builder as first written, reads one field at a
time and joins through OpenFisca's ``SimulationBuilder`` with string ids. Both are built on
generated households, the example situations, copies with facts left out, partners turned into
people of role ``other`` and people reordered, the rows a batch makes of partial households,
and rows no situation's validation lets through: every population (ids, members, roles) and
every input (value, dtype, period) must be the same, bit for bit.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from openfisca_core.populations import GroupPopulation

from rights_engine.engine.builder import Batch, build_simulation
from rights_engine.engine.facts import unknown_facts
from rights_engine.engine.scenarios import Scenario, complete, completions
from rights_engine.engine.soundness import leave_out
from rights_engine.situation.loader import load_situation
from rights_engine.situation.models import Month, Observations, Person, Role, Situation
from rights_engine.synthetic import generate_households


def _plain_builder() -> ModuleType:
    """``plain_builder.py`` of this folder (pytest's importlib mode puts no test folder on
    ``sys.path``)."""
    spec = importlib.util.spec_from_file_location(
        "plain_builder", Path(__file__).with_name("plain_builder.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


plain_build_simulation = _plain_builder().plain_build_simulation
SITUATIONS = sorted((Path(__file__).parents[2] / "situations").glob("*.yaml"))
MONTH = Month("2026-10")
_SAID = (None, None, False, True)


def _shaken(rng: random.Random, situation: Situation) -> Situation:
    """``situation`` with optional fields left out at random (a birth date is kept, or the age
    where it is not known), observations said at random, now and then a partner of role
    ``other``, and its people in another order."""
    people = []
    for person in situation.people:
        update: dict[str, object] = {
            name: None
            for name, field in Person.model_fields.items()
            if not field.is_required() and name not in ("birth_date", "observations")
            if rng.random() < 0.25
        }
        if person.birth_date is None:
            update.pop("age", None)
        if person.role is Role.partner and rng.random() < 0.3:
            update["role"] = Role.other
        said = {name: rng.choice(_SAID) for name in Observations.model_fields}
        update["observations"] = person.observations.model_copy(update=said)
        people.append(person.model_copy(update=update))
    rng.shuffle(people)
    household = situation.household
    parts: dict[str, object] = {}
    for name in ("housing", "alimony", "energy", "debts", "observations"):
        part = getattr(household, name)
        left_out = {key: None for key in type(part).model_fields if rng.random() < 0.25}
        if name == "observations":
            left_out.update({key: rng.choice(_SAID) for key in Observations.model_fields})
        parts[name] = part.model_copy(update=left_out)
    for name in ("commune", "single_parent_since", "fiscal_reference_income", "family_benefits"):
        if rng.random() < 0.25:
            parts[name] = None
    household = household.model_copy(update=parts)
    return situation.model_copy(update={"people": people, "household": household})


def _rows() -> list[Situation]:
    examples = [
        load_situation(path).model_copy(update={"period": str(MONTH)}) for path in SITUATIONS
    ]
    generated = generate_households(150, seed=29, periods=[str(MONTH)])
    rows = [complete(s, scenario) for s in examples + generated for scenario in Scenario]
    rng = random.Random(20261203)
    rows += [_shaken(rng, row) for row in rows]
    # The rows of partial households, as a batch completes them (corners, flips, sweeps).
    for situation in generated[:40]:
        partial = leave_out(rng, situation, rng.randint(1, 6))
        rows += [c.situation for c in completions(partial, unknown_facts(partial))]
    return rows


ROWS = _rows()


def _assert_same_array(got: np.ndarray, expected: np.ndarray, what: object) -> None:
    assert type(got) is type(expected), what
    assert got.dtype == expected.dtype, what
    assert got.shape == expected.shape, what
    if expected.dtype == object:
        assert all(a is b for a, b in zip(got, expected, strict=True)), what
    else:
        assert got.tobytes() == expected.tobytes(), what


def _assert_same_simulation(got: Batch, expected: Batch) -> None:
    for name in ("applicant", "famille", "menage", "first_person", "person_famille"):
        _assert_same_array(getattr(got, name), getattr(expected, name), name)
    _assert_same_array(got.person_menage, expected.person_menage, "person_menage")
    assert got.period == expected.period
    populations = got.simulation.populations
    assert populations.keys() == expected.simulation.populations.keys()
    for key, plain in expected.simulation.populations.items():
        population = populations[key]
        assert population.count == plain.count, key
        _assert_same_array(population.ids, plain.ids, (key, "ids"))
        if isinstance(plain, GroupPopulation):
            _assert_same_array(population.members_entity_id, plain.members_entity_id, key)
            _assert_same_array(population.members_role, plain.members_role, key)
        assert population._holders.keys() == plain._holders.keys(), key
        for name, holder in plain._holders.items():
            periods = holder.get_known_periods()
            assert population._holders[name].get_known_periods() == periods, name
            for period in periods:
                value = population._holders[name].get_array(period)
                _assert_same_array(value, holder.get_array(period), (name, str(period)))


def test_rows_cover_the_shapes_of_households() -> None:
    roles = [[p.role for p in row.people] for row in ROWS]
    assert any(Role.other in r for r in roles)
    assert any(r.index(Role.applicant) > 0 for r in roles)  # someone before the applicant
    assert any(Role.other in r and r.index(Role.other) < r.index(Role.applicant) for r in roles)


@pytest.mark.parametrize("start", range(0, len(ROWS), 97 * 3))
def test_the_same_inputs_as_the_plain_builder(start: int) -> None:
    rows = ROWS[start : start + 97 * 3]
    _assert_same_simulation(build_simulation(rows, MONTH), plain_build_simulation(rows, MONTH))


def test_every_row_alone_as_the_plain_builder() -> None:
    for row in ROWS[::7]:
        _assert_same_simulation(
            build_simulation([row], MONTH), plain_build_simulation([row], MONTH)
        )


def test_rows_outside_the_contract_as_the_plain_builder() -> None:
    """Rows a situation's validation refuses: a menage without a person takes OpenFisca's own
    join; of two applicants, the last one is the row's applicant."""
    nobody = ROWS[0].model_copy(update={"people": []})
    couple = next(row for row in ROWS if [p.role for p in row.people].count(Role.partner))
    two_applicants = couple.model_copy(
        update={
            "people": [
                p.model_copy(update={"role": Role.applicant}) if p.role is Role.partner else p
                for p in couple.people
            ]
        }
    )
    rows = [ROWS[1], nobody, *ROWS[2:30], two_applicants]
    _assert_same_simulation(build_simulation(rows, MONTH), plain_build_simulation(rows, MONTH))
