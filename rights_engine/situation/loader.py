"""Read situations from YAML (safe loader), JSON or JSON Lines, with located errors.

YAML is composed into nodes first so that every field keeps its line; aliases and anchors are
refused (they are never needed in a situation and are how "YAML bombs" blow up memory), a key
written twice in the same mapping is refused (YAML would silently keep the last one), and dates
stay text until the situation model parses them (so ``1990-02-31`` is a located error, not a
crash). Every message fits on one line and never quotes a line of the file.

The same reader serves other YAML inputs (the local partners directory): an :class:`InputKind`
holds the words that name what the file should hold; :func:`read_text`, :func:`compose` and
:func:`validate` do the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from rights_engine.situation.errors import InputError, InputProblem, SituationError
from rights_engine.situation.models import Situation

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_LINE_BYTES",
    "SITUATION",
    "InputKind",
    "Location",
    "compose",
    "field_path",
    "iter_situations",
    "load_situation",
    "parse_situation",
    "read_text",
    "validate",
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


class _Loader(yaml.SafeLoader):
    """Safe loader that refuses aliases (no YAML bombs)."""

    noun = SITUATION.noun
    """What the file should hold, for the message refusing an alias."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        """PyYAML hook: refuse an alias before it is resolved."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*name) are not allowed in {self.noun}", event.start_mark
            )
        return super().compose_node(parent, index)


# Dates are parsed by the situation model, with a located message when impossible (1990-02-31),
# instead of PyYAML's constructor raising a bare ValueError; a month (2026-11) or a date given
# where a month is expected stays the text the person wrote.
def _timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _too_deep(kind: InputKind) -> str:
    return f"too deeply nested to be {kind.noun}"


def _yaml_problem(exc: yaml.YAMLError, file: str, text: str) -> InputProblem:
    """One line, located, without quoting the file (PyYAML's own text shows the faulty line)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or "not valid YAML"
        context = exc.context
        if context and exc.context_mark is not None and exc.context_mark.line + 1 != line:
            reason += f" ({context} that starts on line {exc.context_mark.line + 1})"
        return InputProblem(file, line, None, f"not valid YAML or JSON: {reason}")
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        reason = f"character #x{exc.character:04x} is not allowed in a text file"
        return InputProblem(file, line, None, f"not valid YAML or JSON: {reason}")
    return InputProblem(file, None, None, "not valid YAML or JSON")


def _looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith(("{", "["))


def _lines(
    node: yaml.Node,
    location: Location,
    into: dict[Location, int],
    twice: list[tuple[Location, int, int]],
) -> None:
    """Record the line of every field; collect keys written twice in a mapping (``twice``)."""
    into[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            line = key.start_mark.line + 1
            if name in seen:
                twice.append(((*location, name), line, seen[name]))
                continue
            seen[name] = line
            into[(*location, name)] = line
            _lines(value, (*location, name), into, twice)
            into[(*location, name)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*location, index), into, twice)


def field_path(location: tuple[Any, ...], root: str = SITUATION.root) -> str:
    """``("people", 1, "birth_date")`` → ``people[1].birth_date`` (``root`` when empty)."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or root


_EXPECTED = {
    "date_from_datetime_parsing": "expected a date YYYY-MM-DD",
    "date_parsing": "expected a date YYYY-MM-DD",
    "date_type": "expected a date YYYY-MM-DD",
    "date_from_datetime_inexact": "expected a date YYYY-MM-DD",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "finite_number": "expected a finite number",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "string_type": "expected a text",
    "list_type": "expected a list",
    "model_type": "expected a mapping of fields",
    "dict_type": "expected a mapping of fields",
    "missing": "this field is required",
    "extra_forbidden": "unknown field",
}


def _number(value: Any) -> str:
    """``0`` rather than ``0.0`` in a bound."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# A rule on the whole situation that names one person (``people[1] (enfant) is a child…``) or
# the roles of the people is located on ``people[1]`` or ``people`` rather than on the root.
_NAMES_PERSON = re.compile(r"^people\[(\d+)\]\s*(?:\(([^)]*)\)\s*)?")
_ABOUT_PEOPLE = ("person", "role")
# Any other rule on the whole file may name its field first: ``entries[3].departement: …``.
_NAMES_FIELD = re.compile(r"^([A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_]\w*)*): ")
_PATH_PART = re.compile(r"\[(\d+)\]|\.?([A-Za-z_]\w*)")


def _locate_rule(message: str) -> tuple[tuple[Any, ...], str]:
    named = _NAMES_PERSON.match(message)
    if named:
        person = f"{named.group(2)} " if named.group(2) else ""
        return ("people", int(named.group(1))), person + message[named.end() :]
    field = _NAMES_FIELD.match(message)
    if field:
        parts = _PATH_PART.findall(field.group(1))
        location = tuple(int(index) if index else name for index, name in parts)
        return location, message[field.end() :]
    if any(word in message for word in _ABOUT_PEOPLE):
        return ("people",), message
    return (), message


def _problem(
    error: Any, file: str, lines: dict[Location, int], input_kind: InputKind
) -> InputProblem:
    location: tuple[Any, ...] = tuple(error["loc"])
    # pydantic puts union members and function validators in the location: drop them.
    clean = tuple(
        p
        for p in location
        if isinstance(p, int) or not str(p).startswith(("function-", "constrained-"))
    )
    clean = tuple(p for p in clean if p not in ("int", "float", "date", "str", "bool"))
    kind = error["type"]
    got = error.get("input")
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        if not clean:
            clean, message = _locate_rule(message)
            location = clean
    elif kind in ("enum", "literal_error"):
        message = f"expected one of {error['ctx']['expected']}, got {got!r}"
    elif kind == "greater_than_equal":
        message = f"expected a number ≥ {_number(error['ctx']['ge'])}, got {got!r}"
    elif kind == "less_than_equal":
        message = f"expected a number ≤ {_number(error['ctx']['le'])}, got {got!r}"
    elif kind == "string_type" and isinstance(got, int | float) and not isinstance(got, bool):
        # An unquoted code (commune: 01053) is read as a number, and YAML may even change it
        # (01053 is octal, 1053 loses its leading zero): show what to write, not the number.
        message = 'expected a text, got a number: write codes in quotes (e.g. "01053")'
    elif kind == "string_pattern_mismatch":
        message = f"expected a value matching {error['ctx']['pattern']}, got {got!r}"
        if "(0[1-9]|1[0-2])" in str(error["ctx"]["pattern"]):
            message = f"expected a month YYYY-MM, got {got!r}"
    elif kind in ("too_short", "too_long"):
        message = error["msg"].replace("List", "list").replace("Value", "value")
    elif kind == "extra_forbidden":
        message = input_kind.unknown_field
    elif kind in _EXPECTED:
        message = _EXPECTED[kind] if kind == "missing" else f"{_EXPECTED[kind]}, got {got!r}"
    else:
        message = error["msg"]
    line = None
    for depth in range(len(location), -1, -1):
        if location[:depth] in lines:
            line = lines[location[:depth]]
            break
    return InputProblem(file, line, field_path(clean, input_kind.root), message)


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
        problems = [_problem(e, file, lines, kind) for e in exc.errors(include_url=False)]
        # In the order of the file, as a reader goes through it (unlocated ones last).
        problems.sort(key=lambda p: p.line if p.line is not None else float("inf"))
        if base_line:
            problems = [InputProblem(p.file, base_line, p.field, p.message) for p in problems]
        raise kind.error(problems) from None


def _from_json(text: str, file: str, kind: InputKind) -> Any:
    """JSON that the YAML reader refuses: read it as JSON (fields are then located by path only)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} (column {exc.colno})"
        raise kind.error([InputProblem(file, exc.lineno, None, message)]) from None
    except RecursionError:
        raise kind.error([InputProblem(file, None, None, _too_deep(kind))]) from None


def _load(
    source: str,
    kind: InputKind,
    lines: dict[Location, int],
    twice: list[tuple[Location, int, int]],
) -> tuple[bool, Any]:
    """What ``yaml.load`` does, in two steps so that the nodes give the line of every field.

    Returns whether the text holds a document, and its data.
    """
    loader = _Loader(source)
    loader.noun = kind.noun
    try:
        node = loader.get_single_node()
        if node is None:
            return False, None
        _lines(node, (), lines, twice)
        return True, loader.construct_document(node)
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
    lines: dict[Location, int] = {}
    twice: list[tuple[Location, int, int]] = []
    try:
        found, data = _load(source, kind, lines, twice)
    except yaml.YAMLError as exc:
        if json_like:
            return _from_json(text, file, kind), {}
        raise kind.error([_yaml_problem(exc, file, source)]) from None
    except RecursionError:
        raise kind.error([InputProblem(file, None, None, _too_deep(kind))]) from None
    if not found:
        raise kind.error([InputProblem(file, 1, None, kind.empty)])
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
    return data, lines


def parse_situation(text: str, file: str = "<situation>") -> Situation:
    """Parse one situation written in YAML or JSON (JSON is read by the same safe YAML loader)."""
    data, lines = compose(text, file, SITUATION)
    return validate(Situation, data, file, lines, SITUATION)


def read_text(path: Path, kind: InputKind = SITUATION) -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped), at most ``kind.max_bytes`` long."""
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        unreadable = f"cannot read the file: {exc.strerror}"
        raise kind.error([InputProblem(name, None, None, unreadable)]) from None
    if size > kind.max_bytes:
        limit = kind.too_large.format(limit=f"{kind.max_bytes:,}")
        message = f"file too large ({size:,} bytes; {limit})"
        raise kind.error([InputProblem(name, None, None, message)])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        unreadable = f"cannot read the file: {exc.strerror}"
        raise kind.error([InputProblem(name, None, None, unreadable)]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = "not a UTF-8 text file (save it as UTF-8)"
        raise kind.error([InputProblem(name, line, None, message)]) from None


def load_situation(path: str | Path) -> Situation:
    """Load and validate one situation from a ``.yaml``, ``.yml`` or ``.json`` file.

    Raises :class:`SituationError` with located problems when the file is not a valid situation.
    """
    path = Path(path)
    return parse_situation(read_text(path), str(path))


def iter_situations(path: str | Path) -> Iterator[tuple[int, Situation | SituationError]]:
    """Yield ``(line, situation or error)`` for each household of a file.

    A ``.jsonl`` file holds one situation per line (blank lines skipped); a bad line yields its
    error and the next lines are still read. Any other file holds one situation (line 1).
    """
    path = Path(path)
    name = str(path)
    if path.suffix.lower() != ".jsonl":
        try:
            yield 1, load_situation(path)
        except SituationError as exc:
            yield 1, exc
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield (
            1,
            SituationError(
                [InputProblem(name, None, None, f"cannot read the file: {exc.strerror}")]
            ),
        )
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if len(raw) > MAX_LINE_BYTES:
                yield (
                    number,
                    SituationError(
                        [
                            InputProblem(
                                name,
                                number,
                                None,
                                f"line too long ({len(raw):,} bytes; at most {MAX_LINE_BYTES:,})",
                            )
                        ]
                    ),
                )
                continue
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                message = "not a UTF-8 text line (save the file as UTF-8)"
                yield number, SituationError([InputProblem(name, number, None, message)])
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                if exc.pos >= len(text.rstrip()):
                    message = "not valid JSON: the line ends before the object is closed"
                else:
                    message = f"not valid JSON: {exc.msg} (column {exc.colno})"
                yield number, SituationError([InputProblem(name, number, None, message)])
                continue
            except RecursionError:
                too_deep = _too_deep(SITUATION)
                yield number, SituationError([InputProblem(name, number, None, too_deep)])
                continue
            try:
                yield number, validate(Situation, data, name, {}, SITUATION, base_line=number)
            except SituationError as exc:
                yield number, exc
