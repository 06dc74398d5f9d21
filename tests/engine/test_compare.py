"""What changes if: what-if variants, two situations, two months, a caseload (engine/compare.py).

A variant must give the report of the situation a worker would write by hand after the change:
each variant is checked against that hand-written situation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import rights_engine
from rights_engine.engine.compare import (
    CaseloadTotals,
    HouseholdChange,
    compare_caseload,
    compare_periods,
    compare_reports,
    compare_situations,
    what_if,
)
from rights_engine.situation.errors import SituationError

SITUATIONS = Path(__file__).resolve().parents[2] / "situations"

COUPLE: dict[str, Any] = {
    "schema": 1,
    "id": "couple",
    "period": "2026-11",
    "household": {
        "commune": "33063",
        "housing": {"status": "tenant", "rent": 500},
        "family_benefits": 0,
        "benefits_received": [],
    },
    "people": [
        {
            "id": "a",
            "role": "applicant",
            "birth_date": "1990-01-01",
            "nationality": "french",
            "activity": "unemployed",
            "incomes": {},
        },
        {
            "id": "b",
            "role": "partner",
            "birth_date": "1990-01-01",
            "nationality": "french",
            "activity": "employed",
            "incomes": {"salary": 1500},
        },
        {"id": "c", "role": "child", "birth_date": "2020-01-01"},
    ],
}


def _situation(data: dict[str, Any]) -> rights_engine.Situation:
    return rights_engine.parse_situation(yaml.safe_dump(data, allow_unicode=True))


def _with(**changes: Any) -> dict[str, Any]:
    data = yaml.safe_load(yaml.safe_dump(COUPLE))
    for path, value in changes.items():
        node = data
        *parents, last = path.split("__")
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[last] = value
    return data


def _same_findings(a: rights_engine.Report, b: rights_engine.Report) -> None:
    assert [(f.programme, f.verdict, f.estimated_amount) for f in a.findings] == [
        (f.programme, f.verdict, f.estimated_amount) for f in b.findings
    ]


def test_separation_gives_the_report_of_the_household_without_the_partner() -> None:
    situation = _situation(
        {**COUPLE, "what_if": [{"name": "séparation", "changes": [{"separation": {}}]}]}
    )
    [comparison] = what_if(situation)
    alone = _with()
    alone["people"] = [p for p in alone["people"] if p["role"] != "partner"]
    alone["household"]["single_parent_since"] = "2026-11"
    by_hand = rights_engine.evaluate(_situation(alone))
    base = rights_engine.evaluate(_situation(COUPLE))
    assert comparison == compare_reports(base, by_hand, "séparation")
    rsa = next(c for c in comparison.findings if c.programme == "rsa")
    assert "opens" in rsa.changes and rsa.verdict_after == "likely"
    # CSS L523-1: a lone parent raising a child whose other parent pays nothing gets the ASF.
    assert "opens" in next(c for c in comparison.findings if c.programme == "asf").changes


def test_new_job_birth_move_and_period_match_the_hand_written_situations() -> None:
    variants = [
        {"name": "emploi", "changes": [{"new_job": {"salary": 1200}}]},
        {"name": "naissance", "changes": [{"birth": {"birth_date": "2026-10-15"}}]},
        {"name": "déménagement", "changes": [{"move": {"commune": "24322", "rent": 400}}]},
        {"name": "avril", "changes": [{"period": "2026-04"}]},
    ]
    situation = _situation({**COUPLE, "what_if": variants})
    comparisons = what_if(situation)
    assert [c.name for c in comparisons] == ["emploi", "naissance", "déménagement", "avril"]
    employed = _with(people__0__activity="employed", people__0__incomes={"salary": 1200})
    born = _with()
    born["people"].append({"id": "naissance", "role": "child", "birth_date": "2026-10-15"})
    moved = _with(household__commune="24322", household__housing={"status": "tenant", "rent": 400})
    april = _with(period="2026-04")
    base = rights_engine.evaluate(_situation(COUPLE))
    for comparison, data in zip(comparisons, [employed, born, moved, april], strict=True):
        expected = compare_reports(base, rights_engine.evaluate(_situation(data)), comparison.name)
        assert comparison == expected
    assert comparisons[3].after_period == "2026-04"
    job = next(c for c in comparisons[0].findings if c.programme == "prime_activite")
    assert "amount" in job.changes


def test_the_report_carries_its_variants_and_nothing_without_them() -> None:
    plain = rights_engine.evaluate(_situation(COUPLE))
    assert plain.what_if == []
    situation = _situation(
        {**COUPLE, "what_if": [{"name": "séparation", "changes": [{"separation": {}}]}]}
    )
    report = rights_engine.evaluate(situation)
    assert [c.name for c in report.what_if] == ["séparation"]
    _same_findings(report, plain)
    assert report.what_if == what_if(situation)
    # In a batch too, each report its own variants.
    batch = rights_engine.evaluate_many([situation, _situation(COUPLE)])
    assert [len(r.what_if) for r in batch] == [1, 0]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"separation": {}}, "what_if[0].changes[0].separation", "no partner"),
        ({"new_job": {"person": "zz", "salary": 1}}, "what_if[0].changes[0].new_job.person", ""),
        ({"move": {"commune": "99999"}}, "what_if[0].changes[0].move.commune", "unknown INSEE"),
        ({"birth": {}, "period": "2026-01"}, "what_if[0].changes[0]", "expected exactly one"),
    ],
)
def test_a_bad_variant_is_a_located_error(change: dict[str, Any], field: str, message: str) -> None:
    alone = _with()
    alone["people"] = [p for p in alone["people"] if p["role"] != "partner"]
    alone["what_if"] = [{"name": "x", "changes": [change]}]
    with pytest.raises(SituationError) as caught:
        _situation(alone)
    problems = caught.value.problems
    assert any(p.field == field and message in p.message for p in problems), problems


def test_two_months_name_the_revalued_parameters_and_the_programmes_they_move() -> None:
    # Case 3, hosted free: RSA = 88 % of the montant forfaitaire (forfait logement 12 %, CASF
    # R262-9): 0,88 × 646,52 = 568,94 € in March 2026, 0,88 × 651,69 = 573,49 € in April
    # (décret n° 2026-220, 1 April 2026).
    situation = rights_engine.load_situation(SITUATIONS / "rsa_permis_hameau.yaml")
    comparison = compare_periods(situation, "2026-03", "2026-04")
    rsa = next(c for c in comparison.findings if c.programme == "rsa")
    assert rsa.amount_before is not None and rsa.amount_before.minimum == 568.94
    assert rsa.amount_after is not None and rsa.amount_after.minimum == 573.49
    parameters = {p.name: p for p in comparison.parameters}
    base = parameters["rsa.montant_forfaitaire.montant_de_base"]
    assert (base.before, base.after, base.since) == (646.52, 651.69, "2026-04-01")
    assert "rsa" in base.programmes
    assert base.reference is not None
    assert "rsa.montant_minimum_verse" not in parameters  # unchanged since 2009


def test_the_same_situation_twice_changes_nothing() -> None:
    situation = rights_engine.load_situation(SITUATIONS / "mere_isolee_sans_logement.yaml")
    comparison = compare_situations(situation, situation)
    assert comparison.findings == [] and comparison.new_partners == []


def test_caseload_diff_streams_the_households_that_change_and_totals_them() -> None:
    paths = sorted(SITUATIONS.glob("*.yaml"))
    rows = [(n + 1, rights_engine.load_situation(p)) for n, p in enumerate(paths)]
    results = list(compare_caseload(iter(rows), "2026-03", "2026-04"))
    *changes, totals = results
    assert isinstance(totals, CaseloadTotals)
    assert all(isinstance(c, HouseholdChange) for c in changes)
    assert totals.households == len(paths) and totals.changed == len(changes)
    hameau = next(c for c in changes if c.situation_id == "rsa_permis_hameau")
    assert [f.programme for f in hameau.findings if f.programme == "rsa"] == ["rsa"]
    # Each household's changes are those of its own two reports.
    for change in changes:
        situation = rows[change.line - 1][1]
        before = rights_engine.evaluate(situation, period="2026-03")
        after = rights_engine.evaluate(situation, period="2026-04")
        moved = [f for f in compare_reports(before, after).findings if set(f.changes) - {"rank"}]
        assert moved == change.findings
    rsa = next(t for t in totals.programmes if t.programme == "rsa")
    deltas = [
        f.amount_after.minimum - f.amount_before.minimum
        for c in changes
        for f in c.findings
        if f.programme == "rsa" and f.amount_after and f.amount_before
    ]
    assert rsa.euros_minimum == pytest.approx(sum(deltas), abs=0.01)
    assert rsa.changed == len(deltas)


def test_a_variant_outside_the_validated_range_is_left_out_with_a_notice() -> None:
    situation = _situation(
        {
            **COUPLE,
            "what_if": [
                {"name": "en 2030", "changes": [{"period": "2030-01"}]},
                {"name": "séparation", "changes": [{"separation": {}}]},
            ],
        }
    )
    report = rights_engine.evaluate(situation)
    assert [c.name for c in report.what_if] == ["séparation"]
    assert any("Variante « en 2030 » non évaluée" in n for n in report.notices)
