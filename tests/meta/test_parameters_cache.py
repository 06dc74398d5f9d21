"""The parameter tree cached on disk (``rights_engine.parameters_cache``) is the tree built from
the YAML files, is used only while no file changed and only from the user's own folder, and
any trouble with it falls back to building the tree."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from openfisca_core.parameters import ParameterNode

from rights_engine import parameters_cache
from rights_engine.paths import PARAMETERS_DIR

MONTANT = Path("rsa") / "montant_forfaitaire" / "montant_de_base.yaml"


class _Builder:
    def __init__(self, directory: Path) -> None:
        self.directory, self.calls = directory, 0

    def __call__(self) -> ParameterNode:
        self.calls += 1
        return ParameterNode("", directory_path=str(self.directory))


@pytest.fixture
def parameters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "parameters"
    shutil.copytree(PARAMETERS_DIR, directory)
    assert (directory / MONTANT).is_file()
    monkeypatch.setenv(parameters_cache.CACHE_VARIABLE, str(tmp_path / "cache"))
    return directory


def _amount(tree: ParameterNode) -> float:
    return tree.rsa.montant_forfaitaire.montant_de_base("2026-04-01")


def test_the_cached_tree_is_the_built_tree_and_is_read_back_without_building(
    parameters: Path,
) -> None:
    build = _Builder(parameters)
    first = parameters_cache.load(parameters, build)
    second = parameters_cache.load(parameters, build)
    assert build.calls == 1
    assert second is not first
    assert pickle.dumps(second) == pickle.dumps(_Builder(parameters)())
    assert _amount(second) == _amount(first) > 0
    [cached] = (parameters.parent / "cache").iterdir()
    assert cached.stat().st_mode & 0o077 == 0


def test_a_changed_file_is_read_again(parameters: Path) -> None:
    build = _Builder(parameters)
    before = _amount(parameters_cache.load(parameters, build))
    path = parameters / MONTANT
    text = path.read_text(encoding="utf-8")
    changed = text.replace(str(before), "123.45", 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    assert _amount(parameters_cache.load(parameters, build)) == 123.45
    assert build.calls == 2
    # The same size, a later modification time: read again too.
    path.write_text(changed.replace("123.45", "543.21"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert _amount(parameters_cache.load(parameters, build)) == 543.21
    assert build.calls == 3


def test_a_broken_or_foreign_writable_cache_is_not_used(parameters: Path) -> None:
    build = _Builder(parameters)
    expected = _amount(parameters_cache.load(parameters, build))
    [cached] = (parameters.parent / "cache").iterdir()
    cached.write_bytes(cached.read_bytes()[:1000])  # truncated
    assert _amount(parameters_cache.load(parameters, build)) == expected
    assert build.calls == 2
    cached.chmod(0o666)  # writable by others: anyone could have put anything in it
    assert _amount(parameters_cache.load(parameters, build)) == expected
    assert build.calls == 3


def test_an_empty_variable_turns_the_cache_off(
    parameters: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(parameters_cache.CACHE_VARIABLE, "")
    build = _Builder(parameters)
    parameters_cache.load(parameters, build)
    parameters_cache.load(parameters, build)
    assert build.calls == 2
    assert not (parameters.parent / "cache").exists()


def test_an_unwritable_cache_folder_only_costs_the_cache(
    parameters: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = parameters.parent / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(parameters_cache.CACHE_VARIABLE, str(blocker / "cache"))
    build = _Builder(parameters)
    assert _amount(parameters_cache.load(parameters, build)) > 0
    assert _amount(parameters_cache.load(parameters, build)) > 0
    assert build.calls == 2
