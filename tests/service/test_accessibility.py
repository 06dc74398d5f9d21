"""The worker's page is accessible, checked in the real browser (headless Chromium from Debian's
packages, the session's ``browser``): every control has a label, the whole task is done with the
keyboard alone (Tab order, filling, submitting, answering a question, focus brought to the
report), focus is visible with enough contrast, and text and controls have a contrast of at
least 4.5:1 computed from the browser's computed colours.

The checks run in the page (``getComputedStyle``, the DOM's labels, Chromium's own computed
accessible name) on the states a worker meets: the form, the report with its questions and
details open, the access section and the problems of an invalid situation.
"""

from __future__ import annotations

from typing import Any

from browsing import WAIT_SECONDS, choose, evaluate, open_page, set_date, status, text, type_into
from browsing import wait_for_report as _wait_for_report
from running import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

TEXT_CONTRAST = 4.5
"""WCAG 2.2, 1.4.3 (level AA), applied to all text, large or not."""
NON_TEXT_CONTRAST = 3.0
"""WCAG 2.2, 1.4.11 and 2.4.13: borders of controls and the focus indicator."""

# Shared by the scripts below: how a focused element is named in the messages and comparisons.
DESCRIBE = """
const describe = (e) => {
  if (!e || e === document.body || e === document.documentElement) return 'BODY';
  if (e.id) return e.id;
  const words = (e.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
  const n = [...document.getElementsByTagName(e.tagName)].indexOf(e);
  return `${e.tagName.toLowerCase()}[${n}]:${words}`;
};
"""

# Colours as the browser computes them, composed over the ancestors' backgrounds (the canvas is
# white), and the contrast ratio of WCAG 2.2.
COLOURS = """
const parse = (value) => {
  const m = /^rgba?\\(([^)]*)\\)$/.exec(value.trim());
  if (!m) throw new Error(`colour not understood: ${value}`);
  const parts = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
  return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
};
const over = (top, bottom) =>
  [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
const backgroundOf = (element) => {
  const layers = [];
  for (let e = element; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.backgroundImage !== 'none') throw new Error(`background image on ${describe(e)}`);
    const colour = parse(style.backgroundColor);
    if (colour[3] > 0) layers.push(colour);
    if (colour[3] === 1) break;
  }
  return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
};
const luminance = (c) => {
  const [r, g, b] = c.slice(0, 3).map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ratio = (a, b) => {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
};
// Rendered and visible: not hidden, not in a closed details element (whose content Chromium
// keeps laid out under content-visibility: hidden).
const shown = (e) => e.checkVisibility({ visibilityProperty: true });
"""

FOCUSABLE = """
const focusable = () => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]'
)].filter((e) => !e.disabled && e.tabIndex >= 0 && shown(e));
"""

LABELS = """
const words = (t) => (t || '').replace(/\\s+/g, ' ').trim();
const problems = [];
const counts = new Map();
for (const e of document.querySelectorAll('[id]')) counts.set(e.id, (counts.get(e.id) || 0) + 1);
for (const [id, n] of counts) if (n > 1) problems.push(`the id ${id} is used ${n} times`);
const controls = [...document.querySelectorAll(
  'input:not([type=hidden]), select, textarea, button'
)];
for (const c of controls) {
  let label = '';
  const by = c.getAttribute('aria-labelledby');
  if (by) {
    label = by.split(/\\s+/).map((i) => document.getElementById(i))
      .map((e) => (e ? words(e.textContent) : '')).join(' ').trim();
    if (!label) problems.push(`${describe(c)}: aria-labelledby="${by}" names no text`);
  }
  if (!label) label = words(c.getAttribute('aria-label'));
  if (!label && c.id) {
    label = [...document.querySelectorAll(`label[for="${CSS.escape(c.id)}"]`)]
      .map((l) => words(l.textContent)).join(' ').trim();
  }
  if (!label && c.tagName === 'BUTTON') label = words(c.textContent);
  if (!label) problems.push(`${describe(c)}: no label[for], aria-label or aria-labelledby`);
}
return [problems, controls];
"""

CONTRAST = """
const failures = [];
let checked = 0;
const check = (element, foreground, background, minimum, what) => {
  const value = ratio(over(foreground, background), background);
  checked += 1;
  if (value < minimum) {
    failures.push(`${describe(element)} (${what}): ${value.toFixed(2)}:1 < ${minimum}:1 ` +
      `[${foreground.map(Math.round)} on ${background.map(Math.round)}]`);
  }
};
const controls = 'input, select, textarea, button';
for (const e of document.body.querySelectorAll('*')) {
  if (!shown(e) || e.disabled) continue;
  const style = getComputedStyle(e);
  const ownText = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  const control = e.matches(controls) && !['checkbox', 'radio'].includes(e.type);
  if (!ownText && !control) continue;
  const background = backgroundOf(e);
  check(e, parse(style.color), background, arguments[0], 'text');
  if (control && e.tagName !== 'BUTTON') {
    // The edge of a field against what surrounds it.
    const around = backgroundOf(e.parentElement);
    check(e, parse(style.borderTopColor), around, arguments[1], 'border');
  }
}
return [failures, checked];
"""

FOCUS_STYLE = """
const e = document.activeElement;
const style = getComputedStyle(e);
const width = parseFloat(style.outlineWidth) || 0;
const outline = style.outlineStyle !== 'none' && width >= 2;
const shadow = style.boxShadow !== 'none';
let contrast = null;
if (outline) {
  // The outline is drawn around the element, on what surrounds it.
  contrast = ratio(parse(style.outlineColor), backgroundOf(e.parentElement));
}
const box = e.getBoundingClientRect();
return {
  name: describe(e),
  left: box.left + window.scrollX,
  top: box.top + window.scrollY,
  visible: e.matches(':focus-visible'),
  indicator: outline || shadow,
  outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
  shadow: style.boxShadow,
  contrast,
};
"""


def _focused(browser: WebDriver) -> str:
    return str(browser.execute_script(DESCRIBE + "return describe(document.activeElement);"))


def _press(browser: WebDriver, *keys: str) -> None:
    ActionChains(browser).send_keys(*keys).perform()


def _from_the_top(browser: WebDriver) -> None:
    """Put the starting point of sequential focus navigation at the top of the page (Chromium
    keeps it where focus last was, even after blur), as a freshly opened page has it."""
    browser.execute_script(
        "document.body.tabIndex = -1; document.body.focus();"
        "document.body.removeAttribute('tabindex'); document.body.blur(); window.scrollTo(0, 0);"
    )


def _tab(browser: WebDriver) -> str:
    """Press Tab until focus leaves the current element (a date or month field takes one Tab per
    part: day, month, year, its calendar button), and name where it lands."""
    start = _focused(browser)
    for _ in range(6):
        _press(browser, Keys.TAB)
        now = _focused(browser)
        if now != start:
            return now
    raise AssertionError(f"Tab does not leave {start}")


def _tab_to(browser: WebDriver, *expected: str) -> None:
    """Tab through ``expected``, in that order, each the next stop."""
    for name in expected:
        landed = _tab(browser)
        assert landed == name, f"Tab went to {landed}, expected {name}"


def _fill_hamlet(browser: WebDriver, service: Service) -> None:
    """The RSA example of test_page, filled through the DOM (fast), and evaluated."""
    open_page(browser, service)
    type_into(browser, "situation-id", "rsa_hameau")
    set_date(browser, "period", "2026-11")
    type_into(browser, "commune", "24396")
    choose(browser, "housing-status", "hosted_free")
    type_into(browser, "family-benefits", "0")
    set_date(browser, "p0-birth_date", "1992-03-14")
    choose(browser, "p0-nationality", "french")
    choose(browser, "p0-activity", "unemployed")
    browser.find_element(By.ID, "p0-incomes-known").click()
    browser.find_element(By.ID, "add-person").click()
    evaluate(browser, browser.find_element(By.ID, "evaluate"))


def _reveal_everything(browser: WebDriver) -> None:
    """Every part a worker may see at once: the access section (shown on a 401), every details
    element open (the YAML, each finding's conditions and partners)."""
    browser.execute_script(
        "document.getElementById('acces').hidden = false;"
        "for (const d of document.querySelectorAll('details')) d.open = true;"
    )


def _questions(browser: WebDriver) -> list[str]:
    items = browser.find_elements(By.CSS_SELECTOR, "#questions > li")
    return [str(item.get_attribute("data-fact")) for item in items]


def test_the_page_is_in_french(browser: WebDriver, service: Service) -> None:
    open_page(browser, service)
    assert browser.execute_script("return document.documentElement.lang") == "fr"
    assert browser.title.startswith("Orientation vers les droits sociaux")


def test_every_control_has_a_label(browser: WebDriver, service: Service) -> None:
    _fill_hamlet(browser, service)
    _reveal_everything(browser)
    problems, controls = browser.execute_script(DESCRIBE + LABELS)
    assert problems == []
    # Form, second person, YAML, access, report and its questions: nothing left out.
    ids = {control.get_attribute("id") for control in controls}
    assert {"situation-id", "p1-role", "yaml", "token", "evaluate", "print", "q0-0"} <= ids
    # The name Chromium computes for its accessibility tree, as a screen reader reads it.
    unnamed = [
        str(control.get_attribute("outerHTML"))[:100]
        for control in controls
        if not control.accessible_name.strip()
    ]
    assert unnamed == []
    assert browser.find_element(By.ID, "p0-birth_date").accessible_name == "Date de naissance"


def test_tab_order_follows_the_page_and_focus_is_visible(
    browser: WebDriver, service: Service
) -> None:
    _fill_hamlet(browser, service)
    expected = browser.execute_script(
        DESCRIBE + COLOURS + FOCUSABLE + "return focusable().map(describe);"
    )
    assert "evaluate" in expected and "print" in expected and "q0-0" in expected
    positive = browser.execute_script(
        "return [...document.querySelectorAll('[tabindex]')]"
        ".filter((e) => e.tabIndex > 0).map((e) => e.id)"
    )
    assert positive == [], "a positive tabindex breaks the order of the page"
    _from_the_top(browser)
    stops: list[str] = []
    styles: list[dict[str, Any]] = []
    for _ in range(len(expected) + 1):
        landed = _tab(browser)
        if landed == "BODY":  # past the last control: the browser's own interface
            break
        stops.append(landed)
        styles.append(browser.execute_script(DESCRIBE + COLOURS + FOCUS_STYLE))
    assert stops == expected
    # And the page shows them in that order (no CSS moves a control): each next stop is to the
    # right on the same row (a label over two lines may lower the previous field), or below.
    for before, after in zip(styles, styles[1:], strict=False):
        assert after["left"] > before["left"] or after["top"] > before["top"] - 1, (
            f"{after['name']} comes after {before['name']} but is shown above and to its left"
        )
    for style in styles:
        assert style["visible"], f"{style['name']} does not match :focus-visible"
        assert style["indicator"], f"{style['name']}: no focus indicator ({style})"
        if style["contrast"] is not None:
            assert style["contrast"] >= NON_TEXT_CONTRAST, (
                f"{style['name']}: focus outline {style['outline']} has a contrast of "
                f"{style['contrast']:.2f}:1 against its surroundings"
            )


def test_the_whole_task_with_the_keyboard_alone(browser: WebDriver, service: Service) -> None:
    open_page(browser, service)
    _from_the_top(browser)
    # The skip link comes first and leads to the form.
    assert _tab(browser) == "a[0]:Aller à la saisie"
    _press(browser, Keys.ENTER)
    assert _focused(browser) == "saisie-titre"

    _tab_to(browser, "situation-id")
    _press(browser, "clavier")
    _tab_to(browser, "period")
    _press(browser, "11", Keys.TAB, "2026")  # month, then year
    _tab_to(browser, "commune")
    _press(browser, "24396")
    _tab_to(browser, "housing-status")
    _press(browser, "Héb")  # typing selects the choice that starts so
    _tab_to(browser, "rent", "housing-aid", "family-benefits")
    _press(browser, "0")
    _tab_to(browser, "p0-id", "p0-role", "p0-birth_date")
    _press(browser, "03031992")  # the same in either order of day and month
    _tab_to(browser, "p0-nationality")
    _press(browser, "Fran")
    _tab_to(browser, "p0-activity")
    _press(browser, "Au ch")
    _tab_to(browser, "p0-incomes-known")
    _press(browser, Keys.SPACE)
    # Ticked, the incomes open to the keyboard; left empty, they count as 0.
    _tab_to(
        browser,
        "p0-incomes-salary",
        "p0-incomes-unemployment",
        "p0-incomes-pension",
        "p0-incomes-other",
        "add-person",
        "obs-no_shelter_tonight",
    )
    _press(browser, Keys.ARROW_DOWN, Keys.ARROW_DOWN)  # Non renseigné → Oui → Non
    values = browser.execute_script(
        "return Object.fromEntries(['situation-id', 'period', 'commune', 'housing-status',"
        " 'family-benefits', 'p0-birth_date', 'p0-nationality', 'p0-activity',"
        " 'obs-no_shelter_tonight'].map((id) => [id, document.getElementById(id).value]))"
    )
    assert values == {
        "situation-id": "clavier",
        "period": "2026-11",
        "commune": "24396",
        "housing-status": "hosted_free",
        "family-benefits": "0",
        "p0-birth_date": "1992-03-03",
        "p0-nationality": "french",
        "p0-activity": "unemployed",
        "obs-no_shelter_tonight": "false",
    }
    assert browser.find_element(By.ID, "p0-incomes-known").is_selected()
    _tab_to(
        browser,
        "obs-domestic_violence",
        "obs-in_immediate_danger",
        "obs-child_at_risk_reported",
        "obs-parents_overwhelmed",
        "summary[0]:Autres faits : modifier toute la situation en YAML",
        "evaluate",
    )
    _press(browser, Keys.ENTER)
    _wait_for_report(browser)

    # The report is shown, focus is brought to its title, and the status line announces it.
    assert browser.find_element(By.ID, "rapport").is_displayed()
    assert _focused(browser) == "rapport-titre"
    line = browser.find_element(By.ID, "status")
    assert line.get_attribute("role") == "status" and line.get_attribute("aria-live") == "polite"
    first = browser.find_element(By.CSS_SELECTOR, "#findings > li h4")
    assert text(first) == "1. Revenu de solidarité active (RSA)"
    assert "contributes_to_costs" in _questions(browser)

    # A question answered with the keyboard: Tab into the questions, choose, save with Enter.
    question = '#questions > li[data-fact="contributes_to_costs"]'
    item = browser.find_element(By.CSS_SELECTOR, question)
    target = str(item.find_element(By.CSS_SELECTOR, "[data-kind]").get_attribute("id"))
    landed = _tab(browser)
    assert landed == "print"
    while landed != target:
        landed = _tab(browser)
        inside = browser.execute_script(
            "return document.getElementById('questions').contains(document.activeElement)"
        )
        assert inside, f"Tab left the questions at {landed} before reaching {target}"
    _press(browser, Keys.ARROW_DOWN, Keys.ARROW_DOWN)  # Non
    landed = _tab(browser)
    assert text(browser.switch_to.active_element) == "Enregistrer la réponse et réévaluer"
    browser.execute_script("document.getElementById('status').textContent = ''")
    _press(browser, Keys.ENTER)
    _wait_for_report(browser)
    assert "contributes_to_costs" not in _questions(browser)
    assert _focused(browser) == "questions-titre"
    assert status(browser).startswith("Rapport à jour")
    summary = browser.find_element(By.CSS_SELECTOR, "#findings > li .summary")
    assert text(summary) == "droit probable · urgence normale · montant estimé : 573,49 €/mois"


def test_text_and_controls_have_enough_contrast(browser: WebDriver, service: Service) -> None:
    _fill_hamlet(browser, service)
    _reveal_everything(browser)
    # The problems of an invalid situation, shown in the page's alert colour.
    browser.execute_script(
        "const y = document.getElementById('yaml'); y.value = 'people: []\\n';"
        "y.dispatchEvent(new Event('input', {bubbles: true}));"
    )
    browser.find_element(By.ID, "apply-yaml").click()
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: d.find_element(By.ID, "yaml-problems").text.strip() != ""
    )
    failures, checked = browser.execute_script(
        DESCRIBE + COLOURS + CONTRAST, TEXT_CONTRAST, NON_TEXT_CONTRAST
    )
    assert failures == []
    assert checked > 100  # the form, the report, its details: not an empty page
