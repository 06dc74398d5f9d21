"""OpenFisca-France as a differential-testing oracle, run in its own virtual environment.

Why a separate venv: OpenFisca-France pins an older openfisca-core (``<45``; 176.1.8 installs
openfisca-core 44.x) while rights-engine runs on openfisca-core 46. The two cannot share one
environment, so this module never imports ``openfisca_france``: it builds (once, cached, under a
file lock) a venv holding ``ORACLE_REQUIREMENT`` and runs ``oracle_runner.py`` there through a
subprocess, exchanging JSON on stdin/stdout.

Batch households: every call pays for starting Python and loading the OpenFisca-France
tax-benefit system (~3.5 s), and even a one-household simulation costs over a second (~5 s for
``rsa`` on this 2-core machine). Put all the households of a test in ONE situation (one
``compute`` call, many ``individus``/``familles``/``foyers_fiscaux``/``menages``): the
calculation is vectorised, so 300 households cost about as much as one (~5 s for ``rsa``).

OpenFisca-France gotchas (176.1.8), met while checking the RSA against it:

* Age: give ``date_naissance`` as ``{"ETERNITY": "1980-06-15"}``. ``age`` is a MONTH variable
  computed from it; without either, everybody is born on 1970-01-01 (default). ``age`` given
  for one month only is extrapolated to other months by whole years.
* Resources: RSA for month M averages the 3 months before M (M-3..M-1), so give ``salaire_net``
  (and the other incomes) month by month for M-3, M-2, M-1 AND M. An income present in M-1 but
  absent (0) in M is treated as "interrompu" and neutralised (dropped from the resources) unless
  there is a substitution income: leaving M out silently gives the full RSA.
  (A 3-month block ``{"month:2026-08:3": total}`` is divided equally among the months.)
* Housing: set ``statut_occupation_logement`` on the menage (default ``non_renseigne`` means no
  forfait logement at all). For a tenant (``locataire_*`` with ``loyer`` and ``depcom``),
  OpenFisca-France computes ``aide_logement`` itself and the forfait logement becomes
  min(aide, forfait): give ``aide_logement`` on the famille explicitly (e.g. 0) when our engine
  takes it as a fact. ``loge_gratuitement`` without ``participation_frais`` gives the full forfait.
* Forfait logement is not rounded: 12 % x 651.69 = 78.2028 (the CAF's 78.20), so a lone person
  without income gets rsa = 573.4872, not 573.49. Compare amounts with a 0.01 EUR tolerance.
* Other benefits counted in RSA resources are computed on their own: from 65 on, ``aspa`` is
  granted automatically (1043.60 EUR/month for a lone person, even with a salary) and enters the
  RSA resources, so the RSA drops to 0. Give ``aspa`` (famille, month M, e.g. 0) and where
  relevant ``aah``/``asi``/``ass`` (individu, months M-3..M-1) and ``af``/``asf`` (famille) as
  inputs when our engine takes them as facts. Without children ``af``/``asf`` are 0; ``ppa`` is
  computed but does not enter the RSA.
* ``nationalite`` defaults to ``"FR"``; for a foreigner give it and
  ``duree_possession_titre_sejour``.
* ``rsa`` is 0 below the 6 EUR payment threshold (``rsa_montant`` is the amount before
  non-calculability); values come back as float32, shortened to their decimal form.
* Enum inputs are given by name (``"loge_gratuitement"``); outputs come back by name as well.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ORACLE_REQUIREMENT = "openfisca-france==176.1.8"

RUNNER = Path(__file__).resolve().parent / "oracle_runner.py"
# Answers of the oracle kept in the repository (see ``compute_cached``): a run where nothing
# changed on the oracle's side reads them instead of recomputing, and needs no oracle venv.
ANSWERS_DIR = Path(__file__).resolve().parent / "oracle_answers"
ANSWERS_ENV_VAR = "RIGHTS_ENGINE_ORACLE_ANSWERS"  # "refresh": recompute and rewrite every answer
CACHE_ENV_VAR = "RIGHTS_ENGINE_ORACLE_DIR"
DEFAULT_CACHE_DIR = Path("~/.cache/rights-engine/oracle-openfisca-france-176.1.8")
MARKER_NAME = "oracle-ready"
PIP_TIMEOUT_SECONDS = 1800
COMPUTE_TIMEOUT_SECONDS = 900
_TAIL_LINES = 40


class OracleError(RuntimeError):
    """The oracle ran but could not compute (bad situation, unknown variable, crash, timeout)."""


class OracleUnavailable(OracleError):
    """The oracle's virtual environment could not be built."""


@dataclass(frozen=True)
class OracleResult:
    """Values computed by OpenFisca-France, keyed ``"<variable>@<period>"``.

    ``results[key]`` has one value per row of the variable's entity, in the order of that entity's
    ids in the situation, and ``entity_ids[key]`` gives those ids. ``seconds`` is the simulation
    build + calculation time; ``tbs_seconds`` the time to load the tax-benefit system.
    """

    results: dict[str, list[Any]]
    entity_ids: dict[str, list[str]]
    seconds: float
    tbs_seconds: float = 0.0
    stderr: str = field(default="", repr=False)

    def values(self, variable: str, period: str) -> dict[str, Any]:
        """``{entity id: value}`` for one request."""
        key = f"{variable}@{period}"
        return dict(zip(self.entity_ids[key], self.results[key], strict=True))


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV_VAR)
    return Path(configured).expanduser() if configured else DEFAULT_CACHE_DIR.expanduser()


def _venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def _clean_env() -> dict[str, str]:
    """The environment for the oracle's processes: nothing from the test venv leaks in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    }
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _run(
    command: Sequence[str], timeout: float, payload: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` in the clean environment, ``payload`` on its stdin (else none), capturing
    its text output; raises ``subprocess.TimeoutExpired`` and ``OSError`` as ``subprocess.run``."""
    return subprocess.run(
        list(command),
        stdin=subprocess.DEVNULL if payload is None else None,
        input=payload,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_clean_env(),
        check=False,
    )


def _tail(text: str, lines: int = _TAIL_LINES, width: int = 600) -> str:
    """The last lines of a log, each cut to ``width`` characters (pip lists every version)."""
    kept = text.strip().splitlines()[-lines:]
    return "\n".join(line if len(line) <= width else line[:width] + " [...]" for line in kept)


def _is_ready(root: Path) -> bool:
    marker = root / MARKER_NAME
    try:
        return (
            marker.read_text(encoding="utf-8").splitlines()[0] == ORACLE_REQUIREMENT
            and _venv_python(root / "venv").exists()
        )
    except (OSError, IndexError):
        return False


def _run_build_step(command: Sequence[str], log: Path, what: str, timeout: float) -> str:
    try:
        completed = _run(command, timeout)
    except subprocess.TimeoutExpired as error:
        output = "".join(
            part.decode("utf-8", "replace") if isinstance(part, bytes) else part
            for part in (error.stdout or "", error.stderr or "")
        )
        raise OracleUnavailable(
            f"OpenFisca-France oracle: {what} timed out after {timeout:.0f} s.\n{_tail(output)}"
        ) from error
    except OSError as error:
        raise OracleUnavailable(
            f"OpenFisca-France oracle: {what} could not start: {error}"
        ) from error
    output = completed.stdout + completed.stderr
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"$ {' '.join(command)}\n{output}\n")
    if completed.returncode != 0:
        raise OracleUnavailable(
            f"OpenFisca-France oracle: {what} failed (exit {completed.returncode}); "
            f"full log in {log}. Last lines:\n{_tail(output)}"
        )
    return output


def _build(root: Path) -> None:
    venv = root / "venv"
    marker = root / MARKER_NAME
    marker.unlink(missing_ok=True)
    if venv.exists():  # half-built by an interrupted run, or for another requirement
        shutil.rmtree(venv)
    log = root / "build.log"
    log.write_text("", encoding="utf-8")
    _run_build_step([sys.executable, "-m", "venv", str(venv)], log, "python -m venv", 300)
    python = _venv_python(venv)
    _run_build_step(
        [str(python), "-m", "pip", "install", "--no-input", ORACLE_REQUIREMENT],
        log,
        f"pip install {ORACLE_REQUIREMENT}",
        PIP_TIMEOUT_SECONDS,
    )
    versions = _run_build_step(
        [
            str(python),
            "-c",
            "import importlib.metadata as m; import openfisca_france, openfisca_core; "
            "print('openfisca-france', m.version('openfisca-france')); "
            "print('openfisca-core', m.version('openfisca-core'))",
        ],
        log,
        "importing openfisca_france in the new venv",
        300,
    )
    # Written last: a venv without it is rebuilt from scratch.
    marker.write_text(f"{ORACLE_REQUIREMENT}\n{versions}", encoding="utf-8")


def oracle_python() -> Path:
    """The python of the cached oracle venv, building the venv first if needed.

    Raises ``OracleUnavailable`` (with pip's last lines) when it cannot be built.
    """
    root = cache_dir()
    if _is_ready(root):
        return _venv_python(root / "venv")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OracleUnavailable(
            f"OpenFisca-France oracle: cannot create {root}: {error}"
        ) from error
    with (root / "build.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another pytest process may be building it
        try:
            if not _is_ready(root):
                _build(root)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return _venv_python(root / "venv")


def compute(
    situation: Mapping[str, Any],
    requests: Sequence[Mapping[str, Any]],
    *,
    timeout: float = COMPUTE_TIMEOUT_SECONDS,
) -> OracleResult:
    """Compute ``requests`` (``{"variable", "period"[, "add" | "divide"]}``) for ``situation``.

    ``situation`` is an OpenFisca-France entities dict holding as many households as wanted:
    batch them, one call costs several seconds whatever its size.
    """
    python = oracle_python()
    payload = json.dumps({"situation": situation, "requests": list(requests)}, default=str)
    try:
        completed = _run([str(python), str(RUNNER)], timeout, payload)
    except subprocess.TimeoutExpired as error:
        raise OracleError(f"OpenFisca-France oracle timed out after {timeout:.0f} s") from error
    answer: dict[str, Any] | None
    try:
        answer = json.loads(completed.stdout)
    except json.JSONDecodeError:
        answer = None
    if completed.returncode != 0 or not isinstance(answer, dict) or "error" in answer:
        message = answer.get("error") if isinstance(answer, dict) else None
        raise OracleError(
            f"OpenFisca-France oracle failed (exit {completed.returncode}): "
            f"{message or _tail(completed.stdout, 5) or 'no answer'}\n"
            f"stderr:\n{_tail(completed.stderr)}"
        )
    return OracleResult(
        results=answer["results"],
        entity_ids=answer["entity_ids"],
        seconds=float(answer["seconds"]),
        tbs_seconds=float(answer.get("tbs_seconds", 0.0)),
        stderr=completed.stderr,
    )


def request_key(situation: Mapping[str, Any], requests: Sequence[Mapping[str, Any]]) -> str:
    """SHA-256 of everything an answer depends on: the households and requests (canonical JSON),
    the OpenFisca-France requirement pinned for the oracle venv, and the runner's source."""
    digest = hashlib.sha256()
    digest.update(ORACLE_REQUIREMENT.encode())
    digest.update(RUNNER.read_bytes())
    canonical = json.dumps(
        {"situation": situation, "requests": list(requests)},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    digest.update(canonical.encode())
    return digest.hexdigest()


def compute_cached(
    name: str,
    situation: Mapping[str, Any],
    requests: Sequence[Mapping[str, Any]],
    *,
    timeout: float = COMPUTE_TIMEOUT_SECONDS,
) -> tuple[OracleResult, bool]:
    """``compute``, with the answer kept in ``oracle_answers/<name>.json.gz``: ``(result, hit)``.

    The file holds the :func:`request_key` of the request it answers. Same key: the answer is read
    back (no oracle venv is needed, so a clean CI machine does not build it when nothing changed).
    Another key (households, requests, OpenFisca-France version or runner changed), no file, or
    ``RIGHTS_ENGINE_ORACLE_ANSWERS=refresh``: the oracle computes (building its venv on demand)
    and the file is rewritten — commit it with the change that caused it. One file per name, so
    stale answers never pile up.
    """
    key = request_key(situation, requests)
    path = ANSWERS_DIR / f"{name}.json.gz"
    if os.environ.get(ANSWERS_ENV_VAR) != "refresh" and path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            stored = json.load(handle)
        if stored.get("key") == key:
            return (
                OracleResult(
                    results=stored["results"],
                    entity_ids=stored["entity_ids"],
                    seconds=float(stored["seconds"]),
                    tbs_seconds=float(stored.get("tbs_seconds", 0.0)),
                ),
                True,
            )
    result = compute(situation, requests, timeout=timeout)
    ANSWERS_DIR.mkdir(parents=True, exist_ok=True)
    answer = {
        "key": key,
        "oracle": ORACLE_REQUIREMENT,
        "results": result.results,
        "entity_ids": result.entity_ids,
        "seconds": result.seconds,
        "tbs_seconds": result.tbs_seconds,
    }
    temporary = path.with_suffix(".tmp")
    # mtime=0: the same answer gives the same bytes, so git sees no change.
    with (
        open(temporary, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle,
    ):
        handle.write(json.dumps(answer, sort_keys=True, separators=(",", ":")).encode())
    temporary.replace(path)
    return result, False
