"""Housing aid: the réduction de loyer de solidarité of HLM tenants and the resources as the law
takes them (net taxable salaries, 30 % abattement, neutralisation of unemployment).

Expected amounts are computed by hand from CCH D823-16, D823-17, L442-2-1, R822-4, R822-13 and
R822-15 with the barème of 1 October 2026 (zone 2, alone: L = 293,68, C = 61,29, P0 = 40,01,
R0 = 5 235, TF = 2,83 %, TL = 0,305 % for a rent above the plafond), never read from the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import rights_engine
from rights_engine.report import Finding, Report


def report_for(situations_dir: Path, name: str) -> Report:
    return rights_engine.evaluate(rights_engine.load_situation(situations_dir / f"{name}.yaml"))


def housing_aid(report: Report) -> Finding:
    return next(f for f in report.findings if f.programme == "aide_logement")


def amounts(finding: Finding) -> tuple[float, float]:
    assert finding.estimated_amount is not None
    return finding.estimated_amount.minimum, finding.estimated_amount.maximum


def test_hlm_tenant_apl_is_reduced_by_98_percent_of_the_rls(situations_dir: Path) -> None:
    report = report_for(situations_dir, "locataire_hlm_rls")
    aid = housing_aid(report)
    # No resources: 0 < 905 €/month (RLS ceiling, zone 2, alone, 2026): RLS 31,58 € (zone 2,
    # alone, since 1 June 2026). Aid before RLS: 293,68 + 61,29 − 40,01 − 5 = 309,96 (308 € after
    # CRDS, the figure without RLS); − 98 % × 31,58 = 30,9484 → 279,0116 ; CRDS 1,39 → 277,62 → 277.
    assert aid.verdict == "likely"
    assert amounts(aid) == (277.0, 277.0)
    rls = [d for d in aid.details if d.startswith("Réduction de loyer de solidarité")]
    assert len(rls) == 1 and "31,58 €" in rls[0]


def test_salaried_tenant_resources_are_net_taxable(situations_dir: Path) -> None:
    report = report_for(situations_dir, "salarie_locataire_lyon")
    aid = housing_aid(report)
    # 1 350 € net × 0,82009 / 0,7915975 = 1 398,59 € net taxable ; 12 × 1 398,59 = 16 783,10
    # − 10 % = 15 104,79 → 15 200 ; Pp = 40,01 + 3,135 % × (15 200 − 5 235) = 352,41 ;
    # 354,97 − 352,41 = 2,56 < 10 € (ALS payment threshold): no aid. Counting the net as taxable
    # gave R = 14 600 and 16 € of ALS.
    assert amounts(aid) == (0.0, 0.0)
    assert aid.verdict == "unlikely"
    assert any(d.startswith("Ressources annuelles retenues") and "15 200" in d for d in aid.details)
    # No housing aid, so no forfait logement in the prime d'activité (CSS R844-3); counting the
    # net as taxable gave 16 € of ALS and a forfait logement of 16 €.
    ppa = next(f for f in report.findings if f.programme == "prime_activite")
    forfait = [d for d in ppa.details if d.startswith("Forfait logement")]
    assert len(forfait) == 1 and ": 0,00 €" in forfait[0]
    # A private tenant: no réduction de loyer de solidarité, and no line for it.
    assert not any(d.startswith("Réduction de loyer de solidarité") for d in aid.details)


def _unemployed_tenant(**person: Any) -> rights_engine.Situation:
    """Alone in Bordeaux (zone 2), rent 450 €, October 2026, on an unemployment benefit of 550 €."""
    applicant = {
        "id": "a",
        "role": "applicant",
        "birth_date": "1980-05-01",
        "nationality": "french",
        "activity": "unemployed",
        "incomes": {"unemployment": 550},
        **person,
    }
    return rights_engine.Situation.model_validate(
        {
            "schema": 1,
            "id": "chomeur_ass",
            "period": "2026-10",
            "household": {
                "commune": "33063",
                "housing": {"status": "tenant", "rent": 450},
                "fiscal_reference_income": 6600,
                "family_benefits": 0,
                "benefits_received": [],
            },
            "people": [applicant],
        }
    )


# Unemployment benefit counted: 12 × 550 = 6 600 − 10 % = 5 940 → 6 000 ;
# Pp = 40,01 + 3,135 % × 765 = 63,99 ; 354,97 − 63,99 = 290,98 − 5 = 285,98 ; CRDS 1,42 → 284.
COUNTED = 284.0
# Neutralised (R822-15): R = 0 ; 354,97 − 40,01 − 5 = 309,96 ; CRDS 1,54 → 308,42 → 308.
NEUTRALISED = 308.0


def test_ass_for_two_months_neutralises_the_unemployment_benefit() -> None:
    aid = housing_aid(
        rights_engine.evaluate(
            _unemployed_tenant(unemployed_since="2026-01", unemployment_benefit="ass")
        )
    )
    assert amounts(aid) == (NEUTRALISED, NEUTRALISED)


def test_are_or_recent_ass_is_counted() -> None:
    are = _unemployed_tenant(unemployed_since="2026-01", unemployment_benefit="are")
    # ASS since August 2026: two full months only during October, effect from November.
    recent = _unemployed_tenant(unemployed_since="2026-08", unemployment_benefit="ass")
    for situation in (are, recent):
        assert amounts(housing_aid(rights_engine.evaluate(situation))) == (COUNTED, COUNTED)


def test_unknown_benefit_gives_a_range_and_the_question() -> None:
    report = rights_engine.evaluate(_unemployed_tenant(unemployed_since="2026-01"))
    aid = housing_aid(report)
    assert aid.verdict == "likely"
    assert amounts(aid) == (COUNTED, NEUTRALISED)
    question = next(q for q in report.questions if q.fact == "unemployment_benefit")
    assert "aide_logement" in question.programmes
    assert "ASS" in question.question


def test_unknown_start_of_unemployment_gives_a_range_and_the_question() -> None:
    report = rights_engine.evaluate(_unemployed_tenant(unemployment_benefit="ass"))
    assert amounts(housing_aid(report)) == (COUNTED, NEUTRALISED)
    assert any(q.fact == "unemployed_since" for q in report.questions)


def test_are_alone_needs_neither_question() -> None:
    # The ARE is never abated (R822-13 abates activity incomes): the start month changes nothing.
    report = rights_engine.evaluate(_unemployed_tenant(unemployment_benefit="are"))
    assert amounts(housing_aid(report)) == (COUNTED, COUNTED)
    assert not {"unemployed_since", "unemployment_benefit"} & {q.fact for q in report.questions}


def test_abattement_of_30_percent_on_the_salary_of_the_last_months() -> None:
    # Unemployed since July 2026 on the ARE (700 €), with 300 € of salary on average over the last
    # three months: 30 % abattement on the salary from October (CCH R822-13).
    # Salary 300 × 0,82009 / 0,7915975 = 310,80 → 3 729,58 a year; ARE 8 400; déduction 10 % of
    # 12 129,58 = 1 212,96 → 1 213, taken from the salary: 2 516,58 × 70 % = 1 761,60 + 8 400 =
    # 10 161,60 → 10 200 ; Pp = 40,01 + 3,135 % × 4 965 = 195,66 ; 354,97 − 195,66 = 159,31
    # − 5 = 154,31 ; CRDS 0,77 → 153,54 → 153.
    # Without the abattement: 2 516,58 + 8 400 = 10 916,58 → 11 000 ; Pp = 40,01 + 3,135 % × 5 765
    # = 220,74 ; 354,97 − 220,74 = 134,23 − 5 = 129,23 ; CRDS 0,64 → 128,59 → 128.
    incomes = {"salary": 300, "unemployment": 700}
    abated = _unemployed_tenant(
        incomes=incomes, unemployed_since="2026-07", unemployment_benefit="are"
    )
    assert amounts(housing_aid(rights_engine.evaluate(abated))) == (153.0, 153.0)
    not_yet = _unemployed_tenant(
        incomes=incomes, unemployed_since="2026-08", unemployment_benefit="are"
    )
    assert amounts(housing_aid(rights_engine.evaluate(not_yet))) == (128.0, 128.0)
