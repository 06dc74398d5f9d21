"""From simulated values to findings: verdict, amount, reasons, missing facts (DESIGN.md).

A household is simulated on each row of its completion set (``scenarios.completions``: one row
when nothing is unknown). For each programme, and each person for an individual right:
- each row has its own verdict: ``likely`` when every condition holds (or is waived) and the
  amount is positive, ``unlikely`` otherwise (``to_confirm`` when a rule is not confirmed);
- the finding is ``likely`` if every row is, ``unlikely`` if every row is, else ``to_confirm``;
- a condition is **met** when it holds in every row, **not met** when it fails in every row,
  otherwise **unknown**; a waiver (e.g. the lone-parent increase) makes it **not required**;
- the amount is the range over the rows; a detail that differs between rows is ``inconnu``;
- an unknown fact is asked for the finding only if a row that differs from its corner by that
  fact alone changes the finding's verdict, amount or urgency.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rights_engine.engine.catalogue import Programme, partners
from rights_engine.engine.facts import FACTS, FactRef
from rights_engine.engine.scenarios import Completion
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

__all__ = ["Impact", "ProgrammeValues", "answer_impacts", "describe_person", "make_finding"]


@dataclass(frozen=True)
class ProgrammeValues:
    """A programme's variables for one household (or one person of it): one value per row of
    the household's completion set, in the order of ``rows``."""

    values: dict[str, np.ndarray]
    rows: Sequence[Completion]

    def of(self, variable: str) -> np.ndarray:
        return self.values[variable]


@dataclass(frozen=True)
class Impact:
    """What answering an unknown fact can change in one finding."""

    opens_or_closes: bool
    """The answer can turn the finding's verdict (a right opens or closes)."""
    at_stake: float
    """Euros per month the answer can move (largest change seen in the completions)."""
    urgency: Urgency = "normal"
    """The most urgent the finding can be, among the completions the answer can lead to."""


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
    if isinstance(value, (int, float, np.integer, np.floating)):
        if unit == "pourcentage":
            return f"{_number(float(value) * 100)} %"
        if unit == "nombre":
            return _number(float(value))
        if unit == "jours":
            days = _number(float(value))
            return f"{days} jour" if float(value) == 1 else f"{days} jours"
        if isinstance(value, (int, np.integer)):
            # A count the programme did not declare: never shown in euros.
            return str(value)
        return _euros(float(value))
    return str(value)


# Urgencies from the least to the most urgent; the urgency shown is the one that holds whatever
# the unknown facts (the least urgent over the rows), so an unknown fact never raises it.
_URGENCY_SCALE: tuple[Urgency, ...] = ("normal", "high", "emergency")
# The default value of an OpenFisca date variable: a deadline that does not apply.
_NO_DATE = dt.date(1970, 1, 1)
_LIKELY, _TO_CONFIRM, _UNLIKELY = 2, 1, 0
MONTHS_PER_YEAR = 12


def _urgency(
    programme: Programme, values: ProgrammeValues, verdicts: np.ndarray
) -> tuple[Urgency, np.ndarray | None]:
    rules = programme.rules
    if rules.urgency_variable is None:
        if rules.urgency == "normal":
            return rules.urgency, None
        # A static urgency (the domiciliation, CASF L264-1) holds only on the rows where the
        # programme applies: a procedure that is merely possible is not urgent.
        per_row = np.where(verdicts != _UNLIKELY, rules.urgency, "normal")
    else:
        per_row = np.array([str(v) for v in values.of(rules.urgency_variable)])
    present = set(per_row.tolist())
    urgency = min(
        (u for u in _URGENCY_SCALE if u in present),
        key=_URGENCY_SCALE.index,
        default=rules.urgency,
    )
    return urgency, per_row


def _deadlines(programme: Programme, values: ProgrammeValues) -> list[Deadline]:
    found = []
    for rule in programme.rules.deadlines:
        dates = sorted({_as_date(v.item()) for v in values.of(rule.variable)} - {_NO_DATE})
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


@functools.lru_cache(maxsize=1_024)
def _reference(title: str, href: str) -> LegalReference:
    """A condition's legal reference in the report (frozen, so shared by every finding)."""
    return LegalReference(title=title, href=href)


def _condition(
    values: ProgrammeValues, variable: str, waived_by: str | None, unconfirmed_by: str | None
) -> tuple[ConditionStatus, np.ndarray, np.ndarray]:
    """The condition's status over the rows, whether it holds (or is waived) in each row, and
    whether it is unconfirmed in each row."""
    holds = values.of(variable).astype(bool)
    if not waived_by and not unconfirmed_by:
        # Nothing waives nor leaves unconfirmed: the same status as below, in fewer steps.
        nowhere = np.zeros(holds.shape, dtype=bool)  # ``np.zeros_like(holds)``, in one step
        if holds.all():
            return "met", holds, nowhere
        return ("unknown" if holds.any() else "not_met"), holds, nowhere
    waived = values.of(waived_by).astype(bool) if waived_by else np.zeros_like(holds)
    unconfirmed = values.of(unconfirmed_by).astype(bool) if unconfirmed_by else np.zeros_like(holds)
    ok = holds | waived
    status: ConditionStatus
    if waived.all() and not holds.all():
        status = "not_required"
    elif ok.all():
        status = "unknown" if (holds & unconfirmed).any() else "met"
    elif not ok.any():
        status = "not_met"
    else:
        status = "unknown"
    return status, ok, unconfirmed & holds


def _row_verdicts(ok: np.ndarray, unconfirmed: np.ndarray, amount: np.ndarray | None) -> np.ndarray:
    granted = ok if amount is None else ok & (amount > 0)
    return np.where(granted, np.where(unconfirmed, _TO_CONFIRM, _LIKELY), _UNLIKELY)


def _verdict(verdicts: np.ndarray) -> Verdict:
    """``likely`` if every row is, ``unlikely`` if every row is, else ``to_confirm`` (no row:
    ``likely``, as ``(verdicts == _LIKELY).all()``): the rows' verdicts read once, as Python
    integers."""
    found = set(verdicts.tolist())
    if found <= {_LIKELY}:
        return "likely"
    if found <= {_UNLIKELY}:
        return "unlikely"
    return "to_confirm"


def _monthly(value: float, unit: str) -> float:
    return value / MONTHS_PER_YEAR if unit == "EUR/an" else value


def answer_impacts(
    values: ProgrammeValues,
    verdicts: np.ndarray,
    amount: np.ndarray | None,
    unit: str,
    urgencies: np.ndarray | None,
    static: Urgency,
) -> dict[FactRef, Impact]:
    """For each unknown fact, what its answer can change: rows that differ from their corner by
    that fact alone (flips and sweeps) are compared with the corner."""
    found: dict[FactRef, Impact] = {}
    # Python numbers, read once: the same values as indexing the arrays row by row.
    row_verdicts = verdicts.tolist()
    row_amounts = None if amount is None else amount.astype(float).tolist()
    row_urgencies = None if urgencies is None else urgencies.tolist()
    for index, row in enumerate(values.rows):
        if row.base is None:
            continue
        base = row.base
        opens = row_verdicts[index] != row_verdicts[base]
        delta = 0.0 if row_amounts is None else abs(row_amounts[index] - row_amounts[base])
        moved = round(delta, 2) > 0
        urgency_changed = row_urgencies is not None and row_urgencies[index] != row_urgencies[base]
        if not (opens or moved or urgency_changed):
            continue
        reached = [static] if urgencies is None else [urgencies[index], urgencies[base]]
        for ref in row.varied:
            before = found.get(ref, Impact(False, 0.0, "normal"))
            found[ref] = Impact(
                before.opens_or_closes or opens,
                max(before.at_stake, _monthly(delta, unit)),
                max([before.urgency, *reached], key=_URGENCY_SCALE.index),
            )
    return found


def _detail(
    label: str, variable_values: np.ndarray, unit: str, estimate_row: int | None, title: str
) -> str | None:
    first = variable_values[0].item()
    if isinstance(first, bool) or variable_values.dtype == np.bool_:
        if not variable_values.any():
            return None
        shown = "oui" if variable_values.all() else "à confirmer"
    elif (variable_values == variable_values[0]).all():
        shown = _describe(variable_values[0], unit)
    elif estimate_row is not None:
        shown = (
            f"estimation {_describe(variable_values[estimate_row], unit)} d'après les revenus "
            "déclarés (revenu fiscal de référence à confirmer)"
        )
    else:
        # Never a completion value: they are hypotheses, not facts of the household.
        shown = "inconnu tant que les questions ne sont pas posées"
    return f"{label} : {shown} ({title})"


def has_children(situation: Situation) -> bool:
    """A child lives in the household, or someone is known to be pregnant."""
    return any(person.role is Role.child or person.pregnant is True for person in situation.people)


def single_parent_possible(situation: Situation) -> bool:
    """Whether the household may be a single parent (parent isolé): nobody lives in couple with
    the applicant, and a child lives in the household or someone is known to be pregnant. The
    labels that name the single parent's exceptions are only for such a household."""
    if any(person.role is Role.partner for person in situation.people):
        return False
    return has_children(situation)


def make_finding(
    programme: Programme,
    situation: Situation,
    unknown: list[FactRef],
    values: ProgrammeValues,
    person: int | None = None,
) -> tuple[Finding, dict[FactRef, Impact]]:
    """The finding of one programme for one household, or for one of its people (``person``,
    index in ``situation.people``) for an individual right; with what each unknown fact's answer
    can change in it (rank filled in later by the ranking)."""
    rules = programme.rules
    reasons: list[Reason] = []
    rows = len(values.rows)
    all_ok = np.ones(rows, dtype=bool)
    any_unconfirmed = np.zeros(rows, dtype=bool)
    declared: set[str] = set()
    single_parent = single_parent_possible(situation)
    for condition in rules.conditions:
        status, ok, unconfirmed = _condition(
            values, condition.variable, condition.waived_by, condition.unconfirmed_by
        )
        all_ok &= ok
        any_unconfirmed |= unconfirmed
        if status == "unknown":
            declared.update(condition.facts)
        reasons.append(
            Reason(
                label=condition.label_for(single_parent),
                status=status,
                reference=_reference(condition.reference.title, condition.reference.href),
            )
        )

    amount: Amount | None = None
    amounts: np.ndarray | None = None
    unit = "EUR/mois"
    estimate_row = next((i for i, row in enumerate(values.rows) if row.estimate), None)
    if rules.amount is not None:
        unit = rules.amount.unit
        amounts = values.of(rules.amount.variable).astype(float)
        low, high = float(amounts.min()), float(amounts.max())
        estimate = None
        if round(low, 2) != round(high, 2) and estimate_row is not None:
            estimate = round(float(amounts[estimate_row]), 2)
        amount = Amount(minimum=round(low, 2), maximum=round(high, 2), unit=unit, estimate=estimate)
        if amount.is_range:
            declared.update(rules.amount.facts)

    verdicts = _row_verdicts(all_ok, any_unconfirmed, amounts)
    verdict = _verdict(verdicts)

    urgency, urgencies = _urgency(programme, values, verdicts)
    impacts = {}
    if rows > 1:
        impacts = answer_impacts(values, verdicts, amounts, unit, urgencies, rules.urgency)
    if verdict == "unlikely":
        impacts = {}
    elif verdict == "to_confirm" and not impacts:
        # The finding moves only through facts acting together: ask the programme's own facts.
        impacts = {ref: Impact(True, 0.0, urgency) for ref in unknown if ref.fact in declared}
    # Only the facts the estimate depends on may be estimated: the RFR alone.
    estimated = estimate_row is not None and {ref.fact for ref in impacts} == {
        "fiscal_reference_income"
    }

    details = []
    for detail in rules.details:
        detail_values = values.of(detail.variable)
        if not detail.shown_when_zero and not detail_values.any():
            continue
        if detail.only_when_certain and not detail_values.all():
            continue
        line = _detail(
            detail.label_for(single_parent),
            detail_values,
            detail.unit,
            estimate_row if estimated else None,
            detail.reference.title,
        )
        if line is not None:
            details.append(line)
    if amount is not None and estimated and amount.estimate is not None:
        details.append(
            f"Montant estimé d'après les revenus déclarés : {_describe(amount.estimate)} "
            "(le revenu fiscal de référence reste à confirmer sur l'avis d'imposition)"
        )
    if rules.amount is not None and amount is not None and amount.maximum <= 0:
        # The programme's own reason for a nil amount, only when no unknown fact touches it.
        if "not_met" not in {r.status for r in reasons} and all(
            (v == v[0]).all() for v in values.values.values()
        ):
            details.append(f"Montant nul : {rules.amount.zero_reason}")
    if amount is not None and amount.estimate is not None and not estimated:
        amount = amount.model_copy(update={"estimate": None})

    missing = [_question(situation, ref) for ref in unknown if ref in impacts]
    subject = situation.people[person] if person is not None else None
    catalogue = partners()
    with_children = has_children(situation)
    partner_refs = [
        PartnerRef(
            id=use.id,
            name=catalogue[use.id].name,
            bring=list(use.bring),
            ask=use.ask_for(with_children),
        )
        for use in rules.partners
    ]
    finding = Finding(
        programme=programme.id,
        label=programme.label,
        person=subject.id if subject is not None else None,
        verdict=verdict,
        estimated_amount=amount,
        reasons=reasons,
        details=details,
        missing=missing,
        urgency=urgency,
        deadlines=_deadlines(programme, values),
        partners=partner_refs,
        next_steps=list(rules.next_steps),
        rank=0,
        rank_reason="",
    )
    return finding, {ref: impacts[ref] for ref in unknown if ref in impacts}
