"""The worker's page in a real headless Chromium (Debian's package, driven by Selenium through
/usr/bin/chromedriver; nothing is downloaded): two example situations filled in the form, the
first finding and the questions checked, one question answered and the report seen to change.

Screenshots are kept for review in ``test-screenshots/`` at the top of the checkout (or in
``$RIGHTS_ENGINE_SCREENSHOTS``). Date and month fields are set through the DOM, with the change
event the browser sends, since typing into them depends on the browser's locale.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browsing import WAIT_SECONDS
from browsing import choose as _choose
from browsing import evaluate as _evaluate
from browsing import open_page as _open
from browsing import set_date as _set_date
from browsing import text as _text
from browsing import type_into as _type
from running import REPOSITORY, Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("RIGHTS_ENGINE_SCREENSHOTS", REPOSITORY / "test-screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _findings(browser: WebDriver) -> list[WebElement]:
    return browser.find_elements(By.CSS_SELECTOR, "#findings > li")


def _questions(browser: WebDriver) -> list[str]:
    items = browser.find_elements(By.CSS_SELECTOR, "#questions > li")
    return [str(item.get_attribute("data-fact")) for item in items]


def _shot(browser: WebDriver, shots: Path, name: str) -> None:
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(int(height), 12000))
    assert browser.save_screenshot(str(shots / f"{name}.png"))
    browser.set_window_size(1280, 1600)


def _answer(browser: WebDriver, fact: str, values: dict[int, str]) -> None:
    """Answer the question of ``fact``: value of each of its fields, by position."""
    item = browser.find_element(By.CSS_SELECTOR, f'#questions > li[data-fact="{fact}"]')
    for position, value in values.items():
        control = item.find_elements(By.CSS_SELECTOR, "[data-kind]")[position]
        if control.tag_name == "select":
            Select(control).select_by_value(value)
        else:
            control.clear()
            control.send_keys(value)
    _evaluate(browser, item.find_element(By.TAG_NAME, "button"))


def test_lone_mother_without_shelter(browser: WebDriver, service: Service, shots: Path) -> None:
    _open(browser, service)
    _type(browser, "situation-id", "mere_isolee")
    _set_date(browser, "period", "2026-11")
    _type(browser, "commune", "33063")
    _choose(browser, "housing-status", "homeless")
    _type(browser, "housing-aid", "0")
    _type(browser, "family-benefits", "0")
    _type(browser, "p0-id", "mere")
    _set_date(browser, "p0-birth_date", "2003-02-10")
    _choose(browser, "p0-nationality", "french")
    _choose(browser, "p0-activity", "inactive")
    browser.find_element(By.ID, "p0-incomes-known").click()
    browser.find_element(By.ID, "add-person").click()
    _type(browser, "p1-id", "enfant")
    _choose(browser, "p1-role", "child")
    _set_date(browser, "p1-birth_date", "2024-06-20")
    for name, value in (
        ("no_shelter_tonight", "true"),
        ("domestic_violence", "true"),
        ("in_immediate_danger", "false"),
        ("child_at_risk_reported", "false"),
        ("parents_overwhelmed", "false"),
    ):
        _choose(browser, f"obs-{name}", value)
    # The rest in YAML: lone parent since this month, no benefit received yet.
    browser.find_element(By.CSS_SELECTOR, "#yaml-panel summary").click()
    yaml_box = browser.find_element(By.ID, "yaml")
    text = str(yaml_box.get_attribute("value"))
    assert 'commune: "33063"' in text
    text = text.replace(
        "household:\n", 'household:\n  single_parent_since: "2026-11"\n  benefits_received: []\n'
    )
    browser.execute_script("arguments[0].value = arguments[1]", yaml_box, text)
    yaml_box.send_keys(" ")  # an input event, as typing gives
    browser.find_element(By.ID, "apply-yaml").click()
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: _text(d.find_element(By.ID, "status")).startswith("Situation mise à jour")
    )
    assert browser.find_element(By.ID, "commune").get_attribute("value") == "33063"
    _shot(browser, shots, "1-mere-isolee-formulaire")

    _evaluate(browser, browser.find_element(By.ID, "evaluate"))
    first = _findings(browser)[0]
    assert _text(first.find_element(By.TAG_NAME, "h4")) == "1. Hébergement d'urgence (115 / SIAO)"
    assert "urgence immédiate" in _text(first.find_element(By.CLASS_NAME, "summary"))
    assert "Revenu de solidarité active (RSA)" in _text(browser.find_element(By.ID, "synthesis"))
    questions = _questions(browser)
    assert "debts" in questions and "energy_debt" in questions
    assert "no_shelter_tonight" not in questions  # observed: not asked again
    listed = {f.get_attribute("data-programme") for f in _findings(browser)}
    assert "surendettement" in listed
    _shot(browser, shots, "2-mere-isolee-rapport")

    # No debt: the question goes, and the over-indebtedness file leaves the rights to check.
    _answer(browser, "debts", {0: "0", 1: "0"})
    assert "debts" not in _questions(browser)
    listed = {f.get_attribute("data-programme") for f in _findings(browser)}
    assert "surendettement" not in listed
    first = _findings(browser)[0]
    assert _text(first.find_element(By.TAG_NAME, "h4")) == "1. Hébergement d'urgence (115 / SIAO)"
    _shot(browser, shots, "3-mere-isolee-apres-reponse")


def test_rsa_in_a_hamlet(browser: WebDriver, service: Service, shots: Path) -> None:
    _open(browser, service)
    _type(browser, "situation-id", "rsa_hameau")
    _set_date(browser, "period", "2026-11")
    _type(browser, "commune", "24396")
    _choose(browser, "housing-status", "hosted_free")
    _type(browser, "family-benefits", "0")
    _type(browser, "p0-id", "demandeur")
    _set_date(browser, "p0-birth_date", "1992-03-14")
    _choose(browser, "p0-nationality", "french")
    _choose(browser, "p0-activity", "unemployed")
    browser.find_element(By.ID, "p0-incomes-known").click()
    _evaluate(browser, browser.find_element(By.ID, "evaluate"))

    first = _findings(browser)[0]
    assert _text(first.find_element(By.TAG_NAME, "h4")) == "1. Revenu de solidarité active (RSA)"
    summary = _text(first.find_element(By.CLASS_NAME, "summary"))
    assert summary.startswith("droit probable")
    questions = _questions(browser)
    # Hosted free of charge, whether the person pays part of the costs is asked.
    assert "contributes_to_costs" in questions and "domestic_violence" in questions
    _shot(browser, shots, "4-rsa-hameau-rapport")

    _answer(browser, "contributes_to_costs", {0: "false"})
    assert "contributes_to_costs" not in _questions(browser)
    first = _findings(browser)[0]
    assert _text(first.find_element(By.CLASS_NAME, "summary")) == (
        "droit probable · urgence normale · montant estimé : 573,49 €/mois"
    )
    _answer(browser, "domestic_violence", {0: "false"})
    assert "domestic_violence" not in _questions(browser)
    listed = {f.get_attribute("data-programme") for f in _findings(browser)}
    assert "violences_conjugales" not in listed
    _shot(browser, shots, "5-rsa-hameau-apres-reponses")
