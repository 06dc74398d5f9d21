"""An unexpected failure is a 500 without details, logged by its type only; the service goes on.
A body sent without its length is counted as it comes and refused past the limit.

The application runs in this process (uvicorn in a thread, on a free loopback port) with a
renderer that fails, which no real input can trigger, and a small body limit.
"""

from __future__ import annotations

import http.client
import json
import logging
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from running import SITUATIONS, Service, free_port

from rights_engine.report import Report
from rights_engine.service import Renderer, ServiceSettings, create_app

SECRET_ID = "zz_valeur_personnelle_77"
LIMIT = 4_000
"""A small body limit, so that a body over it fits in the socket's buffers."""


def _failing(report: Report) -> str:
    raise RuntimeError(f"cannot render {report.situation_id}")


@pytest.fixture(scope="module")
def failing_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    log = tmp_path_factory.mktemp("failing") / "service.log"
    handler = logging.FileHandler(log, encoding="utf-8")
    logger = logging.getLogger("rights_engine.service")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    settings = ServiceSettings(
        renderers={"broken": Renderer("text/plain", _failing)},
        warm_up=False,
        max_situation_bytes=LIMIT,
    )
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_config=None)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield Service(f"http://127.0.0.1:{port}", log, None)
    server.should_exit = True
    thread.join(timeout=30)
    logger.removeHandler(handler)


def test_a_failing_render_is_a_500_without_details(failing_service: Service) -> None:
    body = (SITUATIONS / "rsa_permis_hameau.yaml").read_text(encoding="utf-8")
    body = body.replace("id: rsa_permis_hameau", f"id: {SECRET_ID}")
    failed = failing_service.call("POST", "/v1/orientation?format=broken", body, "text/yaml")
    assert failed.status == 500
    assert failed.json() == {
        "detail": "internal error while evaluating this household; details are hidden as they "
        "may hold personal data",
        "problems": [],
    }
    assert SECRET_ID not in failed.body.decode()
    logs = Path(failing_service.log).read_text(encoding="utf-8")
    assert "rendering failed for one report (RuntimeError)" in logs
    assert SECRET_ID not in logs and "Traceback" not in logs
    # The service goes on.
    assert failing_service.call("POST", "/v1/orientation", body, "text/yaml").status == 200


def test_a_chunked_body_over_the_limit_gets_413(failing_service: Service) -> None:
    parts = urllib.parse.urlsplit(failing_service.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    chunks = [b"# " + b"x" * 998 + b"\n"] * 5  # 5 000 bytes, no Content-Length
    connection.request(
        "POST",
        "/v1/orientation",
        body=iter(chunks),
        headers={"Content-Type": "application/yaml"},
        encode_chunked=True,
    )
    response = connection.getresponse()
    body = json.loads(response.read())
    connection.close()
    assert response.status == 413
    assert body["detail"].startswith("the body is larger than 4,000 bytes")
