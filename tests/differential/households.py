"""Generated households, written both as our situation and as OpenFisca-France inputs.

A :class:`Household` holds the facts a generator draws; :func:`to_situation` writes it in our
input contract and :func:`to_openfisca_france` adds it to an OpenFisca-France entities dict, so
that one ``oracle.compute`` call evaluates every household at once. Other benefits that
OpenFisca-France would compute on its own and count in the resources of the benefit under test
are neutralised as inputs (``NEUTRALISED``), matching facts our situation states as known.

Tests with generators of their own share the smaller pieces: :func:`empty_entities`,
:func:`individu` and :func:`add_family` (a famille, its foyer fiscal and its ménage, with their
roles) for the OpenFisca-France side, :func:`family_situation` for a family whose fiscal reference
income is known, and :func:`born`, :func:`month_offset`, :func:`months_up_to` for dates.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rights_engine.situation.models import Situation

__all__ = [
    "HOUSING_TO_OPENFISCA_FRANCE",
    "INCOME_TO_OPENFISCA_FRANCE",
    "NATIONALITY_CODE",
    "NEUTRALISED_FAMILLE",
    "NEUTRALISED_INDIVIDU",
    "Household",
    "Member",
    "add_family",
    "born",
    "draw_by_period",
    "empty_entities",
    "family_situation",
    "individu",
    "month_offset",
    "months_up_to",
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

Drawn = TypeVar("Drawn")


def month_offset(month: str, offset: int) -> str:
    year, number = (int(x) for x in month.split("-"))
    index = year * 12 + number - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_up_to(month: str, before: int) -> list[str]:
    """The months M-``before`` .. M, oldest first."""
    return [month_offset(month, -k) for k in range(before, -1, -1)]


def born(rng: random.Random, month: str, age: int) -> dt.date:
    """A birth date drawn in the year before the person's ``age``-th birthday month (inclusive)."""
    year, number = (int(x) for x in month.split("-"))
    return dt.date(year - age - 1, number, 1) + dt.timedelta(days=rng.randint(1, 360))


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
                # OpenFisca-France's default (inapte_travail): the ASPA at 65 only.
                unfit_for_work=False,
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
    months = months_up_to(month, 3)
    ids = [f"{label}_{n}" for n in range(len(household.members))]
    parents = [i for i, m in zip(ids, household.members, strict=True) if m.role != "child"]
    children = [i for i, m in zip(ids, household.members, strict=True) if m.role == "child"]
    for person_id, member in zip(ids, household.members, strict=True):
        person = individu(member.birth_date)
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
        "aide_logement": {month: household.housing_aid},
        "rsa_isolement_recent": {
            month: household.single_parent_months is not None
            and household.single_parent_months < 12
        },
    }
    for variable in NEUTRALISED_FAMILLE:
        famille[variable] = {month: 0.0}
    add_family(
        entities,
        label,
        parents,
        children,
        famille=famille,
        menage={
            "statut_occupation_logement": {month: HOUSING_TO_OPENFISCA_FRANCE[household.housing]},
            "participation_frais": {month: household.contributes_to_costs},
            "loyer": {month: household.rent},
            "depcom": {month: household.commune},
        },
    )


def empty_entities() -> dict[str, dict]:
    return {"individus": {}, "familles": {}, "foyers_fiscaux": {}, "menages": {}}


def individu(birth_date: dt.date | str, **variables: Any) -> dict[str, Any]:
    """An OpenFisca-France individu born on ``birth_date`` (an ETERNITY input: ``age`` is computed
    from it for every month), with other inputs as given."""
    born_on = birth_date if isinstance(birth_date, str) else birth_date.isoformat()
    return {"date_naissance": {"ETERNITY": born_on}, **variables}


def add_family(
    entities: dict[str, dict],
    label: str,
    parents: Sequence[str],
    children: Sequence[str] = (),
    *,
    famille: dict[str, Any] | None = None,
    foyer_fiscal: dict[str, Any] | None = None,
    menage: dict[str, Any] | None = None,
) -> None:
    """Add, under ``label``, the famille, the foyer fiscal and the ménage of individus already in
    ``entities``: the first parent is the ménage's reference person and the other its
    conjoint, the children are dependants of all three; each entity gets the inputs given."""
    entities["familles"][label] = {
        "parents": list(parents),
        "enfants": list(children),
        **(famille or {}),
    }
    entities["foyers_fiscaux"][label] = {
        "declarants": list(parents),
        "personnes_a_charge": list(children),
        **(foyer_fiscal or {}),
    }
    entities["menages"][label] = {
        "personne_de_reference": list(parents[:1]),
        "conjoint": list(parents[1:]),
        "enfants": list(children),
        **(menage or {}),
    }


def family_situation(
    label: str,
    period: str,
    parents: Sequence[tuple[str, dt.date, dict[str, float]]],
    children: Sequence[tuple[str, dt.date]],
    fiscal_reference_income: float,
) -> Situation:
    """Our situation of a French family of employed parents (``(id, birth date, incomes)``, the
    first one the applicant) and children (``(id, birth date)``) whose fiscal reference income is
    known: tenants without rent nor housing aid, no family benefit declared, a lone parent for
    long."""
    people: list[dict[str, Any]] = [
        {
            "id": person_id,
            "role": "applicant" if number == 0 else "partner",
            "birth_date": birth_date.isoformat(),
            "nationality": "french",
            "activity": "employed",
            "incomes": incomes,
        }
        for number, (person_id, birth_date, incomes) in enumerate(parents)
    ]
    people += [
        {
            "id": person_id,
            "role": "child",
            "birth_date": birth_date.isoformat(),
            "nationality": "french",
            "incomes": {},
        }
        for person_id, birth_date in children
    ]
    return Situation.model_validate(
        {
            "schema": 1,
            "id": label,
            "period": period,
            "household": {
                "housing": {"status": "tenant", "housing_aid": 0, "rent": 0},
                "fiscal_reference_income": fiscal_reference_income,
                "family_benefits": 0,
                "single_parent_since": "2000-01",
                "benefits_received": [],
            },
            "people": people,
        }
    )


def draw_by_period(
    periods: Sequence[str],
    rng: random.Random,
    generate: Callable[[str, random.Random, str], list[Drawn]],
    write: Callable[[list[Drawn], str, dict[str, dict]], None],
    prefix: str,
) -> tuple[dict[str, dict], dict[str, list[Drawn]]]:
    """Each period's households drawn in turn from the one ``rng`` (``generate(period, rng,
    "<prefix><index>h")``) and all written by ``write`` into ONE entities dict, for one oracle
    call: ``(entities, {period: households})``."""
    entities = empty_entities()
    batches = {}
    for index, period in enumerate(periods):
        households = generate(period, rng, f"{prefix}{index}h")
        write(households, period, entities)
        batches[period] = households
    return entities, batches
