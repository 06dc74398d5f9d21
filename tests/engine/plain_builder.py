"""The builder of simulations as it was written first, kept as the reference of the tests: each
input read from the situations one field at a time (``[bool(p.pregnant) for p in persons]``),
the entities joined through OpenFisca's ``SimulationBuilder`` with string ids, dates converted
one by one. ``rights_engine.engine.builder`` must give a simulation holding the same inputs."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import Period
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.simulations import Simulation

from rights_engine.engine.builder import (
    ALIMONY_STATUS,
    EVICTION_STAGE,
    FAMILLE_ROLE,
    HOUSING_STATUS,
    INCOME_VARIABLES,
    MENAGE_ROLE,
    NATIONALITY,
    OBSERVATION_VARIABLES,
    SUPPLIER_NOTICE,
    Batch,
    _periods_of,
)
from rights_engine.engine.facts import observation
from rights_engine.engine.fast_simulation import FastSimulation, fast_populations
from rights_engine.engine.zones import zone_apl_of
from rights_engine.enums import TypesPensionAlimentaire, TypesStatutOccupationLogement
from rights_engine.situation.models import (
    Activity,
    Benefit,
    EvictionStage,
    Household,
    HousingStatus,
    Month,
    Nationality,
    Person,
    Role,
    Situation,
    SupplierNotice,
    UnemploymentBenefit,
)
from rights_engine.system import tax_benefit_system

__all__ = ["plain_build_simulation"]

_EPOCH = dt.date(1970, 1, 1)


def _days(dates: list[dt.date]) -> np.ndarray:
    """Each date converted by numpy, one by one."""
    return np.array([np.datetime64(date, "D") for date in dates], dtype="datetime64[D]")


def _month_number(month: str) -> int:
    """Months since year 0 of a ``YYYY-MM`` month (or of the month of a date)."""
    first = Month(month).first_day
    return first.year * 12 + first.month - 1


def _birth_date(person: Person, month: Month) -> dt.date:
    if person.birth_date is not None:
        return person.birth_date
    # Only the age is known: born on the first day of the evaluated month, `age` years earlier.
    first = month.first_day
    assert person.age is not None, "complete() fills every unknown age"
    return dt.date(first.year - person.age, first.month, 1)


def _unemployment_start(person: Person) -> dt.date:
    """First day of the month the person's total unemployment began; the farthest date when the
    person is not unemployed or the month is not given (no abattement, no neutralisation)."""
    if person.activity is not Activity.unemployed or person.unemployed_since is None:
        return dt.date.max
    return Month(person.unemployed_since).first_day


_INCOME_KEYS = tuple(INCOME_VARIABLES)
_incomes_of = operator.attrgetter(*_INCOME_KEYS)
_NO_INCOMES = (0.0,) * len(_INCOME_KEYS)


def _income_columns(persons: list[Person]) -> dict[str, np.ndarray]:
    """Each income of every person (0 where the incomes are absent), by key: one pass over the
    people, then one column per income."""
    table = np.array(
        [_incomes_of(p.incomes) if p.incomes else _NO_INCOMES for p in persons], dtype=np.float64
    )
    return {key: np.ascontiguousarray(table[:, column]) for column, key in enumerate(_INCOME_KEYS)}


def _housing_status(household: Household) -> TypesStatutOccupationLogement:
    """OpenFisca housing status; a private tenant of a furnished dwelling is
    ``locataire_meuble``."""
    assert household.housing.status is not None
    status = HOUSING_STATUS[household.housing.status]
    if household.housing.status is HousingStatus.tenant and household.housing.furnished:
        return TypesStatutOccupationLogement.locataire_meuble
    return status


def _set_housing_aid_inputs(
    simulation: Simulation, period: Period, households: list[Household]
) -> None:
    """Inputs of the housing aids and of eviction prevention (rules/aide_logement,
    prevention_expulsion)."""
    zones = []
    for household in households:
        zone = zone_apl_of(household.commune)
        if zone is None and household.housing.zone is not None:
            zone = int(household.housing.zone)
        zones.append(
            zone or 0
        )  # 0 = TypesZoneApl.non_renseigne (index order: non_renseigne, 1, 2, 3)
    simulation.set_input("zone_apl", period, np.array(zones))
    simulation.set_input(
        "logement_chambre", period, np.array([bool(h.housing.room) for h in households])
    )
    simulation.set_input("coloc", period, np.array([bool(h.housing.flatshare) for h in households]))
    simulation.set_input(
        "impaye_loyer_montant",
        period,
        np.array([h.housing.rent_arrears or 0.0 for h in households]),
    )
    simulation.set_input(
        "impaye_loyer_mois", period, np.array([h.housing.arrears_months or 0 for h in households])
    )
    simulation.set_input(
        "procedure_expulsion_stade",
        period,
        np.array(
            [
                EVICTION_STAGE[h.housing.eviction_stage or EvictionStage.none].index
                for h in households
            ]
        ),
    )
    simulation.set_input(
        "commandement_de_payer_date",
        period,
        _days([h.housing.commandement_de_payer_date or _EPOCH for h in households]),
    )


def plain_build_simulation(situations: Sequence[Situation], month: Month) -> Batch:
    """One simulation for complete situations (see ``scenarios.complete``), all on ``month``."""
    tbs = tax_benefit_system()
    people: list[tuple[int, Person]] = [
        (row, p) for row, s in enumerate(situations) for p in s.people
    ]

    famille_of: list[int] = []
    famille_role: list[str] = []
    menage_role: list[str] = []
    applicant_famille = np.zeros(len(situations), dtype=np.int64)
    applicant_index = np.zeros(len(situations), dtype=np.int64)
    famille_rows: list[int] = []
    famille_number_by_row: dict[int, int] = {}
    for position, (row, person) in enumerate(people):
        if person.role is Role.other:
            famille_rows.append(row)
            famille_of.append(len(famille_rows) - 1)
            famille_role.append("demandeur")
        else:
            if row not in famille_number_by_row:
                famille_rows.append(row)
                famille_number_by_row[row] = len(famille_rows) - 1
            famille_of.append(famille_number_by_row[row])
            famille_role.append(FAMILLE_ROLE.get(person.role, "enfant"))
        menage_role.append(MENAGE_ROLE.get(person.role, "autre"))
        if person.role is Role.applicant:
            applicant_index[row] = position
            applicant_famille[row] = famille_of[-1]

    builder = SimulationBuilder()
    builder.populations = fast_populations(tbs)
    builder.declare_person_entity("individu", [f"i{n}" for n in range(len(people))])
    familles = builder.declare_entity("famille", [f"f{n}" for n in range(len(famille_rows))])
    builder.join_with_persons(familles, [f"f{n}" for n in famille_of], famille_role)
    menages = builder.declare_entity("menage", [f"m{n}" for n in range(len(situations))])
    builder.join_with_persons(menages, [f"m{row}" for row, _ in people], menage_role)
    simulation = FastSimulation(tbs, builder.populations)

    dated = _periods_of(str(month))
    period = dated.month
    persons = [p for _, p in people]

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
        variable: str, values: list[object], periods: Sequence[Period] | None = None
    ) -> None:
        """The same value on every month of ``periods`` (consecutive; default: the history)."""
        on_months(variable, np.array(values), periods or dated.history)

    def per_person_years_since(variable: str, since: list[str | None], scale: float) -> None:
        """A duration (years since a month, times ``scale``), written on each month of the
        history: 0 where the month is not given."""
        given = np.array([value is not None for value in since])
        start = np.array([_month_number(value) if value is not None else 0 for value in since])
        for when in dated.history:
            years = (_month_number(str(when)) - start) / 12
            on_months(variable, np.where(given, years * scale, 0.0), (when,))

    simulation.set_input(
        "date_naissance", dated.eternity, _days([_birth_date(p, month) for p in persons])
    )
    incomes = _income_columns(persons)
    for key, variable in INCOME_VARIABLES.items():
        on_months(variable, incomes[key], dated.incomes)
    per_person(
        "etudiant", [p.activity is not None and p.activity.value == "student" for p in persons]
    )
    per_person("enceinte", [bool(p.pregnant) for p in persons])
    per_person("boursier", [bool(p.higher_education_grant) for p in persons])
    per_person(
        "nationalite",
        [NATIONALITY[p.nationality or Nationality.french].index for p in persons],
    )
    per_person("titre_sejour", [bool(p.has_residence_permit) for p in persons])
    per_person("dispense_duree_titre_sejour", [bool(p.protected_status) for p in persons])
    per_person_years_since(
        "duree_possession_titre_sejour",
        [p.residence_permit_since if p.has_residence_permit else None for p in persons],
        1.0,
    )
    per_person_years_since("duree_residence_france", [p.in_france_since for p in persons], 12.0)
    # Unemployment (housing-aid abattement and neutralisation, CCH R822-13, R822-15).
    simulation.set_input(
        "date_debut_chomage", dated.eternity, _days([_unemployment_start(p) for p in persons])
    )
    per_person(
        "allocation_solidarite_specifique_percue",
        [p.unemployment_benefit is UnemploymentBenefit.ass for p in persons],
    )
    per_person(
        "heures_travail_trois_dernieres_annees",
        [p.hours_worked_last_3_years or 0.0 for p in persons],
    )
    # Disability and autonomy (AAH, APA, ASPA, legal protection): see engine/autonomy.py.
    per_person("taux_incapacite", [(p.disability_rate or 0.0) / 100 for p in persons])
    per_person(
        "aah_restriction_substantielle_durable_acces_emploi", [bool(p.rsdae) for p in persons]
    )
    per_person("aah_conjugalise_eligible", [bool(p.aah_before_october_2023) for p in persons])
    per_person("gir", [p.gir or 0 for p in persons])
    per_person("inapte_travail", [bool(p.unfit_for_work) for p in persons])
    per_person(
        "risque_securite_domicile", [bool(p.observations.safety_risk_at_home) for p in persons]
    )
    per_person("desorientation", [bool(p.observations.disoriented) for p in persons])
    per_person(
        "difficulte_gestion_budget", [bool(p.observations.cannot_manage_budget) for p in persons]
    )

    households = [s.household for s in situations]
    simulation.set_input(
        "statut_occupation_logement",
        period,
        np.array([_housing_status(h).index if h.housing.status else 0 for h in households]),
    )
    simulation.set_input("loyer", period, np.array([h.housing.rent or 0.0 for h in households]))
    simulation.set_input(
        "participation_frais",
        period,
        np.array([bool(h.housing.contributes_to_costs) for h in households]),
    )
    simulation.set_input("depcom", period, np.array([h.commune or "" for h in households]))
    simulation.set_input(
        "rfr", period, np.array([h.fiscal_reference_income or 0.0 for h in households])
    )
    simulation.set_input(
        "energie_factures_impayees",
        period,
        np.array([h.energy.unpaid_bills or 0.0 for h in households]),
    )
    simulation.set_input(
        "energie_avis_fournisseur",
        period,
        np.array(
            [
                SUPPLIER_NOTICE[h.energy.supplier_notice or SupplierNotice.none].index
                for h in households
            ]
        ),
    )
    simulation.set_input(
        "energie_coupee", period, np.array([h.energy.supply_cut is True for h in households])
    )
    simulation.set_input(
        "dettes_total", period, np.array([h.debts.total or 0.0 for h in households])
    )
    simulation.set_input(
        "dettes_remboursements_mensuels",
        period,
        np.array([h.debts.monthly_repayments or 0.0 for h in households]),
    )
    for observation_name, variable in OBSERVATION_VARIABLES.items():
        simulation.set_input(
            variable,
            period,
            np.array([observation(s, observation_name) is True for s in situations]),
        )

    _set_housing_aid_inputs(simulation, period, households)

    famille_household = [households[row] for row in famille_rows]
    # The declared housing aid, where given, is used instead of the computed one (aide_logement).
    simulation.set_input(
        "aide_logement_percue",
        period,
        np.array([h.housing.housing_aid or 0.0 for h in famille_household]),
    )
    simulation.set_input(
        "aide_logement_percue_renseignee",
        period,
        np.array([h.housing.housing_aid is not None for h in famille_household]),
    )
    on_months(
        "prestations_familiales_percues",
        np.array([h.family_benefits or 0.0 for h in famille_household]),
        dated.resources,
    )
    simulation.set_input(
        "prestations_familiales_connues",
        period,
        np.array([h.family_benefits is not None for h in famille_household]),
    )
    # Child support owed by the other parent (allocation de soutien familial, rules/asf).
    statuses = [h.alimony.status for h in famille_household]
    unknown = TypesPensionAlimentaire.non_renseigne
    pension_status = [(ALIMONY_STATUS[s] if s else unknown).index for s in statuses]
    simulation.set_input("asf_pension_statut", period, np.array(pension_status))
    fixed = [h.alimony.amount_fixed or 0.0 for h in famille_household]
    simulation.set_input("asf_pension_fixee", period, np.array(fixed))
    simulation.set_input(
        "rsa_percu",
        period,
        np.array([Benefit.rsa in (h.benefits_received or []) for h in famille_household]),
    )
    simulation.set_input(
        "date_isolement",
        dated.eternity,
        _days(
            [
                Month(h.single_parent_since).first_day
                if h.single_parent_since
                else dt.date(1900, 1, 1)
                for h in famille_household
            ]
        ),
    )
    first_person = np.cumsum([0] + [len(s.people) for s in situations])
    return Batch(
        simulation,
        period,
        applicant_index,
        applicant_famille,
        np.arange(len(situations)),
        first_person,
        np.array(famille_of, dtype=np.int64),
        np.array([row for row, _ in people], dtype=np.int64),
    )
