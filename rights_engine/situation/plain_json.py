"""A batch line read by orjson, about twice as fast as :func:`loader.json_loads` with the checks
below, when both would read it the same.

``json_loads`` (the standard library's parser with a hook per object) reads every JSON the
situation models accept, with its quirks: a key written twice is flagged, an integer longer than
:data:`MAX_INT_DIGITS` digits becomes a float, ``NaN`` and ``Infinity`` are numbers, a line may
start with a byte-order mark. orjson reads most lines of a caseload, which have none of these,
far faster. :func:`read_plain` gives orjson's reading only when it is the same as
``json_loads``'s, and ``None`` otherwise: the caller then reads the line with ``json_loads``,
which gives the located message of whatever is wrong. So a line is never read two ways.

:func:`read_plain_situation` goes one step further for a line that holds a valid situation:
pydantic reads and validates it in one pass (``Situation.model_validate_json``, no Python dict
in between), which gives the same situation as validating ``json_loads``'s reading (the same
values, of the same types, and the same fields given in every nested model), or None: the
caller then takes the path above, which gives every refusal with its message.
"""

from __future__ import annotations

import typing
from typing import Any

import orjson
from pydantic import BaseModel

from rights_engine.situation.models import Situation
from rights_engine.situation.yaml_reader import MAX_INT_DIGITS

__all__ = ["read_plain", "read_plain_situation"]

_SHAPE = bytes(
    ord("9") if 0x30 <= byte <= 0x39 else ord("{") if byte in b"{[" else ord(" ")
    for byte in range(256)
)
"""Every ASCII digit becomes ``9``, every ``{`` and ``[`` a ``{``, every other byte a space: a
long integer becomes a run of 9s, and the opening brackets are counted in one search."""
_LONG_NUMBER = b"9" * (MAX_INT_DIGITS + 1)
_MAX_BRACKETS = 100
"""A line with more ``{`` and ``[`` than this (so possibly nested deeper) is left to
``json_loads``, which refuses a line nested beyond Python's recursion limit with its own
message; orjson's limit differs. A household line has about fifteen."""


def _plain_shape(raw: bytes) -> bool:
    """Whether ``raw`` has neither more than :data:`_MAX_BRACKETS` opening brackets nor an
    integer of more than ``MAX_INT_DIGITS`` digits."""
    shape = raw.translate(_SHAPE)
    if shape.count(b"{") > _MAX_BRACKETS:
        return False
    # An integer of more than MAX_INT_DIGITS digits is a float for json_loads and up to 20
    # digits an int for orjson or pydantic. (Digits in a text or a decimal count too: they are
    # left to json_loads, which reads them the same.)
    return _LONG_NUMBER not in shape


def read_plain(raw: bytes) -> Any | None:
    """The JSON of ``raw`` as :func:`loader.json_loads` reads it, or None when orjson's reading
    might differ or fails (then ``json_loads`` must read it)."""
    if not _plain_shape(raw):
        return None
    # "\u003a" is a colon written as an escape: it would fool the count of colons below.
    # (Most lines have no backslash at all: one search tells.)
    if b"\\" in raw and (b"\\u003a" in raw or b"\\u003A" in raw):
        return None
    try:
        data = orjson.loads(raw)  # refuses NaN, Infinity, a byte-order mark, invalid UTF-8
    except orjson.JSONDecodeError:
        return None
    # orjson silently keeps the last value of a key written twice. Each key of the line is
    # followed by a colon, and orjson writes the colons of texts as they are: when a key was
    # written twice, orjson's writing of what it read has fewer colons than the line.
    if orjson.dumps(data).count(b":") != raw.count(b":"):
        return None
    return data


def read_plain_situation(raw: bytes) -> Situation | None:
    """The situation of the batch line ``raw`` as :func:`read_plain` then the model would give
    it, or None when the line is not a valid situation or might be read otherwise (then the
    caller takes that path, which gives the refusal and its message)."""
    # Escapes (\uXXXX, lone surrogates) are left to the careful path. What json_loads reads
    # otherwise is refused by pydantic (invalid UTF-8, a byte-order mark, which the first line
    # may start with) or by the model (NaN, Infinity, nesting deeper than its own, an integer
    # longer than MAX_INT_DIGITS digits: every number of the model is bounded far below 10**18,
    # as tests/situation/test_plain_situation.py checks).
    if b"\\" in raw:
        return None
    try:
        situation = Situation.model_validate_json(raw)
    except Exception:  # any refusal is given by the careful path, with its message
        return None
    # pydantic silently keeps the last value of a key written twice. Each key of a line is
    # followed by a colon, and in a valid situation gives one field of one of its models (no
    # field holds a free mapping), and each field given comes from a key (no validator adds
    # one): the fields given are as many as the colons only when no key was written twice (and
    # no text holds a colon).
    if _fields_given(situation) != raw.count(b":"):
        return None
    return situation


def _models_in(annotation: Any) -> set[type[BaseModel]]:
    """The models a field's annotation may hold (``list[Person]``, ``Incomes | None``…)."""
    found: set[type[BaseModel]] = set()
    stack = [annotation]
    while stack:
        kind = stack.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            found.add(kind)
        stack.extend(typing.get_args(kind))
    return found


def _nested_fields(root: type[BaseModel]) -> dict[type[BaseModel], tuple[str, ...]]:
    """For ``root`` and every model it may hold, the names of its fields that may hold a model
    or a list of models."""
    nested: dict[type[BaseModel], tuple[str, ...]] = {}
    todo = [root]
    while todo:
        model = todo.pop()
        if model in nested:
            continue
        names = []
        for name, field in model.model_fields.items():
            held = _models_in(field.annotation)
            if held:
                names.append(name)
                todo.extend(held)
        nested[model] = tuple(names)
    return nested


_NESTED = _nested_fields(Situation)


def _fields_given(model: BaseModel) -> int:
    """How many fields were given in ``model`` and in every model it holds (a key of the JSON
    for each). A model this does not know would count as none, so the line would be left to
    the careful path: never a wrong count of more."""
    given = model.__pydantic_fields_set__
    count = len(given)
    for name in _NESTED.get(type(model), ()):
        if name in given:
            value = getattr(model, name)
            if type(value) is list:
                for item in value:
                    count += _fields_given(item)
            elif value is not None:
                count += _fields_given(value)
    return count
