"""``rights-engine simulate``: the text, JSON and Markdown reports, batches and --period."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import rights_engine

SITUATION_KEYS = {"schema", "id", "period", "household", "people"}


def test_text_report_for_a_social_worker(invoke, rsa_hameau: Path) -> None:
    result = invoke("simulate", str(rsa_hameau))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert result.stderr == ""
    assert "Situation rsa_permis_hameau — novembre 2026" in out
    assert "1. Revenu de solidarité active (RSA)" in out
    assert "droit probable · urgence normale" in out
    assert "573,49 €" in out
    assert "Montant estimé : 573,49 €/mois" in out
    assert "✓ Avoir 25 ans ou plus" in out and "— CASF art. L262-4, 1° et L262-7-1" in out
    assert (
        "Pièces à apporter : Pièce d'identité ou titre de séjour ; Numéro de sécurité sociale"
        in out
    )
    assert "Demande à faire : Déposer la demande de RSA" in out
    assert "Prochaines étapes :" in out
    assert "\x1b[" not in out, "no colour codes outside a terminal"
    # Partners once each, after the findings, with what they handle.
    partners = out.split("Partenaires à contacter", 1)[1]
    assert partners.count("Conseil départemental (service social départemental)") == 1
    departement = partners.split("Conseil départemental (service social départemental)", 1)[1]
    handles = next(line for line in departement.splitlines() if "Pour : " in line)
    assert "Revenu de solidarité active (RSA)" in handles
    assert "Accompagnement d'insertion et aides à la mobilité" in handles
    assert "Contact : caf.fr" in partners
    # Findings in rank order, numbered 1, 2, 3…
    ranks = [int(m.group(1)) for m in re.finditer(r"^(\d+)\. ", out, flags=re.MULTILINE)]
    assert ranks == list(range(1, len(ranks) + 1)) and len(ranks) >= 2


def test_text_report_asks_the_missing_facts_and_gives_a_range(invoke, tmp_path: Path) -> None:
    path = tmp_path / "inconnu.yaml"
    path.write_text("schema: 1\nperiod: 2026-11\npeople:\n  - {id: p, role: applicant, age: 40}\n")
    result = invoke("simulate", str(path))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Situation sans identifiant — novembre 2026" in out
    assert "à confirmer" in out
    assert "Montant estimé : entre 0,00 € et 651,69 €/mois" in out
    assert "? Ne pas être élève, étudiant ou stagiaire" in out
    # Each question once, in the household's list; each finding names the questions deciding it.
    assert "Questions qui en décident : n° " in out
    assert out.count("Quelle est la nationalité de la personne") == 1


def test_unlikely_rights_are_set_aside_at_the_end(invoke, tmp_path: Path) -> None:
    path = tmp_path / "etudiant.yaml"
    path.write_text(
        "schema: 1\nid: etudiant\nperiod: 2026-11\n"
        'household: {commune: "75056", housing: {status: tenant, rent: 500}}\n'
        "people:\n  - {id: e, role: applicant, age: 20, activity: student, nationality: french,"
        " incomes: {}}\n"
    )
    result = invoke("simulate", str(path))
    assert result.exit_code == 0, result.output
    out = result.stdout
    # One line each, at the end, with the condition that is not met.
    set_aside = out.split("Peu probables au vu des faits connus", 1)[1]
    rsa = next(line for line in set_aside.splitlines() if "• Revenu de solidarité active" in line)
    assert "— ✗ " in rsa and "✗ Ne pas être élève, étudiant ou stagiaire non rémunéré" in rsa


def test_a_waived_condition_is_marked_not_required(invoke, tmp_path: Path) -> None:
    path = tmp_path / "parent_isole.yaml"
    path.write_text(
        "schema: 1\nperiod: 2026-11\n"
        'household: {commune: "33063", housing: {status: homeless, housing_aid: 0},'
        " family_benefits: 0, single_parent_since: 2026-09}\n"
        "people:\n"
        "  - {id: mere, role: applicant, birth_date: 1996-02-10, nationality: other,"
        " has_residence_permit: true, residence_permit_since: 2025-01, activity: inactive,"
        " incomes: {}}\n"
        "  - {id: enfant, role: child, birth_date: 2025-06-20}\n"
    )
    result = invoke("simulate", str(path))
    assert result.exit_code == 0, result.output
    assert "(non requis) — CASF art. L262-4, 2° et L262-6" in result.stdout


def test_json_is_exactly_the_report_and_byte_identical(invoke, rsa_hameau: Path) -> None:
    first = invoke("simulate", str(rsa_hameau), "--format", "json")
    second = invoke("simulate", str(rsa_hameau), "--format", "json")
    assert first.exit_code == 0 and second.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes
    report = json.loads(first.stdout)
    assert report["findings"][0]["programme"] == "rsa"
    assert report["findings"][0]["estimated_amount"]["minimum"] == pytest.approx(573.49)
    expected = rights_engine.evaluate(rights_engine.load_situation(rsa_hameau)).to_json()
    assert first.stdout == expected


def test_markdown_has_the_same_content(invoke, rsa_hameau: Path) -> None:
    result = invoke("simulate", str(rsa_hameau), "--format", "markdown")
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("# Situation `rsa_permis_hameau` — novembre 2026\n")
    assert "### 1. Revenu de solidarité active (RSA)" in md
    assert "**droit probable** · urgence normale · montant estimé : **573,49 €/mois**" in md
    assert "- ✓ Avoir 25 ans ou plus" in md
    assert "[CASF art. L262-4, 1° et L262-7-1](https://www.legifrance.gouv.fr/" in md
    assert "## Partenaires à contacter" in md
    assert "  - Pour : Revenu de solidarité active (RSA)" in md
    assert "## Écartés au vu des faits connus" not in md or md.index("## Partenaires") < md.index(
        "## Écartés"
    )
    assert "\x1b[" not in md


def test_installed_console_script_runs(run_script, rsa_hameau: Path) -> None:
    text = run_script("simulate", str(rsa_hameau))
    assert text.returncode == 0, text.stderr
    assert "Revenu de solidarité active" in text.stdout
    assert "573,49 €" in text.stdout
    assert text.stderr == ""
    first = run_script("simulate", str(rsa_hameau), "--format", "json")
    second = run_script("simulate", str(rsa_hameau), "--format", "json")
    assert first.returncode == 0 and first.stdout == second.stdout
    assert json.loads(first.stdout)["findings"][0]["programme"] == "rsa"
    version = run_script("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"rights-engine {rights_engine.__version__}"


def test_batch_reports_the_good_lines_and_locates_the_bad_one(
    invoke, run_script, situation_dict, tmp_path: Path
) -> None:
    batch = tmp_path / "batch.jsonl"
    bad = situation_dict(id="mauvais")
    bad["people"][0]["age"] = -3
    lines = [
        situation_dict(id="foyer_1"),
        situation_dict(id="foyer_2"),
        bad,
        situation_dict(id="foyer_4", period="2025-06"),
    ]
    batch.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))

    result = invoke("simulate", str(batch), "--format", "json")
    assert result.exit_code == 2
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["situation_id"] for r in reports] == ["foyer_1", "foyer_2", "foyer_4"]
    assert [r["period"] for r in reports] == ["2026-11", "2026-11", "2025-06"]
    assert result.stderr == f"{batch}:3 people[0].age: expected a number ≥ 0\n"
    assert [r["input_line"] for r in reports] == [1, 2, 4]

    # The real script: same output, byte for byte, run after run; no progress bar off a terminal.
    first = run_script("simulate", str(batch), "--format", "json")
    second = run_script("simulate", str(batch), "--format", "json")
    assert first.returncode == 2
    assert first.stdout == second.stdout == result.stdout
    assert first.stderr == result.stderr
    assert "Traceback" not in first.stderr

    text = invoke("simulate", str(batch))
    assert text.exit_code == 2
    assert text.stdout.count("Revenu de solidarité active (RSA)") >= 3
    assert f"Fichier : {batch}, ligne 4" in text.stdout


@pytest.fixture
def evaluate_many_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of each batch the CLI hands to ``evaluate_many``, in order."""
    import rights_engine.cli.caseload as caseload

    calls: list[int] = []
    real = caseload.evaluate_many

    def counting(situations, period=None, partners=None):
        calls.append(len(situations))
        return real(situations, period, partners=partners)

    monkeypatch.setattr(caseload, "evaluate_many", counting)
    return calls


def _batch(tmp_path: Path, situation_dict, households: int) -> Path:
    batch = tmp_path / "batch.jsonl"
    lines = (json.dumps(situation_dict(id=f"f{i}")) + "\n" for i in range(households))
    batch.write_text("".join(lines))
    return batch


def test_one_call_to_evaluate_many_for_all_households(
    invoke, situation_dict, tmp_path: Path, evaluate_many_calls: list[int]
) -> None:
    batch = _batch(tmp_path, situation_dict, 5)
    result = invoke("simulate", str(batch), str(batch), "--format", "json")
    assert result.exit_code == 0, result.output
    assert evaluate_many_calls == [10]
    assert len(result.stdout.splitlines()) == 10


def test_a_large_batch_goes_by_slices_in_input_order(
    invoke,
    situation_dict,
    tmp_path: Path,
    evaluate_many_calls: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A caseload is evaluated slice by slice (bounded memory); reports keep the input order."""
    import rights_engine.cli.caseload as caseload

    monkeypatch.setattr(caseload, "SIMULATION_SIZE", 3)
    batch = _batch(tmp_path, situation_dict, 7)
    result = invoke("simulate", str(batch), "--format", "json")
    assert result.exit_code == 0, result.output
    assert evaluate_many_calls == [3, 3, 1]
    ids = [json.loads(line)["situation_id"] for line in result.stdout.splitlines()]
    assert ids == [f"f{i}" for i in range(7)]
    markdown = invoke("simulate", str(batch), "--format", "markdown")
    assert markdown.exit_code == 0, markdown.output
    assert not markdown.stdout.startswith("\n")
    assert markdown.stdout.count("\n\n# ") == 6  # a blank line before every report but the first


def test_period_option_overrides_and_is_checked(invoke, rsa_hameau: Path) -> None:
    result = invoke("simulate", str(rsa_hameau), "--period", "2024-01", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["period"] == "2024-01"

    for value, expected in [
        ("2026-13", "expected a month YYYY-MM (e.g. 2026-11), got '2026-13'"),
        ("novembre", "expected a month YYYY-MM (e.g. 2026-11), got 'novembre'"),
        ("2009-05", "2009-05 is outside the validated range of every programme"),
    ]:
        bad = invoke("simulate", str(rsa_hameau), "--period", value)
        assert bad.exit_code == 2
        assert bad.stdout == ""
        assert "Invalid value for '--period'" in bad.stderr
        assert expected in bad.stderr


def test_missing_file_is_clicks_usual_error(run_script, tmp_path: Path) -> None:
    result = run_script("simulate", str(tmp_path / "absent.yaml"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unexpected_error_on_one_household_spares_the_others(
    invoke, situation_dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met on one household: one line without personal data, the others still evaluated."""
    import rights_engine.cli.caseload as caseload

    real = caseload.evaluate_many

    def fragile(situations, period=None, partners=None):
        if any(s.id == "boom" for s in situations):
            raise RuntimeError("secret-value-1990-02-03")
        return real(situations, period, partners=partners)

    monkeypatch.setattr(caseload, "evaluate_many", fragile)
    batch = tmp_path / "batch.jsonl"
    ids = ["a", "boom", "c"]
    batch.write_text("".join(json.dumps(situation_dict(id=i)) + "\n" for i in ids))
    result = invoke("simulate", str(batch), "--format", "json", debug=False)
    assert result.exit_code == 2
    assert [json.loads(line)["situation_id"] for line in result.stdout.splitlines()] == ["a", "c"]
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        f"{batch}:2: internal error while evaluating this household (RuntimeError)"
    )
    assert "secret" not in result.stderr and "Traceback" not in result.stderr


def test_main_entry_point_turns_a_crash_into_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import rights_engine.cli.main as main
    import rights_engine.cli.rules as rules

    def broken():
        raise RuntimeError("secret-value")

    monkeypatch.setattr(rules, "programmes", broken)
    monkeypatch.setattr("sys.argv", ["rights-engine", "rules"])
    monkeypatch.delenv(main.DEBUG_VARIABLE, raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("rights-engine: internal error while running the command (RuntimeError)")
    assert err.count("\n") == 1 and "secret" not in err
