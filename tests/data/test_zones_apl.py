"""The shipped zoning of the housing aids (data/zones_apl.csv, see data/zones_apl.md)."""

from __future__ import annotations

import csv

from rights_engine.engine.zones import zone_apl_of
from rights_engine.paths import DATA_DIR


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_known_commune_has_exactly_one_zone() -> None:
    communes = [row["code"] for row in _rows("communes.csv")]
    zones = _rows("zones_apl.csv")
    assert [row["code"] for row in zones] == communes
    assert {row["zone"] for row in zones} == {"1", "2", "3"}
    assert all(
        row["origine"].split(":")[0]
        in {"zonage_2011", "commune_parente", "ancienne_commune_parente"}
        for row in zones
    )


def test_zones_of_reference_communes() -> None:
    # Paris and its arrondissements: zone 1 (« 1 bis » in the 1978 zoning); Lyon and Marseille
    # arrondissements take their commune's zone 2; Bordeaux zone 2; Nontron (Dordogne) zone 3.
    assert zone_apl_of("75056") == 1
    assert zone_apl_of("75115") == 1
    assert zone_apl_of("69385") == 2
    assert zone_apl_of("13208") == 2
    assert zone_apl_of("33063") == 2
    assert zone_apl_of("24311") == 3
    assert zone_apl_of("55138") == 3  # Culey: zone of its former parent commune Loisey-Culey
    assert zone_apl_of(None) is None
    assert zone_apl_of("99999") is None


def test_zone_counts_match_the_source_method() -> None:
    origins = [row["origine"].split(":")[0] for row in _rows("zones_apl.csv")]
    assert origins.count("commune_parente") == 46
    assert origins.count("ancienne_commune_parente") == 1
