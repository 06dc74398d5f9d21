"""The worker's page in a real headless Chromium (Debian's package, driven by Selenium through
/usr/bin/chromedriver; nothing is downloaded): how the browser is started, and the helpers the
page's tests share."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from running import Service
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=fr-FR",
    "--window-size=1280,1600",
)
WAIT_SECONDS = 60


@contextmanager
def chromium() -> Iterator[WebDriver]:
    """Headless Chromium with a throw-away profile, quit at the end."""
    for program in (CHROMIUM, CHROMEDRIVER):
        assert Path(program).is_file(), f"{program} is missing: run scripts/ensure_chromium.sh"
    profile = tempfile.mkdtemp(prefix="rights-engine-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=DriverService(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(browser: WebDriver, service: Service) -> None:
    browser.get(service.url + "/")
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true"
    )


def type_into(browser: WebDriver, element_id: str, text: str) -> None:
    field = browser.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def choose(browser: WebDriver, element_id: str, value: str) -> None:
    Select(browser.find_element(By.ID, element_id)).select_by_value(value)


def set_date(browser: WebDriver, element_id: str, value: str) -> None:
    """Date and month fields are set through the DOM, with the change event the browser sends,
    since typing into them depends on the browser's locale."""
    browser.execute_script(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
        "e.dispatchEvent(new Event('change', {bubbles: true}));",
        element_id,
        value,
    )


def text(element: WebElement) -> str:
    return " ".join(element.text.replace("\u00a0", " ").replace("\u202f", " ").split())


def status(browser: WebDriver) -> str:
    return text(browser.find_element(By.ID, "status"))


def wait_for_report(browser: WebDriver) -> None:
    """Wait until the status line says the report is up to date."""
    WebDriverWait(browser, WAIT_SECONDS).until(lambda d: status(d).startswith("Rapport à jour"))


def evaluate(browser: WebDriver, button: WebElement) -> None:
    """Click and wait for a new report."""
    browser.execute_script("document.getElementById('status').textContent = ''")
    button.click()
    wait_for_report(browser)
