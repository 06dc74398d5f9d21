"""``--partners DIRECTORY.yaml``: local contacts in the reports, and bad directories refused.

Each malformed directory under ``bad_directories/`` goes through the installed console script:
exit status 2, stderr holds exactly the located one-line message(s), nothing is evaluated.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rights_engine.engine.catalogue import partners
from rights_engine.engine.directory import MAX_DIRECTORY_BYTES

EXAMPLE = Path(__file__).resolve().parents[2] / "situations" / "annuaires" / "dordogne.yaml"
BAD_DIRECTORIES = Path(__file__).resolve().parent / "bad_directories"
UNKNOWN_FIELD = (
    "unknown field (a directory has directory, name, updated, entries; an entry has partner, "
    "departement or communes, name, address, phone, hours, email, url)"
)


def _catalogue() -> str:
    return ", ".join(sorted(partners()))


# file → the exact lines expected on stderr (the tests run in bad_directories/)
EXPECTED: dict[str, list[str]] = {
    "unknown_partner.yaml": [
        "unknown_partner.yaml:5 entries[0].partner: unknown partner 'cafe' (did you mean 'caf'?);"
        " expected an id of the national catalogue: <catalogue>"
    ],
    "unknown_commune.yaml": [
        "unknown_commune.yaml:6 entries[0].communes[1]: unknown INSEE commune code; expected a"
        " code of the official list of communes (the INSEE code, not the postal code)"
    ],
    "bad_departement.yaml": [
        "bad_departement.yaml:6 entries[0].departement: unknown département code;"
        ' expected a code such as "24", "2A" or "974"'
    ],
    "unknown_key.yaml": [f"unknown_key.yaml:10 entries[0].fax: {UNKNOWN_FIELD}"],
    "not_yaml.yaml": ["not_yaml.yaml:3: not valid YAML or JSON: did not find expected ',' or '}'"],
    "empty.yaml": [
        "empty.yaml:1: the file is empty; expected a partners directory"
        " (directory, name, updated, entries)"
    ],
    "wrong_version.yaml": ["wrong_version.yaml:1 directory: expected one of 1"],
    "alias.yaml": [
        "alias.yaml:6: not valid YAML or JSON: aliases (*name) are not allowed"
        " in a partners directory"
    ],
    "twice_for_a_departement.yaml": [
        "twice_for_a_departement.yaml:11 entries[1].departement: caf already has an entry for"
        " département 24 (entries[0])"
    ],
    "no_place.yaml": [
        'no_place.yaml:5 entries[0]: expected departement (e.g. "24") or communes'
        " (a list of INSEE codes)"
    ],
    "unquoted_codes.yaml": [
        "unquoted_codes.yaml:6 entries[0].departement: expected a text, got a number:"
        ' write the code in quotes (e.g. "24")',
        "unquoted_codes.yaml:9 entries[0].phone: expected a text, got a number:"
        ' write it in quotes (e.g. "05 53 00 00 00")',
        # hours: 9:00 is text, as in YAML 1.2 (YAML 1.1 read it in base 60 as 540).
    ],
    "missing_fields.yaml": [
        "missing_fields.yaml:1 name: this field is required",
        "missing_fields.yaml:1 updated: this field is required",
        "missing_fields.yaml:3 entries[0].address: this field is required",
        "missing_fields.yaml:3 entries[0].phone: this field is required",
    ],
}


def _expected(name: str) -> list[str]:
    return [line.replace("<catalogue>", _catalogue()) for line in EXPECTED[name]]


def test_every_committed_bad_directory_has_its_expected_messages() -> None:
    assert sorted(p.name for p in BAD_DIRECTORIES.iterdir()) == sorted(EXPECTED)


def _check(result, expected: list[str]) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    assert result.stderr.splitlines() == expected
    assert result.stdout == ""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_bad_directory_stops_simulate_with_located_messages(
    run_script, rsa_hameau: Path, name: str
) -> None:
    result = run_script(
        "simulate", str(rsa_hameau), "--partners", name, "--format", "json", cwd=BAD_DIRECTORIES
    )
    _check(result, _expected(name))


@pytest.mark.parametrize("name", ["unknown_partner.yaml", "empty.yaml", "unknown_commune.yaml"])
def test_validate_checks_a_directory(run_script, name: str) -> None:
    result = run_script("validate", "--partners", name, cwd=BAD_DIRECTORIES)
    _check(result, _expected(name))


def test_validate_accepts_the_example_directory_alone_or_with_situations(
    invoke, rsa_hameau: Path
) -> None:
    alone = invoke("validate", "--partners", str(EXAMPLE))
    assert alone.exit_code == 0, alone.output
    assert alone.stdout == f"OK {EXAMPLE}\n"
    both = invoke("validate", str(rsa_hameau), "--partners", str(EXAMPLE))
    assert both.exit_code == 0, both.output
    assert both.stdout == f"OK {EXAMPLE}\nOK {rsa_hameau}\n"
    neither = invoke("validate")
    assert neither.exit_code == 2
    assert "expected situation files, or --partners DIRECTORY.yaml" in neither.stderr


def test_a_missing_or_huge_directory_is_one_line(run_script, rsa_hameau: Path, tmp_path) -> None:
    missing = run_script("simulate", str(rsa_hameau), "--partners", "nope.yaml", cwd=tmp_path)
    _check(missing, ["nope.yaml: cannot read the file: No such file or directory"])
    huge = tmp_path / "huge.yaml"
    huge.write_text("directory: 1\n" + "# commentaire\n" * (MAX_DIRECTORY_BYTES // 14 + 10))
    size = huge.stat().st_size
    result = run_script("simulate", str(rsa_hameau), "--partners", "huge.yaml", cwd=tmp_path)
    _check(
        result,
        [
            f"huge.yaml: file too large ({size:,} bytes; a partners directory is at most"
            f" {MAX_DIRECTORY_BYTES:,} bytes — split it by département)"
        ],
    )


def test_text_report_shows_the_local_contact_under_the_partner(invoke, rsa_hameau: Path) -> None:
    result = invoke("simulate", str(rsa_hameau), "--partners", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    partners_part = result.stdout.split("Partenaires à contacter", 1)[1].split("À noter", 1)[0]
    caf = partners_part.split("Caisse d'allocations familiales (CAF)", 1)[1].split("   • ", 1)[0]
    assert "Accueil local (département 24) : CAF de la Dordogne" in caf
    assert "Téléphone : 3230 (service gratuit + prix d'un appel)" in caf
    assert "Adresse : Accueil sur rendez-vous : voir caf.fr" in caf
    assert "Coordonnées locales tirées de l'annuaire" in result.stdout
    plain = invoke("simulate", str(rsa_hameau))
    assert "Accueil local" not in plain.stdout and "Téléphone" not in plain.stdout


def test_markdown_report_shows_the_local_contact(invoke, rsa_hameau: Path) -> None:
    result = invoke("simulate", str(rsa_hameau), "--partners", str(EXAMPLE), "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "  - Accueil local (département 24) : CAF de la Dordogne\n" in result.stdout
    assert "    - Téléphone : 3230 (service gratuit + prix d'un appel)\n" in result.stdout
    assert "    - Site : <https://www.caf.fr>\n" in result.stdout


def test_json_with_a_directory_is_byte_identical(run_script, rsa_hameau: Path) -> None:
    first = run_script("simulate", str(rsa_hameau), "--partners", str(EXAMPLE), "--format", "json")
    second = run_script("simulate", str(rsa_hameau), "--partners", str(EXAMPLE), "--format", "json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    report = json.loads(first.stdout)
    caf = next(p for p in report["partners"] if p["id"] == "caf")
    assert caf["local"]["phone"].startswith("3230")


def test_a_batch_gets_the_local_contacts_household_by_household(
    invoke, situation_dict, tmp_path: Path
) -> None:
    batch = tmp_path / "batch.jsonl"
    household = situation_dict()["household"]
    elsewhere = {**household, "commune": "33063"}
    unknown = {key: value for key, value in household.items() if key != "commune"}
    lines = [
        situation_dict(id="dordogne"),
        situation_dict(id="gironde", household=elsewhere),
        situation_dict(id="inconnue", household=unknown),
    ]
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = invoke("simulate", str(batch), "--partners", str(EXAMPLE), "--format", "json")
    assert result.exit_code == 0, result.output
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    local = [
        next(p for p in r["partners"] if p["id"] == "caf").get("local", {}).get("name")
        for r in reports
    ]
    assert local == ["CAF de la Dordogne", None, None]
    assert any("commune du foyer n'est pas connue" in n for n in reports[2]["notices"])
