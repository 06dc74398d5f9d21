"""Unknown is not zero: partial situations give ranges, `to_confirm` verdicts and questions."""

from __future__ import annotations

import rights_engine

HEADER = "schema: 1\nperiod: 2026-11\n"


def rsa_of(text: str):
    report = rights_engine.evaluate(rights_engine.parse_situation(HEADER + text))
    return next(f for f in report.findings if f.programme == "rsa")


def test_unknown_incomes_give_a_range_and_a_question() -> None:
    rsa = rsa_of(
        "household: {housing: {status: tenant, housing_aid: 0}}\n"
        "people:\n  - {id: a, role: applicant, age: 40, nationality: french, activity: "
        "unemployed}\n"
    )
    assert rsa.verdict == "to_confirm"
    assert rsa.estimated_amount is not None
    assert rsa.estimated_amount.minimum == 0
    assert rsa.estimated_amount.maximum == 651.69  # MF of one person, no forfait (tenant, no aid)
    assert [m.fact for m in rsa.missing] == ["incomes"]
    assert rsa.missing[0].question.startswith("Quelles sont les ressources mensuelles")


def test_known_zero_income_is_not_unknown() -> None:
    rsa = rsa_of(
        "household: {housing: {status: tenant, housing_aid: 0}}\n"
        "people:\n  - {id: a, role: applicant, age: 40, nationality: french, activity: "
        "unemployed, incomes: {}}\n"
    )
    assert rsa.verdict == "likely"
    assert rsa.estimated_amount is not None
    assert (rsa.estimated_amount.minimum, rsa.estimated_amount.maximum) == (651.69, 651.69)
    assert rsa.missing == []


def test_unknown_nationality_leaves_the_residence_condition_unknown() -> None:
    rsa = rsa_of(
        "household: {housing: {status: tenant, housing_aid: 0}}\n"
        "people:\n  - {id: a, role: applicant, age: 40, activity: unemployed, incomes: {}}\n"
    )
    statuses = {r.label.split(" ")[0]: r.status for r in rsa.reasons}
    assert statuses["Être"] == "unknown"
    assert rsa.verdict == "to_confirm"
    assert "nationality" in [m.fact for m in rsa.missing]


def test_a_known_fact_that_excludes_gives_unlikely_whatever_the_unknowns() -> None:
    rsa = rsa_of(
        "people:\n  - {id: a, role: applicant, age: 22, activity: student, incomes: {}, "
        "hours_worked_last_3_years: 0}\n"
    )
    assert rsa.verdict == "unlikely"
    assert rsa.missing == []
    assert any(r.status == "not_met" for r in rsa.reasons)


def test_unknown_age_is_asked() -> None:
    rsa = rsa_of(
        "household: {housing: {status: tenant, housing_aid: 0}}\n"
        "people:\n  - {id: a, role: applicant, nationality: french, activity: unemployed, "
        "incomes: {}}\n"
    )
    assert rsa.verdict == "to_confirm"
    assert "age" in [m.fact for m in rsa.missing]


def test_high_income_gives_unlikely_with_an_explanation() -> None:
    rsa = rsa_of(
        "household: {housing: {status: tenant, housing_aid: 0}}\n"
        "people:\n  - {id: a, role: applicant, age: 40, nationality: french, activity: employed, "
        "incomes: {salary: 1800}}\n"
    )
    assert rsa.verdict == "unlikely"
    assert any(
        d.startswith("Montant nul : les ressources du foyer atteignent le montant forfaitaire")
        for d in rsa.details
    )


def test_lone_parent_student_keeps_the_majoration() -> None:
    rsa = rsa_of(
        "household: {housing: {status: tenant, housing_aid: 0}, family_benefits: 0, "
        "single_parent_since: 2026-06}\n"
        "people:\n"
        "  - {id: a, role: applicant, age: 21, nationality: french, activity: student, incomes: "
        "{}}\n"
        "  - {id: b, role: child, age: 1}\n"
    )
    assert rsa.verdict == "likely"
    student = next(r for r in rsa.reasons if "étudiant" in r.label)
    assert student.status == "not_required"
