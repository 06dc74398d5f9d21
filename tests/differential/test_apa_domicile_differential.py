"""The APA à domicile against OpenFisca-France 176.1.8 on generated households (issue 4's check).

Households: a person of 55 to 95 in GIR 1 to 6, alone or in a couple, with a revenu fiscal de
référence from 0 to 60 000 €; the plan d'aide is taken at the GIR ceiling on both sides (our
hypothesis; OpenFisca-France caps ``dependance_plan_aide_domicile`` at the ceiling). The resources
are the last tax notice's RFR (OpenFisca-France: ``rfr`` of the foyer fiscal for year N-2, minus
the housing aid, which these owners do not receive). All households go through ONE
OpenFisca-France call and one call of our engine.

Kept beside ``test_whole_households.py`` for the edges a realistic generator does not reach: a GIR
at 59 and 60 (the generator evaluates the GIR from 60 on only), fiscal incomes on the
participation thresholds, and the 2025 MTP difference checked to the cent.

Months: 2024-06 and 2026-02, 2026-11. The APA ceilings and thresholds use the MTP in force on
1 January (CASF R232-10, R232-11: « montant de la majoration pour tierce personne … au 1er
janvier de l'année »). OpenFisca-France applies the MTP at the month computed and lacks the
1 April 2024 MTP (1 266,60 €): from January to March 2025 it uses 1 210,90 € and from April 2025
on 1 288,13 €, where the law gives 1 266,60 € for the whole of 2025. In 2024 (1 210,90 €) and in
2026 (1 288,13 €) both agree. ``test_2025_differs_as_the_law_says`` checks that known
difference in 2025: our ceiling follows the 1 January MTP, OpenFisca-France's does not.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from agreement import Tally, our_amounts
from households import add_family, born, empty_entities, individu
from oracle import compute_cached

from rights_engine.situation.models import Situation

SEED = 4_2026_13
HOUSEHOLDS = 330
TOLERANCE_EUR = 1.0
REQUIRED_AGREEMENT = 0.98
MONTHS = ("2024-06", "2026-02", "2026-11")
LARGE_PLAN = 10_000


def draw(rng: random.Random, month: str) -> dict[str, Any]:
    return {
        "month": month,
        "birth": born(rng, month, rng.choice([rng.randint(55, 95), 59, 60])),
        "gir": rng.choice([1, 2, 3, 4, 4, 5, 6]),
        "rfr": rng.choice([0, 8000, 11000, 15120, 20000, 24000, 30000, 38000, 45000, 60000]),
        "couple": rng.random() < 0.35,
    }


def to_situation(h: dict[str, Any], label: str) -> Situation:
    people: list[dict[str, Any]] = [
        {
            "id": "p0",
            "role": "applicant",
            "birth_date": h["birth"].isoformat(),
            "nationality": "french",
            "activity": "retired",
            "incomes": {},
            "gir": h["gir"],
            "disability_rate": 0,
            "unfit_for_work": False,
        }
    ]
    if h["couple"]:
        people.append(
            {
                "id": "p1",
                "role": "partner",
                "birth_date": "1945-01-01",
                "nationality": "french",
                "activity": "retired",
                "incomes": {},
                "gir": 6,
                "disability_rate": 0,
                "unfit_for_work": False,
            }
        )
    household = {
        "commune": "24322",
        "housing": {"status": "owner"},
        "fiscal_reference_income": h["rfr"],
        "family_benefits": 0,
        "benefits_received": [],
    }
    return Situation.model_validate(
        {"schema": 1, "id": label, "period": h["month"], "household": household, "people": people}
    )


def add_to_openfisca_france(h: dict[str, Any], label: str, entities: dict[str, dict]) -> None:
    month = h["month"]
    ids = [f"{label}_0"]
    entities["individus"][ids[0]] = individu(
        h["birth"],
        gir={month: f"gir_{h['gir']}"},
        dependance_plan_aide_domicile={month: LARGE_PLAN},
    )
    if h["couple"]:
        ids.append(f"{label}_1")
        entities["individus"][ids[1]] = individu("1945-01-01", gir={month: "gir_6"})
    add_family(
        entities,
        label,
        ids,
        famille={"aide_logement_montant": {month: 0}},
        foyer_fiscal={"rfr": {str(int(month[:4]) - 2): h["rfr"]}},
        menage={"statut_occupation_logement": {month: "proprietaire"}},
    )


def ours_and_theirs(
    cases: list[tuple[str, dict[str, Any]]], months: tuple[str, ...], name: str
) -> tuple[dict[str, float], dict[str, float]]:
    ours = our_amounts(
        [to_situation(h, label) for label, h in cases],
        "apa_domicile",
        "GIR and resources are known",
    )
    entities = empty_entities()
    for label, h in cases:
        add_to_openfisca_france(h, label, entities)
    requests = [{"variable": "apa_domicile", "period": m} for m in months]
    result, _ = compute_cached(name, entities, requests)
    theirs = {
        label: float(result.values("apa_domicile", h["month"])[f"{label}_0"]) for label, h in cases
    }
    return ours, theirs


def test_apa_domicile_agrees_with_openfisca_france() -> None:
    rng = random.Random(SEED)
    cases = [(f"h{n}", draw(rng, MONTHS[n % len(MONTHS)])) for n in range(HOUSEHOLDS)]
    ours, theirs = ours_and_theirs(cases, MONTHS, "apa_domicile")
    tally: Tally[None] = Tally("APA à domicile", TOLERANCE_EUR, decimals=1)
    for label, h in cases:
        tally.count(f"{label} {h}", ours[label], theirs[label])
    positive = sum(1 for value in ours.values() if value > 0)
    tally.report(f"{positive} with a positive APA", "excluded: none (2025 checked separately)")
    assert tally.compared >= 300 and positive >= 100
    tally.assert_agreement(REQUIRED_AGREEMENT)


def test_2025_differs_as_the_law_says() -> None:
    """GIR 1, no participation: the APA is the ceiling, 1,615 × MTP.

    Law (R232-10, MTP of 1 January 2025 = 1 266,60 €): 1,615 × 1 266,60 = 2 045,56 € all year.
    OpenFisca-France: 1,615 × 1 210,90 = 1 955,60 € in February, 1,615 × 1 288,13 = 2 080,33 €
    in June 2025.
    """
    cases = [
        (
            f"y{n}",
            {"month": month, "birth": dt.date(1940, 1, 1), "gir": 1, "rfr": 0, "couple": False},
        )
        for n, month in enumerate(("2025-02", "2025-06"))
    ]
    ours, theirs = ours_and_theirs(cases, ("2025-02", "2025-06"), "apa_domicile_2025")
    assert ours["y0"] == pytest.approx(2045.56, abs=0.01)
    assert ours["y1"] == pytest.approx(2045.56, abs=0.01)
    assert theirs["y0"] == pytest.approx(1955.60, abs=0.01)
    assert theirs["y1"] == pytest.approx(2080.33, abs=0.01)
