"""The type annotations hold: ``mypy`` (settings in pyproject.toml) passes on the checkout's
``rights_engine`` and ``cli``, since integrators import the package as a typed library
(``py.typed``).

The suite runs against the installed wheel, but mypy checks the sources of the checkout: it runs
from the repository root, where ``rights_engine/`` and ``cli/`` are given as sources, with a cache
of its own so that an earlier run in another environment cannot answer for this one. ``cli/`` is
installed as ``rights_engine.cli``; its modules import one another relatively, so that mypy reads
the checkout's files and not the installed copy (which it would otherwise find in site-packages,
or miss and take for ``Any``).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent.parent
CHECKED = ["rights_engine", "cli"]


def _mypy() -> str:
    beside = Path(sys.executable).parent / "mypy"  # the test venv's own, even off PATH
    found = str(beside) if beside.is_file() else shutil.which("mypy")
    if found is None:
        pytest.fail("mypy is missing: install the test extras (pip install '.[test]')")
    return found


def _source_files() -> list[Path]:
    return sorted(
        path
        for directory in CHECKED
        for path in (REPOSITORY / directory).rglob("*.py")
        if "__pycache__" not in path.parts
    )


def test_mypy(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("MYPYPATH", "MYPY_CACHE_DIR")}
    result = subprocess.run(
        [
            _mypy(),
            "--config-file",
            "pyproject.toml",
            # Third-party packages as installed next to the tests, whichever mypy was found.
            "--python-executable",
            sys.executable,
            "--cache-dir",
            str(tmp_path / "mypy_cache"),
            *CHECKED,
        ],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    output = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, output
    # Every file of the checkout was checked (none excluded, none found elsewhere).
    checked = re.search(r"^Success: no issues found in (\d+) source files?$", result.stdout, re.M)
    assert checked is not None, output
    assert int(checked.group(1)) == len(_source_files()), output


def test_cli_imports_itself_relatively() -> None:
    """``from rights_engine.cli.x import …`` in ``cli/`` would make mypy check the command line
    against the installed copy of ``cli/`` (or against nothing when it is not installed)."""
    absolute = []
    for path in sorted((REPOSITORY / "cli").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            absolute += [
                f"{path.relative_to(REPOSITORY)}:{node.lineno} {name}"
                for name in names
                if name == "rights_engine.cli" or name.startswith("rights_engine.cli.")
            ]
    assert not absolute, "import cli/ modules relatively (from .x import …): " + ", ".join(absolute)
