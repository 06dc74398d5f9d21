"""Acceptance cases 2, 5, 6 and 9: prime d'activité, allocations familiales and
allocation de soutien familial.

Expected amounts are computed by hand from the law (CSS L842-3, D843-1 to D843-3 for the prime
d'activité; L521-1, D521-1 for the AF; L523-1, R523-7 for the ASF) with the parameters in force in
the evaluated month.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import rights_engine
from rights_engine.report import Finding, Report


def report_for(situations_dir: Path, name: str) -> Report:
    return rights_engine.evaluate(rights_engine.load_situation(situations_dir / f"{name}.yaml"))


def finding(report: Report, programme: str) -> Finding:
    return next(f for f in report.findings if f.programme == programme)


def test_case_2_prime_activite_for_a_minimum_wage_worker(situations_dir: Path) -> None:
    report = report_for(situations_dir, "surendettement_dossier")
    ppa = finding(report, "prime_activite")
    # November 2026, alone, tenant without housing aid, 1 150 €/month of salary:
    # MF 638,28 ; bonification = 37,7 % × 638,28 (240,63) × (1 150 − 59 × 12,31) / (138 × 12,31
    # − 59 × 12,31) = 240,63 × 423,71 / 972,49 = 104,84 ;
    # PPA = 638,28 + 0,5985 × 1 150 (688,28) + 104,84 − max(1 150 ; 638,28) = 281,40.
    assert ppa.verdict == "likely"
    assert ppa.estimated_amount is not None
    assert ppa.estimated_amount.minimum == pytest.approx(281.40, abs=0.02)
    assert ppa.estimated_amount.maximum == pytest.approx(281.40, abs=0.02)
    assert all(reason.status in ("met", "not_required") for reason in ppa.reasons)
    assert "caf" in {p.id for p in report.partners}


def test_case_5_asf_for_a_lone_mother_without_alimony(situations_dir: Path) -> None:
    report = report_for(situations_dir, "mere_isolee_sans_logement")
    asf = finding(report, "asf")
    # Alone with one child, no alimony: 42,2 % × BMAF 478,16 = 201,78 €/month (R523-7).
    assert asf.verdict == "likely"
    assert asf.estimated_amount is not None
    assert asf.estimated_amount.minimum == pytest.approx(201.78, abs=0.01)
    # Counted in the RSA resources at its forfait (CASF R262-10-1): 22,5 % × 478,16 = 107,59.
    assert any("22,5 %" in d and "107,59 €" in d for d in asf.details)
    # One child only: no allocations familiales (L521-1), and the report says why.
    af = finding(report, "allocations_familiales")
    assert af.verdict == "unlikely"
    assert any(r.status == "not_met" and "deux enfants" in r.label for r in af.reasons)


def test_case_6_the_family_benefit_they_may_miss_is_the_prime_activite(
    situations_dir: Path,
) -> None:
    report = report_for(situations_dir, "parents_debordes_enfant")
    # One daughter of 8 and a couple: no AF (two children at least, L521-1) and no ASF (a couple,
    # L523-1): both are reported unlikely with the reason, not silently dropped.
    assert finding(report, "allocations_familiales").verdict == "unlikely"
    assert finding(report, "asf").verdict == "unlikely"
    # What this working family may miss is the prime d'activité, paid by the CAF:
    # MF 3 persons 638,28 × 1,8 = 1 148,90 ; each parent's bonification 240,63 × (1 600 − 726,29)
    # / 972,49 = 216,19 ; PPA = 1 148,90 + 0,5985 × 3 200 (1 915,20) + 2 × 216,19 − 3 200 = 296,49.
    ppa = finding(report, "prime_activite")
    assert ppa.verdict == "likely"
    assert ppa.estimated_amount is not None
    assert ppa.estimated_amount.minimum == pytest.approx(296.49, abs=0.02)
    for programme in ("rsa", "aah"):
        if any(f.programme == programme for f in report.findings):
            assert finding(report, programme).verdict != "likely", programme


def test_case_9_allocations_familiales_and_prime_activite(situations_dir: Path) -> None:
    report = report_for(situations_dir, "famille_menace_expulsion")
    # February 2026, three children of 12, 9 and 5 (none 14), RFR 16 200 € under the first ceiling
    # (66 652 + 3 × 6 664): AF = (32 % + 41 %) × BMAF 474,37 = 346,29 (D521-1).
    af = finding(report, "allocations_familiales")
    assert af.verdict == "likely"
    assert af.estimated_amount is not None
    assert af.estimated_amount.minimum == pytest.approx(346.29, abs=0.01)
    # Complément familial: three children of 3 and more, couple with one income, ceiling 2026
    # 24 853 × 1,8 = 44 735,40, half 22 367,70 ≥ 16 200 → majoré 62,48 % × 474,37 = 296,39 (L522-3).
    cf = finding(report, "complement_familial")
    assert cf.verdict == "likely"
    assert cf.estimated_amount is not None
    assert cf.estimated_amount.minimum == pytest.approx(296.39, abs=0.01)
    # Prime d'activité, couple + 3 children (5 persons): MF 633,21 × 2,5 = 1 583,03 ; salary 1 500
    # ≥ 120 × 12,02 = 1 442,40: bonification maximale 29,101 % × 633,21 = 184,27 ; declared family
    # benefits 150 € count in the resources (R844-5).
    # Without housing aid: 1 583,03 + 0,5985 × 1 500 (897,75) + 184,27 − (1 500 + 150) = 1 015,05.
    # With a housing aid (the engine estimates it when the amount is not given), forfait logement
    # min(aid, 16,5 % × 1,8 × 633,21 = 188,06) (R844-3): 2 665,05 − 1 838,06 = 826,98 when the aid
    # exceeds the forfait.
    ppa = finding(report, "prime_activite")
    assert ppa.verdict in ("likely", "to_confirm")
    assert ppa.estimated_amount is not None
    assert ppa.estimated_amount.minimum == pytest.approx(826.98, abs=0.02)
    assert ppa.estimated_amount.maximum <= 1015.05 + 0.02
    # A couple: no ASF.
    assert finding(report, "asf").verdict == "unlikely"
    assert "caf" in {p.id for p in report.partners}


def test_case_5_css_free_through_the_rsa(situations_dir: Path) -> None:
    report = report_for(situations_dir, "mere_isolee_sans_logement")
    css = finding(report, "css")
    # RSA likely (no income, lone parent): CSS free without a resource test (CSS L861-1).
    assert css.verdict == "likely"
    assert any(d.startswith("Bénéficiaire du RSA") and ": oui" in d for d in css.details)
    assert "cpam" in {p.id for p in report.partners}


def test_css_between_the_2025_ceiling_and_a_plausible_2026_ceiling_stays_to_confirm() -> None:
    # 46, alone, 1 170 €/month: 14 040 €/year, above 10 339 × 1,35 = 13 957,65 (last published
    # ceiling) but under the same ceiling revalued like the RSA in April 2026 (14 069,31, not
    # confirmed): the verdict must not be presented as certain either way.
    situation = rights_engine.parse_situation(
        "schema: 1\nperiod: 2026-11\n"
        "household: {housing: {status: tenant, housing_aid: 0}, benefits_received: []}\n"
        "people:\n  - {id: p, role: applicant, birth_date: 1980-01-01, nationality: french, "
        "activity: employed, incomes: {salary: 1170}}\n"
    )
    css = finding(rights_engine.evaluate(situation), "css")
    assert css.verdict == "to_confirm"
    assert any(r.status == "unknown" for r in css.reasons)
    assert any(d.startswith("Plafond 2026 non confirmé") and ": oui" in d for d in css.details)
    # With 1 200 €/month (14 400 €/year) it is beyond both: unlikely.
    richer = situation.model_copy(
        update={
            "people": [
                situation.people[0].model_copy(
                    update={
                        "incomes": situation.people[0].incomes.model_copy(update={"salary": 1200.0})
                    }
                )
            ]
        }
    )
    assert finding(rights_engine.evaluate(richer), "css").verdict == "unlikely"
