"""The situation: the input contract (schema 1) described in DESIGN.md.

English keys, euros, months as ``YYYY-MM``. **A field that is absent is unknown, not zero**:
every fact is optional and the engine says which missing facts matter. One exception, for
convenience at the desk: inside an ``incomes`` block that is given, an income type left out is
0 (the worker listed the person's incomes); leaving out the whole block keeps them unknown.
"""

import calendar
import datetime as dt
import functools
import math
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from rights_engine.situation.absent import COMPUTED_WHEN_ABSENT, NOTHING_SPECIAL_WHEN_ABSENT
from rights_engine.situation.communes import commune_code
from rights_engine.situation.errors import InputProblem, PeriodError

__all__ = [
    "MAX_AGE",
    "MAX_AMOUNT",
    "MIN_ADULT_AGE",
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
    "UnemploymentBenefit",
    "WhatIf",
    "age_at",
    "date_problems",
]

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class Month(str):
    """A calendar month written ``YYYY-MM``."""

    @classmethod
    def parse(cls, value: object) -> "Month":
        """The month written ``YYYY-MM``; :class:`PeriodError` (an ``InputError``) otherwise."""
        if isinstance(value, dt.date):
            return cls(f"{value.year:04d}-{value.month:02d}")
        if not isinstance(value, str) or not _MONTH.match(value.strip()):
            problem = InputProblem("period", None, None, "expected a month YYYY-MM (e.g. 2026-11)")
            raise PeriodError([problem])
        return cls(value.strip())

    @property
    def last_day(self) -> dt.date:
        return _last_day(self)

    @property
    def first_day(self) -> dt.date:
        return _first_day(self)


@functools.lru_cache(maxsize=1024)
def _first_day(month: str) -> dt.date:
    """The first day of a month ``YYYY-MM`` (read for every person of every completion row)."""
    year, number = month.split("-")
    return dt.date(int(year), int(number), 1)


@functools.lru_cache(maxsize=1024)
def _last_day(month: str) -> dt.date:
    """The last day of a month ``YYYY-MM`` (read for every situation validated)."""
    first = _first_day(month)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


MonthField = Annotated[str, Field(pattern=_MONTH.pattern, examples=["2026-11"])]

MAX_AMOUNT = 10_000_000
"""The largest amount a situation may hold, in euros (a month's income, a rent, a debt, a year's
fiscal income): far above any household met at a social service, far below the range where the
engine's float32 arithmetic loses meaning (about 3e38)."""
MAX_AGE = 120
"""The oldest age a person may have in the evaluated month (the record in France is 122)."""
MIN_ADULT_AGE = 16
"""The youngest applicant or partner: a minor may be emancipated from 16 (Code civil art. 413-2);
a younger person is a child of the household."""


_PLAIN_NUMBERS = frozenset({int, float})
"""The types of a number read from JSON or YAML (a bool's type is ``bool``, not ``int``)."""


def _a_number(value: Any) -> Any:
    """``true``/``false`` are not numbers (pydantic would read them as 1 and 0)."""
    # Most values are a plain int or float that is not NaN (NaN differs from itself): passed
    # without the checks below, which would pass it too.
    if type(value) in _PLAIN_NUMBERS and value == value:
        return value
    return _a_number_checked(value)


def _a_number_checked(value: Any) -> Any:
    """:func:`_a_number` without its shortcut."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got true or false")
    if isinstance(value, float) and math.isnan(value):
        raise ValueError("expected a number, got NaN (not a number)")
    return value


def _an_amount(value: Any) -> Any:
    """A number, and at most :data:`MAX_AMOUNT` euros (an infinite one neither)."""
    # A plain int or float up to MAX_AMOUNT passes the checks below (NaN fails ``<=``).
    if type(value) in _PLAIN_NUMBERS and value <= MAX_AMOUNT:
        return value
    return _an_amount_checked(value)


def _an_amount_checked(value: Any) -> Any:
    """:func:`_an_amount` without its shortcut."""
    value = _a_number_checked(value)
    if isinstance(value, int | float) and value > MAX_AMOUNT:
        raise ValueError(f"expected an amount of at most {MAX_AMOUNT:,} €".replace(",", " "))
    return value


def _version_one(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected 1 (the version of the format)")
    return value


Euros = Annotated[
    float,
    Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False),
    BeforeValidator(_an_amount),
]
"""An amount in euros: a number (not true/false), finite, from 0 to :data:`MAX_AMOUNT`.

The bounds come before the validator: pydantic then checks them in its core (not in Python, for
every amount of every line of a batch) and the JSON Schema states them as ``minimum`` and
``maximum`` (placed after, they would read ``ge`` and ``le``, which JSON Schema ignores)."""


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_enum_values=False, allow_inf_nan=False
    )


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


class UnemploymentBenefit(StrEnum):
    """Which allowance an unemployed person's ``incomes.unemployment`` is."""

    are = "are"
    ass = "ass"


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
    age: Annotated[int, Field(ge=0, le=MAX_AGE), BeforeValidator(_a_number)] | None = Field(
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
    unemployed_since: MonthField | None = Field(
        default=None,
        description="Au chômage (activity: unemployed) : mois du début du chômage total ; après "
        "deux mois, les aides au logement abattent de 30 % les revenus d'activité (chômage "
        "indemnisé par l'ARE) ou ne comptent plus les revenus d'activité ni de chômage (chômage "
        "non indemnisé ou ASS)",
    )
    unemployment_benefit: UnemploymentBenefit | None = Field(
        default=None,
        description="Au chômage avec une allocation (incomes.unemployment) : are (allocation "
        "d'aide au retour à l'emploi, assurance chômage) ou ass (allocation de solidarité "
        "spécifique)",
    )
    hours_worked_last_3_years: (
        Annotated[float, Field(ge=0, le=30000), BeforeValidator(_a_number)] | None
    ) = Field(
        default=None, description="Heures travaillées sur les 3 dernières années (RSA jeune actif)"
    )
    higher_education_grant: bool | None = Field(
        default=None,
        description=(
            "Étudiant·e boursier·e de l'enseignement supérieur (bourse sur critères sociaux) : "
            "le forfait de ressources étudiant des aides au logement est minoré"
        ),
    )
    pregnant: bool | None = None
    disability_rate: Annotated[float, Field(ge=0, le=100), BeforeValidator(_a_number)] | None = (
        Field(default=None, description="Taux d'incapacité reconnu par la MDPH, en %")
    )
    gir: Annotated[int, Field(ge=1, le=6), BeforeValidator(_a_number)] | None = Field(
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
    arrears_months: Annotated[int, Field(ge=0, le=240), BeforeValidator(_a_number)] | None = Field(
        default=None, description="Nombre de mois de loyer impayés"
    )
    eviction_stage: EvictionStage | None = Field(
        default=None,
        description="Dernière étape de la procédure d'expulsion : none (aucune), "
        "commandement_de_payer, "
        "assignation (au tribunal), jugement (expulsion prononcée), commandement_de_quitter (les "
        "lieux)",
    )
    commandement_de_payer_date: dt.date | None = Field(
        default=None,
        description="Date du commandement de payer reçu, YYYY-MM-DD : le report en déduit la fin "
        "du délai pour payer ou obtenir un plan ; absent = date inconnue",
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
    supply_cut: bool | None = Field(
        default=None,
        description="L'électricité ou le gaz est déjà coupé au logement (pas seulement annoncé) ; "
        "absent = non",
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
    def _exactly_one(self) -> "Change":
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

    schema_version: Annotated[Literal[1], BeforeValidator(_version_one)] = Field(
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

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        allow_inf_nan=False,
        # The only fields whose absence is not "unknown" (see situation/absent.py).
        json_schema_extra={
            "x-nothing-special-when-absent": {
                field: {"meaning": meaning, "asked_when": trigger}
                for field, (meaning, trigger) in NOTHING_SPECIAL_WHEN_ABSENT.items()
            },
            "x-computed-when-absent": dict(COMPUTED_WHEN_ABSENT),
        },
    )

    @model_validator(mode="after")
    def _consistent_people(self) -> "Situation":
        """Every rule on the people and dates that fails, one per line (each is reported)."""
        problems = _people_problems(self.people)
        problems += date_problems(self, self.reference_month)
        if problems:
            raise ValueError("\n".join(problems))
        if self.what_if:
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


_APPLICANT_OR_PARTNER = (Role.applicant, Role.partner)


def _people_problems(people: list[Person]) -> list[str]:
    """The rules on the people that fail: an id used twice, not one applicant, two partners.
    Each message is built only when its rule fails (this runs for every household read)."""
    problems: list[str] = []
    if len({p.id for p in people}) != len(people):
        first_with: dict[str, int] = {}
        for index, person in enumerate(people):
            first = first_with.setdefault(person.id, index)
            if first != index:
                problems.append(f"people[{index}].id: already the id of people[{first}]")
    roles = [p.role for p in people]
    applicants = roles.count(Role.applicant)
    if applicants != 1:
        problems.append(f"expected exactly one person with role applicant, got {applicants}")
    if roles.count(Role.partner) > 1:
        problems.append("expected at most one person with role partner")
    return problems


def age_at(person: Person, day: dt.date) -> int | None:
    """Age in whole years on ``day``, from the birth date or else the stated age."""
    if person.birth_date is not None:
        born = person.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return person.age


def date_problems(situation: Situation, month: Month) -> list[str]:
    """The dates of ``situation`` that cannot be true in the evaluated ``month``, each as a
    message naming its field first (``people[1].birth_date: …``).

    Checked again when a month other than the situation's own is evaluated (``--period``).
    This runs for every household read: each age is computed once, and a message is built only
    when its rule fails.
    """
    problems: list[str] = []
    first_day, last_day = month.first_day, month.last_day
    people = situation.people
    ages = [age_at(person, first_day) for person in people]
    for index, (person, age) in enumerate(zip(people, ages, strict=True)):
        born = person.birth_date
        if born is not None and born > last_day:
            problems.append(
                f"people[{index}].birth_date: after the evaluated month {month}; a child "
                "expected is not a person of the household yet: write pregnant: true on the "
                "mother"
            )
        if born is not None and age is not None and age > MAX_AGE:
            problems.append(
                f"people[{index}].birth_date: expected a person of at most {MAX_AGE} years in "
                f"the evaluated month {month}"
            )
        for name, since in (
            ("residence_permit_since", person.residence_permit_since),
            ("in_france_since", person.in_france_since),
        ):
            if since is not None and since > month:
                problems.append(
                    f"people[{index}].{name}: expected a month up to the evaluated month {month}"
                )
        if person.role in _APPLICANT_OR_PARTNER and age is not None and 0 <= age < MIN_ADULT_AGE:
            problems.append(
                f"people[{index}]: the {person.role.value} is under {MIN_ADULT_AGE} in {month}; "
                "expected the adult who asks as applicant, and children with role child"
            )
    since = situation.household.single_parent_since
    if since is not None and since > month:
        problems.append(
            f"household.single_parent_since: expected a month up to the evaluated month {month}"
        )
    parents = [
        (index, person, age)
        for index, (person, age) in enumerate(zip(people, ages, strict=True))
        if person.role in _APPLICANT_OR_PARTNER
    ]
    for index, (person, child_age) in enumerate(zip(people, ages, strict=True)):
        if person.role is not Role.child or child_age is None:
            continue
        for parent_index, parent, parent_age in parents:
            if parent_age is not None and child_age >= parent_age:
                problems.append(
                    f"people[{index}]: a child must be younger than the {parent.role.value} "
                    f"(people[{parent_index}])"
                )
    return problems
