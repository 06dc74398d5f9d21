"""Errors as answers: every 4xx and 5xx body is a :class:`ProblemReport`, never a traceback.

An unexpected error is answered with a 500 that names what was being done, and logged with the
type of the exception only: its text could quote the situation.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from rights_engine.service.models import Problem, ProblemReport
from rights_engine.service.reading import BodyTooLarge, UnsupportedMediaType

__all__ = ["ApiError", "install_handlers", "internal_error", "problem_response"]

_log = logging.getLogger("rights_engine.service")


class ApiError(Exception):
    """An answer other than 2xx, with its located problems."""

    def __init__(
        self,
        status: int,
        detail: str,
        problems: list[Problem] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.problems = problems or []
        self.headers = dict(headers) if headers is not None else None


def internal_error(doing: str) -> ApiError:
    return ApiError(
        500,
        f"internal error while {doing}; details are hidden as they may hold personal data",
    )


def problem_response(error: ApiError) -> JSONResponse:
    body = ProblemReport(detail=error.detail, problems=error.problems)
    return JSONResponse(body.model_dump(mode="json"), error.status, headers=error.headers)


def _field(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location)


def install_handlers(app: FastAPI) -> None:
    """Answer each kind of error with a ProblemReport."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return problem_response(exc)

    @app.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, exc: BodyTooLarge) -> JSONResponse:
        detail = f"the body is larger than {exc.limit:,} bytes"
        hint = "send one situation per request, or a batch of at most this size"
        return problem_response(ApiError(413, f"{detail}; {hint}"))

    @app.exception_handler(UnsupportedMediaType)
    async def _media(request: Request, exc: UnsupportedMediaType) -> JSONResponse:
        return problem_response(ApiError(415, str(exc)))

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            Problem(line=None, field=_field(tuple(e["loc"])), message=str(e["msg"]))
            for e in exc.errors()
        ]
        return problem_response(ApiError(422, "invalid request", problems))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        return problem_response(ApiError(exc.status_code, str(exc.detail), headers=exc.headers))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        _log.error("internal error (%s)", type(exc).__name__)
        return problem_response(internal_error("answering this request"))
