"""Freshness: every amount says when it is usually revalued, so that `rules --stale` can tell
the maintainer which values to check (engine/freshness.py)."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from rights_engine.cli.main import cli
from rights_engine.engine.freshness import (
    leaves,
    programmes_reading,
    revaluation_days,
    stale_parameters,
)

CURRENCY_KEYS = ("unit", "amount_unit", "threshold_unit")


def test_every_amount_has_a_revaluation_day_or_says_it_has_none() -> None:
    # An amount in euros is revalued on a fixed day (declared as metadata.revaluation: ["04-01"],
    # or seen in its history: new values on the same day in two different years), or declares
    # `revaluation: none` (set by its text). Without either, staleness cannot be reported.
    missing = sorted(
        leaf.name
        for leaf in leaves()
        if any(leaf.metadata.get(key) == "currency" for key in CURRENCY_KEYS)
        and revaluation_days(leaf) is None
    )
    assert not missing, (
        "amounts without metadata.revaluation (days MM-DD, or none) nor a revaluation history: "
        f"{missing}"
    )


def test_a_declared_revaluation_is_well_formed() -> None:
    bad = sorted(
        leaf.name
        for leaf in leaves()
        if leaf.metadata.get("revaluation") is not None and revaluation_days(leaf) is None
    )
    assert not bad, f"metadata.revaluation must be a list of days MM-DD or none: {bad}"


def test_the_smic_is_due_on_1_january_and_the_rsa_on_1_april() -> None:
    # The SMIC is revalued each 1 January (C. trav. L3231-5), the RSA each 1 April (CASF L262-3).
    january = {p.name: p for p in stale_parameters(dt.date(2027, 1, 2))}
    smic = january["commun.smic.smic_brut_horaire"]
    assert smic.due == "2027-01-01"
    assert smic.last_value_still_valid_on < "2027-01-01"
    assert {"prime_activite", "aah"} <= set(smic.programmes)
    assert "rsa.montant_forfaitaire.montant_de_base" not in january
    april = {p.name: p for p in stale_parameters(dt.date(2027, 4, 1))}
    rsa = april["rsa.montant_forfaitaire.montant_de_base"]
    assert rsa.revaluation == ("04-01",) and rsa.due == "2027-04-01"
    assert rsa.programmes[0] == "rsa"
    assert rsa.reference_href.startswith("https://www.legifrance.gouv.fr/")
    # The day before, nothing revalued on 1 April is due yet.
    march = {p.name for p in stale_parameters(dt.date(2027, 3, 31))}
    assert "rsa.montant_forfaitaire.montant_de_base" not in march


def test_a_parameter_is_attached_to_the_programmes_whose_rules_read_it() -> None:
    assert programmes_reading("rsa.montant_forfaitaire.montant_de_base")[0] == "rsa"
    assert "aah" in programmes_reading("aah.montant")
    assert programmes_reading("no.such.parameter") == ()


def test_rules_stale_lists_the_parameters_to_check() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["rules", "--stale", "--on", "2027-01-02"])
    assert result.exit_code == 0, result.output
    assert "commun.smic.smic_brut_horaire" in result.output
    assert "revalorisation due le 2027-01-01" in result.output
    listing = json.loads(
        runner.invoke(cli, ["rules", "--stale", "--on", "2027-01-02", "--format", "json"]).output
    )
    smic = next(p for p in listing if p["parameter"] == "commun.smic.smic_brut_horaire")
    assert smic["due"] == "2027-01-01" and "aah" in smic["programmes"]
    bad = runner.invoke(cli, ["rules", "--stale", "--on", "2027-13-02"])
    assert bad.exit_code == 2
    assert "expected a date YYYY-MM-DD" in bad.output
