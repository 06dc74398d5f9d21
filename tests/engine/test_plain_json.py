"""The fast reading of a batch line (orjson) gives what the careful one (``json_loads``) gives,
or nothing: a line is never read two ways.

``read_plain`` must return None whenever orjson's reading could differ from ``json_loads``'s:
a key written twice (orjson keeps the last value silently, ``json_loads`` flags it), a long
integer (a float for ``json_loads``), NaN or Infinity, a byte-order mark, deep nesting. The
expected readings come from the standard library's parser, never from the code under test.
"""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rights_engine.situation.loader import json_loads
from rights_engine.situation.plain_json import read_plain
from rights_engine.synthetic import draw_household

KEYS = st.sampled_from(["a", "b", "id", "x:y", ":", '"q"', "é", "\\"])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.sampled_from('ab:"\\é\u2028\ud800 {}[],0123456789'), max_size=8),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=20,
)


def _objects(keys_values: list[tuple[str, Any]], repeat: int | None, ascii_only: bool) -> bytes:
    """A JSON object written by hand, so that a key can be written twice (``repeat``: the index
    of the pair written again at the end); non-ASCII texts escaped or not."""
    pairs = list(keys_values)
    if repeat is not None and pairs:
        pairs.append(pairs[repeat % len(pairs)])
    inside = ",".join(
        f"{json.dumps(k, ensure_ascii=ascii_only)}:{json.dumps(v, ensure_ascii=ascii_only)}"
        for k, v in pairs
    )
    return ("{" + inside + "}").encode("utf-8", "surrogatepass")


@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    pairs=st.lists(st.tuples(KEYS, VALUES), max_size=6),
    repeat=st.none() | st.integers(min_value=0, max_value=5),
    ascii_only=st.booleans(),
)
def test_read_plain_reads_as_json_loads_or_not_at_all(
    pairs: list[tuple[str, Any]], repeat: int | None, ascii_only: bool
) -> None:
    raw = _objects(pairs, repeat, ascii_only)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:  # a lone surrogate written as it is: not a UTF-8 line
        assert read_plain(raw) is None
        return
    expected, twice = json_loads(text)
    plain = read_plain(raw)
    if twice:
        assert plain is None, raw
    elif plain is not None:
        assert plain == expected and _types(plain) == _types(expected), raw


def _types(value: Any) -> Any:
    """The value with every leaf replaced by its type (1 and 1.0 are equal, not the same)."""
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value)


def test_every_quirk_is_left_to_json_loads() -> None:
    for raw in [
        b'{"a": 1, "a": 2}',  # a key written twice
        b'{"a": {"b": 1, "c": {"d": 2, "d": 3}}}',  # deep inside
        b'{"a": "x:y", "a": 1}',  # colons in texts do not hide it
        b'{"a:": 1, "a:": 1}',
        b'{"a": 1234567890123456789}',  # 19 digits: a float for json_loads
        b'{"a": -12345678901234567890}',
        b'{"a": NaN}',
        b'{"a": Infinity}',
        b'{"a": 1e400}',
        b'\xef\xbb\xbf{"a": 1}',  # a byte-order mark
        b'{"a": "\\u003a", "b": 1, "b": 2}',  # an escaped colon
        b"[" * 150 + b"]" * 150,  # deep nesting
        b'{"a": "\xff"}',  # not UTF-8
        b'{"a": "\\ud800"}',  # a lone surrogate
        b'{"a": 1,}',  # not JSON
    ]:
        assert read_plain(raw) is None, raw


def test_caseload_lines_take_the_fast_reading() -> None:
    """The generator's households, written as the benchmarks write them, are read by orjson (else
    the fast reading would only be a detour), and read as ``json_loads`` reads them."""
    rng = random.Random(11)
    for index in range(200):
        situation = draw_household(rng, "2026-03", f"h{index}")
        raw = situation.model_dump_json(by_alias=True, exclude_none=True).encode()
        plain = read_plain(raw)
        assert plain is not None
        assert plain == json_loads(raw.decode())[0]
