"""A student's bourse (issue 11, item 5): the housing-aid student rules.

A student under 28 who rents has housing aid computed on a flat resource amount, lowered for a
holder of a higher-education grant on social criteria (CCH R822-20; arrêté du 27 septembre 2019,
art. 6): 8 600 € in 2026 (arrêté du 28 décembre 2025), 8 600 − 1 700 = 6 900 € for a grant
holder. The amounts below come from those texts, never from the engine.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import rights_engine
from rights_engine.report import Finding, Report
from rights_engine.situation.models import Activity, Situation

QUESTION = "boursier ou boursière de l'enseignement supérieur"
RESOURCES = "Ressources annuelles retenues"


def student(situations_dir: Path, **update: object) -> Situation:
    # A student of 22, alone, renting a furnished studio in Périgueux (390 €), no income.
    situation = rights_engine.load_situation(situations_dir / "energie_coupee_etudiant.yaml")
    people = [situation.people[0].model_copy(update=update), *situation.people[1:]]
    return situation.model_copy(update={"people": people})


def housing_aid(report: Report) -> Finding:
    return next(f for f in report.findings if f.programme == "aide_logement")


def resources_line(finding: Finding) -> str:
    return next(d for d in finding.details if d.startswith(RESOURCES))


def test_a_grant_holder_has_lower_flat_resources_and_more_housing_aid(
    situations_dir: Path,
) -> None:
    holder = rights_engine.evaluate(student(situations_dir, higher_education_grant=True))
    other = rights_engine.evaluate(student(situations_dir, higher_education_grant=False))
    assert ": 6 900,00 €" in resources_line(housing_aid(holder))
    assert ": 8 600,00 €" in resources_line(housing_aid(other))
    for report in (holder, other):
        assert not any(QUESTION in q.question for q in report.questions)
    holder_amount = housing_aid(holder).estimated_amount
    other_amount = housing_aid(other).estimated_amount
    assert holder_amount is not None and other_amount is not None
    assert holder_amount.minimum > other_amount.maximum


def test_an_unknown_grant_is_asked_once_and_bounds_the_housing_aid(
    situations_dir: Path,
) -> None:
    unknown = rights_engine.evaluate(student(situations_dir))
    asked = [q for q in unknown.questions if QUESTION in q.question]
    assert len(asked) == 1
    holder = rights_engine.evaluate(student(situations_dir, higher_education_grant=True))
    other = rights_engine.evaluate(student(situations_dir, higher_education_grant=False))
    bounds = housing_aid(unknown).estimated_amount
    assert bounds is not None
    assert bounds.maximum == housing_aid(holder).estimated_amount.maximum  # type: ignore[union-attr]
    assert bounds.minimum == housing_aid(other).estimated_amount.minimum  # type: ignore[union-attr]


def test_the_grant_is_not_asked_where_it_changes_nothing(situations_dir: Path) -> None:
    # Not a student, or a student of 28 or more: the flat student resources do not apply.
    for update in (
        {"activity": Activity.unemployed, "incomes": None},
        {"birth_date": dt.date(1996, 2, 14)},
    ):
        report = rights_engine.evaluate(student(situations_dir, **update))
        assert not any(QUESTION in q.question for q in report.questions), update


def test_the_schema_describes_the_grant() -> None:
    schema = Situation.model_json_schema()
    field = schema["$defs"]["Person"]["properties"]["higher_education_grant"]
    assert "boursier" in field["description"]
