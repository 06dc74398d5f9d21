"""The code keeps one style: ``ruff check`` and ``ruff format --check`` pass on every Python file
of the checkout (settings in pyproject.toml), so that a rule change reads as a rule change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent.parent


def _python_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=REPOSITORY, capture_output=True, text=True, check=False
    )
    if listed.returncode == 0 and listed.stdout.strip():
        return listed.stdout.split()
    # Not a git checkout (an exported tree): every Python file outside virtual environments.
    return [
        str(p.relative_to(REPOSITORY))
        for p in REPOSITORY.rglob("*.py")
        if not any(part.startswith((".venv", "dist", "build")) for part in p.parts)
    ]


def _ruff() -> str:
    beside = Path(sys.executable).parent / "ruff"  # the test venv's own, even off PATH
    found = str(beside) if beside.is_file() else shutil.which("ruff")
    if found is None:
        pytest.fail("ruff is missing: install the test extras (pip install '.[test]')")
    return found


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff(command: list[str]) -> None:
    result = subprocess.run(
        [_ruff(), *command, *_python_files()],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
