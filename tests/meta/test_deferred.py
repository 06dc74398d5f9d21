"""psutil, numexpr, openfisca_core.tools, dpath, dateutil.parser and secrets, imported by
OpenFisca (or pendulum, pydantic) and unused by the engine, run only when used
(``rights_engine._deferred``): an ``import`` statement does not run them, their first attribute
does, and they then work as usual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _run(code: str) -> str:
    # -P: the installed package, not the checkout's rights_engine/ of the current directory.
    result = subprocess.run(
        [sys.executable, "-P", "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_importing_openfisca_does_not_run_psutil_and_using_psutil_does() -> None:
    code = """
import sys
import rights_engine.system
import openfisca_core.holders.holder as holder
import psutil
ran_on_import = "psutil._common" in sys.modules
memory = psutil.virtual_memory().percent
from psutil import cpu_count
print(ran_on_import, "psutil._common" in sys.modules, holder.psutil is psutil,
      0 <= memory <= 100, cpu_count() >= 1, type(psutil).__name__)
"""
    assert _run(code) == "False True True True True module"


def test_importing_openfisca_does_not_run_numexpr_and_evaluating_with_it_does() -> None:
    code = """
import sys, threading
import rights_engine.system
from openfisca_core import commons
import numexpr
ran_on_import = "numexpr.necompiler" in sys.modules
print(ran_on_import, commons.eval_expression("1 + 2") == 3, "numexpr.necompiler" in sys.modules,
      numexpr.evaluate("2 * 3") == 6, type(numexpr).__name__)
"""
    assert _run(code) == "False True True True module"


def test_importing_openfisca_does_not_run_its_tools_and_using_them_does() -> None:
    code = """
import sys
import rights_engine.system
import openfisca_core.tools
from openfisca_core import tools
from openfisca_core.parameters import ParameterNode
ran_on_import = "numpy.testing" in sys.modules
node = ParameterNode("node", data={"rate": {"values": {"2020-01-01": 0.5}}})
print(ran_on_import, repr(node) == "rate:\\n  2020-01-01: 0.5", "numpy.testing" in sys.modules,
      openfisca_core.tools is tools, tools.indent("a") == "  a", type(tools).__name__)
"""
    assert _run(code) == "False True True True True module"


def test_dpath_dateutil_parser_and_secrets_run_only_when_used() -> None:
    code = """
import sys
import rights_engine.system
import openfisca_core.simulation_builder, openfisca_core.errors, pendulum
from dateutil import parser
import dpath
from pydantic import SecretStr
ran = [m for m in ("dpath.segments", "dateutil.parser._parser", "hmac") if m in sys.modules]
loose = pendulum.parse("Nov 3 2026", strict=False).isoformat()
found = {}
dpath.new(found, "a/b", 1)
print(ran, loose, found, parser.parse("2026-11-03").day, type(dpath).__name__,
      SecretStr("s") == SecretStr("s") != SecretStr("t"), "hmac" in sys.modules)
"""
    assert _run(code) == "[] 2026-11-03T00:00:00+00:00 {'a': {'b': 1}} 3 module True True"


def test_a_deferred_module_runs_once_and_if_it_fails_is_left_out_as_a_failed_import_is(
    tmp_path: Path,
) -> None:
    (tmp_path / "probe_ok.py").write_text("print('ran')\nvalue = 1\n")
    (tmp_path / "probe_failing.py").write_text("raise ImportError('broken')\n")
    code = f"""
import sys
sys.path.insert(0, {str(tmp_path)!r})
from rights_engine._deferred import defer
defer("probe_ok"); defer("probe_failing"); defer("probe_not_installed")
import probe_ok, probe_failing
print("imported")
print(probe_ok.value, probe_ok.value)
try:
    probe_failing.anything
except ImportError as error:
    print(error, "probe_failing" in sys.modules, "probe_not_installed" in sys.modules)
"""
    assert _run(code).splitlines() == ["imported", "ran", "1 1", "broken False False"]
