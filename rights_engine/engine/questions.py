"""The household's questions: each missing fact once, with the findings it can change.

Findings carry their own ``missing`` facts; the report asks each (fact, person) once, ordered by
what the answer can change: urgency of the findings it concerns, how many of them, euros at stake.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rights_engine.report import Finding, Question

__all__ = ["household_questions"]

MONTHS_PER_YEAR = 12
_URGENCY_WEIGHT = {"emergency": 2, "high": 1, "normal": 0}


def _width_monthly(finding: Finding) -> float:
    amount = finding.estimated_amount
    if amount is None:
        return 0.0
    width = amount.maximum - amount.minimum
    return width / MONTHS_PER_YEAR if amount.unit == "EUR/an" else width


@dataclass
class _Gathered:
    question: str
    programmes: list[str] = field(default_factory=list)
    at_stake: float = 0.0
    urgency: int = 0


def household_questions(findings: list[Finding]) -> list[Question]:
    """One question per (fact, person), in order of what its answer can change."""
    gathered: dict[tuple[str, str | None], _Gathered] = {}
    for finding in findings:
        for missing in finding.missing:
            entry = gathered.setdefault((missing.fact, missing.person), _Gathered(missing.question))
            if finding.programme not in entry.programmes:
                entry.programmes.append(finding.programme)
                entry.at_stake += _width_monthly(finding)
            entry.urgency = max(entry.urgency, _URGENCY_WEIGHT[finding.urgency])
    ordered = sorted(
        gathered.items(),
        key=lambda item: (-item[1].urgency, -len(item[1].programmes), -item[1].at_stake),
    )
    return [
        Question(
            fact=fact,
            person=person,
            question=entry.question,
            programmes=entry.programmes,
            at_stake=round(entry.at_stake, 2),
        )
        for (fact, person), entry in ordered
    ]
