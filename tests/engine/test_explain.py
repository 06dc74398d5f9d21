"""``rights_engine.explain``: the computation behind each finding, from one traced simulation.

The tree must hold the report's own figures (to the cent, for every programme on every example
situation), each parameter with the date its value took effect and its legal reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import rights_engine
from rights_engine.engine.catalogue import programmes
from rights_engine.engine.explain import (
    Explanation,
    Step,
    UnknownPerson,
    UnknownProgramme,
    explain,
)

SITUATIONS = sorted((Path(__file__).resolve().parents[2] / "situations").glob("*.yaml"))


def _steps(step: Step) -> Iterator[Step]:
    yield step
    for child in step.steps:
        yield from _steps(child)


def _all_steps(explanation: Explanation) -> Iterator[Step]:
    roots = [explanation.amount] if explanation.amount is not None else []
    roots += [c.computation for c in explanation.conditions] + explanation.details
    for root in roots:
        yield from _steps(root)


@pytest.mark.parametrize("path", SITUATIONS, ids=lambda p: p.stem)
def test_tree_values_are_the_reports_to_the_cent(path: Path) -> None:
    situation = rights_engine.load_situation(path)
    report = rights_engine.evaluate(situation)
    # A right of a person (Finding.person) is explained for that person: one traced simulation
    # per person concerned, the household's rights with the first.
    by_person = {
        person: {e.programme: e for e in explain(situation, person=person)}
        for person in {f.person for f in report.findings}
    }
    for finding in report.findings:
        explanations = by_person[finding.person]
        assert finding.programme in explanations
        explanation = explanations[finding.programme]
        assert explanation.verdict == finding.verdict
        if finding.estimated_amount is None:
            assert explanation.amount is None
            continue
        amount = explanation.amount
        assert amount is not None
        bounds = (
            [amount.value]
            if amount.unfavourable is None
            else [
                amount.value,
                amount.unfavourable,
            ]
        )
        rounded = [round(float(v), 2) for v in bounds if isinstance(v, float)]
        assert len(rounded) == len(bounds), finding.programme
        assert (min(rounded), max(rounded)) == (
            finding.estimated_amount.minimum,
            finding.estimated_amount.maximum,
        ), finding.programme
        assert explanation.amount_minimum == finding.estimated_amount.minimum


@pytest.mark.parametrize("path", SITUATIONS, ids=lambda p: p.stem)
def test_condition_values_agree_with_their_status(path: Path) -> None:
    situation = rights_engine.load_situation(path)
    waivable = {
        c.label for p in programmes() for c in p.rules.conditions if c.waived_by or c.unconfirmed_by
    }
    for explanation in explain(situation):
        for condition in explanation.conditions:
            step = condition.computation
            values = [step.value] if step.unfavourable is None else [step.value, step.unfavourable]
            if condition.status == "not_met":
                assert not any(values), (explanation.programme, condition.label)
            if condition.status == "met" and condition.label not in waivable:
                assert all(values), (explanation.programme, condition.label)


def test_rsa_of_a_person_hosted_free_shows_the_decree_value_and_the_forfait_logement() -> None:
    # Case 3: alone, no income, hosted free. RSA = montant forfaitaire 651,69 € (décret
    # n° 2026-220, from 1 April 2026) − forfait logement 12 % × 651,69 = 78,20 € (CASF R262-9,
    # R262-10) = 573,49 €.
    situation = rights_engine.load_situation(SITUATIONS[0].parent / "rsa_permis_hameau.yaml")
    [rsa] = explain(situation, programme="rsa")
    assert rsa.scenarios == ["favourable", "unfavourable"] or rsa.scenarios == ["unique"]
    assert rsa.amount is not None and round(float(str(rsa.amount.value)), 2) == 573.49
    steps = {s.variable: s for s in _all_steps(rsa) if not s.repeated}
    assert round(float(str(steps["rsa_forfait_logement"].value)), 2) == 78.20
    parameters = {p.name: p for s in steps.values() for p in s.parameters}
    base = parameters["rsa.montant_forfaitaire.montant_de_base"]
    assert base.value == pytest.approx(651.69)
    assert base.in_force_since == "2026-04-01"
    assert base.reference is not None and base.reference.href.startswith("https://")
    assert parameters["rsa.forfait_logement.taux_1_personne"].shown == "12 %"
    assert rsa.rules_version == rights_engine.evaluate(situation).rules_version


def test_every_parameter_in_a_tree_has_its_date_and_reference() -> None:
    situation = rights_engine.load_situation(SITUATIONS[0].parent / "senior_perte_autonomie.yaml")
    found = 0
    for explanation in explain(situation):
        for step in _all_steps(explanation):
            for parameter in step.parameters:
                found += 1
                assert parameter.in_force_since is not None, parameter.name
                assert parameter.in_force_since <= f"{explanation.period}-31"
                assert parameter.reference is not None, parameter.name
    assert found > 10


def test_unknown_facts_show_both_bounds() -> None:
    # mere_isolee_sans_logement leaves facts unknown: some input differs between completions.
    situation = rights_engine.load_situation(
        SITUATIONS[0].parent / "mere_isolee_sans_logement.yaml"
    )
    explanations = explain(situation)
    assert all(e.scenarios == ["favourable", "unfavourable"] for e in explanations)
    unknown = [s for e in explanations for s in _all_steps(e) if s.kind == "unknown_fact"]
    assert unknown
    assert all(s.value != s.unfavourable for s in unknown)
    assert all("défavorable" in s.shown for s in unknown)


def test_person_selects_whose_values_are_shown() -> None:
    situation = rights_engine.load_situation(SITUATIONS[0].parent / "bebe_famille_modeste.yaml")
    child = next(p.id for p in situation.people if p.role.value == "child")
    [mine] = explain(situation, programme="rsa")
    [theirs] = explain(situation, programme="rsa", person=child)
    assert theirs.person == child and mine.person is None
    birth = [s for s in _all_steps(theirs) if s.variable == "date_naissance"]
    birth_mine = [s for s in _all_steps(mine) if s.variable == "date_naissance"]
    assert birth and birth_mine and birth[0].value != birth_mine[0].value
    child_person = next(p for p in situation.people if p.id == child)
    assert birth[0].value == str(child_person.birth_date)


def test_unknown_programme_or_person_is_refused() -> None:
    situation = rights_engine.load_situation(SITUATIONS[0].parent / "rsa_permis_hameau.yaml")
    with pytest.raises(UnknownProgramme, match="unknown programme 'rsaa'"):
        explain(situation, programme="rsaa")
    with pytest.raises(UnknownPerson, match="expected one of: demandeur"):
        explain(situation, person="x")
