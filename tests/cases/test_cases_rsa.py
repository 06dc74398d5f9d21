"""Acceptance cases 3 and 5: the reports say what a social worker expects.

Expected amounts are computed by hand from the law (CASF R262-1, R262-9, L262-9) and the
parameters in force on 1 April 2026 (montant de base 651,69 €, décret n° 2026-220).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import rights_engine
from rights_engine.report import Report

BASE_2026 = 651.69


def report_for(situations_dir: Path, name: str) -> Report:
    return rights_engine.evaluate(rights_engine.load_situation(situations_dir / f"{name}.yaml"))


def finding(report: Report, programme: str):
    return next(f for f in report.findings if f.programme == programme)


def partner_ids(report: Report) -> set[str]:
    return {p.id for p in report.partners}


def test_case_3_rsa_with_forfait_logement_for_free_housing(situations_dir: Path) -> None:
    report = report_for(situations_dir, "rsa_permis_hameau")
    rsa = finding(report, "rsa")
    assert rsa.verdict == "likely"
    # Alone, no income, housed free of charge: MF − forfait logement 12 % (CASF R262-9, 1°).
    expected = round(BASE_2026 - round(0.12 * BASE_2026, 2), 2)
    assert rsa.estimated_amount is not None
    assert rsa.estimated_amount.minimum == pytest.approx(expected, abs=0.01)
    assert rsa.estimated_amount.maximum == pytest.approx(expected, abs=0.01)
    assert any("Forfait logement" in d and "78,20 €" in d for d in rsa.details)
    assert all(reason.status == "met" for reason in rsa.reasons)
    assert all(
        reason.reference.href.startswith("https://www.legifrance.gouv.fr/")
        for reason in rsa.reasons
    )


def test_case_3_mobility_and_licence_through_the_rsa_referent(situations_dir: Path) -> None:
    report = report_for(situations_dir, "rsa_permis_hameau")
    mobility = finding(report, "insertion_mobilite")
    assert mobility.verdict in ("likely", "to_confirm")
    assert any("permis" in step for step in mobility.next_steps)
    assert {"caf", "conseil_departemental"} <= partner_ids(report)
    referent = next(p for p in mobility.partners if p.id == "conseil_departemental")
    assert "référent RSA" in referent.ask


def test_case_5_rsa_majore_for_a_young_lone_mother(situations_dir: Path) -> None:
    report = report_for(situations_dir, "mere_isolee_sans_logement")
    rsa = finding(report, "rsa")
    # Under 25 but with a child (L262-4, 1°); alone with a child under 3: majoration (L262-9,
    # R262-1): 128,412 % + 42,804 % of the base; homeless, so no forfait logement.
    expected = round(BASE_2026 * (1.28412 + 0.42804), 2)
    assert rsa.verdict == "likely"
    assert rsa.estimated_amount is not None
    assert rsa.estimated_amount.minimum == pytest.approx(expected, abs=0.01)
    assert any(d.startswith("Majoration pour isolement") and ": oui" in d for d in rsa.details)
    assert "caf" in partner_ids(report)


def test_case_5_rsa_ranks_before_orientation_without_amount(situations_dir: Path) -> None:
    report = report_for(situations_dir, "mere_isolee_sans_logement")
    ranked = [f.programme for f in report.findings]
    assert ranked.index("rsa") < ranked.index("insertion_mobilite")
    assert [f.rank for f in report.findings] == list(range(1, len(report.findings) + 1))
