"""OpenFisca's ``Instant.offset`` remembered: the rules step back month by month (the CSS's
12-month reference period, R861-8, a formula's ``period.last_3_months``), and each step
offsets an instant through pendulum's calendar, at some ten times the cost of a dict lookup.

An ``Instant`` is an immutable triple and ``Instant.offset`` a function of the instant, the
offset and the unit alone, so its answer is kept, by exact type of instant, integer offset
(or ``first-of``/``last-of``) and ``DateUnit``; any other argument (a float, a plain string
as unit) and any error take OpenFisca's own method. ``install`` replaces the method once per
process; ``tests/engine/test_instant_offsets`` compares it with OpenFisca's.
"""

from __future__ import annotations

from typing import Any

from openfisca_core.periods import DateUnit, Instant

__all__ = ["install", "openfisca_offset", "remembered_offset"]

openfisca_offset = Instant.offset
"""OpenFisca's own ``Instant.offset``."""

_OFFSETS: dict[tuple[type, Instant, Any, DateUnit], Any] = {}
"""``openfisca_offset(instant, offset, unit)`` by exact type of instant, instant, offset and
unit."""

_NAMED_OFFSETS = ("first-of", "last-of")


def remembered_offset(self: Instant, offset: Any, unit: Any) -> Any:
    """``Instant.offset``, remembered for an integer (or named) offset and a ``DateUnit``."""
    if type(unit) is not DateUnit or not (
        type(offset) is int or (type(offset) is str and offset in _NAMED_OFFSETS)
    ):
        return openfisca_offset(self, offset, unit)
    key = (type(self), self, offset, unit)
    found = _OFFSETS.get(key)
    if found is None:
        found = openfisca_offset(self, offset, unit)
        if found is not None:
            if len(_OFFSETS) >= 16_384:
                _OFFSETS.clear()
            _OFFSETS[key] = found
    return found


def install() -> None:
    """Let ``Instant.offset`` remember its answers (once per process)."""
    Instant.offset = remembered_offset  # type: ignore[method-assign]
