"""The facts of a situation that can be unknown, with the question that settles each one.

A fact is unknown when its field is absent from the situation, except the facts that mean
"nothing special" when absent (``situation/absent.py``), asked only when their trigger below
holds. To evaluate a household with unknown facts the engine simulates a set of completions
(``scenarios.completions``); a fact is asked for a finding when a completion that differs by that
fact alone changes the finding (``findings.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from rights_engine.engine import autonomy
from rights_engine.situation.models import (
    Activity,
    AlimonyStatus,
    HousingStatus,
    Month,
    Nationality,
    Person,
    Role,
    Situation,
    UnemploymentBenefit,
    age_at,
)

__all__ = [
    "FACTS",
    "Fact",
    "FactRef",
    "observation",
    "unemployed_for_two_months",
    "unknown_facts",
]


@dataclass(frozen=True)
class Fact:
    """A fact of the situation. ``per_person`` facts are asked for each person they apply to.

    ``is_unknown`` holds only when one of the fields ``absent`` (of the person, or dotted paths
    from the household) is absent and, per person, for a person of one of the ``roles``:
    ``unknown_facts`` asks it only then."""

    id: str
    per_person: bool
    question: str
    is_unknown: Callable[[Situation, Person | None], bool]
    absent: tuple[str, ...]
    roles: frozenset[Role] = frozenset(Role)


@dataclass(frozen=True, order=True)
class FactRef:
    """One unknown fact: which fact, and for which person (index in ``people``) if per person."""

    fact: str
    person: int | None = None


# The roles a per-person fact can be unknown for (``Fact.roles``): ``_adult`` below, the
# applicant alone, and ``autonomy._adult`` (any role but a child).
_COUPLE = frozenset({Role.applicant, Role.partner})
_APPLICANT = frozenset({Role.applicant})
_NOT_CHILD = frozenset(Role) - {Role.child}


def _adult(person: Person | None) -> bool:
    return person is not None and person.role in (Role.applicant, Role.partner)


def _has_children(situation: Situation) -> bool:
    return any(p.role is Role.child for p in situation.people)


def _non_eu(person: Person | None) -> bool:
    return person is not None and person.nationality is Nationality.other


def _eu(person: Person | None) -> bool:
    return person is not None and person.nationality is Nationality.eu


def _hosted(situation: Situation) -> bool:
    return (
        situation.household.housing.status is not None
        and situation.household.housing.status.value == "hosted_free"
    )


def _renting(situation: Situation) -> bool:
    status = situation.household.housing.status
    return status is None or status.value in ("tenant", "social_tenant", "shelter")


def _tenant(situation: Situation) -> bool:
    status = situation.household.housing.status
    return status is None or status.value in ("tenant", "social_tenant")


def _in_shelter(situation: Situation) -> bool:
    status = situation.household.housing.status
    return status is not None and status.value == "shelter"


def _lone_parent(situation: Situation) -> bool:
    return _has_children(situation) and not any(p.role is Role.partner for p in situation.people)


def _person(
    check: Callable[[Person], Any], applies: Callable[[Person | None], bool] = _adult
) -> Callable[[Situation, Person | None], bool]:
    return lambda situation, person: (
        person is not None and applies(person) and check(person) is None
    )


def _young(situation: Situation, person: Person) -> bool:
    age = age_at(person, situation.reference_month.first_day)
    return age is not None and age < 25


def _grant_matters(situation: Situation, person: Person | None) -> bool:
    """The housing aid of a student under the age limit who rents (or whose housing is unknown)
    counts a flat resource amount, lowered for a grant holder (CCH R822-20)."""
    if person is None or person.role is not Role.applicant:
        return False
    if person.higher_education_grant is not None or person.activity is not Activity.student:
        return False
    from rights_engine.system import parameters_at  # built once per date, cached

    first_day = situation.reference_month.first_day
    age = age_at(person, first_day)
    limit = parameters_at(first_day.isoformat()).aide_logement.ressources.etudiants.age_maximum
    renting = situation.household.housing.status in (
        None,
        HousingStatus.tenant,
        HousingStatus.social_tenant,
    )
    return age is not None and age < limit and renting


def observation(situation: Situation, name: str) -> bool | None:
    """An observation of the household or of any person: True if any says so, None if none is
    known."""
    found = getattr(situation.household.observations, name)
    if found is True:
        return True
    for person in situation.people:
        value = getattr(person.observations, name)
        if value is True:
            return True
        if value is False:
            found = False
    return found


def _alimony_unknown(situation: Situation) -> bool:
    """The child support is unknown: its status, or the amount fixed of a pension paid in full."""
    alimony = situation.household.alimony
    amount_unknown = alimony.status is AlimonyStatus.paid and alimony.amount_fixed is None
    return alimony.status is None or amount_unknown


def _unemployment_matters(situation: Situation, person: Person | None) -> bool:
    """An unemployed adult of a tenant household whose activity or unemployment incomes (or
    unknown incomes) the housing aid may abate or neutralise (CCH R822-13, R822-15)."""
    if person is None or not _adult(person) or not _tenant(situation):
        return False
    if person.activity is not Activity.unemployed:
        return False
    incomes = person.incomes
    if incomes is None or incomes.salary + incomes.self_employment > 0:
        return True
    # Benefits alone: the ARE is never abated (R822-13 abates activity incomes only); the ASS is
    # neutralised after two months.
    return incomes.unemployment > 0 and person.unemployment_benefit is not UnemploymentBenefit.are


def unemployed_for_two_months(situation: Situation, person: Person) -> bool | None:
    """Two full months of total unemployment before the evaluated month, counted from the first
    day of the month after the one in which they are completed (CCH R822-13, R822-15): a start in
    month S takes effect from S + 3, as in the rule aide_logement_chomage_deux_mois. None if the
    start is unknown."""
    from rights_engine.system import parameters_at  # built once per date, cached

    if person.unemployed_since is None:
        return None
    since = Month(person.unemployed_since).first_day
    month = situation.reference_month.first_day
    duree = parameters_at(month.isoformat()).aide_logement.ressources.duree_minimale_chomage
    elapsed = (month.year - since.year) * 12 + month.month - since.month
    return elapsed > duree


def _unemployment_benefit_unknown(situation: Situation, person: Person | None) -> bool:
    if person is None or person.unemployment_benefit is not None:
        return False
    if not _unemployment_matters(situation, person) or person.incomes is None:
        return False
    return person.incomes.unemployment > 0 and (
        unemployed_for_two_months(situation, person) is not False
    )


def _precarious_housing(situation: Situation) -> bool:
    status = situation.household.housing.status
    return status is None or status.value in ("homeless", "hosted_free", "shelter")


def _energy_debt_unknown(situation: Situation) -> bool:
    energy = situation.household.energy
    notice = energy.supplier_notice
    return energy.unpaid_bills is None and (notice is None or notice.value == "none")


FACTS: dict[str, Fact] = {
    fact.id: fact
    for fact in (
        Fact(
            "age",
            True,
            "Quelle est la date de naissance de {person} ?",
            lambda s, p: p is not None and p.birth_date is None and p.age is None,
            absent=("birth_date",),
        ),
        Fact(
            "nationality",
            True,
            "Quelle est la nationalité de {person} (française, Union européenne, autre) ?",
            _person(lambda p: p.nationality),
            absent=("nationality",),
            roles=_COUPLE,
        ),
        Fact(
            "residence_permit",
            True,
            "{person} a-t-il ou elle un titre de séjour autorisant à travailler, et depuis quand "
            "(ou un statut de réfugié, une carte de résident) ?",
            lambda s, p: (
                _non_eu(p)
                and _adult(p)
                and p is not None
                and p.protected_status is not True
                and (p.residence_permit_since is None or p.has_residence_permit is None)
                and p.has_residence_permit is not False
            ),
            absent=("residence_permit_since", "has_residence_permit"),
            roles=_COUPLE,
        ),
        Fact(
            "in_france_since",
            True,
            "Depuis quand {person} réside-t-il ou elle en France ?",
            _person(lambda p: p.in_france_since, lambda p: _eu(p) and _adult(p)),
            absent=("in_france_since",),
            roles=_COUPLE,
        ),
        Fact(
            "activity",
            True,
            "Quelle est la situation de {person} : en emploi, au chômage, étudiant, retraité, "
            "sans activité ?",
            _person(lambda p: p.activity),
            absent=("activity",),
            roles=_COUPLE,
        ),
        Fact(
            "incomes",
            True,
            "Quelles sont les ressources mensuelles de {person} sur les 3 derniers mois (salaire, "
            "pension, chômage, pension alimentaire…) ?",
            _person(lambda p: p.incomes),
            absent=("incomes",),
            roles=_COUPLE,
        ),
        Fact(
            "unemployed_since",
            True,
            "Depuis quel mois {person} est-il ou elle au chômage (sans aucune activité) ?",
            lambda s, p: (
                p is not None and p.unemployed_since is None and _unemployment_matters(s, p)
            ),
            absent=("unemployed_since",),
            roles=_COUPLE,
        ),
        Fact(
            "unemployment_benefit",
            True,
            "L'allocation chômage de {person} est-elle l'allocation d'aide au retour à l'emploi "
            "(ARE) ou l'allocation de solidarité spécifique (ASS) ?",
            _unemployment_benefit_unknown,
            absent=("unemployment_benefit",),
            roles=_COUPLE,
        ),
        Fact(
            "hours_worked",
            True,
            "{person} a-t-il ou elle travaillé au moins 3 214 heures (environ 2 ans à temps "
            "plein) au cours des 3 dernières années ?",
            lambda s, p: (
                _adult(p) and p is not None and p.hours_worked_last_3_years is None and _young(s, p)
            ),
            absent=("hours_worked_last_3_years",),
            roles=_COUPLE,
        ),
        Fact(
            "higher_education_grant",
            True,
            "{person} est-il ou elle boursier ou boursière de l'enseignement supérieur (bourse "
            "sur critères sociaux) ?",
            _grant_matters,
            absent=("higher_education_grant",),
            roles=_APPLICANT,
        ),
        Fact(
            "housing_status",
            False,
            "Quelle est la situation de logement : locataire, propriétaire, hébergé gratuitement, "
            "sans logement ?",
            lambda s, p: s.household.housing.status is None,
            absent=("housing.status",),
        ),
        # A tenant's housing aid is computed from the rent, the zone and the resources: the rent
        # is asked; the aid itself is asked only in a shelter (logement-foyer, not computed).
        Fact(
            "housing_aid",
            False,
            "Le foyer perçoit-il une aide au logement (APL, ALF, ALS) et de quel montant ?",
            lambda s, p: _in_shelter(s) and s.household.housing.housing_aid is None,
            absent=("housing.housing_aid",),
        ),
        Fact(
            "rent",
            False,
            "Quel est le loyer mensuel hors charges du logement ?",
            lambda s, p: (
                _tenant(s)
                and s.household.housing.rent is None
                and s.household.housing.housing_aid is None
            ),
            absent=("housing.rent",),
        ),
        Fact(
            "commune",
            False,
            "Dans quelle commune se trouve le logement (code postal ou nom de la commune) ?",
            lambda s, p: (
                _tenant(s) and s.household.commune is None and s.household.housing.zone is None
            ),
            absent=("commune",),
        ),
        Fact(
            "rent_arrears",
            False,
            "Le foyer a-t-il des loyers impayés (montant, nombre de mois) et a-t-il reçu un "
            "commandement de payer, une assignation ou un jugement d'expulsion ?",
            lambda s, p: (
                _tenant(s)
                and s.household.housing.rent_arrears is None
                and s.household.housing.arrears_months is None
                and s.household.housing.eviction_stage is None
            ),
            absent=("housing.rent_arrears",),
        ),
        Fact(
            "contributes_to_costs",
            False,
            "La personne hébergée participe-t-elle aux frais du logement (loyer, charges) ?",
            lambda s, p: _hosted(s) and s.household.housing.contributes_to_costs is None,
            absent=("housing.contributes_to_costs",),
        ),
        # family_benefits is not an unknown fact: left out, the engine counts the AF, CF, PAJE and
        # ASF it computes (rules/prestations_familiales); it is never asked.
        Fact(
            "single_parent_since",
            False,
            "Depuis quand le parent élève-t-il seul ses enfants (séparation, décès) ?",
            lambda s, p: _lone_parent(s) and s.household.single_parent_since is None,
            absent=("single_parent_since",),
        ),
        Fact(
            "alimony",
            False,
            "Une pension alimentaire a-t-elle été fixée pour les enfants (jugement, convention "
            "homologuée, acte notarié) ? Si oui, de quel montant par mois, et l'autre parent la "
            "paie-t-il intégralement, en partie ou pas du tout depuis au moins un mois ?",
            lambda s, p: _lone_parent(s) and _alimony_unknown(s),
            absent=("alimony.status", "alimony.amount_fixed"),
        ),
        Fact(
            "fiscal_reference_income",
            False,
            "Quel est le revenu fiscal de référence indiqué sur le dernier avis d'imposition du "
            "foyer ?",
            lambda s, p: s.household.fiscal_reference_income is None,
            absent=("fiscal_reference_income",),
        ),
        Fact(
            "energy_debt",
            False,
            "Le foyer a-t-il des factures d'énergie impayées (électricité, gaz, chauffage), de "
            "quel montant, et quel courrier a-t-il reçu du fournisseur ?",
            lambda s, p: _energy_debt_unknown(s),
            absent=("energy.unpaid_bills",),
        ),
        Fact(
            "debts",
            False,
            "Le foyer a-t-il des dettes ou des crédits en cours : montant total et remboursements "
            "mensuels ?",
            lambda s, p: (
                s.household.debts.total is None or s.household.debts.monthly_repayments is None
            ),
            absent=("debts.total", "debts.monthly_repayments"),
        ),
        Fact(
            "no_shelter_tonight",
            False,
            "La personne a-t-elle un endroit où dormir cette nuit ?",
            lambda s, p: observation(s, "no_shelter_tonight") is None and _precarious_housing(s),
            absent=("observations.no_shelter_tonight",),
        ),
        Fact(
            "domestic_violence",
            False,
            "Des violences au sein du couple ou de la famille sont-elles évoquées (physiques, "
            "psychologiques, économiques) ?",
            lambda s, p: observation(s, "domestic_violence") is None,
            absent=("observations.domestic_violence",),
        ),
        Fact(
            "child_at_risk_reported",
            False,
            "Des éléments laissent-ils craindre qu'un enfant soit en danger (violences, "
            "négligences graves) ?",
            lambda s, p: _has_children(s) and observation(s, "child_at_risk_reported") is None,
            absent=("observations.child_at_risk_reported",),
        ),
        Fact(
            "parents_overwhelmed",
            False,
            "Les parents se disent-ils dépassés dans l'éducation de leur enfant et souhaitent-ils "
            "un soutien ?",
            lambda s, p: _has_children(s) and observation(s, "parents_overwhelmed") is None,
            absent=("observations.parents_overwhelmed",),
        ),
        Fact(
            "disability_rate",
            True,
            "Quel taux d'incapacité la MDPH a-t-elle reconnu à {person} (moins de 50 %, de 50 à "
            "79 %, 80 % ou plus) ? Si aucune demande n'a été faite, la MDPH le fixera",
            autonomy.disability_rate_unknown,
            absent=("disability_rate",),
            roles=_NOT_CHILD,
        ),
        Fact(
            "rsdae",
            True,
            "La CDAPH a-t-elle reconnu à {person} une restriction substantielle et durable "
            "d'accès à l'emploi (RSDAE) ?",
            autonomy.rsdae_unknown,
            absent=("rsdae",),
            roles=_NOT_CHILD,
        ),
        Fact(
            "aah_before_october_2023",
            True,
            "{person} percevait-il ou elle déjà l'AAH avant le 1er octobre 2023, sans "
            "interruption depuis ?",
            autonomy.aah_before_october_2023_unknown,
            absent=("aah_before_october_2023",),
            roles=_COUPLE,
        ),
        Fact(
            "gir",
            True,
            "Le GIR de {person} a-t-il déjà été évalué (grille AGGIR) ? Sinon, l'équipe "
            "médico-sociale du département l'évaluera à domicile lors de la demande d'APA",
            autonomy.gir_unknown,
            absent=("gir",),
            roles=_NOT_CHILD,
        ),
        Fact(
            "unfit_for_work",
            True,
            "{person} a-t-il ou elle été reconnu(e) inapte au travail par sa caisse de retraite ?",
            autonomy.unfit_for_work_unknown,
            absent=("unfit_for_work",),
            roles=_NOT_CHILD,
        ),
        Fact(
            "cannot_manage_budget",
            True,
            "Est-ce que {person} parvient encore à gérer seule son budget, ses papiers et ses "
            "démarches ?",
            autonomy.cannot_manage_budget_unknown,
            absent=("observations.cannot_manage_budget",),
            roles=_NOT_CHILD,
        ),
    )
}


def unknown_facts(situation: Situation) -> list[FactRef]:
    """Every unknown fact of the situation, in a stable order: by fact, then by person.

    A fact is checked only for a person of its ``roles`` with a field of its ``absent`` absent
    (most of a caseload has none): the same facts, in the same order, as checking every fact of
    every person."""
    people = situation.people
    candidates: list[set[int]] = []  # per person, the positions in FACTS of the facts to check
    for person in people:
        values, by_field = _PERSON_FIELDS[person.role]
        mine: set[int] = set()
        for value, positions in zip(values(person), by_field, strict=True):
            if value is None:
                mine.update(positions)
        candidates.append(mine)
    household: set[int] = set()
    for value, positions in zip(
        _HOUSEHOLD_VALUES(situation.household), _HOUSEHOLD_POSITIONS, strict=True
    ):
        if value is None:
            household.update(positions)
    found: list[FactRef] = []
    for position in sorted(household.union(*candidates)):
        fact = _FACT_LIST[position]
        if not fact.per_person:
            if fact.is_unknown(situation, None):
                found.append(FactRef(fact.id))
            continue
        for index, mine in enumerate(candidates):
            if position in mine and fact.is_unknown(situation, people[index]):
                found.append(FactRef(fact.id, index))
    return found


_FACT_LIST = tuple(FACTS.values())
_Values = Callable[[Any], tuple[Any, ...]]


def _values(paths: list[str]) -> _Values:
    """The values at ``paths`` of a model, as a tuple, in one call (``operator.attrgetter``)."""
    if len(paths) == 1:
        one = attrgetter(paths[0])
        return lambda model: (one(model),)
    return attrgetter(*paths)


def _positions_by_field(facts: list[int]) -> tuple[_Values, tuple[tuple[int, ...], ...]]:
    """The values of the fields ``Fact.absent`` of ``facts`` (positions in ``FACTS``), and for
    each field the facts that name it."""
    found: dict[str, list[int]] = {}
    for position in facts:
        for path in _FACT_LIST[position].absent:
            found.setdefault(path, []).append(position)
    return _values(list(found)), tuple(tuple(positions) for positions in found.values())


assert all(fact.absent for fact in _FACT_LIST), "a fact is checked only with a field absent"
_PERSON_FIELDS = {
    role: _positions_by_field(
        [i for i, fact in enumerate(_FACT_LIST) if fact.per_person and role in fact.roles]
    )
    for role in Role
}
_HOUSEHOLD_VALUES, _HOUSEHOLD_POSITIONS = _positions_by_field(
    [i for i, fact in enumerate(_FACT_LIST) if not fact.per_person]
)
