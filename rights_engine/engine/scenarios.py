"""Complete a partial situation with favourable or unfavourable values for its unknown facts.

The two completions bound what the unknown facts can change: a right that holds in the
unfavourable completion holds whatever the answers; one that fails in the favourable completion
fails whatever the answers. Values are chosen at the edges of the rules (no income / a high
income, French / non-EU without a permit…), never shown to the user as facts.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from rights_engine.engine.autonomy import complete_autonomy
from rights_engine.engine.facts import observation
from rights_engine.situation.models import (
    Activity,
    Alimony,
    AlimonyStatus,
    Household,
    HousingStatus,
    Incomes,
    Nationality,
    Person,
    Role,
    Situation,
    SupplierNotice,
    UnemploymentBenefit,
)

__all__ = ["Scenario", "complete"]


class Scenario(StrEnum):
    favourable = "favourable"
    unfavourable = "unfavourable"


# Edge values for unknown facts. A high income ends every means-tested right of the mission.
_HIGH_MONTHLY_INCOME = 10_000.0
_HIGH_HOUSING_AID = 2_000.0
_HIGH_YEARLY_INCOME = 1_000_000.0
_HIGH_DEBT = 1_000_000.0
_ADULT_AGE = {Scenario.favourable: 40, Scenario.unfavourable: 18}
_CHILD_AGE = {Scenario.favourable: 1, Scenario.unfavourable: 24}
_LONG_AGO_YEARS = 20


def _months_before(month: dt.date, months: int) -> str:
    index = month.year * 12 + month.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _complete_person(person: Person, scenario: Scenario, first_day: dt.date) -> Person:
    fav = scenario is Scenario.favourable
    update: dict[str, Any] = {}
    if person.birth_date is None and person.age is None:
        ages = _CHILD_AGE if person.role is Role.child else _ADULT_AGE
        update["age"] = ages[scenario]
    if person.nationality is None:
        update["nationality"] = Nationality.french if fav else Nationality.other
    nationality = update.get("nationality", person.nationality)
    if nationality is Nationality.other:
        if person.has_residence_permit is None:
            update["has_residence_permit"] = fav
        if person.residence_permit_since is None:
            update["residence_permit_since"] = _months_before(
                first_day, 12 * _LONG_AGO_YEARS if fav else 0
            )
        if person.protected_status is None:
            update["protected_status"] = False
    if nationality is Nationality.eu and person.in_france_since is None:
        update["in_france_since"] = _months_before(first_day, 12 * _LONG_AGO_YEARS if fav else 0)
    if person.activity is None and person.role is not Role.child:
        update["activity"] = Activity.unemployed if fav else Activity.student
    if update.get("activity", person.activity) is Activity.unemployed:
        # Housing-aid resources (CCH R822-13, R822-15): unemployed long ago and on the ASS, the
        # activity and unemployment incomes are not counted; unemployed this month, they are.
        if person.unemployed_since is None:
            update["unemployed_since"] = _months_before(
                first_day, 12 * _LONG_AGO_YEARS if fav else 0
            )
        if person.unemployment_benefit is None:
            update["unemployment_benefit"] = (
                UnemploymentBenefit.ass if fav else UnemploymentBenefit.are
            )
    if person.incomes is None:
        adult = person.role is not Role.child
        update["incomes"] = Incomes() if fav or not adult else Incomes(salary=_HIGH_MONTHLY_INCOME)
    if person.hours_worked_last_3_years is None:
        update["hours_worked_last_3_years"] = 0.0
    if person.pregnant is None:
        update["pregnant"] = False
    return person.model_copy(update=update) if update else person


def _favourable_rent(situation: Situation) -> float:
    """The zone 1 loyer plafond for the household's composition (arrêté du 27 septembre 2019, art.
    7)."""
    from rights_engine.system import parameters_at  # built once per date, cached

    plafonds = parameters_at(situation.reference_month.first_day.isoformat())
    zone_1 = plafonds.aide_logement.locatif.loyers_plafonds.zone_1
    children = sum(p.role is Role.child for p in situation.people)
    if children:
        return float(
            zone_1.une_personne_a_charge
            + (children - 1) * zone_1.par_personne_a_charge_supplementaire
        )
    if any(p.role is Role.partner for p in situation.people):
        return float(zone_1.couple)
    return float(zone_1.personne_seule)


def _complete_household(situation: Situation, scenario: Scenario) -> Household:
    fav = scenario is Scenario.favourable
    household = situation.household
    housing = household.housing
    housing_update: dict[str, Any] = {}
    if housing.status is None:
        housing_update["status"] = HousingStatus.tenant if fav else HousingStatus.hosted_free
    status = housing_update.get("status", housing.status)
    tenant = status in (HousingStatus.tenant, HousingStatus.social_tenant)
    if housing.housing_aid is None and not (tenant and housing.rent is not None):
        # A tenant with a known rent: the aid is computed (aide_logement) in both completions.
        # Otherwise the aid received, which the RSA and prime d'activité forfait logement deduct,
        # is taken at its edges (none / more than any forfait); the housing-aid finding itself
        # reads the computed entitlement (aide_logement_montant), from the rent filled below.
        renting = tenant or status is HousingStatus.shelter
        housing_update["housing_aid"] = _HIGH_HOUSING_AID if renting and not fav else 0.0
    if (
        housing.rent is None
        and housing.housing_aid is None
        and status in (HousingStatus.tenant, HousingStatus.social_tenant)
    ):
        # Unknown rent: at the zone 1 loyer plafond of the household (the highest aid, below any
        # dégressivité threshold) or nothing (the lowest aid).
        housing_update["rent"] = _favourable_rent(situation) if fav else 0.0
    if household.commune is None and housing.zone is None:
        housing_update["zone"] = "1" if fav else "3"
    if housing.contributes_to_costs is None:
        housing_update["contributes_to_costs"] = fav
    if housing.rent is None and "rent" not in housing_update:
        housing_update["rent"] = 0.0
    update: dict[str, Any] = {}
    if housing_update:
        update["housing"] = housing.model_copy(update=housing_update)
    # family_benefits left unknown stays unknown: the RSA and the prime d'activité then count the
    # family benefits the engine computes (rules/prestations_familiales), not an edge value.
    if household.benefits_received is None:
        update["benefits_received"] = []
    if household.single_parent_since is None:
        first_day = situation.reference_month.first_day
        update["single_parent_since"] = _months_before(
            first_day, 0 if fav else 12 * _LONG_AGO_YEARS
        )
    alimony = _complete_alimony(situation, scenario)
    if alimony is not None:
        update["alimony"] = alimony
    update.update(_complete_energy_debts_observations(situation, scenario))
    return household.model_copy(update=update) if update else household


def _complete_alimony(situation: Situation, scenario: Scenario) -> Alimony | None:
    """The child support owed by the other parent (ASF, CSS L523-1, L581-2), or None if known.

    Unknown status: favourable, a pension unpaid (the whole ASF, advanced by the CAF) or, when a
    pension is received, paid in part (the ASF completes it); unfavourable, a pension paid in full.
    Paid in full with an unknown amount fixed: the amount received when the incomes are known (a
    pension paid in full is the pension received), else none (favourable) or a high one.
    """
    fav = scenario is Scenario.favourable
    alimony = situation.household.alimony
    incomes_known = situation.applicant.incomes is not None
    received = sum(p.incomes.alimony for p in situation.people if p.incomes is not None)
    update: dict[str, Any] = {}
    status = alimony.status
    if status is None:
        if fav:
            status = AlimonyStatus.partially_paid if received > 0 else AlimonyStatus.unpaid
        else:
            status = AlimonyStatus.paid
        update["status"] = status
    if status is AlimonyStatus.paid and alimony.amount_fixed is None:
        edge = 0.0 if fav else _HIGH_MONTHLY_INCOME
        update["amount_fixed"] = received if incomes_known else edge
    return alimony.model_copy(update=update) if update else None


def _with_alimony_received_edge(
    situation: Situation, people: list[Person], household: Household, scenario: Scenario
) -> list[Person]:
    """A pension paid in part while the applicant's incomes are unknown: the part received is
    nothing in the favourable completion (the whole ASF) and, in the unfavourable one, the whole
    amount fixed (or a high amount if it is unknown), which leaves the least ASF (L581-2)."""
    if (
        scenario is Scenario.favourable
        or situation.applicant.incomes is not None
        or household.alimony.status is not AlimonyStatus.partially_paid
    ):
        return people
    edge = household.alimony.amount_fixed
    received = _HIGH_MONTHLY_INCOME if edge is None else edge
    completed = []
    for person in people:
        if person.role is Role.applicant:
            incomes = person.incomes or Incomes.model_validate({})
            incomes = incomes.model_copy(update={"alimony": received})
            person = person.model_copy(update={"incomes": incomes})
        completed.append(person)
    return completed


def _complete_energy_debts_observations(situation: Situation, scenario: Scenario) -> dict[str, Any]:
    """Fiscal income, energy debt, debts and observations: the edge that opens the orientation
    (favourable) or keeps it closed (unfavourable). An observation that cannot apply (no child,
    a home of one's own) is completed as False in both."""
    fav = scenario is Scenario.favourable
    household = situation.household
    update: dict[str, Any] = {}
    if household.fiscal_reference_income is None:
        update["fiscal_reference_income"] = 0.0 if fav else _HIGH_YEARLY_INCOME
    energy = household.energy
    if energy.unpaid_bills is None:
        notice = energy.supplier_notice
        has_notice = notice is not None and notice is not SupplierNotice.none
        update["energy"] = energy.model_copy(
            update={"unpaid_bills": 0.0 if has_notice or not fav else _HIGH_MONTHLY_INCOME}
        )
    debts = household.debts
    debts_update = {
        key: (_HIGH_DEBT if fav else 0.0)
        for key in ("total", "monthly_repayments")
        if getattr(debts, key) is None
    }
    if debts_update:
        update["debts"] = debts.model_copy(update=debts_update)
    has_children = any(p.role is Role.child for p in situation.people)
    status = household.housing.status
    precarious = status is None or status in (
        HousingStatus.homeless,
        HousingStatus.hosted_free,
        HousingStatus.shelter,
    )
    applies = {
        "no_shelter_tonight": precarious,
        "domestic_violence": True,
        "in_immediate_danger": False,
        "child_at_risk_reported": has_children,
        "parents_overwhelmed": has_children,
    }
    observations_update = {
        name: fav and applicable
        for name, applicable in applies.items()
        if observation(situation, name) is None
    }
    observations_update.update(
        {name: True for name in applies if observation(situation, name) is True}
    )
    if observations_update:
        update["observations"] = household.observations.model_copy(update=observations_update)
    return update


def complete(situation: Situation, scenario: Scenario) -> Situation:
    """The situation with every unknown fact set to its favourable or unfavourable edge value."""
    first_day = situation.reference_month.first_day
    fav = scenario is Scenario.favourable
    people = [
        _complete_person(complete_autonomy(situation, p, fav), scenario, first_day)
        for p in situation.people
    ]
    household = _complete_household(situation, scenario)
    people = _with_alimony_received_edge(situation, people, household, scenario)
    return situation.model_copy(
        update={
            "people": people,
            "household": household,
            "period": situation.reference_month,
        }
    )
