"""``rights-engine validate``, ``schema``, ``rules`` and ``--version``."""

from __future__ import annotations

import json
from pathlib import Path

import rights_engine
from rights_engine.engine.catalogue import programmes


def test_validate_good_files(invoke, rsa_hameau: Path) -> None:
    other = rsa_hameau.parent / "mere_isolee_sans_logement.yaml"
    result = invoke("validate", str(rsa_hameau), str(other))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"OK {rsa_hameau}\nOK {other}\n"
    assert result.stderr == ""


def test_validate_reports_each_line_of_a_batch(invoke, bad_inputs: Path, rsa_hameau: Path) -> None:
    batch = bad_inputs / "broken_line.jsonl"
    result = invoke("validate", str(batch), str(rsa_hameau))
    assert result.exit_code == 2
    assert result.stdout == f"{batch}:1 OK\n{batch}:3 OK\nOK {rsa_hameau}\n"
    assert (
        result.stderr == f"{batch}:2: not valid JSON: the line ends before the object is closed\n"
    )


def test_validate_with_the_installed_script(run_script, bad_inputs: Path) -> None:
    result = run_script("validate", "two_applicants.yaml", "wrong_types.yaml", cwd=bad_inputs)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "two_applicants.yaml:3 people: expected exactly one person with role applicant, got 2",
        "wrong_types.yaml:7 household.housing.rent: expected a number, got a text of 8 characters",
        "wrong_types.yaml:11 people[0].age: expected a whole number, got a text of 6 characters",
        "wrong_types.yaml:12 people[0].pregnant: expected true or false,"
        " got a text of 9 characters",
    ]


def test_validate_checks_the_period_against_the_validated_ranges(invoke, bad_inputs: Path) -> None:
    result = invoke("validate", str(bad_inputs / "period_out_of_range.yaml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"{bad_inputs / 'period_out_of_range.yaml'}:2 period: 2009-05 is outside"
    )


def test_schema_is_stable_json_schema(invoke) -> None:
    first = invoke("schema")
    assert first.exit_code == 0, first.output
    schema = json.loads(first.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"]
    assert "people" in schema["properties"]
    assert "schema" in schema["properties"], "the schema uses the keys of the files (aliases)"
    assert "people" in schema["required"]
    assert first.stdout == json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert invoke("schema").stdout == first.stdout


def test_schema_accepts_the_example_situations(invoke, rsa_hameau: Path) -> None:
    """The published schema and the model agree on the shipped examples (top-level keys)."""
    schema = json.loads(invoke("schema").stdout)
    for path in rsa_hameau.parent.glob("*.yaml"):
        data = rights_engine.load_situation(path).model_dump(by_alias=True, exclude_none=True)
        assert set(data) <= set(schema["properties"])


def test_rules_lists_every_programme_with_its_validated_range(invoke, run_script) -> None:
    result = invoke("rules")
    assert result.exit_code == 0, result.output
    for programme in programmes():
        assert programme.id in result.stdout
        assert f"{programme.validated_from} → {programme.validated_to}" in result.stdout
    assert "rsa" in result.stdout and "2024-01 → 2026-12" in result.stdout
    assert "complet" in result.stdout
    script = run_script("rules")
    assert script.returncode == 0 and "2024-01 → 2026-12" in script.stdout


def test_rules_as_json(invoke) -> None:
    result = invoke("rules", "--format", "json")
    assert result.exit_code == 0, result.output
    listing = json.loads(result.stdout)
    assert [entry["id"] for entry in listing] == [p.id for p in programmes()]
    rsa = next(entry for entry in listing if entry["id"] == "rsa")
    assert (rsa["validated_from"], rsa["validated_to"]) == ("2024-01", "2026-12")
    assert rsa["status"] == "complete"
    assert rsa["legal_basis"].startswith("Code de l'action sociale et des familles")


def test_version(invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"rights-engine {rights_engine.__version__}\n"
