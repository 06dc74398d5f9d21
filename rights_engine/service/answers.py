"""Which situation fields answer each question of a report: the one place that maps them.

``Report.questions[].fact`` names a fact of :data:`rights_engine.engine.facts.FACTS` (and, for a
fact asked per person, ``person`` names the person's id). The worker's page shows these fields
under the question and writes the answer into the situation before evaluating it again; a case
tool can do the same (``GET /v1/facts``). A test checks that every fact has an entry and that
every path is a field of the situation.
"""

from __future__ import annotations

from rights_engine.service.models import AnswerField, FactAnswers
from rights_engine.situation.models import (
    Activity,
    AlimonyStatus,
    EvictionStage,
    HousingStatus,
    Nationality,
    SupplierNotice,
    UnemploymentBenefit,
)

__all__ = ["ANSWERS", "CHOICE_LABELS"]

PERSON = "*"
"""In a path, the index of the person the question is about."""

CHOICE_LABELS: dict[str, dict[str, str]] = {
    "nationality": {
        Nationality.french: "Française",
        Nationality.eu: "Union européenne, EEE ou Suisse",
        Nationality.other: "Autre",
    },
    "activity": {
        Activity.employed: "En emploi salarié",
        Activity.self_employed: "Indépendant",
        Activity.unemployed: "Au chômage",
        Activity.student: "Étudiant",
        Activity.retired: "Retraité",
        Activity.inactive: "Sans activité",
    },
    "unemployment_benefit": {
        UnemploymentBenefit.are: "ARE (allocation d'aide au retour à l'emploi)",
        UnemploymentBenefit.ass: "ASS (allocation de solidarité spécifique)",
    },
    "housing_status": {
        HousingStatus.tenant: "Locataire (parc privé)",
        HousingStatus.social_tenant: "Locataire (logement social)",
        HousingStatus.owner: "Propriétaire",
        HousingStatus.owner_with_loan: "Propriétaire avec un prêt en cours",
        HousingStatus.hosted_free: "Hébergé gratuitement",
        HousingStatus.homeless: "Sans logement",
        HousingStatus.shelter: "En foyer ou résidence sociale",
    },
    "eviction_stage": {
        EvictionStage.none: "Aucune procédure",
        EvictionStage.commandement_de_payer: "Commandement de payer",
        EvictionStage.assignation: "Assignation au tribunal",
        EvictionStage.jugement: "Jugement d'expulsion",
        EvictionStage.commandement_de_quitter: "Commandement de quitter les lieux",
    },
    "alimony_status": {
        AlimonyStatus.none: "Aucune pension fixée",
        AlimonyStatus.paid: "Fixée et payée intégralement",
        AlimonyStatus.unpaid: "Fixée et impayée depuis au moins un mois",
        AlimonyStatus.partially_paid: "Fixée et payée en partie",
    },
    "supplier_notice": {
        SupplierNotice.none: "Aucun courrier",
        SupplierNotice.reminder: "Relance",
        SupplierNotice.reduction: "Avis de réduction de puissance",
        SupplierNotice.cut: "Avis de coupure ou de suspension",
    },
}
"""French labels of the values of each choice, in the order they are offered."""


def _choice(path: list[str | int], label: str, choices: str) -> AnswerField:
    options = [(str(value), text) for value, text in CHOICE_LABELS[choices].items()]
    return AnswerField(path=path, label=label, kind="choice", choices=options)


def _euros(path: list[str | int], label: str) -> AnswerField:
    return AnswerField(path=path, label=label, kind="number", minimum=0)


def _yes_no(path: list[str | int], label: str) -> AnswerField:
    return AnswerField(path=path, label=label, kind="boolean")


def _person(*keys: str) -> list[str | int]:
    return ["people", PERSON, *keys]


def _household(*keys: str) -> list[str | int]:
    return ["household", *keys]


_INCOMES = (
    ("salary", "Salaires (€/mois)"),
    ("self_employment", "Revenus d'indépendant (€/mois)"),
    ("unemployment", "Allocations chômage (€/mois)"),
    ("pension", "Retraites (€/mois)"),
    ("disability_pension", "Pension d'invalidité (€/mois)"),
    ("alimony", "Pension alimentaire reçue (€/mois)"),
    ("other", "Autres ressources (€/mois)"),
)

_FIELDS: dict[str, list[AnswerField]] = {
    "age": [AnswerField(path=_person("birth_date"), label="Date de naissance", kind="date")],
    "nationality": [_choice(_person("nationality"), "Nationalité", "nationality")],
    "residence_permit": [
        _yes_no(_person("has_residence_permit"), "Titre de séjour en cours de validité"),
        AnswerField(
            path=_person("residence_permit_since"),
            label="Mois du premier titre autorisant à travailler",
            kind="month",
        ),
        _yes_no(
            _person("protected_status"), "Réfugié, protection subsidiaire ou carte de résident"
        ),
    ],
    "in_france_since": [
        AnswerField(path=_person("in_france_since"), label="En France depuis (mois)", kind="month")
    ],
    "activity": [_choice(_person("activity"), "Situation professionnelle", "activity")],
    "incomes": [_euros(_person("incomes", key), label) for key, label in _INCOMES],
    "unemployed_since": [
        AnswerField(
            path=_person("unemployed_since"), label="Au chômage depuis (mois)", kind="month"
        )
    ],
    "unemployment_benefit": [
        _choice(
            _person("unemployment_benefit"), "Allocation chômage perçue", "unemployment_benefit"
        )
    ],
    "hours_worked": [
        AnswerField(
            path=_person("hours_worked_last_3_years"),
            label="Heures travaillées sur les 3 dernières années",
            kind="number",
            minimum=0,
            maximum=30000,
        )
    ],
    "higher_education_grant": [
        _yes_no(
            _person("higher_education_grant"),
            "Boursier ou boursière de l'enseignement supérieur (critères sociaux)",
        )
    ],
    "housing_status": [_choice(_household("housing", "status"), "Logement", "housing_status")],
    "housing_aid": [
        _euros(_household("housing", "housing_aid"), "Aide au logement perçue (€/mois)")
    ],
    "rent": [_euros(_household("housing", "rent"), "Loyer hors charges (€/mois)")],
    "commune": [
        AnswerField(
            path=_household("commune"), label="Commune (code INSEE, ex. 33063)", kind="text"
        )
    ],
    "rent_arrears": [
        _euros(_household("housing", "rent_arrears"), "Loyers impayés (€, 0 si aucun)"),
        AnswerField(
            path=_household("housing", "arrears_months"),
            label="Nombre de mois impayés",
            kind="integer",
            minimum=0,
            maximum=240,
        ),
        _choice(_household("housing", "eviction_stage"), "Procédure d'expulsion", "eviction_stage"),
    ],
    "contributes_to_costs": [
        _yes_no(_household("housing", "contributes_to_costs"), "Participe aux frais du logement")
    ],
    "single_parent_since": [
        AnswerField(
            path=_household("single_parent_since"),
            label="Parent seul depuis (mois)",
            kind="month",
        )
    ],
    "alimony": [
        _choice(_household("alimony", "status"), "Pension alimentaire", "alimony_status"),
        _euros(_household("alimony", "amount_fixed"), "Montant fixé (€/mois, tous enfants)"),
    ],
    "fiscal_reference_income": [
        _euros(_household("fiscal_reference_income"), "Revenu fiscal de référence (€/an)")
    ],
    "energy_debt": [
        _euros(
            _household("energy", "unpaid_bills"), "Factures d'énergie impayées (€, 0 si aucune)"
        ),
        _choice(
            _household("energy", "supplier_notice"),
            "Dernier courrier du fournisseur",
            "supplier_notice",
        ),
    ],
    "debts": [
        _euros(_household("debts", "total"), "Total des dettes (€, 0 si aucune)"),
        _euros(_household("debts", "monthly_repayments"), "Remboursements mensuels (€/mois)"),
    ],
    # The observation says the opposite of the question: true = no shelter for the night.
    "no_shelter_tonight": [
        _yes_no(
            _household("observations", "no_shelter_tonight"),
            "Sans solution pour dormir cette nuit",
        )
    ],
    "domestic_violence": [
        _yes_no(_household("observations", "domestic_violence"), "Violences évoquées")
    ],
    "child_at_risk_reported": [
        _yes_no(
            _household("observations", "child_at_risk_reported"),
            "Éléments laissant craindre qu'un enfant soit en danger",
        )
    ],
    "parents_overwhelmed": [
        _yes_no(
            _household("observations", "parents_overwhelmed"),
            "Parents dépassés, demandeurs d'un soutien",
        )
    ],
    "disability_rate": [
        AnswerField(
            path=_person("disability_rate"),
            label="Taux d'incapacité reconnu par la MDPH (%)",
            kind="number",
            minimum=0,
            maximum=100,
        )
    ],
    "rsdae": [_yes_no(_person("rsdae"), "RSDAE reconnue par la CDAPH")],
    "aah_before_october_2023": [
        _yes_no(
            _person("aah_before_october_2023"), "AAH perçue sans interruption avant octobre 2023"
        )
    ],
    "gir": [
        AnswerField(path=_person("gir"), label="GIR (1 à 6)", kind="integer", minimum=1, maximum=6)
    ],
    "unfit_for_work": [
        _yes_no(
            _person("unfit_for_work"), "Inaptitude au travail reconnue par la caisse de retraite"
        )
    ],
    "cannot_manage_budget": [
        _yes_no(
            _person("observations", "cannot_manage_budget"),
            "Ne parvient plus à gérer seule son budget et ses papiers",
        )
    ],
}

ANSWERS: dict[str, FactAnswers] = {
    fact: FactAnswers(fact=fact, per_person=any(PERSON in f.path for f in fields), fields=fields)
    for fact, fields in _FIELDS.items()
}
"""Each fact's answer fields, by fact id."""
