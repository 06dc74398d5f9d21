"""The chèque énergie against OpenFisca-France 176.1.8 (``cheque_energie``) on generated households.

Both use the barème of the arrêté du 26 décembre 2018 with the 10 800 €/UC ceiling of the arrêté
du 24 février 2021 for 2024, 2025 and 2026 (OpenFisca-France has no later value; we flag the
2025+ barème as unconfirmed but compute with the same values), so every year is compared. All
households of a year go through ONE OpenFisca-France call and our engine evaluates them all in
one ``evaluate_many``. Households are drawn with RFR/UC around every threshold of the barème.

Kept beside ``test_whole_households.py`` for the edges a realistic generator does not reach:
fiscal incomes per consumption unit within a euro of each threshold of the barème.

Mapping: our ``household.fiscal_reference_income`` (last tax notice) is OpenFisca-France's
``rfr`` of the foyer fiscal for year N-2 (the notice available at the campaign of year N); our
annual amount for any month of year N is OpenFisca-France's ``cheque_energie`` for year N.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from agreement import Tally, our_amounts
from households import HOUSING_TO_OPENFISCA_FRANCE, add_family, empty_entities, individu
from oracle import compute_cached

from rights_engine.situation.models import Situation

SEED = 20261122
HOUSEHOLDS = 300
TOLERANCE_EUR = 1.0
REQUIRED_AGREEMENT = 0.98
MONTHS = ("2024-11", "2025-06", "2026-11")
THRESHOLDS = (5600, 6700, 7700, 10800)
HOUSING = ("tenant", "social_tenant", "owner", "owner_with_loan", "hosted_free")
UC_FIRST, UC_SECOND, UC_OTHERS = 1.0, 0.5, 0.3  # C. énergie R124-2


@dataclass
class Drawn:
    label: str
    month: str
    adults: int
    children: int
    housing: str
    rfr: float


def draw(rng: random.Random, label: str, month: str) -> Drawn:
    adults = rng.choice([1, 1, 2])
    children = rng.choice([0, 0, 1, 2, 3, 4])
    persons = adults + children
    uc = UC_FIRST + UC_SECOND * (persons > 1) + UC_OTHERS * max(persons - 2, 0)
    per_uc = rng.choice(
        [
            rng.uniform(0, 13000),
            rng.uniform(0, 13000),
            rng.choice(THRESHOLDS) + rng.choice([-1, 0, 1]),
        ]
    )
    housing = rng.choices(HOUSING, weights=[4, 2, 2, 1, 1])[0]
    return Drawn(label, month, adults, children, housing, float(round(per_uc * uc)))


def to_situation(household: Drawn) -> Situation:
    year = int(household.month[:4])
    people: list[dict[str, Any]] = [
        {"id": "p0", "role": "applicant", "birth_date": f"{year - 40}-05-01"}
    ]
    if household.adults == 2:
        people.append({"id": "p1", "role": "partner", "birth_date": f"{year - 38}-05-01"})
    people += [
        {"id": f"c{n}", "role": "child", "birth_date": f"{year - 2 - 3 * n}-05-01"}
        for n in range(household.children)
    ]
    return Situation.model_validate(
        {
            "schema": 1,
            "id": household.label,
            "period": household.month,
            "household": {
                "commune": "24037",
                "housing": {"status": household.housing},
                "fiscal_reference_income": household.rfr,
            },
            "people": people,
        }
    )


def add_openfisca_france(household: Drawn, entities: dict[str, dict]) -> None:
    year = int(household.month[:4])
    adults = [f"{household.label}_a{n}" for n in range(household.adults)]
    children = [f"{household.label}_c{n}" for n in range(household.children)]
    for n, person in enumerate(adults):
        entities["individus"][person] = individu(dt.date(year - 40 + 2 * n, 5, 1))
    for n, person in enumerate(children):
        entities["individus"][person] = individu(dt.date(year - 2 - 3 * n, 5, 1))
    status = HOUSING_TO_OPENFISCA_FRANCE[household.housing]
    add_family(
        entities,
        household.label,
        adults,
        children,
        foyer_fiscal={"rfr": {str(year - 2): household.rfr}},
        menage={
            "statut_occupation_logement": {f"{year}-01": status, household.month: status},
            "depcom": {f"{year}-01": "24037", household.month: "24037"},
        },
    )


def known_difference(household: Drawn) -> str | None:
    """Why a disagreeing household is one where we follow the law and OpenFisca-France does not."""
    persons = household.adults + household.children
    uc = UC_FIRST + UC_SECOND * (persons > 1) + UC_OTHERS * max(persons - 2, 0)
    if any(abs(household.rfr / uc - threshold) < 0.01 for threshold in THRESHOLDS):
        # RFR/UC exactly on a threshold (e.g. 13 440 € / 2,4 UC = 5 600 €/UC). The arrêté's bands
        # are "inférieur à 5 600 €", "entre 5 600 et 6 700 €"…: a household exactly at 5 600 €/UC is
        # in the second band, and one at 10 800 €/UC gets nothing. OpenFisca-France divides in
        # float32, where 0,3 UC is not exact, finds 5 599,999… or 10 799,999… and applies the band
        # below. We follow the arrêté.
        return "RFR/UC exactly on a threshold (float32 rounding in OpenFisca-France)"
    return None


def test_cheque_energie_agrees_with_openfisca_france() -> None:
    rng = random.Random(SEED)
    cases = [draw(rng, f"h{n}", MONTHS[n % len(MONTHS)]) for n in range(HOUSEHOLDS)]

    ours = our_amounts(
        [to_situation(h) for h in cases], "cheque_energie", "RFR and housing are known"
    )

    theirs: dict[str, float] = {}
    for month in MONTHS:
        entities = empty_entities()
        for household in cases:
            if household.month == month:
                add_openfisca_france(household, entities)
        year = month[:4]
        requests = [{"variable": "cheque_energie", "period": year}]
        result, _ = compute_cached(f"cheque_energie_{month}", entities, requests)
        theirs.update(result.values("cheque_energie", year))

    tally: Tally[None] = Tally("Chèque énergie", TOLERANCE_EUR, decimals=1)
    by_month: dict[str, Tally[None]] = {month: Tally(month, TOLERANCE_EUR) for month in MONTHS}
    for household in cases:
        mine, reference = ours[household.label], float(theirs[household.label])
        # Only a household that disagrees is set aside for a known difference.
        known = None if tally.agrees(mine, reference) else known_difference(household)
        tally.count(f"{household}", mine, reference, known=known)
        if known is None:
            by_month[household.month].count(f"{household}", mine, reference)
    detail = ", ".join(f"{m}: {t.agreed}/{t.compared}" for m, t in by_month.items())
    tally.report(f"by period {detail}", tally.excluded_text())
    assert sum(ours[h.label] > 0 for h in cases) >= HOUSEHOLDS // 4, (
        "the draw must reach the barème"
    )
    assert tally.compared >= HOUSEHOLDS * 9 // 10
    for month_tally in by_month.values():
        month_tally.assert_agreement(REQUIRED_AGREEMENT)
