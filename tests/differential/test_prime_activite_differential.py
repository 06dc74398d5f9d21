"""Differential test of the prime d'activité against OpenFisca-France 176.1.8 (``ppa``).

A seeded generator draws households (single or couple, 0–3 children, salaries around the
minimum wage, other incomes, housing status and housing aid, nationality and residence permit,
students, lone parents) at two months whose reference quarter has one barème only: 2025-11
(quarter Aug–Oct 2025: pente 59,85 %, bonification max 29,101 % at 120 × SMIC h 11,88) and
2026-11 (quarter Aug–Oct 2026: bonification max 37,7 % at 138 × SMIC h 12,31). Each household is
written both as our ``Situation`` and as OpenFisca-France entities; all of them go to the oracle in
ONE call. Agreement within 1 € must reach 98 % or the test FAILS.

Family benefits: our engine takes the declared ``family_benefits`` (0 here); OpenFisca-France's
``ppa_base_ressources_prestations_familiales`` is given as 0 so that both sides count the same
resources (family benefits are compared in their own differential test).

Known disagreement classes (counted, printed, and each one explained):

* ``enfant_3_ans_dans_le_trimestre`` — a lone parent whose youngest child turns 3 during the
  reference quarter or the evaluated month. OpenFisca-France averages ``ppa_fictive`` over the 3
  months M-3..M-1, each with the household of that month (majoration still due while the child
  is under 3); our engine applies the majoration as it stands in the month of right M (CSS L842-7,
  with the duration of CASF L262-9 / R262-2: until the youngest child is 3). The right for month M
  is computed on the family situation of month M, the quarter only supplies the resources (CSS
  L842-4); we follow that reading.
* OpenFisca-France checks the nationality / residence-permit condition on any member of the
  famille, children included (see ``to_openfisca_france``); CSS L842-2, 2° sets it on the claimant
  and partner. Children are given their parents' nationality so that the two agree.
* ``majeur_dans_le_trimestre`` — a parent who turns 18 during the quarter (age condition, L842-2,
  assessed on the month of right in our engine; per month of the quarter in OpenFisca-France).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import oracle
from agreement import UNEXPLAINED, Tally, our_values
from households import (
    HOUSING_TO_OPENFISCA_FRANCE,
    NATIONALITY_CODE,
    add_family,
    draw_by_period,
    individu,
    month_offset,
    months_up_to,
)

from rights_engine.situation.models import Month, Situation

SEED = 20261122
HOUSEHOLDS_PER_PERIOD = 200
PERIODS = ("2025-11", "2026-11")
TOLERANCE_EUR = 1.0
REQUIRED_AGREEMENT = 0.98


def _birth(rng: random.Random, first: dt.date, age_years: int) -> dt.date:
    day_offset = rng.randrange(365)
    return dt.date(first.year - age_years, first.month, 1) - dt.timedelta(days=day_offset)


def _salary(rng: random.Random) -> float:
    kind = rng.random()
    if kind < 0.15:
        return 0.0
    if kind < 0.55:
        return round(rng.uniform(300, 1500), 2)
    if kind < 0.9:
        return round(rng.uniform(1500, 2600), 2)
    return round(rng.uniform(2600, 4000), 2)


def generate(period: str, rng: random.Random, prefix: str) -> list[dict[str, Any]]:
    """Households as plain dicts (people, housing), shared by both conversions."""
    first = Month(period).first_day
    households = []
    for n in range(HOUSEHOLDS_PER_PERIOD):
        couple = rng.random() < 0.45
        nb_children = rng.choice([0, 0, 1, 1, 2, 3])
        nationality = rng.choices(["french", "eu", "other"], weights=[70, 10, 20])[0]
        people = []
        applicant = {
            "id": f"{prefix}{n}_a",
            "role": "applicant",
            "birth_date": _birth(rng, first, rng.randint(18, 62)),
            "nationality": nationality,
            "activity": "student" if rng.random() < 0.08 else "employed",
            "salary": _salary(rng),
            "unemployment": rng.choice([0.0, 0.0, 0.0, round(rng.uniform(200, 900), 2)]),
            "pension": rng.choice([0.0] * 9 + [round(rng.uniform(100, 700), 2)]),
            "alimony": 0.0,
            "permit_years": rng.randint(0, 10),
        }
        people.append(applicant)
        if couple:
            people.append(
                {
                    "id": f"{prefix}{n}_c",
                    "role": "partner",
                    "birth_date": _birth(rng, first, rng.randint(19, 62)),
                    "nationality": nationality,
                    "activity": "employed",
                    "salary": _salary(rng) if rng.random() < 0.6 else 0.0,
                    "unemployment": 0.0,
                    "pension": 0.0,
                    "alimony": 0.0,
                    "permit_years": applicant["permit_years"],
                }
            )
        youngest_parent = min((first - p["birth_date"]).days // 366 for p in people)
        for k in range(nb_children):
            age = rng.randint(0, max(0, min(17, youngest_parent - 16)))
            people.append(
                {
                    "id": f"{prefix}{n}_e{k}",
                    "role": "child",
                    "birth_date": _birth(rng, first, age)
                    if age > 0
                    else first - dt.timedelta(days=rng.randint(30, 330)),
                }
            )
        if not couple and nb_children and rng.random() < 0.3:
            applicant["alimony"] = round(rng.uniform(50, 400), 2)
        status = rng.choices(["tenant", "hosted_free", "owner"], weights=[70, 15, 15])[0]
        housing_aid = (
            round(rng.uniform(50, 450), 2) if status == "tenant" and rng.random() < 0.5 else 0.0
        )
        lone_recent = (not couple) and nb_children > 0 and rng.random() < 0.3
        households.append(
            {
                "id": f"{prefix}{n}",
                "people": people,
                "status": status,
                "housing_aid": housing_aid,
                "single_parent_since": f"{first.year - 1 if first.month <= 6 else first.year}-"
                f"{(first.month - 6 - 1) % 12 + 1:02d}"
                if lone_recent
                else "2000-01",
                "lone_recent": lone_recent,
            }
        )
    return households


def to_situation(household: dict[str, Any], period: str) -> Situation:
    people = []
    for p in household["people"]:
        person: dict[str, Any] = {
            "id": p["id"],
            "role": p["role"],
            "birth_date": p["birth_date"].isoformat(),
        }
        if p["role"] != "child":
            person.update(
                {
                    "nationality": p["nationality"],
                    "activity": p["activity"],
                    "incomes": {
                        "salary": p["salary"],
                        "unemployment": p["unemployment"],
                        "pension": p["pension"],
                        "alimony": p["alimony"],
                    },
                    "hours_worked_last_3_years": 0,
                    "pregnant": False,
                }
            )
            if p["nationality"] == "other":
                person.update(
                    {
                        "has_residence_permit": True,
                        "protected_status": False,
                        "residence_permit_since": month_offset(period, -12 * p["permit_years"]),
                    }
                )
            if p["nationality"] == "eu":
                person["in_france_since"] = "2010-01"
        else:
            person.update({"incomes": {}, "nationality": "french"})
        people.append(person)
    data = {
        "schema": 1,
        "id": household["id"],
        "period": period,
        "household": {
            "housing": {
                "status": household["status"],
                "housing_aid": household["housing_aid"],
                "contributes_to_costs": False,
                "rent": 0,
            },
            "family_benefits": 0,
            "single_parent_since": household["single_parent_since"],
            "benefits_received": [],
        },
        "people": people,
    }
    return Situation.model_validate(data)


def to_openfisca_france(
    households: list[dict[str, Any]], period: str, entities: dict[str, dict[str, Any]]
) -> None:
    months = months_up_to(period, 3)

    def per_month(value: Any) -> dict[str, Any]:
        return {m: value for m in months}

    for h in households:
        parents = [p["id"] for p in h["people"] if p["role"] in ("applicant", "partner")]
        children = [p["id"] for p in h["people"] if p["role"] == "child"]
        for p in h["people"]:
            person = individu(p["birth_date"], aah=per_month(0), ass=per_month(0), asi=per_month(0))
            if p["role"] != "child":
                years = p["permit_years"] if p["nationality"] == "other" else 15
                person.update(
                    {
                        "nationalite": per_month(NATIONALITY_CODE[p["nationality"]]),
                        "duree_possession_titre_sejour": per_month(years),
                        "etudiant": per_month(p["activity"] == "student"),
                        "salaire_net": per_month(p["salary"]),
                        "chomage_net": per_month(p["unemployment"]),
                        "retraite_nette": per_month(p["pension"]),
                        "pensions_alimentaires_percues": per_month(p["alimony"]),
                    }
                )
            else:
                # A child has the parents' nationality: OpenFisca-France's ``ppa_eligibilite``
                # checks ``rsa_condition_nationalite`` on ANY member of the famille, children
                # included (their default is "FR"), whereas CSS L842-2, 2° sets the residence
                # condition on the claimant (and partner). With the default, every non-EU couple
                # with a child would pass the 5-year permit condition in OpenFisca-France.
                person["nationalite"] = per_month(NATIONALITY_CODE[h["people"][0]["nationality"]])
            entities["individus"][p["id"]] = person
        add_family(
            entities,
            h["id"],
            parents,
            children,
            famille={
                "aide_logement": per_month(h["housing_aid"]),
                "aspa": per_month(0),
                "rsa_isolement_recent": per_month(h["lone_recent"]),
                "ppa_base_ressources_prestations_familiales": per_month(0),
            },
            menage={
                "statut_occupation_logement": per_month(HOUSING_TO_OPENFISCA_FRANCE[h["status"]]),
                "participation_frais": per_month(False),
                "loyer": per_month(0),
            },
        )


def _explain(case: tuple[dict[str, Any], str], ours: float, theirs: float) -> str:
    """The class of a disagreement on the household and period of ``case`` (see the module's
    docstring), or ``inexpliqué``."""
    household, period = case
    first = Month(period).first_day
    quarter_start = Month(month_offset(period, -3)).first_day
    parents = [p for p in household["people"] if p["role"] != "child"]
    children = [p for p in household["people"] if p["role"] == "child"]
    for child in children:
        third = dt.date(child["birth_date"].year + 3, child["birth_date"].month, 1)
        if len(parents) == 1 and quarter_start <= third <= first + dt.timedelta(days=31):
            return "enfant_3_ans_dans_le_trimestre"
    for parent in parents:
        eighteen = dt.date(parent["birth_date"].year + 18, parent["birth_date"].month, 1)
        if quarter_start <= eighteen <= first + dt.timedelta(days=31):
            return "majeur_dans_le_trimestre"
    return UNEXPLAINED


def test_prime_activite_agrees_with_openfisca_france() -> None:
    rng = random.Random(SEED)
    entities, batches = draw_by_period(PERIODS, rng, generate, to_openfisca_france, "p")

    result = oracle.compute(entities, [{"variable": "ppa", "period": p} for p in PERIODS])

    tally = Tally("prime d'activité", TOLERANCE_EUR, classify=_explain)
    for period, households in batches.items():
        ours = our_values([to_situation(h, period) for h in households], period, "ppa")["ppa"]
        theirs = result.values("ppa", period)
        for h, value in zip(households, ours, strict=True):
            reference = float(theirs[h["id"]])
            tally.count(f"{h['id']} {period}", float(value), reference, (h, period))
    tally.report(tally.classes_text(), f"oracle {result.seconds:.1f} s")
    tally.assert_agreement(REQUIRED_AGREEMENT)
    tally.assert_all_explained()
