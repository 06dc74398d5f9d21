"""``rights-engine explain`` and ``rights-engine compare``; what-if variants in ``simulate``."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

import rights_engine
from rights_engine.situation.models import Month, date_problems

from .conftest import SITUATIONS


def _with_variants(tmp_path: Path) -> Path:
    data = yaml.safe_load((SITUATIONS / "rsa_permis_hameau.yaml").read_text(encoding="utf-8"))
    data["what_if"] = [
        {"name": "Si elle reprend un emploi", "changes": [{"new_job": {"salary": 900}}]}
    ]
    path = tmp_path / "variantes.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_explain_text_shows_the_amount_its_steps_and_parameters(invoke, rsa_hameau: Path) -> None:
    result = invoke("explain", str(rsa_hameau), "--programme", "rsa")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Revenu de solidarité active (RSA) [rsa] — 2026-11")
    assert "montant estimé : 573,49 €/mois" in lines[1]
    assert "- Revenu de solidarité active = 573,49 €/mois [rsa]" in lines
    assert any(
        "Montant minimum versé = 6,00 €, en vigueur depuis le 2009-06-01" in x for x in lines
    )
    folded = invoke("explain", str(rsa_hameau), "--programme", "rsa", "--depth", "1")
    assert "éléments repliés" in folded.stdout
    assert len(folded.stdout.splitlines()) < len(lines)


def test_explain_json_is_one_explanation_per_programme(invoke, rsa_hameau: Path) -> None:
    result = invoke("explain", str(rsa_hameau), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rsa = next(e for e in data if e["programme"] == "rsa")
    assert round(rsa["amount"]["value"], 2) == 573.49
    assert rsa["rules_version"]


def test_explain_refuses_an_unknown_programme_or_person(invoke, rsa_hameau: Path) -> None:
    result = invoke("explain", str(rsa_hameau), "--programme", "rsaa")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{rsa_hameau} --programme: unknown programme 'rsaa'")
    result = invoke("explain", str(rsa_hameau), "--person", "nobody")
    assert result.exit_code == 2
    assert "--person: unknown person 'nobody'" in result.stderr


def test_compare_two_months_names_the_parameters(invoke, rsa_hameau: Path) -> None:
    result = invoke("compare", str(rsa_hameau), "--from", "2026-03", "--to", "2026-04")
    assert result.exit_code == 0, result.output
    assert "Montant : Revenu de solidarité active (RSA) — 568,94 €/mois → 573,49 €/mois" in (
        result.stdout
    )
    assert "[rsa.montant_forfaitaire.montant_de_base] : 646,52 → 651,69" in result.stdout
    assert "rsa (change pour ce foyer)" in result.stdout


def test_compare_two_situations_in_json(invoke, rsa_hameau: Path) -> None:
    other = SITUATIONS / "mere_isolee_sans_logement.yaml"
    result = invoke("compare", str(rsa_hameau), str(other), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["name"] == "rsa_permis_hameau → mere_isolee_sans_logement"
    assert any(f["programme"] == "rsa" for f in data["findings"])


def test_compare_a_caseload_streams_json_lines_then_totals(invoke, tmp_path: Path) -> None:
    lines = [
        json.dumps(yaml.safe_load(p.read_text(encoding="utf-8")), default=str)
        for p in sorted(SITUATIONS.glob("*.yaml"))
    ]
    caseload = tmp_path / "caseload.jsonl"
    caseload.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    result = invoke(
        "compare", str(caseload), "--from", "2026-03", "--to", "2026-04", "--format", "json"
    )
    assert result.exit_code == 2  # the broken line, reported on stderr; the others compared
    assert f"{caseload}:{len(lines) + 1}" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    *households, last = rows
    assert last["totals"]["households"] == len(lines)
    assert last["totals"]["changed"] == len(households)
    assert all("findings" in h and h["line"] <= len(lines) for h in households)


def test_what_if_variants_in_simulate_and_compare(invoke, tmp_path: Path) -> None:
    path = _with_variants(tmp_path)
    report = invoke("simulate", str(path))
    assert report.exit_code == 0, report.output
    assert "Et si… Si elle reprend un emploi" in report.stdout
    compared = invoke("compare", str(path))
    assert compared.exit_code == 0, compared.output
    assert compared.stdout.startswith("Ce qui change : Si elle reprend un emploi")
    assert "Prime d'activité" in compared.stdout


def test_compare_usage_errors(invoke, rsa_hameau: Path) -> None:
    alone = invoke("compare", str(rsa_hameau))
    assert alone.exit_code == 2 and "no what_if variant" in alone.output
    half = invoke("compare", str(rsa_hameau), "--from", "2026-03")
    assert half.exit_code == 2 and "--from and --to go together" in half.output
    out = invoke("compare", str(rsa_hameau), "--from", "2020-01", "--to", "2026-04")
    assert out.exit_code == 2 and "outside the validated range" in out.output


def test_compare_a_caseload_against_reports_of_earlier_rules(invoke, tmp_path: Path) -> None:
    # The caseload is evaluated in 2026-03: examples with a fact dated after that month (a child
    # born later, a single parent since later) cannot be evaluated then and are left out.
    compared = [
        p
        for p in sorted(SITUATIONS.glob("*.yaml"))
        if not date_problems(rights_engine.load_situation(p), Month("2026-03"))
    ]
    assert 0 < len(compared) < len(list(SITUATIONS.glob("*.yaml")))
    lines = [
        json.dumps(yaml.safe_load(p.read_text(encoding="utf-8")), default=str) for p in compared
    ]
    caseload = tmp_path / "caseload.jsonl"
    caseload.write_text("\n".join(lines) + "\n", encoding="utf-8")
    simulated = invoke("simulate", str(caseload), "--format", "json", "--period", "2026-03")
    assert simulated.exit_code == 0, simulated.output
    # Reports written by rules older than 1.1.0 have no rules_version nor what_if.
    earlier = tmp_path / "earlier.jsonl"
    reports = [json.loads(line) for line in simulated.stdout.splitlines()]
    for report in reports:
        report.pop("rules_version")
        report.pop("what_if")
    earlier.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    same = invoke("compare", str(caseload), "--against", str(earlier), "--period", "2026-03")
    assert same.exit_code == 0, same.output
    unchanged = f"0 foyers sur {len(compared)} changent entre les règles antérieure à 1.1.0 et"
    assert unchanged in same.stdout
    moved = invoke(
        "compare",
        str(caseload),
        "--against",
        str(earlier),
        "--period",
        "2026-04",
        "--format",
        "json",
    )
    *households, totals = [json.loads(line) for line in moved.stdout.splitlines()]
    assert totals["totals"]["from_rules_version"] == "antérieure à 1.1.0"
    hameau = next(h for h in households if h["situation_id"] == "rsa_permis_hameau")
    rsa = next(f for f in hameau["findings"] if f["programme"] == "rsa")
    assert (rsa["amount_before"]["minimum"], rsa["amount_after"]["minimum"]) == (568.94, 573.49)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n", encoding="utf-8")
    refused = invoke("compare", str(caseload), "--against", str(bad))
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"{bad}:1: expected a report of rights-engine")
