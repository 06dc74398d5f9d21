"""``rights-engine serve``: the HTTP service and the worker's page, run by uvicorn.

The command checks its options (token file, local directories) and exits with status 2 and
located messages when one is bad; uvicorn then starts ``--workers`` processes, each building
the application with :func:`application` from the settings passed in the environment (no
personal data: file paths and origins only).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rights_engine.engine.directory import (
    PartnersDirectory,
    PartnersDirectoryError,
    load_partners_directory,
)

from .render_html import html_document
from .render_markdown import markdown_report

if TYPE_CHECKING:  # the web framework is imported when the service starts, not by every command
    from rights_engine.service import ServiceSettings

__all__ = ["SETTINGS_VARIABLE", "application", "serve"]

SETTINGS_VARIABLE = "RIGHTS_ENGINE_SERVE_SETTINGS"
"""Environment variable through which ``serve`` hands its options to the worker processes."""


def _directories(paths: list[str]) -> dict[str, PartnersDirectory]:
    """Each directory by the name of its file (``dordogne.yaml`` → ``dordogne``)."""
    directories: dict[str, PartnersDirectory] = {}
    for path in paths:
        name = Path(path).stem
        if name in directories:
            raise click.BadParameter(f"two directories are named {name!r}", param_hint="--partners")
        directories[name] = load_partners_directory(path)
    return directories


def _token(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        token = Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(
            f"cannot read the token: {exc}", param_hint="--token-file"
        ) from None
    if len(token) < 16:
        raise click.BadParameter(
            "the token is shorter than 16 characters", param_hint="--token-file"
        )
    return token


def _settings(options: dict[str, Any]) -> ServiceSettings:
    from rights_engine.service import Renderer, ServiceSettings

    renderers = {
        "markdown": Renderer("text/markdown; charset=utf-8", markdown_report),
        # The person's printable sheet, as `simulate --format html` writes it.
        "html": Renderer("text/html; charset=utf-8", lambda report: html_document([report])),
    }
    return ServiceSettings(
        token=_token(options["token_file"]),
        directories=_directories(options["partners"]),
        renderers=renderers,
        cors_origins=tuple(options["cors_origins"]),
    )


def application() -> Any:
    """The application of one worker process, from the options in :data:`SETTINGS_VARIABLE`."""
    from rights_engine.service import create_app

    options = json.loads(os.environ.get(SETTINGS_VARIABLE, "{}") or "{}")
    defaults: dict[str, Any] = {"token_file": None, "partners": [], "cors_origins": []}
    return create_app(_settings({**defaults, **options}))


def _log_config(access_log: str) -> dict[str, Any]:
    """uvicorn's own messages, and the access log of the service (uvicorn's is turned off: it
    carries the client's address and the query string)."""
    line = {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    handler = {"class": "logging.StreamHandler", "formatter": "line", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"line": line},
        "handlers": {"stderr": handler},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "rights_engine.service": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            access_log: {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
    }


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--workers",
    default=os.cpu_count() or 1,
    show_default="the number of cores",
    type=click.IntRange(1, 64),
    help="Worker processes (each evaluates on its own core).",
)
@click.option(
    "--partners",
    "partners",
    multiple=True,
    metavar="DIRECTORY.yaml",
    type=click.Path(dir_okay=False),
    help="Local partners directory, chosen by ?partners=NAME (the file's name); repeatable, the "
    "first one is used by default.",
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False),
    help="File holding a bearer token that every /v1 request but health must carry.",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Origin (https://outil.example) allowed to call the service from its own pages; "
    "repeatable. CORS is off by default.",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    workers: int,
    partners: tuple[str, ...],
    token_file: str | None,
    cors_origins: tuple[str, ...],
) -> None:
    """Run the HTTP service (/v1/…) and the worker's page (/) with uvicorn.

    Nothing is stored; the access log has the method, path, status and duration of each request.
    Put it behind a reverse proxy for TLS (see the README).
    """
    import uvicorn

    from rights_engine.service.app import ACCESS_LOG

    options = {"token_file": token_file, "partners": list(partners), "cors_origins": cors_origins}
    try:
        _settings(options)  # checked once here, so that a bad option stops before any worker
    except PartnersDirectoryError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        ctx.exit(2)
    os.environ[SETTINGS_VARIABLE] = json.dumps(
        {"token_file": token_file, "partners": list(partners), "cors_origins": list(cors_origins)}
    )
    uvicorn.run(
        "rights_engine.cli.serve:application",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_config=_log_config(ACCESS_LOG),
        server_header=False,
    )
