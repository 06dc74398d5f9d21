"""The one-pass reading of a batch line (``read_plain_situation``: pydantic reads and validates
the JSON at once) gives what the line's reading gave before it existed (orjson or
``json_loads``, then the model), or nothing, and then the line takes that path.

"The same" is strict: the same situation, every value of the same type (``509`` and ``509.0``
differ, ``0.0`` and ``-0.0`` too) and the same fields given in every nested model (an absent
field is unknown to the engine); or the same refusal, problem for problem. The reference below is
a copy of the line's reading before the one-pass path; the lines are the generator's households,
written as a caseload writes them, then mutated: fields dropped, keys written twice or under
another name, values retyped (texts, true/false, floats, whole numbers, null, huge numbers, NaN),
escapes, a byte-order mark, bytes that are not UTF-8.
"""

from __future__ import annotations

import functools
import json
import random
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from rights_engine.situation import loader, models
from rights_engine.situation.errors import InputProblem, SituationError
from rights_engine.situation.loader import (
    MAX_LINE_BYTES,
    SITUATION,
    json_keys_twice,
    json_loads,
    validate,
)
from rights_engine.situation.models import Situation
from rights_engine.situation.plain_json import read_plain, read_plain_situation
from rights_engine.synthetic import draw_household

NAME = "batch.jsonl"


def _line_as_before(name: str, number: int, raw: bytes | None, length: int) -> Situation:
    """``loader._line`` as it was before the one-pass reading (the reference)."""

    def refuse(message: str) -> SituationError:
        return SituationError([InputProblem(name, number, None, message)])

    if raw is None:
        raise refuse(f"line too long ({length:,} bytes; at most {MAX_LINE_BYTES:,})")
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
        raise refuse(loader._too_deep(SITUATION)) from None
    json_keys_twice(data, name, number, SITUATION, twice)
    return validate(Situation, data, name, {}, SITUATION, base_line=number)


def _set_fields(value: Any) -> Any:
    """A model's values with their types and the fields given at each level."""
    if isinstance(value, BaseModel):
        fields = {name: _set_fields(getattr(value, name)) for name in type(value).model_fields}
        return type(value).__name__, sorted(value.model_fields_set), fields
    if isinstance(value, list):
        return [_set_fields(item) for item in value]
    return type(value), repr(value)  # repr: -0.0 is not 0.0


def _reading(read: Any, raw: bytes, number: int) -> Any:
    line = functools.partial(read, NAME, number, raw, len(raw))
    try:
        situation = loader._guarded(line, NAME, number)
    except SituationError as exc:
        return [str(problem) for problem in exc.problems]
    return _set_fields(situation)


def _same_reading(raw: bytes, number: int = 2) -> bool:
    """Whether the line reads as before (asserted); and whether it took the one-pass path."""
    now = _reading(loader._line, raw, number)
    before = _reading(_line_as_before, raw, number)
    assert now == before, raw
    fast = read_plain_situation(raw)
    if fast is not None:  # never a situation that the line's reading would not give
        assert _set_fields(fast) == before, raw
    return fast is not None


def _caseload_lines() -> list[bytes]:
    """Households as a caseload writes them (every field, or the given ones only), and one with
    a variant of each kind."""
    rng = random.Random(7)
    lines = []
    for index in range(40):
        situation = draw_household(rng, "2026-03", f"h{index}")
        unset = index % 2 == 1
        lines.append(
            situation.model_dump_json(
                by_alias=True, exclude_none=True, exclude_unset=unset
            ).encode()
        )
    with_variants = {
        "schema": 1,
        "id": "v1",
        "period": "2026-03",
        "household": {"commune": "33063", "housing": {"status": "tenant", "rent": 500}},
        "people": [
            {
                "id": "a",
                "role": "applicant",
                "birth_date": "1980-05-02",
                "incomes": {"salary": 900},
            },
            {"id": "b", "role": "partner", "age": 40, "pregnant": True},
        ],
        "what_if": [
            {"name": "Séparation", "changes": [{"separation": {"since": "2026-02"}}]},
            {"name": "Emploi", "changes": [{"new_job": {"person": "b", "salary": 1200.5}}]},
            {"name": "Naissance", "changes": [{"birth": {"birth_date": "2026-03-10"}}]},
            {"name": "Déménagement", "changes": [{"move": {"commune": "75056", "rent": 700}}]},
            {"name": "Mois", "changes": [{"period": "2026-05"}]},
        ],
    }
    lines.append(json.dumps(with_variants, ensure_ascii=False).encode())
    return lines


LINES = _caseload_lines()


def test_caseload_lines_take_the_one_pass_reading() -> None:
    """Else the one-pass reading would only be a detour."""
    for raw in LINES:
        assert _same_reading(raw)
        assert _same_reading(raw, number=1)


def test_every_number_is_bounded_far_below_a_long_integer() -> None:
    """An integer longer than MAX_INT_DIGITS digits (at least 10**18) is a float for
    ``json_loads`` and an int for pydantic: the one-pass reading relies on the model refusing
    it wherever it is written, as every number of the model is bounded."""
    schema = Situation.model_json_schema()
    stack: list[Any] = [schema]
    numbers = 0
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("type") in ("integer", "number") and "const" not in node:
                numbers += 1
                assert node.get("maximum", 10**18) < 10**17, node
                assert node.get("minimum", -(10**18)) > -(10**17), node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert numbers > 10


def test_each_field_given_is_a_key_of_the_line() -> None:
    """The one-pass reading counts the fields given against the keys of the line: no model may
    add a field to those given (a validator on the model before or around pydantic's), nor
    hold a free mapping (whose keys would be no field)."""
    for model in MODELS:
        validators = model.__pydantic_decorators__.model_validators.values()
        assert all(v.info.mode == "after" for v in validators), model
    schema = json.dumps(Situation.model_json_schema())
    assert '"additionalProperties": true' not in schema
    assert '"additionalProperties": {' not in schema


PERSON = '{"id":"a","role":"applicant"%s}'
HOUSEHOLD = '"household":{"commune":"33063","housing":{"status":"tenant"%s}}'


def _line(person: str = "", top: str = "", housing: str = "", variant: str = "") -> bytes:
    what_if = f',"what_if":[{{"name":"v","changes":[{variant}]}}]' if variant else ""
    text = (
        f'{{"schema":1{top},"period":"2026-03",{HOUSEHOLD % housing},'
        f'"people":[{PERSON % person}]{what_if}}}'
    )
    return text.encode("utf-8", "surrogatepass")


HAND_PICKED = [
    # Keys written twice, with the same value or not, at each level, and with colons in texts.
    _line(top=',"schema":1'),
    _line(top=',"period":"2026-03"'),
    _line(person=',"age":30,"age":30'),
    _line(person=',"incomes":{"salary":1,"salary":2}'),
    _line(person=',"observations":{"disoriented":true,"disoriented":true}'),
    _line(housing=',"rent":1,"rent":1'),
    _line(housing=',"status":"owner"'),
    _line(variant='{"period":"2026-04","period":"2026-04"}'),
    _line(variant='{"move":{"commune":"33063","commune":"33063"}}'),
    _line(person=',"birth_date":"1990-01-01T00:00:00","age":30,"age":30'),
    _line(person=',"birth_date":"1990-01-01T00:00:00"'),
    _line(top=',"schema_version":1'),
    _line(top=',"id":"a","id":"b"'),
    _line(variant='{"new_job":{"person":"a:b","salary":1,"salary":2}}'),
    _line(person=',"age":30', top=',"household":{}'),
    # Integers longer than MAX_INT_DIGITS digits, NaN, Infinity.
    _line(person=',"age":1234567890123456789'),
    _line(person=',"age":-12345678901234567890'),
    _line(person=',"gir":' + "9" * 40),
    _line(housing=',"rent":12345678901234567890'),
    _line(housing=',"arrears_months":1000000000000000000000'),
    _line(person=',"birth_date":1234567890123456789'),
    _line(top=',"schema":12345678901234567890'),
    _line(housing=',"rent":NaN'),
    _line(housing=',"rent":Infinity'),
    _line(housing=',"rent":-Infinity'),
    _line(housing=',"rent":1e400'),
    # Escapes, lone surrogates, bytes that are not UTF-8, a byte-order mark.
    _line(variant='{"new_job":{"person":"\\u0061","salary":1}}'),
    _line(variant='{"new_job":{"person":"\\ud800","salary":1}}'),
    _line(variant='{"new_job":{"person":"\ud800","salary":1}}'),
    _line(variant='{"new_job":{"person":"\\u003a","salary":1}}'),
    _line(variant='{"period":"2026-04"}').replace(b'"name":"v"', b'"name":"\\ud800"'),
    _line(variant='{"period":"2026-04"}').replace(b'"name":"v"', b'"name":"\\ud83d\\ude00"'),
    _line(top=',"\\u0069d":"x"'),
    _line(variant='{"new_job":{"person":"é","salary":1}}').replace(b"\xc3\xa9", b"\xff"),
    _line(variant='{"new_job":{"person":"é","salary":1}}').replace(b"\xc3\xa9", b"\xc0\xa9"),
    _line(variant='{"new_job":{"person":"é","salary":1}}'),
    *(
        _line(variant='{"period":"2026-04"}').replace(b'"name":"v"', b'"name":"a' + byte + b'b"')
        for byte in (b"\t", b"\x00", b"\x1f", b"\x7f", b"\n", b"\xc2\x85", b"\xe2\x80\xa8")
    ),
    *(
        _line().replace(b'{"schema"', b"{" + byte + b'"schema"')
        for byte in (b"\x0b", b"\x0c", b"\x00", b"\r", b"\t", b"\n")
    ),
    b"\xef\xbb\xbf" + _line(),
    b" \t" + _line() + b" \r",
    _line() + b"\x0c",
    b"[" * 150 + b"]" * 150,
    _line(variant='{"new_job":{"person":' + "[" * 300 + "]" * 300 + ',"salary":1}}'),
    # The lax conversions of pydantic (a Python dict or JSON).
    _line(person=',"age":"30"'),
    _line(person=',"age":30.0'),
    _line(person=',"age":30.5'),
    _line(person=',"age":"30.0"'),
    _line(person=',"age":true'),
    _line(person=',"age":-0'),
    _line(person=',"gir":2.0'),
    _line(person=',"disability_rate":"50"'),
    _line(person=',"disability_rate":50'),
    _line(person=',"hours_worked_last_3_years":false'),
    _line(housing=',"rent":"509.5"'),
    _line(housing=',"rent":509'),
    _line(housing=',"rent":-0.0'),
    _line(housing=',"rent":true'),
    _line(housing=',"rent":"1e3"'),
    _line(housing=',"zone":1'),
    _line(housing=',"zone":"1"'),
    _line(housing=',"furnished":1'),
    _line(housing=',"furnished":0'),
    _line(housing=',"furnished":2'),
    _line(housing=',"furnished":1.0'),
    _line(housing=',"furnished":"yes"'),
    _line(housing=',"furnished":"true"'),
    _line(housing=',"furnished":"off"'),
    _line(housing=',"eviction_stage":"NONE"'),
    _line(housing=',"commandement_de_payer_date":0'),
    _line(housing=',"commandement_de_payer_date":1577836800'),
    _line(housing=',"commandement_de_payer_date":1577836800000'),
    _line(housing=',"commandement_de_payer_date":1577836800.0'),
    _line(housing=',"commandement_de_payer_date":"2020-01-01T00:00:00"'),
    _line(housing=',"commandement_de_payer_date":"2020-01-01T00:00:01"'),
    _line(housing=',"commandement_de_payer_date":"2020-01-01T00:00:00Z"'),
    _line(housing=',"commandement_de_payer_date":"2020-02-30"'),
    _line(housing=',"commandement_de_payer_date":"20200101"'),
    _line(person=',"nationality":1'),
    _line(person=',"role":"applicant"'),
    _line(person=',"incomes":null,"observations":null'),
    _line().replace(b'"schema":1,', b'"schema":1.0,'),
    _line().replace(b'"schema":1,', b'"schema":"1",'),
    _line().replace(b'"schema":1,', b'"schema":true,'),
    _line().replace(b'"schema":1,', b'"schema":1e0,'),
    _line().replace(b'"schema":1,', b'"schema":2,'),
    _line().replace(b'"schema":1,', b'"schema_version":1,'),
    _line().replace(b'"33063"', b"33063"),
    _line().replace(b'"33063"', b'"2A004"'),
    _line(top=',"id":""'),
    _line(top=',"what_if":[]'),
    _line(top=',"what_if":null'),
    _line(variant='{"birth":{}}'),
    _line(variant='{"birth":{"id":"a"}}'),
    _line(variant="{}"),
    _line(housing=',"rent":1').replace(b'"people":[', b'"people":[{"id":"b","role":"partner"},'),
    b"{}",
    b"[]",
    b"1",
    b'{"schema":1',
]


@pytest.mark.parametrize("number", [1, 2])
def test_hand_picked_lines_read_as_before(number: int) -> None:
    fast = [_same_reading(raw, number) for raw in HAND_PICKED]
    assert any(fast) and not all(fast)


class _Pairs(list[Any]):
    """A JSON object as its (key, value) pairs, so that a key can be written twice."""


class _Token(str):
    """JSON written as it is (``NaN``, ``1e400``, a long integer, an escape)."""


def _pairs(data: Any) -> Any:
    if isinstance(data, dict):
        return _Pairs((key, _pairs(value)) for key, value in data.items())
    if isinstance(data, list):
        return [_pairs(item) for item in data]
    return data


def _write(value: Any, ascii_only: bool) -> str:
    if isinstance(value, _Token):
        return str(value)
    if isinstance(value, _Pairs):
        pairs = (
            f"{json.dumps(key, ensure_ascii=ascii_only)}:{_write(item, ascii_only)}"
            for key, item in value
        )
        return "{" + ",".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_write(item, ascii_only) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


def _places(value: Any) -> list[list[Any]]:
    """Every object and list of the line, each a place where a mutation may happen."""
    places: list[list[Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Pairs):
            places.append(item)
            stack.extend(value for _, value in item)
        elif isinstance(item, list):
            places.append(item)
            stack.extend(item)
    return places


MODELS = [
    kind
    for kind in vars(models).values()
    if isinstance(kind, type) and issubclass(kind, BaseModel) and kind is not BaseModel
]
FIELD_NAMES = sorted(
    {name for model in MODELS for name in model.model_fields} | {"schema", "x:y", "é"}
)
# fmt: off
VALUES = st.one_of(
    st.sampled_from(
        [
            None, True, False, 0, 1, -1, 2, 0.0, -0.0, 1.0, 1.5, 2.0, 30, 30.0, 120, 121,
            10_000_000, 10_000_001, 1e7, 0.30000000000000004, 5e-324, 86400, 1577836800,
            "", "0", "1", "1.0", "30", " 30 ", "true", "false", "yes", "off", "t", "n",
            "2020-01-01", "2020-01-01T00:00:00", "2020-02-30", "2026-03", "2026-13",
            "tenant", "applicant", "partner", "child", "french", "none", "are", "rsa", "3",
            "33063", "2A004", "x:y", "é", "\u2028", "\ud800", [], {}, [1], ["rsa"],
            ["rsa", "rsa"], {"salary": 1},
        ]
    ),
    st.sampled_from(
        [
            "NaN", "Infinity", "-Infinity", "1e400", "1234567890123456789", "1" * 30,
            "-12345678901234567890", "1E2", "1e0", "100e-2", "-0", "0.0e0", '"\\u0041"',
            '"\\ud800"', '"\\u003a"', "1.0000000000000002", "1.7976931348623157e308",
            '"\\u0032\\u0030\\u0032\\u0036-03"',
        ]
    ).map(_Token),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    st.text(max_size=6),
)
# fmt: on
MUTATIONS = st.sampled_from(["drop", "twice", "twice_other", "retype", "rename", "text"])


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(
    line=st.sampled_from(range(len(LINES))),
    mutations=st.lists(
        st.tuples(MUTATIONS, st.integers(0, 10**6), st.integers(0, 10**6), VALUES), max_size=3
    ),
    ascii_only=st.booleans(),
    number=st.sampled_from([1, 2]),
    around=st.sampled_from([b"", b"\xef\xbb\xbf", b" ", b"\t", b"\r"]),
)
def test_mutated_lines_read_as_before(
    line: int,
    mutations: list[tuple[str, int, int, Any]],
    ascii_only: bool,
    number: int,
    around: bytes,
) -> None:
    data = _pairs(json.loads(LINES[line]))
    for kind, where, which, value in mutations:
        places = _places(data)
        place = places[where % len(places)]
        if not place:
            place.append(("schema", value) if isinstance(place, _Pairs) else value)
            continue
        index = which % len(place)
        item = place[index]
        keyed = isinstance(place, _Pairs)
        if kind == "drop":
            del place[index]
        elif kind == "twice":
            place.insert(which % (len(place) + 1), item)
        elif kind == "twice_other":
            place.append((item[0], value) if keyed else value)
        elif kind == "retype":
            place[index] = (item[0], value) if keyed else value
        elif kind == "rename" and keyed:
            place[index] = (FIELD_NAMES[which % len(FIELD_NAMES)], item[1])
        elif kind == "text":
            old = item[1] if keyed else item
            text = old if isinstance(old, str) else json.dumps(old)
            place[index] = (item[0], text) if keyed else text
    text = _write(data, ascii_only)
    raw = text.encode("utf-8", "surrogatepass")
    fast = _same_reading(around + raw + (around if around != b"\xef\xbb\xbf" else b""), number)
    event("one pass" if fast else "the line's reading")
