"""Differential test of the allocation de base de la PAJE (``paje_base``) against OpenFisca-France
176.1.8.

A seeded generator draws families at 2024-12, 2025-04, 2026-01 and 2026-11 (on both sides of the
1 January ceilings and of the 1 April BMAF): a single parent or a couple, biactive or not, 1 to 4
children with, in most families, a child under 3 whose age in months sits on the edges of the
right (born in the month, 1, 2, 3, 34, 35, 36 months…), a few twins, and a fiscal reference income
either drawn widely or within a euro of one of the ceilings of the year (taux plein, taux partiel).
Each family is written as our ``Situation`` and as OpenFisca-France entities; the resource base
(``prestations_familiales_base_ressources``) is given as our fiscal reference income and
``biactivite`` as the generated fact (each parent's salary is far above or far below 1 BMAF, so that
our ``cf_biactivite`` sees the same). All families go to the oracle in ONE call; agreement within
1 € must reach 98 % or the test FAILS, and every other disagreement must fall in a class below.

Kept beside ``test_whole_households.py`` for the edges a realistic generator does not reach: a
youngest child's age in months on each edge of the right, twins, and fiscal incomes within a
cent of the ceilings.

Known disagreement classes (counted, printed, and explained with the legal text):

* ``mois_de_naissance`` — a child born during the evaluated month: family benefits are due from
  the first day of the month that follows the one in which the conditions are met (CSS L552-1; the
  allocation de base no longer starts on the day of birth since the loi n° 2014-1554, D531-3 lost
  its pro rata), so we pay nothing for that month; OpenFisca-France pays the allocation (its
  ``enfant_eligible_paje`` only tests an age under 3).
* ``mois_des_3_ans`` — the only child under 3 reaches 3 during the evaluated month (born after the
  1st): the allocation is paid « jusqu'au dernier jour du mois civil précédant celui au cours
  duquel l'enfant atteint l'âge » of 3 (L531-3, D531-1; L552-1), so we pay nothing;
  OpenFisca-France reads the age on the 1st of the month (2 years) and still pays it.
* ``naissances_multiples`` — twins under 3: « plusieurs allocations de base ne peuvent se cumuler
  que pour les enfants issus de naissances multiples » (L531-3, last paragraph), so we pay one per
  twin; OpenFisca-France pays one per family.
* ``egalite_au_plafond`` — a fiscal reference income equal, to the cent, to a ceiling (e.g.
  62 180,30 € = 24 853 × 2,1 + 9 989 for a lone parent of four in 2026): the rate is due when the
  resources « ne dépassent pas » the ceiling (L531-2, L531-3), as we compute; OpenFisca-France
  stores the resources as float32 (62 180,30 becomes 62 180,3008), just above its float64 ceiling,
  and pays the lower rate.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import oracle
from agreement import UNEXPLAINED, Tally, our_values
from households import add_family, draw_by_period, family_situation, individu

from rights_engine.situation.models import Month, Situation

SEED = 6_2027
HOUSEHOLDS_PER_PERIOD = 150
PERIODS = ("2024-12", "2025-04", "2026-01", "2026-11")
TOLERANCE_EUR = 1.0
REQUIRED_AGREEMENT = 0.98
# Ceilings of the year (revenu N-2), base and increase for a biactive couple or a lone parent:
# taux plein (= complément familial, CSS L531-3, R522-2) and taux partiel (L531-2, R531-1),
# arrêtés of 22 December 2023, 20 December 2024 and 18 December 2025.
TAUX_PLEIN = {2024: (23296, 9363), 2025: (24414, 9812), 2026: (24853, 9989)}
TAUX_PARTIEL = {2024: (27833, 11188), 2025: (29169, 11725), 2026: (29694, 11936)}
# Age of the youngest child, in calendar months since its birth month. The right runs from 1 to 35
# months; its edges (1, 2, 3, 34, 35, 37) are drawn often, and the two months where the law and
# OpenFisca-France part (0 = month of birth, 36 = month of the 3rd birthday) on purpose rarely:
# with their natural frequency (1 in 37 each) the agreement would fall to about 95 %, all of it
# explained below; the YAML tests check both sides of each edge.
EDGE_MONTHS = (1, 1, 2, 3, 4, 11, 12, 23, 24, 34, 35, 35, 37)
RARE_EDGE_MONTHS = (0, 36)
RARE_EDGE_SHARE = 0.01
TWINS_SHARE = 0.005


def _months_before(first: dt.date, months: int, day: int) -> dt.date:
    index = first.year * 12 + first.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, day)


def _ceiling(table: dict[int, tuple[int, int]], year: int, children: int, increased: bool) -> float:
    base, increase = table[year]
    rate = 1 + 0.25 * min(children, 2) + 0.3 * max(children - 2, 0)
    return base * rate + increased * increase


def generate(period: str, rng: random.Random, prefix: str) -> list[dict[str, Any]]:
    first = Month(period).first_day
    households = []
    for n in range(HOUSEHOLDS_PER_PERIOD):
        couple = rng.random() < 0.6
        biactive = couple and rng.random() < 0.4
        salaries = [round(rng.uniform(800, 2500), 2)]
        if couple:
            salaries.append(
                round(rng.uniform(800, 2500), 2) if biactive else rng.choice([0.0, 150.0, 300.0])
            )
        parents = [
            {
                "id": f"{prefix}{n}_p{k}",
                "birth_date": _months_before(first, 12 * rng.randint(22, 45), rng.randint(1, 28)),
                "salary": salary,
            }
            for k, salary in enumerate(salaries)
        ]
        births = []
        if rng.random() < 0.85:
            draw = rng.random()
            if draw < RARE_EDGE_SHARE:
                months = rng.choice(RARE_EDGE_MONTHS)
            elif draw < 0.5:
                months = rng.choice(EDGE_MONTHS)
            else:
                months = rng.randint(1, 35)
            day = 1 if months in (36, 37) and rng.random() < 0.3 else rng.randint(2, 28)
            youngest = _months_before(first, months, day)
            births.append(youngest)
            if rng.random() < TWINS_SHARE:
                births.append(youngest)  # twins
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3]) if births else rng.choice([1, 2, 3])):
            births.append(_months_before(first, rng.randint(40, 12 * 21), rng.randint(1, 28)))
        children = [{"id": f"{prefix}{n}_e{k}", "birth_date": b} for k, b in enumerate(births)]
        counted = sum(1 for b in births if b < first and (first - b).days < 20 * 365.25 - 1)
        increased = biactive or not couple
        ceilings = [
            _ceiling(table, first.year, counted, increased) for table in (TAUX_PLEIN, TAUX_PARTIEL)
        ]
        if rng.random() < 0.35:
            ceiling = rng.choice(ceilings)
            rfr = round(
                ceiling + rng.choice([-1.0, -0.01, 0.0, 0.01, 1.0, rng.uniform(-300, 300)]), 2
            )
        else:
            rfr = float(rng.choice([rng.randint(0, 35000), rng.randint(35000, 80000)]))
        households.append(
            {
                "id": f"{prefix}{n}",
                "parents": parents,
                "children": children,
                "rfr": rfr,
                "biactive": biactive,
                "ceilings": ceilings,
            }
        )
    return households


def to_situation(h: dict[str, Any], period: str) -> Situation:
    return family_situation(
        h["id"],
        period,
        [(p["id"], p["birth_date"], {"salary": p["salary"]}) for p in h["parents"]],
        [(c["id"], c["birth_date"]) for c in h["children"]],
        h["rfr"],
    )


def to_openfisca_france(
    households: list[dict[str, Any]], period: str, entities: dict[str, dict[str, Any]]
) -> None:
    for h in households:
        for person in h["parents"] + h["children"]:
            entities["individus"][person["id"]] = individu(person["birth_date"])
        add_family(
            entities,
            h["id"],
            [p["id"] for p in h["parents"]],
            [c["id"] for c in h["children"]],
            famille={
                "prestations_familiales_base_ressources": {period: h["rfr"]},
                "biactivite": {period: h["biactive"]},
            },
        )


def _calendar_months(birth: dt.date, first: dt.date) -> int:
    return (first.year - birth.year) * 12 + first.month - birth.month


def classify(case: tuple[dict[str, Any], str], ours: float, theirs: float) -> str:
    """The legal reason of a disagreement on the household and period of ``case``, read from the
    generated facts, or ``inexpliqué``."""
    h, period = case
    first = Month(period).first_day
    months = [_calendar_months(c["birth_date"], first) for c in h["children"]]
    eligible = [m for m in months if 1 <= m <= 35]
    if ours == 0 and theirs > 0 and not eligible:
        if 0 in months:
            return "mois_de_naissance"
        if any(
            m == 36 and c["birth_date"].day > 1 for m, c in zip(months, h["children"], strict=True)
        ):
            return "mois_des_3_ans"
    if ours > theirs > 0 and eligible.count(min(eligible, default=-1)) > 1:
        youngest = [
            c["birth_date"]
            for c, m in zip(h["children"], months, strict=True)
            if m == min(eligible)
        ]
        if len(set(youngest)) == 1 and abs(ours - len(youngest) * theirs) <= TOLERANCE_EUR:
            return "naissances_multiples"
    if ours > theirs and any(abs(h["rfr"] - ceiling) < 0.005 for ceiling in h["ceilings"]):
        return "egalite_au_plafond"
    return UNEXPLAINED


def test_paje_base_agrees_with_openfisca_france() -> None:
    rng = random.Random(SEED)
    entities, batches = draw_by_period(PERIODS, rng, generate, to_openfisca_france, "ab")
    requests = [{"variable": "paje_base", "period": p} for p in PERIODS]
    result, _ = oracle.compute_cached("paje_base", entities, requests)

    tally = Tally("paje_base", TOLERANCE_EUR, classify=classify)
    paid = 0
    for period, households in batches.items():
        situations = [to_situation(h, period) for h in households]
        ours = our_values(situations, period, "paje_base")["paje_base"]
        theirs = result.values("paje_base", period)
        for h, value in zip(households, ours, strict=True):
            reference = float(theirs[h["id"]])
            paid += reference > 0
            tally.count(f"{h['id']} {period}", float(value), reference, (h, period))
    tally.report(tally.classes_text(), inside=f"; {paid} paid by OpenFisca-France")
    assert tally.compared >= 300
    assert paid >= tally.compared // 2, (
        f"too few families entitled to compare ({paid}/{tally.compared})"
    )
    tally.assert_agreement(REQUIRED_AGREEMENT)
    tally.assert_all_explained()
