"""Complete a partial situation: the completion set that bounds every programme.

``complete`` fills every unknown fact with its favourable or unfavourable edge value (no income /
a high income, French / non-EU without a permit…). One pair of corners cannot bound every right
(an age favourable to the RSA is not to the ASPA; the prime d'activité is nil without income and
with a high one), so ``completions`` adds each fact flipped alone and sweeps of the non-monotonic
facts (ages at the legal thresholds, housing status, rent, activity incomes). A right granted on
every completion holds whatever the answers; one refused on every completion is refused whatever
the answers (checked on generated households by ``engine/soundness.py``). Completion values are
hypotheses, never shown to the user as facts.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel

from rights_engine.engine.autonomy import autonomy_update
from rights_engine.engine.facts import FactRef, observations
from rights_engine.situation.models import (
    Activity,
    Alimony,
    AlimonyStatus,
    EvictionStage,
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

__all__ = [
    "Completion",
    "ACTIVITY_INCOMES",
    "REFINEMENT_POINTS",
    "Scenario",
    "complete",
    "completions",
    "estimated_fiscal_income",
    "salary_sweep",
    "flips_from",
    "line_rows",
]


class Scenario(StrEnum):
    favourable = "favourable"
    unfavourable = "unfavourable"


# Enum members the completion compares with or sets, read once: reading a member from its class
# costs more than the comparison (the enum classes have a metaclass).
_FAVOURABLE = Scenario.favourable
_ROLE_APPLICANT, _ROLE_PARTNER, _ROLE_CHILD = Role.applicant, Role.partner, Role.child
_FRENCH, _EU, _NON_EU = Nationality.french, Nationality.eu, Nationality.other
_UNEMPLOYED, _STUDENT = Activity.unemployed, Activity.student
_ASS, _ARE = UnemploymentBenefit.ass, UnemploymentBenefit.are
_TENANT, _HOSTED_FREE, _SHELTER = (
    HousingStatus.tenant,
    HousingStatus.hosted_free,
    HousingStatus.shelter,
)
_TENANT_STATUSES = (HousingStatus.tenant, HousingStatus.social_tenant)
_PRECARIOUS_STATUSES = (HousingStatus.homeless, HousingStatus.hosted_free, HousingStatus.shelter)
_PAID, _PARTIALLY_PAID, _UNPAID = (
    AlimonyStatus.paid,
    AlimonyStatus.partially_paid,
    AlimonyStatus.unpaid,
)
_NO_NOTICE = SupplierNotice.none


# Edge values for unknown facts. A high income ends every means-tested right of the mission.
_HIGH_MONTHLY_INCOME = 10_000.0
_HIGH_HOUSING_AID = 2_000.0
_HIGH_YEARLY_INCOME = 1_000_000.0
_HIGH_DEBT = 1_000_000.0
_ADULT_AGE = {Scenario.favourable: 40, Scenario.unfavourable: 18}
_CHILD_AGE = {Scenario.favourable: 1, Scenario.unfavourable: 24}
_LONG_AGO_YEARS = 20
_ARREARS_MONTHS = 24

_Model = TypeVar("_Model", bound=BaseModel)


def _copied(model: _Model, update: dict[str, Any]) -> _Model:
    """``model.model_copy(update=update)`` (no validation), built directly: the same field
    values, in the same order, and the same fields set. The situation models are frozen and
    forbid extra fields, so there is no extra or private state to copy; a model that has some
    goes through ``model_copy``. A completion set makes tens of thousands of these copies."""
    if model.__pydantic_extra__ is not None or model.__pydantic_private__ is not None:
        return model.model_copy(update=update)
    copied = _new(type(model))
    _set_dict(copied, {**model.__dict__, **update})
    _set_extra(copied, None)
    _set_fields_set(copied, model.__pydantic_fields_set__.union(update))
    _set_private(copied, None)
    return copied


_new = object.__new__  # what ``BaseModel`` uses: it defines no ``__new__``
# The setters of ``BaseModel``'s slots, past the frozen models' ``__setattr__``: what
# ``object.__setattr__`` finds and calls, called directly.
_set_dict = vars(BaseModel)["__dict__"].__set__
_set_extra = vars(BaseModel)["__pydantic_extra__"].__set__
_set_fields_set = vars(BaseModel)["__pydantic_fields_set__"].__set__
_set_private = vars(BaseModel)["__pydantic_private__"].__set__


@functools.lru_cache(maxsize=1_024)  # a few months and offsets a batch: every household asks
def _months_before(month: dt.date, months: int) -> str:
    index = month.year * 12 + month.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _complete_person(
    situation: Situation,
    person: Person,
    scenario: Scenario,
    first_day: dt.date,
    known: bool = False,
) -> Person:
    """``person`` with its autonomy facts (``autonomy.complete_autonomy``) and its other facts
    set, in one copy: the facts of the two updates are apart, and the second reads none that the
    first sets. ``known``: ``situation`` has no unknown fact (``autonomy.autonomy_update``).

    What it reads of ``situation`` is the key of :meth:`_Completer.people`: reading anything
    else needs that key to say so (``tests/engine/test_completion_copies.py`` compares both)."""
    fav = scenario is _FAVOURABLE
    update = autonomy_update(situation, person, fav, _copied, known)
    update.update(_person_update(person, scenario, first_day))
    return _copied(person, update) if update else person


def _person_update(person: Person, scenario: Scenario, first_day: dt.date) -> dict[str, Any]:
    """The facts of ``person`` other than autonomy set to their edge value, as an update."""
    fav = scenario is _FAVOURABLE
    adult = person.role is not _ROLE_CHILD
    update: dict[str, Any] = {}
    if person.birth_date is None and person.age is None:
        ages = _ADULT_AGE if adult else _CHILD_AGE
        update["age"] = ages[scenario]
    nationality = person.nationality
    if nationality is None:
        nationality = update["nationality"] = _FRENCH if fav else _NON_EU
    if nationality is _NON_EU:
        if person.has_residence_permit is None:
            update["has_residence_permit"] = fav
        if person.residence_permit_since is None:
            update["residence_permit_since"] = _months_before(
                first_day, 12 * _LONG_AGO_YEARS if fav else 0
            )
        if person.protected_status is None:
            update["protected_status"] = False
    if nationality is _EU and person.in_france_since is None:
        update["in_france_since"] = _months_before(first_day, 12 * _LONG_AGO_YEARS if fav else 0)
    activity = person.activity
    if activity is None and adult:
        activity = update["activity"] = _UNEMPLOYED if fav else _STUDENT
    if activity is _UNEMPLOYED:
        # Housing-aid resources (CCH R822-13, R822-15): unemployed long ago and on the ASS, the
        # activity and unemployment incomes are not counted; unemployed this month, they are.
        if person.unemployed_since is None:
            update["unemployed_since"] = _months_before(
                first_day, 12 * _LONG_AGO_YEARS if fav else 0
            )
        if person.unemployment_benefit is None:
            update["unemployment_benefit"] = _ASS if fav else _ARE
    if person.incomes is None:
        update["incomes"] = _NO_INCOMES if fav or not adult else _high_incomes(activity)
    if person.hours_worked_last_3_years is None:
        # Unknown only for an adult under 25 (facts.py); favourable: the hours that open the RSA
        # jeune actif (CASF L262-7-1, D262-25-1); otherwise nothing special (none).
        update["hours_worked_last_3_years"] = (
            _rsa_young_worker_hours(first_day) if fav and adult else 0.0
        )
    if person.higher_education_grant is None:
        # Unknown only for a student under 28 who rents (facts.py); favourable: a grant holder,
        # whose flat housing-aid resources are lowered (CCH R822-20); otherwise none.
        update["higher_education_grant"] = fav and adult
    if person.pregnant is None:
        update["pregnant"] = False
    return update


_NO_INCOMES = Incomes()
"""Unknown incomes, favourable, and a child's: none. Validated once (the model is frozen: rows
share it)."""


def _high_incomes(activity: Activity | None) -> Incomes:
    """Unknown incomes, unfavourable: high enough to end every means-tested right whatever is
    neutralised. The housing aids neutralise activity and unemployment incomes after two months
    of unpaid unemployment or on the ASS (CCH R822-15) and in a household at the RSA (R822-17),
    never the other incomes; an unemployed person's high income is a paid ARE (abated, R822-13)."""
    unemployment = _HIGH_MONTHLY_INCOME if activity is Activity.unemployed else 0.0
    return Incomes(
        salary=_HIGH_MONTHLY_INCOME, unemployment=unemployment, other=_HIGH_MONTHLY_INCOME
    )


@functools.lru_cache(maxsize=64)  # a parameter of the month, asked for most adults
def _rsa_young_worker_hours(first_day: dt.date) -> float:
    from rights_engine.system import parameters_at  # built once per date, cached

    hours = parameters_at(first_day.isoformat()).rsa.conditions.heures_travail_rsa_jeune_actif
    return float(hours)


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
    """The household with its unknown facts set to their edge value. What it reads of
    ``situation`` is the key of :meth:`_Completer.household`: keep them in step."""
    fav = scenario is _FAVOURABLE
    household = situation.household
    housing = household.housing
    rent = housing.rent
    housing_aid = housing.housing_aid
    housing_update: dict[str, Any] = {}
    status = housing.status
    if status is None:
        status = housing_update["status"] = _TENANT if fav else _HOSTED_FREE
    tenant = status in _TENANT_STATUSES
    if housing_aid is None and not (tenant and rent is not None):
        # A tenant with a known rent: the aid is computed (aide_logement) in both completions.
        # Otherwise the aid received, which the RSA and prime d'activité forfait logement deduct,
        # is taken at its edges (none / more than any forfait); the housing-aid finding itself
        # reads the computed entitlement (aide_logement_montant), from the rent filled below.
        renting = tenant or status is _SHELTER
        housing_update["housing_aid"] = _HIGH_HOUSING_AID if renting and not fav else 0.0
    if rent is None and housing_aid is None and tenant:
        # Unknown rent: at the zone 1 loyer plafond of the household (the highest aid, below any
        # dégressivité threshold) or nothing (the lowest aid).
        housing_update["rent"] = _favourable_rent(situation) if fav else 0.0
    if household.commune is None and housing.zone is None:
        housing_update["zone"] = "1" if fav else "3"
    if (
        tenant
        and housing.rent_arrears is None
        and housing.arrears_months is None
        and housing.eviction_stage is None
    ):
        # Unknown arrears: favourable, a debt at the last step of the procedure (it opens the
        # eviction prevention at its highest urgency); unfavourable, none.
        housing_update["rent_arrears"] = _HIGH_MONTHLY_INCOME if fav else 0.0
        housing_update["arrears_months"] = _ARREARS_MONTHS if fav else 0
        housing_update["eviction_stage"] = (
            EvictionStage.commandement_de_quitter if fav else EvictionStage.none
        )
    if housing.contributes_to_costs is None:
        housing_update["contributes_to_costs"] = fav
    if rent is None and "rent" not in housing_update:
        housing_update["rent"] = 0.0
    update: dict[str, Any] = {}
    if housing_update:
        update["housing"] = _copied(housing, housing_update)
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
    return _copied(household, update) if update else household


def _complete_alimony(situation: Situation, scenario: Scenario) -> Alimony | None:
    """The child support owed by the other parent (ASF, CSS L523-1, L581-2), or None if known.

    Unknown status: favourable, a pension unpaid (the whole ASF, advanced by the CAF) or, when a
    pension is received, paid in part (the ASF completes it); unfavourable, a pension paid in full.
    Paid in full with an unknown amount fixed: the amount received when the incomes are known (a
    pension paid in full is the pension received), else none (favourable) or a high one.
    """
    fav = scenario is _FAVOURABLE
    alimony = situation.household.alimony
    received = sum([p.incomes.alimony for p in situation.people if p.incomes is not None])
    update: dict[str, Any] = {}
    status = alimony.status
    if status is None:
        if fav:
            status = _PARTIALLY_PAID if received > 0 else _UNPAID
        else:
            status = _PAID
        update["status"] = status
    if status is _PAID and alimony.amount_fixed is None:
        edge = 0.0 if fav else _HIGH_MONTHLY_INCOME
        incomes_known = situation.applicant.incomes is not None
        update["amount_fixed"] = received if incomes_known else edge
    return _copied(alimony, update) if update else None


def _with_alimony_received_edge(
    situation: Situation, people: list[Person], household: Household, scenario: Scenario
) -> list[Person]:
    """A pension paid in part while the applicant's incomes are unknown: the part received is
    nothing in the favourable completion (the whole ASF) and, in the unfavourable one, the whole
    amount fixed (or a high amount if it is unknown), which leaves the least ASF (L581-2)."""
    if (
        scenario is _FAVOURABLE
        or situation.applicant.incomes is not None
        or household.alimony.status is not _PARTIALLY_PAID
    ):
        return people
    edge = household.alimony.amount_fixed
    received = _HIGH_MONTHLY_INCOME if edge is None else edge
    completed = []
    for person in people:
        if person.role is Role.applicant:
            incomes = person.incomes or Incomes.model_validate({})
            incomes = _copied(incomes, {"alimony": received})
            person = _copied(person, {"incomes": incomes})
        completed.append(person)
    return completed


def _complete_energy_debts_observations(situation: Situation, scenario: Scenario) -> dict[str, Any]:
    """Fiscal income, energy debt, debts and observations: the edge that opens the orientation
    (favourable) or keeps it closed (unfavourable). An observation that cannot apply (no child,
    a home of one's own) is completed as False in both."""
    fav = scenario is _FAVOURABLE
    household = situation.household
    update: dict[str, Any] = {}
    if household.fiscal_reference_income is None:
        update["fiscal_reference_income"] = 0.0 if fav else _HIGH_YEARLY_INCOME
    energy = household.energy
    if energy.unpaid_bills is None:
        notice = energy.supplier_notice
        has_notice = notice is not None and notice is not _NO_NOTICE
        update["energy"] = _copied(
            energy, {"unpaid_bills": 0.0 if has_notice or not fav else _HIGH_MONTHLY_INCOME}
        )
    debts = household.debts
    debts_update: dict[str, float] = {}
    if debts.total is None:
        debts_update["total"] = _HIGH_DEBT if fav else 0.0
    if debts.monthly_repayments is None:
        debts_update["monthly_repayments"] = _HIGH_DEBT if fav else 0.0
    if debts_update:
        update["debts"] = _copied(debts, debts_update)
    has_children = False
    for person in situation.people:
        if person.role is _ROLE_CHILD:
            has_children = True
            break
    status = household.housing.status
    precarious = status is None or status in _PRECARIOUS_STATUSES
    applies = {
        "no_shelter_tonight": precarious,
        "domestic_violence": True,
        "in_immediate_danger": False,
        "child_at_risk_reported": has_children,
        "parents_overwhelmed": has_children,
    }
    observed = observations(situation, applies)
    observations_update = {
        name: fav and applicable for name, applicable in applies.items() if observed[name] is None
    }
    observations_update.update({name: True for name in applies if observed[name] is True})
    if observations_update:
        update["observations"] = _copied(household.observations, observations_update)
    return update


def complete(
    situation: Situation,
    scenario: Scenario,
    completer: _Completer | None = None,
    known: bool = False,
) -> Situation:
    """The situation with every unknown fact set to its favourable or unfavourable edge value
    (``completer``: the completed people and households of the other rows of a completion set;
    ``known``: the situation has no unknown fact, see ``autonomy.autonomy_update``)."""
    month = situation.reference_month
    first_day = month.first_day
    if completer is None:
        people = [
            _complete_person(situation, p, scenario, first_day, known) for p in situation.people
        ]
        household = _complete_household(situation, scenario)
    else:
        people = completer.people(situation, scenario, first_day)
        household = completer.household(situation, scenario)
    people = _with_alimony_received_edge(situation, people, household, scenario)
    return _copied(situation, {"people": people, "household": household, "period": month})


class _Completer:
    """The completed people and households of the rows of one completion set, reused from row to
    row: a row varies a few facts of one partial situation, and its copies are shallow, so most
    of its people and its household are the very objects of that situation.

    A person's completion reads the person, the household's observations (the applicant's signs,
    ``autonomy._sign``), whether there is a partner and the month; the household's reads the
    household, each person's role, incomes and observations, and the month. Each is keyed by the
    identity of these objects and the other values; the memo holds the objects, so an identity
    is not reused while it lives."""

    def __init__(self) -> None:
        self._people: dict[tuple[Any, ...], tuple[tuple[Any, ...], Person]] = {}
        self._households: dict[tuple[Any, ...], tuple[tuple[Any, ...], Household]] = {}

    def people(self, situation: Situation, scenario: Scenario, first_day: dt.date) -> list[Person]:
        """``_complete_person`` of each person of ``situation``."""
        said = situation.household.observations
        has_partner = any(p.role is Role.partner for p in situation.people)
        completed = []
        for person in situation.people:
            key = (id(person), id(said), has_partner, situation.period, scenario)
            found = self._people.get(key)
            if found is None:
                done = _complete_person(situation, person, scenario, first_day)
                found = self._people[key] = ((person, said), done)
            completed.append(found[1])
        return completed

    def household(self, situation: Situation, scenario: Scenario) -> Household:
        people = tuple((p.role, p.incomes, p.observations) for p in situation.people)
        inputs = (situation.household, people)
        key = (
            id(situation.household),
            tuple((role, id(incomes), id(said)) for role, incomes, said in people),
            situation.period,
            scenario,
        )
        found = self._households.get(key)
        if found is None:
            completed = _complete_household(situation, scenario)
            found = self._households[key] = (inputs, completed)
        return found[1]


# ---------------------------------------------------------------------------------------------
# The completion set: every row the engine simulates for a partial situation.
# ---------------------------------------------------------------------------------------------

# Where each fact sits in the situation: ``person`` facts are fields of ``people[i]``, the others
# dotted paths from the situation's ``household``.
_PERSON_FIELDS: dict[str, tuple[str, ...]] = {
    "age": ("age", "birth_date"),
    "nationality": (
        "nationality",
        "has_residence_permit",
        "residence_permit_since",
        "protected_status",
        "in_france_since",
    ),
    "residence_permit": ("has_residence_permit", "residence_permit_since", "protected_status"),
    "in_france_since": ("in_france_since",),
    "activity": ("activity",),
    "incomes": ("incomes",),
    "unemployed_since": ("unemployed_since",),
    "unemployment_benefit": ("unemployment_benefit",),
    "hours_worked": ("hours_worked_last_3_years",),
    "higher_education_grant": ("higher_education_grant",),
    "disability_rate": ("disability_rate",),
    "rsdae": ("rsdae",),
    "aah_before_october_2023": ("aah_before_october_2023",),
    "gir": ("gir",),
    "unfit_for_work": ("unfit_for_work",),
    "cannot_manage_budget": ("observations.cannot_manage_budget",),
}
_HOUSEHOLD_FIELDS: dict[str, tuple[str, ...]] = {
    "housing_status": ("housing.status",),
    "housing_aid": ("housing.housing_aid",),
    "rent": ("housing.rent",),
    "commune": ("housing.zone",),
    "rent_arrears": ("housing.rent_arrears", "housing.arrears_months", "housing.eviction_stage"),
    "contributes_to_costs": ("housing.contributes_to_costs",),
    "single_parent_since": ("single_parent_since",),
    "alimony": ("alimony.status", "alimony.amount_fixed"),
    "fiscal_reference_income": ("fiscal_reference_income",),
    "energy_debt": ("energy.unpaid_bills",),
    "debts": ("debts.total", "debts.monthly_repayments"),
    "no_shelter_tonight": ("observations.no_shelter_tonight",),
    "domestic_violence": ("observations.domestic_violence",),
    "child_at_risk_reported": ("observations.child_at_risk_reported",),
    "parents_overwhelmed": ("observations.parents_overwhelmed",),
}

# Ages at which a right of the mission opens or closes, in whole years (a representative on each
# side of every threshold: RSA 25, AAH 20 and the legal retirement age, APA 60, ASPA 65 or the
# legal retirement age with inaptitude; housing aid: the CGI 157 bis abattement of people born
# before 1931, CCH R822-4 II 2°, whom 96 years reach up to 2026; children: PAJE 3, CF 3 and 21,
# AF 14 and 20, RSA and CSS 25). An age that is unknown is swept over them, since no single age
# is the most favourable for every right.
_ADULT_AGES = (18, 20, 24, 25, 40, 59, 60, 62, 63, 64, 65, 67, 70, 80, 96)
_CHILD_AGES = (0, 1, 2, 3, 5, 10, 11, 14, 16, 18, 19, 20, 21, 24)
# Monthly salaries (€) swept when a person's incomes are unknown: the prime d'activité, for one,
# is nil without income and with a high one, and largest in between.
_SALARY_LEVELS = (
    150,
    300,
    450,
    600,
    750,
    900,
    1050,
    1200,
    1400,
    1600,
    1800,
    2100,
    2500,
    3000,
    4000,
)
# Monthly rents (€) swept when the rent is unknown: the housing aid grows with the rent up to the
# loyer plafond, beyond it for a furnished dwelling, and falls past the dégressivité thresholds.
_RENT_LEVELS = (150, 250, 350, 450, 550, 700, 850, 1000, 1200, 1500, 2000, 3000)
# The activity incomes swept, each on its own line (and the pension: the AAH, its majoration and
# the ASPA complete it, so the resources that count them, CSS L861-2, are not monotonic in it).
ACTIVITY_INCOMES = ("salary", "self_employment")
# Salaries given together to every person whose incomes are unknown, crossed with the ages.
_CROSSED_SALARIES = (450, 900, 1400, 2100)
# Refinement around an interior maximum: points between the two neighbours of the best level.
REFINEMENT_POINTS = 7
# Taxable share of salaries, pensions and unemployment benefits after the 10 % deduction for
# professional expenses (CGI art. 83, 3°) or on pensions (CGI art. 158, 5, a): used only to
# estimate an unknown revenu fiscal de référence from the incomes.
_TAXABLE_AFTER_DEDUCTION = 0.9
_MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class Completion:
    """One complete row of a partial situation.

    ``base`` is the row (0: favourable corner, 1: unfavourable corner) it differs from only by
    the facts ``varied`` (None for the corners themselves); ``sweep``/``level`` place a row on a
    swept line (a person's salary), which the engine refines around an interior maximum.
    """

    situation: Situation
    base: int | None = None
    varied: tuple[FactRef, ...] = ()
    sweep: str | None = None
    level: float | None = None
    estimate: bool = False
    anchor: Situation | None = None
    """On a swept line: the row at level 0, which the line's rows patch."""
    origin: int = 0
    """On a swept line: the index of the row at level 0 (the anchor)."""
    earners: tuple[int, ...] = ()
    """On a swept line: the people whose activity income is set to the level."""
    kind: str = "salary"
    """On a swept line: the income set (``salary``, ``self_employment`` or ``pension``)."""


def line_rows(line: Completion, levels: Iterable[float]) -> list[Completion]:
    """More rows on the swept line of ``line`` (one of its rows), at ``levels``."""
    assert line.anchor is not None
    return [
        _on_line(
            line,
            _with_people(
                line.anchor,
                {i: {"incomes": _level_incomes(line.kind, level)} for i in line.earners},
            ),
            float(level),
        )
        for level in levels
    ]


def _on_line(line: Completion, situation: Situation, level: float) -> Completion:
    """``dataclasses.replace(line, situation=situation, level=level)``, built directly: a
    ``Completion`` has no ``__post_init__``, no init-only nor ``init=False`` field (a swept line
    makes hundreds of rows)."""
    row = object.__new__(Completion)
    row.__dict__.update(line.__dict__, situation=situation, level=level)
    return row


_LEVEL_INCOMES: dict[tuple[str, type, float], Incomes] = {}
"""``Incomes`` with one income at a level, validated once (the model is frozen: rows share it)."""


def _level_incomes(kind: str, level: float) -> Incomes:
    key = (kind, type(level), level)
    incomes = _LEVEL_INCOMES.get(key)
    if incomes is None:
        if len(_LEVEL_INCOMES) >= 4_096:  # refined levels vary from one household to another
            _LEVEL_INCOMES.clear()
        incomes = _LEVEL_INCOMES[key] = Incomes.model_validate({kind: level})
    return incomes


def _get(model: Any, path: str) -> Any:
    for part in path.split("."):
        model = getattr(model, part)
    return model


def _set(model: Any, path: str, value: Any) -> Any:
    head, _, rest = path.partition(".")
    if not rest:
        return _copied(model, {head: value})
    return _copied(model, {head: _set(getattr(model, head), rest, value)})


def _with_fact(partial: Situation, ref: FactRef, source: Situation) -> Situation:
    """``partial`` with the fields of fact ``ref`` taken from ``source`` (a completion)."""
    if ref.person is not None:
        person = original = partial.people[ref.person]
        donor = source.people[ref.person]
        for path in _PERSON_FIELDS[ref.fact]:
            if _get(person, path) is None and _get(donor, path) is not None:
                person = _set(person, path, _get(donor, path))
        if person is original:
            return partial
        people = list(partial.people)
        people[ref.person] = person
        return _copied(partial, {"people": people})
    household = partial.household
    for path in _HOUSEHOLD_FIELDS[ref.fact]:
        if _get(household, path) is None and _get(source.household, path) is not None:
            household = _set(household, path, _get(source.household, path))
    if household is partial.household:
        return partial
    return _copied(partial, {"household": household})


def _with_people(partial: Situation, changes: dict[int, dict[str, Any]]) -> Situation:
    people = list(partial.people)
    for index, update in changes.items():
        people[index] = _copied(people[index], update)
    return _copied(partial, {"people": people})


def estimated_fiscal_income(situation: Situation) -> float | None:
    """An estimate of the revenu fiscal de référence from the monthly incomes (×12, after the
    10 % deductions), when every adult's incomes are known; None otherwise."""
    adults = [p for p in situation.people if p.role is not Role.child]
    if any(p.incomes is None for p in adults):
        return None
    total = 0.0
    for person in situation.people:
        incomes = person.incomes
        if incomes is None:
            continue
        deducted = (
            incomes.salary
            + incomes.pension
            + incomes.unemployment
            + incomes.disability_pension
            + incomes.alimony
        )
        total += deducted * _TAXABLE_AFTER_DEDUCTION + incomes.self_employment + incomes.other
    return round(total * _MONTHS_PER_YEAR, 2)


def completions(situation: Situation, unknown: list[FactRef]) -> list[Completion]:
    """The rows that bound every programme for a situation with ``unknown`` facts, which must be
    ``facts.unknown_facts(situation)``: when there are none, the rules that tell whether a fact
    is unknown are not asked again.

    - the favourable and unfavourable corners (rows 0 and 1);
    - each unknown fact flipped alone from one corner to the other, which tells which facts can
      change which finding (the questions asked);
    - the non-monotonic facts swept from the favourable corner: ages over the legal thresholds
      (all unknown adult ages together, all unknown child ages together, and each alone), each
      housing status, each person's salary over ``_SALARY_LEVELS`` (refined later around an
      interior maximum, see ``refinements``);
    - when the RFR is unknown but the incomes are known, the favourable corner with the RFR
      estimated from the incomes (the likely value shown).
    A complete situation gives one row.
    """
    if not unknown:  # one row: no other row to share completed people or households with
        return [Completion(complete(situation, Scenario.favourable, known=True))]
    from rights_engine.engine.completion_rows import (  # they build on this module
        activity_rows,
        joint_lines,
        working_lines,
        zone_rows,
    )

    completer = _Completer()
    favourable = complete(situation, Scenario.favourable, completer)
    unfavourable = complete(situation, Scenario.unfavourable, completer)
    rows = [Completion(favourable), Completion(unfavourable)]
    for ref in unknown:
        for base, source, scenario in (
            (0, unfavourable, Scenario.favourable),
            (1, favourable, Scenario.unfavourable),
        ):
            varied = _with_fact(situation, ref, source)
            if varied is not situation:
                rows.append(Completion(complete(varied, scenario, completer), base, (ref,)))
    refs = {(ref.fact, ref.person): ref for ref in unknown}
    rows.extend(_age_sweeps(situation, refs, len(rows), completer))
    if ("housing_status", None) in refs:
        for status in HousingStatus:
            varied = _copied(
                situation,
                {
                    "household": _set(situation.household, "housing.status", status),
                },
            )
            rows.append(
                Completion(
                    complete(varied, Scenario.favourable, completer),
                    0,
                    (refs[("housing_status", None)],),
                )
            )
    rows.extend(zone_rows(situation, refs, completer))
    rows.extend(activity_rows(situation, unknown, completer))
    if ("rent", None) in refs:
        for rent in _RENT_LEVELS:
            varied = _copied(
                situation, {"household": _set(situation.household, "housing.rent", float(rent))}
            )
            rows.append(
                Completion(
                    complete(varied, Scenario.favourable, completer), 0, (refs[("rent", None)],)
                )
            )
    for ref in unknown:
        if ref.fact == "incomes" and ref.person is not None:
            for kind in (*ACTIVITY_INCOMES, "pension"):
                rows.extend(salary_sweep(favourable, ref, _SALARY_LEVELS, kind))
    rows.extend(working_lines(situation, unknown, len(rows), completer))
    rows.extend(joint_lines(favourable, unknown))
    estimate = estimated_fiscal_income(situation)
    if ("fiscal_reference_income", None) in refs and estimate is not None:
        varied = _copied(
            situation, {"household": _set(situation.household, "fiscal_reference_income", estimate)}
        )
        rows.append(
            Completion(
                complete(varied, Scenario.favourable, completer),
                0,
                (refs[("fiscal_reference_income", None)],),
                estimate=True,
            )
        )
    return rows


def _age_sweeps(
    situation: Situation,
    refs: dict[tuple[str, int | None], FactRef],
    offset: int,
    completer: _Completer,
) -> list[Completion]:
    """Rows for the unknown ages (``offset``: the index the first of them will have)."""
    rows = []
    earners = [index for (fact, index) in refs if fact == "incomes" and index is not None]
    for is_child, ages in ((False, _ADULT_AGES), (True, _CHILD_AGES)):
        group = [
            index
            for index, person in enumerate(situation.people)
            if ("age", index) in refs and (person.role is Role.child) == is_child
        ]
        sets = [group] + ([[index] for index in group] if len(group) > 1 else [])
        for members in sets:
            if not members:
                continue
            varied = tuple(refs[("age", index)] for index in members)
            for age in ages:
                partial = _with_people(
                    situation,
                    {
                        index: {"birth_date": _born(situation, age, rank)}
                        for rank, index in enumerate(members)
                    },
                )
                rows.append(
                    Completion(complete(partial, Scenario.favourable, completer), 0, varied)
                )
                # From the unfavourable corner too: an amount is not always lowest at one age
                # (a child who counts raises the housing aid, hence the forfait logement).
                rows.append(
                    Completion(complete(partial, Scenario.unfavourable, completer), 1, varied)
                )
                # Children's ages and incomes together: a family ceiling is higher for a couple
                # where both earn (CSS R522-2), which only a salary at the right ages shows.
                # A line of its own, refined like the salary lines.
                if earners and is_child:
                    line = Completion(
                        rows[-2].situation,
                        0,
                        varied + tuple(refs[("incomes", index)] for index in earners),
                        sweep=f"crossed:{members}:{age}",
                        anchor=rows[-2].situation,
                        origin=offset + len(rows) - 2,
                        earners=tuple(earners),
                    )
                    rows.extend(line_rows(line, _CROSSED_SALARIES))
    return rows


def _born(situation: Situation, age: int, rank: int) -> dt.date:
    """A birth date ``age + rank`` years before the evaluated month: people swept together are
    born a year apart, so that an eldest child stays the eldest (AF age increase, CSS R521-1)."""
    first = situation.reference_month.first_day
    index = (first.year - age - rank) * 12 + first.month - 1
    return dt.date(index // 12, index % 12 + 1, 1)


def salary_sweep(
    favourable: Situation, ref: FactRef, levels: Iterable[float], kind: str = "salary"
) -> list[Completion]:
    """The favourable corner (``favourable``, already completed) with person ``ref.person``'s
    unknown incomes set to each level of one income (``kind``: ``salary`` or
    ``self_employment``, which the prime d'activité does not treat alike, or ``pension``). Patched
    rather than completed again: no other completion reads these incomes (the child support edges
    read only the alimony received, 0 here)."""
    assert ref.person is not None
    line = Completion(
        favourable,
        0,
        (ref,),
        sweep=f"incomes:{ref.person}:{kind}",
        anchor=favourable,
        earners=(ref.person,),
        kind=kind,
    )
    return line_rows(line, levels)


def _transplant(target: Situation, ref: FactRef, source: Situation) -> Situation:
    """``target`` (complete) with the fields of fact ``ref`` taken from ``source`` (complete)."""
    if ref.person is not None:
        person = original = target.people[ref.person]
        donor = source.people[ref.person]
        for path in _PERSON_FIELDS[ref.fact]:
            if _get(person, path) != _get(donor, path):
                person = _set(person, path, _get(donor, path))
        if person is original:
            return target
        people = list(target.people)
        people[ref.person] = person
        return _copied(target, {"people": people})
    household = target.household
    for path in _HOUSEHOLD_FIELDS[ref.fact]:
        if _get(household, path) != _get(source.household, path):
            household = _set(household, path, _get(source.household, path))
    if household is target.household:
        return target
    return _copied(target, {"household": household})


def flips_from(
    index: int, row: Completion, unknown: list[FactRef], unfavourable: Situation
) -> list[Completion]:
    """Each unknown fact (but those ``row`` varies) flipped to its unfavourable value from row
    ``index``, a programme's best row: shows which facts can still close that programme there
    (e.g. the nationality, for the prime d'activité at its best salary)."""
    found = []
    for ref in unknown:
        if ref in row.varied:
            continue
        flipped = _transplant(row.situation, ref, unfavourable)
        if flipped is not row.situation:
            found.append(Completion(flipped, index, (ref,)))
    return found
