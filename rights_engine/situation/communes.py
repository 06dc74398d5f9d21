"""INSEE commune codes, read once from the shipped dated list (see ``data/communes.md``)."""

from __future__ import annotations

import re
from functools import lru_cache

from rights_engine.code_table import CodeTable
from rights_engine.paths import DATA_DIR

__all__ = [
    "commune_code",
    "commune_departement",
    "departement_code",
    "is_known_commune",
    "is_known_departement",
]

_COMMUNE = re.compile(r"(\d{5}|2[AB]\d{3})")


_COMMUNES = CodeTable(DATA_DIR / "communes.csv", "departement")


def is_known_commune(code: str) -> bool:
    return _COMMUNES.get(code) is not None


def commune_departement(code: str) -> str | None:
    """The département code of a commune (``"24"``, ``"2A"``, ``"974"``), or None if unknown."""
    return _COMMUNES.get(code)


@lru_cache(maxsize=1)
def _departements() -> frozenset[str]:
    return frozenset(_COMMUNES.index().values())


def is_known_departement(code: str) -> bool:
    """Whether a département code (``"24"``, ``"2A"``, ``"974"``) has a commune in the list."""
    return code in _departements()


def commune_code(value: str) -> str:
    """A known INSEE commune code, upper-cased (``2a004`` → ``2A004``); ValueError otherwise."""
    code = value.strip().upper()
    if not _COMMUNE.fullmatch(code):
        raise ValueError('expected an INSEE commune code of 5 characters (e.g. "24037", "2A004")')
    if not is_known_commune(code):
        raise ValueError(
            "unknown INSEE commune code; expected a code of the official list of communes "
            "(the INSEE code, not the postal code)"
        )
    return code


def departement_code(value: str) -> str:
    """A known département code, upper-cased (``2b`` → ``2B``); ValueError otherwise."""
    code = value.strip().upper()
    if not is_known_departement(code):
        raise ValueError('unknown département code; expected a code such as "24", "2A" or "974"')
    return code
