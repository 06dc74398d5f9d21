"""The YAML parser of the input files: libyaml (linear in the size of the text) with the plain
scalars of YAML 1.2, the semantics of JSON.

PyYAML's own resolver follows YAML 1.1, which reads ``0750`` as octal (488), ``1:20`` in base
60 (80), ``yes``, ``on`` or ``n`` as booleans and ``2026-11-01`` as a date: silent nonsense in an
amount. Here only ``true``/``false``, ``null``/``~``, decimal numbers and ``.inf``/``.nan`` are
read as such; anything else is text, which the models refuse where a number is expected.
Integers too long for Python's int-string limit become floats (infinite beyond 308 digits),
refused by the models with a located message instead of an error in the middle of a batch.
Where PyYAML was built without libyaml, its pure Python parser does the same, more slowly.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

import yaml

__all__ = ["MAX_INT_DIGITS", "YamlLoader", "first_alias_line", "new_loader", "whole_number"]


def first_alias_line(source: str) -> int | None:
    """The line of the first alias, read from the parser's events (the composed nodes only know
    the anchor's line)."""
    loader = new_loader(source)
    try:
        for event in iter(loader.get_event, None):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                return int(event.start_mark.line) + 1
    finally:
        loader.dispose()
    return None


class YamlLoader(Protocol):
    """What this module uses of a PyYAML loader (libyaml's or the pure Python one)."""

    def get_single_node(self) -> yaml.Node | None: ...

    def get_event(self) -> yaml.Event | None: ...

    def construct_document(self, node: yaml.Node) -> Any: ...

    def dispose(self) -> None: ...


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 (core schema) for plain scalars, the semantics of JSON.

    PyYAML follows YAML 1.1, which reads ``0750`` as octal (488), ``1:20`` as base 60 (80),
    ``yes``, ``on`` or ``n`` as booleans and ``2026-11-01`` as a date: silent nonsense in an
    amount. Here only ``true``/``false``, ``null``/``~``, decimal numbers and ``.inf``/``.nan``
    are read as such (``0750`` is 750); anything else is text, which the situation model then
    refuses with a located message where a number is expected. Dates stay text until the model
    parses them, so ``1990-02-31`` is a located error, not a crash.
    """


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)

MAX_INT_DIGITS = 18
"""A longer integer is read as a float (infinite beyond 308 digits), which the models refuse
with a located message, instead of Python's 4 300-digit conversion limit raising mid-read."""


def whole_number(text: str) -> int | float:
    """The integer written in ``text`` (decimal), as a float when it has too many digits."""
    if len(text.lstrip("+-")) > MAX_INT_DIGITS:
        return float(text)
    return int(text, 10)


def _integer(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> int | float:
    return whole_number(str(loader.construct_scalar(node)).replace("_", ""))


def _timestamp_as_text(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe constructor: decimal integers (bounded), dates kept as text."""

    yaml_constructors = {
        **yaml.constructor.SafeConstructor.yaml_constructors,
        "tag:yaml.org,2002:int": _integer,
        "tag:yaml.org,2002:timestamp": _timestamp_as_text,
    }


class _PurePythonLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Constructor,
    _Resolver,
):
    """PyYAML's own parser, where PyYAML was built without libyaml (the same, but slower)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _LibyamlLoader(CParser, _Constructor, _Resolver):
        """libyaml's parser (C, linear in the size of the text), the constructor and resolver
        above."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)


def new_loader(text: str) -> YamlLoader:
    if yaml.__with_libyaml__:
        return _LibyamlLoader(text)
    return _PurePythonLoader(text)
