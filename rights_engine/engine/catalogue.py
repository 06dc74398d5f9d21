"""Programme metadata (``rules/registry.yaml`` and each ``rules/<folder>/programme.yaml``) and the
partner catalogue (``data/partners.yaml``), read once and validated with pydantic.

Both are kept on disk between runs (:mod:`rights_engine.disk_cache`, keyed by these files, this
module and pydantic's version): a cold start reads them back without parsing some thirty YAML
files nor building the validators of these models (``defer_build``: a model's validator is
built on its first use only).
"""

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from rights_engine import disk_cache
from rights_engine.paths import DATA_DIR, RULES_DIR

__all__ = [
    "Condition",
    "DeadlineRule",
    "LegalReference",
    "Partner",
    "PartnerUse",
    "Programme",
    "partners",
    "programmes",
]

Urgency = Literal["emergency", "high", "normal"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class LegalReference(_Model):
    title: str
    href: str = Field(pattern=r"^https://")


class _Labelled(_Model):
    label: str
    label_not_single_parent: str | None = None
    """The label for a household that cannot be a single parent (a couple, or nobody with a
    child or expecting one): without the "parent isolé" exception that cannot apply to it."""

    def label_for(self, single_parent_possible: bool) -> str:
        """The label that follows the household."""
        if single_parent_possible or self.label_not_single_parent is None:
            return self.label
        return self.label_not_single_parent


class Condition(_Labelled):
    variable: str
    reference: LegalReference
    facts: list[str] = []
    waived_by: str | None = None
    unconfirmed_by: str | None = None
    """A boolean variable: when true, a met condition is reported as unknown (rule not
    confirmed)."""


class Detail(_Labelled):
    variable: str
    reference: LegalReference
    unit: Literal["EUR", "nombre", "pourcentage", "jours"] = "EUR"
    """How a numeric value reads: euros (default), a plain number, or a share shown in %."""
    shown_when_zero: bool = True
    """False: left out when it is 0 in both completions (e.g. a reduction that does not apply)."""
    only_when_certain: bool = False
    """A boolean detail shown only when it holds whatever the unknown facts (e.g. a declared
    amount below the computed one: an amount left unknown declares nothing)."""


class Amount(_Model):
    variable: str
    unit: Literal["EUR/mois", "EUR/an"]
    facts: list[str] = []
    zero_reason: str = "le calcul donne 0 avec les ressources et la situation connues du foyer"
    """Why the amount is nil when every condition is met, in the report's French."""


class PartnerUse(_Model):
    id: str
    bring: list[str] = []
    ask: str
    ask_without_children: str | None = None
    """The request for a household without a child (nor one expected): no "enfants" to mention."""

    def ask_for(self, with_children: bool) -> str:
        """The request that follows the household."""
        if with_children or self.ask_without_children is None:
            return self.ask
        return self.ask_without_children


class DeadlineRule(_Model):
    """A date variable shown as a deadline when it falls on or after the evaluated month."""

    variable: str
    label: str


class ProgrammeRules(_Model):
    entity: Literal["individu", "famille", "menage"]
    individual: bool = False
    """A right that belongs to a person (AAH, APA…): evaluated and reported for each adult of the
    household (``Finding.person``), its variables read on that person."""
    amount: Amount | None = None
    conditions: list[Condition]
    details: list[Detail] = []
    urgency: Urgency = "normal"
    urgency_variable: str | None = None
    """An Enum variable (``TypesUrgence``: normal / high / emergency) that overrides ``urgency``."""
    deadlines: list[DeadlineRule] = []
    partners: list[PartnerUse]
    next_steps: list[str] = []


class Programme(_Model):
    """A registry entry joined with its orientation metadata."""

    id: str
    label: str
    legal_basis: str
    folder: str
    entry_variables: list[str]
    status: Literal["complete", "partial", "orientation"]
    version: str
    validated_from: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    validated_to: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    rules: ProgrammeRules

    def covers(self, month: str) -> bool:
        return self.validated_from <= month <= self.validated_to


class Partner(_Model):
    name: str
    handles: str
    contact: str
    url: str | None = None


def programmes() -> tuple[Programme, ...]:
    """Every programme of the registry, in registry order."""
    return _catalogue()[0]


def partners() -> dict[str, Partner]:
    """The national partner catalogue, by id."""
    return _catalogue()[1]


_PARTNERS_FILE = DATA_DIR / "partners.yaml"


@lru_cache(maxsize=1)
def _catalogue() -> tuple[tuple[Programme, ...], dict[str, Partner]]:
    """The programmes and the partners, from the cache on disk when no file changed."""
    sources = [RULES_DIR / "registry.yaml", *sorted(RULES_DIR.glob("*/programme.yaml"))]
    sources += [_PARTNERS_FILE, Path(__file__)]  # this module defines what is pickled
    versions = f"pydantic {pydantic.VERSION}"
    catalogue: tuple[tuple[Programme, ...], dict[str, Partner]]
    catalogue = disk_cache.load("catalogue", sources, _read_catalogue, versions)
    return catalogue


def _read_catalogue() -> tuple[tuple[Programme, ...], dict[str, Partner]]:
    from rights_engine.yaml_files import read_yaml  # PyYAML: only when the cache cannot answer

    registry = read_yaml(RULES_DIR / "registry.yaml")
    found = []
    for entry in registry["programmes"]:
        rules = read_yaml(RULES_DIR / entry["folder"] / "programme.yaml")
        found.append(Programme.model_validate({**entry, "rules": rules}))
    data = read_yaml(_PARTNERS_FILE)
    known = {key: Partner.model_validate(value) for key, value in data["partners"].items()}
    return tuple(found), known


def today_month() -> str:
    today = dt.date.today()
    return f"{today.year:04d}-{today.month:02d}"
