"""The version of the rule set, and the inventory of names a version promises to keep.

``rules/registry.yaml`` holds ``rules_version`` (semantic versioning, see ``CHANGELOG.md``):

- **major** when a variable, a parameter or a situation key is removed or renamed (a caller's
  situation, a YAML test or a tool reading a variable by name would break);
- **minor** when one is added, or when a dated value or a programme's validated range changes;
- **patch** for a fix that changes no name and no value.

Every report carries the version it was computed with (``Report.rules_version``). The names
of the last release are committed in ``tests/meta/rules_inventory.json``; a meta-test refuses
a removal without a major version.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rights_engine import disk_cache
from rights_engine.paths import RULES_DIR
from rights_engine.yaml_files import read_yaml

__all__ = ["inventory", "major", "removed_names", "rules_version", "situation_keys"]

INVENTORY_KINDS = ("variables", "parameters", "situation_keys")


@lru_cache(maxsize=1)
def rules_version() -> str:
    """The version of the rule set (``rules_version`` in ``rules/registry.yaml``), kept on disk
    while the registry does not change (:mod:`rights_engine.disk_cache`): every report carries
    it, and parsing the registry is a millisecond of a cold start."""
    registry = RULES_DIR / "registry.yaml"
    version: str = disk_cache.load(
        "rules-version", [registry], lambda: str(read_yaml(registry)["rules_version"])
    )
    return version


def _keys(schema: dict[str, Any], definitions: dict[str, Any], prefix: str) -> set[str]:
    if "$ref" in schema:
        return _keys(definitions[schema["$ref"].rsplit("/", 1)[-1]], definitions, prefix)
    found: set[str] = set()
    for option in schema.get("anyOf", []) + schema.get("allOf", []):
        found |= _keys(option, definitions, prefix)
    if "items" in schema:
        found |= _keys(schema["items"], definitions, prefix + "[]")
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        found.add(path)
        found |= _keys(sub, definitions, path)
    return found


def situation_keys() -> list[str]:
    """Every key a situation may hold, as dotted paths (``people[].incomes.salary``)."""
    from rights_engine.situation.models import Situation

    schema = Situation.model_json_schema(by_alias=True)
    return sorted(_keys(schema, schema.get("$defs", {}), ""))


def inventory() -> dict[str, Any]:
    """The names this version of the rules promises: variables, parameters, situation keys."""
    from openfisca_core.parameters import Parameter, ParameterScale

    from rights_engine.system import tax_benefit_system

    tbs = tax_benefit_system()
    parameters = [
        leaf.name
        for leaf in tbs.parameters.get_descendants()
        if isinstance(leaf, (Parameter, ParameterScale))
    ]
    return {
        "rules_version": rules_version(),
        "variables": sorted(tbs.variables),
        "parameters": sorted(parameters),
        "situation_keys": situation_keys(),
    }


def major(version: str) -> int:
    """The major number of a version ``X.Y.Z``."""
    return int(version.split(".", 1)[0])


def removed_names(committed: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Names of ``committed`` (an inventory) that ``current`` no longer has, as ``kind:name``.

    Such a removal or renaming is allowed only with a major version above the committed one.
    """
    if major(str(current["rules_version"])) > major(str(committed["rules_version"])):
        return []
    return [
        f"{kind}:{name}"
        for kind in INVENTORY_KINDS
        for name in sorted(set(committed[kind]) - set(current[kind]))
    ]


if __name__ == "__main__":  # python -m rights_engine.versioning > tests/meta/rules_inventory.json
    import json

    print(json.dumps(inventory(), indent=1, ensure_ascii=False))
