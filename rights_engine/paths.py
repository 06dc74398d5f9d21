"""Where the rules, parameters and example situations live.

In the installed wheel they sit inside the package (``rights_engine/rules`` …); in a source
checkout they sit at the top of the repository, next to ``rights_engine/``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DIR", "RULES_DIR", "PARAMETERS_DIR", "SITUATIONS_DIR", "DATA_DIR"]

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def _locate(name: str) -> Path:
    inside = PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / name


RULES_DIR = _locate("rules")
PARAMETERS_DIR = _locate("parameters")
SITUATIONS_DIR = _locate("situations")
