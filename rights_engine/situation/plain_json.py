"""A batch line read by orjson, about twice as fast as :func:`loader.json_loads` with the checks
below, when both would read it the same.

``json_loads`` (the standard library's parser with a hook per object) reads every JSON the
situation models accept, with its quirks: a key written twice is flagged, an integer longer than
:data:`MAX_INT_DIGITS` digits becomes a float, ``NaN`` and ``Infinity`` are numbers, a line may
start with a byte-order mark. orjson reads most lines of a caseload, which have none of these,
far faster. :func:`read_plain` gives orjson's reading only when it is the same as
``json_loads``'s, and ``None`` otherwise: the caller then reads the line with ``json_loads``,
which gives the located message of whatever is wrong. So a line is never read two ways.
"""

from __future__ import annotations

from typing import Any

import orjson

from rights_engine.situation.yaml_reader import MAX_INT_DIGITS

__all__ = ["read_plain"]

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


def read_plain(raw: bytes) -> Any | None:
    """The JSON of ``raw`` as :func:`loader.json_loads` reads it, or None when orjson's reading
    might differ or fails (then ``json_loads`` must read it)."""
    shape = raw.translate(_SHAPE)
    if shape.count(b"{") > _MAX_BRACKETS:
        return None
    # An integer of more than MAX_INT_DIGITS digits is a float for json_loads and up to 20
    # digits an int for orjson. (Digits in a text or a decimal count too: they are left to
    # json_loads, which reads them the same.)
    if _LONG_NUMBER in shape:
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
