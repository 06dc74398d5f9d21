"""The rules' files kept on disk between runs (:mod:`rights_engine.disk_cache`): each one's
compiled code and the source of each of its classes, so that building the system opens none of
them (neither its ``.pyc`` nor, again, its ``.py`` for the classes' source that ``openfisca
serve`` shows): some 540 file openings and 269 sources split into classes less, about 3 % of a
cold start's instructions.

The code is the very code object the import system compiles (its ``.pyc``'s), kept with
:mod:`marshal` as ``.pyc`` files keep it. The cache is used only if written for the same files
(path, size and modification time of each file of ``rules/``, and of this module and
:mod:`rights_engine.system`) by the same Python; otherwise the files are read as before.
"""

from __future__ import annotations

import marshal
import os
import re
from importlib.machinery import SourceFileLoader
from pathlib import Path
from typing import NamedTuple

from rights_engine import disk_cache

__all__ = ["RuleFile", "class_spans", "load", "read_rule_file"]


class RuleFile(NamedTuple):
    """What building the system reads of a rule's file."""

    code: bytes
    """The module's code object, as :func:`marshal.dumps` writes it."""
    classes: dict[str, tuple[int, str]]
    """Each top-level class: its first line (from 0) and its source, lines as
    :meth:`io.TextIOBase.readlines` reads them."""


def read_rule_file(path: str) -> RuleFile:
    """A rule's file read from disk: its code as importlib compiles it (from its ``.pyc`` when
    up to date), its classes' source as openfisca-core reads it (``linecache``: the text's
    lines)."""
    name = os.path.splitext(os.path.basename(path))[0]
    code = SourceFileLoader(name, path).get_code(name)
    with open(path, encoding="utf-8") as handle:
        lines = handle.readlines()
    classes = {
        cls: (first - 1, "".join(lines[first - 1 : last]))
        for cls, (first, last) in class_spans("".join(lines)).items()
    }
    return RuleFile(marshal.dumps(code), classes)


def load(rules_dir: Path) -> dict[str, RuleFile]:
    """Every ``.py`` file under ``rules_dir`` by its path (joined as :func:`glob.glob` joins
    them), from the cache when it was written for these very files, else read (then cached)."""
    here = Path(__file__).parent
    sources = [rules_dir, here / "rules_cache.py", here / "system.py"]
    files: dict[str, RuleFile] = disk_cache.load(
        "rule-files", sources, lambda: _read_all(rules_dir)
    )
    return files


def _read_all(rules_dir: Path) -> dict[str, RuleFile]:
    files = {}
    for root, folders, names in os.walk(rules_dir):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(root, name)
                files[path] = read_rule_file(path)
    return files


_CLASS = re.compile(r"class\s+(\w+)")


def class_spans(source: str) -> dict[str, tuple[int, int]]:
    """The first and last lines (from 1) of each top-level class of a module's source, as ast's
    ``lineno`` and ``end_lineno`` give them: a class runs from its ``class`` line to its last
    indented line that is neither blank nor a comment. The rules' files are plain modules;
    ``tests/meta/test_system_loading.py`` checks that this matches ast on every one of them."""
    spans: dict[str, tuple[int, int]] = {}
    current: str | None = None
    for number, line in enumerate(source.split("\n"), start=1):  # ast's line numbers
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if line[0] in " \t":
            if current is not None:
                spans[current] = (spans[current][0], number)
            continue
        match = _CLASS.match(line)
        current = match.group(1) if match else None
        if current is not None:
            spans[current] = (number, number)
    return spans
