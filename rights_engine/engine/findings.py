"""From simulated values to findings: verdict, amount, reasons, missing facts (DESIGN.md).

Each household is simulated once per scenario (favourable and unfavourable completion of its
unknown facts; a single row when nothing is unknown):
- a condition is **met** when it holds in both, **not met** when it fails in both (the two
  completions are the edges of what the unknown facts can change), otherwise **unknown**, and
  then its facts are asked; a waiver (e.g. the lone-parent increase) makes it
  **not required**;
- the amount is the range between the two rows;
- verdict: ``unlikely`` if a condition is not met or the amount is 0 whatever the unknown facts,
  ``likely`` if every condition is met and the amount is positive in both rows, else
  ``to_confirm``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from rights_engine.engine.catalogue import Programme, partners
from rights_engine.engine.facts import FACTS, FactRef
from rights_engine.report import (
    Amount,
    ConditionStatus,
    Deadline,
    Finding,
    LegalReference,
    MissingFact,
    PartnerRef,
    Reason,
    Urgency,
    Verdict,
)
from rights_engine.situation.models import Person, Role, Situation

__all__ = ["ProgrammeValues", "make_finding", "describe_person"]


@dataclass(frozen=True)
class ProgrammeValues:
    """A programme's variables for one household: ``(favourable, unfavourable)`` per variable."""

    values: dict[str, tuple[Any, Any]]

    def pair(self, variable: str) -> tuple[Any, Any]:
        return self.values[variable]


def describe_person(person: Person) -> str:
    """How a question names a person, without any personal data beyond the pseudonymous id."""
    if person.role is Role.applicant:
        return "la personne"
    if person.role is Role.partner:
        return "son conjoint ou sa conjointe"
    if person.role is Role.child:
        return f"l'enfant « {person.id} »"
    return f"« {person.id} »"


def _euros(value: float) -> str:
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",")
    return f"{text} €"


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",")


def _describe(value: object, unit: str = "EUR") -> str:
    if isinstance(value, (bool, np.bool_)):
        return "oui" if value else "non"
    if isinstance(value, (float, np.floating)):
        if unit == "pourcentage":
            return f"{_number(float(value) * 100)} %"
        if unit == "nombre":
            return _number(float(value))
        if unit == "jours":
            return f"{_number(float(value))} jours"
        return _euros(float(value))
    return str(value)


def _condition_status(
    programme_values: ProgrammeValues,
    variable: str,
    waived_by: str | None,
    unconfirmed_by: str | None = None,
) -> ConditionStatus:
    status = _known_status(programme_values, variable, waived_by)
    if (
        status == "met"
        and unconfirmed_by is not None
        and any(programme_values.pair(unconfirmed_by))
    ):
        return "unknown"
    return status


# Urgencies from the least to the most urgent; the urgency shown is the one that holds whatever
# the unknown facts (the least urgent of the two completions), so an unknown fact never raises it.
_URGENCY_SCALE: tuple[Urgency, ...] = ("normal", "high", "emergency")
# The default value of an OpenFisca date variable: a deadline that does not apply.
_NO_DATE = dt.date(1970, 1, 1)


def _urgency(programme: Programme, programme_values: ProgrammeValues) -> Urgency:
    rules = programme.rules
    if rules.urgency_variable is None:
        return rules.urgency
    pair = [str(v) for v in programme_values.pair(rules.urgency_variable)]
    return min(
        (u for u in _URGENCY_SCALE if u in pair), key=_URGENCY_SCALE.index, default=rules.urgency
    )


def _deadlines(programme: Programme, programme_values: ProgrammeValues) -> list[Deadline]:
    found = []
    for rule in programme.rules.deadlines:
        dates = sorted({_as_date(v) for v in programme_values.pair(rule.variable)} - {_NO_DATE})
        if len(dates) == 1:
            found.append(Deadline(date=dates[0].isoformat(), label=rule.label))
        elif dates:
            found.append(Deadline(date=dates[0].isoformat(), label=f"{rule.label} (à confirmer)"))
    return sorted(found, key=lambda d: d.date)


def _as_date(value: dt.date | int | str) -> dt.date:
    """A date variable's value as ``.item()`` gives it: a ``datetime.date``, or the number of days
    since 1970-01-01 for a date out of Python's range; ISO text is read too."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(np.datetime64(value, "D")))


def _known_status(
    programme_values: ProgrammeValues, variable: str, waived_by: str | None
) -> ConditionStatus:
    favourable, unfavourable = (bool(v) for v in programme_values.pair(variable))
    if waived_by is not None:
        waiver_fav, waiver_unf = (bool(v) for v in programme_values.pair(waived_by))
        if waiver_fav and waiver_unf and not (favourable and unfavourable):
            return "not_required"
        favourable, unfavourable = favourable or waiver_fav, unfavourable or waiver_unf
    if favourable and unfavourable:
        return "met"
    if not favourable and not unfavourable:
        return "not_met"
    return "unknown"


def _question(situation: Situation, ref: FactRef) -> MissingFact:
    person = situation.people[ref.person] if ref.person is not None else None
    question = FACTS[ref.fact].question.format(
        person=describe_person(person) if person else "la personne"
    )
    return MissingFact(
        fact=ref.fact,
        person=person.id if person else None,
        question=question[0].upper() + question[1:],
    )


def make_finding(
    programme: Programme,
    situation: Situation,
    unknown: list[FactRef],
    programme_values: ProgrammeValues,
) -> Finding:
    """The finding of one programme for one household (rank filled in later by the ranking)."""
    rules = programme.rules
    reasons: list[Reason] = []
    facts_to_ask: set[str] = set()
    for condition in rules.conditions:
        status = _condition_status(
            programme_values, condition.variable, condition.waived_by, condition.unconfirmed_by
        )
        if status == "unknown":
            facts_to_ask.update(condition.facts)
        reasons.append(
            Reason(
                label=condition.label,
                status=status,
                reference=LegalReference(**condition.reference.model_dump()),
            )
        )

    amount: Amount | None = None
    if rules.amount is not None:
        low, high = sorted(float(v) for v in programme_values.pair(rules.amount.variable))
        amount = Amount(minimum=round(low, 2), maximum=round(high, 2), unit=rules.amount.unit)
        if amount.is_range:
            facts_to_ask.update(rules.amount.facts)

    statuses = {reason.status for reason in reasons}
    verdict: Verdict
    if "not_met" in statuses or (amount is not None and amount.maximum <= 0):
        verdict = "unlikely"
    elif statuses <= {"met", "not_required"} and (amount is None or amount.minimum > 0):
        verdict = "likely"
    else:
        verdict = "to_confirm"

    details = []
    for detail in rules.details:
        favourable, unfavourable = programme_values.pair(detail.variable)
        if isinstance(favourable, (bool, np.bool_)) and not favourable and not unfavourable:
            continue
        if favourable == unfavourable:
            shown = _describe(favourable, detail.unit)
        elif isinstance(favourable, (bool, np.bool_)):
            shown = "à confirmer"
        else:
            low, high = sorted((float(favourable), float(unfavourable)))
            shown = f"entre {_describe(low, detail.unit)} et {_describe(high, detail.unit)}"
        details.append(f"{detail.label} : {shown} ({detail.reference.title})")
    if rules.amount is not None and amount is not None and amount.maximum <= 0:
        if "not_met" not in statuses:
            details.append(f"Montant nul : {rules.amount.zero_reason}")

    missing = []
    if verdict != "unlikely":
        for ref in unknown:
            if ref.fact in facts_to_ask:
                missing.append(_question(situation, ref))

        if verdict == "to_confirm" and not missing:
            # The conditions depend on facts of another programme (e.g. the RSA amount): ask
            # every unknown fact rather than leave the worker without a question.
            missing = [_question(situation, ref) for ref in unknown]

    catalogue = partners()
    partner_refs = [
        PartnerRef(id=use.id, name=catalogue[use.id].name, bring=list(use.bring), ask=use.ask)
        for use in rules.partners
    ]
    return Finding(
        programme=programme.id,
        label=programme.label,
        verdict=verdict,
        estimated_amount=amount,
        reasons=reasons,
        details=details,
        missing=missing,
        urgency=_urgency(programme, programme_values),
        deadlines=_deadlines(programme, programme_values),
        partners=partner_refs,
        next_steps=list(rules.next_steps),
        rank=0,
        rank_reason="",
    )
