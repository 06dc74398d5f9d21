"""The parameter tree kept on disk between runs: reading it back takes a few milliseconds,
parsing the 340 YAML files of ``parameters/`` some 50 ms of every cold start.

The cache holds the tree as OpenFisca builds it from those files (pickled): public legislation,
never anything read from a situation. It is used only if written for the same files by the same
programs: its key covers the path, size and modification time (ns) of every file of the
parameters directory and of OpenFisca's parameter code, and the versions of Python and
rights-engine. A key that differs, a cache that cannot be read, or a file or folder that is not
the user's own or is writable by others, and the tree is built from the YAML files as before;
the cache is then written again, atomically (a temporary file renamed over the old one). Any
failure to write it (read-only home, full disk) is silent: the cache is an optimisation.

Where: ``$RIGHTS_ENGINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/rights-engine``, else
``~/.cache/rights-engine``. ``RIGHTS_ENGINE_CACHE_DIR=`` (empty) turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openfisca_core.parameters

from rights_engine._version import __version__

__all__ = ["CACHE_VARIABLE", "cache_dir", "load"]

CACHE_VARIABLE = "RIGHTS_ENGINE_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache's folder, or None when the cache is off."""
    value = os.environ.get(CACHE_VARIABLE)
    if value is not None:
        return Path(value) if value else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rights-engine"


def load(directory: Path, build: Callable[[], Any]) -> Any:
    """The parameter tree of ``directory``: from the cache when it was written for these very
    files, else ``build()`` (then cached)."""
    folder = cache_dir()
    if folder is None or not hasattr(os, "getuid"):
        return build()
    key = _key(directory)
    name = hashlib.blake2b(str(directory).encode(), digest_size=8).hexdigest()
    path = folder / f"parameters-{name}.pickle"
    tree = _read(path, key)
    if tree is None:
        tree = build()
        _write(folder, path, key, tree)
    return tree


def _key(directory: Path) -> bytes:
    digest = hashlib.blake2b(digest_size=32)
    digest.update(f"{sys.version}\0{__version__}\0{directory}\0".encode())
    for folder in (str(directory), os.path.dirname(openfisca_core.parameters.__file__)):
        for root, folders, files in os.walk(folder):
            folders[:] = sorted(f for f in folders if f != "__pycache__")
            for name in sorted(files):
                path = os.path.join(root, name)
                stat = os.stat(path)
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.digest()


def _own(stat: os.stat_result) -> bool:
    """The user's own, and writable by nobody else."""
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def _read(path: Path, key: bytes) -> Any:
    try:
        with open(path, "rb") as handle:
            if not _own(os.fstat(handle.fileno())) or not _own(path.parent.stat()):
                return None
            if handle.read(len(key)) != key:
                return None
            return pickle.load(handle)
    except Exception:  # absent, truncated, or written by other programs: build it again
        return None


def _write(folder: Path, path: Path, key: bytes, tree: Any) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _own(folder.stat()):
            return
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".parameters-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(key)
                pickle.dump(tree, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError):
        return
