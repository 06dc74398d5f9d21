"""Shared fixtures. The tax-benefit system is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import rights_engine
from rights_engine.system import CountryTaxBenefitSystem, tax_benefit_system

REPOSITORY = Path(__file__).resolve().parent.parent
SITUATIONS = REPOSITORY / "situations"


@pytest.fixture(scope="session")
def tbs() -> CountryTaxBenefitSystem:
    return tax_benefit_system()


@pytest.fixture(scope="session")
def situations_dir() -> Path:
    return SITUATIONS


def pytest_report_header() -> str:
    return f"rights_engine imported from {Path(rights_engine.__file__).parent}"
