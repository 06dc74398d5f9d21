"""``Instant.offset`` remembered answers exactly as OpenFisca's own method."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from openfisca_core.periods import DateUnit, Instant

from rights_engine.engine import fast_simulation  # noqa: F401  (installs the remembered offset)
from rights_engine.engine.instant_offsets import openfisca_offset, remembered_offset

INSTANTS = [
    Instant((2024, 2, 29)),
    Instant((2025, 12, 31)),
    Instant((2026, 1, 31)),
    Instant((2026, 9, 1)),
    Instant((2026, 3, 15)),
]
OFFSETS: list[Any] = [0, 1, -1, -3, -12, -13, 12, 25, "first-of", "last-of"]


class _OtherInstant(Instant):
    """An instant of another type: its offsets are of its type."""


def _answer(instant: Instant, offset: Any, unit: Any, method: Any) -> tuple[str, Any]:
    try:
        found = method(instant, offset, unit)
    except Exception as error:
        return f"{type(error).__name__}: {error}", None
    return type(found).__name__, found


def test_instant_offset_is_the_remembered_one() -> None:
    assert Instant.offset is remembered_offset


@pytest.mark.parametrize("unit", list(DateUnit), ids=[u.value for u in DateUnit])
def test_an_offset_is_that_of_openfisca(unit: DateUnit) -> None:
    """Every instant, offset and unit, asked twice (computed, then remembered), gives
    OpenFisca's answer, of the same type; an instant of another type gets its own."""
    for instant in [*INSTANTS, _OtherInstant((2026, 9, 1))]:
        for offset in OFFSETS:
            expected = _answer(instant, offset, unit, openfisca_offset)
            for _ in range(2):
                assert _answer(instant, offset, unit, remembered_offset) == expected, (
                    instant,
                    offset,
                    unit,
                )


def test_other_arguments_take_openfisca_path() -> None:
    """A float, a boolean or a numpy offset, a unit given as a plain string: OpenFisca's own
    answer (or error), never one remembered for an equal integer or unit."""
    instant = Instant((2026, 9, 1))
    for offset, unit in [
        (1, DateUnit.MONTH),  # remembered first
        (1.0, DateUnit.MONTH),
        (True, DateUnit.MONTH),
        (np.int64(1), DateUnit.MONTH),
        (1, "month"),
        ("first-of", "year"),
        ("last-of", DateUnit.DAY),
        ("other", DateUnit.MONTH),
    ]:
        expected = _answer(instant, offset, unit, openfisca_offset)
        assert _answer(instant, offset, unit, remembered_offset) == expected, (offset, unit)
    assert _answer(instant, 1.0, DateUnit.MONTH, remembered_offset)[0].startswith("AssertionError")
