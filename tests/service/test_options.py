"""``serve``'s options: the bearer token, and bad options refused before any worker starts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from running import DORDOGNE, Service, start, stop

from rights_engine.cli.main import cli

TOKEN = "jeton-de-test-0123456789abcdef"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    folder = tmp_path_factory.mktemp("guarded")
    token_file = folder / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    instance = start(
        folder / "service.log",
        "--token-file",
        str(token_file),
        "--cors-origin",
        "https://outil.example",
    )
    yield instance
    stop(instance)


def test_the_token_is_required_except_for_health(guarded: Service, situation_yaml: str) -> None:
    refused = guarded.call("POST", "/v1/orientation", situation_yaml, "text/yaml")
    assert refused.status == 401
    assert refused.headers["www-authenticate"].startswith("Bearer")
    wrong = guarded.call(
        "GET", "/v1/programmes", headers={"Authorization": "Bearer " + TOKEN[:-1] + "x"}
    )
    assert wrong.status == 401
    assert guarded.call("GET", "/v1/health").status == 200
    accepted = guarded.call(
        "POST",
        "/v1/orientation",
        situation_yaml,
        "text/yaml",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert accepted.status == 200
    # Without --partners, no local office.
    assert all("local" not in p for p in accepted.json()["partners"])


def test_cors_allows_the_origins_given_only(guarded: Service) -> None:
    allowed = guarded.call("GET", "/v1/health", headers={"Origin": "https://outil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://outil.example"
    other = guarded.call("GET", "/v1/health", headers={"Origin": "https://ailleurs.example"})
    assert "access-control-allow-origin" not in other.headers


def _serve(*options: str) -> Result:
    """``serve`` with options that stop it before it starts any server."""
    return CliRunner().invoke(cli, ["serve", "--port", "1", *options])


def test_a_bad_directory_stops_serve_with_located_lines(tmp_path: Path) -> None:
    directory = tmp_path / "annuaire.yaml"
    text = DORDOGNE.read_text(encoding="utf-8").replace("partner: caf", "partner: cafe", 1)
    directory.write_text(text, encoding="utf-8")
    result = _serve("--partners", str(directory))
    assert result.exit_code == 2
    assert f"{directory}:" in result.output
    assert "unknown partner 'cafe'" in result.output
    assert "Traceback" not in result.output


def test_a_short_token_is_refused(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("court", encoding="utf-8")
    result = _serve("--token-file", str(token_file))
    assert result.exit_code == 2
    assert "shorter than 16 characters" in result.output
