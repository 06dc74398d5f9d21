"""Every parameter leaf is documented, dated, sourced and used by a rule.

- a label (``metadata.label``) or a ``description``;
- a unit (``metadata.unit``, or for a scale its ``threshold_unit`` / ``rate_unit`` /
  ``amount_unit``);
- a ``reference`` for each dated value: an https link (never a session URL), given under the
  date of that value;
- ``metadata.last_value_still_valid_on`` (YYYY-MM-DD), so that staleness can be reported;
- used by some rule: every part of its dotted path is read (as an attribute, or as a string key)
  in one same file under ``rules/`` — the ``grep`` of the path, across the local names the
  formulas give to intermediate nodes (``mf = parameters(period).rsa.montant_forfaitaire``).
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from typing import Any

from openfisca_core.parameters import Parameter, ParameterScale

from rights_engine.paths import RULES_DIR
from rights_engine.system import CountryTaxBenefitSystem

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
IDENTIFIER_PATH = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")
SCALE_UNITS = ("threshold_unit", "rate_unit", "amount_unit")


def _leaves(tbs: CountryTaxBenefitSystem) -> list[Parameter | ParameterScale]:
    return [
        p for p in tbs.parameters.get_descendants() if isinstance(p, (Parameter, ParameterScale))
    ]


def _dates(leaf: Parameter | ParameterScale) -> set[str]:
    if isinstance(leaf, Parameter):
        return {value.instant_str for value in leaf.values_list}
    dates: set[str] = set()
    for bracket in leaf.brackets:
        for child in bracket.children.values():
            dates.update(value.instant_str for value in child.values_list)
    return dates


def _hrefs(reference: Any) -> list[str]:
    if isinstance(reference, str):
        return [reference]
    if isinstance(reference, dict):
        return [str(reference["href"])] if "href" in reference else []
    if isinstance(reference, list):
        return [href for item in reference for href in _hrefs(item)]
    return []


def test_every_parameter_has_a_label_or_description(tbs: CountryTaxBenefitSystem) -> None:
    missing = sorted(
        leaf.name
        for leaf in _leaves(tbs)
        if not (leaf.metadata.get("label") or (leaf.description or "").strip())
    )
    assert not missing, f"parameters without metadata.label nor description: {missing}"


def test_every_parameter_has_a_unit(tbs: CountryTaxBenefitSystem) -> None:
    missing = sorted(
        leaf.name
        for leaf in _leaves(tbs)
        if not (
            leaf.metadata.get("unit")
            if isinstance(leaf, Parameter)
            else any(leaf.metadata.get(key) for key in ("unit", *SCALE_UNITS))
        )
    )
    assert not missing, f"parameters without metadata.unit: {missing}"


def test_every_dated_value_has_a_reference(tbs: CountryTaxBenefitSystem) -> None:
    problems: list[str] = []
    for leaf in _leaves(tbs):
        reference = leaf.metadata.get("reference")
        if not isinstance(reference, dict):
            problems.append(
                f"{leaf.name}: metadata.reference must map each value's date to its source"
            )
            continue
        by_date = {str(date): source for date, source in reference.items()}
        for date in sorted(_dates(leaf)):
            hrefs = _hrefs(by_date.get(date))
            if not hrefs:
                problems.append(f"{leaf.name}: no reference (with an href) for the value of {date}")
            for href in hrefs:
                if not href.startswith("https://") or "jsessionid" in href.lower():
                    problems.append(f"{leaf.name} ({date}): {href} is not an https permalink")
    assert not problems, "\n".join(problems)


def test_every_parameter_says_until_when_its_last_value_is_known_valid(
    tbs: CountryTaxBenefitSystem,
) -> None:
    problems = []
    for leaf in _leaves(tbs):
        valid_on = str(leaf.metadata.get("last_value_still_valid_on", ""))
        if not DATE.match(valid_on):
            problems.append(
                f"{leaf.name}: last_value_still_valid_on {valid_on!r} (expected YYYY-MM-DD)"
            )
        elif _dates(leaf) and valid_on < max(_dates(leaf)):
            problems.append(
                f"{leaf.name}: last_value_still_valid_on {valid_on} is before its last value"
            )
    assert not problems, "\n".join(problems)


@lru_cache(maxsize=1)
def _names_read_by_each_rule_file() -> tuple[frozenset[str], ...]:
    files = []
    for path in sorted(RULES_DIR.rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if IDENTIFIER_PATH.match(node.value):  # getattr(p, "x") or p["x"]; not prose
                    names.update(node.value.split("."))
        files.append(frozenset(names))
    return tuple(files)


def test_every_parameter_is_used_by_a_rule(tbs: CountryTaxBenefitSystem) -> None:
    files = _names_read_by_each_rule_file()
    unused = sorted(
        leaf.name
        for leaf in _leaves(tbs)
        if not any(set(leaf.name.split(".")) <= names for names in files)
    )
    assert not unused, f"parameters that no file under rules/ reads: {unused}"
