"""Generated households, written both as our situation and as OpenFisca-France inputs.

A :class:`Household` holds the facts a generator draws; :func:`to_situation` writes it in our
input contract and :func:`to_openfisca_france` adds it to an OpenFisca-France entities dict, so
that one ``oracle.compute`` call evaluates every household at once. Other benefits that
OpenFisca-France would compute on its own and count in the resources of the benefit under test
are neutralised as inputs (``NEUTRALISED``), matching facts our situation states as known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rights_engine.situation.models import Situation

__all__ = [
    "Household",
    "Member",
    "empty_entities",
    "month_offset",
    "to_openfisca_france",
    "to_situation",
]

HOUSING_TO_OPENFISCA_FRANCE = {
    "tenant": "locataire_vide",
    "social_tenant": "locataire_hlm",
    "owner": "proprietaire",
    "owner_with_loan": "primo_accedant",
    "hosted_free": "loge_gratuitement",
    "homeless": "sans_domicile",
    "shelter": "locataire_foyer",
}
INCOME_TO_OPENFISCA_FRANCE = {
    "salary": "salaire_net",
    "pension": "retraite_nette",
    "unemployment": "chomage_net",
    "disability_pension": "pensions_invalidite",
    "alimony": "pensions_alimentaires_percues",
}
# Benefits OpenFisca-France computes by itself and counts in the RSA (or other) resources; our
# situations state them (0) as known facts. Famille variables on the month, individu variables on
# the months of the reference quarter.
NEUTRALISED_FAMILLE = (
    "aspa",
    "af",
    "cf",
    "asf",
    "paje_base",
    "paje_clca",
    "paje_colca",
    "paje_prepare",
)
NEUTRALISED_INDIVIDU = ("aah", "asi", "ass", "caah")
NATIONALITY_CODE = {"french": "FR", "eu": "DE", "other": "MA"}


def month_offset(month: str, offset: int) -> str:
    year, number = (int(x) for x in month.split("-"))
    index = year * 12 + number - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass
class Member:
    role: str  # applicant | partner | child
    birth_date: dt.date
    nationality: str = "french"
    years_in_france_or_permit: float = 20.0
    student: bool = False
    pregnant: bool = False
    incomes: dict[str, float] = field(default_factory=dict)


@dataclass
class Household:
    members: list[Member]
    housing: str = "hosted_free"
    housing_aid: float = 0.0
    contributes_to_costs: bool = False
    single_parent_months: int | None = None  # months since the parent became alone
    rent: float = 0.0
    commune: str = "24037"


def to_situation(household: Household, month: str, label: str) -> Situation:
    people = []
    for number, member in enumerate(household.members):
        person: dict[str, Any] = {
            "id": f"p{number}",
            "role": member.role,
            "birth_date": member.birth_date.isoformat(),
        }
        if member.role != "child":
            person.update(
                nationality=member.nationality,
                activity="student" if member.student else "unemployed",
                pregnant=member.pregnant,
                incomes=dict(member.incomes),
                hours_worked_last_3_years=0,
            )
            since = month_offset(month, -round(member.years_in_france_or_permit * 12))
            if member.nationality == "other":
                person.update(
                    has_residence_permit=True, residence_permit_since=since, protected_status=False
                )
            elif member.nationality == "eu":
                person.update(in_france_since=since)
        people.append(person)
    household_data: dict[str, Any] = {
        "commune": household.commune,
        "housing": {
            "status": household.housing,
            "housing_aid": household.housing_aid,
            "contributes_to_costs": household.contributes_to_costs,
            "rent": household.rent,
        },
        "family_benefits": 0,
        "benefits_received": [],
    }
    if household.single_parent_months is not None:
        household_data["single_parent_since"] = month_offset(month, -household.single_parent_months)
    return Situation.model_validate(
        {"schema": 1, "id": label, "period": month, "household": household_data, "people": people}
    )


def to_openfisca_france(
    household: Household, month: str, label: str, entities: dict[str, dict]
) -> None:
    """Add the household to ``entities`` (individus, familles, foyers_fiscaux, menages)."""
    months = [month_offset(month, -k) for k in (3, 2, 1, 0)]
    ids = [f"{label}_{n}" for n in range(len(household.members))]
    parents = [i for i, m in zip(ids, household.members, strict=True) if m.role != "child"]
    children = [i for i, m in zip(ids, household.members, strict=True) if m.role == "child"]
    for person_id, member in zip(ids, household.members, strict=True):
        person: dict[str, Any] = {"date_naissance": {"ETERNITY": member.birth_date.isoformat()}}
        if member.role != "child":
            person["nationalite"] = {month: NATIONALITY_CODE[member.nationality]}
            person["duree_possession_titre_sejour"] = {month: member.years_in_france_or_permit}
            person["etudiant"] = {month: member.student}
            person["enceinte"] = {month: member.pregnant}
            for key, variable in INCOME_TO_OPENFISCA_FRANCE.items():
                person[variable] = {m: member.incomes.get(key, 0.0) for m in months}
        for variable in NEUTRALISED_INDIVIDU:
            person[variable] = {m: 0.0 for m in months}
        entities["individus"][person_id] = person
    famille: dict[str, Any] = {
        "parents": parents,
        "enfants": children,
        "aide_logement": {month: household.housing_aid},
        "rsa_isolement_recent": {
            month: household.single_parent_months is not None
            and household.single_parent_months < 12
        },
    }
    for variable in NEUTRALISED_FAMILLE:
        famille[variable] = {month: 0.0}
    entities["familles"][label] = famille
    entities["foyers_fiscaux"][label] = {"declarants": parents, "personnes_a_charge": children}
    menage: dict[str, Any] = {
        "personne_de_reference": parents[:1],
        "enfants": children,
        "statut_occupation_logement": {month: HOUSING_TO_OPENFISCA_FRANCE[household.housing]},
        "participation_frais": {month: household.contributes_to_costs},
        "loyer": {month: household.rent},
        "depcom": {month: household.commune},
    }
    if len(parents) > 1:
        menage["conjoint"] = parents[1:]
    entities["menages"][label] = menage


def empty_entities() -> dict[str, dict]:
    return {"individus": {}, "familles": {}, "foyers_fiscaux": {}, "menages": {}}
