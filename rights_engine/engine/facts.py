"""The facts of a situation that can be unknown, with the question that settles each one.

A fact is unknown when its field is absent from the situation, except the facts that mean
"nothing special" when absent (``situation/absent.py``), asked only when their trigger below
holds. To evaluate a household with unknown facts the engine simulates a set of completions
(``scenarios.completions``); a fact is asked for a finding when a completion that differs by that
fact alone changes the finding (``findings.py``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import is_, itemgetter
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
    SupplierNotice,
    UnemploymentBenefit,
    age_at,
)

__all__ = [
    "FACTS",
    "Fact",
    "FactRef",
    "observation",
    "observations",
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

# Enum members the checks compare with, read once: reading a member from its class costs more
# than the comparison (the enum classes have a metaclass), and a household is checked often.
_ROLE_APPLICANT, _ROLE_PARTNER, _ROLE_CHILD = Role.applicant, Role.partner, Role.child
_COUPLE_ROLES = (Role.applicant, Role.partner)
_TENANT_STATUSES = (HousingStatus.tenant, HousingStatus.social_tenant)
_PRECARIOUS_STATUSES = (HousingStatus.homeless, HousingStatus.hosted_free, HousingStatus.shelter)
_HOSTED_FREE, _SHELTER = HousingStatus.hosted_free, HousingStatus.shelter
_NON_EU, _EU = Nationality.other, Nationality.eu
_UNEMPLOYED = Activity.unemployed
_ARE = UnemploymentBenefit.are
_PAID = AlimonyStatus.paid
_NO_NOTICE = SupplierNotice.none


def _adult(person: Person | None) -> bool:
    return person is not None and person.role in _COUPLE_ROLES


def _has_children(situation: Situation) -> bool:
    for person in situation.people:  # a loop: cheaper than ``any`` on a generator
        if person.role is _ROLE_CHILD:
            return True
    return False


def _has_partner(situation: Situation) -> bool:
    for person in situation.people:
        if person.role is _ROLE_PARTNER:
            return True
    return False


def _non_eu(person: Person | None) -> bool:
    return person is not None and person.nationality is _NON_EU


def _eu(person: Person | None) -> bool:
    return person is not None and person.nationality is _EU


def _hosted(situation: Situation) -> bool:
    return situation.household.housing.status is _HOSTED_FREE


def _renting(situation: Situation) -> bool:
    status = situation.household.housing.status
    return status is None or status.value in ("tenant", "social_tenant", "shelter")


def _tenant(situation: Situation) -> bool:
    status = situation.household.housing.status
    return status is None or status in _TENANT_STATUSES


def _in_shelter(situation: Situation) -> bool:
    status = situation.household.housing.status
    return status is _SHELTER


def _lone_parent(situation: Situation) -> bool:
    return _has_children(situation) and not _has_partner(situation)


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
    if person is None or person.role is not _ROLE_APPLICANT:
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
    known (``observations``)."""
    return observations(situation, (name,))[name]


def observations(situation: Situation, names: Iterable[str]) -> dict[str, bool | None]:
    """Each of the observations ``names`` of the household or of any person: True if any says so,
    False if none does but one says it does not, None if none is known."""
    said = situation.household.observations
    found = {name: getattr(said, name) for name in names}
    for person in situation.people:
        said = person.observations
        for name, value in found.items():
            if value is not True:
                own = getattr(said, name)
                if own is not None:
                    found[name] = own
    return found


def _alimony_unknown(situation: Situation) -> bool:
    """The child support is unknown: its status, or the amount fixed of a pension paid in full."""
    alimony = situation.household.alimony
    status = alimony.status
    return status is None or (status is _PAID and alimony.amount_fixed is None)


def _unemployment_matters(situation: Situation, person: Person | None) -> bool:
    """An unemployed adult of a tenant household whose activity or unemployment incomes (or
    unknown incomes) the housing aid may abate or neutralise (CCH R822-13, R822-15)."""
    if person is None or not _adult(person) or not _tenant(situation):
        return False
    if person.activity is not _UNEMPLOYED:
        return False
    incomes = person.incomes
    if incomes is None or incomes.salary + incomes.self_employment > 0:
        return True
    # Benefits alone: the ARE is never abated (R822-13 abates activity incomes only); the ASS is
    # neutralised after two months.
    return incomes.unemployment > 0 and person.unemployment_benefit is not _ARE


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
    return status is None or status in _PRECARIOUS_STATUSES


def _energy_debt_unknown(situation: Situation) -> bool:
    energy = situation.household.energy
    notice = energy.supplier_notice
    return energy.unpaid_bills is None and (notice is None or notice is _NO_NOTICE)


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
    every person. Which facts to check depends only on the people's roles and on which fields are
    absent: it is worked out once per such pattern (``_checks``)."""
    people = situation.people
    pattern = (
        _HOUSEHOLD_ABSENT(situation.household),
        *[(person.role, _PERSON_ABSENT(person)) for person in people],
    )
    checks = _CHECKS.get(pattern)
    if checks is None:
        checks = _checks(pattern)
    found: list[FactRef] = []
    for fact, indices in checks:
        if indices is None:
            if fact.is_unknown(situation, None):
                found.append(FactRef(fact.id))
            continue
        for index in indices:
            if fact.is_unknown(situation, people[index]):
                found.append(FactRef(fact.id, index))
    return found


_FACT_LIST = tuple(FACTS.values())
_Pattern = tuple[Any, ...]
"""Which fields are absent: of the household (``_HOUSEHOLD_ABSENT``), then of each person (its
role, and ``_PERSON_ABSENT``)."""
_Checks = tuple[tuple[Fact, tuple[int, ...] | None], ...]
_CHECKS: dict[_Pattern, _Checks] = {}
"""The facts to check, and for whom, per pattern: a caseload has few patterns."""
_MOST_PATTERNS = 4_096


def _checks(pattern: _Pattern) -> _Checks:
    """The facts to check for a pattern, in the order of ``FACTS``, each with the people (indices)
    to check it for, or None for a household fact: the facts with a field of their ``absent``
    absent, each for a person of its ``roles``. Kept in ``_CHECKS``."""
    household_absent, *people_absent = pattern
    household = {
        position
        for absent, positions in zip(household_absent, _HOUSEHOLD_POSITIONS, strict=True)
        if absent
        for position in positions
    }
    candidates = [
        {
            position
            for absent, positions in zip(person_absent, _PERSON_POSITIONS[role], strict=True)
            if absent
            for position in positions
        }
        for role, person_absent in people_absent
    ]
    checks: list[tuple[Fact, tuple[int, ...] | None]] = []
    for position in sorted(household.union(*candidates)):
        fact = _FACT_LIST[position]
        if fact.per_person:
            checks.append((fact, tuple(i for i, mine in enumerate(candidates) if position in mine)))
        else:
            checks.append((fact, None))
    if len(_CHECKS) >= _MOST_PATTERNS:
        _CHECKS.clear()
    found = _CHECKS[pattern] = tuple(checks)
    return found


_Absent = Callable[[Any], tuple[bool, ...]]


def _absence(paths: tuple[str, ...]) -> tuple[tuple[str, ...], _Absent]:
    """A function that tells, in one call, whether each of ``paths`` (a field, or a field of a
    field) of a model is absent (None), and the paths in the order of its answer. It reads the
    models' ``__dict__``, where pydantic keeps the fields: ``getattr`` on a model costs several
    times more."""
    top = [path for path in paths if "." not in path]
    nested: dict[str, list[str]] = {}
    for path in paths:
        if "." in path:
            head, name = path.split(".")
            nested.setdefault(head, []).append(name)
    read_top = _reader(top)
    read_nested = [(head, _reader(names)) for head, names in nested.items()]

    def absent(model: Any) -> tuple[bool, ...]:
        fields = model.__dict__
        values = read_top(fields)
        for head, read in read_nested:
            values += read(fields[head].__dict__)
        return tuple(map(is_, values, _NONES))

    order = (*top, *(f"{head}.{name}" for head, names in nested.items() for name in names))
    return order, absent


def _reader(names: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The values of ``names`` in a dict, as a tuple, in one call (``operator.itemgetter``)."""
    if len(names) == 1:
        name = names[0]
        return lambda fields: (fields[name],)
    return itemgetter(*names)


def _positions_by_field(facts: list[int], paths: tuple[str, ...]) -> tuple[tuple[int, ...], ...]:
    """For each of ``paths``, the facts of ``facts`` (positions in ``FACTS``) whose ``absent``
    names it."""
    return tuple(
        tuple(position for position in facts if path in _FACT_LIST[position].absent)
        for path in paths
    )


def _paths(facts: list[int]) -> tuple[str, ...]:
    """The fields ``Fact.absent`` of ``facts``, each once."""
    return tuple(dict.fromkeys(path for position in facts for path in _FACT_LIST[position].absent))


assert all(fact.absent for fact in _FACT_LIST), "a fact is checked only with a field absent"
_NONES = itertools.repeat(None)
_PER_PERSON = [i for i, fact in enumerate(_FACT_LIST) if fact.per_person]
_PERSON_PATHS, _PERSON_ABSENT = _absence(_paths(_PER_PERSON))
_PERSON_POSITIONS = {
    role: _positions_by_field(
        [i for i in _PER_PERSON if role in _FACT_LIST[i].roles], _PERSON_PATHS
    )
    for role in Role
}
_HOUSEHOLD_FACTS = [i for i, fact in enumerate(_FACT_LIST) if not fact.per_person]
_HOUSEHOLD_PATHS, _HOUSEHOLD_ABSENT = _absence(_paths(_HOUSEHOLD_FACTS))
_HOUSEHOLD_POSITIONS = _positions_by_field(_HOUSEHOLD_FACTS, _HOUSEHOLD_PATHS)
