"""Acceptance cases of issues 9 (individual rights) and 10 (unknown facts).

Individual rights (AAH, APA) are evaluated for each adult, the partner included; an unknown fact
never turns a right that exists into `unlikely`, never shows an internal completion value, and is
asked only for the findings its answer can change.
"""

from __future__ import annotations

import json
import re

import pytest

import rights_engine
from rights_engine.report import Finding, Report


def _report(text: str) -> Report:
    return rights_engine.evaluate(rights_engine.parse_situation(text))


def _finding(report: Report, programme: str, person: str | None = None) -> Finding:
    return next(
        f
        for f in report.findings
        if f.programme == programme and (person is None or f.person == person)
    )


# The partner's AAH (CSS L821-1: an individual right; the partner's incomes have not been counted
# since 1 October 2023, L821-3). OpenFisca-France 176.1.8 gives the partner 1 041,59 €.
AAH_PARTNER = """
schema: 1
id: aah_partner
period: 2026-10
household:
  commune: "24037"
  housing: {status: owner, housing_aid: 0}
  fiscal_reference_income: 16000
  benefits_received: []
people:
- {id: a, role: applicant, birth_date: "1979-04-01", nationality: french, activity: employed,
   incomes: {salary: 1450}}
- {id: b, role: partner, birth_date: "1983-04-01", nationality: french, activity: inactive,
   incomes: {}, disability_rate: 80, aah_before_october_2023: false}
"""

# The partner's APA (CASF L232-1: an individual right). OpenFisca-France gives 1 656,67 €.
APA_PARTNER = """
schema: 1
id: apa_partner
period: 2026-10
household:
  commune: "24037"
  housing: {status: owner, housing_aid: 0}
  fiscal_reference_income: 21000
  benefits_received: []
people:
- {id: a, role: applicant, birth_date: "1946-04-01", nationality: french, activity: retired,
   incomes: {pension: 1050}}
- {id: b, role: partner, birth_date: "1949-04-01", nationality: french, activity: retired,
   incomes: {pension: 950}, gir: 2}
"""


def test_the_partners_aah_is_reported_for_the_partner() -> None:
    report = _report(AAH_PARTNER)
    partner = _finding(report, "aah", "b")
    assert partner.verdict == "likely"
    assert partner.estimated_amount is not None
    assert partner.estimated_amount.minimum == pytest.approx(1041.59, abs=0.01)
    assert _finding(report, "aah", "a").verdict == "unlikely"  # no disability: nothing special


def test_the_partners_apa_is_reported_for_the_partner() -> None:
    report = _report(APA_PARTNER)
    partner = _finding(report, "apa_domicile", "b")
    assert partner.verdict == "likely"
    assert partner.estimated_amount is not None
    assert partner.estimated_amount.minimum == pytest.approx(1656.67, abs=0.01)
    assert _finding(report, "apa_domicile", "a").verdict == "unlikely"


def test_individual_rights_name_their_person_in_the_json() -> None:
    data = json.loads(_report(AAH_PARTNER).to_json())
    people = {(f["programme"], f["person"]) for f in data["findings"]}
    assert {("aah", "a"), ("aah", "b"), ("rsa", None)} <= people


EMPLOYED_INCOMES_UNKNOWN = """
schema: 1
period: 2026-11
household: {commune: "33063", housing: {status: tenant, rent: 600}, fiscal_reference_income: 12000}
people:
- {id: a, role: applicant, birth_date: "1990-03-01", nationality: french, activity: employed}
"""


def test_an_employed_person_with_unknown_incomes_may_get_the_prime_d_activite() -> None:
    # No income and a high income both give no prime; an income in between does (CSS L842-3).
    ppa = _finding(_report(EMPLOYED_INCOMES_UNKNOWN), "prime_activite")
    assert ppa.verdict == "to_confirm"
    assert ppa.estimated_amount is not None
    assert ppa.estimated_amount.minimum == 0
    # The largest prime of a person alone is above 200 € (forfait 638,28 € in 2026, 61 % of
    # earnings and the bonification, CSS D843-1 s.).
    assert ppa.estimated_amount.maximum > 200
    assert [m.fact for m in ppa.missing] == ["incomes"]
    assert not any(d.startswith("Montant nul") for d in ppa.details)


SENIOR_AGE_UNKNOWN = """
schema: 1
period: 2026-11
household: {commune: "24037", housing: {status: owner, housing_aid: 0},
            fiscal_reference_income: 6000}
people:
- {id: a, role: applicant, nationality: french, activity: retired, incomes: {pension: 500},
   gir: 3}
"""


def test_an_unknown_birth_date_does_not_close_the_old_age_rights() -> None:
    # A 74-year-old with this pension gets the ASPA (CSS L815-1) and the APA (CASF L232-1): with
    # the birth date left out, neither may be called unlikely.
    report = _report(SENIOR_AGE_UNKNOWN)
    for programme in ("aspa", "apa_domicile"):
        finding = _finding(report, programme)
        assert finding.verdict == "to_confirm", programme
        assert "age" in [m.fact for m in finding.missing], programme
        assert finding.estimated_amount is not None and finding.estimated_amount.maximum > 0


INTERNAL_VALUES = re.compile(r"(?<!\d)(?<!\d )(10 000,00|100 000 000|666 666|1 000 000|2 000,00 €)")


@pytest.mark.parametrize("text", [EMPLOYED_INCOMES_UNKNOWN, SENIOR_AGE_UNKNOWN])
def test_no_internal_completion_value_reaches_the_worker(text: str) -> None:
    report = _report(text)
    shown = [d for f in report.findings for d in f.details]
    assert not [d for d in shown if INTERNAL_VALUES.search(d)]
    assert any("inconnu" in d for d in shown)


PREGNANT_19 = """
schema: 1
period: 2026-11
household: {commune: "33063", housing: {status: hosted_free, contributes_to_costs: false}}
people:
- {id: a, role: applicant, birth_date: "2007-02-01", nationality: french, activity: inactive,
   pregnant: true, hours_worked_last_3_years: 0}
"""


def test_questions_are_those_that_can_change_the_finding() -> None:
    # The RSA of a pregnant 19-year-old (CASF L262-4: the age condition is waived) depends on
    # her incomes, not on energy bills, debts or violence.
    report = _report(PREGNANT_19)
    rsa = _finding(report, "rsa")
    assert rsa.verdict == "to_confirm"
    facts = [m.fact for m in rsa.missing]
    assert "incomes" in facts
    assert not {"energy_debt", "debts", "domestic_violence", "fiscal_reference_income"} & set(facts)


def test_each_question_is_asked_once_with_the_rights_it_concerns() -> None:
    report = _report(PREGNANT_19)
    keys = [(q.fact, q.person) for q in report.questions]
    assert len(keys) == len(set(keys))
    incomes = next(q for q in report.questions if q.fact == "incomes")
    assert "rsa" in incomes.programmes and incomes.at_stake > 0
    # A question concerns a finding only if that finding asks it.
    for question in report.questions:
        for programme in question.programmes:
            assert any(
                m.fact == question.fact
                for f in report.findings
                if f.programme == programme
                for m in f.missing
            )
    data = json.loads(report.to_json())
    assert [q["fact"] for q in data["questions"]] == [q.fact for q in report.questions]


FAMILY = """
schema: 1
period: 2026-11
household: {commune: "33063", housing: {status: social_tenant, rent: 450},
            fiscal_reference_income: 15000}
people:
- {id: a, role: applicant, birth_date: "1990-03-01", nationality: french, activity: employed,
   incomes: {salary: 1300}}
- {id: b, role: partner, birth_date: "1991-03-01", nationality: french, activity: inactive,
   incomes: {}}
- {id: c, role: child, birth_date: "2015-05-01"}
- {id: d, role: child, birth_date: "2017-05-01"}
- {id: e, role: child}
"""


def test_family_benefits_left_out_are_computed_not_asked() -> None:
    report = _report(FAMILY)
    asked = {q.fact for q in report.questions} | {
        m.fact for f in report.findings for m in f.missing
    }
    assert "family_benefits" not in asked


def test_a_childs_unknown_age_does_not_close_the_complement_familial() -> None:
    # Three children of 3 or more and these resources open the complément familial (CSS L522-1,
    # R522-2); the third child's age left out must leave it possible.
    cf = _finding(_report(FAMILY), "complement_familial")
    assert cf.verdict == "to_confirm"
    assert "age" in [m.fact for m in cf.missing]


RFR_UNKNOWN = """
schema: 1
period: 2026-11
household: {commune: "33063", housing: {status: tenant, rent: 500}}
people:
- {id: a, role: applicant, birth_date: "1950-03-01", nationality: french, activity: retired,
   incomes: {pension: 900}}
"""


def test_an_unknown_rfr_is_estimated_from_the_incomes_and_still_asked() -> None:
    # Chèque énergie (C. énergie R124-2): RFR per consumption unit; with a pension of 900 €/month
    # the estimate (900 × 12 × 0,9 = 9 720 €) gives a cheque, shown as an estimate.
    cheque = _finding(_report(RFR_UNKNOWN), "cheque_energie")
    assert cheque.verdict == "to_confirm"
    assert cheque.estimated_amount is not None
    estimate = cheque.estimated_amount.estimate
    assert estimate is not None
    assert cheque.estimated_amount.minimum <= estimate <= cheque.estimated_amount.maximum
    assert estimate > 0
    assert any("estimé" in d for d in cheque.details)
    assert [m.fact for m in cheque.missing] == ["fiscal_reference_income"]


def test_a_fact_that_can_close_the_right_at_its_best_is_asked() -> None:
    # No income gives no prime d'activité, whatever the nationality: only at a salary where the
    # prime is paid does the nationality matter (CSS L842-2: a non-EU national needs a permit).
    text = EMPLOYED_INCOMES_UNKNOWN.replace("nationality: french, ", "")
    ppa = _finding(_report(text), "prime_activite")
    assert {m.fact for m in ppa.missing} == {"nationality", "incomes"}
