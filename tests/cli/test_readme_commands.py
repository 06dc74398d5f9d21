"""The README's command list (section "Command line") and the CLI agree: every command is
listed, every listed command exists, and each option shown for a command is one of its options."""

from __future__ import annotations

import re

import click

from rights_engine.cli.main import cli

from .conftest import REPOSITORY


def _listed() -> list[str]:
    text = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Command line\n", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "the Command line section opens with a sh block of commands"
    return [line for line in block.group(1).splitlines() if line.startswith("rights-engine ")]


def _command(name: str) -> click.Command:
    """A command of the group, imported on first use (commands load lazily)."""
    command = cli.get_command(click.Context(cli), name)
    assert command is not None, f"{name}: not a command"
    return command


def test_every_command_is_listed_in_the_readme() -> None:
    listed = {line.split()[1] for line in _listed()}
    assert listed == set(cli.list_commands(click.Context(cli)))


def test_the_options_shown_in_the_readme_exist() -> None:
    for line in _listed():
        name = line.split()[1]
        command = _command(name)
        known = {
            option
            for param in command.params
            if isinstance(param, click.Option)
            for option in [*param.opts, *param.secondary_opts]
        }
        shown = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", line.split("#", 1)[0]))
        assert shown <= known, f"{name}: {sorted(shown - known)} not options of the command"
