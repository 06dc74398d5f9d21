"""Acceptance cases 1 (housing part) and 9: housing aid and eviction prevention.

Expected amounts are computed by hand from CCH D823-16 and D823-17 and the arrêté du
27 septembre 2019 (barèmes of 1 October 2025 and 1 October 2026, R0 of 1 January 2025 frozen
for 2026), never read from the engine.
"""

from __future__ import annotations

from pathlib import Path

import rights_engine
from rights_engine.report import Finding, Report


def report_for(situations_dir: Path, name: str) -> Report:
    return rights_engine.evaluate(rights_engine.load_situation(situations_dir / f"{name}.yaml"))


def finding(report: Report, programme: str) -> Finding:
    return next(f for f in report.findings if f.programme == programme)


def test_case_9_eviction_prevention_first_with_high_urgency(situations_dir: Path) -> None:
    report = report_for(situations_dir, "famille_menace_expulsion")
    first = report.findings[0]
    assert first.programme == "prevention_expulsion"
    assert first.verdict == "likely"
    assert first.urgency == "high"  # commandement de payer, 4 months of arrears
    # February: the trêve hivernale des expulsions ends on 31 March (CPCE L412-6).
    assert [(d.date, "trêve" in d.label) for d in first.deadlines] == [("2026-03-31", True)]
    assert any("Trêve hivernale" in d and ": oui" in d for d in first.details)
    # 3 800 € ≥ 2 × 950 €: the landlord reports the arrears to the CAF, which keeps the aid with a
    # plan.
    assert any("signaler à la CAF" in d and ": oui" in d for d in first.details)
    assert [p.id for p in first.partners] == ["adil", "conseil_departemental", "ccapex", "caf"]
    assert "0 805 160 075" in next(p.ask for p in first.partners if p.id == "adil")
    assert "FSL" in next(p.ask for p in first.partners if p.id == "conseil_departemental")
    assert "Maintenir l'aide au logement" in next(p.ask for p in first.partners if p.id == "caf")


def test_case_9_housing_aid_computed_and_kept_despite_arrears(situations_dir: Path) -> None:
    report = report_for(situations_dir, "famille_menace_expulsion")
    aid = finding(report, "aide_logement")
    assert aid.verdict == "likely"
    # Zone 2, couple with 3 dependants, February 2026 (barème of 1 October 2025):
    # L = min(950, 399,89 + 2 × 58,21 = 516,31) = 516,31 ; C = 60,59 + 3 × 13,74 = 101,81 ; E =
    # 618,12
    #   R: the net taxable salary (CCH R822-4), 1 500 € net × 0,82009 / 0,7915975 = 1 553,99 €
    #   (CSG non déductible and CRDS put back); 12 × 1 553,99 = 18 647,89 − 10 % = 16 783,10
    #   → 16 800 ; R0 (3 dependants) = 9 498 ; TF = 2,01 %
    #   RL = 516,31 / 516,31 = 100 % → TL = 0,305 % ; Tp = 2,315 %
    #   P0 = 8,5 % × 618,12 = 52,5402 ; Pp = 52,5402 + 2,315 % × 7 302 = 221,5815
    #   618,12 − 221,5815 = 396,5385 (950 < 2,5 × 516,31: no dégressivité) → 396,54 − 5 = 391,54
    #   CRDS 0,5 % = 1,95 → 389,59 → 389 € (ALF: private dwelling, dependants)
    assert aid.estimated_amount is not None
    assert (aid.estimated_amount.minimum, aid.estimated_amount.maximum) == (389.0, 389.0)
    assert any(step.startswith("En cas d'impayé de loyer") for step in aid.next_steps)
    assert {"caf", "conseil_departemental", "adil", "ccapex"} <= {p.id for p in report.partners}


def test_case_1_housing_aid_of_the_retired_tenant(situations_dir: Path) -> None:
    report = report_for(situations_dir, "retraite_facture_energie")
    aid = finding(report, "aide_logement")
    assert aid.verdict == "likely"
    # Anlhiac (24009) is in zone 3. November 2026 (barème of 1 October 2026), alone:
    #   L = min(420, 275,25) ; C = 61,29 ; R = 11 760 − 10 % = 10 584 → 10 600 ; R0 = 5 235
    #   RL = 275,25 / 293,68 = 93,72 % → TL = 0,135 % + 0,68 % × 18,72 % = 0,262 % ; Tp = 3,092 %
    #   Pp = 40,01 + 3,092 % × 5 365 = 205,8958 ; 336,54 − 205,8958 = 130,6442 → 130,64 − 5 = 125,64
    #   CRDS 0,62 → 125,02 → 125 € (ALS) — he declares receiving none: a right to claim.
    assert aid.estimated_amount is not None
    assert (aid.estimated_amount.minimum, aid.estimated_amount.maximum) == (125.0, 125.0)
    assert "caf" in {p.id for p in report.partners}


def test_unknown_rent_gives_a_range_and_the_question(situations_dir: Path) -> None:
    situation = rights_engine.load_situation(situations_dir / "famille_menace_expulsion.yaml")
    housing = situation.household.housing.model_copy(update={"rent": None})
    situation = situation.model_copy(
        update={"household": situation.household.model_copy(update={"housing": housing})}
    )
    aid = finding(rights_engine.evaluate(situation), "aide_logement")
    assert aid.verdict == "to_confirm"
    assert aid.estimated_amount is not None
    # Favourable: the zone 1 loyer plafond (454,10 + 2 × 65,89 = 585,88 ≥ the zone 2 plafond 516,31,
    # so L = 516,31: 389 € as above). Unfavourable: no rent, L = 0, E = C = 101,81,
    # P0 = max(8,65 ; 39,56) = 39,56, RL = 0 → Tp = 2,01 % ; Pp = 39,56 + 146,7702 = 186,3302 > E: 0
    # €.
    assert (aid.estimated_amount.minimum, aid.estimated_amount.maximum) == (0.0, 389.0)
    assert [m.fact for m in aid.missing] == ["rent"]
