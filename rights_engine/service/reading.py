"""Request bodies: read within a limit (413 beyond), decoded, parsed with located problems.

A situation is read by the library's own reader (:func:`rights_engine.parse_situation`): JSON,
or YAML when the content type says so, with the same messages as the command line. Messages
never quote the body.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import Request

from rights_engine.engine.catalogue import programmes, today_month
from rights_engine.situation.errors import InputProblem, SituationError
from rights_engine.situation.loader import MAX_LINE_BYTES, SITUATION, validate
from rights_engine.situation.loader import parse_situation as parse_text
from rights_engine.situation.models import Month, Situation

__all__ = [
    "BODY",
    "JSON_TYPES",
    "JSON_LINES_TYPES",
    "YAML_TYPES",
    "BodyTooLarge",
    "UnsupportedMediaType",
    "batch_lines",
    "media_type",
    "out_of_range",
    "parse_situation",
    "read_body",
]

BODY = "body"
"""How problems name the request body (the command line names the file)."""
JSON_TYPES = ("application/json",)
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
JSON_LINES_TYPES = ("application/jsonl", "application/x-ndjson", "application/json-lines")


class BodyTooLarge(Exception):
    """The body is over the limit (HTTP 413)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"the body is larger than {limit:,} bytes")


class UnsupportedMediaType(Exception):
    """The content type is none of those the endpoint reads (HTTP 415)."""

    def __init__(self, got: str, accepted: tuple[str, ...]) -> None:
        self.got = got
        self.accepted = accepted
        super().__init__(
            f"content type {got!r} is not read here; send one of {', '.join(accepted)}"
        )


def media_type(request: Request) -> str:
    """The content type without its parameters (``; charset=utf-8``), lower case."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused as soon as it is over ``limit`` bytes (before, when the
    Content-Length says so)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        message = "not UTF-8 text (send the body as UTF-8)"
        raise SituationError([InputProblem(BODY, line, None, message)]) from None


def parse_situation(body: bytes, kind: str) -> Situation:
    """One situation from a JSON or YAML body; :class:`SituationError` with located problems."""
    accepted = (*JSON_TYPES, *YAML_TYPES)
    if kind and kind not in accepted and not kind.endswith("+json"):
        raise UnsupportedMediaType(kind, accepted)
    return parse_text(_text(body), BODY)


def batch_lines(body: bytes) -> Iterator[tuple[int, Situation | SituationError]]:
    """Each non-blank line of a JSON Lines body: its number, and its situation or its problems
    (the same reading as ``iter_situations`` on a ``.jsonl`` file)."""
    for number, raw in enumerate(body.split(b"\n"), start=1):
        if not raw.strip():
            continue
        if len(raw) > MAX_LINE_BYTES:
            message = f"line too long ({len(raw):,} bytes; at most {MAX_LINE_BYTES:,})"
            yield number, SituationError([InputProblem(BODY, number, None, message)])
            continue
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            data = json.loads(text)
        except UnicodeDecodeError:
            message = "not a UTF-8 text line (send the batch as UTF-8)"
            yield number, SituationError([InputProblem(BODY, number, None, message)])
            continue
        except json.JSONDecodeError as exc:
            message = f"not valid JSON: {exc.msg} (column {exc.colno})"
            yield number, SituationError([InputProblem(BODY, number, None, message)])
            continue
        except RecursionError:
            message = "too deeply nested to be a situation"
            yield number, SituationError([InputProblem(BODY, number, None, message)])
            continue
        try:
            yield number, validate(Situation, data, BODY, {}, SITUATION, base_line=number)
        except SituationError as exc:
            yield number, exc


def out_of_range(month: str) -> str | None:
    """Why no programme can be evaluated for ``month``, or None when one covers it."""
    known = programmes()
    if any(programme.covers(month) for programme in known):
        return None
    first = min(p.validated_from for p in known)
    last = max(p.validated_to for p in known)
    return (
        f"{month} is outside the validated range of every programme (legislation validated "
        f"from {first} to {last}; see GET /v1/programmes)"
    )


def period_problem(situation: Situation, period: str | None, line: int) -> InputProblem | None:
    """The situation's month (``?period=``, else its own, else this month) when no programme
    covers it."""
    month = period or situation.period or today_month()
    why = out_of_range(str(Month.parse(month)))
    if why is None:
        return None
    return InputProblem(BODY, line, "period", why)
