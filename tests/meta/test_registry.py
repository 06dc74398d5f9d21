"""``rules/registry.yaml`` is valid: it is the single list of programmes that the CLI, the docs
and the engine read, so a broken entry breaks them all.

For each programme: the required keys; a unique id; a folder under ``rules/`` holding the
programme's ``programme.yaml`` (and its README, checked in ``test_rules_code.py``); entry
variables that exist; a well-formed, ordered validated range (months ``YYYY-MM``); every variable
that ``programme.yaml`` names (``variable``, ``waived_by``, ``…_by``) exists; every partner it
names exists in ``rights_engine/data/partners.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from rights_engine.engine.catalogue import Programme
from rights_engine.paths import DATA_DIR, RULES_DIR
from rights_engine.system import CountryTaxBenefitSystem

REQUIRED_KEYS = (
    "id",
    "label",
    "legal_basis",
    "folder",
    "entry_variables",
    "status",
    "version",
    "validated_from",
    "validated_to",
)
STATUSES = {"complete", "partial", "orientation"}
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def _load(path: Any) -> Any:
    with open(path, encoding="utf-8") as stream:
        return yaml.safe_load(stream)


PROGRAMMES: list[dict[str, Any]] = _load(RULES_DIR / "registry.yaml")["programmes"]
PARTNERS: set[str] = set(_load(DATA_DIR / "partners.yaml")["partners"])


def _programme_ids() -> list[str]:
    return [str(p.get("id", f"#{n}")) for n, p in enumerate(PROGRAMMES)]


def _variables_named(node: Any) -> Iterator[str]:
    """Values of ``variable`` and ``…_by`` keys, at any depth of a programme.yaml."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "variable" or str(key).endswith("_by"):
                yield from [value] if isinstance(value, str) else value
            else:
                yield from _variables_named(value)
    elif isinstance(node, list):
        for item in node:
            yield from _variables_named(item)


def test_the_registry_lists_programmes_with_unique_ids_and_folders() -> None:
    assert PROGRAMMES, "rules/registry.yaml lists no programme"
    ids = _programme_ids()
    assert len(ids) == len(set(ids)), f"duplicate programme ids: {ids}"
    folders = [p.get("folder") for p in PROGRAMMES]
    assert len(folders) == len(set(folders)), f"two programmes share a folder: {folders}"


@pytest.mark.parametrize("programme", PROGRAMMES, ids=_programme_ids())
def test_registry_entry(programme: dict[str, Any], tbs: CountryTaxBenefitSystem) -> None:
    missing = [key for key in REQUIRED_KEYS if programme.get(key) in (None, "", [])]
    assert not missing, f"missing keys: {missing}"
    assert programme["status"] in STATUSES, f"status {programme['status']!r} not in {STATUSES}"
    assert VERSION.match(str(programme["version"])), (
        f"version {programme['version']!r} is not X.Y.Z"
    )

    folder = RULES_DIR / programme["folder"]
    assert folder.is_dir(), f"rules/{programme['folder']}/ does not exist"
    assert (folder / "programme.yaml").is_file(), (
        f"rules/{programme['folder']}/programme.yaml is missing"
    )

    unknown = [v for v in programme["entry_variables"] if v not in tbs.variables]
    assert not unknown, f"entry variables not in the system: {unknown}"

    start, end = str(programme["validated_from"]), str(programme["validated_to"])
    assert MONTH.match(start), f"validated_from {start!r} is not a month YYYY-MM"
    assert MONTH.match(end), f"validated_to {end!r} is not a month YYYY-MM"
    assert start <= end, f"validated_from {start} is after validated_to {end}"


@pytest.mark.parametrize("programme", PROGRAMMES, ids=_programme_ids())
def test_programme_yaml_names_existing_variables_and_partners(
    programme: dict[str, Any], tbs: CountryTaxBenefitSystem
) -> None:
    path = RULES_DIR / str(programme.get("folder")) / "programme.yaml"
    if not path.is_file():
        pytest.fail(f"{path} is missing (see test_registry_entry)")
    metadata = _load(path) or {}
    unknown = sorted({v for v in _variables_named(metadata) if v not in tbs.variables})
    assert not unknown, (
        f"rules/{programme['folder']}/programme.yaml names unknown variables: {unknown}"
    )
    partners = [p.get("id") for p in metadata.get("partners", [])]
    unknown_partners = [p for p in partners if p not in PARTNERS]
    assert not unknown_partners, (
        f"rules/{programme['folder']}/programme.yaml names partners missing from "
        f"rights_engine/data/partners.yaml: {unknown_partners}"
    )


def test_every_folder_with_a_programme_yaml_is_registered() -> None:
    registered = {p.get("folder") for p in PROGRAMMES}
    folders = sorted(p.parent.name for p in RULES_DIR.glob("*/programme.yaml"))
    unregistered = [f for f in folders if f not in registered]
    assert not unregistered, (
        f"rules folders with a programme.yaml but no registry entry: {unregistered}"
    )


@pytest.mark.parametrize("programme", PROGRAMMES, ids=_programme_ids())
def test_programme_yaml_matches_the_engine_model(programme: dict[str, Any]) -> None:
    """The engine reads each programme.yaml with a strict pydantic model: a typo (an unknown key,
    a next step that YAML read as a mapping because of an unquoted « : ») must fail here, on the
    file, rather than as an internal error of every report."""
    path = RULES_DIR / str(programme.get("folder")) / "programme.yaml"
    try:
        Programme.model_validate({**programme, "rules": _load(path)})
    except ValidationError as error:
        pytest.fail(f"rules/{programme.get('folder')}/programme.yaml: {error}")
