"""The household's questions: each unknown fact once, with the findings its answer can change.

A fact is asked for a finding only if the completions show that answering it can change that
finding's verdict, amount or urgency (``findings.Impact``). The household's list asks each
(fact, person) once and orders the questions by what the answer can change: a right that is an
emergency first, then the number of rights the answer can open or close, the euros per month at
stake, the urgency of the rights concerned, and the number of rights concerned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rights_engine.engine.facts import FACTS, FactRef
from rights_engine.engine.findings import Impact, describe_person
from rights_engine.report import Finding, Question
from rights_engine.situation.models import Situation

__all__ = ["household_questions"]

_URGENCY_WEIGHT = {"emergency": 2, "high": 1, "normal": 0}


@dataclass
class _Gathered:
    programmes: list[str] = field(default_factory=list)
    opens: set[str] = field(default_factory=set)
    at_stake: float = 0.0
    urgency: int = 0
    emergency: bool = False


def _question_text(situation: Situation, ref: FactRef) -> str:
    person = situation.people[ref.person] if ref.person is not None else None
    text = FACTS[ref.fact].question.format(
        person=describe_person(person) if person else "la personne"
    )
    return text[0].upper() + text[1:]


def household_questions(
    situation: Situation, findings: list[Finding], impacts: list[dict[FactRef, Impact]]
) -> list[Question]:
    """One question per unknown (fact, person) that can change a finding, the most decisive
    first; ``impacts[i]`` is what each fact can change in ``findings[i]``."""
    gathered: dict[FactRef, _Gathered] = {}
    for finding, impact in zip(findings, impacts, strict=True):
        key = finding.programme
        for ref, change in impact.items():
            entry = gathered.setdefault(ref, _Gathered())
            if key not in entry.programmes:
                entry.programmes.append(key)
            if change.opens_or_closes:
                entry.opens.add(f"{finding.programme}/{finding.person}")
                if change.urgency == "emergency":
                    entry.emergency = True
            entry.at_stake += change.at_stake
            entry.urgency = max(entry.urgency, _URGENCY_WEIGHT[change.urgency])
    ordered = sorted(
        gathered.items(),
        key=lambda item: (
            not item[1].emergency,
            -len(item[1].opens),
            -round(item[1].at_stake, 2),
            -item[1].urgency,
            -len(item[1].programmes),
            item[0],
        ),
    )
    return [
        Question(
            fact=ref.fact,
            person=situation.people[ref.person].id if ref.person is not None else None,
            question=_question_text(situation, ref),
            programmes=entry.programmes,
            at_stake=round(entry.at_stake, 2),
        )
        for ref, entry in ordered
    ]
