"""Labels follow the household, and every value reads in its own unit.

On every example situation, in every format: no "parent isolé" for a household that cannot be a
single parent (a couple, or nobody with a child or expecting one), no request to mention children
where there is none; a count, a share or a number of days is never written in euros, in the
report's details as in the explanation of the computation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import rights_engine
from rights_engine.engine.catalogue import programmes
from rights_engine.engine.findings import has_children, single_parent_possible
from rights_engine.system import tax_benefit_system

from .conftest import SITUATIONS, Invoke

EXAMPLES = sorted(SITUATIONS.glob("*.yaml"))
FORMATS = ("text", "markdown", "json", "html")
EUROS = re.compile(r"\d €")


def _reports(invoke: Invoke, path: Path) -> dict[str, str]:
    found = {}
    for output in FORMATS:
        result = invoke("simulate", str(path), "--format", output)
        assert result.exit_code == 0, result.output
        found[output] = result.stdout
    return found


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_labels_follow_the_household(invoke: Invoke, path: Path) -> None:
    situation = rights_engine.load_situation(path)
    for output, text in _reports(invoke, path).items():
        if not single_parent_possible(situation):
            assert "parent isolé" not in text.lower(), (output, path.stem)
        if not has_children(situation):
            assert "signalant les enfants" not in text, (output, path.stem)
            requests = [line for line in text.splitlines() if "Demande à faire" in line]
            assert not [line for line in requests if "enfant" in line], (output, path.stem)
    if not has_children(situation):
        report = rights_engine.evaluate(situation)
        for finding in report.findings:
            if finding.verdict != "unlikely":
                for partner in finding.partners:
                    assert "enfant" not in partner.ask, (finding.programme, partner.ask)


def test_the_examples_cover_each_kind_of_household() -> None:
    """The test above means something: the examples hold a person alone without a child, a couple
    with children and a single parent."""
    kinds = set()
    for path in EXAMPLES:
        situation = rights_engine.load_situation(path)
        kinds.add((has_children(situation), single_parent_possible(situation)))
    assert kinds >= {(False, False), (True, False), (True, True)}


def test_a_single_parent_keeps_the_single_parents_exceptions(invoke: Invoke) -> None:
    text = invoke("simulate", str(SITUATIONS / "mere_isolee_sans_logement.yaml")).stdout
    assert "(sauf parent isolé" in text


def test_a_man_alone_reads_the_conditions_without_the_single_parents_exceptions(
    invoke: Invoke,
) -> None:
    # A student alone: the RSA's and the prime d'activité's student condition, without the
    # exception he cannot use.
    text = invoke("simulate", str(SITUATIONS / "energie_coupee_etudiant.yaml")).stdout
    assert "Ne pas être élève, étudiant ou stagiaire non rémunéré" in text
    assert "parent isolé" not in text


def _not_in_euros() -> dict[str, set[str]]:
    """Per programme, the labels of the details that are not amounts: a declared unit other than
    euros, or an integer variable (a count)."""
    variables = tax_benefit_system().variables
    found: dict[str, set[str]] = {}
    for programme in programmes():
        for detail in programme.rules.details:
            if detail.unit != "EUR" or variables[detail.variable].value_type is int:
                for label in (detail.label, detail.label_not_single_parent):
                    if label is not None:
                        found.setdefault(programme.id, set()).add(label)
    return found


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_counts_shares_and_days_are_not_written_in_euros(path: Path) -> None:
    labels = _not_in_euros()
    report = rights_engine.evaluate(rights_engine.load_situation(path))
    for finding in report.findings:
        for line in finding.details:
            label = line.split(" : ", 1)[0]
            if label in labels.get(finding.programme, set()):
                shown = line.split(" : ", 1)[1].rsplit(" (", 1)[0]
                assert not EUROS.search(shown), line
                if ("jour" in label.lower() or "délai" in label.lower()) and shown[0].isdigit():
                    assert re.search(r"\d jours?\b", shown), line


def _steps(node: object) -> list[dict[str, object]]:
    if isinstance(node, dict):
        own = [node] if "variable" in node and "unit" in node else []
        return own + [step for value in node.values() for step in _steps(value)]
    if isinstance(node, list):
        return [step for value in node for step in _steps(value)]
    return []


@pytest.mark.parametrize(
    "name",
    ["energie_coupee_etudiant", "famille_menace_expulsion", "retraite_facture_energie"],
)
def test_the_explanation_gives_each_value_its_unit(invoke: Invoke, name: str) -> None:
    """The explanation runs (a detail in days once broke it) and writes no count, share or
    number of days in euros, whichever programme's tree shows the variable."""
    result = invoke("explain", str(SITUATIONS / f"{name}.yaml"), "--format", "json")
    assert result.exit_code == 0, result.output
    variables = tax_benefit_system().variables
    declared = {
        detail.variable: detail.unit
        for programme in programmes()
        for detail in programme.rules.details
    }
    steps = _steps(json.loads(result.stdout))
    assert steps
    for step in steps:
        variable = str(step["variable"])
        unit = str(step["unit"])
        value_type = variables[variable].value_type
        if value_type is int or declared.get(variable, "EUR") != "EUR" or value_type is bool:
            assert not unit.startswith("€"), (variable, unit, step["shown"])
        if declared.get(variable) == "jours":
            assert unit == "jours", (variable, unit)
        if unit == "taux":
            # A ceiling "at the full rate" is an amount, not a rate of millions of percent.
            assert not re.search(r"plafond|montant|seuil", variable), (variable, step["shown"])
