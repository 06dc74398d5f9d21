"""INSEE commune codes, read once from the shipped dated list (see ``data/communes.md``)."""

from __future__ import annotations

import csv
from functools import lru_cache

from rights_engine.paths import DATA_DIR

__all__ = ["commune_departement", "is_known_commune"]


@lru_cache(maxsize=1)
def _communes() -> dict[str, str]:
    with (DATA_DIR / "communes.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["departement"] for row in csv.DictReader(handle)}


def is_known_commune(code: str) -> bool:
    return code in _communes()


def commune_departement(code: str) -> str | None:
    """The département code of a commune (``"24"``, ``"2A"``, ``"974"``), or None if unknown."""
    return _communes().get(code)
