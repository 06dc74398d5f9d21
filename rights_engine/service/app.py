"""The application factory: routes, page, access log, security headers, OpenAPI.

The access log has one line per request: method, path, status and duration, nothing else (no
query string, no client address, no body). Every answer says ``Cache-Control: no-store``, and
the page's Content-Security-Policy only lets it talk to this service.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rights_engine._version import __version__
from rights_engine.paths import SITUATIONS_DIR
from rights_engine.service.errors import install_handlers, internal_error
from rights_engine.service.evaluator import Evaluator
from rights_engine.service.models import ProblemReport
from rights_engine.service.routes import router
from rights_engine.service.settings import ServiceSettings
from rights_engine.situation.loader import load_situation
from rights_engine.situation.models import Situation

__all__ = ["ACCESS_LOG", "STATIC_DIR", "create_app"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
ACCESS_LOG = "rights_engine.service.access"
WARM_UP_SITUATION = "rsa_permis_hameau.yaml"

_access = logging.getLogger(ACCESS_LOG)
_log = logging.getLogger("rights_engine.service")

_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (
        b"content-security-policy",
        b"default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' "
        b"'unsafe-inline'; frame-ancestors 'none'; "
        b"base-uri 'none'; form-action 'self'",
    ),
]


class AccessLog:
    """One log line per request, security headers on every answer, and a 500 without a
    traceback should anything escape the handlers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status, started = 500, False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                status, started = message["status"], True
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            _log.error("internal error (%s)", type(exc).__name__)
            if not started:
                error = internal_error("answering this request")
                body = json.dumps(ProblemReport(detail=error.detail).model_dump()).encode()
                await send_with_headers(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [(b"content-type", b"application/json")],
                    }
                )
                await send({"type": "http.response.body", "body": body})
        finally:
            duration = (time.perf_counter() - start) * 1000
            _access.info("%s %s %d %.1f ms", scope["method"], scope["path"], status, duration)


def _warm_up() -> list[Situation]:
    try:
        return [load_situation(SITUATIONS_DIR / WARM_UP_SITUATION)]
    except Exception:  # an installation without the examples: the first request warms it up
        return []


class _Service(FastAPI):
    """FastAPI whose OpenAPI document also holds the situation's models."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            _add_situation_schema(super().openapi())
        return super().openapi()


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """The service. Swagger UI and ReDoc are left out (they load scripts from a CDN); the
    OpenAPI document is at ``/openapi.json``."""
    settings = settings or ServiceSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        evaluator = Evaluator(dict(settings.directories))
        app.state.evaluator = evaluator
        if settings.warm_up:
            await evaluator.evaluate(_warm_up(), None, None, lambda report: b"")
        try:
            yield
        finally:
            evaluator.close()

    app = _Service(
        title="rights-engine",
        version=__version__,
        summary="Orientation vers les droits sociaux en France (OpenFisca)",
        description=(
            "Le rapport d'orientation de rights-engine sur HTTP : il oriente, il n'attribue "
            "aucun droit. Rien n'est conservé ; les journaux ne contiennent que la méthode, le "
            "chemin, le statut et la durée de chaque requête."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_handlers(app)
    app.include_router(router)
    app.mount("/page", StaticFiles(directory=STATIC_DIR), name="page")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(AccessLog)

    return app


def _add_situation_schema(document: dict[str, Any]) -> None:
    """The situation's models in ``components.schemas``, where the request bodies point."""
    schema = Situation.model_json_schema(by_alias=True, ref_template="#/components/schemas/{model}")
    components = document.setdefault("components", {}).setdefault("schemas", {})
    components.update(schema.pop("$defs", {}))
    components["Situation"] = schema
