"""Read situations from YAML (safe loader), JSON or JSON Lines, with located errors.

YAML is composed into nodes first so that every field keeps its line; aliases and anchors are
refused (they are never needed in a situation and are how "YAML bombs" blow up memory), a key
written twice in the same mapping is refused (YAML would silently keep the last one), and dates
stay text until the situation model parses them (so ``1990-02-31`` is a located error, not a
crash). Every message fits on one line and never quotes a line of the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from rights_engine.situation.errors import InputProblem, SituationError
from rights_engine.situation.models import Situation

__all__ = ["MAX_FILE_BYTES", "MAX_LINE_BYTES", "load_situation", "iter_situations", "parse_situation"]

MAX_FILE_BYTES = 1_000_000
"""A single situation is a few kilobytes; a larger file is refused before it is parsed."""
MAX_LINE_BYTES = 200_000
"""One line of a JSON Lines batch."""

Location = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """Safe loader that refuses aliases (no YAML bombs)."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a situation", event.start_mark
            )
        return super().compose_node(parent, index)


# Dates are parsed by the situation model, with a located message when impossible (1990-02-31),
# instead of PyYAML's constructor raising a bare ValueError; a month (2026-11) or a date given
# where a month is expected stays the text the person wrote.
def _timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)

_TOO_DEEP = "too deeply nested to be a situation"


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


def _field(location: tuple[Any, ...]) -> str:
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(situation)"


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


def _locate_rule(message: str) -> tuple[tuple[Any, ...], str]:
    named = _NAMES_PERSON.match(message)
    if named:
        person = f"{named.group(2)} " if named.group(2) else ""
        return ("people", int(named.group(1))), person + message[named.end():]
    if any(word in message for word in _ABOUT_PEOPLE):
        return ("people",), message
    return (), message


def _problem(error: Any, file: str, lines: dict[Location, int]) -> InputProblem:
    location: tuple[Any, ...] = tuple(error["loc"])
    # pydantic puts union members and function validators in the location: drop them.
    clean = tuple(p for p in location if isinstance(p, int) or not str(p).startswith(("function-", "constrained-")))
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
        message = "unknown field (see `rights-engine schema` for the allowed fields)"
    elif kind in _EXPECTED:
        message = _EXPECTED[kind] if kind == "missing" else f"{_EXPECTED[kind]}, got {got!r}"
    else:
        message = error["msg"]
    line = None
    for depth in range(len(location), -1, -1):
        if location[:depth] in lines:
            line = lines[location[:depth]]
            break
    return InputProblem(file, line, _field(clean), message)


def _validate(data: Any, file: str, lines: dict[Location, int], base_line: int = 0) -> Situation:
    if not isinstance(data, dict):
        line = base_line or lines.get((), 1)
        expected = "expected a mapping of fields (schema, household, people…)"
        raise SituationError([InputProblem(file, line, None, expected)])
    try:
        return Situation.model_validate(data)
    except ValidationError as exc:
        # The schema key is written `schema` in files; pydantic names its alias.
        lines = {**lines, **{("schema_version", *k[1:]): v for k, v in lines.items() if k[:1] == ("schema",)}}
        problems = [_problem(e, file, lines) for e in exc.errors(include_url=False)]
        # In the order of the file, as a reader goes through it (unlocated ones last).
        problems.sort(key=lambda p: p.line if p.line is not None else float("inf"))
        if base_line:
            problems = [InputProblem(p.file, base_line, p.field, p.message) for p in problems]
        raise SituationError(problems) from None


_EMPTY = "the file is empty; expected a situation (schema, household, people)"


def _from_json(text: str, file: str) -> Situation:
    """JSON that the YAML reader refuses: read it as JSON (fields are then located by path only)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} (column {exc.colno})"
        raise SituationError([InputProblem(file, exc.lineno, None, message)]) from None
    except RecursionError:
        raise SituationError([InputProblem(file, None, None, _TOO_DEEP)]) from None
    return _validate(data, file, {})


def parse_situation(text: str, file: str = "<situation>") -> Situation:
    """Parse one situation written in YAML or JSON (JSON is read by the same safe YAML loader)."""
    if not text.strip():
        raise SituationError([InputProblem(file, 1, None, _EMPTY)])
    json_like = _looks_like_json(text)
    # In JSON a literal tab can only be white space (tabs in strings are escaped), but YAML
    # refuses tabs before a token: blank them so tab-indented JSON keeps its line numbers.
    source = text.replace("\t", " ") if json_like else text
    try:
        node = yaml.compose(source, Loader=_Loader)
        if node is None:
            raise SituationError([InputProblem(file, 1, None, _EMPTY)])
        lines: dict[Location, int] = {}
        twice: list[tuple[Location, int, int]] = []
        _lines(node, (), lines, twice)
        data = yaml.load(source, Loader=_Loader)  # safe: _Loader derives from SafeLoader
    except yaml.YAMLError as exc:
        if json_like:
            return _from_json(text, file)
        raise SituationError([_yaml_problem(exc, file, source)]) from None
    except RecursionError:
        raise SituationError([InputProblem(file, None, None, _TOO_DEEP)]) from None
    if twice:
        raise SituationError(
            [
                InputProblem(file, line, _field(location), f"written twice (first on line {first})")
                for location, line, first in twice
            ]
        )
    return _validate(data, file, lines)


def _read(path: Path) -> str:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SituationError([InputProblem(name, None, None, f"cannot read the file: {exc.strerror}")]) from None
    if size > MAX_FILE_BYTES:
        raise SituationError([InputProblem(name, None, None, f"file too large ({size:,} bytes; a situation is at most {MAX_FILE_BYTES:,} bytes — use a .jsonl batch for many households)")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SituationError([InputProblem(name, None, None, f"cannot read the file: {exc.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = "not a UTF-8 text file (save it as UTF-8)"
        raise SituationError([InputProblem(name, line, None, message)]) from None


def load_situation(path: str | Path) -> Situation:
    """Load and validate one situation from a ``.yaml``, ``.yml`` or ``.json`` file.

    Raises :class:`SituationError` with located problems when the file is not a valid situation.
    """
    path = Path(path)
    return parse_situation(_read(path), str(path))


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
        yield 1, SituationError([InputProblem(name, None, None, f"cannot read the file: {exc.strerror}")])
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if len(raw) > MAX_LINE_BYTES:
                yield number, SituationError([InputProblem(name, number, None, f"line too long ({len(raw):,} bytes; at most {MAX_LINE_BYTES:,})")])
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
                yield number, SituationError([InputProblem(name, number, None, _TOO_DEEP)])
                continue
            try:
                yield number, _validate(data, name, {}, base_line=number)
            except SituationError as exc:
                yield number, exc
