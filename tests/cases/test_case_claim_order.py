"""Example situations for rights that exclude or follow each other, and for a right that opens at
a known future date (situations added with the synthesis; expectations from the law cited).
"""

from __future__ import annotations

from pathlib import Path

import rights_engine
from rights_engine.report import Report, Synthesis


def report_for(situations_dir: Path, name: str) -> Report:
    return rights_engine.evaluate(rights_engine.load_situation(situations_dir / f"{name}.yaml"))


def synthesis_of(report: Report) -> Synthesis:
    assert report.synthesis is not None
    return report.synthesis


def advice_texts(synthesis: Synthesis) -> list[str]:
    return [advice.text for advice in synthesis.advice]


def verdict(report: Report, programme: str) -> str:
    return next(f.verdict for f in report.findings if f.programme == programme)


def test_aah_awaiting_the_mdph_claim_the_rsa_meanwhile(situations_dir: Path) -> None:
    # 58, no income, a disability reported without a rate: the AAH depends on the MDPH, the RSA
    # is claimed at once (CASF L262-10: other rights claimed first, but the RSA is not delayed).
    report = report_for(situations_dir, "aah_en_attente_rsa")
    assert verdict(report, "aah") == "to_confirm"
    assert verdict(report, "rsa") in ("likely", "to_confirm")
    advice = advice_texts(synthesis_of(report))
    assert advice and advice[0].startswith("RSA d'abord, sans attendre l'AAH")
    assert "MDPH" in advice[0]


def test_rsa_opens_when_the_residence_permit_reaches_five_years(situations_dir: Path) -> None:
    # Permit since June 2024, evaluated in November 2026: 5 years in June 2029 (CASF L262-4, 2°).
    report = report_for(situations_dir, "titre_sejour_cinq_ans")
    assert verdict(report, "rsa") == "unlikely"
    advice = advice_texts(synthesis_of(report))
    assert any("à partir de juin 2029" in note and "RSA" in note for note in advice)
    assert not any("ASPA" in note for note in advice)  # 31 years old
    permit = next(a for a in synthesis_of(report).advice if "juin 2029" in a.text)
    assert [r.href for r in permit.references] == [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"
    ]


def test_separation_opens_asf_and_lone_parent_rsa(situations_dir: Path) -> None:
    report = report_for(situations_dir, "separation_naissance")
    assert verdict(report, "asf") == "likely"
    assert verdict(report, "rsa") == "likely"
    assert verdict(report, "paje_allocation_base") == "likely"
    advice = advice_texts(synthesis_of(report))
    assert any(note.startswith("Séparation : demander l'ASF") for note in advice)
    assert any("RSA majoré" in note for note in advice)


def test_commandement_de_payer_gives_its_time_limit(situations_dir: Path) -> None:
    report = report_for(situations_dir, "commandement_de_payer_recu")
    synthesis = synthesis_of(report)
    assert synthesis.emergencies[0].programme == "prevention_expulsion"
    assert any(
        note.startswith("Commandement de payer : 6 semaines") for note in advice_texts(synthesis)
    )
    # Commandement of 11 November 2026 + 6 weeks (42 days, loi 89-462 art. 24) = 23 December
    # 2026, before the end of the trêve (31 March 2027).
    dates = [d.date for d in synthesis.dates]
    assert dates[0] == "2026-12-23" and "2027-03-31" in dates
    assert synthesis.dates[0].label.startswith("Fin du délai du commandement de payer")


def test_energy_already_cut_is_an_emergency_with_the_steps_to_restore_it(
    situations_dir: Path,
) -> None:
    # A student whose electricity was cut before the trêve: restore it, FSL, payment plan.
    report = report_for(situations_dir, "energie_coupee_etudiant")
    synthesis = synthesis_of(report)
    assert synthesis.emergencies[0].programme == "impaye_energie"
    energy = next(f for f in report.findings if f.programme == "impaye_energie")
    assert energy.urgency == "emergency"
    assert any(
        d.startswith("Énergie déjà coupée : demander au fournisseur de rétablir")
        for d in energy.details
    )
    assert {"fsl_energie", "echeancier_energie"} <= {
        f.programme for f in report.findings if f.verdict == "likely"
    }
    assert verdict(report, "rsa") == "unlikely"  # a student (CASF L262-4, 4°)


def test_a_birth_says_the_paje_comes_first_then_the_complement_familial(
    situations_dir: Path,
) -> None:
    # A baby born in September 2026 (evaluated in November): PAJE until the month before 3.
    advice = advice_texts(synthesis_of(report_for(situations_dir, "separation_naissance")))
    assert any(note.startswith("Naissance : déclarer l'enfant") for note in advice)
    elder = advice_texts(synthesis_of(report_for(situations_dir, "parents_debordes_enfant")))
    assert not any(note.startswith("Naissance") for note in elder)  # a daughter of 8
