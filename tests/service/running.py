"""Run the service as a user does: the installed ``rights-engine serve`` on a free loopback port,
stopped at the end; requests go through the standard library's HTTP client."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[2]
SITUATIONS = REPOSITORY / "situations"
DORDOGNE = SITUATIONS / "annuaires" / "dordogne.yaml"
STARTUP_SECONDS = 90


def console_script() -> Path:
    script = Path(sys.executable).parent / "rights-engine"
    assert script.is_file(), f"no rights-engine console script next to {sys.executable}"
    return script


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _lower(items: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in items}


@dataclass
class Answer:
    """Status, headers (names in lower case) and body of an answer."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Service:
    """A running service: its address, and the file its logs go to."""

    url: str
    log: Path
    process: subprocess.Popen[bytes] | None

    def call(
        self,
        method: str,
        path: str,
        body: bytes | str | None = None,
        content_type: str | None = "application/json",
        headers: dict[str, str] | None = None,
    ) -> Answer:
        data = body.encode() if isinstance(body, str) else body
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None and content_type is not None:
            request.add_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return Answer(response.status, _lower(response.headers.items()), response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, _lower(error.headers.items()), error.read())

    def logs(self) -> str:
        return self.log.read_text(encoding="utf-8")


def start(log: Path, *options: str) -> Service:
    """Start ``rights-engine serve`` and wait until it answers its health endpoint."""
    port = free_port()
    command = [str(console_script()), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", "1", *options]
    environment = {k: v for k, v in os.environ.items() if k != "RIGHTS_ENGINE_DEBUG"}
    handle = log.open("wb")
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=environment)
    service = Service(f"http://127.0.0.1:{port}", log, process)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the service stopped at start-up:\n{service.logs()}")
        try:
            if service.call("GET", "/v1/health").status == 200:
                return service
        except OSError:
            pass
        time.sleep(0.2)
    stop(service)
    raise AssertionError(f"the service did not answer within {STARTUP_SECONDS} s")


def stop(service: Service) -> None:
    assert service.process is not None
    service.process.send_signal(signal.SIGTERM)
    try:
        service.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        service.process.kill()
        service.process.wait()
