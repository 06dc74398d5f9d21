"""The parameter tree kept on disk between runs (:mod:`rights_engine.disk_cache`): reading it
back takes a few milliseconds, parsing the 340 YAML files of ``parameters/`` some 50 ms of every
cold start.

The cache holds the tree as OpenFisca builds it from those files (pickled): public legislation,
never anything read from a situation. It is used only if written for the same files by the same
programs: its key covers every file of the parameters directory and of OpenFisca's parameter
code, and the versions of Python and rights-engine (see :mod:`~rights_engine.disk_cache` for the
checks, where it is kept and how to turn it off).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openfisca_core.parameters

from rights_engine import disk_cache
from rights_engine.disk_cache import CACHE_VARIABLE, cache_dir

__all__ = ["CACHE_VARIABLE", "cache_dir", "load"]


def load(directory: Path, build: Callable[[], Any]) -> Any:
    """The parameter tree of ``directory``: from the cache when it was written for these very
    files, else ``build()`` (then cached)."""
    code = os.path.dirname(openfisca_core.parameters.__file__)
    return disk_cache.load("parameters", [directory, code], build)
