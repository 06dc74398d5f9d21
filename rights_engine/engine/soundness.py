"""Soundness of the verdicts on partial situations: leaving facts out never contradicts the answer.

For a complete situation S and a situation P made from S by leaving out facts (``leave_out``),
every finding of P must hold whatever the facts left out are, hence for S's own values:

- S ``likely`` ⇒ P not ``unlikely``; S ``unlikely`` ⇒ P not ``likely``;
- S's amount within P's range (± ``TOLERANCE`` €).

``contradictions`` lists the breaches of one pair; ``tests/engine/test_soundness.py`` checks it on
realistic generated households (``rights_engine.synthetic``) and ``scripts/soundness.py`` on many
more before a release. Only facts that are unknown when absent are left out: the facts that mean
"nothing special" when absent (``facts.NOTHING_SPECIAL_WHEN_ABSENT``) and ``family_benefits``
(computed when absent) are never left out.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel

from rights_engine.report import Finding, Report
from rights_engine.situation.models import Role, Situation, age_at

__all__ = ["LEAVABLE", "TOLERANCE", "contradictions", "leavable_facts", "leave_out"]

TOLERANCE = 1.0
"""Euros by which S's amount may fall outside P's range (rounding)."""

_PERSON_LEAVABLE: dict[str, tuple[str, ...]] = {
    "birth_date": ("birth_date", "age"),
    "nationality": ("nationality",),
    "residence_permit": ("has_residence_permit", "residence_permit_since"),
    "in_france_since": ("in_france_since",),
    "activity": ("activity",),
    "incomes": ("incomes",),
    "hours_worked": ("hours_worked_last_3_years",),
}
_HOUSEHOLD_LEAVABLE: dict[str, tuple[str, ...]] = {
    "housing_status": ("housing.status",),
    "rent": ("housing.rent",),
    "housing_aid": ("housing.housing_aid",),
    "commune": ("commune", "housing.zone"),
    "rent_arrears": ("housing.rent_arrears", "housing.arrears_months", "housing.eviction_stage"),
    "contributes_to_costs": ("housing.contributes_to_costs",),
    "single_parent_since": ("single_parent_since",),
    "alimony": ("alimony.status", "alimony.amount_fixed"),
    "fiscal_reference_income": ("fiscal_reference_income",),
    "energy_debt": ("energy.unpaid_bills", "energy.supplier_notice"),
    "debts": ("debts.total", "debts.monthly_repayments"),
    "no_shelter_tonight": ("observations.no_shelter_tonight",),
    "domestic_violence": ("observations.domestic_violence",),
    "child_at_risk_reported": ("observations.child_at_risk_reported",),
    "parents_overwhelmed": ("observations.parents_overwhelmed",),
}
LEAVABLE = tuple(_PERSON_LEAVABLE) + tuple(_HOUSEHOLD_LEAVABLE)
"""The facts ``leave_out`` may leave out: those that are unknown when absent."""
_YOUNG = 25
M = TypeVar("M", bound=BaseModel)


def _unset(model: M, path: str) -> M:
    head, _, rest = path.partition(".")
    if not rest:
        return model.model_copy(update={head: None})
    return model.model_copy(update={head: _unset(getattr(model, head), rest)})


def leavable_facts(situation: Situation) -> list[tuple[str, int | None]]:
    """The (fact, person index) that can be left out of ``situation``."""
    found: list[tuple[str, int | None]] = []
    reference = situation.reference_month.first_day
    for index, person in enumerate(situation.people):
        adult = person.role is not Role.child
        for fact, paths in _PERSON_LEAVABLE.items():
            if fact != "birth_date" and not adult:
                continue
            if fact == "hours_worked":
                age = age_at(person, reference)
                if age is None or age >= _YOUNG:
                    continue  # absent means none unless the person is under 25
            if any(getattr(person, path) is not None for path in paths):
                found.append((fact, index))
    household = situation.household
    for fact, paths in _HOUSEHOLD_LEAVABLE.items():
        if any(_value(household, path) is not None for path in paths):
            found.append((fact, None))
    return found


def _value(model: object, path: str) -> object:
    for part in path.split("."):
        model = getattr(model, part)
    return model


def leave_out(rng: random.Random, situation: Situation, count: int) -> Situation:
    """``situation`` with ``count`` leavable facts (at most) drawn by ``rng`` left out."""
    candidates = leavable_facts(situation)
    chosen = rng.sample(candidates, min(count, len(candidates)))
    people = list(situation.people)
    household = situation.household
    for fact, index in chosen:
        if index is not None:
            person = people[index]
            for path in _PERSON_LEAVABLE[fact]:
                person = person.model_copy(update={path: None})
            people[index] = person
        else:
            for path in _HOUSEHOLD_LEAVABLE[fact]:
                household = _unset(household, path)
    return situation.model_copy(update={"people": people, "household": household})


def _key(finding: Finding) -> tuple[str, str | None]:
    return finding.programme, finding.person


def contradictions(
    complete: Report, partial: Report, describe: Callable[[Finding, Finding], str] | None = None
) -> list[str]:
    """Every breach of soundness between the report of S and the report of P (see the module)."""
    found = []
    by_key = {_key(f): f for f in partial.findings}
    for known in complete.findings:
        guess = by_key.get(_key(known))
        if guess is None:
            continue
        problem = None
        if known.verdict == "likely" and guess.verdict == "unlikely":
            problem = "likely → unlikely"
        elif known.verdict == "unlikely" and guess.verdict == "likely":
            problem = "unlikely → likely"
        elif known.estimated_amount is not None and guess.estimated_amount is not None:
            value = known.estimated_amount.minimum
            low, high = guess.estimated_amount.minimum, guess.estimated_amount.maximum
            if not low - TOLERANCE <= value <= high + TOLERANCE:
                problem = f"amount {value:.2f} outside [{low:.2f}, {high:.2f}]"
        if problem is not None:
            person = f"/{known.person}" if known.person else ""
            found.append(f"{known.programme}{person}: {problem}")
    return found
