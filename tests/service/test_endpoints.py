"""The descriptive endpoints, the OpenAPI document, and what the service keeps (nothing) and logs
(method, path, status, duration)."""

from __future__ import annotations

import re
import time

import yaml
from running import REPOSITORY, Service

from rights_engine.cli.schema import situation_schema

ACCESS_LINE = re.compile(
    r"rights_engine\.service\.access: (GET|POST) (/\S*) (\d{3}) \d+\.\d ms$", re.MULTILINE
)


def test_programmes_list_the_registry_with_validated_ranges(service: Service) -> None:
    answer = service.call("GET", "/v1/programmes")
    assert answer.status == 200
    registry = yaml.safe_load((REPOSITORY / "rules" / "registry.yaml").read_text(encoding="utf-8"))
    listed = answer.json()
    assert [p["id"] for p in listed] == [p["id"] for p in registry["programmes"]]
    rsa = next(p for p in listed if p["id"] == "rsa")
    entry = next(p for p in registry["programmes"] if p["id"] == "rsa")
    assert (rsa["validated_from"], rsa["validated_to"]) == (
        str(entry["validated_from"]),
        str(entry["validated_to"]),
    )


def test_schema_is_the_command_line_schema(service: Service) -> None:
    answer = service.call("GET", "/v1/schema")
    assert answer.status == 200
    assert answer.json() == situation_schema()


def test_health_names_the_directories(service: Service) -> None:
    health = service.call("GET", "/v1/health").json()
    assert health["status"] == "ok"
    assert health["directories"] == ["dordogne"]


def test_facts_give_the_answer_fields_of_each_question(service: Service) -> None:
    facts = {entry["fact"]: entry for entry in service.call("GET", "/v1/facts").json()}
    assert facts["rent"]["fields"][0]["path"] == ["household", "housing", "rent"]
    assert facts["age"]["per_person"] is True
    assert facts["age"]["fields"][0]["path"] == ["people", "*", "birth_date"]


def test_openapi_documents_the_models(service: Service) -> None:
    document = service.call("GET", "/openapi.json").json()
    for path in ("/v1/orientation", "/v1/orientation/batch", "/v1/programmes", "/v1/schema"):
        assert path in document["paths"]
    orientation = document["paths"]["/v1/orientation"]["post"]
    body = orientation["requestBody"]["content"]
    assert body["application/yaml"]["schema"] == {"$ref": "#/components/schemas/Situation"}
    answers = orientation["responses"]
    assert answers["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Report"
    }
    assert answers["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ProblemReport"
    }
    schemas = document["components"]["schemas"]
    assert {"Situation", "Person", "Household", "Report", "Finding", "Question"} <= set(schemas)
    # Every reference points at a schema of the document.
    text = service.call("GET", "/openapi.json").body.decode()
    for name in set(re.findall(r'"#/components/schemas/([^"]+)"', text)):
        assert name in schemas, name


def test_answers_are_not_kept_and_the_page_talks_to_this_service_only(service: Service) -> None:
    page = service.call("GET", "/")
    assert page.status == 200
    assert page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    for path in ("/", "/v1/health"):
        assert service.call("GET", path).headers["cache-control"] == "no-store"


def test_cors_is_off_by_default(service: Service) -> None:
    answer = service.call("GET", "/v1/health", headers={"Origin": "https://outil.example"})
    assert answer.status == 200
    assert "access-control-allow-origin" not in answer.headers


def test_access_log_has_method_path_status_duration_and_no_personal_value(
    service: Service, situation_yaml: str
) -> None:
    marker = "zz_pseudonyme_unique_42"
    body = situation_yaml.replace("id: rsa_permis_hameau", f"id: {marker}")
    assert service.call("POST", "/v1/orientation?period=2026-10", body, "text/yaml").status == 200
    bad = body.replace("birth_date: 1992-03-14", "birth_date: 1992-02-31")
    assert service.call("POST", "/v1/orientation", bad, "text/yaml").status == 422
    # A request's line is written once its answer is sent: wait for it.
    deadline = time.monotonic() + 30
    while ("POST", "/v1/orientation", "422") not in ACCESS_LINE.findall(service.logs()):
        assert time.monotonic() < deadline, "no access line for the 422"
        time.sleep(0.1)
    logs = service.logs()
    assert ("POST", "/v1/orientation", "200") in ACCESS_LINE.findall(logs)
    for secret in (marker, "1992-02-31", "24396", "period=", "127.0.0.1:"):
        assert secret not in logs.replace("Uvicorn running on http://127.0.0.1:", ""), secret
