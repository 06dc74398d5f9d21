"""The housing aid (secteur locatif) against OpenFisca-France 176.1.8 (``aide_logement``).

600 seeded tenant households (private unfurnished, furnished and social tenants; flatshares and
rooms), zones 1, 2 and 3 through their commune code (so our zone table is checked against
OpenFisca-France's own 2011 zoning), single people to families of five children, monthly incomes
from 0 to 3 000 € (salary, unemployment benefit, pension), students, at months on both sides of
the dated changes (1 October 2024, 1 January 2025, 1 October 2025, 1 January 2026, 1 October 2026).
All households go through ONE OpenFisca-France call and one call of our engine; agreement
within 1 € must reach 98 % (printed with ``pytest -s``). The test fails, never skips.

How the inputs correspond (our hypotheses, see rules/aide_logement/README.md):
* salaries are drawn GROSS and given to OpenFisca-France as ``salaire_de_base`` for every month
  of its rolling 12-month window (it reads the 12 months ending two months before the evaluated
  month); our situation receives the ``salaire_net`` OpenFisca-France computes from it, so our
  conversion of the net into the net taxable salary (CCH R822-4) is checked against
  OpenFisca-France's own ``salaire_imposable``;
* unemployment benefits and pensions are given as ``chomage_imposable`` / ``retraite_imposable``
  equal to our net amounts (we take them as net taxable, README);
* an unemployed person has a start month (``unemployed_since``, OpenFisca-France's
  ``date_debut_chomage`` and ``activite``) and a benefit, ARE or ASS (``unemployment_benefit``,
  OpenFisca-France's ``ass``), drawn from the person's own seed: 30 % abattement (CCH R822-13)
  and neutralisation (R822-15) are compared;
* the RSA of the previous month is given as 0 (our households do not declare the RSA): otherwise
  OpenFisca-France computes it and neutralises activity incomes (CCH R822-17), which we do only
  when the RSA is declared received;
* the réduction de loyer de solidarité of social tenants (CCH L442-2-1, 98 % of which reduces
  the APL) is computed by both.

Remaining classes of disagreement, excluded by name before the agreement is measured:
* a couple in which one partner has been on the ASS for two months: OpenFisca-France neutralises
  the incomes of BOTH parents, while CCH R822-15 sets aside only the incomes "perçus par
  l'intéressé", the unemployed person (we follow the law). The 95 € double-activity abattement
  does not occur: OpenFisca-France applies it only when a parent's salary of the MONTH reaches
  12 × BMAF (an annual threshold), we do not model it (README), and no generated parent earns
  12 × BMAF (≈ 5 700 €) a month.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from agreement import Tally, our_amounts
from households import add_family, empty_entities, individu, month_offset, months_up_to
from oracle import compute

from rights_engine.situation.models import Situation

SEED = 20261122
HOUSEHOLDS = 600
TOLERANCE_EUR = 1.0
REQUIRED_AGREEMENT = 0.98
MONTHS = ("2024-09", "2024-10", "2025-01", "2025-10", "2026-01", "2026-09", "2026-11")
# Paris (arrondissement and commune) zone 1; Bordeaux, Lyon 5e zone 2; Nontron, Anlhiac zone 3.
COMMUNES = {"75115": 1, "75056": 1, "33063": 2, "69385": 2, "24311": 3, "24009": 3}
STATUS = {"tenant": "locataire_vide", "social_tenant": "locataire_hlm"}


def born(rng: random.Random, month: str, age: int) -> dt.date:
    # `age` full years on the first day of the evaluated month, birthday never on that day.
    first = dt.date(int(month[:4]) - age, int(month[5:]), 1)
    return first - dt.timedelta(days=rng.randint(15, 340))


def draw(rng: random.Random, index: int) -> dict:
    month = rng.choice(MONTHS)
    couple = rng.random() < 0.4
    children = rng.choice([0, 0, 0, 1, 1, 2, 2, 3, 4, 5])
    student = not couple and children == 0 and rng.random() < 0.15
    age = rng.randint(19, 26) if student else rng.randint(22, 70)
    total = rng.choice([0.0, rng.uniform(0, 800), rng.uniform(800, 1800), rng.uniform(1800, 3000)])
    kind = rng.choice(["salary", "salary", "unemployment", "pension"])
    adults = [
        {
            "id": f"h{index}a",
            "role": "applicant",
            "age": age,
            "incomes": {kind: round(total * (0.6 if couple else 1), 2)},
        }
    ]
    if couple:
        adults.append(
            {
                "id": f"h{index}b",
                "role": "partner",
                "age": age + rng.randint(-5, 5),
                "incomes": {"salary": round(total * 0.4, 2)},
            }
        )
    kids = [
        {"id": f"h{index}c{k}", "role": "child", "age": rng.randint(0, 19), "incomes": {}}
        for k in range(children)
    ]
    status = rng.choices(["tenant", "social_tenant", "furnished"], weights=[6, 3, 1.5])[0]
    alone = not couple and children == 0
    return {
        "id": f"h{index}",
        "month": month,
        "people": adults + kids,
        "student": student,
        "commune": rng.choice(list(COMMUNES)),
        "status": status,
        "rent": round(rng.uniform(150, 1500), 2),
        "flatshare": alone and rng.random() < 0.1,
        "room": alone and rng.random() < 0.1,
    }


def unemployment(person_id: str, month: str) -> tuple[str, str]:
    """The start month of an unemployed person (0 to 12 months before ``month``) and the benefit
    (ARE or ASS), from the person's own seed: the household draw is left unchanged."""
    rng = random.Random(f"{person_id}-chomage")
    return month_offset(month, -rng.randint(0, 12)), rng.choice(["are", "ass"])


def to_situation(h: dict, nets: dict[str, float]) -> Situation:
    """Our situation; ``nets`` holds, by person, the net salary OpenFisca-France computed from the
    gross salary drawn."""
    people = []
    for p in h["people"]:
        person = {
            "id": p["id"],
            "role": p["role"],
            "birth_date": born(random.Random(p["id"]), h["month"], p["age"]).isoformat(),
        }
        if p["role"] != "child":
            activity = {"salary": "employed", "unemployment": "unemployed", "pension": "retired"}
            kind = next(iter(p["incomes"]), "salary")
            incomes = {k: (nets[p["id"]] if k == "salary" else v) for k, v in p["incomes"].items()}
            person.update(
                nationality="french",
                incomes=incomes,
                activity="student" if h["student"] and p["role"] == "applicant" else activity[kind],
            )
            if person["activity"] == "unemployed":
                since, benefit = unemployment(p["id"], h["month"])
                person.update(unemployed_since=since, unemployment_benefit=benefit)
        people.append(person)
    housing = {
        "status": "tenant" if h["status"] == "furnished" else h["status"],
        "rent": h["rent"],
        "furnished": h["status"] == "furnished",
        "flatshare": h["flatshare"],
        "room": h["room"],
    }
    return Situation.model_validate(
        {
            "schema": 1,
            "id": h["id"],
            "period": h["month"],
            "household": {
                "commune": h["commune"],
                "housing": housing,
                "family_benefits": 0,
                "benefits_received": [],
            },
            "people": people,
        }
    )


def add_to_openfisca_france(entities: dict, h: dict) -> None:
    month = h["month"]
    window = months_up_to(month, 14)
    variables = {
        "salary": "salaire_de_base",
        "unemployment": "chomage_imposable",
        "pension": "retraite_imposable",
    }
    for p in h["people"]:
        person = individu(born(random.Random(p["id"]), month, p["age"]))
        for kind, amount in p["incomes"].items():
            person[variables[kind]] = {m: amount for m in window}
        student = h["student"] and p["role"] == "applicant"
        if student:
            person["etudiant"] = {month: True}
        if "unemployment" in p["incomes"] and not student:
            since, benefit = unemployment(p["id"], month)
            person["activite"] = {month: "chomeur"}
            person["date_debut_chomage"] = {"ETERNITY": f"{since}-01"}
            person["ass"] = {month: p["incomes"]["unemployment"] if benefit == "ass" else 0}
        entities["individus"][p["id"]] = person
    parents = [p["id"] for p in h["people"] if p["role"] != "child"]
    children = [p["id"] for p in h["people"] if p["role"] == "child"]
    add_family(
        entities,
        h["id"],
        parents,
        children,
        famille={"rsa": {month_offset(month, -1): 0}},
        menage={
            "statut_occupation_logement": {
                month: "locataire_meuble" if h["status"] == "furnished" else STATUS[h["status"]]
            },
            "loyer": {month: h["rent"]},
            "depcom": {month: h["commune"]},
            "coloc": {month: h["flatshare"]},
            "logement_chambre": {month: h["room"]},
        },
    )


def known_difference(h: dict) -> str | None:
    """A household where we follow the law and OpenFisca-France does not, or None."""
    parents = [p for p in h["people"] if p["role"] != "child"]
    for p in parents:
        if len(parents) < 2 or "unemployment" not in p["incomes"]:
            continue
        since, benefit = unemployment(p["id"], h["month"])
        others_earn = any(q["incomes"].get("salary", 0) > 0 for q in parents if q is not p)
        if benefit == "ass" and since <= month_offset(h["month"], -3) and others_earn:
            # CCH R822-15: only the incomes of the unemployed person are set aside.
            return "couple, one partner on the ASS: R822-15 neutralises that partner only"
    return None


def test_aide_logement_agrees_with_openfisca_france() -> None:
    rng = random.Random(SEED)
    households = [draw(rng, i) for i in range(HOUSEHOLDS)]
    entities = empty_entities()
    for h in households:
        add_to_openfisca_france(entities, h)
    requests = [
        {"variable": "aide_logement", "period": m} for m in sorted({h["month"] for h in households})
    ]
    requests += [
        {"variable": "salaire_net", "period": m} for m in sorted({h["month"] for h in households})
    ]
    result = compute(entities, requests)

    nets = {
        p["id"]: float(result.values("salaire_net", h["month"])[p["id"]])
        for h in households
        for p in h["people"]
        if "salary" in p["incomes"]
    }
    ours = our_amounts([to_situation(h, nets) for h in households], "aide_logement")
    tally: Tally[None] = Tally("aide au logement", TOLERANCE_EUR)
    zones_seen: Counter[int] = Counter()
    sizes_seen: Counter[int] = Counter()
    positive = 0
    for h in households:
        theirs = float(result.values("aide_logement", h["month"])[h["id"]])
        zones_seen[COMMUNES[h["commune"]]] += 1
        sizes_seen[len(h["people"])] += 1
        positive += theirs > 0
        tally.count(
            f"{h['id']} {h['month']} {h['status']} zone {COMMUNES[h['commune']]}",
            ours[h["id"]],
            theirs,
            known=known_difference(h),
        )
    tally.report(
        f"{positive} with a positive aid",
        f"zones {dict(sorted(zones_seen.items()))}",
        f"household sizes {dict(sorted(sizes_seen.items()))}",
        f"disagreements {dict(tally.excluded) | dict(tally.classes)}",
        f"oracle {result.seconds:.1f} s",
    )
    assert set(zones_seen) == {1, 2, 3}
    tally.assert_agreement(REQUIRED_AGREEMENT)
