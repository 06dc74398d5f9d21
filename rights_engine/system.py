"""The OpenFisca tax-benefit system of rights-engine, built from ``rules/`` and ``parameters/``.

Building it reads a few hundred files (the rules' and the parameters' from caches on disk when
none changed): :func:`tax_benefit_system` builds it once per process and caches it.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from openfisca_core import periods
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

from rights_engine import parameters_cache, rules_cache
from rights_engine._version import __version__
from rights_engine.entities import entities
from rights_engine.parameters_at_instant import LazyNodeAtInstant
from rights_engine.paths import PACKAGE_DIR, PARAMETERS_DIR, RULES_DIR
from rights_engine.rules_cache import class_spans

__all__ = ["CountryTaxBenefitSystem", "class_spans", "parameters_at", "tax_benefit_system"]


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """Every variable under ``rules/`` and every parameter under ``parameters/``."""

    def __init__(self) -> None:
        super().__init__(entities)
        self._trees: dict[str, LazyNodeAtInstant] = {}
        self._tree_at: dict[periods.Instant, LazyNodeAtInstant] = {}
        self._rule_files = rules_cache.load(RULES_DIR)
        for folder in sorted(p for p in RULES_DIR.iterdir() if p.is_dir()):
            if not folder.name.startswith(("_", ".")):
                self.add_variables_from_directory(str(folder))
        self.load_parameters(str(PARAMETERS_DIR))

    def load_parameters(self, path_to_yaml_dir: str) -> None:
        """As openfisca-core loads them, through the cache on disk when no file changed
        (:mod:`rights_engine.parameters_cache`)."""

        def build() -> Any:
            TaxBenefitSystem.load_parameters(self, path_to_yaml_dir)
            return self.parameters

        self.parameters = parameters_cache.load(Path(path_to_yaml_dir), build)

    def get_parameters_at_instant(self, instant: Any) -> Any:
        """The parameter tree at ``instant`` (as openfisca-core's: a date, an instant or a
        period's start), made branch by branch as it is read
        (:mod:`rights_engine.parameters_at_instant`), once per instant."""
        if isinstance(instant, periods.Period):
            instant = instant.start
        exact = type(instant) is periods.Instant
        if exact:  # an Instant is its own day: its tree, found without writing the day out
            tree = self._tree_at.get(instant)
            if tree is not None:
                return tree
        day = str(periods.instant(instant))
        tree = self._trees.get(day)
        if tree is None:
            tree = self._trees[day] = LazyNodeAtInstant(self.parameters.name, self.parameters, day)
        if exact:
            self._tree_at[instant] = tree
        return tree

    def add_variables_from_file(self, file_path: str) -> None:
        """Every variable of a Python file, as openfisca-core adds them (same module names, same
        order, same ``introspection_data``: the file, the class's source and its first line, for
        ``openfisca serve``), except that the module's code and its classes' source come from
        :mod:`rights_engine.rules_cache` (no file opened when the cache answers), and where each
        class starts and ends is read from the indentation (:func:`class_spans`) instead of
        parsing the whole source with ast: that parse was a fifth of building the system."""
        rule_file = self._rule_files.get(file_path) or rules_cache.read_rule_file(file_path)
        file_name = os.path.splitext(os.path.basename(file_path))[0]
        module_name = f"{id(self)}_{hash(os.path.abspath(file_path))}_{file_name}"
        spec = importlib.util.spec_from_file_location(module_name, file_path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        exec(marshal.loads(rule_file.code), module.__dict__)  # as the loader's exec_module
        location = file_path.replace(self.get_package_metadata()["location"], "")
        for name in dir(module):  # openfisca-core's order: sorted names
            value = getattr(module, name)
            if (
                not name.startswith("__")
                and isinstance(value, type)
                and issubclass(value, Variable)
                and value.__module__ == module_name
            ):
                first, source_code = rule_file.classes[value.__name__]
                value.introspection_data = (location, source_code, first)  # type: ignore[attr-defined]
                self.add_variable(value)

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
    """The parameter tree at ``day`` (ISO date): the system's, made once per date, branch by
    branch as it is read."""
    return tax_benefit_system().get_parameters_at_instant(day)
