"""Differential test of the complémentaire santé solidaire (CSS) against OpenFisca-France 176.1.8.

A seeded generator draws households (single or couple, 0–4 children, adults of every age band of
the participation, 18 to 85, incomes spread around the free and the with-participation ceilings of
their size, no income at all for some — RSA recipients, who get the free CSS without a resource
check — housing aid or none, tenants, owners, hosted free with or without contributing to the
costs, homeless, alimony for some lone parents). Each is written as our ``Situation`` and as
OpenFisca-France entities (``households.py``) and ALL of them go to the oracle in ONE call.

Kept beside ``test_whole_households.py`` for the edges a realistic generator does not reach:
resources spread around the free and with-participation ceilings of each household size, the
months on each side of the 1 April revaluations, children of exactly 24 and 25, and the ceiling
and resources compared as quantities.

What is compared, and when:

* Months where both models use the same barème — the ceiling of 1 April 2023 (9 719 €) or of
  1 April 2024 (10 166 €), the RSA montant forfaitaire of the same dates for the forfait logement:
  2024-03, 2024-04 (the day of the 2024 revalorisation), 2024-11 and 2025-03 (the month before
  ours moves to 10 339 €). There we compare the annual ceiling of the free CSS (``css_plafond`` /
  ``cmu_c_plafond``, within 1 €: OpenFisca-France rounds it to the euro), the annual resources
  (``css_ressources`` / ``css_cmu_base_ressources``, within 1 €), the status (free / with
  participation / none) and the monthly participation of the famille (``css_participation`` /
  ``css_participation_forfaitaire``, within 1 €).
* 2025-11 and 2026-11: OpenFisca-France 176.1.8 stops at the ceiling of 1 April 2024 (10 166 €)
  while the ceiling of 1 April 2025 is 10 339 € (CSS L861-1 and D861-1, revalorisation published
  for 2025; see ``parameters/css/plafond_base.yaml``) and ours flags the unconfirmed 2026 one: the
  ceilings, hence the status and the participation, do NOT share a barème and are not compared.
  The resources do (same forfait logement rates, R861-5, and the same RSA montant forfaitaire of
  2025-04 and 2026-04): only ``css_ressources`` is compared on those months.

Inputs that would make OpenFisca-France count what our situation states as known are neutralised
over the whole year of reference it reads (M-12..M-1) and the month itself: ``af``, ``cf``,
``asf``, PAJE (famille), ``aah``, ``asi``, ``ass``, ``caah`` (individu); ``aspa`` is given the
ASPA our engine computes for the household (see ``_give_our_aspa``); incomes are the
same every month, so OpenFisca-France's 12 months M-12..M-1 and our 3-month average × 12 give the
same annual resources. CSS R861-8 takes the 12 months « du treizième au deuxième mois civil
précédant le mois de la demande », which our engine follows for the ASPA, counted month by month
with the amount of each month: OpenFisca-France's months M-12..M-1 are given our ASPA of
M-13..M-2, so that both sum the same ASPA and what is compared is how the CSS counts it. An adult
with an unemployment benefit is ``chomeur`` in OpenFisca-France on the month of the claim: both
models then take 30 % off that person's salaries (R861-8, 2nd paragraph).

Each quantity must agree (within 1 €, or the same status) on at least 98 % of the households
compared, and every difference must fall in a class explained below with the legal text, or the
test FAILS:

* ``enfant_25_ans_ou_plus`` — a child of 25 or more in the famille. CSS R861-2 counts in the foyer
  the children « âgés de moins de vingt-cinq ans à la date du dépôt de la demande »; we follow it
  (``css_membre_foyer``). OpenFisca-France counts a child aged 25 (``cmu_nb_pac``: ``age <=
  age_limite_pac``), gives every child of the famille a coefficient in ``cmu_c_plafond`` whatever
  the age, and charges each member a participation (``css_participation_forfaitaire_montant``).
* ``heberge_participant_aux_frais`` — a person hosted who contributes to the costs of the dwelling.
  CSS R861-5 values as a forfait the benefit in kind of a dwelling occupied by its owner « ou, à
  titre gratuit, par les membres du foyer »: contributing to the costs is not a free dwelling and
  no forfait is added (as for the RSA, CASF R262-9). OpenFisca-France adds the forfait to every
  ``loge_gratuitement`` household without reading ``participation_frais``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

import numpy as np
import oracle
from agreement import Tally, our_values
from households import (
    INCOME_TO_OPENFISCA_FRANCE,
    NEUTRALISED_FAMILLE,
    NEUTRALISED_INDIVIDU,
    Household,
    Member,
    empty_entities,
    months_up_to,
    to_openfisca_france,
    to_situation,
)

from rights_engine.engine.builder import build_simulation
from rights_engine.engine.scenarios import Scenario, complete
from rights_engine.situation.models import Month

SEED = 861_2026
# Months where both models use the same ceiling: everything is compared.
SAME_CEILING = ("2024-03", "2024-04", "2024-11", "2025-03")
# Months after OpenFisca-France's last ceiling (1 April 2024): only the resources are compared.
RESOURCES_ONLY = ("2025-11", "2026-11")
HOUSEHOLDS_PER_MONTH = {**dict.fromkeys(SAME_CEILING, 90), **dict.fromkeys(RESOURCES_ONLY, 60)}
TOLERANCE_EUR = 1.0
REQUIRED_AGREEMENT = 0.98
# Generation only (to spread incomes around the ceilings): the published one-person ceiling of
# the month, and the household coefficients of CSS R861-3.
GENERATION_CEILING = {2023: 9719, 2024: 10166, 2025: 10339, 2026: 10339}
STATUSES = ("gratuite", "participation", "aucune")
# What is read from each model on the months where everything is compared.
OUR_VARIABLES = (
    "css_plafond",
    "css_ressources",
    "css_gratuite",
    "css_condition_ressources",
    "css_attribution_rsa",
    "css_participation",
)
THEIR_VARIABLES = (
    "cmu_c_plafond",
    "acs_plafond",
    "css_cmu_base_ressources",
    "cmu_c",
    "css_cmu_acs_eligibilite",
    "css_participation_forfaitaire",
)


def _birth(rng: random.Random, month: str, age: int) -> dt.date:
    first = Month(month).first_day
    return dt.date(first.year - age, first.month, 1) - dt.timedelta(days=rng.randint(1, 360))


def _ceiling_for_generation(month: str, persons: int) -> float:
    year, number = int(month[:4]), int(month[5:])
    base = GENERATION_CEILING[year if number >= 4 else year - 1]
    coefficient = (
        1 + 0.5 * (persons >= 2) + 0.3 * min(max(persons - 2, 0), 2) + 0.4 * max(persons - 4, 0)
    )
    return base * coefficient


def draw(rng: random.Random, month: str) -> Household:
    couple = rng.random() < 0.45
    age = rng.choice(
        [
            rng.randint(18, 29),
            rng.randint(30, 49),
            rng.randint(50, 59),
            rng.randint(60, 69),
            rng.randint(70, 85),
        ]
    )
    members = [Member("applicant", _birth(rng, month, age))]
    if couple:
        members.append(Member("partner", _birth(rng, month, max(18, age + rng.randint(-6, 6)))))
    nb_children = rng.choice([0, 0, 0, 1, 1, 2, 3, 4]) if age < 60 else rng.choice([0, 0, 0, 1])
    for _ in range(nb_children):
        # Mostly under 25; a few of 25 or more still living in the famille (CSS R861-2 boundary).
        child_age = rng.choices(
            [rng.randint(0, 17), rng.randint(0, 24), 24, 25], weights=[60, 30, 5, 5]
        )[0]
        child_age = min(child_age, age - 16) if age > 16 else 0
        members.append(Member("child", _birth(rng, month, max(child_age, 0))))
    persons = len(members)
    ceiling = _ceiling_for_generation(month, persons)
    # Monthly resources: none (RSA), or spread from half the free ceiling to 1.6 times it (the
    # with-participation ceiling is 1.35 times it).
    kind = rng.random()
    total = 0.0 if kind < 0.15 else round(ceiling / 12 * rng.uniform(0.5, 1.6), 2)
    adults = [m for m in members if m.role != "child"]
    shares = (
        [1.0] if len(adults) == 1 else [share := rng.choice([0.0, 0.3, 0.5, 0.7, 1.0]), 1 - share]
    )
    for member, share in zip(adults, shares, strict=True):
        amount = round(total * share, 2)
        if amount == 0:
            member.incomes = {"salary": 0.0}
            continue
        kinds = ["salary", "salary", "unemployment", "disability_pension"]
        if (Month(month).first_day - member.birth_date).days > 60 * 365:
            kinds = ["pension", "pension", "salary"]
        first = rng.choice(kinds)
        second = rng.choice(kinds)
        split = round(amount * rng.choice([1.0, 1.0, 0.6]), 2)
        member.incomes = {first: split}
        member.incomes[second] = round(member.incomes.get(second, 0.0) + amount - split, 2)
    lone_parent = not couple and nb_children > 0
    if lone_parent and rng.random() < 0.35:
        alimony = round(rng.uniform(50, 400), 2)
        members[0].incomes["alimony"] = alimony
    housing = rng.choices(["tenant", "hosted_free", "owner", "homeless"], weights=[55, 20, 20, 5])[
        0
    ]
    aid = round(rng.uniform(30, 450), 2) if housing == "tenant" and rng.random() < 0.6 else 0.0
    return Household(
        members,
        housing=housing,
        housing_aid=aid,
        contributes_to_costs=housing == "hosted_free" and rng.random() < 0.25,
        single_parent_months=rng.choice([5, 30]) if lone_parent else None,
        rent=500.0 if housing == "tenant" else 0.0,
    )


def _extend_to_reference_year(
    entities: dict[str, dict[str, Any]], household: Household, month: str, label: str
) -> None:
    """OpenFisca-France reads the CSS resources over the 12 months M-12..M-1: the same incomes on
    each of them, and the benefits we neutralise set to 0 on each of them and on M."""
    year = months_up_to(month, 12)
    for number, member in enumerate(household.members):
        person = entities["individus"][f"{label}_{number}"]
        if member.role != "child":
            for key, variable in INCOME_TO_OPENFISCA_FRANCE.items():
                person[variable] = {m: member.incomes.get(key, 0.0) for m in year}
            if member.incomes.get("unemployment", 0.0) > 0:
                person["activite"] = {month: "chomeur"}  # R861-8: indemnified job seeker
        for variable in NEUTRALISED_INDIVIDU:
            person[variable] = {m: 0.0 for m in year}
    famille = entities["familles"][label]
    for variable in NEUTRALISED_FAMILLE:
        famille[variable] = {m: 0.0 for m in year}


def _give_our_aspa(
    entities: dict[str, dict[str, Any]], cases: list[tuple[str, str, Household]]
) -> None:
    """The ASPA due to the household counts in the CSS resources after its abattement (CSS L861-2,
    R861-4) in both models. OpenFisca-France's ASPA reads gross incomes our situations do not hold
    (the ASPA itself is compared in test_aspa_differential.py): each month of its reference
    period M-12..M-1 is given the ASPA we compute for the month before, so that it sums our ASPA
    of M-13..M-2, the period of R861-8 (the ASPA changes on 1 January), and the month M itself our
    ASPA of M; what is compared here is how the CSS counts it."""
    for month in SAME_CEILING + RESOURCES_ONLY:
        rows = [(label, h) for label, m, h in cases if m == month]
        batch = build_simulation(
            [complete(to_situation(h, month, label), Scenario.favourable) for label, h in rows],
            Month(month),
        )
        reference = months_up_to(month, 13)  # M-13 .. M
        ours = {
            m: np.asarray(batch.simulation.calculate("aspa", m), dtype=float)[batch.famille]
            for m in reference
        }
        for index, (label, _) in enumerate(rows):
            # M-12..M-1 get our ASPA of the month before; M (read by its RSA, which decides its
            # free CSS) our ASPA of M.
            aspa = {
                later: float(ours[earlier][index])
                for earlier, later in zip(reference[:-2], reference[1:-1], strict=True)
            }
            entities["familles"][label]["aspa"] = aspa | {month: float(ours[month][index])}


def known_difference(household: Household, month: str, quantity: str) -> str | None:
    """The class of a household where we follow the law and OpenFisca-France does not, for this
    quantity, or None (the forfait logement of a hosted person changes the resources, not the
    ceiling)."""
    first = Month(month).first_day
    for member in household.members:
        born = member.birth_date
        age = first.year - born.year - ((first.month, first.day) < (born.month, born.day))
        if member.role == "child" and age >= 25:
            return "enfant_25_ans_ou_plus"
    if (
        quantity != "plafond"
        and household.housing == "hosted_free"
        and household.contributes_to_costs
    ):
        return "heberge_participant_aux_frais"
    return None


def _our_values(cases: list[tuple[str, str, Household]], month: str) -> dict[str, dict[str, Any]]:
    rows = [(label, h) for label, m, h in cases if m == month]
    values = our_values([to_situation(h, month, label) for label, h in rows], month, *OUR_VARIABLES)
    out = {}
    for index, (label, _) in enumerate(rows):
        free = bool(values["css_gratuite"][index])
        entitled = free or bool(values["css_condition_ressources"][index])
        out[label] = {
            "plafond": float(values["css_plafond"][index]),
            "ressources": float(values["css_ressources"][index]),
            "statut": "gratuite" if free else "participation" if entitled else "aucune",
            "participation": float(values["css_participation"][index]),
            "rsa": bool(values["css_attribution_rsa"][index]),
        }
    return out


def _their_values(
    result: Any, cases: list[tuple[str, str, Household]], month: str
) -> dict[str, dict[str, Any]]:
    get = {v: result.values(v, month) for v in THEIR_VARIABLES}
    out = {}
    for label, case_month, _ in cases:
        if case_month != month:
            continue
        resources = float(get["css_cmu_base_ressources"][label])
        with_participation = bool(get["css_cmu_acs_eligibilite"][label]) and resources <= float(
            get["acs_plafond"][label]
        )
        out[label] = {
            "plafond": float(get["cmu_c_plafond"][label]),
            "ressources": resources,
            "statut": "gratuite"
            if get["cmu_c"][label]
            else "participation"
            if with_participation
            else "aucune",
            "participation": float(get["css_participation_forfaitaire"][label]),
        }
    return out


def test_css_agrees_with_openfisca_france() -> None:
    rng = random.Random(SEED)
    cases: list[tuple[str, str, Household]] = []
    entities = empty_entities()
    for month, count in HOUSEHOLDS_PER_MONTH.items():
        for number in range(count):
            label = f"css{month.replace('-', '')}h{number}"
            household = draw(rng, month)
            cases.append((label, month, household))
            to_openfisca_france(household, month, label, entities)
            _extend_to_reference_year(entities, household, month, label)
    _give_our_aspa(entities, cases)
    requests = [{"variable": v, "period": m} for m in SAME_CEILING for v in THEIR_VARIABLES]
    requests += [{"variable": "css_cmu_base_ressources", "period": m} for m in RESOURCES_ONLY]
    result, _ = oracle.compute_cached("css", entities, requests)

    quantities = {
        "plafond": SAME_CEILING,
        "ressources": SAME_CEILING + RESOURCES_ONLY,
        "statut": SAME_CEILING,
        "participation": SAME_CEILING,
    }
    ours: dict[str, dict[str, Any]] = {}
    theirs: dict[str, dict[str, Any]] = {}
    for month in SAME_CEILING:
        ours.update(_our_values(cases, month))
        theirs.update(_their_values(result, cases, month))
    for month in RESOURCES_ONLY:
        ours.update(_our_values(cases, month))
        values = result.values("css_cmu_base_ressources", month)
        theirs.update(
            {label: {"ressources": float(values[label])} for label, m, _ in cases if m == month}
        )

    full = [label for label, month, _ in cases if month in SAME_CEILING]
    statuses = Counter(ours[label]["statut"] for label in full)
    rsa = sum(ours[label]["rsa"] for label in full)
    paying = sum(
        ours[label]["participation"] > 0 or theirs[label]["participation"] > 0 for label in full
    )
    print(
        f"\nCSS vs OpenFisca-France: {len(cases)} households; on the {len(full)} compared in full, "
        f"our statuses {dict(statuses)}, {rsa} free through the RSA, {paying} with a participation "
        f"in either model; oracle {result.seconds:.1f} s"
    )
    failures = []
    for quantity, months in quantities.items():
        # The status is compared as such, the amounts within the tolerance.
        tally: Tally[None] = Tally(quantity, None if quantity == "statut" else TOLERANCE_EUR)
        for label, month, household in cases:
            if month in months:
                tally.count(
                    f"{label} {month}",
                    ours[label][quantity],
                    theirs[label][quantity],
                    known=known_difference(household, month, quantity),
                )
        unit = "same status" if quantity == "statut" else f"within {TOLERANCE_EUR:.0f} €"
        excluded = {k: (v, tally.differing[k]) for k, v in tally.excluded.items()}
        print(
            f"  {quantity}: {tally.agreed}/{tally.compared} {unit} ({tally.rate:.1%}); excluded "
            f"with a legal explanation (of which differing): {excluded}; all households: "
            f"{tally.agreed_in_all}/{tally.households} "
            f"({tally.agreed_in_all / tally.households:.1%})"
        )
        if tally.rate < REQUIRED_AGREEMENT:
            failures.append((quantity, f"{tally.agreed}/{tally.compared}", tally.examples[:5]))
    # Every status occurs, so that the comparison is not vacuous.
    assert all(statuses[s] >= 20 for s in STATUSES) and rsa >= 20, (statuses, rsa)
    assert not failures, failures
