"""Read situations from YAML (safe loader), JSON or JSON Lines, with located errors.

YAML is parsed by libyaml (linear in the size of the file) and composed into nodes first so
that every field keeps its line; plain scalars follow YAML 1.2, as JSON does (``0750`` is 750,
``yes`` and ``1:20`` are text: no silent octal, base-60 or boolean amounts); aliases and
anchors are refused (they are never needed in a situation and are how "YAML bombs" blow up
memory); a key written twice in the same mapping is refused, in YAML, JSON and each line of a
JSON Lines batch (a parser would silently keep one); dates stay text until the situation model
parses them (so ``1990-02-31`` is a located error, not a crash). Every input is read through a
bounded reader (:mod:`rights_engine.situation.sources`), so a pipe or standard input cannot
pass a size limit. Every message fits on one line, says where and what was expected, and never
quotes a value of the file (at most its kind and length: ``got a text of 8 characters``); any
error met while reading one household becomes that household's located error.

The same reader serves other YAML inputs (the local partners directory): an :class:`InputKind`
holds the words that name what the file should hold; :func:`read_text`, :func:`compose` and
:func:`validate` do the rest.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from rights_engine.situation.errors import InputError, InputProblem, SituationError
from rights_engine.situation.models import Situation
from rights_engine.situation.plain_json import read_plain, read_plain_situation
from rights_engine.situation.sources import (
    STDIN,
    SourceError,
    TooLarge,
    iter_lines,
    open_source,
    read_bounded,
)
from rights_engine.situation.yaml_reader import (
    MAX_INT_DIGITS,
    first_alias_line,
    new_loader,
    whole_number,
)

__all__ = [
    "BatchLines",
    "MAX_FILE_BYTES",
    "MAX_INT_DIGITS",
    "MAX_LINE_BYTES",
    "SITUATION",
    "InputKind",
    "Location",
    "RawLine",
    "ReadSituation",
    "compose",
    "display_name",
    "field_path",
    "is_batch_name",
    "id_used_twice",
    "iter_raw_records",
    "iter_records",
    "iter_situations",
    "json_keys_twice",
    "json_loads",
    "load_situation",
    "parse_situation",
    "read_line",
    "read_text",
    "validate",
    "whole_number",
]

MAX_FILE_BYTES = 1_000_000
"""A single situation is a few kilobytes; a larger file is refused before it is parsed."""
MAX_LINE_BYTES = 200_000
"""One line of a JSON Lines batch."""

Location = tuple[str | int, ...]
"""Where a field sits in a file: ``("people", 1, "birth_date")``."""

Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class InputKind:
    """What a file should hold, in the words of its messages (a situation, a directory…)."""

    noun: str
    """``a situation``: "aliases are not allowed in …", "too deeply nested to be …"."""
    root: str
    """The field named by a problem about the whole file: ``(situation)``."""
    fields: str
    """The main keys, shown when the file is not a mapping: ``schema, household, people…``."""
    empty: str
    """The message for an empty file."""
    unknown_field: str
    """The message for a key the format does not have."""
    max_bytes: int
    """A larger file is refused before it is parsed."""
    too_large: str
    """Ends "file too large (N bytes; …)"; ``{limit}`` is replaced by ``max_bytes``."""
    error: type[InputError]
    """Raised with the problems found."""


SITUATION = InputKind(
    noun="a situation",
    root="(situation)",
    fields="schema, household, people…",
    empty="the file is empty; expected a situation (schema, household, people)",
    unknown_field="unknown field (see `rights-engine schema` for the allowed fields)",
    max_bytes=MAX_FILE_BYTES,
    too_large="a situation is at most {limit} bytes — use a .jsonl batch for many households",
    error=SituationError,
)


def _too_deep(kind: InputKind) -> str:
    return f"too deeply nested to be {kind.noun}"


def _yaml_problem(exc: yaml.YAMLError, file: str, text: str, kind: InputKind) -> InputProblem:
    """One line, located, without quoting the file (the parser's own text shows the faulty line)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or "not valid YAML"
        if "nesting depth" in reason:
            return InputProblem(file, line, None, _too_deep(kind))
        context = exc.context
        if context and exc.context_mark is not None and exc.context_mark.line + 1 != line:
            reason += f" ({context} that starts on line {exc.context_mark.line + 1})"
        return InputProblem(file, line, None, f"not valid YAML or JSON: {_unquoted(reason)}")
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml counts the position in bytes of the UTF-8 text, PyYAML in characters.
        before = text.encode("utf-8")[: max(exc.position, 0)] if yaml.__with_libyaml__ else None
        line = (
            before.count(b"\n") if before is not None else text.count("\n", 0, exc.position)
        ) + 1
        character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        reason = f"character #x{character:04x} is not allowed in a text file"
        return InputProblem(file, line, None, f"not valid YAML or JSON: {reason}")
    return InputProblem(file, None, None, "not valid YAML or JSON")


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
"""A text that the parser quotes (``%r``), its quotes paired from the left (``',' or '}'`` is
two quoted characters)."""


def _unquoted(reason: str) -> str:
    """The parser's ``reason`` without what it quotes from the file: a tag (``!…``), an alias or
    anchor name may be any text a person typed, so only its length is shown (a single character
    that cannot start a value, which helps, is kept)."""
    if reason.startswith("could not determine a constructor for the tag"):
        return "a tag (!…) that is not accepted here: write plain values (texts, numbers, dates)"
    return _printable(_QUOTED.sub(_unquoted_text, reason))


def _unquoted_text(quoted: re.Match[str]) -> str:
    length = len(quoted.group()) - 2
    return quoted.group() if length < 2 else f"<{length} characters>"


def _looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith(("{", "["))


class _AliasFound(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _lines(root: yaml.Node) -> tuple[dict[Location, int], list[tuple[Location, int, int]]]:
    """The line of every field, and the keys written twice in a mapping (location, line, first).

    Iterative, so that the walk is linear and never recursive. A node met twice is an alias
    (``*name``): :class:`_AliasFound`, with the line of the field that holds it.
    """
    lines: dict[Location, int] = {}
    twice: list[tuple[Location, int, int]] = []
    seen: set[int] = set()
    # (node, its location, the line recorded for it, the line of the field that holds it)
    stack: list[tuple[yaml.Node, Location, int, int]] = []
    first = root.start_mark.line + 1
    stack.append((root, (), first, first))
    while stack:
        node, location, line, holder = stack.pop()
        if id(node) in seen:
            raise _AliasFound(holder)
        seen.add(id(node))
        lines[location] = line
        children: list[tuple[yaml.Node, Location, int, int]] = []
        if isinstance(node, yaml.MappingNode):
            names: dict[str, int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                key_line = key.start_mark.line + 1
                if name in names:
                    twice.append(((*location, name), key_line, names[name]))
                    continue
                names[name] = key_line
                children.append((value, (*location, name), key_line, key_line))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                children.append((item, (*location, index), item.start_mark.line + 1, line))
        stack.extend(reversed(children))  # in the order of the file
    return lines, twice


_SHOWN_KEY_LENGTH = 64


def _printable(text: str) -> str:
    """``text`` with control characters (terminal escape codes…) shown as ``\\x1b``."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _shown_key(part: str) -> str:
    """A key as it may be shown: a word (``salaire``), else only its length."""
    if part.isidentifier() and len(part) <= _SHOWN_KEY_LENGTH:
        return part
    return f"<key of {len(part)} characters>"


def field_path(location: tuple[Any, ...], root: str = SITUATION.root) -> str:
    """``("people", 1, "birth_date")`` → ``people[1].birth_date`` (``root`` when empty)."""
    text = ""
    for part in location:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            name = _shown_key(str(part))
            text += f".{name}" if text else name
    return text or root


def _what(value: Any) -> str:
    """What a value is, never the value itself: ``a text of 8 characters``, ``a number``."""
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return f"a text of {len(value)} characters" if value else "an empty text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return "a value of another kind"


_EXPECTED = {
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "int_parsing_size": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "finite_number": "expected a finite number",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "string_type": "expected a text",
    "string_unicode": "expected a text",
    "list_type": "expected a list",
    "model_type": "expected a mapping of fields",
    "model_attributes_type": "expected a mapping of fields",
    "dict_type": "expected a mapping of fields",
}
_DATE_ERRORS = {
    "date_from_datetime_parsing",
    "date_parsing",
    "date_type",
    "date_from_datetime_inexact",
    "datetime_from_date_parsing",
}
_DATE_SHAPE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def _number(value: Any) -> str:
    """``0`` rather than ``0.0`` in a bound, and ``10 000 000`` rather than ``10000000``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ")
    return str(value)


# A rule on the whole situation that names one person (``people[1] …``) or the roles of the
# people is located on ``people[1]`` or ``people`` rather than on the root.
_NAMES_PERSON = re.compile(r"^people\[(\d+)\]\s*")
_ABOUT_PEOPLE = ("person", "role")
# Any rule may name its field first: ``entries[3].departement: …``, ``people[1].birth_date: …``.
_NAMES_FIELD = re.compile(r"^([A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_]\w*)*): ")
_PATH_PART = re.compile(r"\[(\d+)\]|\.?([A-Za-z_]\w*)")


def _locate_rule(message: str, base: tuple[Any, ...]) -> tuple[tuple[Any, ...], str]:
    """Where a rule's message belongs: the field it names first, under ``base`` (the model that
    raised it); at the root, the person it names or, for roles, ``people``."""
    field = _NAMES_FIELD.match(message)
    if field:
        parts = _PATH_PART.findall(field.group(1))
        location = tuple(int(index) if index else name for index, name in parts)
        return (*base, *location), message[field.end() :]
    if base:
        return base, message
    named = _NAMES_PERSON.match(message)
    if named:
        return ("people", int(named.group(1))), message[named.end() :]
    if any(word in message for word in _ABOUT_PEOPLE):
        return ("people",), message
    return (), message


def _message(error: Any, input_kind: InputKind) -> str:
    """What was expected, in the project's words, never the value that was given."""
    kind = error["type"]
    got = error.get("input")
    ctx = error.get("ctx", {})
    if kind in _DATE_ERRORS:
        if isinstance(got, str) and _DATE_SHAPE.match(got):
            return "expected a date YYYY-MM-DD that exists in the calendar"
        if isinstance(got, str):
            return "expected a date YYYY-MM-DD"
        return f"expected a date YYYY-MM-DD, got {_what(got)}"
    if kind in ("enum", "literal_error"):
        expected = f"expected one of {ctx['expected']}"
        plain = isinstance(got, str | int | float) and not isinstance(got, bool)
        return expected if plain else f"{expected}, got {_what(got)}"
    if kind == "greater_than_equal":
        return f"expected a number ≥ {_number(ctx['ge'])}"
    if kind == "less_than_equal":
        return f"expected a number ≤ {_number(ctx['le'])}"
    if kind == "string_type" and isinstance(got, int | float) and not isinstance(got, bool):
        # An unquoted code (commune: 01053) is read as a number, which loses its leading
        # zero: show what to write, not the number.
        return 'expected a text, got a number: write codes in quotes (e.g. "01053")'
    if kind == "string_pattern_mismatch":
        pattern = str(ctx["pattern"])
        if "(0[1-9]|1[0-2])" in pattern:
            return "expected a month YYYY-MM"
        if pattern == r"^[A-Za-z0-9_.-]+$":
            return "expected letters without accents, digits, '_', '.' or '-' only"
        return "expected a text in the documented form (see `rights-engine schema`)"
    if kind == "too_short":
        return f"expected at least {ctx['min_length']} item(s), got {ctx['actual_length']}"
    if kind == "too_long":
        return f"expected at most {ctx['max_length']} items, got {ctx['actual_length']}"
    if kind == "string_too_short":
        return f"expected at least {ctx['min_length']} character(s)"
    if kind == "string_too_long":
        return f"expected at most {ctx['max_length']} characters, got {_what(got)}"
    if kind == "extra_forbidden":
        return input_kind.unknown_field
    if kind == "missing":
        return "this field is required"
    if kind in _EXPECTED:
        return f"{_EXPECTED[kind]}, got {_what(got)}"
    return "not a valid value for this field (see `rights-engine schema`)"


def _problems(
    error: Any, file: str, lines: dict[Location, int], input_kind: InputKind
) -> list[InputProblem]:
    """The located problem(s) of one pydantic error: a rule of a model may hold several, one
    per line of its message."""
    location: tuple[Any, ...] = tuple(error["loc"])
    # pydantic puts union members and function validators in the location: drop them.
    clean = tuple(
        p
        for p in location
        if isinstance(p, int) or not str(p).startswith(("function-", "constrained-"))
    )
    clean = tuple(p for p in clean if p not in ("int", "float", "date", "str", "bool"))
    if error["type"] == "value_error":
        text = str(error.get("ctx", {}).get("error", error["msg"]))
        found = [_locate_rule(message, clean) for message in text.split("\n")]
    else:
        found = [(clean, _message(error, input_kind))]
    problems = []
    for where, message in found:
        line = None
        for depth in range(len(where), -1, -1):
            if where[:depth] in lines:
                line = lines[where[:depth]]
                break
        problems.append(InputProblem(file, line, field_path(where, input_kind.root), message))
    return problems


def validate(
    model: type[Model],
    data: Any,
    file: str,
    lines: dict[Location, int],
    kind: InputKind = SITUATION,
    base_line: int = 0,
) -> Model:
    """``model`` validated from ``data``, or ``kind.error`` with every problem located by ``lines``.

    ``base_line`` (a line of a JSON Lines batch) replaces the line of every problem.
    """
    if not isinstance(data, dict):
        line = base_line or lines.get((), 1)
        expected = f"expected a mapping of fields ({kind.fields})"
        raise kind.error([InputProblem(file, line, None, expected)])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # A key written under its alias in files (``schema``) is named by its field in errors.
        for name, info in model.model_fields.items():
            alias = info.alias
            if alias is not None and alias != name:
                lines = {
                    **lines,
                    **{(name, *k[1:]): v for k, v in lines.items() if k[:1] == (alias,)},
                }
        problems = [
            problem
            for error in exc.errors(include_url=False)
            for problem in _problems(error, file, lines, kind)
        ]
        # In the order of the file, as a reader goes through it (unlocated ones last).
        problems.sort(key=lambda p: p.line if p.line is not None else float("inf"))
        if base_line:
            problems = [InputProblem(p.file, base_line, p.field, p.message) for p in problems]
        raise kind.error(problems) from None


class _TwiceInJson(dict[str, Any]):
    """A JSON object in which a key was written twice (the first value is kept)."""

    twice: list[str]


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) == len(pairs):
        return data
    marked = _TwiceInJson()
    twice = []
    for key, value in pairs:  # the first value of a key written twice is kept
        if key in marked:
            twice.append(key)
            continue
        marked[key] = value
    marked.twice = twice
    return marked


def _json_twice(data: Any) -> list[Location]:
    """Where a key was written twice in parsed JSON."""
    found: list[Location] = []
    stack: list[tuple[Any, Location]] = [(data, ())]
    while stack:
        value, location = stack.pop()
        if isinstance(value, _TwiceInJson):
            found.extend((*location, key) for key in value.twice)
        if isinstance(value, dict):
            stack.extend((v, (*location, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*location, i)) for i, v in enumerate(value))
    return sorted(found, key=str)


def json_loads(text: str) -> tuple[Any, bool]:
    """JSON as the situation models expect it: integers of any length are read (a long one as a
    float, refused by the models with a located message), ``NaN`` and ``Infinity`` as floats
    (refused likewise); and whether a key was written twice, as the parser tells it (its places
    are recorded for :func:`json_keys_twice`), so that nothing walks the data again."""
    twice = False

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal twice
        data = _json_object(pairs)
        twice = twice or isinstance(data, _TwiceInJson)
        return data

    data = json.loads(
        text, parse_int=whole_number, parse_constant=float, object_pairs_hook=pairs_hook
    )
    return data, twice


def json_keys_twice(data: Any, file: str, line: int | None, kind: InputKind, twice: bool) -> None:
    """Raise ``kind.error`` when a key of the JSON ``data`` was written twice (``twice``: what
    :func:`json_loads` told)."""
    if not twice:
        return
    raise kind.error(
        [
            InputProblem(file, line, field_path(location, kind.root), "written twice")
            for location in _json_twice(data)
        ]
    )


def _from_json(text: str, file: str, kind: InputKind) -> Any:
    """JSON that the YAML reader refuses: read it as JSON (fields are then located by path only)."""
    try:
        data, twice = json_loads(text)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} (column {exc.colno})"
        raise kind.error([InputProblem(file, exc.lineno, None, message)]) from None
    except RecursionError:
        raise kind.error([InputProblem(file, None, None, _too_deep(kind))]) from None
    json_keys_twice(data, file, None, kind, twice)
    return data


def _load(source: str, file: str, kind: InputKind) -> tuple[bool, Any, dict[Location, int]]:
    """What ``yaml.load`` does, in two steps so that the nodes give the line of every field.

    Returns whether the text holds a document, its data and the line of each field. Raises
    ``kind.error`` for an alias or a key written twice.
    """
    loader = new_loader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return False, None, {}
        try:
            lines, twice = _lines(node)
        except _AliasFound as alias:
            message = f"not valid YAML or JSON: aliases (*name) are not allowed in {kind.noun}"
            line = first_alias_line(source) or alias.line
            raise kind.error([InputProblem(file, line, None, message)]) from None
        if twice:
            raise kind.error(
                [
                    InputProblem(
                        file,
                        line,
                        field_path(location, kind.root),
                        f"written twice (first on line {first})",
                    )
                    for location, line, first in twice
                ]
            )
        return True, loader.construct_document(node), lines
    finally:
        loader.dispose()


def compose(text: str, file: str, kind: InputKind = SITUATION) -> tuple[Any, dict[Location, int]]:
    """The data of a YAML or JSON text and the line of each of its fields.

    Raises ``kind.error`` for an empty text, text that is not YAML or JSON, an alias, a key
    written twice or nesting too deep. JSON that YAML refuses is read as JSON, without lines.
    """
    if not text.strip():
        raise kind.error([InputProblem(file, 1, None, kind.empty)])
    json_like = _looks_like_json(text)
    # In JSON a literal tab can only be white space (tabs in strings are escaped), but YAML
    # refuses tabs before a token: blank them so tab-indented JSON keeps its line numbers.
    source = text.replace("\t", " ") if json_like else text
    try:
        found, data, lines = _load(source, file, kind)
    except yaml.YAMLError as exc:
        if json_like:
            return _from_json(text, file, kind), {}
        raise kind.error([_yaml_problem(exc, file, source, kind)]) from None
    except RecursionError:
        raise kind.error([InputProblem(file, None, None, _too_deep(kind))]) from None
    except (ValueError, TypeError, OverflowError) as exc:
        if isinstance(exc, InputError):
            raise
        # An explicit tag that its text does not fit (``!!float abc``, ``!!int 0x``).
        message = "not valid YAML or JSON: a value does not fit its tag (!!…)"
        raise kind.error([InputProblem(file, None, None, message)]) from None
    if not found:
        raise kind.error([InputProblem(file, 1, None, kind.empty)])
    return data, lines


def _situation_with_lines(text: str, file: str) -> tuple[Situation, dict[Location, int]]:
    data, lines = compose(text, file, SITUATION)
    return validate(Situation, data, file, lines, SITUATION), lines


def parse_situation(text: str, file: str = "<situation>") -> Situation:
    """Parse one situation written in YAML or JSON (JSON is read by the same safe YAML loader).

    Raises :class:`SituationError` with located problems, whatever is wrong with the text.
    """
    return _guarded(lambda: _situation_with_lines(text, file), file, None)[0]


def _guarded(read: Callable[[], Any], file: str, line: int | None) -> Any:
    """``read()``; any error it raises that is not already a located input error becomes one,
    so that a single bad household never costs the others (its type only: its text may quote
    personal values)."""
    try:
        return read()
    except InputError:
        raise
    except RecursionError:
        raise SituationError([InputProblem(file, line, None, _too_deep(SITUATION))]) from None
    except Exception as exc:
        message = (
            f"this situation could not be read (internal error {type(exc).__name__}); "
            "please report it with the file's structure, without its personal values"
        )
        raise SituationError([InputProblem(file, line, None, message)]) from None


def _decode(raw: bytes, name: str, kind: InputKind) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = "not a UTF-8 text file (save it as UTF-8)"
        raise kind.error([InputProblem(name, line, None, message)]) from None


def _too_large(exc: TooLarge, kind: InputKind) -> str:
    limit = kind.too_large.format(limit=f"{kind.max_bytes:,}")
    return f"{exc.message}; {limit})"


def read_text(path: str | Path, kind: InputKind = SITUATION, name: str | None = None) -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped), at most ``kind.max_bytes`` long.

    ``path`` may be a regular file, a pipe or ``-`` (standard input); the limit holds for each,
    counted on the bytes read. Raises ``kind.error`` when it cannot be read or is too large.
    """
    path = str(path)
    name = name or display_name(path)
    try:
        handle, size = open_source(path)
        with handle:
            raw = read_bounded(handle, size, kind.max_bytes)
    except TooLarge as exc:
        raise kind.error([InputProblem(name, None, None, _too_large(exc, kind))]) from None
    except SourceError as exc:
        raise kind.error([InputProblem(name, None, None, exc.message)]) from None
    except OSError as exc:
        unreadable = f"cannot read the file: {exc.strerror}"
        raise kind.error([InputProblem(name, None, None, unreadable)]) from None
    return _decode(raw, name, kind)


def display_name(path: str | Path) -> str:
    """How messages and reports name an input: its path, or ``<stdin>`` for ``-``."""
    return "<stdin>" if str(path) == STDIN else str(path)


def load_situation(path: str | Path) -> Situation:
    """Load and validate one situation from a ``.yaml``, ``.yml`` or ``.json`` file (``-``:
    standard input).

    Raises :class:`SituationError` with located problems when the file is not a valid situation.
    """
    name = display_name(path)
    return parse_situation(read_text(path, SITUATION, name), name)


@dataclass(frozen=True)
class ReadSituation:
    """One household as read from a file: a situation or its located error, with its line."""

    line: int
    """Line of the household in its file: 1 for a situation file, its line in a batch."""
    item: Situation | SituationError
    period_line: int | None = None
    """The line of ``period`` in a situation file (None when absent, or in a batch)."""
    batch: bool = False
    """Whether the household is a line of a JSON Lines batch."""


BATCH_SUFFIXES = (".jsonl", ".ndjson")
"""The suffixes of a JSON Lines batch (one situation per line): the two names in use."""


def is_batch_name(path: str | Path) -> bool:
    """A ``.jsonl`` (or ``.ndjson``) file holds one situation per line."""
    return Path(str(path)).suffix.lower() in BATCH_SUFFIXES


def iter_situations(path: str | Path) -> Iterator[tuple[int, Situation | SituationError]]:
    """Yield ``(line, situation or error)`` for each household of a file.

    A ``.jsonl`` or ``.ndjson`` file holds one situation per line (blank lines skipped); a bad
    line yields its error and the next lines are still read; a line whose ``id`` was already
    used by an earlier line is an error, as a key written twice in a line. Any other file holds
    one situation (line 1). ``-`` is standard input: a batch when its first line is a whole JSON
    object.
    """
    for read in iter_records(path):
        yield read.line, read.item


def iter_records(path: str | Path) -> Iterator[ReadSituation]:
    """As :func:`iter_situations`, with the line of ``period`` of a situation file."""
    lines = BatchLines()
    for item in iter_raw_records(path):
        yield lines.read(item) if isinstance(item, RawLine) else item


class BatchLines:
    """The lines of one batch, read in order: a line whose situation has the ``id`` of an
    earlier line's is refused (as a key written twice in a line)."""

    def __init__(self) -> None:
        self._first_line: dict[str, int] = {}

    def read(self, item: RawLine) -> ReadSituation:
        read = read_line(item)
        if not isinstance(read.item, SituationError) and read.item.id is not None:
            first = self._first_line.setdefault(read.item.id, item.line)
            if first != item.line:
                read = id_used_twice(item, first)
        return read


class RawLine(NamedTuple):
    """A non-blank line of a JSON Lines batch, read as bytes but not parsed (:func:`read_line`
    parses it): light to read and to send to another process."""

    name: str
    """The batch's name in messages (:func:`display_name`)."""
    line: int
    raw: bytes | None
    """None when the line is longer than :data:`MAX_LINE_BYTES`."""
    length: int


def iter_raw_records(path: str | Path) -> Iterator[RawLine | ReadSituation]:
    """As :func:`iter_records`, but each household of a JSON Lines batch is its raw line: parse
    it with :func:`read_line`, then refuse a situation whose ``id`` an earlier one had with
    :func:`id_used_twice` (the check across lines is the caller's). What is not a line of a
    batch (a situation file, a file that cannot be read, a batch of blank lines only) is read."""
    path = str(path)
    name = display_name(path)
    try:
        handle, size = open_source(path)
    except SourceError as exc:
        yield ReadSituation(1, SituationError([InputProblem(name, None, None, exc.message)]))
        return
    with handle:
        batch = is_batch_name(path)
        head: list[tuple[int, bytes | None, int]] = []
        if path == STDIN:
            batch, head = _sniff(handle)
        if batch:
            lines = iter_lines(handle, MAX_LINE_BYTES)
            yield from _batch(name, _chain(head, lines) if head else lines)
            return
        yield _single(name, b"".join(raw or b"" for _, raw, _ in head), handle, size)


def read_line(raw: RawLine) -> ReadSituation:
    """The situation of a line of a batch, or its located error (ids not checked)."""
    try:
        read = functools.partial(_line, raw.name, raw.line, raw.raw, raw.length)
        situation = _guarded(read, raw.name, raw.line)
    except SituationError as exc:
        return ReadSituation(raw.line, exc, batch=True)
    return ReadSituation(raw.line, situation, batch=True)


def id_used_twice(raw: RawLine, first: int) -> ReadSituation:
    """The refusal of a line whose situation has the id of the situation on line ``first``."""
    message = (
        f"already the id of the situation on line {first} "
        "(each household of a batch needs its own id)"
    )
    problem = InputProblem(raw.name, raw.line, "id", message)
    return ReadSituation(raw.line, SituationError([problem]), batch=True)


def _sniff(handle: BinaryIO) -> tuple[bool, list[tuple[int, bytes | None, int]]]:
    """Whether standard input is a batch (its first non-blank line is a whole JSON object),
    and the lines read to tell."""
    head: list[tuple[int, bytes | None, int]] = []
    for number, raw, length in iter_lines(handle, MAX_LINE_BYTES):
        head.append((number, raw, length))
        if raw is None:
            return True, head
        text = raw.strip().removeprefix(b"\xef\xbb\xbf")
        if text:
            return text.startswith(b"{") and text.endswith(b"}"), head
    return False, head


def _chain(
    head: list[tuple[int, bytes | None, int]], rest: Iterator[tuple[int, bytes | None, int]]
) -> Iterator[tuple[int, bytes | None, int]]:
    yield from head
    offset = len(head)
    for number, raw, length in rest:
        yield number + offset, raw, length


def _single(name: str, head: bytes, handle: BinaryIO, size: int | None) -> ReadSituation:
    try:
        if len(head) > SITUATION.max_bytes:
            raise TooLarge(None, SITUATION.max_bytes)
        raw = head + read_bounded(handle, size, SITUATION.max_bytes - len(head))
        if len(raw) > SITUATION.max_bytes:
            raise TooLarge(size, SITUATION.max_bytes)
    except TooLarge as exc:
        if exc.size is None and size is None:
            exc = TooLarge(None, SITUATION.max_bytes)
        return ReadSituation(
            1, SituationError([InputProblem(name, None, None, _too_large(exc, SITUATION))])
        )
    except OSError as exc:
        problem = InputProblem(name, None, None, f"cannot read the file: {exc.strerror}")
        return ReadSituation(1, SituationError([problem]))
    try:
        text = _decode(raw, name, SITUATION)
        situation, lines = _guarded(lambda: _situation_with_lines(text, name), name, None)
    except SituationError as exc:
        return ReadSituation(1, exc)
    return ReadSituation(1, situation, lines.get(("period",)))


def _blank(raw: bytes) -> bool:
    """Whether a line is empty or white space only, as ``not raw.strip()`` tells, without
    copying the line (``isspace`` and ``strip`` know the same ASCII white space)."""
    return not raw or raw.isspace()


def _batch(
    name: str, lines: Iterator[tuple[int, bytes | None, int]]
) -> Iterator[RawLine | ReadSituation]:
    """Each household of a JSON Lines batch as its raw line, one at a time: memory stays flat."""
    found = False
    try:
        for number, raw, length in lines:
            if raw is not None and _blank(raw):
                continue
            found = True
            yield RawLine(name, number, raw, length)
    except OSError as exc:
        problem = InputProblem(name, None, None, f"cannot read the file: {exc.strerror}")
        yield ReadSituation(1, SituationError([problem]), batch=True)
        return
    if not found:  # blank lines only
        message = "the file is empty; expected one situation per line"
        yield ReadSituation(1, SituationError([InputProblem(name, 1, None, message)]), batch=True)


def _line(name: str, number: int, raw: bytes | None, length: int) -> Situation:
    """The situation of one line of a batch, or :class:`SituationError` located on it."""

    def refuse(message: str) -> SituationError:
        return SituationError([InputProblem(name, number, None, message)])

    if raw is None:
        raise refuse(f"line too long ({length:,} bytes; at most {MAX_LINE_BYTES:,})")
    situation = read_plain_situation(raw)
    if situation is not None:
        return situation
    data = read_plain(raw)
    if data is not None:
        return validate(Situation, data, name, {}, SITUATION, base_line=number)
    try:
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        raise refuse("not a UTF-8 text line (save the file as UTF-8)") from None
    try:
        data, twice = json_loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()):
            raise refuse("not valid JSON: the line ends before the object is closed") from None
        raise refuse(f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise refuse(_too_deep(SITUATION)) from None
    json_keys_twice(data, name, number, SITUATION, twice)
    return validate(Situation, data, name, {}, SITUATION, base_line=number)
