"""Which parameters are due for a check: their last confirmation predates their usual revaluation.

Each parameter says until when its last value is known to be valid
(``metadata.last_value_still_valid_on``). Most amounts are revalued on a fixed day of the year
(1 April for the RSA, the AAH and the BMAF, 1 January for the SMIC and the APA, 1 October for
housing aid). That day is:

- declared by the parameter: ``metadata.revaluation: ["04-01"]`` (days ``MM-DD``), or
  ``revaluation: none`` for a value that changes only with a new text (a legal age, a
  threshold frozen since its decree);
- otherwise read from its history: the days of the year on which it took a new value in at
  least two different years.

A parameter is **stale** on a date when its last revaluation day on or before that date is
later than its ``last_value_still_valid_on``: nobody has checked whether a new value was
published. The listing names the programmes whose rules read it and the legal text of its last
value, which is where to look.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeAlias

from openfisca_core.parameters import Parameter, ParameterScale

from rights_engine.engine.catalogue import programmes
from rights_engine.paths import RULES_DIR
from rights_engine.system import tax_benefit_system

__all__ = [
    "ParameterFreshness",
    "freshness",
    "programmes_reading",
    "revaluation_days",
    "stale_parameters",
]

_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_IDENTIFIER_PATH = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")
Leaf: TypeAlias = Parameter | ParameterScale


@dataclass(frozen=True)
class ParameterFreshness:
    """One parameter: its revaluation days, the last one due, its last confirmation."""

    name: str
    label: str
    revaluation: tuple[str, ...]
    """Days of the year ``MM-DD`` it is usually revalued on; empty: only with a new text."""
    declared: bool
    """Whether ``revaluation`` is declared by the parameter (rather than read from its history)."""
    last_value_date: str
    last_value_still_valid_on: str
    due: str | None
    """The last revaluation day on or before the date asked, or None."""
    programmes: tuple[str, ...]
    reference_title: str
    reference_href: str

    @property
    def stale(self) -> bool:
        return self.due is not None and self.last_value_still_valid_on < self.due


def _dates(leaf: Leaf) -> list[str]:
    if isinstance(leaf, Parameter):
        return sorted(v.instant_str for v in leaf.values_list)
    found: set[str] = set()
    for bracket in leaf.brackets:
        for child in bracket.children.values():
            found.update(v.instant_str for v in child.values_list)
    return sorted(found)


def revaluation_days(leaf: Leaf) -> tuple[tuple[str, ...], bool] | None:
    """The days of the year the parameter is revalued on and whether they are declared; None
    when it neither declares them nor shows them in its history (metadata missing)."""
    declared = leaf.metadata.get("revaluation")
    if declared is not None:
        if declared == "none":
            return (), True
        days = tuple(str(day) for day in declared)
        if days and all(_DAY.match(day) for day in days):
            return tuple(sorted(days)), True
        return None
    years: dict[str, set[str]] = defaultdict(set)
    for date in _dates(leaf):
        years[date[5:]].add(date[:4])
    inferred = tuple(sorted(day for day, seen in years.items() if len(seen) >= 2))
    return (inferred, False) if inferred else None


def _last_due(days: Iterable[str], on: dt.date) -> str | None:
    candidates = []
    for day in days:
        month, number = (int(part) for part in day.split("-"))
        this_year = dt.date(on.year, month, number)
        candidates.append(this_year if this_year <= on else this_year.replace(year=on.year - 1))
    return max(candidates).isoformat() if candidates else None


@lru_cache(maxsize=1)
def _names_by_rule_folder() -> tuple[tuple[str, frozenset[str]], ...]:
    """For each rule file, its folder and every attribute or dotted string it reads."""
    found = []
    for path in sorted(RULES_DIR.rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if _IDENTIFIER_PATH.match(node.value):
                    names.update(node.value.split("."))
        found.append((path.parent.relative_to(RULES_DIR).parts[0], frozenset(names)))
    return tuple(found)


def programmes_reading(parameter: str) -> tuple[str, ...]:
    """Ids of the programmes whose rule folder reads the parameter (every part of its path is
    read in one same file, the test the meta-tests apply), in registry order."""
    parts = set(parameter.split("."))
    folders = {folder for folder, names in _names_by_rule_folder() if parts <= names}
    return tuple(p.id for p in programmes() if p.folder in folders)


def _reference(leaf: Leaf, date: str) -> tuple[str, str]:
    references = leaf.metadata.get("reference")
    source = (
        {str(k): v for k, v in references.items()}.get(date)
        if isinstance(references, dict)
        else None
    )
    if isinstance(source, list) and source:
        source = source[0]
    if isinstance(source, dict):
        return str(source.get("title", "")), str(source.get("href", ""))
    return "", ""


def leaves() -> list[Leaf]:
    """Every parameter and scale of the system, by name."""
    found = [
        leaf
        for leaf in tax_benefit_system().parameters.get_descendants()
        if isinstance(leaf, (Parameter, ParameterScale))
    ]
    return sorted(found, key=lambda leaf: leaf.name)


def freshness(on: dt.date) -> list[ParameterFreshness]:
    """Every parameter whose revaluation days are known, with the last one due on ``on``."""
    found = []
    for leaf in leaves():
        days = revaluation_days(leaf)
        dates = _dates(leaf)
        if days is None or not dates:
            continue
        title, href = _reference(leaf, dates[-1])
        found.append(
            ParameterFreshness(
                name=leaf.name,
                label=str(leaf.metadata.get("label") or leaf.description or leaf.name),
                revaluation=days[0],
                declared=days[1],
                last_value_date=dates[-1],
                last_value_still_valid_on=str(leaf.metadata.get("last_value_still_valid_on")),
                due=_last_due(days[0], on),
                programmes=programmes_reading(leaf.name),
                reference_title=title,
                reference_href=href,
            )
        )
    return found


def stale_parameters(on: dt.date | None = None) -> list[ParameterFreshness]:
    """The parameters to check on ``on`` (default: today), the longest unchecked first."""
    stale = [p for p in freshness(on or dt.date.today()) if p.stale]
    return sorted(stale, key=lambda p: (p.last_value_still_valid_on, p.name))
