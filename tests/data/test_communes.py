"""The shipped INSEE commune list (rights_engine/data/communes.csv, see communes.md) is sound."""

from __future__ import annotations

import csv
import re

from rights_engine.paths import DATA_DIR
from rights_engine.situation.communes import commune_departement, is_known_commune


def rows() -> list[dict[str, str]]:
    with (DATA_DIR / "communes.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_codes_are_unique_and_well_formed() -> None:
    codes = [row["code"] for row in rows()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"\d{5}|2[AB]\d{3}", code) for code in codes)
    assert 34_000 < len(codes) < 36_000  # about 34 900 communes in the 2024 COG


def test_departement_matches_the_code() -> None:
    for row in rows():
        code, departement = row["code"], row["departement"]
        expected = code[:3] if code.startswith("97") else code[:2]
        assert departement == expected, code


def test_known_places_including_arrondissements_and_overseas() -> None:
    for code, departement in [
        ("75056", "75"),
        ("75113", "75"),
        ("69383", "69"),
        ("13210", "13"),
        ("2A004", "2A"),
        ("97411", "974"),
        ("24037", "24"),
    ]:
        assert is_known_commune(code)
        assert commune_departement(code) == departement
    assert not is_known_commune("99999")
    assert not is_known_commune("75121")
