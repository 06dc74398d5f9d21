"""The facts that mean "nothing special" when absent are listed once, in the schema and README."""

from __future__ import annotations

import random
from pathlib import Path

import rights_engine
from rights_engine.engine.soundness import leave_out
from rights_engine.situation.absent import COMPUTED_WHEN_ABSENT, NOTHING_SPECIAL_WHEN_ABSENT
from rights_engine.situation.models import Situation, age_at
from rights_engine.synthetic import generate_households

YOUNG = 25
README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_schema_lists_the_facts_that_mean_nothing_special() -> None:
    schema = Situation.model_json_schema(by_alias=True)
    listed = schema["x-nothing-special-when-absent"]
    assert set(listed) == set(NOTHING_SPECIAL_WHEN_ABSENT)
    assert all(entry["asked_when"] for entry in listed.values())
    assert set(schema["x-computed-when-absent"]) == {"household.family_benefits"}


def test_the_readme_lists_them_with_their_trigger() -> None:
    text = README.read_text(encoding="utf-8")
    for field, (meaning, trigger) in NOTHING_SPECIAL_WHEN_ABSENT.items():
        assert f"| `{field}` | {meaning} | {trigger} |" in text, field
    assert "household.family_benefits" in text and COMPUTED_WHEN_ABSENT


def _field(situation: Situation, path: str) -> list[object]:
    scope, _, rest = path.partition(".")
    models: list[object] = list(situation.people) if scope == "people[]" else [situation.household]
    values = []
    for model in models:
        for part in rest.split("."):
            model = getattr(model, part)
        values.append(model)
    return values


def test_the_soundness_check_never_leaves_them_out() -> None:
    rng = random.Random(3)
    for situation in generate_households(200, seed=3):
        partial = leave_out(rng, situation, 4)
        for path in [*NOTHING_SPECIAL_WHEN_ABSENT, *COMPUTED_WHEN_ABSENT]:
            before, after = _field(situation, path), _field(partial, path)
            if path == "people[].hours_worked_last_3_years":
                # "No hours" from 25 on only: under 25 the hours are an unknown fact, asked.
                day = situation.reference_month.first_day
                adults = [(age_at(p, day) or 0) >= YOUNG for p in situation.people]
                before = [v for v, keep in zip(before, adults, strict=True) if keep]
                after = [v for v, keep in zip(after, adults, strict=True) if keep]
            assert after == before, path


def test_absent_family_benefits_are_not_a_question() -> None:
    situation = rights_engine.parse_situation(
        "schema: 1\nperiod: 2026-11\npeople:\n  - {id: a, role: applicant}\n"
        "  - {id: b, role: child, birth_date: 2020-01-01}\n"
    )
    report = rights_engine.evaluate(situation)
    assert "family_benefits" not in {q.fact for q in report.questions}
