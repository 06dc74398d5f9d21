"""Public legislation kept on disk between runs: what is built from the project's own files
(the parameter tree, the programmes' catalogue), pickled, so that a cold start reads it back in
a few milliseconds instead of parsing the files again. Never anything read from a situation.

A cached value is used only if written from the same files by the same programs: its key covers
the path, size and modification time (ns) of every file of its sources (files, or folders
walked whole), and the versions of Python, rights-engine and any other program it depends on.
A key that differs, a cache that cannot be read, or a file or folder that is not the user's own
or is writable by others, and the value is built again from its files; the cache is then
written again, atomically (a temporary file renamed over the old one). Any failure to write it
(read-only home, full disk) is silent: the cache is an optimisation.

Where: ``$RIGHTS_ENGINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/rights-engine``, else
``~/.cache/rights-engine``. ``RIGHTS_ENGINE_CACHE_DIR=`` (empty) turns the cache off.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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


def load(
    name: str, sources: Sequence[str | Path], build: Callable[[], Any], versions: str = ""
) -> Any:
    """The value cached as ``name`` when it was written from these very ``sources`` (and
    ``versions``: of other programs the value depends on), else ``build()`` (then cached).
    Each installation (the paths of its sources) has its own file in the cache folder."""
    folder = cache_dir()
    if folder is None or not hasattr(os, "getuid"):
        return build()
    key = _key(name, sources, versions)
    where = "\0".join(map(str, sources)).encode()
    path = folder / f"{name}-{zlib.crc32(where):08x}.pickle"
    value = _read(path, key)
    if value is None:
        value = build()
        _write(folder, path, key, value)
    return value


def _key(name: str, sources: Sequence[str | Path], versions: str) -> bytes:
    """What the value depends on, kept whole rather than digested (hashlib's import is a few
    milliseconds of a cold start, reading these few kilobytes back much less)."""
    parts = [f"{sys.version}\0{__version__}\0{versions}\0{name}\0"]
    for source in map(str, sources):
        if not os.path.isdir(source):
            parts.append(_file_part(source))
            continue
        for root, folders, files in os.walk(source):
            folders[:] = sorted(f for f in folders if f != "__pycache__")
            parts.extend(_file_part(os.path.join(root, file)) for file in sorted(files))
    return "".join(parts).encode()


def _file_part(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:  # absent: building will say so
        return f"{path}\0absent\0"
    return f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0"


_SIZE = 8
"""Bytes of the key's length, written before the key."""


def _own(stat: os.stat_result) -> bool:
    """The user's own, and writable by nobody else."""
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def _read(path: Path, key: bytes) -> Any:
    try:
        with open(path, "rb") as handle:
            if not _own(os.fstat(handle.fileno())) or not _own(path.parent.stat()):
                return None
            size = int.from_bytes(handle.read(_SIZE), "little")
            if size != len(key) or handle.read(size) != key:
                return None
            return pickle.load(handle)
    except Exception:  # absent, truncated, or written by other programs: build it again
        return None


def _write(folder: Path, path: Path, key: bytes, value: Any) -> None:
    import tempfile  # only when writing: a start that reads the cache has no use for it

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _own(folder.stat()):
            return
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(len(key).to_bytes(_SIZE, "little"))
                handle.write(key)
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError):
        return
