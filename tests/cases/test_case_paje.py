"""Allocation de base de la PAJE in reports: a family with a baby gets it, unknown resources leave
it to confirm with the question, it replaces the complément familial, and it enters the prime
d'activité resources when the family benefits received are not given.

Expected amounts are computed by hand from the law (CSS L531-3, D531-3: 41,65 % of the BMAF,
478,16 € from 1 April 2026; R531-1 and R522-2 for the ceilings of 2026).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import rights_engine
from rights_engine.report import Finding, Report

# November 2026: 41,65 % × 478,16 = 199,15 (D531-3).
TAUX_PLEIN_2026_11 = 199.15
# Allocations familiales for two children: 32 % × 478,16 = 153,01 (D521-1).
AF_DEUX_ENFANTS_2026_11 = 153.01


def report_for(situations_dir: Path, name: str) -> Report:
    return rights_engine.evaluate(rights_engine.load_situation(situations_dir / f"{name}.yaml"))


def finding(report: Report, programme: str) -> Finding:
    return next(f for f in report.findings if f.programme == programme)


def test_a_family_with_a_baby_gets_the_allocation_de_base(situations_dir: Path) -> None:
    report = report_for(situations_dir, "bebe_famille_modeste")
    ab = finding(report, "paje_allocation_base")
    # Baby born in June 2026, 5 months old in November. Couple with one income, two children:
    # taux plein ceiling 24 853 × 1,5 = 37 279,50 ≥ RFR 17 800 → taux plein 199,15 (L531-3).
    assert ab.verdict == "likely"
    assert ab.estimated_amount is not None
    assert ab.estimated_amount.unit == "EUR/mois"
    assert ab.estimated_amount.minimum == pytest.approx(TAUX_PLEIN_2026_11, abs=0.01)
    assert ab.estimated_amount.maximum == pytest.approx(TAUX_PLEIN_2026_11, abs=0.01)
    assert [r.status for r in ab.reasons] == ["met", "met"]
    assert all(r.reference.href.startswith("https://www.legifrance.gouv.fr/") for r in ab.reasons)
    assert any("37 279,50 €" in d for d in ab.details)
    assert any(d.startswith("Taux plein") and ": oui" in d for d in ab.details)
    assert {p.id for p in ab.partners} == {"caf", "msa"}
    caf = next(p for p in ab.partners if p.id == "caf")
    assert any("avis d'imposition" in item for item in caf.bring)
    assert ab.missing == []
    # Two children: no complément familial (three of 3 years and more, L522-1).
    assert finding(report, "complement_familial").verdict == "unlikely"


def test_the_allocation_de_base_enters_the_prime_activite_resources(situations_dir: Path) -> None:
    situation = rights_engine.load_situation(situations_dir / "bebe_famille_modeste.yaml")
    unknown = finding(rights_engine.evaluate(situation), "prime_activite")
    declared = situation.model_copy(
        update={"household": situation.household.model_copy(update={"family_benefits": 0.0})}
    )
    zero = finding(rights_engine.evaluate(declared), "prime_activite")
    assert unknown.estimated_amount is not None and zero.estimated_amount is not None
    # Family benefits not given: the computed AF (153,01) and allocation de base (199,15) count in
    # the resources (CSS R844-5 excludes neither; the resources exceed the montant forfaitaire
    # 638,28 × 2,1 = 1 340,39 in both cases), so the prime is 352,16 lower than with 0 declared.
    difference = zero.estimated_amount.minimum - unknown.estimated_amount.minimum
    assert difference == pytest.approx(AF_DEUX_ENFANTS_2026_11 + TAUX_PLEIN_2026_11, abs=0.02)


def test_unknown_resources_leave_it_to_confirm_with_the_question(situations_dir: Path) -> None:
    # Case 5: lone mother, child born in June 2024 (29 months), fiscal reference income unknown.
    report = report_for(situations_dir, "mere_isolee_sans_logement")
    ab = finding(report, "paje_allocation_base")
    assert ab.verdict == "to_confirm"
    assert ab.estimated_amount is not None
    assert ab.estimated_amount.minimum == 0
    assert ab.estimated_amount.maximum == pytest.approx(TAUX_PLEIN_2026_11, abs=0.01)
    child, resources = ab.reasons
    assert child.status == "met"
    assert resources.status == "unknown"
    assert any(
        m.fact == "fiscal_reference_income"
        and m.question.startswith("Quel est le revenu fiscal de référence")
        for m in ab.missing
    )


def test_it_replaces_the_complement_familial_and_the_report_says_why() -> None:
    # Three children of 13, 10 and 6 and a baby of 9 months, couple with one income, RFR 16 200.
    situation = rights_engine.parse_situation(
        "schema: 1\nperiod: 2026-11\n"
        "household: {housing: {status: tenant, rent: 700}, fiscal_reference_income: 16200,"
        " family_benefits: 0, benefits_received: []}\n"
        "people:\n"
        "  - {id: p, role: applicant, birth_date: 1985-01-01, nationality: french,"
        " activity: employed, incomes: {salary: 1500}}\n"
        "  - {id: c, role: partner, birth_date: 1986-01-01, nationality: french,"
        " activity: inactive, incomes: {}}\n"
        "  - {id: e1, role: child, birth_date: 2013-05-20}\n"
        "  - {id: e2, role: child, birth_date: 2016-11-02}\n"
        "  - {id: e3, role: child, birth_date: 2020-02-14}\n"
        "  - {id: e4, role: child, birth_date: 2026-02-14}\n"
    )
    report = rights_engine.evaluate(situation)
    ab = finding(report, "paje_allocation_base")
    # Four children under 20: ceiling 24 853 × 2,1 = 52 191,30 ≥ 16 200 → taux plein.
    assert ab.verdict == "likely"
    assert ab.estimated_amount is not None
    assert ab.estimated_amount.minimum == pytest.approx(TAUX_PLEIN_2026_11, abs=0.01)
    cf = finding(report, "complement_familial")
    # Three children of 3 and more (L522-1): the CF would be majoré, but the two are not cumulated
    # (L532-1) and the allocation de base is paid instead.
    assert cf.verdict == "unlikely"
    statuses = {r.reference.title: r.status for r in cf.reasons}
    assert statuses["CSS art. L522-1 et R522-1"] == "met"
    assert statuses["CSS art. L532-1"] == "not_met"
