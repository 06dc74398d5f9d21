"""Unknown facts of disability and loss of autonomy (AAH, APA, ASPA, legal protection).

These facts are asked only when something in the situation makes them matter, so that a first
meeting about an energy bill does not turn into a disability interview:
- the incapacity rate when a disability is reported (``disability_reported``) without a rate;
- the RSDAE when the rate is 50 to 79 % (or unknown);
- the transitional AAH calculation for a person with a partner;
- the GIR of a person of 60 or more when a sign of lost autonomy is observed;
- inaptitude to work between the legal retirement age and 65;
- whether the person can still manage a budget, when another sign is observed.

Absent and not asked, they take the value that describes nothing special (no disability,
autonomous, GIR 6, nothing observed). ``complete_autonomy`` sets them for a scenario.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rights_engine.situation.models import Observations, Person, Role, Situation, age_at
from rights_engine.system import parameters_at

__all__ = [
    "AUTONOMY_SIGNS",
    "aah_before_october_2023_unknown",
    "autonomy_update",
    "cannot_manage_budget_unknown",
    "complete_autonomy",
    "disability_rate_unknown",
    "gir_unknown",
    "rsdae_unknown",
    "unfit_for_work_unknown",
]

AUTONOMY_SIGNS = ("safety_risk_at_home", "disoriented", "cannot_manage_budget")
# Edge values: 80 % opens the AAH without further condition; GIR 1 gives the largest APA plan.
_FAVOURABLE_RATE = 80.0
_UNFAVOURABLE_RATE = 0.0
_FAVOURABLE_GIR = 1
_AUTONOMOUS_GIR = 6
_PERCENT = 100
# Enum members read once: reading a member from its class costs more than the comparison.
_ROLE_APPLICANT, _ROLE_PARTNER, _ROLE_CHILD = Role.applicant, Role.partner, Role.child
_COUPLE_ROLES = (Role.applicant, Role.partner)


def _params(situation: Situation) -> Any:
    return parameters_at(situation.reference_month.first_day.isoformat())


def _adult(person: Person) -> bool:
    return person.role is not _ROLE_CHILD


def _sign(situation: Situation, person: Person, name: str) -> bool | None:
    value = getattr(person.observations, name)
    if value is None and person.role is _ROLE_APPLICANT:
        value = getattr(situation.household.observations, name)
    return value


def _concern(situation: Situation, person: Person) -> bool:
    for name in AUTONOMY_SIGNS:  # a loop: cheaper than ``any`` on a generator
        if _sign(situation, person, name) is True:
            return True
    return False


def disability_rate_unknown(situation: Situation, person: Person | None) -> bool:
    return (
        person is not None
        and _adult(person)
        and person.disability_rate is None
        and person.disability_reported is True
    )


def rsdae_unknown(situation: Situation, person: Person | None) -> bool:
    if person is None or not _adult(person) or person.rsdae is not None:
        return False
    if person.disability_rate is None:
        return disability_rate_unknown(situation, person)
    conditions = _params(situation).aah.conditions
    rate = person.disability_rate / _PERCENT
    return conditions.taux_incapacite_rsdae <= rate < conditions.taux_incapacite


def aah_before_october_2023_unknown(situation: Situation, person: Person | None) -> bool:
    if (
        person is None
        or person.role not in _COUPLE_ROLES
        or person.aah_before_october_2023 is not None
    ):
        return False
    has_partner = False
    for other in situation.people:
        if other.role is _ROLE_PARTNER:
            has_partner = True
            break
    rate_known_high = person.disability_rate is not None and (
        person.disability_rate / _PERCENT >= _params(situation).aah.conditions.taux_incapacite_rsdae
    )
    return has_partner and (rate_known_high or disability_rate_unknown(situation, person))


def gir_unknown(situation: Situation, person: Person | None) -> bool:
    if person is None or not _adult(person) or person.gir is not None:
        return False
    if not _concern(situation, person):  # checked first: no parameters to read without a sign
        return False
    age = age_at(person, situation.reference_month.first_day)
    return age is None or age >= _params(situation).apa_domicile.age_minimal


def unfit_for_work_unknown(situation: Situation, person: Person | None) -> bool:
    if person is None or not _adult(person) or person.unfit_for_work is not None:
        return False
    age = age_at(person, situation.reference_month.first_day)
    aspa = _params(situation).aspa
    return age is not None and aspa.age_minimal_inaptitude <= age < aspa.age_minimal


def cannot_manage_budget_unknown(situation: Situation, person: Person | None) -> bool:
    if (
        person is None
        or not _adult(person)
        or _sign(situation, person, "cannot_manage_budget") is not None
    ):
        return False
    return (
        _sign(situation, person, "disoriented") is True
        or _sign(situation, person, "safety_risk_at_home") is True
    )


def complete_autonomy(situation: Situation, person: Person, favourable: bool) -> Person:
    """``person`` with the facts of this module set (see the module docstring)."""
    update = autonomy_update(situation, person, favourable)
    return person.model_copy(update=update) if update else person


def _model_copy(observations: Observations, update: dict[str, Any]) -> Observations:
    return observations.model_copy(update=update)


def autonomy_update(
    situation: Situation,
    person: Person,
    favourable: bool,
    copy: Callable[[Observations, dict[str, Any]], Observations] = _model_copy,
    known: bool = False,
) -> dict[str, Any]:
    """The fields ``complete_autonomy`` sets on ``person``, as a ``model_copy`` update (the
    observations copied by ``copy``, which must give what ``model_copy`` gives).

    ``known``: ``situation`` has no unknown fact (``facts.unknown_facts``, which asks the
    ``*_unknown`` rules above, found none), so each fact takes its value for nothing special
    without asking them again.

    What it reads of ``situation`` (the household's observations, whether there is a partner, the
    month) is part of the key of ``scenarios._Completer.people``: keep them in step."""
    edge = favourable and not known  # an unknown fact may take its favourable edge
    update: dict[str, Any] = {}
    if person.disability_rate is None:
        unknown = edge and disability_rate_unknown(situation, person)
        update["disability_rate"] = _FAVOURABLE_RATE if unknown else _UNFAVOURABLE_RATE
    if person.rsdae is None:
        update["rsdae"] = edge and rsdae_unknown(situation, person)
    if person.aah_before_october_2023 is None:
        update["aah_before_october_2023"] = edge and aah_before_october_2023_unknown(
            situation, person
        )
    if person.gir is None:
        update["gir"] = (
            _FAVOURABLE_GIR if edge and gir_unknown(situation, person) else _AUTONOMOUS_GIR
        )
    if person.unfit_for_work is None:
        update["unfit_for_work"] = edge and unfit_for_work_unknown(situation, person)
    observations = person.observations
    signs: dict[str, bool] = {}
    changed = False
    for name in AUTONOMY_SIGNS:
        value = _sign(situation, person, name)
        if name == "cannot_manage_budget" and value is None:
            sign = edge and cannot_manage_budget_unknown(situation, person)
        else:
            sign = bool(value)
        signs[name] = sign
        changed = changed or getattr(observations, name) != sign
    if changed:
        update["observations"] = copy(observations, signs)
    return update
