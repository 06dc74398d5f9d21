"""The programmes' catalogue cached on disk (``rights_engine.engine.catalogue``, through
``rights_engine.disk_cache``) is the catalogue read from the YAML files, is read back without
parsing them, is read again when one of them changes, and is not kept when the cache is off."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rights_engine import disk_cache
from rights_engine.engine import catalogue
from rights_engine.paths import DATA_DIR, RULES_DIR


@pytest.fixture
def copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the programmes' and partners' files, read by the catalogue, with a cache
    folder of its own."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    partners = tmp_path / "partners.yaml"
    shutil.copyfile(DATA_DIR / "partners.yaml", partners)
    monkeypatch.setattr(catalogue, "RULES_DIR", rules)
    monkeypatch.setattr(catalogue, "_PARTNERS_FILE", partners)
    monkeypatch.setenv(disk_cache.CACHE_VARIABLE, str(tmp_path / "cache"))
    catalogue._catalogue.cache_clear()
    yield rules
    catalogue._catalogue.cache_clear()


def _fresh() -> tuple[object, object]:
    catalogue._catalogue.cache_clear()
    return catalogue.programmes(), catalogue.partners()


def test_the_cached_catalogue_is_the_one_read_from_the_files(
    copied: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _fresh()
    [cached_file] = (copied.parent / "cache").iterdir()
    assert cached_file.stat().st_mode & 0o077 == 0
    reads: list[object] = []
    real = catalogue._read_catalogue
    monkeypatch.setattr(catalogue, "_read_catalogue", lambda: reads.append(1) or real())
    cached = _fresh()
    assert reads == [] and cached == built and cached[0] is not built[0]
    assert [p.model_fields_set for p in cached[0]] == [p.model_fields_set for p in built[0]]
    assert [p.id for p in catalogue.programmes()][:2] == ["rsa", "insertion_mobilite"]


def test_a_changed_programme_or_partner_file_is_read_again(copied: Path) -> None:
    [rsa] = [p for p in _fresh()[0] if p.id == "rsa"]
    path = copied / rsa.folder / "programme.yaml"
    text = path.read_text(encoding="utf-8")
    changed = text.replace(rsa.rules.next_steps[0], "Étape changée", 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    [rsa] = [p for p in _fresh()[0] if p.id == "rsa"]
    assert rsa.rules.next_steps[0] == "Étape changée"
    partners = copied.parent / "partners.yaml"
    some, partner = next(iter(_fresh()[1].items()))
    partners.write_text(
        partners.read_text(encoding="utf-8").replace(partner.name, "Nom changé", 1),
        encoding="utf-8",
    )
    assert _fresh()[1][some].name == "Nom changé"


def test_an_empty_variable_turns_the_cache_off(
    copied: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(disk_cache.CACHE_VARIABLE, "")
    _fresh()
    reads: list[object] = []
    real = catalogue._read_catalogue
    monkeypatch.setattr(catalogue, "_read_catalogue", lambda: reads.append(1) or real())
    _fresh()
    assert reads == [1]
    assert not (copied.parent / "cache").exists()


def test_a_cold_start_reads_the_catalogue_back_without_parsing_yaml(tmp_path: Path) -> None:
    """In a fresh process, as the command line does: the first writes the cache, the next one
    reads it (neither PyYAML's reader of the project's files nor the models' validators)."""
    code = """
import sys
from rights_engine.engine.catalogue import Programme, partners, programmes
print(len(programmes()), len(partners()), "rights_engine.yaml_files" in sys.modules,
      Programme.__pydantic_complete__)
"""
    env = {**os.environ, disk_cache.CACHE_VARIABLE: str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-P", "-c", code], capture_output=True, text=True, env=env, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    count = str(len(catalogue.programmes()))
    assert runs[0][:1] == runs[1][:1] == [count]
    assert runs[0][2:] == ["True", "True"] and runs[1][2:] == ["False", "False"]
