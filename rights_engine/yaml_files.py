"""The project's own YAML files (registry, programmes, partners), read with PyYAML's safe loader.

libyaml's C parser is used when PyYAML was built with it (``CSafeLoader``: the same safe
constructor, about ten times faster: a cold start reads some thirty of these files); else the
pure-Python ``SafeLoader``. Situations are read elsewhere (``situation.yaml_reader``), node by
node, to locate every field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["read_yaml"]

_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The content of the YAML file ``path`` (UTF-8), with the safe loader."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
