"""The local partners directory in the library: loading, look-up by commune, and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import rights_engine
from rights_engine.engine.catalogue import partners
from rights_engine.paths import SITUATIONS_DIR
from rights_engine.situation.models import Situation

HEADER = "directory: 1\nname: Annuaire de test\nupdated: 2026-11-01\nentries:\n"


def entry(partner: str, place: str, name: str, phone: str = "05 00 00 00 00") -> str:
    """One entry; ``place`` is ``departement: "24"`` or ``communes: ["24322"]``."""
    return (
        f"  - partner: {partner}\n    {place}\n    name: {name}\n"
        f'    address: 1 rue de l\'Exemple\n    phone: "{phone}"\n'
    )


def directory(*entries: str) -> rights_engine.PartnersDirectory:
    return rights_engine.parse_partners_directory(HEADER + "".join(entries), "test.yaml")


@pytest.fixture(scope="module")
def example() -> rights_engine.PartnersDirectory:
    return rights_engine.load_partners_directory(SITUATIONS_DIR / "annuaires" / "dordogne.yaml")


def load(situations_dir: Path, name: str) -> Situation:
    return rights_engine.load_situation(situations_dir / f"{name}.yaml")


def situation_in(commune: str | None) -> Situation:
    household = f'household: {{commune: "{commune}"}}\n' if commune else ""
    return rights_engine.parse_situation(
        "schema: 1\nperiod: 2026-11\n" + household + "people:\n"
        "  - {id: a, role: applicant, age: 40, nationality: french, activity: inactive,"
        " incomes: {}}\n"
    )


def test_the_example_directory_is_shipped_and_valid(example) -> None:
    """Loaded from the installed package: the wheel carries situations/annuaires/."""
    assert example.name == "Annuaire des partenaires — Dordogne (exemple)"
    assert {e.partner for e in example.entries} <= set(partners())
    assert {"caf", "cpam", "conseil_departemental", "adil", "banque_de_france", "siao_115"} <= {
        e.partner for e in example.entries
    }
    assert all(e.departement == "24" or e.communes for e in example.entries)


def test_the_example_directory_is_not_read_as_a_situation(example) -> None:
    """It lives in a subfolder, out of the way of the tests that read every situations/*.yaml."""
    assert not list(SITUATIONS_DIR.glob("annuaire*.yaml"))
    with pytest.raises(rights_engine.SituationError):
        rights_engine.load_situation(SITUATIONS_DIR / "annuaires" / "dordogne.yaml")


def test_a_commune_entry_wins_over_the_departement_entry(example) -> None:
    perigueux = example.contact_for("ccas", "24322")
    bergerac = example.contact_for("ccas", "24037")
    assert perigueux is not None and bergerac is not None
    assert (perigueux.name, perigueux.scope) == ("CCAS de Périgueux", "commune 24322")
    assert bergerac.scope == "département 24" and bergerac.name != perigueux.name
    # The order of the entries does not matter.
    commune_first = directory(
        entry("caf", 'communes: ["24322"]', "Antenne de Périgueux"),
        entry("caf", 'departement: "24"', "CAF départementale"),
    )
    local = commune_first.contact_for("caf", "24322")
    assert local is not None and local.name == "Antenne de Périgueux"
    other = commune_first.contact_for("caf", "24037")
    assert other is not None and other.name == "CAF départementale"


@pytest.mark.parametrize(
    ("commune", "departement"),
    [("75108", "75"), ("2A004", "2A"), ("97411", "974"), ("24322", "24")],
    ids=["paris-arrondissement", "corsica", "reunion", "dordogne"],
)
def test_the_departement_of_a_commune(commune: str, departement: str) -> None:
    found = directory(entry("caf", f'departement: "{departement}"', "CAF")).contact_for(
        "caf", commune
    )
    assert found is not None and found.scope == f"département {departement}"
    assert directory(entry("caf", 'departement: "33"', "CAF")).contact_for("caf", commune) is None


def test_the_report_shows_the_local_contact_in_the_departement(situations_dir, example) -> None:
    situation = load(situations_dir, "rsa_permis_hameau")
    assert situation.household.commune is not None and situation.household.commune[:2] == "24"
    report = rights_engine.evaluate(situation, partners=example)
    caf = next(p for p in report.partners if p.id == "caf")
    assert caf.local is not None
    assert caf.local.name == "CAF de la Dordogne"
    assert caf.local.phone.startswith("3230")
    assert caf.local.scope == "département 24"
    departement = next(p for p in report.partners if p.id == "conseil_departemental")
    assert departement.local is not None and departement.local.url == "https://www.dordogne.fr"
    assert any("Annuaire des partenaires — Dordogne (exemple)" in n for n in report.notices)
    # The findings and their ranking do not depend on the directory.
    plain = rights_engine.evaluate(situation)
    assert report.findings == plain.findings


def test_no_local_contact_for_a_household_elsewhere(situations_dir, example) -> None:
    report = rights_engine.evaluate(
        load(situations_dir, "mere_isolee_sans_logement"), partners=example
    )
    assert report.partners and all(p.local is None for p in report.partners)
    assert any(
        "aucun contact pour la commune 33063 ni pour le département 33" in n for n in report.notices
    )


def test_no_commune_no_local_contact_and_a_notice() -> None:
    local = directory(entry("caf", 'departement: "24"', "CAF de la Dordogne"))
    report = rights_engine.evaluate(situation_in(None), partners=local)
    assert report.partners and all(p.local is None for p in report.partners)
    notice = next(n for n in report.notices if n.startswith("Annuaire local"))
    assert "la commune du foyer n'est pas connue" in notice
    assert rights_engine.evaluate(situation_in(None)).notices == [
        n for n in report.notices if n != notice
    ]


def test_json_without_a_directory_has_no_local_key(situations_dir) -> None:
    report = rights_engine.evaluate(load(situations_dir, "rsa_permis_hameau"))
    data = json.loads(report.to_json())
    assert data["partners"]
    assert all(set(p) == {"id", "name", "contact", "url", "handles"} for p in data["partners"])
    assert '"local"' not in report.to_json()


def test_json_with_a_directory_is_byte_identical_across_runs(situations_dir, example) -> None:
    first = rights_engine.evaluate(load(situations_dir, "rsa_permis_hameau"), partners=example)
    again = rights_engine.load_partners_directory(SITUATIONS_DIR / "annuaires" / "dordogne.yaml")
    second = rights_engine.evaluate(load(situations_dir, "rsa_permis_hameau"), partners=again)
    assert first.to_json() == second.to_json()
    caf = next(p for p in json.loads(first.to_json())["partners"] if p["id"] == "caf")
    assert caf["local"]["scope"] == "département 24"
    assert set(caf["local"]) == {"name", "address", "phone", "hours", "email", "url", "scope"}


def test_evaluate_many_gives_each_household_its_own_local_contacts(situations_dir) -> None:
    local = directory(
        entry("caf", 'departement: "24"', "CAF de la Dordogne"),
        entry("caf", 'communes: ["24322"]', "Antenne de Périgueux"),
        entry("caf", 'departement: "33"', "CAF de la Gironde"),
    )
    situations = [
        situation_in("24322"),
        situation_in("24037"),
        situation_in("33063"),
        situation_in(None),
    ]
    reports = rights_engine.evaluate_many(situations, partners=local)
    names = []
    for report in reports:
        caf = next(p for p in report.partners if p.id == "caf")
        names.append(caf.local.name if caf.local else None)
    assert names == ["Antenne de Périgueux", "CAF de la Dordogne", "CAF de la Gironde", None]
    one_by_one = [rights_engine.evaluate(s, partners=local).to_json() for s in situations]
    assert [r.to_json() for r in reports] == one_by_one


def test_a_bad_directory_raises_located_problems() -> None:
    with pytest.raises(rights_engine.PartnersDirectoryError) as error:
        directory(entry("cpm", 'departement: "24"', "CPAM"))
    (problem,) = error.value.problems
    assert (problem.file, problem.line, problem.field) == ("test.yaml", 5, "entries[0].partner")
    assert problem.message.startswith("unknown partner 'cpm' (did you mean 'cpam'?)")
    assert isinstance(error.value, rights_engine.InputError)
    assert not isinstance(error.value, rights_engine.SituationError)


def test_one_partner_twice_for_the_same_commune_is_refused() -> None:
    with pytest.raises(rights_engine.PartnersDirectoryError) as error:
        directory(
            entry("ccas", 'communes: ["24322", "24037"]', "CCAS"),
            entry("ccas", 'communes: ["24037"]', "CCAS bis"),
        )
    assert [str(p) for p in error.value.problems] == [
        "test.yaml:11 entries[1].communes[0]: ccas already has an entry for commune 24037 "
        "(entries[0])"
    ]


def test_texts_are_folded_on_one_line_and_links_checked() -> None:
    local = rights_engine.parse_partners_directory(
        HEADER + '  - partner: caf\n    departement: "24"\n    name: CAF\n'
        '    address: |\n      50 rue de l\'Exemple\n      24000 Périgueux\n    phone: "3230"\n'
        '    hours: "du lundi au vendredi, 9 h - 12 h"\n'
        "    email: accueil@example.fr\n    url: https://www.caf.fr\n"
    )
    found = local.contact_for("caf", "24322")
    assert found is not None and found.address == "50 rue de l'Exemple 24000 Périgueux"
    with pytest.raises(rights_engine.PartnersDirectoryError, match="entries\\[0\\].url: expected"):
        directory(
            entry("caf", 'departement: "24"', "CAF").replace('"\n', '"\n    url: www.caf.fr\n', 1)
        )
