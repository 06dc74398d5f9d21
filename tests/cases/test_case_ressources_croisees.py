"""Benefits count in each other's resources, as the law says (issue 9, item 1).

Each household shows one defect of the engine before this fix; the figures are computed by hand
from the law with the parameters of October 2026 (RSA 651,69 €, prime d'activité 638,28 €, AAH
1 041,59 €, ASPA 1 043,595 €/month, SMIC horaire brut 12,31 €, CSS ceiling 10 339 €).
"""

from __future__ import annotations

import numpy as np
import pytest

import rights_engine
from rights_engine.engine.builder import build_simulation
from rights_engine.engine.scenarios import Scenario, complete
from rights_engine.report import Finding, Report
from rights_engine.situation.models import Month

HEAD = """schema: 1
period: 2026-10
household:
  commune: "24037"
  housing: {status: owner, housing_aid: 0}
  benefits_received: []
"""
LESS_THAN_DUE = "perçoit peut-être moins que son dû"


def report_of(text: str) -> Report:
    return rights_engine.evaluate(rights_engine.parse_situation(text))


def finding(report: Report, programme: str) -> Finding:
    return next(f for f in report.findings if f.programme == programme)


def amount(report: Report, programme: str) -> float:
    found = finding(report, programme).estimated_amount
    assert found is not None and found.minimum == found.maximum, programme
    return found.minimum


def test_rsa_counts_the_aspa_the_household_is_entitled_to() -> None:
    # Alone, 74, pension 300 €, owner. ASPA 1 043,595 − 300 = 743,60 € ; RSA 651,69 − 78,20 −
    # (300 + 743,60) < 0 (CASF L262-10, R262-6). Before: RSA 273,49 € beside the ASPA.
    report = report_of(
        HEAD
        + """  fiscal_reference_income: 2500
people:
- {id: a, role: applicant, birth_date: "1952-04-01", nationality: french, activity: retired,
   incomes: {pension: 300}}
"""
    )
    assert amount(report, "aspa") == pytest.approx(743.60, abs=0.01)
    assert finding(report, "aspa").verdict == "likely"
    assert amount(report, "rsa") == 0
    assert finding(report, "rsa").verdict == "unlikely"


def test_prime_activite_counts_the_aah_of_the_applicant() -> None:
    # Couple: the applicant at 80 % without income, the partner earning 700 €. AAH 1 041,59 € ;
    # PPA 957,42 + 0,5985 × 700 − (700 + 1 041,59 + 153,19) < 0 (CSS L842-4). Before: 418,95 €.
    report = report_of(
        HEAD
        + """  fiscal_reference_income: 7500
people:
- {id: a, role: applicant, birth_date: "1974-04-01", nationality: french, activity: inactive,
   incomes: {}, disability_rate: 80, aah_before_october_2023: false}
- {id: b, role: partner, birth_date: "1981-04-01", nationality: french, activity: employed,
   incomes: {salary: 700}}
"""
    )
    assert amount(report, "aah") == pytest.approx(1041.59, abs=0.01)
    assert amount(report, "prime_activite") == 0


PARTNER_AAH = (
    HEAD
    + """  fiscal_reference_income: 16000
people:
- {id: a, role: applicant, birth_date: "1979-04-01", nationality: french, activity: employed,
   incomes: {salary: 1450}}
- {id: b, role: partner, birth_date: "1983-04-01", nationality: french, activity: inactive,
   incomes: {}, disability_rate: 80, aah_before_october_2023: false}
"""
)


def test_the_partner_aah_is_computed_for_her_and_counts_in_the_prime_activite() -> None:
    # The partner's AAH is an individual right (CSS L821-1), not reduced by the applicant's salary
    # since 1 October 2023: 1 041,59 €. PPA: 957,42 + 867,83 + 179,07 − (1 450 + 1 041,59 +
    # 153,19) < 0. Before: 401,13 €.
    situation = rights_engine.parse_situation(PARTNER_AAH)
    batch = build_simulation([complete(situation, Scenario.favourable)], Month("2026-10"))
    aah = np.asarray(batch.simulation.calculate("aah", "2026-10"))
    assert aah.tolist() == pytest.approx([0, 1041.59], abs=0.01)
    assert amount(rights_engine.evaluate(situation), "prime_activite") == 0


def test_css_counts_the_aah_after_its_abattement() -> None:
    # Alone, 85 %, owner, no other income, October 2026: the AAH of each month of the reference
    # period, September 2025 to August 2026 (R861-8), after its 68 € abattement:
    # 7 × (1 033,32 − 68) + 5 × (1 041,59 − 68) = 6 757,24 + 4 867,95, plus the forfait logement
    # 12 × 78,2028 = 938,43: 12 563,62 €, above the free ceiling (10 339 €) and under
    # 13 957,65 €: participation of 14 € at 41 (L861-2, R861-4, D861-3). Before: free CSS.
    report = report_of(
        HEAD.replace('"24037"', '"31555"')
        + """  fiscal_reference_income: 0
people:
- {id: a, role: applicant, birth_date: "1985-04-01", nationality: french, activity: inactive,
   incomes: {}, disability_rate: 85}
"""
    )
    details = finding(report, "css").details
    assert any(
        d.startswith("Participation financière mensuelle") and "14,00 €" in d for d in details
    )
    assert any(d.startswith("Ressources annuelles") and "12 563,62 €" in d for d in details)


def test_css_counts_the_family_benefits_in_full() -> None:
    # Lone parent of three (16, 12 and 7), unemployment benefit 520 €, family benefits not
    # declared: the engine counts the AF with the age increase, the increased complément familial
    # and the whole ASF (R861-4, R861-10), not the RSA's forfait: participation 14 + 3 × 8 = 38 €.
    # Before: free CSS.
    report = report_of(
        HEAD.replace('"24037"', '"31555"')
        + """  fiscal_reference_income: 5500
  single_parent_since: 2021-01
  alimony: {status: none}
people:
- {id: a, role: applicant, birth_date: "1986-04-01", nationality: french, activity: unemployed,
   incomes: {unemployment: 520}}
- {id: c, role: child, birth_date: "2010-04-01"}
- {id: d, role: child, birth_date: "2014-04-01"}
- {id: e, role: child, birth_date: "2019-04-01"}
"""
    )
    details = finding(report, "css").details
    assert any(
        d.startswith("Participation financière mensuelle") and "38,00 €" in d for d in details
    )


def test_aah_of_a_person_on_unemployment_benefit() -> None:
    # 1 000 € of unemployment benefit: (560,12 × 20 % + 439,88 × 60 %) × 70 % = 263,17 €
    # retained (R821-4, D821-9, R532-5); AAH 1 041,59 − 263,17 = 778,42 €. Before: 41,59 €.
    report = report_of(
        HEAD
        + """  fiscal_reference_income: 10500
people:
- {id: a, role: applicant, birth_date: "1995-04-01", nationality: french, activity: unemployed,
   incomes: {unemployment: 1000}, disability_rate: 80}
"""
    )
    assert amount(report, "aah") == pytest.approx(778.42, abs=0.01)


DECLARED_LOW = """schema: 1
period: 2026-10
household:
  commune: "24037"
  housing: {status: tenant, rent: 500, housing_aid: 50}
  fiscal_reference_income: 3000
  family_benefits: 0
  single_parent_since: 2020-01
  alimony: {status: none}
  benefits_received: []
people:
- {id: a, role: applicant, birth_date: "1990-04-01", nationality: french, activity: inactive,
   incomes: {}}
- {id: c, role: child, birth_date: "2012-04-01"}
- {id: d, role: child, birth_date: "2014-04-01"}
"""


def test_declared_family_benefits_below_those_due_are_used_and_flagged() -> None:
    # Lone parent of two, no family benefit declared: the ASF (and the AF) are due. The RSA uses
    # the declared 0 €: majorated? no (isolated since 2020, children over 3): MF 1,8 × 651,69 =
    # 1 173,04 €, forfait logement min(50 ; 16,5 % × 1 173,04) = 50 €: RSA 1 123,04 €; and the
    # report says the household may be receiving less than it is due.
    report = report_of(DECLARED_LOW)
    assert amount(report, "rsa") == pytest.approx(1173.04 - 50, abs=0.02)
    for programme in ("rsa", "css", "allocations_familiales"):
        assert any(
            d.startswith("Prestations familiales déclarées inférieures") and LESS_THAN_DUE in d
            for d in finding(report, programme).details
        ), programme
    # The housing aid declared (50 €) is below the aid computed for a 500 € rent.
    assert any(
        d.startswith("Aide au logement déclarée inférieure") and LESS_THAN_DUE in d
        for d in finding(report, "rsa").details
    )


def test_nothing_is_flagged_when_the_declared_amounts_are_not_below() -> None:
    declared = DECLARED_LOW.replace("family_benefits: 0", "family_benefits: 2000").replace(
        "housing_aid: 50", "housing_aid: 1000"
    )
    report = report_of(declared)
    for f in report.findings:
        assert not any(LESS_THAN_DUE in d for d in f.details), f.programme


def test_aah_details_carry_no_dated_amount() -> None:
    # The maximum comes from the parameter of the evaluated month: 1 033,32 € in June 2025, and
    # never the 1 041,59 € of 1 April 2026 (D821-3).
    text = (
        HEAD.replace("2026-10", "2025-06")
        + """people:
- {id: a, role: applicant, birth_date: "1995-04-01", nationality: french, activity: inactive,
   incomes: {}, disability_rate: 80}
"""
    )
    details = finding(report_of(text), "aah").details
    assert not any("1 041,59" in d for d in details)
    assert any(d.startswith("Montant maximal de l'AAH") and "1 033,32 €" in d for d in details)


def test_aspa_takes_the_salary_gross_before_its_abattement() -> None:
    # Alone, 66, a net salary of 1 000 €: gross 1 000 / (1 − 20,84025 %) = 1 263,27 € (employee
    # contributions: CSS D242-4, AGIRC-ARRCO, CSG L136-8 and CRDS on 98,25 %); quarterly
    # abattement 0,9 × 12,02 × 151,67 = 1 640,77 € (SMIC of 1 January, R815-29):
    # (3 × 1 263,27 − 1 640,77) / 3 = 716,34 € retained (R815-22); ASPA 1 043,60 − 716,34 =
    # 327,25 €. Before: the net salary, 590,52 €.
    report = report_of(
        HEAD
        + """  fiscal_reference_income: 12000
people:
- {id: a, role: applicant, birth_date: "1960-01-01", nationality: french, activity: employed,
   incomes: {salary: 1000}}
"""
    )
    assert amount(report, "aspa") == pytest.approx(327.25, abs=0.01)


def test_nothing_is_flagged_when_the_amounts_are_not_declared() -> None:
    # Rent, housing aid and family benefits unknown: nothing is declared, so nothing is said to be
    # declared below what is due (the completions of the unknown facts are not declarations).
    report = report_of(
        """schema: 1
period: 2026-10
household:
  housing: {status: tenant}
people:
- {id: a, role: applicant, birth_date: "1980-04-01", nationality: french, activity: inactive,
   incomes: {}}
- {id: c, role: child, birth_date: "2015-04-01"}
"""
    )
    for f in report.findings:
        assert not any(LESS_THAN_DUE in d for d in f.details), f.programme
