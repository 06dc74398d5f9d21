"""The prime d'activité of households with an AAH or an ASPA, against OpenFisca-France 176.1.8.

The AAH of each member (an individual right, CSS L821-1) and the ASPA due to the household count in
the resources of the prime d'activité (L842-4; R844-5 excludes neither); the AAH of a member whose
earnings reach 29 times the SMIC horaire brut counts as professional income (L842-8, D843-4). Here
neither is neutralised: each model computes the AAH and the ASPA itself (they are compared on their
own in test_aah_differential.py and test_aspa_differential.py) and the prime d'activité that
counts them.

Households, without children, owners (forfait logement of R844-3 in both models): a disabled adult
(80 % or 95 %) earning nothing or a small salary, alone or with a partner who earns; or a retired
person of 66 to 75 with a pension and a partner of 50 to 64 who earns (the ASPA of the couple). The
drawn salaries are gross (``salaire_de_base``, which OpenFisca-France's ASPA reads, CSS R815-22);
our situation gets the net salary OpenFisca-France computes from them, as a worker would give it.
Months 2025-11 and 2026-11, whose reference quarters have one barème each.
"""

from __future__ import annotations

import random
from typing import Any

from agreement import Tally, our_amounts
from households import add_family, born, empty_entities, individu, month_offset, months_up_to
from oracle import compute_cached

from rights_engine.situation.models import Situation

SEED = 842_4
HOUSEHOLDS = 160
MONTHS = ("2025-11", "2026-11")
TOLERANCE_EUR = 1.0
REQUIRED_AGREEMENT = 0.98


def draw(rng: random.Random, month: str) -> dict[str, Any]:
    if rng.random() < 0.35:  # a retired person and a partner who earns: ASPA of the couple
        return {
            "month": month,
            "people": [
                {
                    "birth": born(rng, month, rng.randint(66, 75)),
                    "rate": 0.0,
                    "salary": 0.0,
                    "pension": rng.choice([200.0, 450.0, 700.0]),
                },
                {
                    "birth": born(rng, month, rng.randint(50, 64)),
                    "rate": 0.0,
                    "salary": rng.choice([400.0, 800.0, 1300.0]),
                    "pension": 0.0,
                },
            ],
        }
    people = [
        {
            "birth": born(rng, month, rng.randint(22, 60)),
            "rate": rng.choice([0.8, 0.95]),
            "salary": rng.choice([0.0, 0.0, 250.0, 450.0, 700.0, 1200.0]),
            "pension": 0.0,
        }
    ]
    if rng.random() < 0.6:
        people.append(
            {
                "birth": born(rng, month, rng.randint(22, 60)),
                "rate": 0.0,
                "salary": rng.choice([0.0, 500.0, 900.0, 1500.0, 2200.0]),
                "pension": 0.0,
            }
        )
    return {"month": month, "people": people}


def to_situation(h: dict[str, Any], label: str, nets: dict[str, float]) -> Situation:
    people = []
    for n, p in enumerate(h["people"]):
        net = nets[f"{label}_{n}"]
        people.append(
            {
                "id": f"p{n}",
                "role": "applicant" if n == 0 else "partner",
                "birth_date": p["birth"].isoformat(),
                "nationality": "french",
                "activity": "employed" if net else "retired" if p["pension"] else "inactive",
                "incomes": {"salary": net, "pension": p["pension"]},
                "hours_worked_last_3_years": 0,
                "disability_rate": p["rate"] * 100,
                "rsdae": False,
                "aah_before_october_2023": False,
                "unfit_for_work": False,
                "pregnant": False,
            }
        )
    household = {
        "commune": "24037",
        "housing": {"status": "owner", "housing_aid": 0},
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
    year = months_up_to(month, 12)
    year_n_2 = str(int(month[:4]) - 2)
    ids = []
    for n, p in enumerate(h["people"]):
        person_id = f"{label}_{n}"
        entities["individus"][person_id] = individu(
            p["birth"],
            # The prime d'activité reads the AAH of each month of the reference quarter.
            taux_incapacite={m: p["rate"] for m in quarter},
            # Gross salary on the 12 months (the AAH's ``en_activite`` and MVA read the taxable
            # salary OpenFisca-France derives from it), none in N-2 (the annual evaluation).
            salaire_de_base={**{m: p["salary"] for m in year}, year_n_2: 0.0},
            retraite_nette={m: p["pension"] for m in quarter},
            retraite_brute={m: p["pension"] for m in quarter},
            revenu_assimile_pension={year_n_2: 12 * p["pension"]},
            asi={m: 0 for m in quarter},
            ass={m: 0 for m in quarter},
            asi_eligibilite={month: False},
        )
        ids.append(person_id)
    add_family(
        entities,
        label,
        ids,
        # OpenFisca-France averages the prime of each month of the quarter, each with its own
        # forfait logement: the housing is written on every month.
        famille={"aide_logement": {m: 0 for m in quarter}},
        menage={"statut_occupation_logement": {m: "proprietaire" for m in quarter}},
    )


def test_prime_activite_counts_the_aah_and_the_aspa_like_openfisca_france() -> None:
    rng = random.Random(SEED)
    cases = [(f"p{n}", draw(rng, MONTHS[n % len(MONTHS)])) for n in range(HOUSEHOLDS)]
    entities = empty_entities()
    for label, h in cases:
        add_to_openfisca_france(h, label, entities)
    requests = [{"variable": v, "period": m} for m in MONTHS for v in ("ppa", "aspa")]
    requests += [{"variable": "aah", "period": m} for m in MONTHS]
    requests += [{"variable": "salaire_net", "period": month_offset(m, -1)} for m in MONTHS]
    result, _ = compute_cached("prime_activite_aah_aspa", entities, requests)
    net_by_month = {m: result.values("salaire_net", month_offset(m, -1)) for m in MONTHS}
    nets = {
        f"{label}_{n}": round(float(net_by_month[h["month"]][f"{label}_{n}"]), 2)
        for label, h in cases
        for n in range(len(h["people"]))
    }
    ours = our_amounts([to_situation(h, label, nets) for label, h in cases], "prime_activite")

    tally: Tally[None] = Tally("prime d'activité avec AAH ou ASPA", TOLERANCE_EUR, decimals=1)
    with_aah = with_aspa = positive = 0
    for label, h in cases:
        month = h["month"]
        aah = sum(
            float(result.values("aah", month)[f"{label}_{n}"]) for n in range(len(h["people"]))
        )
        with_aah += aah > 0
        with_aspa += float(result.values("aspa", month)[label]) > 0
        theirs = float(result.values("ppa", month)[label])
        positive += theirs > 0
        tally.count(f"{label} {h}", ours[label], theirs)
    tally.report(f"{with_aah} with an AAH, {with_aspa} with an ASPA, {positive} with a PPA > 0")
    assert with_aah >= 60 and with_aspa >= 30 and positive >= 20, (with_aah, with_aspa, positive)
    tally.assert_agreement(REQUIRED_AGREEMENT)
