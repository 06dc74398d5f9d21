"""Zone of the housing aids (1, 2 or 3) by INSEE commune code, read once from the shipped dated
table ``data/zones_apl.csv`` (see ``data/zones_apl.md``). The builder writes it as the OpenFisca
input ``zone_apl``; no formula reads files."""

from __future__ import annotations

import csv
from functools import lru_cache

from rights_engine.paths import DATA_DIR

__all__ = ["zone_apl_of"]


@lru_cache(maxsize=1)
def _zones() -> dict[str, int]:
    with (DATA_DIR / "zones_apl.csv").open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)  # plain rows: a third of DictReader's time, at every start
        header = next(rows)
        code, zone = header.index("code"), header.index("zone")
        return {row[code]: int(row[zone]) for row in rows}


def zone_apl_of(code: str | None) -> int | None:
    """The zone (1, 2 or 3) of a commune, or None when the code is absent or unknown."""
    if code is None:
        return None
    return _zones().get(code)
