"""The report: the output contract of DESIGN.md (findings ranked, partners listed once).

Every model is frozen and serialises to the same JSON for the same input (no timestamps).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from rights_engine.versioning import rules_version

__all__ = [
    "Amount",
    "Deadline",
    "Finding",
    "LegalReference",
    "LocalContact",
    "MissingFact",
    "PartnerContact",
    "PartnerRef",
    "Question",
    "Reason",
    "Report",
    "Verdict",
    "ConditionStatus",
    "Urgency",
    "Comparison",
    "FindingChange",
    "Movement",
    "ParameterChange",
]

Verdict = Literal["likely", "to_confirm", "unlikely"]
Urgency = Literal["emergency", "high", "normal"]
ConditionStatus = Literal["met", "not_met", "unknown", "not_required"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LegalReference(_Model):
    title: str
    href: str


class Amount(_Model):
    """An estimated amount; ``minimum == maximum`` when every fact it depends on is known."""

    minimum: float
    maximum: float
    unit: Literal["EUR/mois", "EUR/an"]

    @property
    def is_range(self) -> bool:
        return self.minimum != self.maximum


class Reason(_Model):
    label: str
    status: ConditionStatus
    reference: LegalReference


class MissingFact(_Model):
    fact: str
    person: str | None
    question: str


class Deadline(_Model):
    date: str
    label: str


class PartnerRef(_Model):
    id: str
    name: str
    bring: list[str]
    ask: str


class Finding(_Model):
    programme: str
    label: str
    person: str | None = None
    """For a right that belongs to a person (AAH, APA…): that person's id; None for a right or
    procedure of the whole household."""
    verdict: Verdict
    estimated_amount: Amount | None
    reasons: list[Reason]
    details: list[str]
    missing: list[MissingFact]
    urgency: Urgency
    deadlines: list[Deadline]
    partners: list[PartnerRef]
    next_steps: list[str]
    rank: int
    rank_reason: str


class LocalContact(_Model):
    """The partner's local office, from the directory a service supplied (``--partners``)."""

    name: str
    address: str
    phone: str
    hours: str | None
    email: str | None
    url: str | None
    scope: str
    """Where the directory entry applies, in French: ``commune 24322`` or ``département 24``."""


class PartnerContact(_Model):
    id: str
    name: str
    contact: str
    url: str | None
    handles: list[str]
    """Labels of the findings of this report that this partner handles."""
    local: LocalContact | None = None
    """The local office when a directory was given and covers the household's commune.

    Left out of the JSON when None, so that a report without a directory is unchanged.
    """

    @model_serializer(mode="wrap")
    def _without_absent_local(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if self.local is None:
            data.pop("local", None)
        return data


class Question(_Model):
    """A question asked once for the whole household, with the rights its answer can change."""

    fact: str
    person: str | None
    question: str
    programmes: list[str]
    """Ids of the findings (programmes) whose verdict or amount the answer can change."""
    at_stake: float
    """Euros per month the answer can move, summed over those findings (widths of their ranges)."""


class LegislationVersion(_Model):
    programme: str
    version: str
    validated_from: str
    validated_to: str


class Report(_Model):
    schema_version: Literal[1] = 1
    engine_version: str
    rules_version: str = Field(default_factory=rules_version)
    """Version of the rule set (``rules/registry.yaml``, CHANGELOG.md) the report was computed
    with."""
    situation_id: str | None
    period: str
    findings: list[Finding]
    questions: list[Question] = []
    """Household-level questions, each once, the most decisive first."""
    partners: list[PartnerContact]
    notices: list[str]
    legislation: list[LegislationVersion]
    what_if: list[Comparison] = []
    """For each what-if variant of the situation (``what_if``), what it changes."""

    def to_json(self) -> str:
        """Stable JSON: same input, byte-identical output."""
        return self.model_dump_json(indent=2) + "\n"


# What changes if: the comparison of two reports (a what-if variant, two situations, two months;
# rights_engine/engine/compare.py builds them).

Movement = Literal["opens", "closes", "verdict", "amount", "rank"]


class FindingChange(_Model):
    """How one finding differs between the two reports (None: absent from that report)."""

    programme: str
    label: str
    person: str | None = None
    changes: list[Movement]
    """``opens`` (unlikely or absent → likely or to confirm), ``closes`` (the reverse),
    ``verdict`` (another change of verdict), ``amount``, ``rank``."""
    verdict_before: Verdict | None
    verdict_after: Verdict | None
    amount_before: Amount | None
    amount_after: Amount | None
    rank_before: int | None
    rank_after: int | None


class ParameterChange(_Model):
    """A parameter whose value differs between two dates."""

    name: str
    label: str
    before: float | str | None
    after: float | str | None
    since: str
    """Date the new value took effect."""
    reference: LegalReference | None
    programmes: list[str]
    """Programmes whose rules read it."""


class Comparison(_Model):
    """What changes from ``before`` to ``after``."""

    name: str
    """What is compared, in French (the variant's name, two files, two months)."""
    before_period: str
    after_period: str
    before_rules_version: str
    after_rules_version: str
    findings: list[FindingChange]
    """Only the findings that change, in the order of the ``after`` report's ranking."""
    new_partners: list[str]
    """Names of the partners to contact after, not before."""
    new_deadlines: list[Deadline]
    parameters: list[ParameterChange] = []
    """Between two months: the parameters whose value changed (same situation)."""

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"
