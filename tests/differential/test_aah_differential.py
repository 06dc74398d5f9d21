"""The AAH against OpenFisca-France 176.1.8 on generated households (issue 4's check).

Households: a disabled adult (rate 0.3 to 0.95, with or without RSDAE), alone or in a couple,
with 0 to 2 children, working or not, with a pension, an invalidity pension or alimony,
receiving a housing aid or not, on three months around the 1 April revaluations and the SMIC
changes. We compare the AAH plus the majoration pour la vie autonome (OpenFisca-France: ``aah``
+ ``caah``). All households go through ONE OpenFisca-France call and one call of our engine.

Kept beside ``test_whole_households.py`` for the edges a realistic generator does not reach: the
incapacity rates on each side of the thresholds (30 %, 49 %, 50 %, 79 %, 80 %), the RSDAE at
exactly 64 and workers earning around the abattement brackets.

How the same facts are written for OpenFisca-France (whose AAH resources follow the CAF's two
evaluations):
- a person who works is evaluated on the last quarter (``salaire_net`` on M-3..M, and
  ``salaire_imposable`` on M for ``en_activite``); one who does not, on the year N-2
  (``revenu_assimile_pension``, ``salaire_imposable`` of N-2): we write the same monthly amounts
  there, as the situation gives the current average (our documented hypothesis); the salary is
  steady over the last 12 months (``salaire_imposable``, read by the MVA condition);
- workers have no pension: OpenFisca-France then applies a 30 % "cessation d'activité"
  abattement on earnings (CSS R532-5 analogy, circulaire of 2011) that has no counterpart in the
  AAH articles (D821-9 lists 80 % / 40 % only); we do not generate that mix;
- the housing aid is a known fact of the situation: written as ``aide_logement_montant``;
- other benefits OpenFisca-France would compute by itself (ASI) are neutralised.

Known differences, excluded before measuring agreement and explained with the law:
- RSDAE at exactly the legal retirement age (64): CSS L821-2 closes the AAH at 50-79 % "à
  l'âge" of L161-17-2, i.e. from the 64th birthday; OpenFisca-France keeps it while
  ``age <= 64``. We follow the law.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from agreement import Tally, our_amounts
from households import add_family, born, empty_entities, individu, months_up_to
from oracle import compute_cached

from rights_engine.situation.models import Situation

SEED = 4_2026_11
HOUSEHOLDS = 360
TOLERANCE_EUR = 1.0
REQUIRED_AGREEMENT = 0.98
MONTHS = ("2025-06", "2026-03", "2026-11")


def draw(rng: random.Random, month: str) -> dict[str, Any]:
    age = rng.choice([rng.randint(18, 63), 64, rng.randint(65, 75)])
    rate = rng.choice([0.3, 0.49, 0.5, 0.65, 0.79, 0.8, 0.95])
    works = rng.random() < 0.4
    income_kind = (
        None if works else rng.choice([None, None, "pension", "disability_pension", "alimony"])
    )
    couple = rng.random() < 0.35
    return {
        "month": month,
        "birth": born(rng, month, age),
        "rate": rate,
        "rsdae": rng.random() < 0.6,
        "salary": rng.choice([150.0, 400.0, 560.0, 900.0, 1500.0, 2200.0]) if works else 0.0,
        "income_kind": income_kind,
        "income": rng.choice([200.0, 500.0, 900.0, 1300.0]) if income_kind else 0.0,
        "couple": couple,
        "partner_salary": rng.choice([0.0, 800.0, 1800.0, 3000.0]) if couple else 0.0,
        "before_2023": couple and rng.random() < 0.5,
        "children": [born(rng, month, rng.randint(2, 15)) for _ in range(rng.choice([0, 0, 1, 2]))],
        "housing_aid": rng.choice([0.0, 0.0, 180.0]),
    }


def to_situation(h: dict[str, Any], label: str) -> Situation:
    incomes = {"salary": h["salary"]}
    if h["income_kind"]:
        incomes[h["income_kind"]] = h["income"]
    people: list[dict[str, Any]] = [
        {
            "id": "demandeur",
            "role": "applicant",
            "birth_date": h["birth"].isoformat(),
            "nationality": "french",
            "activity": "employed" if h["salary"] else "inactive",
            "incomes": incomes,
            "hours_worked_last_3_years": 0,
            "disability_rate": h["rate"] * 100,
            "rsdae": h["rsdae"],
            "aah_before_october_2023": h["before_2023"],
            "unfit_for_work": False,
            "pregnant": False,
        }
    ]
    if h["couple"]:
        people.append(
            {
                "id": "conjoint",
                "role": "partner",
                "birth_date": "1980-01-01",
                "nationality": "french",
                "activity": "employed" if h["partner_salary"] else "inactive",
                "incomes": {"salary": h["partner_salary"]},
                "hours_worked_last_3_years": 0,
                "disability_rate": 0,
                "pregnant": False,
            }
        )
    people += [
        {"id": f"enfant{n}", "role": "child", "birth_date": b.isoformat()}
        for n, b in enumerate(h["children"])
    ]
    household = {
        "commune": "33063",
        "housing": {"status": "tenant", "rent": 400, "housing_aid": h["housing_aid"]},
        "family_benefits": 0,
        "benefits_received": [],
        "fiscal_reference_income": 0,
    }
    return Situation.model_validate(
        {"schema": 1, "id": label, "period": h["month"], "household": household, "people": people}
    )


def add_to_openfisca_france(h: dict[str, Any], label: str, entities: dict[str, dict]) -> None:
    month = h["month"]
    quarter = months_up_to(month, 3)
    year_n_2 = str(int(month[:4]) - 2)

    def person(
        birth: dt.date, salary: float, other: dict[str, float], rate: float, **extra: Any
    ) -> dict[str, Any]:
        data = individu(
            birth,
            taux_incapacite={month: rate},
            salaire_net={m: salary for m in quarter},
            # M for ``en_activite``, the 12 months before M for the MVA's "no activity income"
            # (``caah``), the year N-2 for the annual evaluation.
            salaire_imposable={
                **{m: salary for m in months_up_to(month, 12)},
                year_n_2: 12 * salary,
            },
            revenu_assimile_pension={year_n_2: 12 * sum(other.values())},
            asi={m: 0 for m in quarter},
            **extra,
        )
        for name, amount in other.items():
            data[name] = {m: amount for m in quarter}
        return data

    other = {}
    if h["income_kind"]:
        other[
            {
                "pension": "retraite_nette",
                "disability_pension": "pensions_invalidite",
                "alimony": "pensions_alimentaires_percues",
            }[h["income_kind"]]
        ] = h["income"]
    ids = [f"{label}_a"]
    entities["individus"][ids[0]] = person(
        h["birth"],
        h["salary"],
        other,
        h["rate"],
        aah_restriction_substantielle_durable_acces_emploi={month: h["rsdae"]},
        aah_conjugalise_eligible={month: h["before_2023"]},
    )
    parents = list(ids)
    if h["couple"]:
        entities["individus"][f"{label}_c"] = person(
            dt.date(1980, 1, 1), h["partner_salary"], {}, 0.0
        )
        parents.append(f"{label}_c")
    children = []
    for n, birth in enumerate(h["children"]):
        entities["individus"][f"{label}_e{n}"] = individu(birth)
        children.append(f"{label}_e{n}")
    add_family(
        entities,
        label,
        parents,
        children,
        famille={"aide_logement_montant": {month: h["housing_aid"]}},
        menage={
            "statut_occupation_logement": {month: "locataire_vide"},
            "loyer": {month: 400},
            "depcom": {month: "33063"},
        },
    )


def known_difference(h: dict[str, Any]) -> str | None:
    year, number = (int(x) for x in h["month"].split("-"))
    first = dt.date(year, number, 1)
    age = (
        first.year
        - h["birth"].year
        - ((first.month, first.day) < (h["birth"].month, h["birth"].day))
    )
    if age == 64 and 0.5 <= h["rate"] < 0.8 and h["rsdae"]:
        return (
            "RSDAE à 64 ans : fin de l'AAH à l'âge légal (CSS L821-2), OpenFisca-France la garde "
            "jusqu'à 64 ans inclus"
        )
    return None


def test_aah_agrees_with_openfisca_france() -> None:
    rng = random.Random(SEED)
    cases = [(f"h{n}", draw(rng, MONTHS[n % len(MONTHS)])) for n in range(HOUSEHOLDS)]

    ours = our_amounts([to_situation(h, label) for label, h in cases], "aah")

    entities = empty_entities()
    for label, h in cases:
        add_to_openfisca_france(h, label, entities)
    requests = [{"variable": v, "period": m} for m in MONTHS for v in ("aah", "caah")]
    result, _ = compute_cached("aah", entities, requests)
    theirs = {}
    for label, h in cases:
        aah = result.values("aah", h["month"])[f"{label}_a"]
        caah = result.values("caah", h["month"])[f"{label}_a"]
        theirs[label] = float(aah) + float(caah)

    tally: Tally[None] = Tally("AAH (+ MVA)", TOLERANCE_EUR, decimals=1)
    for label, h in cases:
        tally.count(f"{label} {h}", ours[label], theirs[label], known=known_difference(h))
    tally.report(f"{HOUSEHOLDS} generated", tally.excluded_text())
    assert tally.compared >= 300
    tally.assert_agreement(REQUIRED_AGREEMENT)


def draw_unemployed(rng: random.Random, month: str) -> dict[str, Any]:
    return {
        "month": month,
        "birth": born(rng, month, rng.randint(20, 62)),
        "rate": rng.choice([0.5, 0.65, 0.8, 0.95]),
        "benefit": rng.choice([150.0, 400.0, 560.0, 800.0, 1000.0, 1500.0, 2200.0]),
        "salary": rng.choice([0.0, 0.0, 0.0, 300.0]),
    }


def unemployed_situation(h: dict[str, Any], label: str) -> Situation:
    person = {
        "id": "demandeur",
        "role": "applicant",
        "birth_date": h["birth"].isoformat(),
        "nationality": "french",
        "activity": "unemployed",
        "incomes": {"unemployment": h["benefit"], "salary": h["salary"]},
        "hours_worked_last_3_years": 0,
        "disability_rate": h["rate"] * 100,
        "rsdae": True,
        "aah_before_october_2023": False,
        "unfit_for_work": False,
        "pregnant": False,
    }
    household = {
        "commune": "33063",
        "housing": {"status": "owner"},
        "family_benefits": 0,
        "benefits_received": [],
        "fiscal_reference_income": 0,
    }
    return Situation.model_validate(
        {"schema": 1, "id": label, "period": h["month"], "household": household, "people": [person]}
    )


def test_aah_of_people_on_unemployment_benefit_agrees_with_openfisca_france() -> None:
    """A disabled person receiving unemployment benefit (and, for some, a small salary).

    CSS R821-4 evaluates the AAH resources by the rules of R532-3 and following: the benefit is in
    the fiscal category of wages, so it takes the D821-9 abattements (80 % / 40 %) like earnings,
    and indemnified unemployment adds the 30 % abattement of R532-5. OpenFisca-France reads the
    year N-2 (``chomage_imposable``, ``salaire_imposable``) for a person without a salary in M, the
    last quarter otherwise: the same monthly amounts are written on both, as our situation gives
    the current average (the hypothesis of rules/aah/README.md).
    """
    rng = random.Random(SEED + 1)
    cases = [(f"u{n}", draw_unemployed(rng, MONTHS[n % len(MONTHS)])) for n in range(120)]
    ours = our_amounts([unemployed_situation(h, label) for label, h in cases], "aah")

    entities = empty_entities()
    for label, h in cases:
        month = h["month"]
        year_n_2 = str(int(month[:4]) - 2)
        quarter = months_up_to(month, 3)
        entities["individus"][label] = individu(
            h["birth"],
            taux_incapacite={month: h["rate"]},
            aah_restriction_substantielle_durable_acces_emploi={month: True},
            chomage_net={m: h["benefit"] for m in quarter},
            chomage_imposable={year_n_2: 12 * h["benefit"]},
            salaire_net={m: h["salary"] for m in quarter},
            salaire_imposable={
                **{m: h["salary"] for m in months_up_to(month, 12)},
                year_n_2: 12 * h["salary"],
            },
            asi={m: 0 for m in quarter},
        )
        add_family(
            entities,
            label,
            [label],
            famille={"aide_logement_montant": {month: 0}},
            menage={"statut_occupation_logement": {month: "proprietaire"}},
        )
    requests = [{"variable": "aah", "period": m} for m in MONTHS]
    result, _ = compute_cached("aah_unemployment", entities, requests)
    tally: Tally[None] = Tally("AAH, chômage indemnisé", TOLERANCE_EUR, decimals=1)
    for label, h in cases:
        theirs = float(result.values("aah", h["month"])[label])
        tally.count(f"{label} {h}", ours[label], theirs)
    tally.report("120 generated")
    assert tally.compared == 120
    tally.assert_agreement(REQUIRED_AGREEMENT)
