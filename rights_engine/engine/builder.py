"""Build one vectorised OpenFisca simulation for many complete situations.

Each situation becomes one ``menage`` and one ``famille`` (the applicant, the partner and the
children); a person with role ``other`` forms a famille of their own inside the same menage.
Inputs are written as arrays, so 1 or 1,000,000 households take the same path.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.periods import Period
from openfisca_core.periods import period as make_period
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.simulations import Simulation
from pydantic import BaseModel

from rights_engine.engine.facts import observations
from rights_engine.engine.fast_simulation import FastSimulation, fast_populations
from rights_engine.engine.zones import zone_apl_of
from rights_engine.enums import (
    TypesAvisFournisseurEnergie,
    TypesNationalite,
    TypesPensionAlimentaire,
    TypesStadeExpulsion,
    TypesStatutOccupationLogement,
)
from rights_engine.situation.models import (
    Activity,
    AlimonyStatus,
    Benefit,
    EvictionStage,
    HousingStatus,
    Incomes,
    Month,
    Nationality,
    Role,
    Situation,
    SupplierNotice,
    UnemploymentBenefit,
)
from rights_engine.system import tax_benefit_system

__all__ = ["Batch", "build_simulation"]

HOUSING_STATUS = {
    HousingStatus.tenant: TypesStatutOccupationLogement.locataire_vide,
    HousingStatus.social_tenant: TypesStatutOccupationLogement.locataire_hlm,
    HousingStatus.owner: TypesStatutOccupationLogement.proprietaire,
    HousingStatus.owner_with_loan: TypesStatutOccupationLogement.primo_accedant,
    HousingStatus.hosted_free: TypesStatutOccupationLogement.loge_gratuitement,
    HousingStatus.homeless: TypesStatutOccupationLogement.sans_domicile,
    HousingStatus.shelter: TypesStatutOccupationLogement.locataire_foyer,
}
NATIONALITY = {
    Nationality.french: TypesNationalite.francaise,
    Nationality.eu: TypesNationalite.union_europeenne,
    Nationality.other: TypesNationalite.hors_union_europeenne,
}
SUPPLIER_NOTICE = {
    SupplierNotice.none: TypesAvisFournisseurEnergie.aucun,
    SupplierNotice.reminder: TypesAvisFournisseurEnergie.relance,
    SupplierNotice.reduction: TypesAvisFournisseurEnergie.reduction,
    SupplierNotice.cut: TypesAvisFournisseurEnergie.coupure,
}
OBSERVATION_VARIABLES = {
    "no_shelter_tonight": "sans_abri_ce_soir",
    "domestic_violence": "violences_conjugales",
    "in_immediate_danger": "danger_immediat",
    "child_at_risk_reported": "enfant_en_danger_signale",
    "parents_overwhelmed": "parents_debordes",
}
EVICTION_STAGE = {
    EvictionStage.none: TypesStadeExpulsion.aucun,
    EvictionStage.commandement_de_payer: TypesStadeExpulsion.commandement_de_payer,
    EvictionStage.assignation: TypesStadeExpulsion.assignation,
    EvictionStage.jugement: TypesStadeExpulsion.jugement,
    EvictionStage.commandement_de_quitter: TypesStadeExpulsion.commandement_de_quitter,
}
ALIMONY_STATUS = {
    AlimonyStatus.none: TypesPensionAlimentaire.aucune,
    AlimonyStatus.paid: TypesPensionAlimentaire.payee,
    AlimonyStatus.unpaid: TypesPensionAlimentaire.impayee,
    AlimonyStatus.partially_paid: TypesPensionAlimentaire.partiellement_payee,
}
INCOME_VARIABLES = {
    "salary": "salaire_net",
    "self_employment": "revenus_non_salarie",
    "pension": "retraite_nette",
    "unemployment": "chomage_net",
    "disability_pension": "pensions_invalidite",
    "alimony": "pensions_alimentaires_percues",
    "other": "autres_revenus",
}
FAMILLE_ROLE = {Role.applicant: "demandeur", Role.partner: "conjoint"}
"""A person's role in the famille of the applicant (``enfant`` otherwise)."""
MENAGE_ROLE = {
    Role.applicant: "personne_de_reference",
    Role.partner: "conjoint",
    Role.child: "enfant",
}
"""A person's role in the menage (``autre`` otherwise)."""
# Incomes are the average of the last 3 months: written on each of them and on the month itself.
MONTHS_OF_RESOURCES = 3
# The household is taken as stable: its people's facts are also written on the 13 months before
# the evaluated one, and their incomes on the 3 months before those, so that a benefit can be
# computed for each month of the CSS reference period (M-13 to M-2, CSS R861-8) with that
# month's own amounts (the AAH and the ASPA counted in the CSS resources).
MONTHS_OF_HISTORY = 13


@dataclass(frozen=True)
class Batch:
    """A built simulation and, for each row (situation), where its applicant and people sit.

    The people of row ``r`` are the individus ``first_person[r]`` to ``first_person[r + 1] - 1``,
    in the order of ``situation.people``.
    """

    simulation: Simulation
    period: Period
    applicant: np.ndarray  # index of the applicant among individus
    famille: np.ndarray  # index of the applicant's famille
    menage: np.ndarray  # index of the menage
    first_person: np.ndarray  # index of each row's first person, and the number of individus
    person_famille: np.ndarray  # index of each individu's famille
    person_menage: np.ndarray  # index of each individu's menage

    def release(self) -> None:
        """Let the simulation be freed as soon as this batch is (see ``FastSimulation.release``);
        the batch cannot be used afterwards."""
        if isinstance(self.simulation, FastSimulation):
            self.simulation.release()

    def _calculate(self, variable: str) -> tuple[str, np.ndarray]:
        tbs = self.simulation.tax_benefit_system
        entity = tbs.get_variable(variable, check_existence=True).entity.key
        values = self.simulation.calculate(variable, self.period)
        if isinstance(values, EnumArray):
            values = values.decode_to_str()
        return entity, values

    def value(self, variable: str) -> np.ndarray:
        """The variable for the evaluated month, one value per row (the applicant's, for a
        variable of individus)."""
        entity, values = self._calculate(variable)
        index = {"individu": self.applicant, "famille": self.famille, "menage": self.menage}[entity]
        return values[index]

    def person_value(self, variable: str) -> np.ndarray:
        """The variable for the evaluated month, one value per individu: a person's own value,
        or that of the person's famille or menage."""
        entity, values = self._calculate(variable)
        if entity == "individu":
            return values
        return values[self.person_famille if entity == "famille" else self.person_menage]


def _month_offset(month: Month, offset: int) -> str:
    first = month.first_day
    index = first.year * 12 + first.month - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class _Periods:
    """The OpenFisca periods a simulation of a month writes its inputs on."""

    month: Period
    """The evaluated month."""
    resources: tuple[Period, ...]
    """The months of resources, then the evaluated month."""
    history: tuple[Period, ...]
    """The months of history, then the evaluated month."""
    incomes: tuple[Period, ...]
    """The months incomes are written on, then the evaluated month."""
    eternity: Period
    history_numbers: tuple[int, ...]
    """``_month_number`` of each month of ``history``."""


@functools.lru_cache(maxsize=64)
def _periods_of(month: str) -> _Periods:
    """The periods of a month, parsed once: an OpenFisca period is immutable, and parsing one
    (or offsetting it) costs more than writing an input on it."""

    def back(count: int) -> tuple[Period, ...]:
        return tuple(make_period(_month_offset(Month(month), -k)) for k in range(count, -1, -1))

    history = back(MONTHS_OF_HISTORY)
    return _Periods(
        make_period(month),
        back(MONTHS_OF_RESOURCES),
        history,
        back(MONTHS_OF_HISTORY + MONTHS_OF_RESOURCES),
        make_period("eternity"),
        tuple(_month_number(str(when)) for when in history),
    )


def _month_number(month: str) -> int:
    """Months since year 0 of a ``YYYY-MM`` month (or of the month of a date)."""
    first = Month(month).first_day
    return first.year * 12 + first.month - 1


def _fields(models: Sequence[BaseModel], names: tuple[str, ...]) -> dict[str, tuple[Any, ...]]:
    """Each field of ``names``: its value in each of ``models``, in their order.

    One pass over the models, each model's fields taken at once from its ``__dict__`` (where
    pydantic keeps them): a list per field, each read as an attribute (through the
    ``__getattr__`` hook of pydantic's models, twice a plain object's cost), was most of the
    build.
    """
    assert len(names) > 1, "itemgetter gives a tuple for two names or more"
    values = list(zip(*map(operator.itemgetter(*names), map(vars, models)), strict=True))
    return dict(zip(names, values or [()] * len(names), strict=True))


_PERSON_FIELDS = (
    "role",
    "birth_date",
    "age",
    "nationality",
    "residence_permit_since",
    "has_residence_permit",
    "protected_status",
    "in_france_since",
    "activity",
    "incomes",
    "unemployed_since",
    "unemployment_benefit",
    "hours_worked_last_3_years",
    "higher_education_grant",
    "pregnant",
    "disability_rate",
    "gir",
    "rsdae",
    "aah_before_october_2023",
    "unfit_for_work",
    "observations",
)
_PERSON_OBSERVATIONS = ("safety_risk_at_home", "disoriented", "cannot_manage_budget")
_HOUSEHOLD_FIELDS = (
    "commune",
    "housing",
    "energy",
    "fiscal_reference_income",
    "debts",
    "family_benefits",
    "single_parent_since",
    "alimony",
    "benefits_received",
)
_HOUSING_FIELDS = (
    "status",
    "rent",
    "housing_aid",
    "contributes_to_costs",
    "furnished",
    "room",
    "flatshare",
    "zone",
    "rent_arrears",
    "arrears_months",
    "eviction_stage",
    "commandement_de_payer_date",
)


def _flags(values: Sequence[Any]) -> np.ndarray:
    """``bool(value)`` of each value."""
    return np.fromiter(map(bool, values), dtype=bool, count=len(values))


def _or_zero(values: Sequence[Any]) -> np.ndarray:
    """``value or 0.0`` of each value (0 where it is not given)."""
    return np.array([value or 0.0 for value in values])


def _birth_dates(
    births: Sequence[dt.date | None], ages: Sequence[int | None], month: Month
) -> list[dt.date]:
    """Each person's birth date; where only the age is known, the first day of the evaluated
    month, ``age`` years earlier."""
    first = month.first_day
    dates = []
    for birth, age in zip(births, ages, strict=True):
        if birth is None:
            assert age is not None, "complete() fills every unknown age"
            birth = dt.date(first.year - age, first.month, 1)
        dates.append(birth)
    return dates


def _unemployment_starts(
    activities: Sequence[Activity | None], since: Sequence[str | None]
) -> list[dt.date]:
    """First day of the month each person's total unemployment began; the farthest date when
    the person is not unemployed or the month is not given (no abattement, no neutralisation)."""
    return [
        dt.date.max
        if activity is not Activity.unemployed or start is None
        else Month(start).first_day
        for activity, start in zip(activities, since, strict=True)
    ]


_EPOCH = dt.date(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()


def _days(dates: list[dt.date]) -> np.ndarray:
    """Dates as an array of ``datetime64[D]``, from their day numbers since 1970-01-01 (what
    such an array holds): numpy converts a ``datetime.date`` one by one, far more slowly."""
    ordinals = np.fromiter(map(dt.date.toordinal, dates), dtype=np.int64, count=len(dates))
    return (ordinals - _EPOCH_ORDINAL).view("datetime64[D]")


_INCOME_KEYS = tuple(INCOME_VARIABLES)
_incomes_of = operator.itemgetter(*_INCOME_KEYS)
_NO_INCOMES = (0.0,) * len(_INCOME_KEYS)


def _income_columns(incomes: Sequence[Incomes | None]) -> dict[str, np.ndarray]:
    """Each income of every person (0 where the incomes are absent), by key: one pass over the
    people, then one column per income."""
    table = np.array(
        [_incomes_of(vars(i)) if i else _NO_INCOMES for i in incomes], dtype=np.float64
    ).reshape(len(incomes), len(_INCOME_KEYS))
    return {key: np.ascontiguousarray(table[:, column]) for column, key in enumerate(_INCOME_KEYS)}


def _housing_status(status: HousingStatus | None, furnished: bool | None) -> int:
    """Index of the OpenFisca housing status (0 where it is unknown); a private tenant of a
    furnished dwelling is ``locataire_meuble``."""
    if not status:
        return 0
    if status is HousingStatus.tenant and furnished:
        return TypesStatutOccupationLogement.locataire_meuble.index
    return HOUSING_STATUS[status].index


@dataclass(frozen=True)
class _Members:
    """Where each person sits: the row (situation, and menage), the famille and the roles.

    Each row's people other than those of role ``other`` form one famille, numbered where its
    first person comes; each person of role ``other`` forms a famille of their own.
    """

    row: np.ndarray  # each person's row
    famille: np.ndarray  # each person's famille
    famille_rows: np.ndarray  # each famille's row
    applicant: np.ndarray  # each row's (last) applicant, 0 where it has none
    applicant_famille: np.ndarray  # the famille of each row's applicant, 0 where it has none
    role: np.ndarray  # each person's role, by its number in ``_ROLES``


_ROLES = tuple(Role)
_ROLE_NUMBER = {role: number for number, role in enumerate(_ROLES)}


def _members(roles: Sequence[Role], sizes: Sequence[int]) -> _Members:
    """The people of ``roles`` (those of each row in turn, ``sizes[r]`` in row ``r``)."""
    rows = len(sizes)
    number = np.fromiter(map(_ROLE_NUMBER.__getitem__, roles), dtype=np.intp, count=len(roles))
    row = np.repeat(np.arange(rows), sizes)
    alone = number == _ROLE_NUMBER[Role.other]
    in_row_famille = np.flatnonzero(~alone)
    # A famille starts at each row's first person not of role other, and at each person of
    # role other; the familles are numbered in the order they start.
    first = np.ones(len(in_row_famille), dtype=bool)
    first[1:] = row[in_row_famille[1:]] != row[in_row_famille[:-1]]
    heads = in_row_famille[first]
    starts = alone.copy()
    starts[heads] = True
    started = np.cumsum(starts) - 1
    row_famille = np.zeros(rows, dtype=np.intp)
    row_famille[row[heads]] = started[heads]
    famille = np.where(alone, started, row_famille[row])
    # Each row's last applicant, as a loop over the people in order keeps it.
    applicants = np.flatnonzero(number == _ROLE_NUMBER[Role.applicant])[::-1]
    applicant_rows, last = np.unique(row[applicants], return_index=True)
    applicant = np.zeros(rows, dtype=np.int64)
    applicant[applicant_rows] = applicants[last]
    applicant_famille = np.zeros(rows, dtype=np.int64)
    applicant_famille[applicant_rows] = famille[applicants[last]]
    return _Members(row, famille, row[starts], applicant, applicant_famille, number)


_FAMILLE_ROLES = tuple(
    "demandeur" if role is Role.other else FAMILLE_ROLE.get(role, "enfant") for role in _ROLES
)
"""The famille role of a person of each role: a person of role ``other`` heads their own."""
_MENAGE_ROLES = tuple(MENAGE_ROLE.get(role, "autre") for role in _ROLES)
"""The menage role of a person of each role."""


def _declare_group(
    builder: SimulationBuilder,
    key: str,
    count: int,
    members: np.ndarray,
    role: np.ndarray,
    role_keys: tuple[str, ...],
) -> None:
    """Declare ``count`` entities ``key`` (ids: the key's initial and their number) and join
    them with the persons: person ``i`` in group ``members[i]`` with role ``role_keys[role[i]]``.

    ``join_with_persons`` finds each person's group by sorting the ids as strings and each role
    by comparing keys; where every group has a person, it finds the group's number and the
    role of that key, which are set here as it sets them. Otherwise (a group of nobody) the
    strings are given to it.
    """
    ids = [f"{key[0]}{n}" for n in range(count)]
    group = builder.declare_entity(key, ids)
    roles = group.entity.flattened_roles
    number = {r.key: index for index, r in enumerate(roles)}
    codes = np.array([number[k] for k in role_keys], dtype=np.intp)[role]
    if np.bincount(members, minlength=count).all():
        group.members_entity_id = members.astype(np.intp)
        group.members_role = np.array(roles)[codes]
    else:
        builder.join_with_persons(group, [ids[n] for n in members], [roles[c].key for c in codes])


def _set_housing_aid_inputs(
    simulation: Simulation,
    period: Period,
    communes: Sequence[str | None],
    housing: dict[str, tuple[Any, ...]],
) -> None:
    """Inputs of the housing aids and of eviction prevention (rules/aide_logement,
    prevention_expulsion), from the households' communes and housing fields."""
    zone_of_commune = {commune: zone_apl_of(commune) for commune in set(communes)}
    zones = []
    for commune, given in zip(communes, housing["zone"], strict=True):
        zone = zone_of_commune[commune]
        if zone is None and given is not None:
            zone = int(given)
        # 0 = TypesZoneApl.non_renseigne (index order: non_renseigne, 1, 2, 3)
        zones.append(zone or 0)
    simulation.set_input("zone_apl", period, np.array(zones))
    simulation.set_input("logement_chambre", period, _flags(housing["room"]))
    simulation.set_input("coloc", period, _flags(housing["flatshare"]))
    simulation.set_input("impaye_loyer_montant", period, _or_zero(housing["rent_arrears"]))
    simulation.set_input(
        "impaye_loyer_mois", period, np.array([m or 0 for m in housing["arrears_months"]])
    )
    simulation.set_input(
        "procedure_expulsion_stade",
        period,
        np.array(
            [EVICTION_STAGE[s or EvictionStage.none].index for s in housing["eviction_stage"]]
        ),
    )
    simulation.set_input(
        "commandement_de_payer_date",
        period,
        _days([d or _EPOCH for d in housing["commandement_de_payer_date"]]),
    )


def build_simulation(situations: Sequence[Situation], month: Month) -> Batch:
    """One simulation for complete situations (see ``scenarios.complete``), all on ``month``."""
    tbs = tax_benefit_system()
    sizes = [len(s.people) for s in situations]
    persons = [p for s in situations for p in s.people]
    person = _fields(persons, _PERSON_FIELDS)
    members = _members(person["role"], sizes)

    builder = SimulationBuilder()
    builder.populations = fast_populations(tbs)
    builder.declare_person_entity("individu", [f"i{n}" for n in range(len(persons))])
    _declare_group(
        builder, "famille", len(members.famille_rows), members.famille, members.role, _FAMILLE_ROLES
    )
    _declare_group(builder, "menage", len(situations), members.row, members.role, _MENAGE_ROLES)
    simulation = FastSimulation(tbs, builder.populations)

    dated = _periods_of(str(month))
    period = dated.month

    def on_months(variable: str, array: np.ndarray, months: Sequence[Period]) -> None:
        """The same input on each month of ``months``: what ``set_input`` (or, for a variable that
        spreads an input over its months, ``set_input_dispatch_by_period``) stores for each
        month of a new simulation, without parsing or offsetting a period per month."""
        definition = simulation.tax_benefit_system.get_variable(variable, check_existence=True)
        if definition.value_type is not Enum:
            # The conversion the holder makes of each month's input, made once.
            array = array.astype(definition.dtype, copy=False)
        simulation.put_months(variable, array, months)

    def per_person(
        variable: str, values: np.ndarray | list[object], periods: Sequence[Period] | None = None
    ) -> None:
        """The same value on every month of ``periods`` (consecutive; default: the history)."""
        on_months(variable, np.asarray(values), periods or dated.history)

    def per_person_years_since(variable: str, since: Sequence[str | None], scale: float) -> None:
        """A duration (years since a month, times ``scale``), written on each month of the
        history: 0 where the month is not given."""
        number = {value: _month_number(value) for value in set(since) if value is not None}
        given = np.array([value is not None for value in since])
        start = np.array([number[value] if value is not None else 0 for value in since])
        # Row k: ``(_month_number(history[k]) - start) / 12``, times ``scale`` where given, as
        # computed month by month (the same operations on each element), then converted to
        # the variable's dtype as ``on_months`` converts each month's array.
        numbers = np.array(dated.history_numbers)[:, np.newaxis]
        table = np.where(given, (numbers - start) / 12 * scale, 0.0)
        definition = simulation.tax_benefit_system.get_variable(variable, check_existence=True)
        if definition.value_type is not Enum:
            table = table.astype(definition.dtype, copy=False)
        for when, row in zip(dated.history, table, strict=True):
            simulation.put_months(variable, row, (when,))

    simulation.set_input(
        "date_naissance",
        dated.eternity,
        _days(_birth_dates(person["birth_date"], person["age"], month)),
    )
    incomes = _income_columns(person["incomes"])
    for key, variable in INCOME_VARIABLES.items():
        on_months(variable, incomes[key], dated.incomes)
    per_person("etudiant", [a is not None and a.value == "student" for a in person["activity"]])
    per_person("enceinte", _flags(person["pregnant"]))
    per_person("boursier", _flags(person["higher_education_grant"]))
    per_person(
        "nationalite",
        [NATIONALITY[n or Nationality.french].index for n in person["nationality"]],
    )
    per_person("titre_sejour", _flags(person["has_residence_permit"]))
    per_person("dispense_duree_titre_sejour", _flags(person["protected_status"]))
    per_person_years_since(
        "duree_possession_titre_sejour",
        [
            since if has_permit else None
            for since, has_permit in zip(
                person["residence_permit_since"], person["has_residence_permit"], strict=True
            )
        ],
        1.0,
    )
    per_person_years_since("duree_residence_france", person["in_france_since"], 12.0)
    # Unemployment (housing-aid abattement and neutralisation, CCH R822-13, R822-15).
    simulation.set_input(
        "date_debut_chomage",
        dated.eternity,
        _days(_unemployment_starts(person["activity"], person["unemployed_since"])),
    )
    per_person(
        "allocation_solidarite_specifique_percue",
        [b is UnemploymentBenefit.ass for b in person["unemployment_benefit"]],
    )
    per_person(
        "heures_travail_trois_dernieres_annees", _or_zero(person["hours_worked_last_3_years"])
    )
    # Disability and autonomy (AAH, APA, ASPA, legal protection): see engine/autonomy.py.
    per_person("taux_incapacite", [(r or 0.0) / 100 for r in person["disability_rate"]])
    per_person("aah_restriction_substantielle_durable_acces_emploi", _flags(person["rsdae"]))
    per_person("aah_conjugalise_eligible", _flags(person["aah_before_october_2023"]))
    per_person("gir", [g or 0 for g in person["gir"]])
    per_person("inapte_travail", _flags(person["unfit_for_work"]))
    seen = _fields(person["observations"], _PERSON_OBSERVATIONS)
    per_person("risque_securite_domicile", _flags(seen["safety_risk_at_home"]))
    per_person("desorientation", _flags(seen["disoriented"]))
    per_person("difficulte_gestion_budget", _flags(seen["cannot_manage_budget"]))

    household = _fields([s.household for s in situations], _HOUSEHOLD_FIELDS)
    housing = _fields(household["housing"], _HOUSING_FIELDS)
    energy = _fields(household["energy"], ("unpaid_bills", "supplier_notice", "supply_cut"))
    debts = _fields(household["debts"], ("total", "monthly_repayments"))
    alimony = _fields(household["alimony"], ("status", "amount_fixed"))
    simulation.set_input(
        "statut_occupation_logement",
        period,
        np.array(
            [
                _housing_status(status, furnished)
                for status, furnished in zip(housing["status"], housing["furnished"], strict=True)
            ]
        ),
    )
    simulation.set_input("loyer", period, _or_zero(housing["rent"]))
    simulation.set_input("participation_frais", period, _flags(housing["contributes_to_costs"]))
    simulation.set_input("depcom", period, np.array([c or "" for c in household["commune"]]))
    simulation.set_input("rfr", period, _or_zero(household["fiscal_reference_income"]))
    simulation.set_input("energie_factures_impayees", period, _or_zero(energy["unpaid_bills"]))
    simulation.set_input(
        "energie_avis_fournisseur",
        period,
        np.array(
            [SUPPLIER_NOTICE[n or SupplierNotice.none].index for n in energy["supplier_notice"]]
        ),
    )
    simulation.set_input(
        "energie_coupee", period, np.array([cut is True for cut in energy["supply_cut"]])
    )
    simulation.set_input("dettes_total", period, _or_zero(debts["total"]))
    simulation.set_input(
        "dettes_remboursements_mensuels", period, _or_zero(debts["monthly_repayments"])
    )
    said = [observations(s, OBSERVATION_VARIABLES) for s in situations]  # one pass a household
    for observation_name, variable in OBSERVATION_VARIABLES.items():
        simulation.set_input(
            variable, period, np.array([seen[observation_name] is True for seen in said])
        )

    _set_housing_aid_inputs(simulation, period, household["commune"], housing)

    # Inputs of each famille: those of its row's household.
    of_famille = members.famille_rows
    # The declared housing aid, where given, is used instead of the computed one (aide_logement).
    simulation.set_input(
        "aide_logement_percue", period, _or_zero(housing["housing_aid"])[of_famille]
    )
    simulation.set_input(
        "aide_logement_percue_renseignee",
        period,
        np.array([aid is not None for aid in housing["housing_aid"]])[of_famille],
    )
    on_months(
        "prestations_familiales_percues",
        _or_zero(household["family_benefits"])[of_famille],
        dated.resources,
    )
    simulation.set_input(
        "prestations_familiales_connues",
        period,
        np.array([b is not None for b in household["family_benefits"]])[of_famille],
    )
    # Child support owed by the other parent (allocation de soutien familial, rules/asf).
    unknown = TypesPensionAlimentaire.non_renseigne
    pension_status = [(ALIMONY_STATUS[s] if s else unknown).index for s in alimony["status"]]
    simulation.set_input("asf_pension_statut", period, np.array(pension_status)[of_famille])
    simulation.set_input("asf_pension_fixee", period, _or_zero(alimony["amount_fixed"])[of_famille])
    simulation.set_input(
        "rsa_percu",
        period,
        np.array([Benefit.rsa in (b or []) for b in household["benefits_received"]])[of_famille],
    )
    simulation.set_input(
        "date_isolement",
        dated.eternity,
        _days(
            [
                Month(since).first_day if since else dt.date(1900, 1, 1)
                for since in household["single_parent_since"]
            ]
        )[of_famille],
    )
    return Batch(
        simulation,
        period,
        members.applicant,
        members.applicant_famille,
        np.arange(len(situations)),
        np.cumsum([0, *sizes]),
        members.famille.astype(np.int64),
        members.row.astype(np.int64),
    )
