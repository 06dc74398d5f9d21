"""Allocation de soutien familial when the other parent's child support is unpaid, paid in part,
paid but low, or unknown (CSS L523-1, L581-2, R523-7, D523-3).

Expected amounts are computed by hand from the law with the BMAF of 1 April 2026 (478,16 €): the
ASF of one child is 42,2 % × 478,16 = 201,78352 €.
"""

from __future__ import annotations

import pytest

import rights_engine
from rights_engine.report import Finding

HOUSEHOLD = (
    "housing: {status: tenant, rent: 450, housing_aid: 120}, "
    "family_benefits: 0, benefits_received: []"
)


def _asf(alimony: str, incomes: str | None, children: int = 1) -> Finding:
    """A lone mother of 34 in November 2026, with ``children`` children of 6 and 9."""
    people = [
        "  - {id: mere, role: applicant, birth_date: 1992-03-01, nationality: french, "
        "activity: employed" + (f", incomes: {incomes}" if incomes is not None else "") + "}"
    ]
    people += [
        f"  - {{id: enfant{k}, role: child, birth_date: {2020 - 3 * k}-05-10}}"
        for k in range(children)
    ]
    alimony_line = f", alimony: {alimony}" if alimony else ""
    text = (
        "schema: 1\nperiod: 2026-11\n"
        f"household: {{{HOUSEHOLD}, single_parent_since: 2024-01{alimony_line}}}\n"
        "people:\n" + "\n".join(people) + "\n"
    )
    report = rights_engine.evaluate(rights_engine.parse_situation(text))
    return next(f for f in report.findings if f.programme == "asf")


def _detail(finding: Finding, start: str) -> str | None:
    return next((d for d in finding.details if d.startswith(start)), None)


def test_unpaid_pension_gives_the_whole_asf_advanced_and_recovered_by_the_caf() -> None:
    # Pension of 300 €/month fixed by the judge for two children, unpaid for months: the ASF is
    # due in full, 2 × 201,78352 = 403,57 €, paid as an advance on the pension (L581-2, al. 1),
    # whatever the amount fixed; the CAF recovers it from the debtor.
    asf = _asf("{status: unpaid, amount_fixed: 300}", "{salary: 900}", children=2)
    assert asf.verdict == "likely"
    assert asf.estimated_amount is not None
    assert (
        asf.estimated_amount.minimum
        == asf.estimated_amount.maximum
        == pytest.approx(403.57, abs=0.01)
    )
    recovery = _detail(asf, "Pension impayée")
    assert recovery is not None and recovery.endswith(": oui (CSS art. L581-2)")
    assert "recouvre" in recovery and "parent débiteur" in recovery
    assert any("recouvrement" in step and "parent débiteur" in step for step in asf.next_steps)
    assert "ARIPA" in next(p.ask for p in asf.partners if p.id == "caf")
    assert _detail(asf, "Aucune pension fixée") is None
    assert not asf.missing


def test_pension_paid_in_part_gives_the_difference_as_an_advance() -> None:
    # 300 € fixed for two children, 150 € actually paid: the differential allowance completes the
    # payment up to the ASF, 403,57 − 150 = 253,57 € (L581-2, al. 2), and is recovered as well.
    asf = _asf(
        "{status: partially_paid, amount_fixed: 300}", "{salary: 900, alimony: 150}", children=2
    )
    assert asf.verdict == "likely"
    assert asf.estimated_amount is not None
    assert asf.estimated_amount.minimum == pytest.approx(253.57, abs=0.01)
    assert _detail(asf, "Pension impayée") is not None
    deducted = _detail(asf, "Pension déduite de l'ASF")
    assert deducted is not None and deducted.endswith(
        ": 150,00 € (CSS art. L523-1, I, 4° et L581-2)"
    )


def test_pension_paid_in_full_below_the_asf_gives_the_differential_asf_not_recovered() -> None:
    # 120 € fixed for one child and paid in full: differential ASF 201,78 − 120 = 81,78 €
    # (L523-1, I, 4°), not recovered from the other parent (L581-2, al. 4).
    asf = _asf("{status: paid, amount_fixed: 120}", "{salary: 900, alimony: 120}")
    assert asf.verdict == "likely"
    assert asf.estimated_amount is not None
    assert asf.estimated_amount.minimum == pytest.approx(81.78, abs=0.01)
    assert _detail(asf, "Pension impayée") is None
    # Just below the 15 € payment threshold (D523-3): 186,79 € fixed leaves 14,99 €.
    low = _asf("{status: paid, amount_fixed: 186.79}", "{salary: 900, alimony: 186.79}")
    assert low.verdict == "unlikely"
    # The nil amount says why in the ASF's terms (the pension), not the household's resources.
    assert _detail(low, "Montant nul : la pension alimentaire fixée ou versée atteint") is not None


def test_no_pension_fixed_asks_for_an_action_before_the_judge() -> None:
    # No pension fixed yet: the whole ASF (201,78 €), kept after 4 months only if an action to fix
    # the pension is brought before the juge aux affaires familiales.
    asf = _asf("{status: none}", "{salary: 900}")
    assert asf.verdict == "likely"
    assert asf.estimated_amount is not None
    assert asf.estimated_amount.minimum == pytest.approx(201.78, abs=0.01)
    assert (_detail(asf, "Aucune pension fixée") or "").endswith(": oui (CSS art. L523-1, I, 3°)")
    assert any("juge aux affaires familiales" in step for step in asf.next_steps)


def test_unknown_pension_and_incomes_give_a_range_and_the_question() -> None:
    # Nothing known about the pension nor the incomes: from nothing (a pension of at least the ASF
    # paid in full) to the whole ASF (pension unpaid); the worker is asked about the pension.
    asf = _asf("", None)
    assert asf.verdict == "to_confirm"
    assert asf.estimated_amount is not None
    assert asf.estimated_amount.minimum == 0
    assert asf.estimated_amount.maximum == pytest.approx(201.78, abs=0.01)
    questions = {m.fact: m.question for m in asf.missing}
    assert "alimony" in questions
    assert questions["alimony"].startswith(
        "Une pension alimentaire a-t-elle été fixée pour les enfants"
    )
    # A pension said to be paid, amount unknown: still a range, still the question.
    paid = _asf("{status: paid}", None)
    assert paid.verdict == "to_confirm" and "alimony" in {m.fact for m in paid.missing}


def test_unknown_pension_with_known_incomes_keeps_the_amount() -> None:
    # The incomes are known: 80 € of alimony received. Paid in full (80 € fixed) or in part, the
    # ASF is 201,78 − 80 = 121,78 € either way (L523-1, I, 4° ; L581-2): no range, no question.
    asf = _asf("", "{salary: 900, alimony: 80}")
    assert asf.verdict == "likely"
    assert asf.estimated_amount is not None
    assert (
        asf.estimated_amount.minimum
        == asf.estimated_amount.maximum
        == pytest.approx(121.78, abs=0.01)
    )
    assert "alimony" not in {m.fact for m in asf.missing}
