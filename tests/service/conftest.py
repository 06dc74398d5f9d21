"""Fixtures of the service's tests: one service for the session (stopped at the end), and the
helpers of ``running.py`` importable (pytest's importlib mode does not put this folder on
sys.path)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import running
    from selenium.webdriver.remote.webdriver import WebDriver

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[running.Service]:
    """The service with the Dordogne directory (the default), no token."""
    from running import DORDOGNE, start, stop

    instance = start(
        tmp_path_factory.mktemp("service") / "service.log", "--partners", str(DORDOGNE)
    )
    yield instance
    stop(instance)


@pytest.fixture(scope="session")
def situation_yaml() -> str:
    from running import SITUATIONS

    return (SITUATIONS / "rsa_permis_hameau.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[WebDriver]:
    """One headless Chromium for the page's tests (Debian's package; see ``browsing.py``)."""
    from browsing import chromium

    with chromium() as driver:
        yield driver
