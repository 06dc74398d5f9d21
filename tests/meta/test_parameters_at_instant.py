"""The parameter tree at an instant that the system gives the formulas
(``rights_engine.parameters_at_instant``) is OpenFisca's tree, made branch by branch as it is
read: the same nodes, names, values and errors, and a branch nobody reads is not made."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from openfisca_core import periods
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.parameters import ParameterNodeAtInstant

from rights_engine.parameters_at_instant import LazyNodeAtInstant
from rights_engine.system import CountryTaxBenefitSystem, tax_benefit_system

DAYS = ["2020-01-01", "2024-01-01", "2025-10-01", "2026-01-01", "2026-04-01", "2026-11-01"]


def _same(lazy: Any, eager: Any, path: str) -> int:
    """Compare two trees whole (which makes every branch of the lazy one); the number of
    leaves compared."""
    if isinstance(eager, ParameterNodeAtInstant):
        assert isinstance(lazy, LazyNodeAtInstant), path
        assert (lazy._name, lazy._instant_str) == (eager._name, eager._instant_str), path
        assert list(lazy._children) == list(eager._children), path
        return sum(_same(getattr(lazy, k), v, f"{path}.{k}") for k, v in eager._children.items())
    assert type(lazy) is type(eager), path
    if isinstance(eager, np.ndarray):
        assert np.array_equal(lazy, eager), path
    else:
        assert repr(lazy) == repr(eager), path  # scales too; NaN as NaN
    return 1


@pytest.mark.parametrize("day", DAYS)
def test_the_tree_is_openfisca_s_tree(day: str) -> None:
    system = CountryTaxBenefitSystem()
    eager = system.parameters(day)
    assert _same(system.get_parameters_at_instant(day), eager, day) > 150
    assert repr(CountryTaxBenefitSystem().get_parameters_at_instant(day)) == repr(eager)


def test_a_branch_is_made_when_read_and_once_per_instant() -> None:
    system = CountryTaxBenefitSystem()
    tree = system.get_parameters_at_instant("2026-11-01")
    assert system.get_parameters_at_instant(periods.period("2026-11")) is tree
    assert system.get_parameters_at_instant(periods.instant("2026-11-01")) is tree
    assert "_children" not in vars(tree)
    amount = tree.rsa.montant_forfaitaire.montant_de_base
    assert amount == system.parameters.rsa.montant_forfaitaire.montant_de_base("2026-11-01")
    assert "_children" in vars(tree) and "_children" in vars(tree.rsa)
    assert "_children" not in vars(tree.aah)  # made by the read above, not read itself


def test_a_missing_parameter_raises_openfisca_s_error() -> None:
    system = tax_benefit_system()
    errors = []
    for tree in (system.get_parameters_at_instant("2026-11-01"), system.parameters("2026-11-01")):
        with pytest.raises(ParameterNotFoundError) as raised:
            _ = tree.rsa.nothing_here
        with pytest.raises(ParameterNotFoundError) as indexed:
            _ = tree.rsa["nothing_here"]
        errors.append((str(raised.value), str(indexed.value), "nothing_here" in tree.rsa))
    assert errors[0] == errors[1]
