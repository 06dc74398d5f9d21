"""A click group that imports a command's module only when that command is used.

The root ``--help`` lists every command from a table of names and summaries, without importing
any of them (the engine, OpenFisca and numpy stay unloaded); a command's module is imported when
the command runs or its own ``--help`` is asked. This is the "lazily loading subcommands" pattern
of click's documentation. ``tests/cli/test_lazy_commands.py`` checks that the table matches the
commands it names, so that the listing cannot drift from them.

A command's imports (OpenFisca, numpy, pydantic, the engine) create several hundred thousand
objects that live as long as the process; Python's cyclic garbage collector would walk them
again and again while they are created (about a tenth of a cold start). It is paused during the
import, and what exists then is moved to the collector's permanent generation
(:func:`gc.freeze`), which later collections skip.
"""

from __future__ import annotations

from collections.abc import Sequence
from gettext import gettext as _
from importlib import import_module
from typing import Any, NamedTuple

import click

from rights_engine.collector import collector_paused

__all__ = ["LazyCommand", "LazyGroup"]


class LazyCommand(NamedTuple):
    """A command known by its name and summary before its module is imported."""

    name: str
    target: str
    """``module:attribute`` of the :class:`click.Command`; a module starting with a dot is
    relative to the command line's package (``rights_engine.cli``)."""
    summary: str
    """The first sentence of the command's help, which the root ``--help`` shortens to fit."""


class LazyGroup(click.Group):
    """A :class:`click.Group` whose commands are imported on first use."""

    def __init__(
        self, *args: Any, lazy_commands: Sequence[LazyCommand] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = {command.name: command for command in lazy_commands}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            self.add_command(self.load(cmd_name))
        return super().get_command(ctx, cmd_name)

    def load(self, cmd_name: str) -> click.Command:
        """Import the module of a lazy command and return the command it defines."""
        lazy = self.lazy_commands[cmd_name]
        module_name, _, attribute = lazy.target.partition(":")
        with collector_paused(freeze=True):
            module = import_module(module_name, __package__)
        command = getattr(module, attribute)
        if not isinstance(command, click.Command) or command.name != cmd_name:
            raise TypeError(f"{lazy.target} is not the click command {cmd_name!r}")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their short help, as :class:`click.Group` writes them, from the
        table alone for the commands not loaded yet."""
        commands = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None:  # not imported: a stand-in with the same help
                command = click.Command(name, help=self.lazy_commands[name].summary)
            if not command.hidden:
                commands.append((name, command))
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _command in commands)
        rows = [(name, command.get_short_help_str(limit)) for name, command in commands]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            # click >= 8.4 suggests close names ("Did you mean …?") from the commands loaded so
            # far: suggest from every command instead.
            no_such_command = getattr(click.exceptions, "NoSuchCommand", None)
            if no_such_command is None or not isinstance(error, no_such_command):
                raise
            name = getattr(error, "command_name", args[0])
            raise no_such_command(name, possibilities=self.list_commands(ctx), ctx=ctx) from None
