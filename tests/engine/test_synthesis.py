"""The synthesis of the report (Report.synthesis) and the ranking it follows, on examples.

Expected values come from the cases (shared acceptance cases, README), never from the code under
test: the amounts of the likely rights are those the case tests check one by one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import rights_engine
from rights_engine.report import Report, Synthesis

GENERIC_CHECKS = {
    "impaye_energie",
    "fsl_energie",
    "echeancier_energie",
    "surendettement",
    "point_conseil_budget",
    "violences_conjugales",
}


def report_for(situations_dir: Path, name: str) -> Report:
    return rights_engine.evaluate(rights_engine.load_situation(situations_dir / f"{name}.yaml"))


def synthesis_of(report: Report) -> Synthesis:
    assert report.synthesis is not None
    return report.synthesis


def test_generic_checks_are_questions_not_rights_to_confirm(situations_dir: Path) -> None:
    report = report_for(situations_dir, "information_preoccupante")
    synthesis = synthesis_of(report)
    to_confirm = {item.programme for item in synthesis.to_confirm}
    assert not to_confirm & GENERIC_CHECKS
    assert {item.programme for item in synthesis.screening} >= {
        "impaye_energie",
        "fsl_energie",
        "echeancier_energie",
        "violences_conjugales",
    }
    # The child-protection alert comes first, with what to do today.
    assert synthesis.emergencies[0].programme == "information_preoccupante"
    assert "CRIP" in synthesis.emergencies[0].note
    # The energy and violence questions are each asked once, in the household's list.
    facts = [q.fact for q in report.questions]
    assert facts.count("energy_debt") == 1
    assert facts.count("domestic_violence") == 1


@pytest.mark.parametrize(
    "name", ["rsa_permis_hameau", "senior_perte_autonomie", "handicap_insertion"]
)
def test_the_violence_question_is_always_asked_once(situations_dir: Path, name: str) -> None:
    report = report_for(situations_dir, name)
    assert [q.fact for q in report.questions].count("domestic_violence") == 1


def test_a_reported_fact_opens_a_generic_check_as_a_right(situations_dir: Path) -> None:
    # Unpaid electricity bill and a cut notice: the energy procedures are what the meeting is
    # about, not generic checks.
    synthesis = synthesis_of(report_for(situations_dir, "retraite_facture_energie"))
    assert synthesis.emergencies[0].programme == "impaye_energie"
    assert not synthesis.screening
    assert {"fsl_energie", "echeancier_energie"} <= {i.programme for i in synthesis.likely}
    assert synthesis.dates[0].date == "2027-03-31"


def test_observed_protection_need_ranks_before_generic_checks(situations_dir: Path) -> None:
    report = report_for(situations_dir, "senior_perte_autonomie")
    ranked = [f.programme for f in report.findings]
    assert ranked[:2] == ["apa_domicile", "protection_majeur"]
    protection = report.findings[1]
    assert "ouvert par un fait signalé ou observé" in protection.rank_reason
    for generic in GENERIC_CHECKS:
        assert ranked.index("protection_majeur") < ranked.index(generic)


def test_equal_findings_follow_the_registry_not_the_alphabet(situations_dir: Path) -> None:
    report = report_for(situations_dir, "rsa_permis_hameau")
    energy = [
        f.programme
        for f in report.findings
        if f.programme in ("impaye_energie", "fsl_energie", "echeancier_energie")
    ]
    # Registry order; the alphabet would put the payment plan (« echeancier ») first.
    assert energy == ["impaye_energie", "fsl_energie", "echeancier_energie"]


def test_monthly_total_of_the_likely_rights(situations_dir: Path) -> None:
    # Case 5: RSA majoré 1 115,80 € (lone parent, child under 3) + ASF 201,78 € (one child).
    synthesis = synthesis_of(report_for(situations_dir, "mere_isolee_sans_logement"))
    assert synthesis.monthly_total == pytest.approx(1115.80 + 201.78)
    assert synthesis.emergencies[0].programme == "hebergement_urgence"


def test_a_right_already_received_is_not_counted_in_the_total(situations_dir: Path) -> None:
    synthesis = synthesis_of(report_for(situations_dir, "rsa_permis_hameau"))
    rsa = next(item for item in synthesis.likely if item.programme == "rsa")
    assert rsa.note == "déjà perçu"
    assert synthesis.monthly_total == 0


def test_partners_once_each_with_documents_merged(situations_dir: Path) -> None:
    report = report_for(situations_dir, "famille_menace_expulsion")
    partners = synthesis_of(report).partners
    ids = [p.id for p in partners]
    assert len(ids) == len(set(ids))
    caf = next(p for p in partners if p.id == "caf")
    assert len(caf.bring) == len(set(caf.bring))
    assert len(caf.handles) >= 3
    assert "msa" not in ids  # named with the CAF, not as a second partner


def test_domiciliation_is_a_finding_of_its_own_for_a_homeless_household(
    situations_dir: Path,
) -> None:
    report = report_for(situations_dir, "mere_isolee_sans_logement")
    domiciliation = next(f for f in report.findings if f.programme == "domiciliation")
    assert domiciliation.verdict == "likely" and domiciliation.urgency == "high"
    assert [p.id for p in domiciliation.partners] == ["ccas"]
    assert "domiciliation" in [item.programme for item in synthesis_of(report).emergencies]
    tenant = report_for(situations_dir, "famille_menace_expulsion")
    assert next(f for f in tenant.findings if f.programme == "domiciliation").verdict == "unlikely"
