"""The realistic household generator (rights_engine.synthetic): valid, complete, deterministic,
and every category it documents appears, at about the share it documents."""

from __future__ import annotations

import random
from collections import Counter

import pytest

import rights_engine
from rights_engine.engine.facts import unknown_facts
from rights_engine.engine.zones import zone_apl_of
from rights_engine.situation.models import Role, Situation, age_at
from rights_engine.synthetic import (
    DEFAULT_PERIODS,
    HOUSEHOLD_KINDS,
    draw_household,
    generate_households,
    household_kind,
)

COUNT = 2000
SEED = 7


@pytest.fixture(scope="module")
def households() -> list[Situation]:
    return generate_households(COUNT, SEED)


def test_every_household_is_a_valid_complete_situation(households: list[Situation]) -> None:
    assert len(households) == COUNT
    assert len({h.id for h in households}) == COUNT
    for household in households:
        # Round trip through the input contract: what the generator gives is what a file gives.
        again = Situation.model_validate_json(household.model_dump_json(by_alias=True))
        assert again == household
        assert unknown_facts(household) == [], household.id
        assert household.household.commune is not None
        assert zone_apl_of(household.household.commune) in (1, 2, 3)
        assert not household.household.commune.startswith("97")  # metropolitan France only


def test_complete_households_give_exact_amounts_and_no_question(
    households: list[Situation],
) -> None:
    sample = households[:300]
    for situation, report in zip(sample, rights_engine.evaluate_many(sample), strict=True):
        assert report.questions == [], situation.id
        for finding in report.findings:
            assert finding.missing == [], (situation.id, finding.programme)
            amount = finding.estimated_amount
            if amount is not None:
                assert amount.minimum == amount.maximum, (situation.id, finding.programme)


def test_the_same_seed_gives_the_same_households() -> None:
    first = generate_households(50, 123)
    assert first == generate_households(50, 123)
    assert first[:20] == generate_households(20, 123)
    assert first != generate_households(50, 124)
    drawn = [draw_household(random.Random(5), "2025-07", "x") for _ in range(2)]
    assert drawn[0] == drawn[1]
    assert drawn[0].period == "2025-07"


def test_periods_are_cycled_and_required() -> None:
    periods = ("2024-01", "2025-02", "2026-03", "2026-10")
    assert [h.period for h in generate_households(8, 1, periods)] == list(periods) * 2
    assert [h.period for h in generate_households(3, 1)] == list(DEFAULT_PERIODS)
    with pytest.raises(ValueError, match="at least one month"):
        generate_households(1, 1, ())


def test_every_category_appears(households: list[Situation]) -> None:
    kinds = Counter(household_kind(h) for h in households)
    statuses = Counter(h.household.housing.status.value for h in households)
    children = Counter(sum(p.role is Role.child for p in h.people) for h in households)
    zones = Counter(zone_apl_of(h.household.commune) for h in households)
    adults = [p for h in households for p in h.people if p.role is not Role.child]
    child_ages = Counter(
        age_at(p, h.reference_month.first_day)
        for h in households
        for p in h.people
        if p.role is Role.child
    )
    adult_ages = [age_at(p, h.reference_month.first_day) for h in households for p in h.people]
    incomes = Counter(key for p in adults if p.incomes for key, value in p.incomes if value > 0)
    assert set(kinds) == set(HOUSEHOLD_KINDS)
    assert set(statuses) == {
        "tenant",
        "social_tenant",
        "owner",
        "owner_with_loan",
        "hosted_free",
        "homeless",
        "shelter",
    }
    assert set(children) == {0, 1, 2, 3, 4, 5}
    assert set(child_ages) == set(range(25))  # every age of a child, 0 to 24
    assert set(zones) == {1, 2, 3}
    assert set(incomes) == {
        "salary",
        "self_employment",
        "pension",
        "unemployment",
        "disability_pension",
        "alimony",
        "other",
    }
    assert {p.activity.value for p in adults if p.activity} == {
        "employed",
        "self_employed",
        "unemployed",
        "student",
        "retired",
        "inactive",
    }
    assert {p.nationality.value for p in adults if p.nationality} == {"french", "eu", "other"}
    assert any(p.protected_status for p in adults)
    assert any(p.has_residence_permit is False for p in adults)
    assert {p.gir for p in adults if p.gir is not None} == {1, 2, 3, 4, 5, 6}
    rates = [p.disability_rate for p in adults if p.disability_rate is not None]
    assert any(50 <= r < 80 for r in rates) and any(r >= 80 for r in rates)
    assert any(p.rsdae for p in adults) and any(p.aah_before_october_2023 for p in adults)
    assert any(p.unfit_for_work for p in adults) and any(p.pregnant for p in adults)
    assert max(a for a in adult_ages if a is not None) >= 90
    assert {h.household.alimony.status.value for h in households if h.household.alimony.status} == {
        "none",
        "paid",
        "unpaid",
        "partially_paid",
    }
    stages = {h.household.housing.eviction_stage for h in households}
    assert len({s for s in stages if s is not None}) == 5
    mixed = [  # a household mixing a salary with a pension or an unemployment benefit
        h
        for h in households
        if {"salary"} < {k for p in h.people if p.incomes for k, v in p.incomes if v > 0}
    ]
    assert mixed


def test_documented_shares(households: list[Situation]) -> None:
    """The shares the module docstring documents, within sampling error (2 000 households)."""
    kinds = Counter(household_kind(h) for h in households)
    statuses = Counter(h.household.housing.status.value for h in households)

    def share(count: int) -> float:
        return count / COUNT

    assert share(kinds["single"]) == pytest.approx(0.33, abs=0.04)
    assert share(kinds["couple"]) == pytest.approx(0.22, abs=0.04)
    assert share(kinds["couple_with_children"]) == pytest.approx(0.28, abs=0.04)
    assert share(kinds["lone_parent"]) == pytest.approx(0.17, abs=0.04)
    assert 0.15 <= share(statuses["social_tenant"]) <= 0.25  # HLM tenants
    seniors = sum(
        any((age_at(p, h.reference_month.first_day) or 0) >= 60 for p in h.people)
        for h in households
    )
    assert 0.18 <= share(seniors) <= 0.35
    disabled = sum(any(p.disability_rate for p in h.people) for h in households)
    assert 0.05 <= share(disabled) <= 0.15
