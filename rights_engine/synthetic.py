"""Realistic synthetic households: one generator for tests, property checks and benchmarks.

:func:`generate_households` draws ``count`` complete situations from a seed;
:func:`draw_household` draws one from a :class:`random.Random` (so that hypothesis, or any other
driver, can supply the randomness). The same seed always gives the same households.

**Complete**: every fact the engine can ask is given (``engine.facts.unknown_facts`` is empty):
birth dates, nationality and residence permit or arrival in France, activity, an ``incomes``
block per adult, housing status with rent (tenants; the housing aid is then computed by the
engine) or the aid declared (logement-foyer), commune, fiscal reference income, disability and
autonomy facts, child support, the date a lone parent became alone, energy bills, debts and
every observation. Every household comes for a **first claim**: ``benefits_received`` is empty and
``family_benefits`` is 0, so each programme's amount is the household's own entitlement.

**Not tuned to any programme.** The shares below describe households met by social services in
metropolitan France (INSEE household structure, leaning towards modest incomes); no threshold
or edge of a programme is aimed at. Overseas communes are not drawn: the engine does not
validate overseas rules (documented in the programmes' READMEs).

Marginal distributions (per household unless said otherwise):

* structure: single without child 33 %, couple without child 22 %, couple with children 28 %,
  lone parent 17 %; 0 to 5 children (1: 40 %, 2: 36 %, 3: 16 %, 4: 6 %, 5: 2 % of families),
  each aged 0 to 19 (one in seven 20 to 24, still living at home), at least 16 years younger
  than each parent; a pregnancy for 3 % of adults under 45;
* age of the applicant: parents 20 to 58; without children 18-29: 20 %, 30-59: 40 %,
  60-74: 22 %, 75-95: 18 % (so about a quarter of all households have a member of 60 or more);
  a partner within a few years of the applicant;
* nationality (per adult, a partner shares the applicant's 4 times in 5): French 84 %,
  EU 5 % (in France for 1 month to 30 years), other 11 % (a valid permit for 92 %, issued 1 month
  to 30 years ago; a protected status — refugee, resident card — for 15 % of them);
* activity under 60: student (18-27) a third of the young (37 % of them with a
  higher-education grant), otherwise employed 52 %,
  self-employed 6 %, unemployed 20 %, inactive 22 %; 60-66: retired 50 %, employed 25 %,
  unemployed 10 %, inactive 15 %; 67 and over: retired 92 %, inactive 8 % (no pension);
* incomes (net, €/month): salaries part-time 300-1 200 (35 %), 1 200-2 200 (50 %),
  2 200-4 500 (15 %); self-employment 0-2 500; the unemployed receive the ARE (52 %, 500-1 900,
  unemployed for 1 to 24 months), the ASS (13 %, 480-560, unemployed for 2 to 6 years) or no
  allowance (35 %, unemployed for 1 month to 5 years), some with a reduced-activity salary;
  pensions 300-1 000 (30 %), 1 000-2 000 (50 %), 2 000-3 500 (20 %), a small salary for one
  retiree in ten; a disability pension for
  30 % of disabled people under 60 not at work; other income (10-300) for 8 % of adults;
  alimony received as the child support below says; several incomes may mix in one household;
* disability (per adult): 7 % under 60, 10 % from 60 on, rate 50-79 % (55 %, of whom half have
  the RSDAE) or 80-90 %; among those in a couple, 40 % received the AAH before October 2023;
* autonomy (per adult of 60 or more): GIR 1-4 for 2 % at 60-74, 8 % at 75-84 and 25 % from 85
  on, about 6 % of people of 60 or more living at home (DREES counts some 800 000 APA recipients
  at home for 18 million people of 60 or more); GIR 1: 5 %, 2: 20 %, 3: 20 %, 4: 55 %; GIR 5 for
  10 %, otherwise GIR 6; signs of lost
  autonomy (danger at home, disorientation, budget) for part of GIR 1-3; 15 % of people of 62-64
  recognised unfit for work;
* housing (under 60 / from 60): private tenant 27 / 18 %, HLM tenant 20 / 20 %, owner 18 / 50 %,
  owner with a loan 14 / 3 %, hosted free 12 / 7 % (a third contributing to the costs),
  homeless 4 / 0 %, logement-foyer 5 / 2 %; rents by zone and size of household (private
  zone 1: 550-1 400, zone 2: 420-950, zone 3: 330-750, HLM about half, + 40-60 per extra
  person), furnished 12 %, a room for 3 % and a flatshare for 8 % of private tenants alone;
  loan repayments 300-1 300; logement-foyer fee 300-500 with a declared aid for 60 %;
  rent arrears for 12 % of tenants (1-12 months, at every stage of the eviction procedure);
* commune: zone 1 (20 %), 2 (45 %) or 3 (35 %), then a commune of that zone uniformly from
  ``data/communes.csv`` (metropolitan France);
* fiscal reference income: the taxable incomes of the year (10 % deduction on salaries,
  pensions and benefits; alimony in full) times a factor of 0.75-1.15 for the change since;
* lone parents: alone for less than 12 months 15 %, otherwise 1 to 15 years; child support:
  none fixed 35 %, paid in full 35 %, unpaid 20 %, paid in part 10 % (80-250 €/child fixed);
* energy bills unpaid for 12 % (50-1 500 €, every kind of supplier notice), debts for 30 %
  (500-30 000 €, repaid over 1 to 7 years);
* observations: no shelter tonight for 40 % of homeless and 5 % of hosted or sheltered
  households, domestic violence 4 % (in immediate danger for a tenth of them), child at risk
  2 % and parents overwhelmed 6 % of families; every other observation is given as false.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, TypeVar

from rights_engine.paths import DATA_DIR
from rights_engine.situation.models import Situation

__all__ = [
    "DEFAULT_PERIODS",
    "HOUSEHOLD_KINDS",
    "draw_household",
    "generate_households",
    "household_kind",
]

# One month in each validated year, among them a month of revaluation (April).
DEFAULT_PERIODS: tuple[str, ...] = ("2024-06", "2025-04", "2026-11")
HOUSEHOLD_KINDS = ("single", "couple", "couple_with_children", "lone_parent")

T = TypeVar("T")

_KIND_WEIGHTS = (33, 22, 28, 17)
_CHILDREN_WEIGHTS = {1: 40, 2: 36, 3: 16, 4: 6, 5: 2}
_ADULT_CHILD_SHARE = 1 / 7
_PARENT_AGES = (20, 58)
_CHILDLESS_AGES = (((18, 29), 20), ((30, 59), 40), ((60, 74), 22), ((75, 95), 18))
_MIN_GAP_PARENT_CHILD = 16
_NATIONALITIES = (("french", 84), ("eu", 5), ("other", 11))
_SENIOR_AGE = 60
_GRANT_SHARE = 0.37  # students holding a bourse sur critères sociaux (MESR, about 37 %)
# Unemployed people: the ARE (insurance), the ASS (solidarity allowance once the ARE has run
# out) or no allowance.
_UNEMPLOYMENT_BENEFITS = (("are", 52), ("ass", 13), ("none", 35))
_HOUSING_UNDER_60 = (
    ("tenant", 27),
    ("social_tenant", 20),
    ("owner", 18),
    ("owner_with_loan", 14),
    ("hosted_free", 12),
    ("homeless", 4),
    ("shelter", 5),
)
_HOUSING_FROM_60 = (
    ("tenant", 18),
    ("social_tenant", 20),
    ("owner", 50),
    ("owner_with_loan", 3),
    ("hosted_free", 7),
    ("shelter", 2),
)
_ZONE_WEIGHTS = (("1", 20), ("2", 45), ("3", 35))
# Monthly rent ranges (private, €) by zone; HLM rents are about half. Per extra person: +60/+40.
_PRIVATE_RENT = {"1": (550, 1400), "2": (420, 950), "3": (330, 750)}
_SOCIAL_RENT = {"1": (300, 700), "2": (250, 550), "3": (220, 480)}
_EVICTION_STAGES = (
    ("none", 50),
    ("commandement_de_payer", 25),
    ("assignation", 12),
    ("jugement", 8),
    ("commandement_de_quitter", 5),
)
_SUPPLIER_NOTICES = (("none", 20), ("reminder", 45), ("reduction", 20), ("cut", 15))
_ALIMONY_STATUSES = (("none", 35), ("paid", 35), ("unpaid", 20), ("partially_paid", 10))


def _weighted(rng: random.Random, choices: Sequence[tuple[T, int]]) -> T:
    values = [value for value, _ in choices]
    weights = [weight for _, weight in choices]
    return rng.choices(values, weights=weights)[0]


def _euros(value: float) -> float:
    return round(value, 2)


def _first_day(period: str) -> dt.date:
    year, month = (int(part) for part in period.split("-"))
    return dt.date(year, month, 1)


def _month_before(period: str, months: int) -> str:
    year, month = (int(part) for part in period.split("-"))
    index = year * 12 + month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _birth_date(rng: random.Random, period: str, age: int) -> dt.date:
    """A birth date giving exactly ``age`` years on the first day of ``period``."""
    first = _first_day(period)
    latest = first.replace(year=first.year - age)  # a first of the month: never 29 February
    earliest = latest.replace(year=latest.year - 1) + dt.timedelta(days=1)
    return earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))


@lru_cache(maxsize=1)
def _communes_by_zone() -> dict[str, list[str]]:
    """Metropolitan communes of ``data/communes.csv`` grouped by housing-aid zone."""
    with (DATA_DIR / "zones_apl.csv").open(encoding="utf-8", newline="") as handle:
        zones = {row["code"]: row["zone"] for row in csv.DictReader(handle)}
    grouped: dict[str, list[str]] = {"1": [], "2": [], "3": []}
    with (DATA_DIR / "communes.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["code"]
            if row["departement"].startswith("97") or code not in zones:
                continue
            grouped[zones[code]].append(code)
    for codes in grouped.values():
        codes.sort()
    return grouped


def _childless_age(rng: random.Random) -> int:
    low, high = _weighted(rng, _CHILDLESS_AGES)
    return rng.randint(low, high)


def _activity(rng: random.Random, age: int, disabled: bool) -> str:
    if age >= 67:
        return _weighted(rng, (("retired", 92), ("inactive", 8)))
    if age >= _SENIOR_AGE:
        return _weighted(
            rng, (("retired", 50), ("employed", 25), ("unemployed", 10), ("inactive", 15))
        )
    if age <= 24 and rng.random() < 1 / 3 or 25 <= age <= 27 and rng.random() < 0.1:
        return "student"
    inactive = 40 if disabled else 22
    return _weighted(
        rng, (("employed", 52), ("self_employed", 6), ("unemployed", 20), ("inactive", inactive))
    )


def _salary(rng: random.Random) -> float:
    band = _weighted(rng, (((300, 1200), 35), ((1200, 2200), 50), ((2200, 4500), 15)))
    return _euros(rng.uniform(*band))


def _pension(rng: random.Random) -> float:
    band = _weighted(rng, (((300, 1000), 30), ((1000, 2000), 50), ((2000, 3500), 20)))
    return _euros(rng.uniform(*band))


def _incomes(rng: random.Random, activity: str, disabled: bool, benefit: str) -> dict[str, float]:
    incomes = {
        "salary": 0.0,
        "self_employment": 0.0,
        "pension": 0.0,
        "unemployment": 0.0,
        "disability_pension": 0.0,
        "alimony": 0.0,
        "other": 0.0,
    }
    if activity == "employed":
        incomes["salary"] = _salary(rng)
    elif activity == "self_employed":
        incomes["self_employment"] = 0.0 if rng.random() < 0.2 else _euros(rng.uniform(50, 2500))
    elif activity == "unemployed":
        if benefit == "are":
            incomes["unemployment"] = _euros(rng.uniform(500, 1900))
        elif benefit == "ass":  # about 17 €/day
            incomes["unemployment"] = _euros(rng.uniform(480, 560))
        if rng.random() < 0.15:
            incomes["salary"] = _euros(rng.uniform(100, 800))
    elif activity == "student":
        if rng.random() < 0.4:
            incomes["salary"] = _euros(rng.uniform(100, 900))
    elif activity == "retired":
        incomes["pension"] = _pension(rng)
        if rng.random() < 0.1:
            incomes["salary"] = _euros(rng.uniform(100, 900))
    if disabled and activity in ("inactive", "unemployed") and rng.random() < 0.3:
        incomes["disability_pension"] = _euros(rng.uniform(300, 1200))
    if rng.random() < 0.08:
        incomes["other"] = _euros(rng.uniform(10, 300))
    return incomes


def _residence(rng: random.Random, period: str, nationality: str, age: int) -> dict[str, Any]:
    """Permit or arrival in France, at most since the person's 16th birthday (or birth)."""
    if nationality == "french":
        return {}
    longest = max(1, min(360, (age - 16) * 12)) if age > 16 else max(1, age * 12)
    since = _month_before(period, rng.randint(1, longest))
    if nationality == "eu":
        return {"in_france_since": since}
    if rng.random() < 0.15:
        return {
            "protected_status": True,
            "has_residence_permit": True,
            "residence_permit_since": since,
        }
    if rng.random() < 0.92:
        return {
            "protected_status": False,
            "has_residence_permit": True,
            "residence_permit_since": since,
        }
    return {"protected_status": False, "has_residence_permit": False}


def _unemployment(rng: random.Random, period: str, benefit: str) -> dict[str, Any]:
    """Start of the unemployment and the allowance: the ARE for 1 to 24 months, the ASS (the
    solidarity allowance that follows it, about 500 €/month) after 24 to 72 months, none for 1 to
    60 months."""
    if benefit == "none":
        return {"unemployed_since": _month_before(period, rng.randint(1, 60))}
    months = rng.randint(24, 72) if benefit == "ass" else rng.randint(1, 24)
    return {"unemployed_since": _month_before(period, months), "unemployment_benefit": benefit}


def _gir(rng: random.Random, age: int) -> int:
    dependent = 0.02 if age < 75 else 0.08 if age < 85 else 0.25
    draw = rng.random()
    if draw < dependent:
        return _weighted(rng, ((1, 5), (2, 20), (3, 20), (4, 55)))
    if draw < dependent + 0.10:
        return 5
    return 6


def _adult(
    rng: random.Random,
    period: str,
    person_id: str,
    role: str,
    age: int,
    nationality: str,
    in_couple: bool,
) -> dict[str, Any]:
    disabled = rng.random() < (0.10 if age >= _SENIOR_AGE else 0.07)
    activity = _activity(rng, age, disabled)
    benefit = _weighted(rng, _UNEMPLOYMENT_BENEFITS) if activity == "unemployed" else "none"
    person: dict[str, Any] = {
        "id": person_id,
        "role": role,
        "birth_date": _birth_date(rng, period, age).isoformat(),
        "nationality": nationality,
        **_residence(rng, period, nationality, age),
        "activity": activity,
        "incomes": _incomes(rng, activity, disabled, benefit),
        "pregnant": age < 45 and rng.random() < 0.03,
        "disability_reported": disabled,
        "rsdae": False,
        "aah_before_october_2023": False,
        "unfit_for_work": 62 <= age < 65 and rng.random() < 0.15,
    }
    if activity == "unemployed":
        person.update(_unemployment(rng, period, benefit))
    worked = {"employed": (1500, 5000), "self_employed": (1000, 5000), "unemployed": (0, 3500)}
    person["hours_worked_last_3_years"] = round(rng.uniform(*worked.get(activity, (0, 1200))))
    if disabled:
        if rng.random() < 0.55:
            person["disability_rate"] = rng.choice((50, 60, 70, 75))
            person["rsdae"] = rng.random() < 0.5
        else:
            person["disability_rate"] = rng.choice((80, 85, 90))
        person["aah_before_october_2023"] = in_couple and rng.random() < 0.4
    signs = {"safety_risk_at_home": False, "disoriented": False, "cannot_manage_budget": False}
    if age >= _SENIOR_AGE:
        gir = _gir(rng, age)
        person["gir"] = gir
        if gir <= 3:
            signs["safety_risk_at_home"] = rng.random() < 0.5
            signs["disoriented"] = rng.random() < 0.5
            signs["cannot_manage_budget"] = signs["disoriented"] and rng.random() < 0.5
    person["observations"] = signs
    return person


def _housing(
    rng: random.Random, senior: bool, size: int, alone: bool
) -> tuple[dict[str, Any], str]:
    """The housing block and the zone of the commune to draw."""
    status = _weighted(rng, _HOUSING_FROM_60 if senior else _HOUSING_UNDER_60)
    zone = _weighted(rng, _ZONE_WEIGHTS)
    housing: dict[str, Any] = {"status": status}
    if status in ("tenant", "social_tenant"):
        low, high = (_PRIVATE_RENT if status == "tenant" else _SOCIAL_RENT)[zone]
        extra = (60 if status == "tenant" else 40) * (size - 1)
        housing["rent"] = _euros(rng.uniform(low, high) + extra)
        if status == "tenant":
            housing["furnished"] = rng.random() < 0.12
            housing["room"] = alone and rng.random() < 0.03
            housing["flatshare"] = alone and not housing["room"] and rng.random() < 0.08
        if rng.random() < 0.12:
            months = rng.randint(1, 12)
            housing["rent_arrears"] = _euros(months * housing["rent"] * rng.uniform(0.5, 1))
            housing["arrears_months"] = months
            housing["eviction_stage"] = _weighted(rng, _EVICTION_STAGES)
        else:
            housing.update(rent_arrears=0.0, arrears_months=0, eviction_stage="none")
    elif status == "owner_with_loan":
        housing.update(rent=_euros(rng.uniform(300, 1300)), housing_aid=0.0)
    elif status == "shelter":
        aid = _euros(rng.uniform(100, 350)) if rng.random() < 0.6 else 0.0
        housing.update(rent=_euros(rng.uniform(300, 500)), housing_aid=aid)
    elif status == "hosted_free":
        housing.update(rent=0.0, housing_aid=0.0, contributes_to_costs=rng.random() < 1 / 3)
    else:  # owner, homeless
        housing.update(rent=0.0, housing_aid=0.0)
    return housing, zone


def _fiscal_reference_income(rng: random.Random, adults: Sequence[dict[str, Any]]) -> float:
    """Yearly taxable incomes (10 % deduction except on alimony), changed since by 0.75-1.15."""
    yearly = 0.0
    for person in adults:
        incomes = person["incomes"]
        deducted = sum(
            incomes[key]
            for key in (
                "salary",
                "self_employment",
                "pension",
                "unemployment",
                "disability_pension",
            )
        )
        yearly += 12 * (0.9 * deducted + incomes["alimony"])
    return float(round(yearly * rng.uniform(0.75, 1.15)))


def household_kind(situation: Situation) -> str:
    """One of :data:`HOUSEHOLD_KINDS`, read from the roles of the situation's people."""
    roles = [person.role.value for person in situation.people]
    couple = "partner" in roles
    children = "child" in roles
    if couple:
        return "couple_with_children" if children else "couple"
    return "lone_parent" if children else "single"


def draw_household(rng: random.Random, period: str, label: str = "synthetic") -> Situation:
    """One complete, realistic household for ``period`` (``YYYY-MM``), drawn from ``rng``.

    Everything random comes from ``rng``: the same state gives the same household. ``label``
    becomes the situation's ``id`` (letters, digits, ``_.-``).
    """
    kind = _weighted(rng, tuple(zip(HOUSEHOLD_KINDS, _KIND_WEIGHTS, strict=True)))
    couple = kind in ("couple", "couple_with_children")
    with_children = kind in ("couple_with_children", "lone_parent")
    age = rng.randint(*_PARENT_AGES) if with_children else _childless_age(rng)
    nationality = _weighted(rng, _NATIONALITIES)
    people = [_adult(rng, period, "demandeur", "applicant", age, nationality, couple)]
    if couple:
        partner_age = max(18, age + round(rng.gauss(0, 4)))
        if with_children:
            partner_age = max(_PARENT_AGES[0], partner_age)
        partner_nationality = nationality if rng.random() < 0.8 else _weighted(rng, _NATIONALITIES)
        people.append(
            _adult(rng, period, "conjoint", "partner", partner_age, partner_nationality, True)
        )
    if with_children:
        youngest_parent = min(age, partner_age) if couple else age
        oldest_child = min(24, youngest_parent - _MIN_GAP_PARENT_CHILD)
        count = _weighted(rng, tuple(_CHILDREN_WEIGHTS.items()))
        for number in range(count):
            if oldest_child >= 20 and rng.random() < _ADULT_CHILD_SHARE:
                child_age = rng.randint(20, oldest_child)
            else:
                child_age = rng.randint(0, min(19, oldest_child))
            people.append(
                {
                    "id": f"enfant{number + 1}",
                    "role": "child",
                    "birth_date": _birth_date(rng, period, child_age).isoformat(),
                    "nationality": nationality,
                }
            )
    adults = people[: 2 if couple else 1]
    senior = any(_adult_age(person, period) >= _SENIOR_AGE for person in adults)
    housing, zone = _housing(rng, senior, len(people), alone=len(people) == 1)
    communes = _communes_by_zone()[zone]
    household: dict[str, Any] = {
        "commune": communes[rng.randrange(len(communes))],
        "housing": housing,
        "energy": _energy(rng),
        "debts": _debts(rng),
        "family_benefits": 0.0,
        "benefits_received": [],
    }
    if kind == "lone_parent":
        months_alone = rng.randint(0, 11) if rng.random() < 0.15 else rng.randint(12, 180)
        household["single_parent_since"] = _month_before(period, months_alone)
        household["alimony"] = _alimony(rng, people, len(people) - 1)
    household["fiscal_reference_income"] = _fiscal_reference_income(rng, adults)
    household["observations"] = _observations(rng, housing["status"], with_children)
    for adult in adults:
        if adult["activity"] == "student":
            adult["higher_education_grant"] = _higher_education_grant(label, adult)
    return Situation.model_validate(
        {"schema": 1, "id": label, "period": period, "household": household, "people": people}
    )


def _higher_education_grant(label: str, person: dict[str, Any]) -> bool:
    """A student holds a bourse sur critères sociaux (``_GRANT_SHARE``). Drawn from its own
    generator seeded by the household and the person, so that the households drawn before this
    fact existed stay the same (and the oracle's cached answers with them)."""
    own = random.Random(f"{label}:{person['id']}:{person['birth_date']}:grant")
    return own.random() < _GRANT_SHARE


def _adult_age(person: dict[str, Any], period: str) -> int:
    born = dt.date.fromisoformat(person["birth_date"])
    first = _first_day(period)
    return first.year - born.year - ((first.month, first.day) < (born.month, born.day))


def _energy(rng: random.Random) -> dict[str, Any]:
    if rng.random() < 0.12:
        return {
            "unpaid_bills": _euros(rng.uniform(50, 1500)),
            "supplier_notice": _weighted(rng, _SUPPLIER_NOTICES),
        }
    return {"unpaid_bills": 0.0, "supplier_notice": "none"}


def _debts(rng: random.Random) -> dict[str, float]:
    if rng.random() < 0.30:
        total = _euros(rng.uniform(500, 30000))
        return {"total": total, "monthly_repayments": _euros(total / rng.randint(12, 84))}
    return {"total": 0.0, "monthly_repayments": 0.0}


def _alimony(rng: random.Random, people: list[dict[str, Any]], children: int) -> dict[str, Any]:
    """The child support of a lone parent; the amount received goes into the parent's incomes."""
    status = _weighted(rng, _ALIMONY_STATUSES)
    if status == "none":
        return {"status": "none"}
    fixed = _euros(children * rng.uniform(80, 250))
    received = {"paid": fixed, "unpaid": 0.0}.get(status)
    if received is None:  # partially paid
        received = _euros(fixed * rng.uniform(0.2, 0.8))
    people[0]["incomes"]["alimony"] = received
    return {"status": status, "amount_fixed": fixed}


def _observations(rng: random.Random, status: str, with_children: bool) -> dict[str, bool]:
    precarious = {"homeless": 0.4, "hosted_free": 0.05, "shelter": 0.05}.get(status, 0.0)
    violence = rng.random() < 0.04
    return {
        "no_shelter_tonight": rng.random() < precarious,
        "domestic_violence": violence,
        "in_immediate_danger": violence and rng.random() < 0.1,
        "child_at_risk_reported": with_children and rng.random() < 0.02,
        "parents_overwhelmed": with_children and rng.random() < 0.06,
        "safety_risk_at_home": False,
        "disoriented": False,
        "cannot_manage_budget": False,
    }


def generate_households(
    count: int, seed: int, periods: Sequence[str] = DEFAULT_PERIODS
) -> list[Situation]:
    """``count`` complete, realistic households, the i-th for ``periods[i % len(periods)]``.

    Deterministic: the same ``(count, seed, periods)`` gives the same households (a longer
    ``count`` extends a shorter one). Ids are ``s<seed>-<i>``.
    """
    if not periods:
        raise ValueError("periods must hold at least one month YYYY-MM")
    rng = random.Random(seed)
    return [
        draw_household(rng, periods[index % len(periods)], f"s{seed}-{index}")
        for index in range(count)
    ]
