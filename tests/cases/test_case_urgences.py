"""Acceptance cases 1, 2, 5, 6 and 7: energy debt, surendettement, emergencies
and child protection. Each expectation of the case is checked on the report.

Expectations on programmes built by colleagues (housing aid, ASPA, CSS, prime d'activité, family
benefits) are checked as soon as their id is in ``rules/registry.yaml``; until then they are
listed (``pytest -s``) as not yet checkable, never silently passed as checked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import rights_engine
from rights_engine.engine.catalogue import programmes
from rights_engine.report import Finding, Report

# Candidate ids of the colleagues' programmes, by expectation.
HOUSING_AID = ("aide_logement", "aides_logement", "apl")
ASPA = ("aspa",)
CSS = ("css", "complementaire_sante_solidaire")
PRIME_ACTIVITE = ("prime_activite", "ppa")
ASF = ("asf", "allocation_soutien_familial")
FAMILY_BENEFITS = (
    "prestations_familiales",
    "allocations_familiales",
    "complement_familial",
    "asf",
    "allocation_soutien_familial",
)

NOT_YET_CHECKABLE: list[str] = []


def registered(candidates: tuple[str, ...]) -> list[str]:
    ids = {p.id for p in programmes()}
    return [c for c in candidates if c in ids]


def report_for(situations_dir: Path, name: str) -> Report:
    return rights_engine.evaluate(rights_engine.load_situation(situations_dir / f"{name}.yaml"))


def finding(report: Report, programme: str) -> Finding:
    return next(f for f in report.findings if f.programme == programme)


def must(report: Report, programme: str) -> Finding:
    found = finding(report, programme)
    assert found.verdict in ("likely", "to_confirm"), (programme, found.verdict, found.reasons)
    return found


def must_any(report: Report, case: str, what: str, candidates: tuple[str, ...]) -> None:
    """At least one registered candidate is likely or to confirm; noted if none is registered
    yet."""
    ids = registered(candidates)
    if not ids:
        NOT_YET_CHECKABLE.append(
            f"{case}: {what} ({' / '.join(candidates)} not in the registry yet)"
        )
        print(f"\n[not yet checkable] {NOT_YET_CHECKABLE[-1]}")
        return
    verdicts = {i: finding(report, i).verdict for i in ids}
    assert any(v in ("likely", "to_confirm") for v in verdicts.values()), (case, what, verdicts)


def partner_ids(report: Report) -> set[str]:
    return {p.id for p in report.partners}


# ── Case 1: retraite_facture_energie ────────────────────────────────────────────────────────────


def test_case_1_energy_debt_procedure_first_with_high_urgency_and_end_of_treve(
    situations_dir: Path,
) -> None:
    report = report_for(situations_dir, "retraite_facture_energie")
    first = report.findings[0]
    assert first.programme == "impaye_energie"
    assert first.verdict == "likely"
    # Cut notice in November: inside the trêve (CASF L115-3, al. 3) no cut, power reduction still
    # possible → high urgency (not emergency); the trêve ends on 31 March 2027.
    assert first.urgency == "high"
    assert [d.date for d in first.deadlines] == ["2027-03-31"]
    treve = next(d for d in first.details if d.startswith("Trêve hivernale en cours"))
    assert (
        "aucune coupure" in treve
        and "n'efface pas la dette" in treve
        and "réduction de puissance" in treve
    )
    # Pension 980 €, RFR 10 600 € → chèque énergie 48 € (< 10 800 €/UC): power reduction forbidden
    # during the trêve, 30 days of extra delay (décret 2008-780, art. 2).
    assert any(d.startswith("Réduction de puissance interdite") for d in first.details)
    assert any(d.startswith("Délai supplémentaire") and ": 30 jours (" in d for d in first.details)


def test_case_1_fsl_payment_plan_and_cheque_energie(situations_dir: Path) -> None:
    report = report_for(situations_dir, "retraite_facture_energie")
    must(report, "fsl_energie")
    must(report, "echeancier_energie")
    cheque = must(report, "cheque_energie")
    # 1 UC, RFR 10 600 €/UC: tranche 7 700 – 10 800 of the 2021 barème → 48 €/an. The 2026
    # campaign's barème is not confirmed: never "likely", and the report says why.
    assert cheque.verdict == "to_confirm"
    assert cheque.estimated_amount is not None
    assert (cheque.estimated_amount.minimum, cheque.estimated_amount.maximum) == (48, 48)
    assert cheque.estimated_amount.unit == "EUR/an"
    assert any("non confirmé" in d for d in cheque.details)
    must_any(report, "case 1", "housing aid", HOUSING_AID)
    must_any(report, "case 1", "ASPA", ASPA)
    must_any(report, "case 1", "complémentaire santé solidaire", CSS)


def test_case_1_partners(situations_dir: Path) -> None:
    report = report_for(situations_dir, "retraite_facture_energie")
    ids = partner_ids(report)
    assert "fournisseur_energie" in ids
    assert {"conseil_departemental", "ccas"} <= ids  # FSL
    for partner, candidates in (("caf", HOUSING_AID), ("carsat", ASPA), ("cpam", CSS)):
        if registered(candidates):
            assert partner in ids, partner
        else:
            NOT_YET_CHECKABLE.append(
                f"case 1: partner {partner} (its programme is not in the registry yet)"
            )


# ── Case 2: surendettement_dossier ──────────────────────────────────────────────────────────────


def test_case_2_surendettement_and_point_conseil_budget(situations_dir: Path) -> None:
    report = report_for(situations_dir, "surendettement_dossier")
    surendettement = must(report, "surendettement")
    # 620 / 1 150 = 53,9 % of the incomes, above the engine's orientation threshold of 50 %.
    assert surendettement.verdict == "likely"
    assert surendettement.urgency == "high"
    # A share, shown in % (not in €): 620 / 1 150 = 53,91 %.
    assert any(
        d.startswith("Part des ressources consacrée aux remboursements : 53,91 %")
        for d in surendettement.details
    )
    assert any(
        step.startswith("Déposer le dossier à la Banque de France")
        for step in surendettement.next_steps
    )
    must(report, "point_conseil_budget")
    must_any(report, "case 2", "housing aid", HOUSING_AID)
    must_any(report, "case 2", "prime d'activité", PRIME_ACTIVITE)
    ids = partner_ids(report)
    assert {"banque_de_france", "point_conseil_budget"} <= ids
    if registered(HOUSING_AID) or registered(PRIME_ACTIVITE):
        assert "caf" in ids


# ── Case 5: mere_isolee_sans_logement ───────────────────────────────────────────────────────────


def test_case_5_emergency_shelter_first_then_violence_line(situations_dir: Path) -> None:
    report = report_for(situations_dir, "mere_isolee_sans_logement")
    first = report.findings[0]
    assert first.programme == "hebergement_urgence"
    assert (first.verdict, first.urgency) == ("likely", "emergency")
    violence = must(report, "violences_conjugales")
    assert violence.urgency == "high"  # violence reported, no immediate danger: 3919, not 17
    must(report, "rsa")
    must_any(report, "case 5", "allocation de soutien familial", ASF)
    must_any(report, "case 5", "complémentaire santé solidaire", CSS)
    assert {"siao_115", "caf", "violences_femmes_info_3919"} <= partner_ids(report)


# ── Case 6: parents_debordes_enfant ─────────────────────────────────────────────────────────────


def test_case_6_educational_support_at_home_not_rsa_nor_aah(situations_dir: Path) -> None:
    report = report_for(situations_dir, "parents_debordes_enfant")
    aed = must(report, "aide_educative_domicile")
    assert any("accord des parents" in p.ask for p in aed.partners)
    # One child and a couple: no AF (two children at least, CSS L521-1) nor ASF (L523-1); the
    # CAF benefit this working family may miss is the prime d'activité (tests/cases/
    # test_case_prime_activite_famille.py checks its amount).
    must_any(report, "case 6", "family benefits", FAMILY_BENEFITS + PRIME_ACTIVITE)
    for programme in registered(("rsa", "aah")):
        assert finding(report, programme).verdict != "likely", programme
    # Nothing suggests a danger: no information préoccupante.
    assert finding(report, "information_preoccupante").verdict == "unlikely"
    assert {"conseil_departemental", "service_social_scolaire"} <= partner_ids(report)


# ── Case 7: information_preoccupante ────────────────────────────────────────────────────────────


def test_case_7_information_preoccupante_first_as_an_emergency(situations_dir: Path) -> None:
    report = report_for(situations_dir, "information_preoccupante")
    first = report.findings[0]
    assert first.programme == "information_preoccupante"
    assert (first.verdict, first.urgency) == ("likely", "emergency")
    assert {"crip", "allo_enfance_119"} <= partner_ids(report)
    # Unknown facts never raise an urgency: every other finding of this partial situation is normal.
    assert all(f.urgency == "normal" for f in report.findings[1:] if f.verdict == "to_confirm")


# ── The command line prints, in French, the first finding, its urgency, deadline and partners ──

# case: (label of the expected finding, its urgency, its deadline, contacts in the partner list);
# FIRST: the cases where the acceptance cases want this finding ranked first.
FIRST = {"retraite_facture_energie", "mere_isolee_sans_logement", "information_preoccupante"}
CLI_EXPECTATIONS = {
    "retraite_facture_energie": (
        "Impayé d'énergie — procédure du fournisseur et trêve hivernale",
        "urgence haute",
        "31 mars 2027",
        ["Fournisseur d'énergie", "0 800 112 212"],
    ),
    "surendettement_dossier": (
        "Dossier de surendettement (Banque de France)",
        "urgence haute",
        None,
        ["Banque de France", "accueil.banque-france.fr", "Point conseil budget"],
    ),
    "mere_isolee_sans_logement": (
        "Hébergement d'urgence (115 / SIAO)",
        "urgence immédiate",
        None,
        ["115 (gratuit, 24 h/24, 7 j/7)", "3919 (gratuit, anonyme"],
    ),
    "parents_debordes_enfant": (
        "Aide éducative à domicile (aide sociale à l'enfance)",
        "urgence normale",
        None,
        ["Conseil départemental", "Service social en faveur des élèves"],
    ),
    "information_preoccupante": (
        "Enfant en danger — information préoccupante à la CRIP (119)",
        "urgence immédiate",
        None,
        ["CRIP", "119 (gratuit, 24 h/24, 7 j/7)"],
    ),
}


def _cli() -> list[str]:
    script = shutil.which("rights-engine", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "rights_engine.cli.main"]


@pytest.mark.parametrize("case", sorted(CLI_EXPECTATIONS))
def test_cli_text_report(situations_dir: Path, case: str) -> None:
    label, urgency, deadline, contacts = CLI_EXPECTATIONS[case]
    done = subprocess.run(
        [*_cli(), "simulate", str(situations_dir / f"{case}.yaml")],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout
    match = re.search(
        rf"^(\d+)\. {re.escape(label)}\n(.*?)(?=^\d+\. |^Partenaires à contacter)",
        text,
        re.M | re.S,
    )
    assert match is not None, text[:2000]
    if case in FIRST:
        assert match.group(1) == "1"
    block = match.group(2)
    assert urgency in block.splitlines()[0]
    if deadline is not None:
        assert deadline in block
    partners = text.split("Partenaires à contacter", 1)[1]
    for contact in contacts:
        assert contact in partners, contact


def test_zz_report_not_yet_checkable() -> None:
    """Prints (pytest -s) the expectations that wait for a colleague's programme."""
    for line in sorted(set(NOT_YET_CHECKABLE)):
        print(f"[not yet checkable] {line}")
