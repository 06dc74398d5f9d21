"""Why this figure: the computation behind a finding, read from OpenFisca's tracer.

The report is evaluated on its completion rows (``simulate``: the favourable and unfavourable
corners of the unknown facts, flips, swept ages and salaries); ``evaluate_with_rows`` hands
those very rows and their values back. For each programme, the row where the report's amount
is highest and the row where it is lowest (the bounds of its range; the two corners when there
is no amount, or a constant one) go through **one** traced simulation (``simulation.trace =
True``), which ``trace`` turns into a tree in French. A right of a person is traced for that
person. The verdict and condition statuses are the report's.
"""

from __future__ import annotations

import numpy as np
from openfisca_core.periods import period as make_period
from pydantic import BaseModel, ConfigDict

from rights_engine.engine.builder import build_simulation
from rights_engine.engine.catalogue import Programme, programmes, today_month
from rights_engine.engine.evaluate import evaluate_with_rows
from rights_engine.engine.findings import single_parent_possible
from rights_engine.engine.simulate import HouseholdValues
from rights_engine.engine.trace import ParameterUse, Rows, Step, TreeBuilder, trace_index
from rights_engine.report import ConditionStatus, Finding, LegalReference, Report
from rights_engine.situation.models import Month, Role, Situation
from rights_engine.versioning import rules_version

__all__ = [
    "ConditionExplanation",
    "Explanation",
    "ParameterUse",
    "Step",
    "UnknownProgramme",
    "UnknownPerson",
    "explain",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UnknownProgramme(ValueError):
    """``programme`` is not an id of the registry (or not evaluated for the month)."""


class UnknownPerson(ValueError):
    """``person`` is not the id of a person of the situation."""


class ConditionExplanation(_Model):
    label: str
    status: ConditionStatus
    reference: LegalReference
    computation: Step


class Explanation(_Model):
    """The computation behind one finding (one programme, and one person for a right of a
    person)."""

    rules_version: str
    situation_id: str | None
    period: str
    programme: str
    label: str
    person: str | None
    verdict: str
    amount: Step | None
    amount_minimum: float | None
    amount_maximum: float | None
    unit: str | None
    conditions: list[ConditionExplanation]
    details: list[Step]
    scenarios: list[str]
    """``["unique"]`` when every fact is known, else ``["favourable", "unfavourable"]``: the
    report's rows where the amount is highest and lowest (their values are the bounds)."""

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


# ---------------------------------------------------------------- explain


def _month(situation: Situation, period: str | None) -> Month:
    if period is not None:
        return Month.parse(period)
    return Month(situation.period or today_month())


def _person_index(situation: Situation, person: str | None) -> int:
    if person is None:
        return next(i for i, p in enumerate(situation.people) if p.role is Role.applicant)
    for index, candidate in enumerate(situation.people):
        if candidate.id == person:
            return index
    known = ", ".join(p.id for p in situation.people)
    raise UnknownPerson(f"unknown person {person!r}; expected one of: {known}")


def _chosen(programme: str | None, month: Month) -> list[Programme]:
    active = [p for p in programmes() if p.covers(str(month))]
    if programme is None:
        return active
    for candidate in programmes():
        if candidate.id == programme:
            if candidate not in active:
                raise UnknownProgramme(
                    f"programme {programme!r} is validated from {candidate.validated_from} "
                    f"to {candidate.validated_to}, not for {month}"
                )
            return [candidate]
    known = ", ".join(p.id for p in programmes())
    raise UnknownProgramme(f"unknown programme {programme!r}; expected one of: {known}")


def _bounds(values: HouseholdValues, programme: Programme, subject: int | None) -> list[int]:
    """The report's rows to trace: where the amount is highest, then lowest (the corners, rows 0
    and 1, when they reach it); a single row when every fact is known."""
    if len(values.rows) == 1:
        return [0]
    amount = programme.rules.amount
    if amount is None:
        return [0, 1]
    amounts = values.of([amount.variable], subject)[amount.variable].astype(float)
    high = 0 if amounts[0] == amounts.max() else int(np.argmax(amounts))
    low = 1 if amounts[1] == amounts.min() else int(np.argmin(amounts))
    return [high, low]


def _finding(report: Report, programme: Programme, person_id: str) -> Finding | None:
    """The report's finding for the programme: the explained person's for a right of a person."""
    wanted = person_id if programme.rules.individual else None
    return next(
        (f for f in report.findings if f.programme == programme.id and f.person == wanted), None
    )


def explain(
    situation: Situation,
    programme: str | None = None,
    person: str | None = None,
    period: str | None = None,
) -> list[Explanation]:
    """The computation behind the findings of a situation: one :class:`Explanation` per
    programme evaluated for the month (or only ``programme``), in registry order.

    ``person`` (an id of ``situation.people``) explains the steps computed per person, and a
    right of a person, for that person rather than the applicant. The tree comes from one traced
    OpenFisca simulation of the report's own rows (see the module's docstring).
    Raises :class:`UnknownProgramme`, :class:`UnknownPerson` or ``PeriodOutOfRange``.
    """
    month = _month(situation, period)
    chosen = _chosen(programme, month)
    person_index = _person_index(situation, person)
    report, values = evaluate_with_rows(situation, period=str(month))
    subject = {
        p.id: person_index if p.rules.individual else None for p in chosen
    }  # whose values the report's finding holds
    bounds = {p.id: _bounds(values, p, subject[p.id]) for p in chosen}
    traced = sorted({row for pair in bounds.values() for row in pair})
    batch = build_simulation([values.rows[row].situation for row in traced], month)
    simulation = batch.simulation
    simulation.trace = True
    for candidate in chosen:
        for name in _programme_variables(candidate):
            simulation.calculate(name, make_period(str(month)))
    index = trace_index(simulation.tracer.trees)
    explained_id = situation.people[person_index].id
    scenarios = ["favourable", "unfavourable"] if len(values.rows) > 1 else ["unique"]
    single_parent = single_parent_possible(situation)
    explanations = []
    for candidate in chosen:
        rows = Rows(
            batch,
            [traced.index(row) for row in bounds[candidate.id]],
            person_index,
            [p.id for p in situation.people],
            own_famille=candidate.rules.individual,
        )
        builder = TreeBuilder(index, rows, candidate)
        rules = candidate.rules
        finding = _finding(report, candidate, explained_id)
        amount = (
            builder.step(rules.amount.variable, str(month), frozenset())
            if rules.amount is not None
            else None
        )
        statuses = {r.label: r.status for r in finding.reasons} if finding else {}
        conditions = [
            ConditionExplanation(
                label=condition.label_for(single_parent),
                status=statuses.get(condition.label_for(single_parent), "unknown"),
                reference=LegalReference(**condition.reference.model_dump()),
                computation=builder.step(condition.variable, str(month), frozenset()),
            )
            for condition in rules.conditions
        ]
        details = [builder.step(d.variable, str(month), frozenset()) for d in rules.details]
        estimated = finding.estimated_amount if finding else None
        explanations.append(
            Explanation(
                rules_version=rules_version(),
                situation_id=situation.id,
                period=str(month),
                programme=candidate.id,
                label=candidate.label,
                person=explained_id if person is not None else None,
                verdict=finding.verdict if finding else "unlikely",
                amount=amount,
                amount_minimum=estimated.minimum if estimated else None,
                amount_maximum=estimated.maximum if estimated else None,
                unit=estimated.unit if estimated else None,
                conditions=conditions,
                details=details,
                scenarios=scenarios,
            )
        )
    return explanations


def _programme_variables(programme: Programme) -> list[str]:
    rules = programme.rules
    names = [c.variable for c in rules.conditions]
    names += [d.variable for d in rules.details]
    if rules.amount is not None:
        names.insert(0, rules.amount.variable)
    return list(dict.fromkeys(names))
