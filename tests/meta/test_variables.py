"""Every OpenFisca variable has a label, a legal reference and a test.

A variable is tested when its name appears in the ``input`` or the ``output`` of at least one
OpenFisca YAML test under ``tests/rules/`` (run by ``tests/rules/test_openfisca_yaml.py``), or,
failing that, when it is listed in ``TESTED_BY_PYTEST`` with the pytest module that tests it.
Prefer a YAML test: it states the legal case and its arithmetic next to the expected value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from rights_engine.system import CountryTaxBenefitSystem

REPOSITORY = Path(__file__).resolve().parent.parent.parent
RULE_TESTS = REPOSITORY / "tests" / "rules"

# Variables tested by a pytest module rather than a YAML test: name → module (from the
# repository root). The module must exist and mention the variable.
TESTED_BY_PYTEST: dict[str, str] = {}


def _keys(node: Any) -> Iterator[str]:
    """Every mapping key at any depth (variables, but also ids, roles and periods)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def _yaml_tests() -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(RULE_TESTS.rglob("*.yaml")):
        with path.open(encoding="utf-8") as stream:
            content = yaml.safe_load(stream)
        for test in content if isinstance(content, list) else [content]:
            if isinstance(test, dict):
                yield path, test


def variables_in_yaml_tests(tbs: CountryTaxBenefitSystem) -> set[str]:
    names = set(tbs.variables)
    found: set[str] = set()
    for _, test in _yaml_tests():
        for section in ("input", "output"):
            found.update(key for key in _keys(test.get(section)) if key in names)
    return found


def test_every_variable_has_a_label(tbs: CountryTaxBenefitSystem) -> None:
    missing = sorted(name for name, v in tbs.variables.items() if not (v.label or "").strip())
    assert not missing, f"variables without a label: {missing}"


def test_every_variable_has_a_reference(tbs: CountryTaxBenefitSystem) -> None:
    missing = sorted(name for name, v in tbs.variables.items() if not v.reference)
    assert not missing, f"variables without a reference (a Légifrance permalink): {missing}"


def test_references_are_https_links_without_session(tbs: CountryTaxBenefitSystem) -> None:
    bad = sorted(
        f"{name}: {ref}"
        for name, v in tbs.variables.items()
        for ref in (v.reference or [])
        if not str(ref).startswith("https://") or "jsessionid" in str(ref).lower()
    )
    assert not bad, "references must be https permalinks, never session URLs:\n" + "\n".join(bad)


def test_every_variable_is_tested(tbs: CountryTaxBenefitSystem) -> None:
    tested = variables_in_yaml_tests(tbs) | set(TESTED_BY_PYTEST)
    untested = sorted(set(tbs.variables) - tested)
    assert not untested, (
        "variables in no YAML test under tests/rules/ (input or output) and not listed in "
        f"TESTED_BY_PYTEST ({len(untested)}): {untested}"
    )


def test_pytest_modules_listed_as_testing_a_variable_exist_and_name_it(
    tbs: CountryTaxBenefitSystem,
) -> None:
    problems: list[str] = []
    for variable, module in sorted(TESTED_BY_PYTEST.items()):
        path = REPOSITORY / module
        if variable not in tbs.variables:
            problems.append(f"TESTED_BY_PYTEST lists an unknown variable: {variable}")
        elif not (path.is_file() and path.name.startswith("test_")):
            problems.append(f"{variable}: {module} is not a pytest module of the repository")
        elif variable not in path.read_text(encoding="utf-8"):
            problems.append(f"{variable}: {module} never mentions it")
    assert not problems, "\n".join(problems)


def test_yaml_rule_tests_are_well_formed() -> None:
    """Name, period, input and output in every test; names unique within a file."""
    problems: list[str] = []
    names_by_file: dict[Path, list[str]] = {}
    for path, test in _yaml_tests():
        where = f"{path.relative_to(REPOSITORY)}: {test.get('name', '<no name>')!r}"
        for key in ("name", "period", "input", "output"):
            if key not in test:
                problems.append(f"{where}: missing '{key}'")
        names_by_file.setdefault(path, []).append(str(test.get("name")))
    for path, names in names_by_file.items():
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            problems.append(f"{path.relative_to(REPOSITORY)}: duplicate test names {duplicates}")
    assert not problems, "\n".join(problems)
