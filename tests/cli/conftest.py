"""Helpers for the CLI tests: the installed console script, click's runner, small situations.

The CLI only exists in the installed wheel (``cli/`` becomes ``rights_engine.cli``), so these
tests run against the installed package, like the rest of the suite (scripts/test.sh).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from rights_engine.cli.main import DEBUG_VARIABLE, cli

REPOSITORY = Path(__file__).resolve().parents[2]
SITUATIONS = REPOSITORY / "situations"
BAD_INPUTS = Path(__file__).resolve().parent / "bad_inputs"
RSA_HAMEAU = SITUATIONS / "rsa_permis_hameau.yaml"

Invoke = Callable[..., Result]
RunScript = Callable[..., "subprocess.CompletedProcess[str]"]


def manifest_of(out: Path) -> dict[str, Any] | None:
    """The ``manifest.json`` of a ``batch`` run in ``out``, or None before it is written."""
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def kill_when(
    command: list[str],
    out: Path,
    ready: Callable[[dict[str, Any]], bool],
    env: dict[str, str],
    seconds: float = 120,
) -> dict[str, Any]:
    """Start ``command`` (a ``batch`` run writing to ``out``), kill it (SIGKILL, as a machine
    lost) as soon as its manifest is ``ready``, and give the manifest it left, unfinished."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + seconds
    try:
        while process.poll() is None and time.monotonic() < deadline:
            manifest = manifest_of(out)
            if manifest is not None and ready(manifest):
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    killed = manifest_of(out)
    assert killed is not None and not killed["complete"]
    return killed


def console_script() -> Path:
    """The ``rights-engine`` script installed next to the interpreter running the tests."""
    script = Path(sys.executable).parent / "rights-engine"
    assert script.is_file(), (
        f"the rights-engine console script is not installed next to {sys.executable}"
    )
    return script


@pytest.fixture
def run_script() -> RunScript:
    """Run the installed console script, as a user would (no debug: the production path)."""
    script = console_script()

    def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != DEBUG_VARIABLE}
        return subprocess.run(
            [str(script), *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
            check=False,
        )

    return _run


@pytest.fixture
def invoke() -> Invoke:
    """Invoke the click group in-process. Debug mode by default: an unexpected exception is
    raised (and fails the test) instead of being turned into a one-line message."""

    def _invoke(*args: str, debug: bool = True) -> Result:
        runner = CliRunner()
        env = {DEBUG_VARIABLE: "1" if debug else ""}
        return runner.invoke(cli, list(args), env=env, catch_exceptions=not debug)

    return _invoke


@pytest.fixture(scope="session")
def rsa_hameau() -> Path:
    """Case 3: single adult hosted free of charge, RSA 573,49 €/month in 2026-11."""
    return RSA_HAMEAU


@pytest.fixture(scope="session")
def bad_inputs() -> Path:
    return BAD_INPUTS


@pytest.fixture
def situation_dict() -> Callable[..., dict[str, Any]]:
    """A situation file as a JSON-ready mapping (dates as text), to build batches."""

    def _load(path: Path = RSA_HAMEAU, **changes: Any) -> dict[str, Any]:
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        return {**data, **changes}

    return _load
