"""The report: the output contract of DESIGN.md (findings ranked, partners listed once).

Every model is frozen and serialises to the same JSON for the same input (no timestamps).
"""

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
    "Advice",
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
    "Synthesis",
    "SynthesisItem",
    "SynthesisPartner",
    "SynthesisQuestion",
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
    estimate: float | None = None
    """Within the range, the amount estimated from the declared incomes when only the revenu
    fiscal de référence is unknown (an estimate, not a fact); left out of the JSON when None."""

    @property
    def is_range(self) -> bool:
        return self.minimum != self.maximum

    @model_serializer(mode="wrap")
    def _without_absent_estimate(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if self.estimate is None:
            data.pop("estimate", None)
        return data


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


class SynthesisItem(_Model):
    """One finding as the synthesis shows it: one line, with what to do or what decides it."""

    programme: str
    person: str | None
    label: str
    amount: Amount | None
    note: str
    """In French: what to do today (an emergency), or which questions decide it (to confirm)."""


class Advice(_Model):
    """A sentence of the synthesis on which right to claim first, a right that opens later or a
    procedure's time limit, with the legal references it rests on (linked, never cited bare)."""

    text: str
    references: list[LegalReference] = []


class SynthesisQuestion(_Model):
    """A question of :attr:`Report.questions`, numbered as in the full list."""

    number: int
    question: str
    decides: list[str]
    """Labels of the findings its answer can change."""


class SynthesisPartner(_Model):
    """A partner to contact, once, with the documents of all its findings merged."""

    id: str
    name: str
    contact: str
    local: LocalContact | None = None
    """Left out of the JSON when None, as for :class:`PartnerContact`."""
    handles: list[str]
    bring: list[str]

    @model_serializer(mode="wrap")
    def _without_absent_local(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if self.local is None:
            data.pop("local", None)
        return data


class Synthesis(_Model):
    """The first screen of the report: what a worker reads in one minute.

    Built by the library from the ranked findings and the household's questions, so that every
    format (text, Markdown, JSON, HTML, the HTTP service) opens with the same synthesis.
    """

    emergencies: list[SynthesisItem]
    """Emergencies and high-urgency orientations, with what to do today."""
    likely: list[SynthesisItem]
    """Rights likely due (not already received), with their amounts."""
    monthly_total: float
    """€/month the household could receive beyond what it declares: the likely rights not
    already received (a yearly amount counts for a twelfth; of rights that exclude each other,
    only the one to claim first)."""
    to_confirm: list[SynthesisItem]
    """Rights to confirm, most decisive first; the others are in :attr:`to_confirm_others`."""
    to_confirm_others: list[str]
    questions: list[SynthesisQuestion]
    """The first questions of :attr:`Report.questions` (the most decisive)."""
    questions_total: int
    screening: list[SynthesisItem]
    """The generic checks (energy, debts, violence…) that nothing in the situation
    points to: not listed as rights to confirm, their question is asked once in the list."""
    advice: list[Advice]
    """In French: which right to claim first when rights exclude or follow each other, and why;
    rights that open at a known future date; time limits of a procedure under way."""
    partners: list[SynthesisPartner]
    dates: list[Deadline]
    unlikely: list[str]
    """Labels of the findings set aside as unlikely, for the record."""


class LegislationVersion(_Model):
    programme: str
    version: str
    validated_from: str
    validated_to: str


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


class Report(_Model):
    schema_version: Literal[1] = 1
    engine_version: str
    rules_version: str = Field(default_factory=rules_version)
    """Version of the rule set (``rules/registry.yaml``, CHANGELOG.md) the report was computed
    with."""
    situation_id: str | None
    period: str
    synthesis: Synthesis | None = None
    """The one-screen synthesis; always filled by :func:`rights_engine.evaluate`."""
    findings: list[Finding]
    questions: list[Question] = []
    """Household-level questions, each once, the most decisive first."""
    partners: list[PartnerContact]
    notices: list[str]
    legislation: list[LegislationVersion]
    what_if: list[Comparison] = []
    """For each what-if variant of the situation (``what_if``), what it changes."""

    input_line: int | None = None
    """The line of the household in its JSON Lines batch, set by the command line so that each
    report can be matched to its input line when bad lines are skipped. Left out of the JSON
    when None, so that the report of a single situation is unchanged."""

    @model_serializer(mode="wrap")
    def _without_absent_input_line(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if self.input_line is None:
            data.pop("input_line", None)
        return data

    def to_json(self) -> str:
        """Stable JSON: same input, byte-identical output."""
        return self.model_dump_json(indent=2) + "\n"
