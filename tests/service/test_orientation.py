"""POST /v1/orientation and its batch: the library's report over HTTP, bad input located."""

from __future__ import annotations

import http.client
import json
import urllib.parse

import yaml
from running import DORDOGNE, SITUATIONS, Service

import rights_engine

HAMEAU = SITUATIONS / "rsa_permis_hameau.yaml"


def _data(text: str) -> object:
    """A YAML situation as JSON data (dates as text)."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


def _library_json() -> str:
    situation = rights_engine.load_situation(HAMEAU)
    directory = rights_engine.load_partners_directory(DORDOGNE)
    return rights_engine.evaluate(situation, partners=directory).to_json()


def test_yaml_and_json_bodies_give_the_library_report_byte_for_byte(
    service: Service, situation_yaml: str
) -> None:
    as_yaml = service.call("POST", "/v1/orientation", situation_yaml, "application/yaml")
    as_json = service.call("POST", "/v1/orientation", json.dumps(_data(situation_yaml)))
    assert as_yaml.status == as_json.status == 200
    assert as_yaml.headers["content-type"] == "application/json"
    assert as_yaml.body == as_json.body
    assert as_yaml.body.decode() == _library_json()
    report = as_yaml.json()
    assert report["findings"][0]["programme"] == "rsa"
    # The default directory (the first --partners) gives the CAF's local office.
    caf = next(p for p in report["partners"] if p["id"] == "caf")
    assert caf["local"]["scope"] == "département 24"


def test_period_and_partners_parameters(service: Service, situation_yaml: str) -> None:
    answer = service.call(
        "POST", "/v1/orientation?period=2025-06&partners=none", situation_yaml, "text/yaml"
    )
    assert answer.status == 200
    report = answer.json()
    assert report["period"] == "2025-06"
    assert all("local" not in p for p in report["partners"])
    chosen = service.call("POST", "/v1/orientation?partners=dordogne", situation_yaml, "text/yaml")
    assert chosen.body == service.call("POST", "/v1/orientation", situation_yaml, "text/yaml").body


def test_markdown_and_html_forms(service: Service, situation_yaml: str) -> None:
    markdown = service.call("POST", "/v1/orientation?format=markdown", situation_yaml, "text/yaml")
    assert markdown.status == 200
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.body.decode().startswith("# Situation `rsa_permis_hameau` — novembre 2026")
    html = service.call("POST", "/v1/orientation?format=html", situation_yaml, "text/yaml")
    assert html.status == 200
    assert html.headers["content-type"].startswith("text/html")
    page = html.body.decode()
    assert '<html lang="fr">' in page
    # The person's sheet, as `simulate --format html` writes it.
    assert "<h1>Vos démarches — novembre 2026</h1>" in page
    assert "Revenu de solidarité active" in page


def test_a_bad_situation_gets_422_with_the_line_and_the_field(service: Service) -> None:
    body = "schema: 1\npeople:\n  - id: a\n    role: applicant\n    birth_date: 1990-02-31\n"
    answer = service.call("POST", "/v1/orientation", body, "application/yaml")
    assert answer.status == 422
    assert answer.json() == {
        "detail": "the situation is not valid",
        "problems": [
            {
                "line": 5,
                "field": "people[0].birth_date",
                "message": "expected a date YYYY-MM-DD that exists in the calendar",
            }
        ],
    }
    # The date is personal: the message never echoes it.
    assert b"1990-02-31" not in answer.body
    broken = service.call("POST", "/v1/orientation", '{"people": [', "application/json")
    assert broken.status == 422
    assert broken.json()["problems"][0]["line"] == 1
    assert broken.json()["problems"][0]["message"].startswith("not valid")


def test_a_period_outside_the_validated_range_is_a_clear_422(
    service: Service, situation_yaml: str
) -> None:
    query = service.call("POST", "/v1/orientation?period=2031-01", situation_yaml, "text/yaml")
    assert query.status == 422
    (problem,) = query.json()["problems"]
    assert problem["field"] == "query.period"
    assert problem["message"].startswith("2031-01 is outside the validated range")
    own = service.call(
        "POST",
        "/v1/orientation",
        situation_yaml.replace("period: 2026-11", "period: 2031-01"),
        "text/yaml",
    )
    assert own.status == 422
    (problem,) = own.json()["problems"]
    assert problem["field"] == "period"
    assert "legislation validated from 2024-01" in problem["message"]
    malformed = service.call("POST", "/v1/orientation?period=11-2026", situation_yaml, "text/yaml")
    assert malformed.status == 422
    assert malformed.json()["problems"][0]["message"] == "expected a month YYYY-MM (e.g. 2026-11)"


def test_unknown_options_and_content_types_are_refused(
    service: Service, situation_yaml: str
) -> None:
    fmt = service.call("POST", "/v1/orientation?format=pdf", situation_yaml, "text/yaml")
    assert fmt.status == 422
    assert fmt.json()["problems"][0] == {
        "line": None,
        "field": "query.format",
        "message": "expected one of: json, markdown, html",
    }
    partners = service.call("POST", "/v1/orientation?partners=gironde", situation_yaml, "text/yaml")
    assert partners.status == 422
    assert partners.json()["problems"][0]["message"] == (
        "unknown directory; expected one of: dordogne, none"
    )
    plain = service.call("POST", "/v1/orientation", situation_yaml, "text/plain")
    assert plain.status == 415


def test_a_body_declared_over_the_limit_gets_413_before_it_is_sent(service: Service) -> None:
    # As a client that asks before sending (Expect: 100-continue): the 413 comes first.
    parts = urllib.parse.urlsplit(service.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    connection.putrequest("POST", "/v1/orientation")
    connection.putheader("Content-Type", "application/yaml")
    connection.putheader("Content-Length", "1000001")
    connection.putheader("Expect", "100-continue")
    connection.endheaders()
    response = connection.getresponse()
    body = json.loads(response.read())
    connection.close()
    assert response.status == 413
    assert body["detail"].startswith("the body is larger than 1,000,000 bytes")


def test_batch_answers_each_line_with_its_number_streamed(service: Service) -> None:
    good = json.dumps(yaml.safe_load(HAMEAU.read_text(encoding="utf-8")), default=str)
    lines = [good, "{not json", "", json.dumps({"people": []}), good.replace("2026-11", "2031-01")]
    answer = service.call(
        "POST", "/v1/orientation/batch", "\n".join([*lines, good]) + "\n", "application/x-ndjson"
    )
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/x-ndjson"
    assert answer.headers.get("transfer-encoding") == "chunked"  # sent as computed
    rows = [json.loads(line) for line in answer.body.decode().splitlines()]
    assert [row["line"] for row in rows] == [1, 2, 4, 5, 6]
    library = json.loads(_library_json())
    assert rows[0]["report"] == library
    assert rows[4]["report"] == library
    assert rows[1]["problems"][0]["line"] == 2
    assert rows[1]["problems"][0]["message"].startswith("not valid JSON")
    assert rows[2]["problems"] == [
        {
            "line": 4,
            "field": "people",
            "message": "expected at least 1 item(s), got 0",
        }
    ]
    assert rows[3]["problems"][0]["field"] == "period"
    assert "report" not in rows[1]


def test_an_empty_batch_is_a_422(service: Service) -> None:
    answer = service.call("POST", "/v1/orientation/batch", "\n\n", "application/x-ndjson")
    assert answer.status == 422
