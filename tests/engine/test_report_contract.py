"""Report contract: ranking, partners listed once, determinism, periods, vectorised batches."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rights_engine
from rights_engine.engine.catalogue import programmes
from rights_engine.report import Finding
from rights_engine.situation.models import Situation


def load(situations_dir: Path, name: str) -> Situation:
    return rights_engine.load_situation(situations_dir / f"{name}.yaml")


def test_same_input_gives_byte_identical_json(situations_dir: Path) -> None:
    situation = load(situations_dir, "rsa_permis_hameau")
    first = rights_engine.evaluate(situation).to_json()
    second = rights_engine.evaluate(load(situations_dir, "rsa_permis_hameau")).to_json()
    assert first == second


def test_partners_are_listed_once_with_what_they_handle(situations_dir: Path) -> None:
    report = rights_engine.evaluate(load(situations_dir, "rsa_permis_hameau"))
    ids = [p.id for p in report.partners]
    assert len(ids) == len(set(ids))
    departement = next(p for p in report.partners if p.id == "conseil_departemental")
    # The RSA and the insertion path (and, while the household's energy bills are unknown, the
    # FSL énergie and the energy-debt procedure, to confirm).
    assert {
        "Revenu de solidarité active (RSA)",
        "Accompagnement d'insertion et aides à la mobilité (référent RSA)",
    } <= set(departement.handles)
    assert len(departement.handles) == len(set(departement.handles))


def test_every_finding_says_why_it_sits_where_it_is(situations_dir: Path) -> None:
    report = rights_engine.evaluate(load(situations_dir, "mere_isolee_sans_logement"))
    for finding in report.findings:
        assert finding.rank_reason.startswith(("Classé par urgence", "Peu probable"))


def test_period_outside_every_validated_range_is_an_error(situations_dir: Path) -> None:
    situation = load(situations_dir, "rsa_permis_hameau")
    with pytest.raises(rights_engine.PeriodOutOfRange, match="2023-12"):
        rights_engine.evaluate(situation, period="2023-12")
    with pytest.raises(rights_engine.PeriodOutOfRange):
        rights_engine.evaluate(situation, period="2027-01")


def test_validated_range_edges_are_evaluated(situations_dir: Path) -> None:
    situation = load(situations_dir, "rsa_permis_hameau")
    early = rights_engine.evaluate(situation, period="2024-01").findings
    late = rights_engine.evaluate(situation, period="2026-12").findings
    rsa_early = next(f for f in early if f.programme == "rsa").estimated_amount
    rsa_late = next(f for f in late if f.programme == "rsa").estimated_amount
    assert rsa_early is not None and rsa_late is not None
    assert rsa_early.minimum == pytest.approx(607.75 * 0.88, abs=0.01)
    assert rsa_late.minimum == pytest.approx(651.69 - 78.20, abs=0.01)


people = st.fixed_dictionaries(
    {
        "age": st.integers(min_value=18, max_value=90),
        "salary": st.sampled_from([0, 200, 450.5, 700, 1500]),
        "nationality": st.sampled_from(["french", "eu", "other", None]),
        "activity": st.sampled_from(["employed", "unemployed", "student", None]),
        "children": st.integers(min_value=0, max_value=4),
        "housing": st.sampled_from(["tenant", "hosted_free", "owner", "homeless", None]),
        "couple": st.booleans(),
    }
)


def situation_from(draw: dict) -> Situation:
    applicant = {
        "id": "a",
        "role": "applicant",
        "age": draw["age"],
        "incomes": {"salary": draw["salary"]},
    }
    if draw["nationality"]:
        applicant["nationality"] = draw["nationality"]
    if draw["activity"]:
        applicant["activity"] = draw["activity"]
    members = [applicant]
    if draw["couple"]:
        members.append(
            {
                "id": "p",
                "role": "partner",
                "age": draw["age"],
                "incomes": {},
                "nationality": "french",
            }
        )
    members += [{"id": f"c{n}", "role": "child", "age": n + 1} for n in range(draw["children"])]
    household = {"housing": {"status": draw["housing"]}} if draw["housing"] else {}
    return Situation.model_validate(
        {"schema": 1, "period": "2026-11", "household": household, "people": members}
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(people, min_size=2, max_size=6))
def test_a_batch_gives_the_same_reports_as_one_by_one(draws: list[dict]) -> None:
    situations = [situation_from(d) for d in draws]
    together = [r.to_json() for r in rights_engine.evaluate_many(situations)]
    alone = [rights_engine.evaluate(s).to_json() for s in situations]
    assert together == alone


def _rule_to_confirm(finding: Finding) -> bool:
    """Whether the finding is to confirm because a rule is not confirmed yet (a condition with
    ``unconfirmed_by``, e.g. the CSS ceiling of April 2026, reported unknown): no fact of the
    household settles it, the partner does."""
    [programme] = [p for p in programmes() if p.id == finding.programme]
    labels = {
        label
        for condition in programme.rules.conditions
        if condition.unconfirmed_by
        for label in (condition.label_for(True), condition.label_for(False))
    }
    return any(r.status == "unknown" and r.label in labels for r in finding.reasons)


def test_an_unconfirmed_rule_alone_leaves_a_finding_to_confirm_without_a_question() -> None:
    """A person of 67 with 200 € of salary and no other income, homeless: the CSS resources are
    between the last published ceiling and the 2026 one, not confirmed. No fact can settle it:
    the finding is to confirm with the CPAM, and asks nothing (found by the property below)."""
    draw = {
        "age": 67,
        "salary": 200,
        "nationality": "french",
        "activity": "employed",
        "children": 0,
        "housing": "homeless",
        "couple": False,
    }
    report = rights_engine.evaluate(situation_from(draw))
    [css] = [f for f in report.findings if f.programme == "css"]
    assert css.verdict == "to_confirm" and not css.missing
    assert _rule_to_confirm(css)
    assert any("non confirmé" in detail for detail in css.details)


@settings(max_examples=25, deadline=None)
@given(people)
def test_verdicts_are_consistent_with_amounts_and_reasons(draw: dict) -> None:
    report = rights_engine.evaluate(situation_from(draw))
    for finding in report.findings:
        statuses = {r.status for r in finding.reasons}
        if finding.verdict == "likely":
            assert statuses <= {"met", "not_required"}
            assert finding.estimated_amount is None or finding.estimated_amount.minimum > 0
        if "not_met" in statuses:
            assert finding.verdict == "unlikely"
        if finding.verdict == "to_confirm" and not _rule_to_confirm(finding):
            # A fact can settle it: the finding asks it.
            assert finding.missing, finding.programme
        amount = finding.estimated_amount
        if amount is not None:
            assert 0 <= amount.minimum <= amount.maximum
