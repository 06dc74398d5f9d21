"""Run every OpenFisca YAML test under ``tests/rules/`` so that CI runs them with the suite.

Each YAML file is one pytest test, run by openfisca-core's own runner
(:func:`openfisca_core.tools.test_runner.run_tests`) against the session tax-benefit system. The
runner starts a nested pytest session and returns its exit code: 0 when every test of the file
passed, non-zero on a failed expectation, a parsing error or a file without tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openfisca_core.tools.test_runner import run_tests

from rights_engine.system import CountryTaxBenefitSystem

RULE_TESTS = Path(__file__).resolve().parent
YAML_FILES = sorted(p for p in RULE_TESTS.rglob("*.yaml") if not p.name.startswith("."))


def test_there_are_yaml_rule_tests() -> None:
    assert YAML_FILES, f"no OpenFisca YAML test under {RULE_TESTS}"


@pytest.mark.parametrize(
    "path", YAML_FILES, ids=[str(p.relative_to(RULE_TESTS)) for p in YAML_FILES]
)
def test_openfisca_yaml_file(tbs: CountryTaxBenefitSystem, path: Path) -> None:
    exit_code = run_tests(tbs, [str(path)], {})
    assert exit_code == 0, (
        f"{path.relative_to(RULE_TESTS.parent.parent)}: the OpenFisca runner exited with "
        f"{exit_code!r}; its report is printed above"
    )
