"""The command line starts fast: ``rights-engine --help`` imports no command module (neither the
engine, OpenFisca nor numpy), ``rules`` does not build the OpenFisca system, ``simulate`` on one
household loads neither rich, the other formats' renderers nor psutil's code, and the listing of
the root ``--help``, written from a table before any command is imported, matches the commands
themselves. (Start times are measured by hand, see the README: not asserted here.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from rights_engine.cli.lazy import LazyGroup
from rights_engine.cli.main import BLAS_THREADS_VARIABLE, COMMANDS, DEBUG_VARIABLE, cli

HEAVY = (
    "numpy",
    "openfisca_core",
    "pydantic",
    "yaml",
    "rich",
    "fastapi",
    "uvicorn",
    "orjson",
    "rights_engine.engine",
    "rights_engine.system",
    "rights_engine.situation",
)
"""What the root ``--help`` has no use for."""

OPENFISCA = ("numpy", "openfisca_core", "rights_engine.system", "rights_engine.engine.evaluate")


def _loaded_after(*args: str) -> tuple[list[str], str]:
    """Run the console script's entry point with ``args`` in a fresh interpreter: every module it
    loaded, and its standard output."""
    code = f"""
import json, sys
from rights_engine.cli.main import main
sys.argv = ["rights-engine", *{list(args)!r}]
try:
    main()
except SystemExit as exit:
    status = exit.code
else:
    status = 0
sys.stdout.flush()
print(json.dumps([status, sorted(sys.modules)]), file=sys.stderr)
"""
    env = {k: v for k, v in os.environ.items() if k != DEBUG_VARIABLE}
    # -P: the installed package, not the checkout's rights_engine/ of the current directory.
    result = subprocess.run(
        [sys.executable, "-P", "-c", code], capture_output=True, text=True, env=env, check=False
    )
    status, modules = json.loads(result.stderr.splitlines()[-1])
    assert status in (0, None), result.stdout + result.stderr
    return modules, result.stdout


def _among(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted({n for n in names for m in modules if m == n or m.startswith(n + ".")})


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"]], ids=" ".join)
def test_root_help_and_version_load_no_command(args: list[str]) -> None:
    modules, output = _loaded_after(*args)
    assert _among(modules, HEAVY) == []
    command_modules = {"rights_engine.cli." + c.target.split(":")[0][1:] for c in COMMANDS}
    assert sorted(command_modules & set(modules)) == []
    if "--version" not in args:
        assert all(f"  {c.name} " in output for c in COMMANDS), output


@pytest.mark.parametrize("args", [["rules"], ["rules", "--format", "json"], ["rules", "--help"]])
def test_rules_builds_no_openfisca_system(args: list[str]) -> None:
    modules, output = _loaded_after(*args)
    assert _among(modules, OPENFISCA) == []
    assert "aah" in output or "--stale" in output


def test_rules_stale_loads_openfisca_when_asked() -> None:
    modules, _ = _loaded_after("rules", "--stale", "--on", "2027-03-01", "--format", "json")
    assert _among(modules, ("openfisca_core", "rights_engine.system")) == [
        "openfisca_core",
        "rights_engine.system",
    ]


UNUSED_BY_JSON = (
    "rich",
    "psutil._common",
    "numexpr.necompiler",
    "numpy.testing",
    "dpath.segments",
    "dateutil.parser._parser",
    "hashlib",
    "rights_engine.cli.render_text",
    "rights_engine.cli.render_markdown",
    "rights_engine.cli.render_html",
    "rights_engine.cli.render_compare",
    "rights_engine.cli.screening",
    "rights_engine.engine.columns",
    "rights_engine.engine.compare",
    "rights_engine.engine.directory",
    "rights_engine.engine.freshness",
)
"""What ``simulate FILE --format json`` has no use for: psutil, numexpr, openfisca_core.tools,
dpath, dateutil.parser and secrets are imported by OpenFisca (or pendulum, pydantic), but their
code (``psutil._common``, ``numpy.testing``, hashlib …) runs only when used
(``rights_engine._deferred``; the caches on disk keep their keys whole); the column-wise
screening is ``batch``'s; what-if variants (compared by ``engine.compare``) and a
local partners directory (``engine.directory``) are loaded for a situation that has variants and
for ``--partners``."""


def test_simulate_json_loads_neither_rich_nor_the_other_renderers(situations_dir) -> None:
    situation = str(situations_dir / "mere_isolee_sans_logement.yaml")
    modules, output = _loaded_after("simulate", situation, "--format", "json")
    assert json.loads(output)["findings"]
    assert "openfisca_core.holders.holder" in modules and "psutil" in modules
    assert _among(modules, UNUSED_BY_JSON) == []
    modules, output = _loaded_after("simulate", situation)
    assert "Situation" in output
    assert _among(modules, ("rich", "rights_engine.cli.render_text")) == [
        "rich",
        "rights_engine.cli.render_text",
    ]


def test_simulate_runs_on_one_thread_unless_the_user_sets_openblas_s(situations_dir) -> None:
    """The console script has OpenBLAS (numpy's) run on one thread, as its pool of threads
    would spin on another core for nothing; an explicit setting is kept. With numexpr's code
    deferred, a cold ``simulate`` is then a single thread of the system."""
    code = """
import os, sys
from rights_engine.cli.main import BLAS_THREADS_VARIABLE, main
sys.argv = ["rights-engine", "simulate", sys.argv[1], "--format", "json"]
try:
    main()
except SystemExit:
    pass
print(os.environ[BLAS_THREADS_VARIABLE], len(os.listdir("/proc/self/task")), file=sys.stderr)
"""
    situation = str(situations_dir / "mere_isolee_sans_logement.yaml")
    for given, expected in ((None, ["1", "1"]), ("2", ["2", "2"])):
        env = {
            k: v for k, v in os.environ.items() if k not in (BLAS_THREADS_VARIABLE, DEBUG_VARIABLE)
        }
        if given is not None:
            env[BLAS_THREADS_VARIABLE] = given
        result = subprocess.run(
            [sys.executable, "-P", "-c", code, situation],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert result.stderr.split()[-2:] == expected, result.stderr


def test_simulate_loads_what_if_comparisons_and_the_directory_when_used(
    situations_dir, tmp_path
) -> None:
    situation = situations_dir / "rsa_permis_hameau.yaml"
    variants = tmp_path / "variantes.yaml"
    variants.write_text(
        situation.read_text(encoding="utf-8")
        + "what_if:\n  - name: Si elle reprend un emploi\n    changes:\n"
        + "      - new_job: {salary: 900}\n",
        encoding="utf-8",
    )
    directory = str(situations_dir / "annuaires" / "dordogne.yaml")
    args = ("simulate", str(variants), "--format", "json", "--partners", directory)
    modules, output = _loaded_after(*args)
    assert json.loads(output)["what_if"]
    used = ("rights_engine.engine.compare", "rights_engine.engine.directory")
    assert _among(modules, used) == list(used)


def test_a_command_s_imports_are_frozen_out_of_the_collector_s_walks() -> None:
    """What a command's import creates is moved to the collector's permanent generation, and
    the collector is on again afterwards; a collector turned off by the caller stays off."""
    code = """
import gc, sys
from rights_engine.cli.main import cli
on = "--collector-off" not in sys.argv
if not on:
    gc.disable()
before = gc.get_freeze_count()
cli.load("simulate")
print(before, gc.get_freeze_count() > 10_000, gc.isenabled())
"""
    for flag, expected in (("", "0 True True"), ("--collector-off", "0 False False")):
        result = subprocess.run(
            [sys.executable, "-P", "-c", code, flag], capture_output=True, text=True, check=True
        )
        assert result.stdout.split() == expected.split(), result.stderr


def test_a_command_s_help_loads_only_its_module() -> None:
    modules, output = _loaded_after("schema", "--help")
    assert "Print the JSON Schema of a situation" in output
    loaded = {m for m in modules if m.startswith("rights_engine.cli.")}
    assert loaded == {
        "rights_engine.cli.errors",
        "rights_engine.cli.lazy",
        "rights_engine.cli.main",
        "rights_engine.cli.schema",
    }


def test_the_table_names_each_command_where_it_is_defined() -> None:
    assert [c.name for c in COMMANDS] == sorted({c.name for c in COMMANDS})
    assert isinstance(cli, LazyGroup)
    for lazy in COMMANDS:
        command = cli.load(lazy.name)
        assert command.name == lazy.name
        assert not command.hidden and not command.deprecated and command.short_help is None


def test_the_listing_matches_the_commands_at_every_width() -> None:
    """The root --help written from the table alone, before any import, is the one click
    writes from the commands themselves."""
    assert isinstance(cli, LazyGroup)
    loaded = click.Group(
        "rights-engine",
        commands=[cli.load(c.name) for c in COMMANDS],
        params=cli.params,
        help=cli.help,
    )
    for limit in range(0, 400):
        for lazy in COMMANDS:
            stand_in = click.Command(lazy.name, help=lazy.summary)
            assert stand_in.get_short_help_str(limit) == loaded.commands[
                lazy.name
            ].get_short_help_str(limit), (lazy.name, limit)
    for width in (30, 50, 80, 120, 400):
        fresh = LazyGroup("rights-engine", lazy_commands=COMMANDS, params=cli.params, help=cli.help)
        texts = []
        for group in (fresh, loaded):
            with click.Context(group, terminal_width=width, max_content_width=width) as ctx:
                texts.append(group.get_help(ctx))
        assert not fresh.commands, "the listing imported a command"
        assert texts[0] == texts[1], width


@pytest.mark.skipif(
    not hasattr(click.exceptions, "NoSuchCommand"), reason="click < 8.4 suggests no name"
)
def test_an_unknown_command_is_told_with_the_close_names_of_unloaded_commands() -> None:
    fresh = LazyGroup("rights-engine", lazy_commands=COMMANDS)
    result = CliRunner().invoke(fresh, ["simulat"])
    assert result.exit_code == 2
    assert "No such command 'simulat'. Did you mean 'simulate'?" in result.output
    assert not fresh.commands
    result = CliRunner().invoke(fresh, ["nope"])
    assert result.exit_code == 2 and "No such command 'nope'.\n" in result.output
