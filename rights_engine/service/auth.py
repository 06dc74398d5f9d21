"""Optional bearer-token authentication (``--token-file``), for a service inside a
département's network: every ``/v1`` endpoint but health asks for ``Authorization: Bearer``."""

from __future__ import annotations

import hmac

from fastapi import Request

from rights_engine.service.errors import ApiError

__all__ = ["require_token"]


def require_token(request: Request) -> None:
    """Refuse with 401 a request without the service's token (when it has one)."""
    token: str | None = request.app.state.settings.token
    if token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise ApiError(
            401,
            "a bearer token is required (Authorization: Bearer …)",
            headers={"WWW-Authenticate": 'Bearer realm="rights-engine"'},
        )
