"""Acceptance cases 4 and 8: loss of autonomy at 85, disabled adult at 29.

Expected amounts are computed by hand from the law:
- APA (CASF R232-10) in 2026, on the MTP of 1 January 2026 (1 288,13 €): plafond GIR 1
  = 1,615 × 1 288,13 = 2 080,33 €, GIR 4 = 0,630 × 1 288,13 = 811,52 €.
- Case 4 resources (R232-11): 15 120 / 12 = 1 260 € > 0,725 × 1 288,13 = 933,89 €, so in GIR 1 the
  participation is 0,9 × x × [A1 + A2 (0,6x + 0,4) + A3 (0,8x + 0,2)] with
  x = (1 260 − 933,8943) / (1,945 × 1 288,13) = 326,1057 / 2 505,4129 = 0,130161,
  A1 = 408,3372, A2 = 233,1515, A3 = 2 080,3300 − 641,4887 = 1 438,8413:
  P = 0,117145 × [408,3372 + 233,1515 × 0,478097 + 1 438,8413 × 0,304129] = 0,117145 × 957,4548
  = 112,16 €, so the APA in GIR 1 is 2 080,33 − 112,16 = 1 968,17 € (± 0,02).
- AAH (CSS L821-1, D821-2) from 1 April 2026: 1 041,59 € for a person alone without resources.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import rights_engine
from rights_engine.engine.catalogue import programmes
from rights_engine.report import Report


def report_for(situations_dir: Path, name: str) -> Report:
    return rights_engine.evaluate(rights_engine.load_situation(situations_dir / f"{name}.yaml"))


def finding(report: Report, programme: str):
    return next(f for f in report.findings if f.programme == programme)


def partner_ids(report: Report) -> set[str]:
    return {p.id for p in report.partners}


def registered() -> set[str]:
    return {p.id for p in programmes()}


# ---------------------------------------------------------------- case 4


def test_case_4_apa_first_high_urgency_to_confirm_with_the_gir_question(
    situations_dir: Path,
) -> None:
    report = report_for(situations_dir, "senior_perte_autonomie")
    apa = report.findings[0]
    assert apa.programme == "apa_domicile"
    assert apa.urgency == "high"
    assert apa.verdict == "to_confirm"
    assert [m.fact for m in apa.missing] == ["gir"]
    question = apa.missing[0].question
    assert (
        "GIR" in question
        and "équipe médico-sociale du département" in question
        and "domicile" in question
    )
    gir_reason = next(r for r in apa.reasons if "GIR" in r.label)
    assert gir_reason.status == "unknown"
    assert any(
        "évaluer le GIR à domicile" in p.ask
        for p in apa.partners
        if p.id == "conseil_departemental"
    )


def test_case_4_apa_amount_range_by_gir(situations_dir: Path) -> None:
    apa = finding(report_for(situations_dir, "senior_perte_autonomie"), "apa_domicile")
    assert apa.estimated_amount is not None
    # GIR 5 or 6 (least favourable): no APA; GIR 1: 2 080,33 − 112,16 (see module docstring).
    assert apa.estimated_amount.minimum == 0
    assert apa.estimated_amount.maximum == pytest.approx(1968.17, abs=0.02)
    assert any("GIR 1" in d and "2 080,33 €" in d for d in apa.details)
    assert any("GIR 4" in d and "811,52 €" in d for d in apa.details)
    assert any("caisse de retraite" in d and "à confirmer" in d for d in apa.details)


def test_case_4_legal_protection_to_confirm_with_the_budget_question(situations_dir: Path) -> None:
    protection = finding(report_for(situations_dir, "senior_perte_autonomie"), "protection_majeur")
    assert protection.verdict == "to_confirm"
    assert [m.fact for m in protection.missing] == ["cannot_manage_budget"]
    judge = next(p for p in protection.partners if p.id == "juge_contentieux_protection")
    assert any("liste du procureur" in item for item in judge.bring)
    assert "curatelle" in judge.ask


def test_case_4_partners(situations_dir: Path) -> None:
    report = report_for(situations_dir, "senior_perte_autonomie")
    assert {
        "conseil_departemental",
        "juge_contentieux_protection",
        "medecin_traitant",
    } <= partner_ids(report)


# ---------------------------------------------------------------- case 8


def test_case_8_aah_first_or_second_with_its_amount(situations_dir: Path) -> None:
    report = report_for(situations_dir, "handicap_insertion")
    ranked = [f.programme for f in report.findings]
    assert ranked.index("aah") <= 1
    aah = finding(report, "aah")
    assert aah.verdict == "likely"
    assert aah.estimated_amount is not None
    assert aah.estimated_amount.minimum == pytest.approx(1041.59, abs=0.01)
    assert aah.estimated_amount.maximum == pytest.approx(1041.59, abs=0.01)
    assert {"mdph", "caf"} <= {p.id for p in aah.partners}
    mdph = next(p for p in aah.partners if p.id == "mdph")
    assert any("15692" in item for item in mdph.bring) and any(
        "15695" in item for item in mdph.bring
    )


def test_case_8_rsa_is_not_first(situations_dir: Path) -> None:
    report = report_for(situations_dir, "handicap_insertion")
    assert report.findings[0].programme != "rsa"
    # The AAH (1 041,59 €) counts in the RSA resources (CASF R262-6): RSA = 651,69 − … < 0.
    assert finding(report, "rsa").verdict == "unlikely"


def test_case_8_rqth_and_specialised_job_support(situations_dir: Path) -> None:
    report = report_for(situations_dir, "handicap_insertion")
    rqth = finding(report, "rqth_insertion")
    assert rqth.verdict == "likely"
    assert {"mdph", "cap_emploi", "france_travail"} <= {p.id for p in rqth.partners}
    assert {"mdph", "caf", "cap_emploi", "france_travail"} <= partner_ids(report)


def test_case_8_housing_aid_and_css_when_registered(situations_dir: Path) -> None:
    report = report_for(situations_dir, "handicap_insertion")
    present = {f.programme: f.verdict for f in report.findings}
    for programme in ("aide_logement", "css"):
        if programme in registered():
            assert present[programme] in ("likely", "to_confirm"), programme


def test_unknown_incapacity_rate_is_to_confirm_with_the_mdph(situations_dir: Path) -> None:
    situation = rights_engine.load_situation(situations_dir / "handicap_insertion.yaml")
    person = situation.people[0].model_copy(
        update={"disability_rate": None, "disability_reported": True}
    )
    report = rights_engine.evaluate(situation.model_copy(update={"people": [person]}))
    aah = finding(report, "aah")
    assert aah.verdict == "to_confirm"
    assert "disability_rate" in [m.fact for m in aah.missing]
    assert aah.estimated_amount is not None and aah.estimated_amount.maximum == pytest.approx(
        1041.59, abs=0.01
    )
    assert "mdph" in {p.id for p in aah.partners}
