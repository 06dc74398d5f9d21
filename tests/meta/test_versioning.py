"""Versions of the rules: every report carries one; removing or renaming a variable, a parameter
or a situation key needs a major version; CHANGELOG.md has an entry for the current version that
names the programmes and periods it affects."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import rights_engine
from rights_engine import disk_cache, versioning
from rights_engine.engine.catalogue import programmes
from rights_engine.paths import RULES_DIR
from rights_engine.versioning import inventory, major, removed_names, rules_version
from rights_engine.yaml_files import read_yaml

REPOSITORY = Path(__file__).resolve().parents[2]
COMMITTED = Path(__file__).resolve().parent / "rules_inventory.json"
VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def _committed() -> dict[str, object]:
    data: dict[str, object] = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return data


def test_removing_or_renaming_a_name_needs_a_major_version() -> None:
    removed = removed_names(_committed(), inventory())
    assert not removed, (
        f"removed or renamed since rules {_committed()['rules_version']}: {removed}. Keep them, or "
        "raise the major rules_version in rules/registry.yaml, say so in CHANGELOG.md and "
        "regenerate tests/meta/rules_inventory.json (python -m rights_engine.versioning)"
    )


def test_a_removal_is_refused_unless_the_major_version_rises() -> None:
    committed = {
        "rules_version": "1.1.0",
        "variables": ["rsa", "rsa_montant"],
        "parameters": ["rsa.montant_minimum_verse"],
        "situation_keys": ["people"],
    }
    renamed = {**committed, "variables": ["rsa", "rsa_montant_calcule"]}
    assert removed_names(committed, renamed) == ["variables:rsa_montant"]
    assert removed_names(committed, {**renamed, "rules_version": "1.2.0"}) != []
    assert removed_names(committed, {**renamed, "rules_version": "2.0.0"}) == []


def test_the_committed_inventory_is_not_ahead_of_the_rules() -> None:
    committed = str(_committed()["rules_version"])
    current = rules_version()
    assert VERSION.match(current), current
    as_tuple = [tuple(int(x) for x in v.split(".")) for v in (committed, current)]
    assert as_tuple[0] <= as_tuple[1]
    assert major(current) >= major(committed)


def test_every_report_carries_the_rules_version(situations_dir: Path) -> None:
    report = rights_engine.evaluate(
        rights_engine.load_situation(situations_dir / "rsa_permis_hameau.yaml")
    )
    assert report.rules_version == rules_version()
    assert json.loads(report.to_json())["rules_version"] == rules_version()


def test_the_rules_version_is_the_registry_s_and_is_read_back_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = read_yaml(RULES_DIR / "registry.yaml")
    monkeypatch.setenv(disk_cache.CACHE_VARIABLE, str(tmp_path))
    rules_version.cache_clear()
    try:
        assert rules_version() == str(registry["rules_version"])
        rules_version.cache_clear()

        def unread(path: Path) -> object:
            raise AssertionError(f"{path} parsed again")

        monkeypatch.setattr(versioning, "read_yaml", unread)
        assert rules_version() == str(registry["rules_version"])
    finally:
        rules_version.cache_clear()


def test_the_changelog_has_an_entry_for_this_version_naming_programmes_and_periods() -> None:
    text = (REPOSITORY / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    versions = [entry.split()[0] for entry in entries]
    assert versions and versions[0] == rules_version(), "the newest entry comes first"
    ids = {p.id for p in programmes()}
    for entry in entries:
        named = set(re.findall(r"`([a-z_]+)`", entry)) & ids
        assert "Programmes" in entry and named, f"entry {entry.split()[0]}: no programme named"
        assert "Périodes" in entry and re.search(r"\d{4}-\d{2}", entry), (
            f"entry {entry.split()[0]}: no period named"
        )
