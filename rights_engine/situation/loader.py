"""Read situations from YAML (safe loader), JSON or JSON Lines, with located errors.

YAML is composed into nodes first so that every field keeps its line; aliases and anchors are
refused (they are never needed in a situation and are how "YAML bombs" blow up memory).
"""

from __future__ import annotations

import json
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

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D102 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a situation", event.start_mark
            )
        return super().compose_node(parent, index)


def _lines(node: yaml.Node, location: Location, into: dict[Location, int]) -> None:
    into[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            into[(*location, name)] = key.start_mark.line + 1
            _lines(value, (*location, name), into)
            into[(*location, name)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*location, index), into)


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


def _problem(error: Any, file: str, lines: dict[Location, int]) -> InputProblem:
    location: tuple[Any, ...] = tuple(error["loc"])
    # pydantic puts union members and function validators in the location: drop them.
    clean = tuple(p for p in location if isinstance(p, int) or not str(p).startswith(("function-", "constrained-")))
    clean = tuple(p for p in clean if p not in ("int", "float", "date", "str", "bool"))
    kind = error["type"]
    got = error.get("input")
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
    elif kind in ("enum", "literal_error"):
        message = f"expected one of {error['ctx']['expected']}, got {got!r}"
    elif kind == "greater_than_equal":
        message = f"expected a number ≥ {error['ctx']['ge']}, got {got!r}"
    elif kind == "less_than_equal":
        message = f"expected a number ≤ {error['ctx']['le']}, got {got!r}"
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
    if kind == "extra_forbidden":
        pass
    return InputProblem(file, line, _field(clean), message)


def _validate(data: Any, file: str, lines: dict[Location, int], base_line: int = 0) -> Situation:
    if not isinstance(data, dict):
        raise SituationError([InputProblem(file, base_line or 1, None, "expected a mapping of fields (schema, household, people…)")])
    try:
        return Situation.model_validate(data)
    except ValidationError as exc:
        # The schema key is written `schema` in files; pydantic names its alias.
        lines = {**lines, **{("schema_version", *k[1:]): v for k, v in lines.items() if k[:1] == ("schema",)}}
        problems = [_problem(e, file, lines) for e in exc.errors(include_url=False)]
        if base_line:
            problems = [InputProblem(p.file, base_line, p.field, p.message) for p in problems]
        raise SituationError(problems) from None


def parse_situation(text: str, file: str = "<situation>") -> Situation:
    """Parse one situation written in YAML or JSON (JSON is read by the same safe YAML loader)."""
    if not text.strip():
        raise SituationError([InputProblem(file, 1, None, "the file is empty; expected a situation (schema, household, people)")])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or "not valid YAML"
        raise SituationError([InputProblem(file, line, None, f"not valid YAML or JSON: {reason}")]) from None
    except yaml.YAMLError as exc:
        raise SituationError([InputProblem(file, None, None, f"not valid YAML or JSON: {exc}")]) from None
    if node is None:
        raise SituationError([InputProblem(file, 1, None, "the file is empty; expected a situation (schema, household, people)")])
    lines: dict[Location, int] = {}
    _lines(node, (), lines)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except yaml.YAMLError as exc:
        raise SituationError([InputProblem(file, None, None, f"not valid YAML or JSON: {exc}")]) from None
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
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SituationError([InputProblem(name, None, None, "not a UTF-8 text file")]) from None
    except OSError as exc:
        raise SituationError([InputProblem(name, None, None, f"cannot read the file: {exc.strerror}")]) from None


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
                data = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield number, SituationError([InputProblem(name, number, None, f"not a JSON object: {exc}")])
                continue
            try:
                yield number, _validate(data, name, {}, base_line=number)
            except SituationError as exc:
                yield number, exc
