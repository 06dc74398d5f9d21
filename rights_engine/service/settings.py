"""What a running service is configured with: token, local directories, limits, CORS."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from rights_engine.engine.directory import PartnersDirectory
from rights_engine.report import Report

__all__ = [
    "MAX_BATCH_BYTES",
    "MAX_SITUATION_BYTES",
    "NO_DIRECTORY",
    "Renderer",
    "ServiceSettings",
]

MAX_SITUATION_BYTES = 1_000_000
"""A situation is a few kilobytes: the same limit as a situation file for the command line."""
MAX_BATCH_BYTES = 20_000_000
"""A JSON Lines batch (about 10 000 households); a caseload larger than that goes by parts."""
NO_DIRECTORY = "none"
"""``?partners=none``: the report without any local directory."""


@dataclass(frozen=True)
class Renderer:
    """A rendered form of the report (``?format=markdown``): its media type and its function."""

    media_type: str
    render: Callable[[Report], str]


@dataclass(frozen=True)
class ServiceSettings:
    """Everything a service instance needs; it holds no personal data."""

    token: str | None = None
    """Bearer token required on ``/v1/*`` (health aside); None: no authentication."""
    directories: Mapping[str, PartnersDirectory] = field(default_factory=dict)
    """Local partners directories by name (``?partners=NAME``); the first one is the default."""
    renderers: Mapping[str, Renderer] = field(default_factory=dict)
    """``?format=`` values beside ``json``."""
    cors_origins: tuple[str, ...] = ()
    """Origins allowed to call the service from a browser page of theirs; none by default."""
    max_situation_bytes: int = MAX_SITUATION_BYTES
    max_batch_bytes: int = MAX_BATCH_BYTES
    warm_up: bool = True
    """Evaluate an example household at start-up, so that the first request is not slow."""

    @property
    def default_directory(self) -> str | None:
        return next(iter(self.directories), None)
