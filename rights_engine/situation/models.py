"""The situation: the input contract (schema 1) described in DESIGN.md.

English keys, euros, months as ``YYYY-MM``. **A field that is absent is unknown, not zero**:
every fact is optional and the engine says which missing facts matter. One exception, for
convenience at the desk: inside an ``incomes`` block that is given, an income type left out is
0 (the worker listed the person's incomes); leaving out the whole block keeps them unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rights_engine.situation.communes import commune_code

__all__ = [
    "Activity",
    "Alimony",
    "AlimonyStatus",
    "Benefit",
    "Birth",
    "Change",
    "Debts",
    "Energy",
    "EvictionStage",
    "Household",
    "Housing",
    "HousingStatus",
    "Incomes",
    "Month",
    "Move",
    "NewJob",
    "Nationality",
    "Observations",
    "Person",
    "Role",
    "Separation",
    "Situation",
    "SupplierNotice",
    "WhatIf",
]

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class Month(str):
    """A calendar month written ``YYYY-MM``."""

    @classmethod
    def parse(cls, value: object) -> Month:
        if isinstance(value, dt.date):
            return cls(f"{value.year:04d}-{value.month:02d}")
        if not isinstance(value, str) or not _MONTH.match(value.strip()):
            raise ValueError(f"expected a month YYYY-MM, got {value!r}")
        return cls(value.strip())

    @property
    def first_day(self) -> dt.date:
        year, month = self.split("-")
        return dt.date(int(year), int(month), 1)


MonthField = Annotated[str, Field(pattern=_MONTH.pattern, examples=["2026-11"])]
Euros = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Role(StrEnum):
    applicant = "applicant"
    partner = "partner"
    child = "child"
    other = "other"


class Nationality(StrEnum):
    french = "french"
    eu = "eu"
    other = "other"


class Activity(StrEnum):
    employed = "employed"
    self_employed = "self_employed"
    unemployed = "unemployed"
    student = "student"
    retired = "retired"
    inactive = "inactive"


class HousingStatus(StrEnum):
    tenant = "tenant"
    social_tenant = "social_tenant"
    owner = "owner"
    owner_with_loan = "owner_with_loan"
    hosted_free = "hosted_free"
    homeless = "homeless"
    shelter = "shelter"


class EvictionStage(StrEnum):
    """Latest step of a rental eviction procedure."""

    none = "none"
    commandement_de_payer = "commandement_de_payer"
    assignation = "assignation"
    jugement = "jugement"
    commandement_de_quitter = "commandement_de_quitter"


class SupplierNotice(StrEnum):
    none = "none"
    reminder = "reminder"
    reduction = "reduction"
    cut = "cut"


class Benefit(StrEnum):
    """Benefits a household can already receive (ids of the programmes)."""

    rsa = "rsa"
    prime_activite = "prime_activite"
    aah = "aah"
    aspa = "aspa"
    apa = "apa"
    housing_aid = "housing_aid"
    css = "css"
    family_benefits = "family_benefits"


class Incomes(_Strict):
    """Net monthly incomes, €/month, average of the last 3 months. Absent type = 0."""

    salary: Euros = 0
    self_employment: Euros = 0
    pension: Euros = 0
    unemployment: Euros = 0
    disability_pension: Euros = 0
    alimony: Euros = Field(default=0, ge=0, description="Pension alimentaire reçue, €/mois")
    other: Euros = 0


class Observations(_Strict):
    """What the worker observed or was told at the meeting, as typed facts (not free text).

    Shared by ``household.observations`` and ``people[].observations``; an observation left out
    is unknown. Each one only opens an orientation (emergency line, protection service).
    """

    no_shelter_tonight: bool | None = Field(
        default=None,
        description="Sans solution d'hébergement pour la nuit qui vient (mis dehors, à la rue)",
    )
    domestic_violence: bool | None = Field(
        default=None,
        description="Violences au sein du couple ou de la famille rapportées ou constatées",
    )
    in_immediate_danger: bool | None = Field(
        default=None,
        description="Danger immédiat pour la personne ou un enfant (appeler le 17 ou le 112)",
    )
    child_at_risk_reported: bool | None = Field(
        default=None,
        description="Éléments laissant craindre qu'un mineur soit en danger ou en risque de l'être "
        "(violences, négligences) : information préoccupante à transmettre",
    )
    parents_overwhelmed: bool | None = Field(
        default=None,
        description="Parents en difficulté dans l'éducation de leur enfant et demandeurs d'un "
        "soutien",
    )
    safety_risk_at_home: bool | None = Field(
        default=None,
        description="La personne se met en danger à son domicile (gaz oublié, chutes, errance) : "
        "APA en urgence",
    )
    disoriented: bool | None = Field(
        default=None,
        description="La personne est désorientée (se perd dans un lieu familier, oublis graves)",
    )
    cannot_manage_budget: bool | None = Field(
        default=None,
        description="La personne ne parvient plus à gérer seule son budget, ses papiers et ses "
        "démarches",
    )


class Person(_Strict):
    id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]
    role: Role
    birth_date: dt.date | None = Field(default=None, description="Date de naissance, YYYY-MM-DD")
    age: Annotated[int, Field(ge=0, le=120)] | None = Field(
        default=None, description="Âge en années, si la date de naissance n'est pas connue"
    )
    nationality: Nationality | None = None
    residence_permit_since: MonthField | None = Field(
        default=None,
        description="Nationalité hors UE : mois de délivrance du premier titre de séjour "
        "autorisant à travailler",
    )
    has_residence_permit: bool | None = Field(
        default=None, description="Nationalité hors UE : titre de séjour en cours de validité"
    )
    protected_status: bool | None = Field(
        default=None,
        description="Réfugié, protection subsidiaire, apatride ou carte de résident (dispense de "
        "la durée du titre)",
    )
    in_france_since: MonthField | None = Field(
        default=None, description="Ressortissant UE/EEE/Suisse : mois d'arrivée en France"
    )
    activity: Activity | None = None
    incomes: Incomes | None = None
    hours_worked_last_3_years: Annotated[float, Field(ge=0, le=30000)] | None = Field(
        default=None, description="Heures travaillées sur les 3 dernières années (RSA jeune actif)"
    )
    pregnant: bool | None = None
    disability_rate: Annotated[float, Field(ge=0, le=100)] | None = Field(
        default=None, description="Taux d'incapacité reconnu par la MDPH, en %"
    )
    gir: Annotated[int, Field(ge=1, le=6)] | None = Field(
        default=None, description="Groupe iso-ressources (grille AGGIR), 1 à 6"
    )
    disability_reported: bool | None = Field(
        default=None,
        description="Handicap ou maladie invalidante signalé, avant ou sans décision de la MDPH "
        "(le taux d'incapacité est alors demandé)",
    )
    rsdae: bool | None = Field(
        default=None,
        description="Restriction substantielle et durable d'accès à l'emploi reconnue par la "
        "CDAPH (AAH à 50-79 %)",
    )
    aah_before_october_2023: bool | None = Field(
        default=None,
        description="AAH perçue sans interruption depuis avant le 1er octobre 2023 (calcul "
        "conjugalisé maintenu s'il est plus favorable)",
    )
    unfit_for_work: bool | None = Field(
        default=None,
        description="Inaptitude au travail reconnue par la caisse de retraite (ASPA dès l'âge "
        "légal de retraite)",
    )
    observations: Observations = Field(
        default=Observations(),
        description="Observations du travailleur social concernant cette personne",
    )

    @model_validator(mode="after")
    def _age_matches_birth_date(self) -> Person:
        if self.birth_date is not None and self.birth_date > dt.date.today():
            raise ValueError(f"birth_date {self.birth_date.isoformat()} is in the future")
        return self


class Housing(_Strict):
    status: HousingStatus | None = None
    rent: Euros | None = Field(default=None, description="Loyer mensuel hors charges, €/mois")
    housing_aid: Euros | None = Field(
        default=None, description="Aide au logement perçue (APL, ALF, ALS), €/mois ; 0 si aucune"
    )
    contributes_to_costs: bool | None = Field(
        default=None, description="Hébergé : participe aux frais du logement"
    )
    furnished: bool | None = Field(
        default=None,
        description="Locataire : logement loué meublé (loyer retenu pour les deux tiers) ; absent "
        "= non meublé",
    )
    room: bool | None = Field(
        default=None,
        description="Locataire : le logement est une chambre (loyer plafond réduit) ; absent = non",
    )
    flatshare: bool | None = Field(
        default=None,
        description="Locataire : colocation (loyer plafond et forfait charges de colocataire) ; "
        "absent = non",
    )
    zone: Literal["1", "2", "3"] | None = Field(
        default=None,
        description="Zone des aides au logement (1, 2 ou 3) ; déduite de la commune quand elle "
        "est donnée",
    )
    rent_arrears: Euros | None = Field(
        default=None, description="Impayés de loyer et de charges dus au bailleur, € ; 0 si aucun"
    )
    arrears_months: Annotated[int, Field(ge=0, le=240)] | None = Field(
        default=None, description="Nombre de mois de loyer impayés"
    )
    eviction_stage: EvictionStage | None = Field(
        default=None,
        description="Dernière étape de la procédure d'expulsion : none (aucune), "
        "commandement_de_payer, "
        "assignation (au tribunal), jugement (expulsion prononcée), commandement_de_quitter (les "
        "lieux)",
    )


class Energy(_Strict):
    unpaid_bills: Euros | None = Field(
        default=None, description="Montant dû au fournisseur d'énergie, € ; 0 si aucun impayé"
    )
    supplier_notice: SupplierNotice | None = Field(
        default=None,
        description="Dernier courrier du fournisseur : none (aucun), reminder (relance, 1er "
        "courrier), "
        "reduction (avis de réduction de puissance), cut (avis de coupure ou de suspension)",
    )


class Debts(_Strict):
    total: Euros | None = Field(default=None, description="Total des dettes, €")
    monthly_repayments: Euros | None = Field(
        default=None, description="Remboursements mensuels, €/mois"
    )


class AlimonyStatus(StrEnum):
    """The child support owed by the other parent (CSS L523-1, L581-2)."""

    none = "none"
    paid = "paid"
    unpaid = "unpaid"
    partially_paid = "partially_paid"


class Alimony(_Strict):
    """Pension alimentaire owed for the children by the other parent (soutien familial).

    The amount actually received stays in ``people[].incomes.alimony``.
    """

    status: AlimonyStatus | None = Field(
        default=None,
        description="Pension alimentaire pour les enfants : none (aucune pension fixée par un "
        "jugement, une convention homologuée ou un acte, et l'autre parent ne contribue pas), "
        "paid (fixée et payée intégralement), unpaid (fixée et impayée depuis au moins un mois), "
        "partially_paid (fixée et payée en partie ; la somme reçue est dans incomes.alimony)",
    )
    amount_fixed: Euros | None = Field(
        default=None,
        description="Montant mensuel de la pension fixée pour l'ensemble des enfants, €/mois",
    )


class Household(_Strict):
    commune: str | None = Field(
        default=None, description="Code INSEE de la commune (2A/2B pour la Corse)"
    )
    housing: Housing = Housing()
    energy: Energy = Energy()
    fiscal_reference_income: Euros | None = Field(
        default=None, description="Revenu fiscal de référence du dernier avis d'imposition, €/an"
    )
    debts: Debts = Debts()
    family_benefits: Euros | None = Field(
        default=None,
        description="Prestations familiales perçues (allocations familiales…), €/mois ; 0 si "
        "aucune",
    )
    single_parent_since: MonthField | None = Field(
        default=None, description="Parent seul : mois de la séparation ou du décès du conjoint"
    )
    alimony: Alimony = Field(
        default_factory=Alimony,
        description="Parent seul : pension alimentaire due pour les enfants par l'autre parent",
    )
    benefits_received: list[Benefit] | None = Field(
        default=None, description="Prestations déjà perçues par le foyer ([] si aucune)"
    )
    observations: Observations = Field(
        default=Observations(), description="Observations du travailleur social concernant le foyer"
    )

    @field_validator("commune")
    @classmethod
    def _known_commune(cls, value: str | None) -> str | None:
        return None if value is None else commune_code(value)


class Separation(_Strict):
    """The couple separates: the partner leaves the household (and their incomes with them)."""

    since: MonthField | None = Field(
        default=None, description="Mois de la séparation, YYYY-MM (défaut : mois évalué)"
    )


class NewJob(_Strict):
    """A person starts a job: employed, with this net monthly salary as their salary."""

    person: str | None = Field(
        default=None, description="Identifiant de la personne (défaut : le demandeur)"
    )
    salary: Euros = Field(description="Salaire net mensuel du nouvel emploi, €/mois")


class Birth(_Strict):
    """A child is born into the household."""

    id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")] = Field(
        default="naissance", description="Identifiant de l'enfant à naître"
    )
    birth_date: dt.date | None = Field(
        default=None, description="Date de naissance, YYYY-MM-DD (défaut : 1er jour du mois évalué)"
    )


class Move(_Strict):
    """The household moves to another commune (and possibly another housing)."""

    commune: str = Field(description="Code INSEE de la nouvelle commune")
    status: HousingStatus | None = Field(
        default=None, description="Nouveau statut d'occupation (défaut : inchangé)"
    )
    rent: Euros | None = Field(
        default=None, description="Nouveau loyer mensuel hors charges, €/mois (défaut : inchangé)"
    )

    @field_validator("commune")
    @classmethod
    def _known_commune(cls, value: str) -> str:
        return commune_code(value)


class Change(_Strict):
    """One change of a what-if variant: exactly one of its keys."""

    separation: Separation | None = Field(default=None, description="Séparation du couple")
    new_job: NewJob | None = Field(default=None, description="Nouvel emploi, avec son salaire")
    birth: Birth | None = Field(default=None, description="Naissance d'un enfant")
    move: Move | None = Field(default=None, description="Déménagement dans une autre commune")
    period: MonthField | None = Field(default=None, description="Autre mois évalué, YYYY-MM")

    @model_validator(mode="after")
    def _exactly_one(self) -> Change:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            keys = ", ".join(type(self).model_fields)
            raise ValueError(f"expected exactly one of {keys}, got {len(given)}")
        return self


class WhatIf(_Strict):
    """A named variant of the situation: the report says what it would change."""

    name: Annotated[str, Field(min_length=1, max_length=80)] = Field(
        description="Nom de la variante, en clair (« Si elle reprend un emploi »)"
    )
    changes: Annotated[list[Change], Field(min_length=1, max_length=10)]


class Situation(_Strict):
    """A household at a first meeting. Everything but ``schema`` and ``people`` may be absent."""

    schema_version: Literal[1] = Field(
        default=1, alias="schema", description="Version du format : 1"
    )
    id: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")] | None = Field(
        default=None, description="Libellé pseudonyme libre"
    )
    period: MonthField | None = Field(
        default=None, description="Mois évalué, YYYY-MM (défaut : mois courant)"
    )
    household: Household = Household()
    people: Annotated[list[Person], Field(min_length=1, max_length=20)]
    what_if: Annotated[list[WhatIf], Field(max_length=10)] = Field(
        default=[],
        description="Variantes « et si… » : séparation, nouvel emploi, naissance, déménagement, "
        "autre mois ; le rapport dit ce que chacune change",
    )

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _consistent_people(self) -> Situation:
        ids = [p.id for p in self.people]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"person id {duplicates[0]!r} is used twice")
        applicants = [p for p in self.people if p.role is Role.applicant]
        if len(applicants) != 1:
            raise ValueError(
                f"expected exactly one person with role applicant, got {len(applicants)}"
            )
        if sum(p.role is Role.partner for p in self.people) > 1:
            raise ValueError("expected at most one person with role partner")
        reference = self.reference_month.first_day
        parents = [p for p in self.people if p.role in (Role.applicant, Role.partner)]
        for index, person in enumerate(self.people):
            if person.role is not Role.child:
                continue
            child_age = age_at(person, reference)
            for parent in parents:
                parent_age = age_at(parent, reference)
                if child_age is not None and parent_age is not None and child_age >= parent_age:
                    raise ValueError(
                        f"people[{index}] ({person.id}) is a child but is not younger than "
                        f"{parent.id}"
                    )
        self._check_what_if()
        return self

    def _check_what_if(self) -> None:
        """A change must concern the household as it is: a partner to separate from, a person
        who exists."""
        ids = {p.id for p in self.people}
        has_partner = any(p.role is Role.partner for p in self.people)
        for v, variant in enumerate(self.what_if):
            for c, change in enumerate(variant.changes):
                where = f"what_if[{v}].changes[{c}]"
                if change.separation is not None and not has_partner:
                    raise ValueError(f"{where}.separation: no partner in the household")
                job = change.new_job
                if job is not None and job.person is not None and job.person not in ids:
                    raise ValueError(f"{where}.new_job.person: no person with this id")
                if change.birth is not None and change.birth.id in ids:
                    raise ValueError(f"{where}.birth.id: already the id of a person")

    @property
    def reference_month(self) -> Month:
        if self.period is not None:
            return Month(self.period)
        today = dt.date.today()
        return Month(f"{today.year:04d}-{today.month:02d}")

    @property
    def applicant(self) -> Person:
        return next(p for p in self.people if p.role is Role.applicant)


def age_at(person: Person, day: dt.date) -> int | None:
    """Age in whole years on ``day``, from the birth date or else the stated age."""
    if person.birth_date is not None:
        born = person.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return person.age
