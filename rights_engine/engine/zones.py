"""Zone of the housing aids (1, 2 or 3) by INSEE commune code, read once from the shipped dated
table ``data/zones_apl.csv`` (see ``data/zones_apl.md``). The builder writes it as the OpenFisca
input ``zone_apl``; no formula reads files."""

from __future__ import annotations

from rights_engine.code_table import CodeTable
from rights_engine.paths import DATA_DIR

__all__ = ["zone_apl_of"]

_ZONES = CodeTable(DATA_DIR / "zones_apl.csv", "zone")


def zone_apl_of(code: str | None) -> int | None:
    """The zone (1, 2 or 3) of a commune, or None when the code is absent or unknown."""
    zone = None if code is None else _ZONES.get(code)
    return None if zone is None else int(zone)
