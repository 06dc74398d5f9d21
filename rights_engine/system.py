"""The OpenFisca tax-benefit system of rights-engine, built from ``rules/`` and ``parameters/``.

Building it reads a few hundred files: :func:`tax_benefit_system` builds it once per process
and caches it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from rights_engine._version import __version__
from rights_engine.entities import entities
from rights_engine.paths import PACKAGE_DIR, PARAMETERS_DIR, RULES_DIR

__all__ = ["CountryTaxBenefitSystem", "parameters_at", "tax_benefit_system"]


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """Every variable under ``rules/`` and every parameter under ``parameters/``."""

    def __init__(self) -> None:
        super().__init__(entities)
        for folder in sorted(p for p in RULES_DIR.iterdir() if p.is_dir()):
            if not folder.name.startswith(("_", ".")):
                self.add_variables_from_directory(str(folder))
        self.load_parameters(str(PARAMETERS_DIR))

    def get_package_metadata(self) -> dict[str, str]:
        """Metadata shown by ``openfisca serve`` (read here rather than guessed by openfisca-
        core)."""
        return {
            "name": "rights-engine",
            "version": __version__,
            "repository_url": "",
            "location": str(PACKAGE_DIR),
        }


@lru_cache(maxsize=1)
def tax_benefit_system() -> CountryTaxBenefitSystem:
    """The shared, cached system (build it once per process)."""
    return CountryTaxBenefitSystem()


@lru_cache(maxsize=64)
def parameters_at(day: str) -> Any:
    """The parameter tree at ``day`` (ISO date), built once per date: building it walks every
    parameter, far too costly to repeat for each household of a caseload."""
    return tax_benefit_system().parameters(day)
